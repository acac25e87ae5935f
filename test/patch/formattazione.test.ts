import fc from "fast-check";
import { BANDE_PREDEFINITE, calcolaLinea, calcolaRagg, creaBande, fasciaPer, Linea, Obiettivo } from "../../src/engine";
import { regolaVera } from "../../src/excel-finto/formula-condizionale";
import {
  chiaviLinee,
  daSostituire,
  firmaDellaRegola,
  isRegolaBarometro,
  lineaDellaRegola,
  MAX_CARATTERI_AREE_REGOLA,
  pianoFormattazione,
  RegolaCondizionale,
  regoleCondizionali,
} from "../../src/layout/regole-condizionali";
import { daRiga, ind, obiettivo, saltaRiga } from "../support/modello";

const linea = (obiettivi: Obiettivo[], foglio = "F"): Linea => ({ nome: "L", foglio, obiettivi });
const regole = (...linee: Linea[]) => regoleCondizionali(linee, linee.map(calcolaLinea));
const [VERDE, GIALLO, ROSSO] = BANDE_PREDEFINITE.fasce.map((f) => f.colore);

/** The colour Barometro's rules give a cell, evaluated as Excel would (first true rule). */
function coloreDi(
  rs: RegolaCondizionale[],
  cella: string,
  valori: Record<string, number | string | null>
): string | null {
  const [col, r] = [cella.replace(/\d+/, ""), Number(cella.replace(/\D+/, ""))];
  for (const regola of rs) {
    const prima = regola.aree[0].split(":")[0];
    const dentro = regola.aree.some((a) => {
      const [da, fino = da] = a.split(":");
      return (
        da.replace(/\d+/, "") === col && Number(da.replace(/\D+/, "")) <= r && r <= Number(fino.replace(/\D+/, ""))
      );
    });
    if (!dentro) continue;
    const vera = regolaVera(regola.formula, {
      valore: (rr, cc) => valori[`${String.fromCharCode(65 + cc)}${rr + 1}`] ?? null,
      spostamento: { righe: r - Number(prima.replace(/\D+/, "")), colonne: 0 },
    });
    if (vera) return regola.colore;
  }
  return null;
}

beforeEach(() => {
  daRiga();
});

describe("regoleCondizionali", () => {
  it("one rule per band over the Barometro cells, from atteso and consuntivo, marked and with the band's colour", () => {
    const a = ind({ atteso: 50, consuntivo: 39 });
    const b = ind({ atteso: 1, consuntivo: 1 });
    const c = ind({ atteso: 1200, consuntivo: 500 });
    const rs = regole(linea([obiettivo("o", [a, b]), obiettivo("o", [c])]));
    expect(rs).toHaveLength(3);
    expect(rs.map((r) => r.aree)).toEqual([["M7:M9"], ["M7:M9"], ["M7:M9"]]);
    expect(rs.map((r) => [r.fascia, r.colore])).toEqual([
      ["non_raggiunto", ROSSO],
      ["parziale", GIALLO],
      ["raggiunto", VERDE],
    ]);
    const firma = firmaDellaRegola(rs[0].formula);
    expect(firma).toMatch(/^[0-9a-f]{8}$/);
    const [chiave] = chiaviLinee([linea([])]);
    expect(rs.every((r) => r.linea === chiave && lineaDellaRegola(r.formula) === chiave)).toBe(true);
    const v = "IF(AND(ISNUMBER($G7),ISNUMBER($H7)),IF($H7>=$G7,100,IF($G7=0,0,MAX(0,$H7/$G7*100))),-1)";
    expect(rs[2].formula).toBe(`=((${v}>=0)+(${v}>=70)+(${v}>=90)=3)` + `+0*N("barometro:${chiave}:${firma}")`);
    for (const r of rs) {
      expect(isRegolaBarometro(r.formula)).toBe(true);
      // No array constant, union or intersection: Excel refuses them in conditional formats.
      expect(r.formula).not.toMatch(/[{}]/);
      // V once per band: a few hundred characters, far below Excel's 8,192.
      expect(r.formula.length).toBeLessThan(400);
    }
    const valori = { G7: 50, H7: 39, G8: 1, H8: 1, G9: 1200, H9: 500 };
    expect([coloreDi(rs, "M7", valori), coloreDi(rs, "M8", valori), coloreDi(rs, "M9", valori)]).toEqual([
      GIALLO,
      VERDE,
      ROSSO,
    ]);
  });

  it("follows the data: an edited consuntivo changes the colour, missing data gives none", () => {
    const a = ind({ atteso: 100, consuntivo: 50 });
    const rs = regole(linea([obiettivo("o", [a])]));
    expect(coloreDi(rs, "M7", { G7: 100, H7: 50 })).toBe(ROSSO);
    expect(coloreDi(rs, "M7", { G7: 100, H7: 75 })).toBe(GIALLO);
    expect(coloreDi(rs, "M7", { G7: 100, H7: 90 })).toBe(VERDE);
    expect(coloreDi(rs, "M7", { G7: 100, H7: null })).toBeNull();
    expect(coloreDi(rs, "M7", { G7: 100, H7: "n.d." })).toBeNull();
    expect(coloreDi(rs, "M7", { G7: 0, H7: 0 })).toBe(VERDE); // atteso 0, consuntivo ≥ 0 → 100
  });

  it("a da-rilevare row is covered (it colours once its data arrive), a neutralised objective is not", () => {
    const daRilevare = ind({ consuntivo: null });
    const n1 = ind({ peso: 0 });
    const n2 = ind({ peso: 0 });
    const ok = ind();
    const rs = regole(linea([obiettivo("o", [daRilevare]), obiettivo("o", [n1, n2]), obiettivo("o", [ok])]));
    expect(rs[0].aree).toEqual(["M7", "M10"]);
    expect(coloreDi(rs, "M7", { G7: 100 })).toBeNull();
    expect(coloreDi(rs, "M7", { G7: 100, H7: 100 })).toBe(VERDE);
    expect(coloreDi(rs, "M8", { G8: 100, H8: 100 })).toBeNull();
  });

  it("↓ polarity in its own rules; a user's % Ragg formula is read on the cell's scale (0.9, not 90)", () => {
    const giu = ind({ atteso: 4, consuntivo: 5, polarita: "↓" });
    giu.celle.polarita = `P${giu.riga}`;
    const frazione = ind({ scalaRagg: "frazione", ragg: 80, formule: { ragg: "=H8/G8" } });
    const percento = ind({ scalaRagg: "percento", ragg: 95, formule: { ragg: "=H9/G9*100" } });
    const perf = ind({ formule: { ragg: "=PERF.RAGG(G10,H10)" } }); // PERF.RAGG is the rule itself
    const testo = ind({ scalaRagg: "testo", ragg: 80, formule: { ragg: '=TEXT(H11/G11,"0%")' } });
    const rs = regole(linea([obiettivo("o", [giu, frazione, percento, perf, testo])]));
    const gruppi = [...new Set(rs.map((r) => `${r.aree.join(" ")}`))];
    expect(gruppi).toEqual(["M7", "M8", "M9", "M10"]); // no rule for % Ragg as text
    const sue = (cella: string) => rs.filter((r) => r.aree.includes(cella));
    expect(sue("M7")[0].formula).toContain("IF(OR($H7<=$G7,$H7=0),100,MAX(0,$G7/$H7*100))");
    expect(coloreDi(sue("M7"), "M7", { G7: 4, H7: 5 })).toBe(GIALLO); // 80
    expect(coloreDi(sue("M7"), "M7", { G7: 4, H7: 3 })).toBe(VERDE);
    expect(sue("M8")[0].formula).toContain(">=0)+(IF(ISNUMBER($L8),$L8,-1)>=0.7)+(IF(ISNUMBER($L8),$L8,-1)>=0.9)=");
    expect(sue("M8")[0].formula).toContain("IF(ISNUMBER($L8),$L8,-1)");
    expect(coloreDi(sue("M8"), "M8", { L8: 0.8 })).toBe(GIALLO);
    expect(coloreDi(sue("M8"), "M8", { L8: 0.9 })).toBe(VERDE);
    expect(sue("M9")[0].formula).toContain(">=0)+(IF(ISNUMBER($L9),$L9,-1)>=70)+(IF(ISNUMBER($L9),$L9,-1)>=90)=");
    expect(coloreDi(sue("M9"), "M9", { L9: 95 })).toBe(VERDE);
    expect(sue("M10")[0].formula).toContain("ISNUMBER($G10)");
  });

  it("the workbook's bands: thresholds and colours", () => {
    const bande = creaBande({ raggiunto: 95, parziale: 85.5 });
    if (typeof bande === "string") throw new Error(bande);
    const a = ind({ atteso: 100, consuntivo: 90 });
    const l = linea([obiettivo("o", [a])]);
    const rs = regoleCondizionali([l], [calcolaLinea(l)], {
      ...bande,
      fasce: bande.fasce.map((f) => (f.id === "raggiunto" ? { ...f, colore: "#00aa00" } : f)),
    });
    expect(rs[0].formula).toMatch(/>=0\)\+\(.*>=85\.5\)\+\(.*>=95\)=1\)/);
    expect(rs.map((r) => r.colore)).toEqual([ROSSO, GIALLO, "#00AA00"]);
    expect(coloreDi(rs, "M7", { G7: 100, H7: 90 })).toBe(GIALLO);
  });

  it("one key and one firma per line (the firma changes with the rules); long columns split into several rules", () => {
    const f1 = linea([obiettivo("o", [ind()])], "F");
    const f2 = linea([obiettivo("o", [ind({ foglio: "G" })])], "G");
    const stessoNome = linea([obiettivo("o", [ind()])], "F");
    const rs = regole(f1, f2, stessoNome);
    const chiavi = chiaviLinee([f1, f2, stessoNome]);
    expect(new Set(chiavi).size).toBe(3); // two lines named "L" on sheet F: still two keys
    expect(chiaviLinee([f1])).toEqual([chiavi[0]]); // stable: from sheet, name and rank only
    expect(rs.map((r) => r.linea)).toEqual(chiavi.flatMap((k) => [k, k, k]));
    const firme = new Map(rs.map((r) => [r.linea, firmaDellaRegola(r.formula)]));
    daRiga();
    const spostato = regole(
      linea([obiettivo("o", [ind({ riga: 8, celle: { atteso: "G8", consuntivo: "H8", barometro: "M8" } })])])
    );
    expect(spostato[0].linea).toBe(chiavi[0]);
    expect(firmaDellaRegola(spostato[0].formula)).not.toBe(firme.get(chiavi[0]));

    // 1,000 objectives of one indicator separated by a blank row: 1,000 areas.
    daRiga();
    const obiettivi = Array.from({ length: 1_000 }, () => {
      const o = obiettivo("o", [ind()]);
      saltaRiga();
      return o;
    });
    const molte = regole(linea(obiettivi));
    expect(molte.length).toBeGreaterThan(3);
    expect(molte.length % 3).toBe(0);
    for (const r of molte) {
      expect(r.aree.join(", ").length).toBeLessThanOrEqual(MAX_CARATTERI_AREE_REGOLA);
      // Each rule's formula is anchored at its own first area.
      expect(r.formula).toContain(`$G${r.aree[0].replace(/\D+/g, "")}`);
    }
    expect(new Set(molte.flatMap((r) => r.aree)).size).toBe(1_000);
  });

  it("agrees with the engine's band for any atteso, consuntivo and polarity (Excel semantics)", () => {
    const numero = fc.oneof(fc.integer({ min: -50, max: 5_000 }), fc.double({ min: -10, max: 2_000, noNaN: true }));
    fc.assert(
      fc.property(numero, numero, fc.boolean(), (atteso, consuntivo, giu) => {
        daRiga();
        const a = ind({ atteso, consuntivo, polarita: giu ? "↓" : undefined });
        const rs = regole(linea([obiettivo("o", [a])]));
        const atteso100 = fasciaPer(
          calcolaRagg(atteso, consuntivo, giu ? "decrescente" : "crescente"),
          BANDE_PREDEFINITE
        );
        expect(coloreDi(rs, "M7", { G7: atteso, H7: consuntivo })).toBe(atteso100.colore);
      }),
      { numRuns: 500 }
    );
  });
});

describe("pianoFormattazione", () => {
  const utente = { foglio: "F", id: "u1", formula: "=$G7>1000" };
  const scala = { foglio: "F", id: "u2", formula: null };
  const dueLinee = () => {
    daRiga();
    const a = linea([obiettivo("o", [ind()])]);
    const b = linea([obiettivo("o", [ind()])]);
    b.nome = "M";
    return { rs: regole(a, b), chiavi: chiaviLinee([a, b]) };
  };
  const esistentiDa = (rs: RegolaCondizionale[]) =>
    rs.map((r, i) => ({ foglio: r.foglio, id: `b${i}`, formula: r.formula }));

  it("deletes only Barometro's marked rules and adds the wanted ones; the user's rules stay", () => {
    const { rs } = dueLinee();
    const vecchie = [
      { foglio: "F", id: "b1", formula: '=(MATCH(1,{0,70,90})=1)+0*N("barometro:00000000:00000000")' },
      { foglio: "F", id: "b2", formula: '=AND(ISNUMBER(L7),L7>=90)+0*N("barometro")' },
      utente,
      scala,
    ];
    const piano = pianoFormattazione(["F"], rs, vecchie);
    expect(piano.elimina.map((e) => e.id).sort()).toEqual(["b1", "b2"]);
    expect(piano.aggiungi).toEqual(rs);
    expect(piano.invariati).toEqual([]);
  });

  it("line by line: only the lines whose rules changed; nothing when all are right", () => {
    const { rs, chiavi } = dueLinee();
    const esistenti = esistentiDa(rs);
    expect(pianoFormattazione(["F", "G"], rs, [...esistenti, utente])).toEqual({
      elimina: [],
      aggiungi: [],
      invariati: ["F", "G"],
    });
    // One of the second line's rules deleted by hand: that line's rules replaced, the first line's kept.
    const piano = pianoFormattazione(["F"], rs, esistenti.slice(0, 5));
    expect(piano.elimina.map((e) => e.id)).toEqual(["b3", "b4"]);
    expect(piano.aggiungi).toEqual(rs.filter((r) => r.linea === chiavi[1]));
    // Switched off: Barometro's rules removed, nothing added.
    expect(pianoFormattazione(["F"], [], esistenti)).toEqual({
      elimina: esistenti.map(({ foglio, id, formula }) => ({ foglio, id, formula })),
      aggiungi: [],
      invariati: [],
    });
  });

  it("Ricalcola linea: only the chosen lines' rules are considered; Ricalcola tutto also removes stale ones", () => {
    const { rs, chiavi } = dueLinee();
    const esistenti = [
      ...esistentiDa(
        rs
          .filter((r) => r.linea === chiavi[0])
          .map((r) => ({ ...r, formula: r.formula.replace(/:[0-9a-f]{8}"/, ':00000000"') }))
      ),
      { foglio: "F", id: "vecchia", formula: '=A1+0*N("barometro")' },
    ];
    const linea1 = pianoFormattazione(
      ["F"],
      rs.filter((r) => r.linea === chiavi[0]),
      esistenti,
      new Set([chiavi[0]])
    );
    expect(linea1.elimina.map((e) => e.id)).toEqual(["b0", "b1", "b2"]);
    expect(linea1.aggiungi.every((r) => r.linea === chiavi[0])).toBe(true);
    const linea2 = pianoFormattazione(
      ["F"],
      rs.filter((r) => r.linea === chiavi[1]),
      esistenti,
      new Set([chiavi[1]])
    );
    expect(linea2.elimina).toEqual([]);
    expect(linea2.aggiungi).toHaveLength(3);
    const tutto = pianoFormattazione(["F"], rs, esistenti);
    expect(tutto.elimina.map((e) => e.id)).toEqual(["b0", "b1", "b2", "vecchia"]);
    expect(tutto.aggiungi).toHaveLength(6);
  });

  it("recognises the marker however Excel spaces or cases it, and only it", () => {
    const f = '=A1>0+0*n( "Barometro:0123ABCD:ABCDEF01" )';
    expect(isRegolaBarometro(f)).toBe(true);
    expect([lineaDellaRegola(f), firmaDellaRegola(f)]).toEqual(["0123abcd", "abcdef01"]);
    expect(isRegolaBarometro('=A1+0*N("barometro")')).toBe(true);
    expect(lineaDellaRegola('=A1+0*N("barometro")')).toBeNull();
    expect(isRegolaBarometro('=A1="barometro"')).toBe(false);
    expect(isRegolaBarometro(null)).toBe(false);
    expect(daSostituire([], [])).toBe(false);
  });
});
