import { BANDE_PREDEFINITE, calcolaLinea, Indicatore, Linea, Obiettivo } from "../../src/engine";
import { regolaVera } from "../../src/excel-finto/formula-condizionale";
import { creaPatch, OpzioniPatch, Patch } from "../../src/layout/patch";
import { RegolaCondizionale, regoleCondizionali } from "../../src/layout/regole-condizionali";
import { daRiga, ind, obiettivo } from "../support/modello";

// «Formule di Excel»: where the % Ragg cell holds Barometro's own % Ragg formula after the write,
// the conditional-format rules and the Barometro label read that cell instead of computing % Ragg
// again (src/layout/formule-celle.ts, sorgenteCellaExcel). Elsewhere, and in «valori» and PERF
// modes, they compute it from atteso and consuntivo as before.

const linea = (obiettivi: Obiettivo[]): Linea => ({ nome: "L", foglio: "F", obiettivi });
const scritte = (patch: Patch) => Object.fromEntries(patch.scritture.map((s) => [s.cella, s]));

/** The label formulas and the rules one write gives, in a mode («excel», «valori», «perf»). */
function scrivi(l: Linea, modo: "excel" | "valori" | "perf") {
  const opzioni: OpzioniPatch = { condizionale: true, formuleExcel: modo === "excel", formule: modo === "perf" };
  const r = [calcolaLinea(l)];
  return {
    celle: scritte(creaPatch([l], r, opzioni)),
    regole: regoleCondizionali([l], r, undefined, modo === "excel"),
  };
}

/** The rules covering a Barometro cell ("M7"). */
const regoleDi = (rs: RegolaCondizionale[], cella: string) => {
  const r = Number(cella.slice(1));
  return rs.filter((x) =>
    x.aree.some((a) => {
      const [da, a2 = da] = a.split(":").map((p) => Number(p.slice(1)));
      return da <= r && r <= a2;
    })
  );
};

const V = (r: number, col = "L") => `IF(ISNUMBER($${col}${r}),$${col}${r},-1)`;
const ETICHETTE = '"Non raggiunto","Parzialmente raggiunto","Raggiunto"';

describe("«formule di Excel»: rules and label read the % Ragg cell Barometro's formula computes", () => {
  beforeEach(() => daRiga(7));

  it("the label formula and the rules read $L7, on the cell's scale; ↑ and ↓ rows share their rules", () => {
    const a = ind({ atteso: 50, consuntivo: 39 }); // 78 %: parziale
    const b = ind({ atteso: 10, consuntivo: 4, polarita: "↓" }); // ↓: 100 %
    const c = ind({ atteso: 1200, consuntivo: 500, scalaRagg: "frazione" });
    const l = linea([obiettivo("o", [a, b, c])]);
    const { celle, regole } = scrivi(l, "excel");
    // The % Ragg cells get Barometro's formula…
    expect(["L7", "L8", "L9"].every((k) => /^=IF\(AND\(ISNUMBER/.test(celle[k].formula ?? ""))).toBe(true);
    // …and the label reads them.
    expect(celle.M7.formula).toBe(
      `=IFERROR(CHOOSE((${V(7)}>=0)+(${V(7)}>=70)+(${V(7)}>=90),${ETICHETTE}),"Parzialmente raggiunto")&T(N("barometro"))`
    );
    expect(celle.M8.formula).toBe(
      `=IFERROR(CHOOSE((${V(8)}>=0)+(${V(8)}>=70)+(${V(8)}>=90),${ETICHETTE}),"Raggiunto")&T(N("barometro"))`
    );
    // A fraction cell (0.78 with a % format): the thresholds on its scale.
    expect(celle.M9.formula).toContain(`(${V(9)}>=0)+(${V(9)}>=0.7)+(${V(9)}>=0.9)`);
    // Rules: the percent rows (↑ and ↓ alike) in one group, the fraction row in another.
    expect(regole.map((r) => [r.aree.join(" "), r.formula.replace(/\+0\*N\(.*$/, "")])).toEqual([
      ["M7:M8", `=((${V(7)}>=0)+(${V(7)}>=70)+(${V(7)}>=90)=1)`],
      ["M7:M8", `=((${V(7)}>=0)+(${V(7)}>=70)+(${V(7)}>=90)=2)`],
      ["M7:M8", `=((${V(7)}>=0)+(${V(7)}>=70)+(${V(7)}>=90)=3)`],
      ["M9", `=((${V(9)}>=0)+(${V(9)}>=0.7)+(${V(9)}>=0.9)=1)`],
      ["M9", `=((${V(9)}>=0)+(${V(9)}>=0.7)+(${V(9)}>=0.9)=2)`],
      ["M9", `=((${V(9)}>=0)+(${V(9)}>=0.7)+(${V(9)}>=0.9)=3)`],
    ]);
    // Several times shorter than computing % Ragg in every formula («valori»).
    const valori = scrivi(linea([obiettivo("o", [ind({ atteso: 50, consuntivo: 39 })])]), "valori");
    const lunghezze = [regole[0], valori.regole[0]].map((r) => r.formula.length);
    const etichette = [celle.M7, valori.celle.M10].map((c) => c.formula!.length);
    expect(lunghezze[0]).toBeLessThan(140);
    expect(lunghezze[1]).toBeGreaterThan(2.5 * lunghezze[0]);
    expect(etichette[0]).toBeLessThan(230);
    expect(etichette[1]).toBeGreaterThan(2 * etichette[0]);
  });

  it("the colour and the label follow the % Ragg cell: what Excel recalculates there is what they show", () => {
    const l = linea([obiettivo("o", [ind({ atteso: 50, consuntivo: 39 }), ind({ scalaRagg: "frazione" })])]);
    const { regole } = scrivi(l, "excel");
    const colore = (cella: string, valori: Record<string, number | string | null>) =>
      regoleDi(regole, cella).find((r) =>
        regolaVera(r.formula, {
          valore: (rr, cc) => valori[`${String.fromCharCode(65 + cc)}${rr + 1}`] ?? null,
          spostamento: { righe: Number(cella.slice(1)) - Number(r.aree[0].split(":")[0].slice(1)), colonne: 0 },
        })
      )?.fascia ?? null;
    expect(colore("M7", { L7: 78 })).toBe("parziale");
    expect(colore("M7", { L7: 95, G7: 1000, H7: 1 })).toBe("raggiunto"); // atteso and consuntivo not read
    expect(colore("M7", { L7: "" })).toBeNull(); // data missing: "" in % Ragg, no rule (the static fill shows)
    expect(colore("M8", { L8: 0.9 })).toBe("raggiunto");
    expect(colore("M8", { L8: 0.5 })).toBe("non_raggiunto");
  });

  it("«valori» and PERF: the % Ragg cell does not follow edits (a value) or is #NAME? without the add-in: they compute % Ragg", () => {
    for (const modo of ["valori", "perf"] as const) {
      daRiga(7);
      const l = linea([obiettivo("o", [ind({ atteso: 50, consuntivo: 39 })])]);
      const { celle, regole } = scrivi(l, modo);
      expect(celle.L7.formula ?? "").not.toMatch(/^=IF\(AND/);
      const calcolo = "IF(AND(ISNUMBER($G7),ISNUMBER($H7)),IF($H7>=$G7,100,IF($G7=0,0,MAX(0,$H7/$G7*100))),-1)";
      expect(celle.M7.formula).toContain(`CHOOSE((${calcolo}>=0)+`);
      expect(regole.every((r) => r.formula.startsWith(`=((${calcolo}>=0)+`))).toBe(true);
      expect(celle.M7.formula).not.toContain("ISNUMBER($L7)");
    }
  });

  it("rows whose % Ragg cell does not get Barometro's formula compute % Ragg, or read the user's formula (as before)", () => {
    const casi: [string, Partial<Indicatore>, "calcolo" | "cella"][] = [
      ["numbers stored as text (the row gets values)", { atteso: "1.545", consuntivo: "1.200" }, "calcolo"],
      ["a date (the row gets values)", { atteso: new Date(2024, 0, 1) }, "calcolo"],
      ["% Ragg stored as text", { scalaRagg: "testo", ragg: "78%" }, "calcolo"],
      ["=PERF.RAGG over other cells (the user's, left)", { formule: { ragg: "=PERF.RAGG(G1,H1)" } }, "calcolo"],
      ["the user's own formula (read, as before)", { ragg: 50, formule: { ragg: "=H7/G7*50" } }, "cella"],
      ["Barometro's PERF formula (replaced in this write)", { formule: { ragg: "=PERF.RAGG(G7,H7)" } }, "cella"],
      ["Barometro's Excel formula of before", { formule: { ragg: '=1+0*N("barometro")' } }, "cella"],
    ];
    for (const [caso, over, atteso] of casi) {
      daRiga(7);
      const i = ind(over);
      const { celle, regole } = scrivi(linea([obiettivo("o", [i])]), "excel");
      const legge = atteso === "cella" ? "IF(ISNUMBER($L7),$L7,-1)" : "IF(AND(ISNUMBER($G7),ISNUMBER($H7))";
      expect([caso, celle.M7?.formula?.includes(legge)]).toEqual([caso, true]);
      expect([caso, regole.every((r) => r.formula.startsWith(`=((${legge}`))]).toEqual([caso, true]);
    }
    // No % Ragg column: the rule computes it.
    daRiga(7);
    const senza = ind();
    delete senza.celle.ragg;
    expect(scrivi(linea([obiettivo("o", [senza])]), "excel").regole[0].formula).toContain("$H7/$G7");
  });

  it("one decision for labels and rules: a label reads $L exactly where its rules do, and where the cell holds Barometro's formula", () => {
    const righe = [
      ind(),
      ind({ atteso: "1.545" }),
      ind({ polarita: "↓", consuntivo: 80 }),
      ind({ scalaRagg: "testo" }),
      ind({ scalaRagg: "frazione", consuntivo: 75 }),
      ind({ ragg: 40, formule: { ragg: "=H12/G12*40" } }),
      ind({ consuntivo: null }),
      ind({ formule: { ragg: "=PERF.RAGG(G14,H14)" } }),
    ];
    const l = linea([obiettivo("o", righe)]);
    const { celle, regole } = scrivi(l, "excel");
    for (const i of righe) {
      const label = celle[i.celle.barometro!]?.formula ?? "";
      const leggeLabel = label.includes(`ISNUMBER($L${i.riga}),$L${i.riga}`);
      const sue = regoleDi(regole, i.celle.barometro!);
      expect(sue).toHaveLength(3);
      const leggonoRegole = sue.every((r) => /^=\(\(IF\(ISNUMBER\(\$L\d+\),\$L\d+,-1\)/.test(r.formula));
      expect([i.riga, leggeLabel]).toEqual([i.riga, leggonoRegole]);
      const formulaRagg = celle[i.celle.ragg!]?.formula ?? i.formule.ragg ?? "";
      const nostra = /^=IF\(AND\(ISNUMBER\(\$G\d+\),ISNUMBER\(\$H\d+\)\),MIN\(100,/.test(formulaRagg);
      const dellUtente = i.formule.ragg === `=H12/G12*40`;
      expect([i.riga, leggeLabel]).toEqual([i.riga, nostra || dellUtente]);
    }
    expect(righe.filter((i) => celle[i.celle.barometro!]?.formula?.includes(`,$L${i.riga},-1)`)).length).toBe(6);
  });

  it("a workbook with the rules of before (computing % Ragg): the rules' firma changes, so the next Ricalcola replaces them", () => {
    const l = linea([obiettivo("o", [ind(), ind({ consuntivo: 80 })])]);
    const prima = regoleCondizionali([l], [calcolaLinea(l)], BANDE_PREDEFINITE, false);
    const dopo = regoleCondizionali([l], [calcolaLinea(l)], BANDE_PREDEFINITE, true);
    expect(dopo.map((r) => r.linea)).toEqual(prima.map((r) => r.linea));
    const firma = (f: string) => /:([0-9a-f]{8})"\)$/.exec(f)?.[1];
    expect(new Set(dopo.map((r) => firma(r.formula))).size).toBe(1);
    expect(firma(dopo[0].formula)).not.toBe(firma(prima[0].formula));
  });
});
