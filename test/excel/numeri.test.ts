import ExcelJS from "exceljs";
import { CAMPIONE } from "../support/campione";
import { convertiNumeri } from "../../src/app/numeri";
import { ricalcola } from "../../src/app/ricalcolo";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { BANDE_PREDEFINITE, Indicatore } from "../../src/engine";
import { valutaFormula } from "../../src/excel-finto/formula-condizionale";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { parseA1 } from "../../src/layout/griglia";
import { CartellaFinta, FoglioFinto } from "../../src/excel-finto";
import { calcolaFormula, ricalcolaFormule } from "../../src/excel-finto/calcolo-formule";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";

const FOGLIO = "Obiettivi 2024";
const [VERDE, , ROSSO] = BANDE_PREDEFINITE.fasce.map((f) => f.colore);
const PALESTRE = "Aumento spazi palestre cittadine"; // atteso 1200, consuntivo 500: 41,67%, Non raggiunto

let libro: ExcelJS.Workbook;
beforeAll(async () => {
  libro = new ExcelJS.Workbook();
  await libro.xlsx.readFile(CAMPIONE);
});

/** The sample in the fake Excel, the Palestre row's atteso typed as text in a cell formatted as Text. */
async function campione() {
  const cartella = cartellaDaExcelJS(libro, { valutaFormula: calcolaFormula });
  const accesso = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });
  const ws = cartella.foglio(FOGLIO)!;
  const { analisi } = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
  const indicatori = analisi.linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori));
  const palestre = indicatori.find((i) => i.nome === PALESTRE)!;
  ws.imposta(palestre.celle.atteso!, { valore: "1.200", formato: "@" });
  return { cartella, accesso, ws, palestre };
}

/** What a person sees in the row's Barometro cell: the colour, and the label its formula computes now. */
function barometro(ws: FoglioFinto, ind: Indicatore) {
  const { row, col } = parseA1(ind.celle.barometro!);
  const cella = ws.cellaIn(row, col);
  const etichetta =
    typeof cella?.formula === "string"
      ? valutaFormula(cella.formula, {
          valore: (r, c) => ws.cellaIn(r, c)?.valore ?? null,
          spostamento: { righe: 0, colonne: 0 },
        })
      : cella?.valore;
  return { colore: ws.coloreVisto(row, col), etichetta, formula: cella?.formula };
}

describe("Converti in numeri (over the fake Excel, through the Office.js adapter)", () => {
  it("a number stored as text: Verifica says so, and the colour stays put after an edit (the old, silent behaviour)", async () => {
    const { cartella, accesso, ws, palestre } = await campione();
    const { analisi } = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const avvisi = analisi.avvisi.filter((a) => a.codice === "NUMERO_COME_TESTO");
    expect(avvisi.map((a) => [a.foglio, a.cella])).toEqual([[FOGLIO, palestre.celle.atteso]]);
    expect(avvisi[0].messaggio).toContain("non seguono i dati fino al prossimo Ricalcola");

    // A colleague without the add-in types the consuntivo that reaches the target (Excel
    // recalculates): nothing follows.
    ws.imposta(palestre.celle.consuntivo!, { valore: 1200 });
    ricalcolaFormule(cartella);
    expect(barometro(ws, palestre)).toMatchObject({ colore: ROSSO, etichetta: "Non raggiunto" });
  });

  it("counts, then converts in one write: the number, with a number format that keeps it a number", async () => {
    const { cartella, accesso, ws, palestre } = await campione();
    cartella.azzeraContatori();
    const conteggio = await convertiNumeri(accesso);
    expect(conteggio).toMatchObject({
      applicato: false,
      fogli: [FOGLIO],
      domanda: "Convertire in numero 1 cella che contiene un numero scritto come testo?",
      scrittura: null,
    });
    expect(conteggio.celle).toEqual([
      { foglio: FOGLIO, cella: palestre.celle.atteso, testo: "1.200", valore: 1200, formato: "#,##0" },
    ]);
    expect(ws.cella(palestre.celle.atteso!)?.valore).toBe("1.200"); // the count writes nothing

    const esito = await convertiNumeri(accesso, { conferma: true });
    expect(esito.applicato).toBe(true);
    expect(esito.messaggio).toMatch(/^1 cella convertita da testo a numero \(«Obiettivi 2024»\)\. Ricalcolare/);
    expect(esito.scrittura?.sincronizzazioni).toBe(1);
    expect(cartella.registro).toHaveLength(3); // count's read, confirmation's read, the write
    // A number, not the text "1200": the Text format went first, in the same write.
    expect(ws.cella(palestre.celle.atteso!)).toMatchObject({ valore: 1200, formato: "#,##0" });

    // Run again: nothing left.
    expect((await convertiNumeri(accesso, { conferma: true })).messaggio).toBe(
      "Nessun numero scritto come testo da convertire."
    );
  });

  it("after the conversion a Ricalcola gives the row rules and a label that follow an edit", async () => {
    const { cartella, accesso, ws, palestre } = await campione();
    await convertiNumeri(accesso, { conferma: true });
    const { analisi } = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(analisi.avvisi.filter((a) => a.codice === "NUMERO_COME_TESTO")).toEqual([]);
    const prima = barometro(ws, palestre);
    expect(prima).toMatchObject({ colore: ROSSO, etichetta: "Non raggiunto" });
    expect(prima.formula).toMatch(/barometro/);

    ws.imposta(palestre.celle.consuntivo!, { valore: 1200 });
    ricalcolaFormule(cartella); // Excel recalculates % Ragg, which rule and label read
    expect(barometro(ws, palestre)).toMatchObject({ colore: VERDE, etichetta: "Raggiunto" });
  });
});

describe("the fake Excel is not looser than Excel on Text-formatted cells", () => {
  it("a number written with range.values into a cell formatted as Text (@) is kept as text; after a number format, as a number", async () => {
    const c = new CartellaFinta();
    const ws = c.aggiungiFoglio("Foglio");
    ws.imposta("A1", { valore: "1.200", formato: "@" }).imposta("A2", { valore: "5", formato: "@" });
    await c.run(async (context) => {
      const foglio = context.workbook.worksheets.getItem("Foglio");
      foglio.getRange("A1").values = [[1200]];
      foglio.getRange("A2").numberFormat = [["General"]];
      foglio.getRange("A2").values = [[5]];
      await context.sync();
    });
    expect(ws.cella("A1")?.valore).toBe("1200");
    expect(ws.cella("A2")?.valore).toBe(5);
    expect(ws.cella("A2")?.formato ?? "General").toBe("General");
  });
});
