import { Bande, BANDE_PREDEFINITE, calcolaLinea, Linea, Obiettivo, SIMBOLI_FASCE, ValoreCella } from "../../src/engine";
import { valutaFormula } from "../../src/excel-finto/formula-condizionale";
import { a1, parseA1, SheetGrid } from "../../src/layout/griglia";
import {
  CONTENUTI_BAROMETRO,
  CONTENUTO_PREDEFINITO,
  creaPatch,
  isFormulaBarometro,
  Patch,
  valorePercentuale,
} from "../../src/layout/patch";
import { regoleCondizionali } from "../../src/layout/regole-condizionali";
import { daRiga, ind, obiettivo } from "../support/modello";

const linea = (obiettivi: Obiettivo[], over: Partial<Linea> = {}): Linea => ({
  nome: "L",
  foglio: "F",
  obiettivi,
  ...over,
});

describe("creaPatch", () => {
  it("writes scostamento, % Ragg and the line percentage in the cell's own scale, and fills by band", () => {
    const a = ind({ atteso: 50, consuntivo: 39, peso: 70 }); // 78 → parziale
    const b = ind({ atteso: 1, consuntivo: 1, peso: 30 }); // 100
    const c = ind({ atteso: 1200, consuntivo: 500, peso: 100, scalaRagg: "frazione" }); // 41.67 → rosso
    const l = linea([obiettivo("o", [a, b]), obiettivo("o", [c])], {
      percentuale: { cella: "A5", valore: 0.5, scala: "frazione" },
    });
    const patch = creaPatch([l], [calcolaLinea(l)]);
    const w = Object.fromEntries(patch.scritture.map((s) => [s.cella, s.valore]));
    expect(w[a.celle.scostamento!]).toBe(-11);
    expect(w[a.celle.ragg!]).toBeCloseTo(78, 10);
    expect(w[c.celle.ragg!]).toBeCloseTo(500 / 1200, 10);
    expect(w.A5).toBeCloseTo((84.6 + 500 / 12) / 2 / 100, 10);
    const f = Object.fromEntries(patch.colori.map((x) => [x.cella, x.colore]));
    const [verde, giallo, rosso] = BANDE_PREDEFINITE.fasce.map((x) => x.colore);
    expect([f[a.celle.barometro!], f[b.celle.barometro!], f[c.celle.barometro!]]).toEqual([giallo, verde, rosso]);
  });

  it("never writes into a cell that holds a formula", () => {
    const a = ind({ atteso: 3, consuntivo: 1, formule: { ragg: "=PERF.RAGG(G7;H7)", scostamento: "=H7-G7" } });
    const l = linea([obiettivo("o", [a])], {
      percentuale: { cella: "A5", valore: 10, scala: "percento", formula: "=MEDIA(L7:L9)" },
    });
    const patch = creaPatch([l], [calcolaLinea(l)]);
    // Only the Barometro cell, which holds no formula, gets its label.
    expect(patch.scritture).toEqual([{ foglio: "F", cella: a.celle.barometro, valore: "Non raggiunto" }]);
    expect(patch.colori).toHaveLength(1);
  });

  it("leaves a da-rilevare indicator's cells as they are and clears Barometro's fill", () => {
    const a = ind({ consuntivo: "n.d." });
    const l = linea([obiettivo("o", [a])]);
    const patch = creaPatch([l], [calcolaLinea(l)]);
    expect(patch.scritture).toEqual([]);
    expect(patch.colori).toEqual([{ foglio: "F", cella: a.celle.barometro, colore: null }]);
  });

  it("greys every Barometro cell of a neutralised objective and writes its indicators' % Ragg", () => {
    const a = ind({ atteso: 1, consuntivo: 0, peso: 0 });
    const b = ind({ atteso: 20, consuntivo: 0, peso: 0 });
    const l = linea([obiettivo("o", [a, b])], { percentuale: { cella: "A5", valore: null, scala: "percento" } });
    const patch = creaPatch([l], [calcolaLinea(l)]);
    expect(patch.colori.map((x) => x.colore)).toEqual([
      BANDE_PREDEFINITE.neutralizzato.colore,
      BANDE_PREDEFINITE.neutralizzato.colore,
    ]);
    expect(patch.scritture.filter((s) => s.cella.startsWith("L")).map((s) => s.valore)).toEqual([0, 0]);
    expect(patch.scritture.some((s) => s.cella === "A5")).toBe(false); // no objective counted: line percentage unknown
  });

  it("writes nothing for columns the table does not have", () => {
    const a = ind({ celle: { atteso: "G7", consuntivo: "H7", peso: "K7" } });
    const l = linea([obiettivo("o", [a])]);
    expect(creaPatch([l], [calcolaLinea(l)])).toEqual({ scritture: [], colori: [] });
  });
});

describe("valorePercentuale", () => {
  it("keeps the representation the cell had", () => {
    expect(valorePercentuale(84.444, "percento")).toBe(84.444);
    expect(valorePercentuale(84.444, "frazione")).toBeCloseTo(0.84444, 10);
    expect(valorePercentuale(84.444, "testo")).toBe("84,44%");
  });
});

describe("formula mode", () => {
  it("writes =PERF.RAGG into % Ragg, rewrites its own formula, never a user's", () => {
    const vuota = ind({ atteso: 3, consuntivo: 1 });
    const nostra = ind({ atteso: 3, consuntivo: 1 });
    nostra.formule = { ragg: `=perf.ragg( ${nostra.celle.atteso}, ${nostra.celle.consuntivo} )` };
    const utente = ind({ atteso: 3, consuntivo: 1, formule: { ragg: "=ROUND(H9/G9*100,0)" } });
    const polar = ind({ atteso: 4, consuntivo: 3 });
    polar.celle.polarita = `N${polar.riga}`;
    const l = linea([obiettivo("o", [vuota, nostra, utente, polar])]);
    const patch = creaPatch([l], [calcolaLinea(l)], { formule: true });
    const ragg = patch.scritture.filter((w) => w.cella.startsWith("L"));
    expect(ragg.map((w) => [w.cella, w.formula])).toEqual([
      [vuota.celle.ragg, `=PERF.RAGG(G${vuota.riga},H${vuota.riga})`],
      [nostra.celle.ragg, `=PERF.RAGG(G${nostra.riga},H${nostra.riga})`],
      [polar.celle.ragg, `=PERF.RAGG(G${polar.riga},H${polar.riga},N${polar.riga})`],
    ]);
    expect(ragg[0].valore).toBeCloseTo(100 / 3, 10);
  });

  it("uses the bands it is given", () => {
    const a = ind({ atteso: 100, consuntivo: 85 });
    const l = linea([obiettivo("o", [a])]);
    const bande = {
      ...BANDE_PREDEFINITE,
      fasce: BANDE_PREDEFINITE.fasce.map((f) => (f.id === "raggiunto" ? { ...f, soglia: 80 } : f)),
    };
    expect(creaPatch([l], [calcolaLinea(l)], { bande }).colori[0].colore).toBe(BANDE_PREDEFINITE.fasce[0].colore);
    expect(creaPatch([l], [calcolaLinea(l)]).colori[0].colore).toBe(BANDE_PREDEFINITE.fasce[1].colore);
  });
});

// ───────────────────── the label or symbol in the Barometro cell ─────────────────────

/** A sheet "F" holding these values (A1 → value), as the reader would have seen it. */
function foglio(valori: Record<string, ValoreCella>, nome = "F"): SheetGrid {
  const values: ValoreCella[][] = [];
  for (const [cella, v] of Object.entries(valori)) {
    const { row, col } = parseA1(cella);
    (values[row] ??= [])[col] = v;
  }
  return { name: nome, values: Array.from({ length: values.length }, (_, r) => values[r] ?? []), merges: [] };
}

/** A written formula's value as Excel computes it, from these cell values (A1 → value). */
function valuta(formula: string, valori: Record<string, number | string | null>): unknown {
  return valutaFormula(formula, {
    valore: (r, c) => valori[a1(r, c)] ?? null,
    spostamento: { righe: 0, colonne: 0 },
  });
}

const barometro = (patch: Patch) => patch.scritture.filter((s) => s.cella.startsWith("M"));

describe("the Barometro cell's label or symbol", () => {
  beforeEach(() => {
    daRiga();
  });

  /** M7 Raggiunto (100), M8 Parzialmente (78), M9 Non raggiunto (33), M10 da rilevare, M11–M12 neutralised. */
  function campione() {
    const l = linea([
      obiettivo("o", [
        ind(),
        ind({ atteso: 50, consuntivo: 39 }),
        ind({ atteso: 3, consuntivo: 1 }),
        ind({ consuntivo: "n.d." }),
      ]),
      obiettivo("o", [ind({ peso: 0 }), ind({ peso: 0 })]),
    ]);
    return { l, r: calcolaLinea(l) };
  }

  it("etichetta (default): the band's label, the neutralised label, nothing where the band is unknown", () => {
    const { l, r } = campione();
    expect(CONTENUTO_PREDEFINITO).toBe("etichetta");
    const patch = creaPatch([l], [r]);
    expect(barometro(patch)).toEqual([
      { foglio: "F", cella: "M7", valore: "Raggiunto" },
      { foglio: "F", cella: "M8", valore: "Parzialmente raggiunto" },
      { foglio: "F", cella: "M9", valore: "Non raggiunto" },
      { foglio: "F", cella: "M11", valore: "Neutralizzato" },
      { foglio: "F", cella: "M12", valore: "Neutralizzato" },
    ]);
    expect(patch.barometroDellUtente).toBeUndefined();
  });

  it("a band the user renamed shows the user's name", () => {
    const { l, r } = campione();
    const bande: Bande = {
      fasce: BANDE_PREDEFINITE.fasce.map((f) => (f.id === "parziale" ? { ...f, etichetta: "In corso" } : f)),
      neutralizzato: { ...BANDE_PREDEFINITE.neutralizzato, etichetta: "Non valutato" },
    };
    const valori = barometro(creaPatch([l], [r], { bande })).map((s) => s.valore);
    expect(valori).toEqual(["Raggiunto", "In corso", "Non raggiunto", "Non valutato", "Non valutato"]);
  });

  it("simbolo: ● ◐ ○ and – for neutralised", () => {
    const { l, r } = campione();
    const valori = barometro(creaPatch([l], [r], { contenuto: "simbolo" })).map((s) => [s.cella, s.valore]);
    expect(valori).toEqual([
      ["M7", "●"],
      ["M8", "◐"],
      ["M9", "○"],
      ["M11", "–"],
      ["M12", "–"],
    ]);
    expect(Object.values(SIMBOLI_FASCE)).toEqual(["●", "◐", "○", "–"]);
  });

  it("colore: nothing written in empty cells, Barometro's own label or formula removed", () => {
    const { l, r } = campione();
    expect(barometro(creaPatch([l], [r], { contenuto: "colore" }))).toEqual([]);
    l.obiettivi[0].indicatori[1].formule.barometro =
      '=IFERROR(CHOOSE(MATCH(1,{0,70,90}),"a","b","c"),"b")&T(N("barometro"))';
    const fogli = [foglio({ M7: "Raggiunto", M9: " non raggiunto ", M11: "●", M12: "   " })];
    const patch = creaPatch([l], [r], { contenuto: "colore", fogli });
    expect(barometro(patch)).toEqual([
      { foglio: "F", cella: "M7", valore: "", formula: "" },
      { foglio: "F", cella: "M8", valore: "", formula: "" },
      { foglio: "F", cella: "M9", valore: "", formula: "" },
      { foglio: "F", cella: "M11", valore: "", formula: "" },
    ]);
    // The fills are written as always.
    expect(patch.colori.map((c) => c.cella)).toEqual(["M7", "M8", "M9", "M10", "M11", "M12"]);
  });

  it("a da-rilevare indicator loses Barometro's label with its fill", () => {
    const { l, r } = campione();
    const patch = creaPatch([l], [r], { fogli: [foglio({ M10: "Raggiunto" })] });
    expect(barometro(patch).find((s) => s.cella === "M10")).toEqual({
      foglio: "F",
      cella: "M10",
      valore: "",
      formula: "",
    });
    expect(patch.colori.find((c) => c.cella === "M10")?.colore).toBeNull();
  });

  it("never touches a user's formula in the Barometro cell, in any mode", () => {
    const { l, r } = campione();
    l.obiettivi[0].indicatori[0].formule.barometro = "=PERF.BAROMETRO(L7)";
    l.obiettivi[1].indicatori[0].formule.barometro = '=IF(L11>=90,"sì","no")';
    for (const contenuto of CONTENUTI_BAROMETRO)
      for (const condizionale of [false, true]) {
        const celle = barometro(creaPatch([l], [r], { contenuto, condizionale })).map((s) => s.cella);
        expect(celle).not.toContain("M7");
        expect(celle).not.toContain("M11");
      }
    expect(isFormulaBarometro("=PERF.BAROMETRO(L7)")).toBe(false);
    expect(isFormulaBarometro('=T(N("barometro"))&"x"')).toBe(false);
  });

  it("a text that is not Barometro's is left as it is and reported; Barometro's own texts are replaced", () => {
    const { l, r } = campione();
    const fogli = [
      foglio({
        M7: "vedi nota", // the user's
        M8: "RAGGIUNTO", // an old label of Barometro's (the band changed): replaced
        M9: 0, // a number: the user's
        M11: "◐", // a symbol of Barometro's
        M12: "Parzialmente raggiunto", // a default label, though the bands here are renamed
      }),
    ];
    const bande: Bande = {
      ...BANDE_PREDEFINITE,
      fasce: BANDE_PREDEFINITE.fasce.map((f) => (f.id === "parziale" ? { ...f, etichetta: "In corso" } : f)),
    };
    const patch = creaPatch([l], [r], { bande, fogli });
    expect(barometro(patch).map((s) => [s.cella, s.valore])).toEqual([
      ["M8", "In corso"],
      ["M11", "Neutralizzato"],
      ["M12", "Neutralizzato"],
    ]);
    expect(patch.barometroDellUtente).toEqual([
      { foglio: "F", cella: "M7" },
      { foglio: "F", cella: "M9" },
    ]);
    // Their fills are written all the same.
    expect(patch.colori.filter((c) => c.cella === "M7" || c.cella === "M9")).toHaveLength(2);
    // With colour only Barometro writes no text anywhere: nothing to report, its own texts removed.
    const soloColore = creaPatch([l], [r], { bande, fogli, contenuto: "colore" });
    expect(soloColore.barometroDellUtente).toBeUndefined();
    expect(barometro(soloColore).map((s) => s.cella)).toEqual(["M8", "M11", "M12"]);
  });

  it("idempotent: a second run over the first one's result sends nothing for the Barometro cells; colore empties them", () => {
    const { l, r } = campione();
    const primo = creaPatch([l], [r], { fogli: [foglio({})] });
    const dopo = foglio(Object.fromEntries(barometro(primo).map((s) => [s.cella, s.valore])));
    const secondo = creaPatch([l], [r], { fogli: [dopo] });
    expect(barometro(secondo)).toEqual([]); // already right: not sent again
    expect(secondo.colori).toEqual(primo.colori);
    expect(secondo.scritture).toEqual(primo.scritture.filter((s) => !s.cella.startsWith("M")));
    // A label that changed is written again.
    const cambiata = foglio({
      ...Object.fromEntries(barometro(primo).map((s) => [s.cella, s.valore])),
      M7: "Non raggiunto",
    });
    expect(barometro(creaPatch([l], [r], { fogli: [cambiata] }))).toEqual([
      { foglio: "F", cella: "M7", valore: "Raggiunto" },
    ]);
    const pulito = creaPatch([l], [r], { contenuto: "colore", fogli: [dopo] });
    expect(barometro(pulito).every((s) => s.formula === "" && s.valore === "")).toBe(true);
    const vuoto = foglio(Object.fromEntries(barometro(pulito).map((s) => [s.cella, null])));
    expect(barometro(creaPatch([l], [r], { contenuto: "colore", fogli: [vuoto] }))).toEqual([]);
  });

  describe("with conditional formatting: a formula that follows the data as the colours do", () => {
    it("the label from the row's cells, with the rules' own band index; the static label where no rule decides", () => {
      const { l, r } = campione();
      const patch = creaPatch([l], [r], { condizionale: true });
      const [m7, m8, m9, m10, m11, m12] = barometro(patch);
      const v = "IF(AND(ISNUMBER($G7),ISNUMBER($H7)),IF($H7>=$G7,100,IF($G7=0,0,MAX(0,$H7/$G7*100))),-1)";
      expect(m7.formula).toBe(
        `=IFERROR(CHOOSE((${v}>=0)+(${v}>=70)+(${v}>=90),` +
          '"Non raggiunto","Parzialmente raggiunto","Raggiunto"),"Raggiunto")&T(N("barometro"))'
      );
      expect(m7.formula).not.toContain("{");
      // % Ragg once per band: a few hundred characters, far below Excel's 8,192.
      expect(m7.formula!.length).toBeLessThan(500);
      expect(isFormulaBarometro(m7.formula)).toBe(true);
      expect([m7.valore, m8.valore, m9.valore, m10.valore]).toEqual([
        "Raggiunto",
        "Parzialmente raggiunto",
        "Non raggiunto",
        "",
      ]);
      // The same expression as the conditional-format rule of that cell.
      const regola = regoleCondizionali([l], [r]).find((x) => x.fascia === "raggiunto")!;
      const indice = /^=IFERROR\(CHOOSE\((.*),"Non raggiunto",/.exec(m7.formula!)![1];
      expect(regola.formula).toBe(`=(${indice}=3)${regola.formula.slice(regola.formula.indexOf("+0*N("))}`);

      // Excel computes it from the row: today's label, and another after an edit.
      expect(valuta(m7.formula!, { G7: 100, H7: 100 })).toBe("Raggiunto");
      expect(valuta(m7.formula!, { G7: 100, H7: 75 })).toBe("Parzialmente raggiunto");
      expect(valuta(m8.formula!, { G8: 50, H8: 39 })).toBe("Parzialmente raggiunto");
      expect(valuta(m9.formula!, { G9: 3, H9: 1 })).toBe("Non raggiunto");
      expect(valuta(m9.formula!, { G9: 3, H9: 3 })).toBe("Raggiunto");
      // No rule decides (missing data, or a number as text): the label of the last Ricalcola stays.
      expect(valuta(m7.formula!, { G7: 100, H7: null })).toBe("Raggiunto");
      expect(valuta(m7.formula!, { G7: 100, H7: "3.800" })).toBe("Raggiunto");
      // Da rilevare: empty until the data arrive.
      expect(valuta(m10.formula!, { G10: 100, H10: "n.d." })).toBe("");
      expect(valuta(m10.formula!, { G10: 100, H10: 60 })).toBe("Non raggiunto");
      // Neutralised: no rule colours it, so a plain label.
      expect([m11, m12]).toEqual([
        { foglio: "F", cella: "M11", valore: "Neutralizzato" },
        { foglio: "F", cella: "M12", valore: "Neutralizzato" },
      ]);
    });

    it("symbols, ↓ polarity, a user's % Ragg formula read on its own scale, quotes in a label", () => {
      const giu = ind({ atteso: 4, consuntivo: 5, polarita: "↓" });
      giu.celle.polarita = `P${giu.riga}`;
      const frazione = ind({ scalaRagg: "frazione", ragg: 80, formule: { ragg: "=H8/G8" } });
      const testo = ind({ scalaRagg: "testo", ragg: 95, formule: { ragg: '=TEXT(H9/G9,"0%")' } });
      const l = linea([obiettivo("o", [giu, frazione, testo])]);
      const r = calcolaLinea(l);
      const [m7, m8, m9] = barometro(creaPatch([l], [r], { condizionale: true, contenuto: "simbolo" }));
      expect(valuta(m7.formula!, { G7: 4, H7: 5 })).toBe("◐"); // 80
      expect(valuta(m7.formula!, { G7: 4, H7: 3 })).toBe("●");
      expect(m8.formula).toContain("(IF(ISNUMBER($L8),$L8,-1)>=0)+(IF(ISNUMBER($L8),$L8,-1)>=0.7)+");
      expect(valuta(m8.formula!, { L8: 0.5 })).toBe("○");
      expect(valuta(m8.formula!, { L8: 0.95 })).toBe("●");
      // % Ragg as text: no rule can read it, so no formula either: the plain symbol.
      expect(m9).toEqual({ foglio: "F", cella: "M9", valore: "●" });

      const bande: Bande = {
        ...BANDE_PREDEFINITE,
        fasce: BANDE_PREDEFINITE.fasce.map((f) => (f.id === "raggiunto" ? { ...f, etichetta: 'Sì, "pieno"' } : f)),
      };
      const [q] = barometro(creaPatch([l], [r], { condizionale: true, bande }));
      expect(q.formula).toContain('"Sì, ""pieno"""');
      expect(valuta(q.formula!, { G7: 4, H7: 3 })).toBe('Sì, "pieno"');
    });

    it("its own formula: not sent again when unchanged, replaced when the band changes, removed by colore", () => {
      const { l, r } = campione();
      const primo = creaPatch([l], [r], { condizionale: true });
      for (const s of barometro(primo)) {
        const ind = l.obiettivi.flatMap((o) => o.indicatori).find((i) => i.celle.barometro === s.cella)!;
        if (s.formula) ind.formule.barometro = s.formula;
      }
      const fogli = [
        foglio(
          Object.fromEntries(
            barometro(primo)
              .filter((s) => !s.formula)
              .map((s) => [s.cella, s.valore])
          )
        ),
      ];
      expect(barometro(creaPatch([l], [r], { condizionale: true, fogli }))).toEqual([]);
      // The consuntivo of M7's row changed: the engine's band, kept in the formula for when no rule decides, too.
      const m7 = l.obiettivi[0].indicatori[0];
      m7.consuntivo = 50;
      const nuovo = barometro(creaPatch([l], [calcolaLinea(l)], { condizionale: true, fogli }));
      expect(nuovo.map((s) => [s.cella, s.valore])).toEqual([["M7", "Non raggiunto"]]);
      expect(nuovo[0].formula).toMatch(/,"Non raggiunto"\)&T\(N\("barometro"\)\)$/);
      m7.consuntivo = 100;
      const pulito = barometro(creaPatch([l], [r], { condizionale: true, contenuto: "colore", fogli }));
      expect(pulito.map((s) => s.cella)).toEqual(["M7", "M8", "M9", "M10", "M11", "M12"]);
      expect(pulito.every((s) => s.formula === "" && s.valore === "")).toBe(true);
    });
  });
});
