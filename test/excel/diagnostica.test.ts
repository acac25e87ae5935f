/**
 * Diagnostica's Office.js adapter against the in-memory Excel: every capability passes, the user's
 * sheets are untouched and the temporary sheet is gone in every case; a capability Excel refuses
 * shows its code and message while the others still run; a protected workbook; PERF's bounded reads.
 */
import { eseguiDiagnostica, RapportoDiagnostica } from "../../src/app/diagnostica";
import {
  creaBancoDiagnostica,
  DipendenzeDiagnostica,
  FORMULA_PERF,
  PREFISSO_FOGLIO,
} from "../../src/excel/diagnostica";
import { EseguiExcel } from "../../src/excel/excel-api";
import { CartellaFinta, CODICI_ERRORE, ValutaFormula } from "../../src/excel-finto";
import {
  AMBIENTE_BANCO,
  impostazioniBanco,
  requisitiBanco,
  valutaFormulaBanco,
} from "../../src/excel-finto/office-finto";

/** A user's workbook: two sheets with values, a formula, a merge, a rule of the user's, a chart, settings. */
function cartellaUtente(valutaFormula: ValutaFormula = valutaFormulaBanco): CartellaFinta {
  const c = new CartellaFinta({ valutaFormula });
  const ws = c.aggiungiFoglio("Obiettivi 2024");
  ws.imposta("A1", { valore: "LINEA STRATEGICA SULLO SPORT" });
  ws.imposta("G7", { valore: 100 }).imposta("H7", { valore: 80 });
  ws.imposta("L7", { formula: "=PERF.RAGG(G7,H7)", valore: 80 });
  ws.unisci("B7:B9");
  ws.aggiungiRegola({
    tipo: "Custom",
    aree: [{ top: 6, left: 7, bottom: 9, right: 7 }],
    formula: "=$H7>1000",
    colore: "#0000FF",
  });
  c.aggiungiFoglio("Note").imposta("A1", { valore: "appunti" });
  c.impostazioni.set("Barometro.soglie", { raggiunto: 90 });
  c.impostazioni.saveAsync();
  return c;
}

function banco(c: CartellaFinta, altre: DipendenzeDiagnostica = {}) {
  return creaBancoDiagnostica({
    esegui: c.run,
    impostazioni: () => impostazioniBanco(c),
    ambiente: () => AMBIENTE_BANCO,
    supporta: requisitiBanco,
    attendi: async () => undefined,
    suffisso: () => "t1",
    ...altre,
  });
}

const stati = (r: RapportoDiagnostica) => Object.fromEntries(r.esiti.map((e) => [e.id, e.stato]));
const temporanei = (c: CartellaFinta) => c.fogli.filter((f) => f.nome.startsWith(PREFISSO_FOGLIO));

async function conImpostazioniSalvate(c: CartellaFinta) {
  await Promise.resolve();
  return c.impostazioniNelFile();
}

describe("Diagnostica on the in-memory Excel", () => {
  it("every capability «riuscito»; the user's sheets, rules and settings untouched; the temporary sheet deleted", async () => {
    const c = cartellaUtente();
    const impostazioniPrima = await conImpostazioniSalvate(c);
    const prima = c.istantanea();
    const nomiPrima = c.fogli.map((f) => f.nome);

    const rapporto = await eseguiDiagnostica(banco(c));

    expect(rapporto.esiti.filter((e) => e.stato !== "riuscito")).toEqual([]);
    expect(rapporto.esiti).toHaveLength(9);
    expect(c.fogli.map((f) => f.nome)).toEqual(nomiPrima);
    expect(c.istantanea()).toEqual(prima);
    expect(c.impostazioniNelFile()).toEqual(impostazioniPrima);
    expect(rapporto.foglioRimasto).toBeNull();
    // One batch (one sync) per step: protection, add, 6 capabilities on the sheet, PERF written then
    // read once (the fake answers at once), delete. The settings need no Excel batch.
    expect(c.sincronizzazioni).toBe(11);
    expect(rapporto.ambiente).toEqual(AMBIENTE_BANCO);
    expect(rapporto.requisiti.find((r) => r.nome === "ExcelApi")).toMatchObject({ massima: "1.13", soddisfatto: true });
  });

  it("one capability refused by Excel: «non riuscito» with Excel's code and message, the others still run, the sheet deleted", async () => {
    const c = cartellaUtente();
    const prima = c.istantanea();
    // Excel fails to load some rules made in its UI (GeneralException): the rule check cannot read them back.
    c.formattazioniIlleggibili = true;
    const rapporto = await eseguiDiagnostica(banco(c));
    const formattazione = rapporto.esiti.find((e) => e.id === "formattazione")!;
    expect(formattazione.stato).toBe("non riuscito");
    expect(formattazione.codice).toBe(CODICI_ERRORE.generico);
    expect(formattazione.messaggio).toBeTruthy();
    expect(rapporto.esiti.filter((e) => e.id !== "formattazione").every((e) => e.stato === "riuscito")).toBe(true);
    expect(temporanei(c)).toEqual([]);
    expect(c.istantanea()).toEqual(prima);
  });

  it("a protected workbook: no sheet added, the sheet capabilities «non verificato» and why, the settings still tested", async () => {
    const c = cartellaUtente();
    c.strutturaProtetta = true;
    const prima = c.istantanea();
    const rapporto = await eseguiDiagnostica(banco(c));
    expect(stati(rapporto)).toEqual({
      foglio: "non verificato",
      valori: "non verificato",
      riempimenti: "non verificato",
      formattazione: "non verificato",
      unioni: "non verificato",
      stampa: "non verificato",
      grafico: "non verificato",
      impostazioni: "riuscito",
      perf: "non verificato",
    });
    expect(rapporto.nota).toMatch(/struttura della cartella è protetta/);
    expect(c.istantanea()).toEqual(prima);
    expect(c.sincronizzazioni).toBe(1); // the protection read, nothing else
  });

  it("the fake refuses adding or deleting a sheet in a protected workbook (AccessDenied)", async () => {
    const c = cartellaUtente();
    c.strutturaProtetta = true;
    await expect(c.run(async (ctx) => ctx.workbook.worksheets.add("X"))).rejects.toMatchObject({
      code: CODICI_ERRORE.accessoNegato,
    });
    await expect(
      c.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Note").delete();
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: CODICI_ERRORE.accessoNegato });
    expect(c.fogli.map((f) => f.nome)).toEqual(["Obiettivi 2024", "Note"]);
  });

  it("the workbook protected while it runs: the sheet cannot be deleted, the report says so and names it", async () => {
    const c = cartellaUtente();
    let batch = 0;
    const esegui: EseguiExcel = async (b) => {
      // The last batch is the deletion: protect the workbook just before it.
      if (++batch === 11) c.strutturaProtetta = true;
      return c.run(b);
    };
    const rapporto = await eseguiDiagnostica(banco(c, { esegui }));
    expect(rapporto.esiti[0]).toMatchObject({
      id: "foglio",
      stato: "non riuscito",
      codice: CODICI_ERRORE.accessoNegato,
    });
    expect(rapporto.foglioRimasto).toBe(`${PREFISSO_FOGLIO} t1`);
  });

  it("the fake computes PERF.RAGG with the real PERF implementation (atteso, consuntivo[, polarità])", async () => {
    const c = cartellaUtente();
    c.foglio("Note")!.imposta("A2", { valore: 100 }).imposta("A3", { valore: 80 });
    await c.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Note").getRange("B1:B5").formulas = [
        [FORMULA_PERF],
        ["=PERF.RAGG(80,100)"],
        ['=PERF.RAGG(80,100,"decrescente")'],
        ["=PERF.RAGG(A2,A3)"],
        ["=PERF.RAGG(A2,A9)"],
      ];
    });
    const valori = ["B1", "B2", "B3", "B4", "B5"].map((a) => c.foglio("Note")!.cella(a)?.valore);
    expect(valori).toEqual([80, 100, 80, 80, "#N/A"]);
  });

  it("PERF answering late (#BUSY!): read again after a pause, a bounded number of times", async () => {
    const occupato: ValutaFormula = (f, foglio, r, col) =>
      /PERF\./.test(f) ? "#BUSY!" : valutaFormulaBanco(f, foglio, r, col);
    const c = cartellaUtente(occupato);
    let pause = 0;
    // The runtime answers during the second pause.
    const attendi = async () => {
      if (++pause === 2) temporanei(c)[0].imposta("A22", { valore: 80 });
    };
    const rapporto = await eseguiDiagnostica(banco(c, { attendi }));
    expect(rapporto.esiti.find((e) => e.id === "perf")!.stato).toBe("riuscito");
    expect(pause).toBe(2);

    const mai = cartellaUtente(occupato);
    let attese = 0;
    const senzaRisposta = await eseguiDiagnostica(
      banco(mai, {
        attendi: async () => void attese++,
        lettureFunzione: 4,
        attesaFunzione: 250,
      })
    );
    const perf = senzaRisposta.esiti.find((e) => e.id === "perf")!;
    expect(perf.stato).toBe("non riuscito");
    expect(perf.messaggio).toBe("PERF.RAGG non ha risposto in 1 s (#BUSY!).");
    expect(attese).toBe(3); // 4 reads, 3 pauses between them
    expect(temporanei(mai)).toEqual([]);
  });

  it("PERF not registered (#NAME?): «non riuscito» saying the custom functions are not loaded", async () => {
    const c = cartellaUtente((f, foglio, r, col) =>
      /PERF\./.test(f) ? "#NAME?" : valutaFormulaBanco(f, foglio, r, col)
    );
    const rapporto = await eseguiDiagnostica(banco(c));
    expect(rapporto.esiti.find((e) => e.id === "perf")).toMatchObject({
      stato: "non riuscito",
      codice: "VerificaNonRiuscita",
      messaggio: expect.stringMatching(/PERF.RAGG è sconosciuta \(#NAME\?\)/),
    });
  });

  it("settings that fail to save: «non riuscito» with Office's code, Barometro's own keys untouched", async () => {
    const c = cartellaUtente();
    const prima = await conImpostazioniSalvate(c);
    c.salvataggioImpostazioniFallisce = true;
    const rapporto = await eseguiDiagnostica(banco(c));
    expect(rapporto.esiti.find((e) => e.id === "impostazioni")).toMatchObject({
      stato: "non riuscito",
      codice: "5001",
    });
    expect(c.impostazioniNelFile()).toEqual(prima);
    expect(c.impostazioni.get("Barometro.soglie")).toEqual({ raggiunto: 90 });
  });
});
