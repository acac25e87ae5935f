/**
 * Diagnostica over Office.js: the BancoDiagnostica port (src/app/diagnostica.ts). Every capability
 * runs in its own Excel.run batch on a temporary sheet of the open workbook, with the same calls
 * Barometro makes (the same shapes, the same helpers where they exist), and checks what Excel gives
 * back. It never touches the user's sheets: the only sheet it writes is the one it adds, by name.
 *
 * Office's context (host, platform, version, requirement sets, document settings) is injected, so
 * the tests and the workbench give fakes; by default it is Office.context.
 */
import { AmbienteOffice, BancoDiagnostica, IdCapacita } from "../app/diagnostica";
import { calcolaLinea, Indicatore, Linea } from "../engine";
import { MARGINI_STAMPA, piePagina } from "../layout/stampa";
import { isRegolaBarometro, lineaDellaRegola, regoleCondizionali } from "../layout/regole-condizionali";
import { areeDaIndirizzi, a1DaArea } from "./addresses";
import {
  EseguiExcel,
  ExcelChartPointsCollection,
  ExcelChartSeries,
  ExcelContext,
  ExcelWorksheet,
  ImpostazioniDocumento,
  RisultatoAsync,
} from "./excel-api";
import { impostaPagina } from "./office-stampa";

/** Office.Settings as used here: refreshAsync is optional (Office has it; an older fake may not). */
export type ImpostazioniDiagnostica = Pick<ImpostazioniDocumento, "get" | "set" | "remove" | "saveAsync"> & {
  refreshAsync?(callback?: (result: RisultatoAsync) => void): void;
};

export interface DipendenzeDiagnostica {
  /** Excel.run, or the workbench's / a test's fake run. */
  esegui?: EseguiExcel;
  /** Office.context.document.settings. */
  impostazioni?: () => ImpostazioniDiagnostica;
  /** Office.context.diagnostics. */
  ambiente?: () => AmbienteOffice | null;
  /** Office.context.requirements.isSetSupported. */
  supporta?: (nome: string, versione: string) => boolean;
  /** Waits between two reads of the PERF cell (setTimeout by default). */
  attendi?: (ms: number) => Promise<void>;
  /** Reads of the PERF cell before giving up (default 10) and the pause between them (default 500 ms). */
  lettureFunzione?: number;
  attesaFunzione?: number;
  /** The temporary sheet's suffix (random by default). */
  suffisso?: () => string;
}

/** The temporary sheet: «Barometro diagnostica 7k2q» (under Excel's 31 characters). */
export const PREFISSO_FOGLIO = "Barometro diagnostica";
/** The temporary setting's key: never one of Barometro's own (those start with "Barometro."). */
export const PREFISSO_CHIAVE = "BarometroDiagnostica.";

/** The custom function checked, and the value it must give. */
export const FORMULA_PERF = "=PERF.RAGG(100,80)";
const ATTESO_PERF = 80;
/**
 * What a cell shows while a custom function has not answered yet: "#BUSY!" (Microsoft 365, web),
 * "#GETTING_DATA" (older builds). Anything else is the answer.
 */
const IN_CALCOLO = /^#(BUSY!|GETTING_DATA)$/i;

/** A check that ran but found something other than what was written. */
export class VerificaNonRiuscita extends Error {
  readonly code = "VerificaNonRiuscita";
}

function verifica(condizione: boolean, messaggio: string): void {
  if (!condizione) throw new VerificaNonRiuscita(messaggio);
}

/** Whether a print-titles address ("Foglio!$1:$1", "'Foglio'!A1:XFD1") is the first row alone. */
function soloPrimaRiga(indirizzo: string): boolean {
  const righe = /^\$?(\d+):\$?(\d+)$/.exec(indirizzo.slice(indirizzo.lastIndexOf("!") + 1));
  if (righe) return righe[1] === "1" && righe[2] === "1";
  try {
    return areeDaIndirizzi(indirizzo).every((a) => a.area.top === 0 && a.area.bottom === 0);
  } catch {
    return false;
  }
}

/** A computed number, within floating-point noise. */
const vicino = (v: unknown, atteso: number) => typeof v === "number" && Math.abs(v - atteso) < 1e-9;

const stessoColore = (a: unknown, b: string) => typeof a === "string" && a.toUpperCase() === b.toUpperCase();

/** Two indicators of a synthetic line on the temporary sheet, rows 12 and 14 (atteso B, consuntivo C, Barometro E). */
function lineaSintetica(foglio: string): Linea {
  const indicatore = (riga: number, atteso: number, consuntivo: number): Indicatore => ({
    nome: `Indicatore di prova ${riga}`,
    formula: "",
    finalita: "",
    note: "",
    atteso,
    consuntivo,
    peso: 50,
    scostamento: null,
    ragg: null,
    scalaRagg: "percento",
    polarita: undefined,
    foglio,
    riga,
    celle: {
      atteso: `B${riga}`,
      consuntivo: `C${riga}`,
      ragg: `D${riga}`,
      barometro: `E${riga}`,
    },
    formule: {},
  });
  const indicatori = [indicatore(12, 100, 80), indicatore(14, 100, 95)];
  return {
    nome: "LINEA DI PROVA DELLA DIAGNOSTICA",
    foglio,
    obiettivi: [
      {
        nome: "Obiettivo di prova",
        settore: "",
        definizione: "",
        foglio,
        riga: 12,
        indicatori,
      },
    ],
  };
}

function salvaImpostazioni(s: ImpostazioniDiagnostica): Promise<void> {
  return new Promise((risolvi, rifiuta) =>
    s.saveAsync((r) => (r.status === "failed" ? rifiuta(erroreAsync(r, "saveAsync")) : risolvi()))
  );
}

function aggiornaImpostazioni(s: ImpostazioniDiagnostica): Promise<void> {
  const refresh = s.refreshAsync;
  if (typeof refresh !== "function") return Promise.resolve();
  return new Promise((risolvi, rifiuta) =>
    refresh.call(s, (r) => (r.status === "failed" ? rifiuta(erroreAsync(r, "refreshAsync")) : risolvi()))
  );
}

/** An Office.AsyncResult's error as code, message and where. */
function erroreAsync(r: RisultatoAsync, dove: string): Error {
  const e = new Error(r.error?.message ?? "Operazione non riuscita.") as Error & {
    code?: string;
    debugInfo?: { errorLocation: string };
  };
  if (r.error?.code !== undefined) e.code = String(r.error.code);
  e.debugInfo = { errorLocation: `Settings.${dove}` };
  return e;
}

export function creaBancoDiagnostica(deps: DipendenzeDiagnostica = {}): BancoDiagnostica {
  const esegui: EseguiExcel = deps.esegui ?? ((batch) => Excel.run(batch));
  const impostazioni = deps.impostazioni ?? ((): ImpostazioniDiagnostica => Office.context.document.settings);
  const attendi = deps.attendi ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const letture = deps.lettureFunzione ?? 10;
  const attesa = deps.attesaFunzione ?? 500;
  const suffisso = deps.suffisso ?? (() => Math.random().toString(36).slice(2, 6).padEnd(4, "0"));

  /** One batch on the temporary sheet. */
  const sulFoglio = <T>(foglio: string, corpo: (ws: ExcelWorksheet, context: ExcelContext) => Promise<T>) =>
    esegui((context) => corpo(context.workbook.worksheets.getItem(foglio), context));

  const prove: Record<Exclude<IdCapacita, "foglio">, (foglio: string) => Promise<void>> = {
    // Values and formulas as 2-D blocks (Ricalcola's writes), text kept as text with a leading
    // apostrophe (as the Indice writes it), then read back: values, formulas, computed results.
    valori: (foglio) =>
      sulFoglio(foglio, async (ws, context) => {
        ws.getRange("A1:C2").values = [
          ["Indicatore", 80, 100],
          ["'2024", 95, 100],
        ];
        ws.getRange("D1:E2").formulas = [
          ["=B1/C1*100", '=IF(B1>=C1,"sì","no")'],
          ["=B2/C2*100", '=IF(B2>=C2,"sì","no")'],
        ];
        const letto = ws.getRange("A1:E2");
        letto.load("values,formulas");
        await context.sync();
        const [r1, r2] = letto.values;
        verifica(
          r1[0] === "Indicatore" && r1[1] === 80 && r2[0] === "2024",
          `Valori riletti diversi: ${JSON.stringify(letto.values)}`
        );
        verifica(letto.formulas[0][3] === "=B1/C1*100", `Formula riletta diversa: ${String(letto.formulas[0][3])}`);
        verifica(
          vicino(r1[3], 80) && vicino(r2[3], 95) && r1[4] === "no",
          `Formule non calcolate: ${JSON.stringify(letto.values)}`
        );
      }),

    // One multi-area range per colour (Ricalcola's fills), and a clear on another multi-area range.
    riempimenti: (foglio) =>
      sulFoglio(foglio, async (ws, context) => {
        const colore = "#C6EFCE";
        ws.getRanges("A4:B4, D4, A6:A7").format.fill.color = colore;
        ws.getRanges("A9, C9").format.fill.color = "#FFC7CE";
        ws.getRanges("A9, C9").format.fill.clear();
        const celle = ["A4", "B4", "D4", "A7"].map((a) => ws.getRange(a).format.fill);
        const tolta = ws.getRange("A9").format.fill;
        celle.forEach((f) => f.load("color"));
        tolta.load("color");
        await context.sync();
        verifica(
          celle.every((f) => stessoColore(f.color, colore)),
          `Colori riletti diversi: ${celle.map((f) => f.color).join(", ")}`
        );
        verifica(!stessoColore(tolta.color, "#FFC7CE"), "Il colore tolto è rimasto.");
      }),

    // The rules Ricalcola writes for a line (regoleCondizionali on a synthetic line of this sheet),
    // in both forms: computing % Ragg («valori», PERF) and reading the % Ragg cell («formule di
    // Excel»); written as Ricalcola writes them: getRanges(areas).conditionalFormats.add("Custom"),
    // formula, fill; then read back as Ricalcola reads them (the sheet's rules, custom formula by null object).
    formattazione: (foglio) =>
      sulFoglio(foglio, async (ws, context) => {
        const linea = lineaSintetica(foglio);
        const regole = [false, true].flatMap((excel) =>
          regoleCondizionali([linea], [calcolaLinea(linea)], undefined, excel)
        );
        verifica(regole.length > 0, "Nessuna regola da provare.");
        for (const ind of linea.obiettivi[0].indicatori)
          ws.getRange(`B${ind.riga}:C${ind.riga}`).values = [[ind.atteso as number, ind.consuntivo as number]];
        for (const r of regole) {
          const cf = ws.getRanges(r.aree.join(", ")).conditionalFormats.add("Custom");
          cf.custom.rule.formula = r.formula;
          cf.custom.format.fill.color = r.colore;
        }
        const lette = ws.getRange().conditionalFormats;
        lette.load("items/id,items/type,items/customOrNullObject/rule/formula");
        await context.sync();
        const formule = lette.items.map((cf) =>
          cf.customOrNullObject.isNullObject ? null : cf.customOrNullObject.rule.formula
        );
        verifica(formule.length === regole.length, `Regole rilette: ${formule.length} invece di ${regole.length}.`);
        verifica(
          formule.every((f) => isRegolaBarometro(f) && lineaDellaRegola(f) === regole[0].linea),
          "Le regole rilette non portano il marcatore di Barometro."
        );
      }),

    // Merged cells read as the layout reader reads them (getMergedAreasOrNullObject).
    unioni: (foglio) =>
      sulFoglio(foglio, async (ws, context) => {
        ws.getRange("A17:B17").merge();
        ws.getRange("D17:D19").merge();
        const unite = ws.getRange("A16:F20").getMergedAreasOrNullObject();
        unite.load("address,areaCount");
        await context.sync();
        verifica(!unite.isNullObject, "Nessuna area unita riletta.");
        const aree = areeDaIndirizzi(unite.address)
          .map((a) => a1DaArea(a.area))
          .sort();
        verifica(unite.areaCount === 2 && aree.join(" ") === "A17:B17 D17:D19", `Aree unite rilette: ${unite.address}`);
      }),

    // Prepara stampa's page setup (impostaPagina: orientation, paper, fit, footer), its margins,
    // the rows repeated at the top and a manual page break; read back.
    stampa: (foglio) =>
      sulFoglio(foglio, async (ws, context) => {
        const pagina = ws.pageLayout;
        impostaPagina(pagina, "Landscape", piePagina(null));
        pagina.centerHorizontally = true;
        pagina.setPrintMargins("Inches", { ...MARGINI_STAMPA });
        pagina.setPrintTitleRows("$1:$1");
        ws.horizontalPageBreaks.add("A12");
        pagina.load("orientation,paperSize");
        const titoli = pagina.getPrintTitleRowsOrNullObject();
        titoli.load("address");
        ws.horizontalPageBreaks.load("items/rowIndex");
        await context.sync();
        verifica(
          pagina.orientation === "Landscape" && pagina.paperSize === "A4",
          `Pagina riletta: ${pagina.orientation}, ${pagina.paperSize}`
        );
        verifica(
          !titoli.isNullObject && soloPrimaRiga(titoli.address),
          "Le righe da ripetere non sono state impostate."
        );
        // One break on a new sheet (whether rowIndex counts from 0 or 1 the reference does not say).
        verifica(ws.horizontalPageBreaks.items.length === 1, "L'interruzione di pagina non è stata aggiunta.");
      }),

    // The Riepilogo's chart: bars, title, no legend, reversed categories, 0–1 axis, data labels,
    // a colour per bar; read back its name and its points.
    grafico: (foglio) =>
      sulFoglio(foglio, async (ws, context) => {
        ws.getRange("H1:I3").values = [
          ["Linea A", 0.95],
          ["Linea B", 0.75],
          ["Linea C", 0.4],
        ];
        ws.getRange("I1:I3").numberFormat = [["0%"], ["0%"], ["0%"]];
        const grafico = ws.charts.add("BarClustered", ws.getRange("H1:I3"), "Columns");
        grafico.name = "Barometro.Diagnostica";
        grafico.title.text = "Diagnostica";
        grafico.legend.visible = false;
        grafico.axes.categoryAxis.reversePlotOrder = true;
        grafico.axes.valueAxis.minimum = 0;
        grafico.axes.valueAxis.maximum = 1;
        grafico.setPosition("K1", "P12");
        const serie = grafico.series.getItemAt(0);
        serie.name = "Percentuale";
        serie.hasDataLabels = true;
        serie.points.getItemAt(0).format.fill.setSolidColor("#2E7D32");
        grafico.load("name");
        const punti = puntiDi(serie);
        punti.load("count");
        await context.sync();
        verifica(grafico.name === "Barometro.Diagnostica", `Grafico riletto: ${grafico.name}`);
        verifica(punti.count === 3, `Punti del grafico: ${punti.count} invece di 3.`);
      }),

    // PERF.RAGG in a cell (the shared runtime computes it), read back until it answers.
    perf: async (foglio) => {
      await sulFoglio(foglio, async (ws, context) => {
        ws.getRange("A22").formulas = [[FORMULA_PERF]];
        await context.sync();
      });
      const valore = await leggiFunzione(foglio, 1);
      if (typeof valore === "string" && IN_CALCOLO.test(valore))
        throw new VerificaNonRiuscita(
          `PERF.RAGG non ha risposto in ${Math.round((letture * attesa) / 1000)} s (${valore}).`
        );
      if (valore === "#NAME?")
        throw new VerificaNonRiuscita(
          "PERF.RAGG è sconosciuta (#NAME?): le funzioni personalizzate non sono caricate in questo Excel."
        );
      verifica(vicino(valore, ATTESO_PERF), `${FORMULA_PERF} ha dato ${String(valore)} invece di ${ATTESO_PERF}.`);
    },

    // The document settings' round trip with a key of its own (Barometro's keys are never set or
    // removed): refresh, set, save, refresh (the copy in the file), get, then remove and save.
    impostazioni: async () => {
      const s = impostazioni();
      const chiave = `${PREFISSO_CHIAVE}${suffisso()}`;
      const valore = { prova: chiave, numeri: [1, 2, 3] };
      await aggiornaImpostazioni(s);
      s.set(chiave, valore);
      try {
        await salvaImpostazioni(s);
        await aggiornaImpostazioni(s);
        const riletto = s.get(chiave);
        verifica(
          JSON.stringify(riletto) === JSON.stringify(valore),
          `Impostazione riletta: ${JSON.stringify(riletto)}`
        );
      } finally {
        s.remove(chiave);
        await salvaImpostazioni(s);
      }
    },
  };

  /**
   * The PERF cell's value. A custom function answers asynchronously (the cell shows #BUSY! until
   * the shared runtime has computed it), so the cell is read again, after a pause, a bounded number
   * of times. Each read is its own batch and the next one is a recursive call, not a loop:
   * context.sync() in a loop is what the Office add-in lint forbids, and the pause between reads is
   * what lets the runtime answer.
   */
  async function leggiFunzione(foglio: string, lettura: number): Promise<unknown> {
    const valore = await sulFoglio(foglio, async (ws, context) => {
      const cella = ws.getRange("A22");
      cella.load("values");
      await context.sync();
      return cella.values[0][0];
    });
    if (!(typeof valore === "string" && IN_CALCOLO.test(valore)) || lettura >= letture) return valore;
    await attendi(attesa);
    return leggiFunzione(foglio, lettura + 1);
  }

  return {
    ambiente: deps.ambiente ?? ambienteOffice,
    supporta: deps.supporta ?? ((nome, versione) => Office.context.requirements.isSetSupported(nome, versione)),

    cartellaProtetta: () =>
      esegui(async (context) => {
        const protezione = context.workbook.protection;
        protezione.load("protected");
        await context.sync();
        return protezione.protected;
      }),

    creaFoglio: () => {
      const nome = `${PREFISSO_FOGLIO} ${suffisso()}`;
      return esegui(async (context) => {
        context.workbook.worksheets.add(nome);
        await context.sync();
        return nome;
      });
    },

    prova: (id, foglio) => {
      if (id !== "impostazioni" && foglio === null) throw new VerificaNonRiuscita("Manca il foglio temporaneo.");
      return prove[id](foglio ?? "");
    },

    eliminaFoglio: (foglio) =>
      esegui(async (context) => {
        context.workbook.worksheets.getItem(foglio).delete();
        await context.sync();
      }),
  };
}

/** A series' points: a navigation property, using it needs no load and no sync (the lint cannot tell). */
function puntiDi(serie: ExcelChartSeries): ExcelChartPointsCollection {
  return serie.points;
}

/** Office.context.diagnostics as plain data; null outside Office. */
function ambienteOffice(): AmbienteOffice | null {
  const d = typeof Office !== "undefined" ? Office.context?.diagnostics : undefined;
  if (!d) return null;
  return {
    host: String(d.host),
    piattaforma: String(d.platform),
    versione: String(d.version),
  };
}
