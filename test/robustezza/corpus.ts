/**
 * Hostile workbooks, built by the tests: one function per case, each returning an ExcelJS
 * workbook or the bytes of a file. Most start from the bundled sample (sheet "Obiettivi 2024",
 * columns A Settore … N Barometro) and spoil it in one way; CORPUS lists them all with what the
 * command line and the adapter must do with them.
 */
import { readFileSync } from "fs";
import { resolve } from "path";
import ExcelJS from "exceljs";
import { INTESTAZIONE_STAFF } from "../../scripts/staff-layout";
import { CAMPIONE } from "../support/campione";

export const FOGLIO = "Obiettivi 2024";

/** 1-based columns of the sample's table. */
export const COL = {
  settore: 1,
  obiettivo: 2,
  definizione: 3,
  indicatore: 4,
  formula: 5,
  finalita: 6,
  polarita: 7,
  atteso: 8,
  consuntivo: 9,
  scostamento: 10,
  note: 11,
  peso: 12,
  ragg: 13,
  barometro: 14,
} as const;

const INTESTAZIONE = INTESTAZIONE_STAFF;

let bytesCampione: Buffer | undefined;

/** A fresh copy of the bundled sample. */
export async function campione(): Promise<ExcelJS.Workbook> {
  bytesCampione ??= readFileSync(CAMPIONE);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytesCampione as unknown as ExcelJS.Buffer);
  return wb;
}

function foglio(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(FOGLIO);
  if (!ws) throw new Error(`il campione non ha il foglio ${FOGLIO}`);
  return ws;
}

/** Rows (1-based) of the header rows: "Indicatore" in column D. */
export function righeIntestazione(ws: ExcelJS.Worksheet): number[] {
  const righe: number[] = [];
  ws.eachRow((row, r) => {
    if (row.getCell(COL.indicatore).value === "Indicatore") righe.push(r);
  });
  return righe;
}

/** Rows (1-based) of the indicator rows: a numeric target in column H. */
export function righeIndicatori(ws: ExcelJS.Worksheet): number[] {
  const righe: number[] = [];
  ws.eachRow((row, r) => {
    if (typeof row.getCell(COL.atteso).value === "number") righe.push(r);
  });
  return righe;
}

/** Rows of the objectives with exactly `n` indicators (first row of each), from the merges of column B. */
export function obiettiviDi(ws: ExcelJS.Worksheet, n: number): number[] {
  const merges: string[] = (ws.model as { merges?: string[] }).merges ?? [];
  return merges
    .map((m) => /^B(\d+):B(\d+)$/.exec(m))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) - Number(m[1]) + 1 === n)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

const imposta = (ws: ExcelJS.Worksheet, riga: number, colonna: number, valore: ExcelJS.CellValue) => {
  ws.getCell(riga, colonna).value = valore;
};

// ───────────────────────────── bad values ─────────────────────────────

/** Text where numbers belong: "n.d.", "—", "circa 50", a weight "n.d."; and valid Italian text numbers. */
export async function testoNeiNumeri(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const [r0, r1, r2, r3, r4] = righeIndicatori(ws);
  imposta(ws, r0, COL.atteso, "n.d.");
  imposta(ws, r1, COL.consuntivo, "—");
  imposta(ws, r2, COL.consuntivo, "circa 50");
  imposta(ws, r3, COL.peso, "n.d.");
  imposta(ws, r4, COL.atteso, "1.000"); // 1000, Italian thousands
  imposta(ws, r4, COL.consuntivo, "750,5");
  return wb;
}

/** Excel error values as constants and as formula results. */
export async function erroriExcel(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const [r0, r1, r2, r3] = righeIndicatori(ws);
  imposta(ws, r0, COL.atteso, { error: "#N/A" } as ExcelJS.CellErrorValue);
  imposta(ws, r1, COL.consuntivo, { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue);
  imposta(ws, r2, COL.peso, { error: "#REF!" } as ExcelJS.CellErrorValue);
  imposta(ws, r3, COL.ragg, { error: "#VALUE!" } as ExcelJS.CellErrorValue);
  return wb;
}

/** A date and booleans where numbers belong. */
export async function dateEBooleani(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const [r0, r1, r2] = righeIndicatori(ws);
  imposta(ws, r0, COL.atteso, new Date(Date.UTC(2024, 5, 30)));
  // As Excel formats a date typed in. ExcelJS shares style objects between cells: replace, never mutate.
  const cella = ws.getCell(r0, COL.atteso);
  cella.style = { ...cella.style, numFmt: "dd/mm/yyyy" };
  imposta(ws, r1, COL.consuntivo, true);
  imposta(ws, r2, COL.peso, false);
  return wb;
}

/**
 * Negative and huge values: a negative target, consuntivo − atteso beyond the largest double,
 * two weights of 1e308 in one objective (their sum overflows), a tiny target.
 */
export async function negativiEdEnormi(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const [a, b] = obiettiviDi(ws, 2);
  imposta(ws, a, COL.atteso, -50);
  imposta(ws, a, COL.consuntivo, -80);
  imposta(ws, a + 1, COL.atteso, -1.7e308);
  imposta(ws, a + 1, COL.consuntivo, 1.7e308);
  imposta(ws, b, COL.peso, 1e308);
  imposta(ws, b + 1, COL.peso, 1e308);
  imposta(ws, b, COL.atteso, 1e-300);
  imposta(ws, b, COL.consuntivo, 5e-324);
  imposta(ws, b + 1, COL.atteso, 1e15);
  imposta(ws, b + 1, COL.consuntivo, 3e14);
  return wb;
}

/** Target 0 with consuntivo 0, positive and negative. */
export async function attesoZero(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const [r0, r1, r2] = righeIndicatori(ws);
  for (const [r, consuntivo] of [
    [r0, 0],
    [r1, 5],
    [r2, -3],
  ])
    (imposta(ws, r, COL.atteso, 0), imposta(ws, r, COL.consuntivo, consuntivo));
  return wb;
}

/** Weights as text ("50", "50,0"), as a word, and summing to 0 (neutralised) and to 1000. */
export async function pesiStrani(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const [a, b, c, d] = obiettiviDi(ws, 2);
  imposta(ws, a, COL.peso, "50");
  imposta(ws, a + 1, COL.peso, " 50,0 ");
  imposta(ws, b, COL.peso, 0);
  imposta(ws, b + 1, COL.peso, "0");
  imposta(ws, c, COL.peso, 500);
  imposta(ws, c + 1, COL.peso, 500);
  imposta(ws, d, COL.peso, "cinquanta");
  return wb;
}

// ───────────────────────────── formulas ─────────────────────────────

/**
 * Formulas everywhere: every target and weight a formula with its cached result (some shared,
 * as Excel writes a filled-down column), the user's own Scostamento and % Ragg formulas, a
 * formula without a cached result, and the line percentages as formulas.
 */
export async function formuleOvunque(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const righe = righeIndicatori(ws);
  for (const r of righe) {
    for (const c of [COL.atteso, COL.consuntivo, COL.peso]) {
      const v = ws.getCell(r, c).value;
      if (typeof v === "number") imposta(ws, r, c, { formula: `${v}*1`, result: v } as ExcelJS.CellFormulaValue);
    }
  }
  // The user's Scostamento, filled down as a shared formula over the first objective of 3 rows.
  const [tre] = obiettiviDi(ws, 3);
  const risultato = (r: number) =>
    (ws.getCell(r, COL.consuntivo).result as number) - (ws.getCell(r, COL.atteso).result as number);
  imposta(ws, tre, COL.scostamento, { formula: `I${tre}-H${tre}`, result: risultato(tre) } as ExcelJS.CellFormulaValue);
  for (const r of [tre + 1, tre + 2])
    imposta(ws, r, COL.scostamento, {
      sharedFormula: `J${tre}`,
      result: risultato(r),
    } as ExcelJS.CellSharedFormulaValue);
  // The user's own % Ragg formulas: one that agrees with the rule, one that does not, one out of range.
  const [due] = obiettiviDi(ws, 2);
  imposta(ws, due, COL.ragg, { formula: `MIN(100,I${due}/H${due}*100)`, result: 100 } as ExcelJS.CellFormulaValue);
  imposta(ws, due + 1, COL.ragg, { formula: `50`, result: 50 } as ExcelJS.CellFormulaValue);
  imposta(ws, righe[righe.length - 1], COL.ragg, { formula: `I1*0+150`, result: 150 } as ExcelJS.CellFormulaValue);
  // A formula Excel never calculated: no cached result.
  imposta(ws, righe[0], COL.consuntivo, { formula: `H${righe[0]}*1` } as ExcelJS.CellFormulaValue);
  // Line percentages as formulas.
  ws.eachRow((row, r) => {
    const a = row.getCell(1).value;
    if (typeof a === "string" && a.startsWith("% Raggiungimento")) {
      const cella = ws.getCell(r + 1, 1);
      if (typeof cella.value === "number")
        cella.value = { formula: `ROUND(${cella.value},4)`, result: cella.value } as ExcelJS.CellFormulaValue;
    }
  });
  return wb;
}

// ───────────────────────────── layout ─────────────────────────────

/** Hidden rows (an indicator, a header, a blank) and hidden columns (Formula, Note). */
export async function nascoste(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const [r0] = righeIndicatori(ws);
  const [, h1] = righeIntestazione(ws);
  for (const r of [r0, h1, h1 - 1]) ws.getRow(r).hidden = true;
  ws.getColumn(COL.formula).hidden = true;
  ws.getColumn(COL.note).hidden = true;
  return wb;
}

/**
 * Merged cells spanning odd shapes: consuntivo merged with Scostamento (an owned cell under a
 * merge), % Ragg and Barometro of two indicators merged into a 2×2 block, the Note column
 * merged down across a repeated header, a block in the title rows, Definizione merged across
 * Indicatore, and the line percentage merged with the cell to its right.
 */
export async function unioniStrane(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const righe = righeIndicatori(ws);
  const intestazioni = righeIntestazione(ws);
  const [due] = obiettiviDi(ws, 2);
  const singoli = righe.filter((r) => !ws.getCell(r, COL.obiettivo).isMerged);
  const r0 = singoli[0];
  ws.mergeCells(r0, COL.consuntivo, r0, COL.scostamento); // I:J — J is owned, under I
  ws.mergeCells(due, COL.ragg, due + 1, COL.barometro); // M:N over two rows
  ws.mergeCells(intestazioni[1] - 2, COL.note, intestazioni[1] + 2, COL.note); // K across a header
  ws.mergeCells(2, 5, 4, 12); // E2:L4 in the title rows
  const [tre] = obiettiviDi(ws, 3);
  ws.unMergeCells(tre, COL.definizione, tre + 2, COL.definizione);
  ws.mergeCells(tre + 1, COL.definizione, tre + 1, COL.indicatore); // C:D on the objective's 2nd row
  ws.eachRow((row, r) => {
    const a = row.getCell(1).value;
    if (typeof a === "string" && a.startsWith("% Raggiungimento") && r > 20 && r < 40)
      ws.mergeCells(r + 1, 1, r + 1, 2);
  });
  return wb;
}

/** Every header row lacks its "Peso" column: no recognisable table anywhere. */
export async function intestazioneSenzaPeso(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  for (const r of righeIntestazione(ws)) imposta(ws, r, COL.peso, null);
  return wb;
}

/** Only the first header row of the second line lacks "Peso" (the others are complete). */
export async function unaIntestazioneSenzaPeso(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  imposta(ws, righeIntestazione(ws)[2], COL.peso, null);
  return wb;
}

/** Two tables side by side on one sheet, each with its title, label, percentage and header. */
export async function dueTabelleAffiancate(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Affiancate");
  const tabella = (c0: number, titolo: string, righe: [string, number, number, number][]) => {
    ws.getCell(1, c0).value = titolo;
    ws.getCell(3, c0).value = "% Raggiungimento obiettivi per area strategica";
    ws.getCell(4, c0).style = { numFmt: "0.00%" };
    INTESTAZIONE.forEach((t, i) => (ws.getCell(6, c0 + i).value = t));
    righe.forEach(([obiettivo, atteso, consuntivo, peso], i) => {
      const r = 7 + i;
      if (obiettivo) ws.getCell(r, c0 + 1).value = obiettivo;
      ws.getCell(r, c0 + 3).value = `Indicatore ${i + 1} di ${titolo}`;
      ws.getCell(r, c0 + 7).value = atteso;
      ws.getCell(r, c0 + 8).value = consuntivo;
      ws.getCell(r, c0 + 11).value = peso;
    });
  };
  tabella(1, "LINEA STRATEGICA A SINISTRA", [
    ["Ob 1", 10, 5, 100],
    ["Ob 2", 4, 4, 50],
    ["", 4, 2, 50],
  ]);
  tabella(16, "LINEA STRATEGICA A DESTRA", [
    ["Ob 3", 10, 9, 100],
    ["Ob 4", 1, 0, 100],
  ]);
  return wb;
}

/** A workbook whose only sheet is empty. */
export async function foglioVuoto(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Vuoto");
  return wb;
}

/** A workbook with no sheet at all (ExcelJS writes one; Excel itself never does). */
export async function nessunFoglio(): Promise<ExcelJS.Workbook> {
  return new ExcelJS.Workbook();
}

/** The sample plus an empty sheet. */
export async function campioneConFoglioVuoto(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  wb.addWorksheet("Vuoto");
  return wb;
}

/** 50 sheets: the sample, 40 notes and blank sheets, 9 one-line sheets (a line per sheet, no title). */
export async function cinquantaFogli(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  for (let i = 1; i <= 40; i++) {
    const ws = wb.addWorksheet(`Appunti ${i}`);
    if (i % 2 === 0) ws.getCell("A1").value = `Nota ${i}: niente tabelle qui`;
  }
  for (let i = 1; i <= 9; i++) {
    const ws = wb.addWorksheet(`Linea ${i}`);
    INTESTAZIONE.forEach((t, c) => (ws.getCell(1, c + 1).value = t));
    ws.getRow(2).values = [`Settore ${i}`, `Obiettivo ${i}`, "", `Indicatore ${i}`, "", "", "", 10, i, null, "", 100];
  }
  return wb;
}

/** 20,000-character cells: in Note, Indicatore, Target atteso, a title and a header row. */
export async function cellaLunga(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const lungo = (inizio: string) => (inizio + " " + "lorem ipsum ".repeat(2000)).slice(0, 20_000);
  const [r0, r1, r2] = righeIndicatori(ws);
  imposta(ws, r0, COL.note, lungo("Nota"));
  imposta(ws, r1, COL.indicatore, lungo("Indicatore"));
  imposta(ws, r2, COL.atteso, lungo("100"));
  imposta(ws, 1, 1, lungo("LINEA STRATEGICA"));
  imposta(ws, righeIntestazione(ws)[1], 15, lungo("Peso"));
  return wb;
}

/**
 * The sample with what a real workbook carries besides values: a data validation on Polarità,
 * the user's own conditional formatting, frozen panes, an autofilter, a defined name, a print
 * area, notes, a hyperlink and rich text, row heights and column widths.
 */
export async function cartellaRicca(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  const ws = foglio(wb);
  const righe = righeIndicatori(ws);
  const [intestazione] = righeIntestazione(ws);
  const ultima = righe[righe.length - 1];
  for (const r of righe)
    ws.getCell(r, COL.polarita).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: ['"↑,↓"'],
      showErrorMessage: true,
      errorTitle: "Polarità",
      error: "Scegliere ↑ o ↓",
    };
  ws.addConditionalFormatting({
    ref: `L${righe[0]}:L${ultima}`,
    rules: [
      {
        type: "cellIs",
        operator: "greaterThan",
        priority: 1,
        formulae: ["100"],
        style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } },
      },
    ],
  });
  ws.views = [{ state: "frozen", xSplit: 1, ySplit: intestazione }];
  ws.autoFilter = `A${intestazione}:N${intestazione}`;
  ws.pageSetup.printArea = `A1:N${ultima}`;
  wb.definedNames.add(`'${FOGLIO}'!$H$${righe[0]}:$H$${ultima}`, "Attesi");
  ws.getCell(righe[1], COL.note).note = "Nota dell'ufficio: dato provvisorio";
  ws.getCell(righe[2], COL.note).value = { text: "Delibera", hyperlink: "https://www.comune.cremona.it/" };
  ws.getCell(righe[3], COL.note).value = { richText: [{ text: "in " }, { font: { bold: true }, text: "ritardo" }] };
  ws.getRow(righe[4]).height = 42;
  ws.getColumn(COL.definizione).width = 60;
  return wb;
}

// ───────────────────────────── protection ─────────────────────────────

/** A protected (not encrypted) sheet: ExcelJS reads it; Excel refuses writes into it. */
export async function foglioProtetto(): Promise<ExcelJS.Workbook> {
  const wb = await campione();
  await foglio(wb).protect("segreta", { selectLockedCells: true, selectUnlockedCells: true });
  return wb;
}

// ───────────────────────────── not an .xlsx ─────────────────────────────

/** A text file with the .xlsx extension. */
export function testoNonXlsx(): Uint8Array {
  return Buffer.from("Settore;Obiettivo;Indicatore\nnon è un file Excel\n", "utf8");
}

/** An empty file. */
export function fileVuoto(): Uint8Array {
  return new Uint8Array(0);
}

/** A PNG renamed to .xlsx. */
export function immagine(): Uint8Array {
  return readFileSync(resolve(__dirname, "../../assets/icon-16.png"));
}

/** The sample cut in half: a damaged zip. */
export function xlsxTroncato(): Uint8Array {
  bytesCampione ??= readFileSync(CAMPIONE);
  return bytesCampione.subarray(0, Math.floor(bytesCampione.length / 2));
}

/** CFB (OLE2) magic: what Excel saves when a workbook is encrypted with a password (and old .xls files). */
export const MAGIA_CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A password-protected .xlsx: an OLE compound file holding EncryptionInfo and EncryptedPackage,
 * not a zip. The header is enough for every reader to tell; the rest is padding.
 */
export function protettoDaPassword(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set(MAGIA_CFB, 0);
  bytes.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00], 0x18); // minor/major version, byte order, sector shift
  const nome = Buffer.from("EncryptedPackage", "utf16le");
  bytes.set(nome, 0x400);
  return bytes;
}

// ───────────────────────────── the list ─────────────────────────────

export interface CasoOstile {
  nome: string;
  crea: () => Promise<ExcelJS.Workbook> | Uint8Array;
  /**
   * elaborato: exit 0 and a result; rifiutato: exit 2 with an Italian message (matching
   * `messaggio`), and for the adapter an ErroreBarometro (or, for bytes ExcelJS cannot open,
   * nothing to load).
   */
  atteso: "elaborato" | "rifiutato";
  messaggio?: RegExp;
  /**
   * What the adapter does when it differs from the CLI: an error (a protected sheet refuses
   * writes), or nothing to test (a workbook Excel itself cannot have).
   */
  adattatore?: { errore: RegExp } | { nonApplicabile: string };
}

const NON_XLSX = /non è una cartella di lavoro \.xlsx valida/;

export const CORPUS: CasoOstile[] = [
  { nome: "campione", crea: campione, atteso: "elaborato" },
  { nome: "testo-nei-numeri", crea: testoNeiNumeri, atteso: "elaborato" },
  { nome: "errori-excel", crea: erroriExcel, atteso: "elaborato" },
  { nome: "date-e-booleani", crea: dateEBooleani, atteso: "elaborato" },
  { nome: "negativi-ed-enormi", crea: negativiEdEnormi, atteso: "elaborato" },
  { nome: "atteso-zero", crea: attesoZero, atteso: "elaborato" },
  { nome: "pesi-strani", crea: pesiStrani, atteso: "elaborato" },
  { nome: "formule-ovunque", crea: formuleOvunque, atteso: "elaborato" },
  { nome: "nascoste", crea: nascoste, atteso: "elaborato" },
  { nome: "unioni-strane", crea: unioniStrane, atteso: "elaborato" },
  {
    nome: "intestazione-senza-peso",
    crea: intestazioneSenzaPeso,
    atteso: "rifiutato",
    messaggio: /Nessuna tabella degli obiettivi trovata nei fogli "Obiettivi 2024".*Peso/,
  },
  { nome: "una-intestazione-senza-peso", crea: unaIntestazioneSenzaPeso, atteso: "elaborato" },
  { nome: "due-tabelle-affiancate", crea: dueTabelleAffiancate, atteso: "elaborato" },
  {
    nome: "foglio-vuoto",
    crea: foglioVuoto,
    atteso: "rifiutato",
    messaggio: /Nessuna tabella degli obiettivi trovata nei fogli "Vuoto"/,
  },
  {
    nome: "nessun-foglio",
    crea: nessunFoglio,
    atteso: "rifiutato",
    messaggio: /non contiene fogli/,
    adattatore: { nonApplicabile: "Excel non apre né crea cartelle senza fogli" },
  },
  { nome: "campione-con-foglio-vuoto", crea: campioneConFoglioVuoto, atteso: "elaborato" },
  { nome: "cinquanta-fogli", crea: cinquantaFogli, atteso: "elaborato" },
  { nome: "cella-20000", crea: cellaLunga, atteso: "elaborato" },
  { nome: "cartella-ricca", crea: cartellaRicca, atteso: "elaborato" },
  {
    nome: "foglio-protetto",
    crea: foglioProtetto,
    atteso: "elaborato",
    adattatore: { errore: /Il foglio «Obiettivi 2024» è protetto.*Nulla è stato modificato/ },
  },
  { nome: "testo-non-xlsx", crea: testoNonXlsx, atteso: "rifiutato", messaggio: NON_XLSX },
  { nome: "file-vuoto", crea: fileVuoto, atteso: "rifiutato", messaggio: NON_XLSX },
  { nome: "immagine", crea: immagine, atteso: "rifiutato", messaggio: NON_XLSX },
  { nome: "xlsx-troncato", crea: xlsxTroncato, atteso: "rifiutato", messaggio: NON_XLSX },
  {
    nome: "protetto-da-password",
    crea: protettoDaPassword,
    atteso: "rifiutato",
    messaggio: /protett[oa] da password/,
  },
];

const giaFatti = new Map<CasoOstile, Promise<Uint8Array>>();

/** The case's file bytes (built once per test file; never modify them). */
export function bytesDi(caso: CasoOstile): Promise<Uint8Array> {
  let bytes = giaFatti.get(caso);
  if (!bytes) {
    bytes = Promise.resolve(caso.crea()).then(async (fatto) =>
      fatto instanceof Uint8Array ? fatto : new Uint8Array(await fatto.xlsx.writeBuffer())
    );
    giaFatti.set(caso, bytes);
  }
  return bytes;
}
