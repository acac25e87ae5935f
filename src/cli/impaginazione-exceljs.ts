import type { Workbook, Worksheet } from "exceljs";
import { areaDaA1 } from "../excel/addresses";
import { a1, SheetGrid } from "../layout/grid";
import { ImpaginazioneFoglio, MARGINI_STAMPA, PianoStampaCartella } from "../layout/indice";

/**
 * Prepara stampa's plan (src/app/stampa.ts, pianoPreparaStampa) written into an ExcelJS workbook,
 * as the Office.js adapter writes it (src/excel/office-stampa.ts): every sheet that holds lines laid
 * out (landscape A4, one page wide, the header row on every page, a page break before each line,
 * wrapped long texts, the footer with page numbers), then the plan's sheet of Barometro's own (the
 * «Indice»; the «Dossier di validazione», src/app/dossier.ts, with no line sheet). Running it again
 * gives the same result (breaks are replaced, not added). `fogli`: the sheets as last read (their
 * merged areas: how tall a merged text cell is).
 */
export function impaginaCartella(workbook: Workbook, piano: PianoStampaCartella, fogli: readonly SheetGrid[]): void {
  const pie = `&C${piano.piePagina}`;
  for (const p of piano.fogli) {
    const ws = workbook.getWorksheet(p.foglio);
    if (ws)
      impaginaFoglio(
        ws,
        p,
        pie,
        fogli.find((g) => g.name === p.foglio)
      );
  }
  scriviIndice(workbook, piano.indice, pie);
}

function impaginaFoglio(ws: Worksheet, p: ImpaginazioneFoglio, pie: string, grid: SheetGrid | undefined): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: "landscape",
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { ...MARGINI_STAMPA },
    // "$11:$11" as Office.js takes it; ExcelJS adds the $ signs itself.
    printTitlesRow: p.righeTitoli ? p.righeTitoli.replace(/\$/g, "") : undefined,
    // Pages count on from the index (Excel and LibreOffice restart &P on every sheet otherwise).
    firstPageNumber: p.primaPagina ?? undefined,
  };
  ws.headerFooter = { ...ws.headerFooter, oddFooter: pie, evenFooter: pie };
  (ws as Worksheet & { rowBreaks: unknown[] }).rowBreaks = [];
  // A break above each row that starts a page: ExcelJS puts it after the row before.
  for (const riga of p.nuovePagine) ws.getRow(riga - 1).addPageBreak();
  const unite = altezzeUnite(grid);
  for (const [r, colonne] of celleTesti(p.testi)) {
    for (const c of colonne) {
      const cell = ws.getCell(r, c + 1);
      if (cell.value === null || cell.alignment?.wrapText) continue;
      // Replace the style object: ExcelJS shares it between cells read with the same style.
      cell.style = { ...cell.style, alignment: { ...cell.alignment, wrapText: true, vertical: "top" } };
    }
    adattaAltezza(ws, r, colonne, unite);
  }
}

/** The areas of long texts ("C12:D40") as rows (1-based), each with its columns (0-based), in order. */
function celleTesti(aree: readonly string[]): Map<number, number[]> {
  const righe = new Map<number, number[]>();
  for (const indirizzo of aree) {
    const a = areaDaA1(indirizzo);
    for (let r = a.top; r <= a.bottom; r++) {
      const colonne = righe.get(r + 1) ?? [];
      for (let c = a.left; c <= a.right; c++) if (!colonne.includes(c)) colonne.push(c);
      righe.set(r + 1, colonne);
    }
  }
  return new Map([...righe].sort(([x], [y]) => x - y).map(([r, c]) => [r, c.sort((x, y) => x - y)]));
}

const PUNTI_PER_RIGA_DI_TESTO = 13;
/** Characters of Calibri 11 that fit in one unit of column width, roughly. */
const CARATTERI_PER_UNITA = 1.15;

/**
 * Grows a row so its wrapped texts show whole: Excel and LibreOffice do not re-measure rows when
 * opening a file, and a long Definizione would print cut to one line (Office.js autofits the rows
 * instead). Never shrinks a row.
 */
function adattaAltezza(ws: Worksheet, riga: number, colonne: number[], altezzeUnite: Map<string, number>): void {
  const row = ws.getRow(riga);
  let righe = 1;
  for (const c of colonne) {
    const cell = row.getCell(c + 1);
    if (cell.isMerged && cell.master.address !== cell.address) continue;
    const testo = cell.text ?? "";
    if (testo.length === 0) continue;
    const span = cell.isMerged ? (altezzeUnite.get(cell.address) ?? 1) : 1;
    const larghezza = (ws.getColumn(c + 1).width ?? 9) * CARATTERI_PER_UNITA;
    // Each line of the text (a list of findings is one a line) wraps on its own.
    const linee = testo.split("\n").reduce((n, t) => n + Math.max(1, Math.ceil(t.length / larghezza)), 0);
    righe = Math.max(righe, Math.ceil(linee / span));
  }
  const altezza = righe * PUNTI_PER_RIGA_DI_TESTO + 2;
  if (righe > 1 && (row.height ?? 15) < altezza) row.height = altezza;
}

/** Rows spanned by each merged area of the sheet as read, by its top-left address. */
function altezzeUnite(grid: SheetGrid | undefined): Map<string, number> {
  return new Map((grid?.merges ?? []).map((m) => [a1(m.top, m.left), m.bottom - m.top + 1]));
}

/**
 * A sheet of Barometro's own written from its plan (src/layout/indice.ts's PianoIndice: the «Indice»,
 * whose cells the task pane writes through Office.js too, and the «Dossier di validazione»), anew,
 * applying the plan as the Office.js adapter does (src/excel/office-stampa.ts, accodaImpaginazione):
 * - position: first in the workbook as in the published report (the pane sets position 0), unless
 *   `primo` is false: then an existing sheet keeps its place and a new one goes last (as
 *   worksheets.add puts it);
 * - the cells: values ("" is an empty cell, as in a values block), number formats, fills, bold,
 *   font size; column widths;
 * - `aCapo`: the texts of those areas wrapped and aligned to the top, their rows grown to show them
 *   (files carry no autofit: adattaAltezza, as for the line sheets' long texts);
 * - the page: A4, one page wide, `orientamento` (portrait when absent), the annex's margins when
 *   `margini`, a page break above each row of `nuovePagine`, the footer on every page.
 */
function scriviIndice(workbook: Workbook, piano: PianoStampaCartella["indice"], pie: string): Worksheet {
  type ConOrdine = Worksheet & { orderNo: number };
  const ordine = (w: Worksheet) => (w as ConOrdine).orderNo;
  const vecchio = workbook.getWorksheet(piano.foglio);
  const posto = vecchio ? ordine(vecchio) : null;
  if (vecchio) workbook.removeWorksheet(vecchio.id);
  const primo = piano.primo !== false;
  const posizione = primo ? Math.min(...workbook.worksheets.map(ordine)) - 1 : posto;
  const ws = workbook.addWorksheet(piano.foglio, {
    pageSetup: {
      orientation: piano.orientamento === "Landscape" ? "landscape" : "portrait",
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(piano.margini ? { margins: { ...MARGINI_STAMPA } } : {}),
    },
  });
  // ExcelJS orders sheets by orderNo (a new sheet gets the highest: last).
  if (posizione !== null && Number.isFinite(posizione)) (ws as ConOrdine).orderNo = posizione;
  ws.headerFooter = { oddFooter: pie, evenFooter: pie };
  ws.columns = piano.larghezze.map((width) => ({ width }));
  for (const r of piano.righe) {
    const row = ws.getRow(r.riga);
    row.values = r.celle.map((c) => (c.valore === "" ? null : c.valore));
    r.celle.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      if (c.formato) cell.numFmt = c.formato;
      if (c.riempimento) {
        const argb = `FF${c.riempimento.slice(1).toUpperCase()}`;
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
      }
      const grassetto = c.grassetto === true || r.grassetto === true;
      // The workbook's default font by name: a font without one prints in a serif face (LibreOffice).
      if (grassetto || c.dimensione) cell.font = { name: "Calibri", bold: grassetto, size: c.dimensione ?? 11 };
    });
  }
  for (const [r, colonne] of celleTesti(piano.aCapo ?? [])) {
    for (const c of colonne) {
      const cell = ws.getCell(r, c + 1);
      if (cell.value === null) continue;
      // Replace the style object: ExcelJS shares it between cells given the same style.
      cell.style = { ...cell.style, alignment: { ...cell.alignment, wrapText: true, vertical: "top" } };
    }
    adattaAltezza(ws, r, colonne, new Map());
  }
  // A break above each row that starts a page: ExcelJS puts it after the row before.
  for (const riga of piano.nuovePagine ?? []) if (riga > 1) ws.getRow(riga - 1).addPageBreak();
  return ws;
}
