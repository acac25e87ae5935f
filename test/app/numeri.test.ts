import {
  anteprimaNumeri,
  convertiNumeri,
  formatoDopo,
  letturaDopo,
  numeriDaConvertire,
  patchNumeri,
} from "../../src/app/numeri";
import { analizza } from "../../src/app/ricalcolo";
import { Indicatore, ValoreCella } from "../../src/engine";
import { dividiLotto, pianoScrittura } from "../../src/excel/write-plan";
import { leggiLinee } from "../../src/layout";
import { parseA1, SheetGrid } from "../../src/layout/griglia";
import { AccessoRegistrato } from "../support/accesso-registrato";
import { fogliCampione } from "../support/campione";

const FOGLIO = "Obiettivi 2024";

/** Sets a cell of a grid as read (value, and optionally number format and formula). */
function imposta(g: SheetGrid, cella: string, valore: ValoreCella, formato?: string, formula?: string) {
  const { row, col } = parseA1(cella);
  const i = row - (g.origin?.row ?? 0);
  const j = col - (g.origin?.col ?? 0);
  g.values[i] = [...g.values[i]];
  g.values[i][j] = valore;
  if (formato !== undefined) {
    g.numberFormats![i] = [...g.numberFormats![i]];
    g.numberFormats![i][j] = formato;
  }
  if (formula !== undefined) {
    g.formulas![i] = [...g.formulas![i]];
    g.formulas![i][j] = formula;
  }
}

let fogli: SheetGrid[];
let indicatori: Indicatore[];
beforeEach(async () => {
  fogli = await fogliCampione();
  // Not the binary ones ("1 = fatto"): Verifica reports their 1.545 as not 0 or 1 instead.
  indicatori = leggiLinee(fogli)
    .linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori))
    .filter((i) => !/fatto/i.test(i.formula));
});
const foglio = () => fogli.find((g) => g.name === FOGLIO)!;

describe("numeriDaConvertire", () => {
  it("the sample has none", () => {
    expect(numeriDaConvertire({ fogli, protetti: [] }, leggiLinee(fogli).linee)).toEqual([]);
  });

  it("only text that converts one way, without a formula; each cell once; number formats where needed", () => {
    const [a, b, c, d, e, f] = indicatori.filter((i) => i.foglio === FOGLIO);
    const g = foglio();
    imposta(g, a.celle.atteso!, "1.545", "@"); // Text format: must go, grouping kept
    imposta(g, a.celle.consuntivo!, " 78,5 ", "@"); // Text format → General
    imposta(g, b.celle.atteso!, "1.545,25", "General"); // General with grouping → #,##0.00
    imposta(g, b.celle.consuntivo!, "40", "0.0"); // the user's own format stays
    imposta(g, c.celle.atteso!, "80%"); // Excel would read 0,8: not converted
    imposta(g, c.celle.consuntivo!, "2.5"); // a lone decimal dot: not converted
    imposta(g, d.celle.atteso!, "n.d."); // not a number
    imposta(g, e.celle.consuntivo!, "100", undefined, '=TEXT(100,"0")'); // a formula's text result: never
    imposta(g, f.celle.peso!, "50");
    const { linee } = leggiLinee(fogli);
    const celle = numeriDaConvertire({ fogli, protetti: [] }, linee);
    expect(celle).toEqual([
      { foglio: FOGLIO, cella: a.celle.atteso, testo: "1.545", valore: 1545, formato: "#,##0" },
      { foglio: FOGLIO, cella: a.celle.consuntivo, testo: " 78,5 ", valore: 78.5, formato: "General" },
      { foglio: FOGLIO, cella: b.celle.atteso, testo: "1.545,25", valore: 1545.25, formato: "#,##0.00" },
      { foglio: FOGLIO, cella: b.celle.consuntivo, testo: "40", valore: 40 },
      { foglio: FOGLIO, cella: f.celle.peso, testo: "50", valore: 50 },
    ]);
    // Verifica reports every figure stored as text, convertible or not (the formula's result too).
    const avvisi = analizza({ fogli, selezione: null, protetti: [] }).avvisi.filter(
      (x) => x.codice === "NUMERO_COME_TESTO"
    );
    expect(avvisi.map((x) => x.cella).sort()).toEqual(
      [
        a.celle.atteso,
        a.celle.consuntivo,
        b.celle.atteso,
        b.celle.consuntivo,
        c.celle.atteso,
        c.celle.consuntivo,
        e.celle.consuntivo,
        f.celle.peso,
      ].sort()
    );

    expect(anteprimaNumeri(celle, 2)).toEqual([
      `${FOGLIO}!${a.celle.atteso}: «1.545» → 1.545`,
      `${FOGLIO}!${a.celle.consuntivo}: «78,5» → 78,5`,
      "… e 3 altre",
    ]);
  });

  it("a protected sheet is left alone", () => {
    imposta(foglio(), indicatori[0].celle.atteso!, "1.545");
    expect(numeriDaConvertire({ fogli, protetti: [FOGLIO] }, leggiLinee(fogli).linee)).toEqual([]);
  });

  it("the read after the conversion has the numbers: Verifica no longer reports them", () => {
    const [a] = indicatori.filter((i) => i.foglio === FOGLIO);
    imposta(foglio(), a.celle.atteso!, "1.200", "@");
    const lettura = { fogli, selezione: null, protetti: [] };
    const celle = numeriDaConvertire(lettura, analizza(lettura).linee);
    expect(analizza(lettura).avvisi.some((x) => x.codice === "NUMERO_COME_TESTO")).toBe(true);
    const dopo = analizza(letturaDopo(lettura, celle));
    expect(dopo.avvisi.some((x) => x.codice === "NUMERO_COME_TESTO")).toBe(false);
    expect(analizza(lettura).avvisi.some((x) => x.codice === "NUMERO_COME_TESTO")).toBe(true); // unchanged
  });
});

describe("formatoDopo", () => {
  it.each<[string, string | null, string | undefined]>([
    ["1.545", "@", "#,##0"],
    ["1.545,5", "@", "#,##0.0"],
    ["78,5", "@", "General"],
    ["100", "@", "General"],
    ["1.545", "General", "#,##0"],
    ["1.545", null, "#,##0"],
    ["78,5", "General", undefined],
    ["1.545", "0.00", undefined],
  ])("%p in a cell formatted %p → %p", (testo, formato, atteso) => {
    expect(formatoDopo(testo, formato)).toBe(atteso);
  });
});

describe("convertiNumeri", () => {
  it("counts without writing; with conferma reads again and writes the numbers and formats in one write", async () => {
    const [a, b] = indicatori.filter((i) => i.foglio === FOGLIO);
    imposta(foglio(), a.celle.atteso!, "1.545", "@");
    imposta(foglio(), b.celle.consuntivo!, "39");
    const access = new AccessoRegistrato(fogli);
    const conteggio = await convertiNumeri(access);
    expect(conteggio.celle).toHaveLength(2);
    expect(conteggio.domanda).toBe("Convertire in numeri 2 celle che contengono numeri scritti come testo?");
    expect(access.scritture).toEqual([]);

    const esito = await convertiNumeri(access, { conferma: true });
    expect(access.letture).toBe(2);
    expect(access.scritture).toEqual([
      {
        scritture: [
          { foglio: FOGLIO, cella: a.celle.atteso, valore: 1545 },
          { foglio: FOGLIO, cella: b.celle.consuntivo, valore: 39 },
        ],
        colori: [],
        formatiNumero: [{ foglio: FOGLIO, cella: a.celle.atteso, formato: "#,##0" }],
      },
    ]);
    expect(esito.messaggio).toMatch(/^2 celle convertite da testo a numero \(«Obiettivi 2024»\)\./);
  });

  it("nothing to convert: a message, no write", async () => {
    const access = new AccessoRegistrato(fogli);
    const esito = await convertiNumeri(access, { conferma: true });
    expect(esito).toMatchObject({ applicato: false, domanda: null });
    expect(esito.messaggio).toBe("Nessun numero scritto come testo da convertire.");
    expect(access.scritture).toEqual([]);
  });
});

describe("the write plan", () => {
  it("sets the number formats in the first lot, before the values; a split lot does not repeat them", () => {
    const celle = [
      { foglio: FOGLIO, cella: "G12", testo: "1.545", valore: 1545, formato: "#,##0" },
      { foglio: FOGLIO, cella: "H40", testo: "7", valore: 7 },
    ];
    const piano = pianoScrittura(patchNumeri(celle));
    expect(piano.lotti).toHaveLength(1);
    expect(piano.lotti[0].formatiNumero).toEqual([{ foglio: FOGLIO, cella: "G12", formato: "#,##0" }]);
    const [primo, secondo] = dividiLotto(piano.lotti[0])!;
    expect(primo.formatiNumero).toHaveLength(1);
    expect(secondo.formatiNumero).toBeUndefined();
  });
});
