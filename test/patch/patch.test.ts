import { BANDE_PREDEFINITE, calcolaLinea, Indicatore, Linea, Obiettivo } from "../../src/engine";
import { creaPatch, valorePercentuale } from "../../src/layout/patch";

let riga = 7;
function ind(over: Partial<Indicatore> = {}): Indicatore {
  const r = riga++;
  return {
    nome: `ind ${r}`,
    formula: "",
    finalita: "",
    note: "",
    atteso: 100,
    consuntivo: 100,
    peso: 50,
    scostamento: null,
    ragg: null,
    scalaRagg: "percento",
    polarita: undefined,
    foglio: "F",
    riga: r,
    celle: {
      atteso: `G${r}`,
      consuntivo: `H${r}`,
      scostamento: `I${r}`,
      peso: `K${r}`,
      ragg: `L${r}`,
      barometro: `M${r}`,
    },
    formule: {},
    ...over,
  };
}
const obj = (indicatori: Indicatore[]): Obiettivo => ({
  nome: "o",
  settore: "",
  definizione: "",
  foglio: "F",
  riga: indicatori[0].riga,
  indicatori,
});
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
    const l = linea([obj([a, b]), obj([c])], { percentuale: { cella: "A5", valore: 0.5, scala: "frazione" } });
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
    const l = linea([obj([a])], {
      percentuale: { cella: "A5", valore: 10, scala: "percento", formula: "=MEDIA(L7:L9)" },
    });
    const patch = creaPatch([l], [calcolaLinea(l)]);
    expect(patch.scritture).toEqual([]);
    expect(patch.colori).toHaveLength(1);
  });

  it("leaves a da-rilevare indicator's cells as they are and clears Barometro's fill", () => {
    const a = ind({ consuntivo: "n.d." });
    const l = linea([obj([a])]);
    const patch = creaPatch([l], [calcolaLinea(l)]);
    expect(patch.scritture).toEqual([]);
    expect(patch.colori).toEqual([{ foglio: "F", cella: a.celle.barometro, colore: null }]);
  });

  it("greys every Barometro cell of a neutralised objective and writes its indicators' % Ragg", () => {
    const a = ind({ atteso: 1, consuntivo: 0, peso: 0 });
    const b = ind({ atteso: 20, consuntivo: 0, peso: 0 });
    const l = linea([obj([a, b])], { percentuale: { cella: "A5", valore: null, scala: "percento" } });
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
    const l = linea([obj([a])]);
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
    const l = linea([obj([vuota, nostra, utente, polar])]);
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
    const l = linea([obj([a])]);
    const bande = {
      ...BANDE_PREDEFINITE,
      fasce: BANDE_PREDEFINITE.fasce.map((f) => (f.id === "raggiunto" ? { ...f, soglia: 80 } : f)),
    };
    expect(creaPatch([l], [calcolaLinea(l)], { bande }).colori[0].colore).toBe(BANDE_PREDEFINITE.fasce[0].colore);
    expect(creaPatch([l], [calcolaLinea(l)]).colori[0].colore).toBe(BANDE_PREDEFINITE.fasce[1].colore);
  });
});
