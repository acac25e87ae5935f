import { calcolaIndicatore, calcolaLinea, isFormulaDiBarometro, Linea, Obiettivo } from "../../src/engine";
import { MAX_CARATTERI_FORMULA } from "../../src/layout/formule-celle";
import { creaPatch, Patch } from "../../src/layout/patch";
import { regoleCondizionali } from "../../src/layout/regole-condizionali";
import { daRiga, ind, obiettivo } from "../support/modello";

// The texts of «formule di Excel» (src/layout/formule-celle.ts). LibreOffice computes them against
// the engine in test/cli/formule-excel-libreoffice.test.ts.

const linea = (obiettivi: Obiettivo[], over: Partial<Linea> = {}): Linea => ({
  nome: "L",
  foglio: "F",
  obiettivi,
  percentuale: { cella: "B3", valore: null, scala: "percento" },
  ...over,
});

const scritte = (patch: Patch) => Object.fromEntries(patch.scritture.map((s) => [s.cella, s]));
const excel = (l: Linea) => creaPatch([l], [calcolaLinea(l)], { formuleExcel: true });

const RAGG7 = "MIN(100,IF($H7>=$G7,100,IF($G7=0,0,MAX(0,$H7/$G7*100))))";

describe("«formule di Excel»", () => {
  beforeEach(() => daRiga(7));

  it("Scostamento, % Ragg (the rules' own expression, capped at 100) and the line, with the engine's values as results", () => {
    const a = ind({ atteso: 50, consuntivo: 39, peso: 70 });
    const b = ind({ atteso: 10, consuntivo: 4, peso: 30, polarita: "↓", scalaRagg: "frazione" });
    const c = ind({ atteso: 1200, consuntivo: 500, peso: 100 });
    const l = linea([obiettivo("o", [a, b]), obiettivo("o", [c])]);
    const w = scritte(excel(l));
    expect(w.I7).toEqual({
      foglio: "F",
      cella: "I7",
      valore: -11,
      formula: '=IF(AND(ISNUMBER($G7),ISNUMBER($H7)),$H7-$G7+0*N("barometro"),"")',
    });
    expect(w.L7.formula).toBe(`=IF(AND(ISNUMBER($G7),ISNUMBER($H7)),${RAGG7}+0*N("barometro"),"")`);
    expect(w.L7.valore).toBeCloseTo(78, 10);
    // ↓, on a fraction cell: the decreasing rule, then /100.
    expect(w.L8.formula).toBe(
      '=IF(AND(ISNUMBER($G8),ISNUMBER($H8)),MIN(100,IF(OR($H8<=$G8,$H8=0),100,MAX(0,$G8/$H8*100)))/100+0*N("barometro"),"")'
    );
    expect(w.L8.valore).toBe(1);
    // The same expression as the conditional-format rule of that row (one builder).
    const regola = regoleCondizionali([l], [calcolaLinea(l)])[0].formula;
    expect(regola).toContain(RAGG7.slice("MIN(100,".length, -1));
    const num = (p: string, r: string) => `SUMPRODUCT(--(${p}>=0),${p},${r})`;
    const den = (p: string, r: string) => `SUMIFS(${p},${p},">0",${r},">=0")`;
    // Two rows of one objective with different % Ragg scales: two blocks, the fraction one ×100.
    const o1num = `(${num("K7", "L7")}+100*${num("K8", "L8")})`;
    const o1den = `(${den("K7", "L7")}+${den("K8", "L8")})`;
    expect(w.B3.formula).toBe(
      `=IFERROR((IFERROR(MIN(100,${o1num}/${o1den}),0)+IFERROR(MIN(100,${num("K9", "L9")}/${den("K9", "L9")}),0))` +
        `/((${o1den}>0)+(${den("K9", "L9")}>0))+0*N("barometro"),"")`
    );
    expect(w.B3.valore).toBeCloseTo(calcolaLinea(l).percentuale!, 10);
    expect(Object.values(w).every((s) => s.formula === undefined || isFormulaDiBarometro(s.formula))).toBe(true);
  });

  it("consecutive rows of an objective are one range; a fraction line cell divides by 100", () => {
    const l = linea([obiettivo("o", [ind(), ind(), ind()])], {
      percentuale: { cella: "B3", valore: 0.5, scala: "frazione" },
    });
    const f = scritte(excel(l)).B3.formula!;
    expect(f).toContain("SUMPRODUCT(--(K7:K9>=0),K7:K9,L7:L9)");
    expect(f).toContain('SUMIFS(K7:K9,K7:K9,">0",L7:L9,">=0")');
    expect(f).toMatch(/\)\/100\+0\*N\("barometro"\),""\)$/);
  });

  it('data missing: the formula shows "" until the data are there', () => {
    const a = ind({ consuntivo: null });
    const l = linea([obiettivo("o", [a])]);
    const w = scritte(excel(l));
    expect([w.I7.valore, w.L7.valore, w.B3.valore]).toEqual(["", "", ""]);
    expect(w.L7.formula).toContain("ISNUMBER($H7)");
  });

  it('numbers stored as text, dates and TRUE/FALSE get values, as in «valori»; words like «n.d.» get the formula ("" as the engine)', () => {
    const testo = ind({ atteso: "1.545", consuntivo: "1.200" });
    const data = ind({ atteso: new Date(2024, 0, 1), consuntivo: 3 });
    const nd = ind({ consuntivo: "n.d." });
    const w = scritte(excel(linea([obiettivo("o", [testo, data, nd])])));
    expect(w.I7).toEqual({ foglio: "F", cella: "I7", valore: -345 });
    expect(w.L7.formula).toBeUndefined();
    expect(w.L7.valore).toBeCloseTo((1200 / 1545) * 100, 10);
    expect(w.L8).toBeUndefined(); // no value (a date is no number to the engine): left as it is
    expect(w.L9.formula).toBeDefined();
    expect(w.L9.valore).toBe("");
    // The line reads the value written on the text row: still a formula.
    expect(w.B3.formula).toBeDefined();
  });

  it("never a user's formula; Barometro's own (marker, or PERF mode's =PERF.RAGG) is rewritten", () => {
    const utente = ind({ ragg: 50, formule: { ragg: "=H7/G7*50", scostamento: "=H7-G7" } });
    const perf = ind({ formule: { ragg: "=PERF.RAGG(G8,H8)" } });
    const vecchia = ind({ formule: { scostamento: '=H9-G9+0*N("barometro")', ragg: '=1+0*N("barometro")' } });
    const l = linea([obiettivo("o", [utente, perf, vecchia])], {
      percentuale: { cella: "B3", valore: 1, scala: "percento" },
    });
    const w = scritte(excel(l));
    expect(w.I7).toBeUndefined(); // the user's Scostamento formula
    expect(w.L7).toBeUndefined(); // the user's % Ragg formula
    // Beside a user's % Ragg formula, Scostamento is still Barometro's formula.
    const accanto = ind({ ragg: 50, formule: { ragg: "=H10/G10*50" } });
    expect(scritte(excel(linea([obiettivo("o", [accanto])]))).I10.formula).toBe(
      '=IF(AND(ISNUMBER($G10),ISNUMBER($H10)),$H10-$G10+0*N("barometro"),"")'
    );
    expect(w.L8.formula).toMatch(/^=IF\(AND/);
    expect(w.I9.formula).toMatch(/^=IF\(AND/);
    expect(w.L9.formula).toMatch(/^=IF\(AND/);
    // The engine uses a user's % Ragg clamped to 0–100, or the rule when it gives no number: the
    // line gets its value, with the reason.
    expect(w.B3).toEqual({ foglio: "F", cella: "B3", valore: calcolaLinea(l).percentuale });
    const l2 = linea([obiettivo("o", [ind({ ragg: 1, formule: { ragg: "=1" } })])], {
      percentuale: { cella: "B3", valore: 1, scala: "percento", formula: "=AVERAGE(L7:L7)" },
    });
    expect(scritte(excel(l2)).B3).toBeUndefined();
  });

  it("a cell already holding exactly the formula is not written again", () => {
    const l = linea([obiettivo("o", [ind()])]);
    const prima = scritte(excel(l));
    const a = l.obiettivi[0].indicatori[0];
    a.formule = { scostamento: prima.I7.formula, ragg: prima.L7.formula };
    l.percentuale!.formula = prima.B3.formula;
    expect(excel(l).scritture.filter((s) => s.cella !== a.celle.barometro)).toEqual([]);
  });

  it("the engine takes Barometro's % Ragg formula for the rule, not for the user's (its cached value may be stale)", () => {
    const a = ind({ atteso: 3, consuntivo: 1, ragg: 100 });
    a.formule = { ragg: scritte(excel(linea([obiettivo("o", [a])]))).L7.formula };
    const r = calcolaIndicatore(a);
    expect(r.daFormula).toBe(false);
    expect(r.ragg).toBeCloseTo(100 / 3, 10);
    // …and the conditional-format rule computes from atteso and consuntivo, not from that cell.
    expect(
      regoleCondizionali([linea([obiettivo("o", [a])])], [calcolaLinea(linea([obiettivo("o", [a])]))])[0].formula
    ).toContain("$H7/$G7");
  });

  it("«valori» and PERF replace Barometro's Excel formulas with values (empty when there is no value)", () => {
    const a = ind({ formule: { scostamento: '=X+0*N("barometro")', ragg: '=Y+0*N("barometro")' } });
    const b = ind({ consuntivo: null, formule: { ragg: '=Z+0*N("barometro")' } });
    const l = linea([obiettivo("o", [a, b])], {
      percentuale: { cella: "B3", valore: 1, scala: "percento", formula: '=W+0*N("barometro")' },
    });
    for (const opzioni of [{}, { formule: true }]) {
      const w = scritte(creaPatch([l], [calcolaLinea(l)], opzioni));
      expect(w.I7).toEqual({ foglio: "F", cella: "I7", valore: 0 });
      expect(w.L7.valore).toBe(100);
      expect(w.L8).toEqual({ foglio: "F", cella: "L8", valore: "", formula: "" });
      expect(w.B3).toEqual({ foglio: "F", cella: "B3", valore: 100 });
    }
  });

  it("the line falls back to its value, with the reason, where a formula would not give the engine's figure", () => {
    const casi: [string, () => Linea][] = [
      [
        "testo",
        () => linea([obiettivo("o", [ind()])], { percentuale: { cella: "B3", valore: "50%", scala: "testo" } }),
      ],
      ["peso", () => linea([obiettivo("o", [ind({ peso: "1,5" })])])],
      ["VERO/FALSO", () => linea([obiettivo("o", [ind({ peso: true })])])],
      ["formula dell'utente", () => linea([obiettivo("o", [ind({ ragg: 150, formule: { ragg: "=H7/G7*150" } })])])],
      ["valore rimasto", () => linea([obiettivo("o", [ind({ consuntivo: "1,5", atteso: null, ragg: 80 })])])],
      ["altro foglio", () => linea([obiettivo("o", [ind({ foglio: "G" })])])],
      ["Peso", () => linea([obiettivo("o", [ind({ celle: { atteso: "G7", consuntivo: "H7", ragg: "L7" } })])])],
    ];
    for (const [parola, crea] of casi) {
      daRiga(7);
      const l = crea();
      const patch = excel(l);
      const b3 = scritte(patch).B3;
      expect(b3?.formula).toBeUndefined();
      expect(patch.formuleNonScritte).toEqual([{ foglio: "F", cella: "B3", motivo: expect.stringContaining(parola) }]);
    }
  });

  it(`a line with many objectives stays within Excel's ${MAX_CARATTERI_FORMULA} characters, or gets its value with the reason`, () => {
    const conObiettivi = (n: number) => {
      daRiga(1000);
      return linea(Array.from({ length: n }, () => obiettivo("o", [ind(), ind(), ind()])));
    };
    const trenta = scritte(excel(conObiettivi(30))).B3.formula!;
    expect(trenta.length).toBeLessThanOrEqual(MAX_CARATTERI_FORMULA);
    const molti = conObiettivi(80);
    const patch = excel(molti);
    expect(scritte(patch).B3).toEqual({ foglio: "F", cella: "B3", valore: calcolaLinea(molti).percentuale });
    expect(patch.formuleNonScritte?.[0].motivo).toMatch(/oltre gli 8\.192 di Excel \(80 obiettivi\)/);
  });
});
