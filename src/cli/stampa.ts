import type { Workbook, Worksheet } from "exceljs";
import { BANDE_PREDEFINITE, Bande, Linea, RisultatoEnte } from "../engine";
import { MARGINI_STAMPA, PagineLinee } from "../layout/stampa";
import { pianoIndice } from "../layout/indice";
import { a1, SheetGrid } from "../layout/griglia";
import { piePagina, rigaTitoli, righeTitoli, StampaFoglio } from "../layout/stampa";

/**
 * Page layout of every sheet that holds lines: landscape, one page wide, the header row on every
 * page, a page break before each line, wrapped long texts, the footer with page numbers.
 * Running it again gives the same result (breaks are replaced, not added).
 */
export function applicaImpaginazione(
  workbook: Workbook,
  piano: StampaFoglio[],
  /** The sheets as read (their merged areas: how tall a merged text cell is). */
  fogli: SheetGrid[],
  anno: number | null,
  primaPagina: (foglio: string) => number | null = () => null
): void {
  for (const p of piano) {
    const ws = workbook.getWorksheet(p.foglio);
    if (!ws) continue;
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: "landscape",
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { ...MARGINI_STAMPA },
      printTitlesRow: rigaTitoli(p) ? righeTitoli(rigaTitoli(p)!) : undefined,
      // Pages count on from the index (Excel and LibreOffice restart &P on every sheet otherwise).
      firstPageNumber: primaPagina(p.foglio) ?? undefined,
    };
    ws.headerFooter = { ...ws.headerFooter, oddFooter: `&C${piePagina(anno)}`, evenFooter: `&C${piePagina(anno)}` };
    (ws as Worksheet & { rowBreaks: unknown[] }).rowBreaks = [];
    for (const riga of p.interruzioni) ws.getRow(riga).addPageBreak();
    const unite = altezzeUnite(fogli.find((g) => g.name === p.foglio));
    for (const r of p.righeIndicatori) {
      for (const c of p.colonneTesto) {
        const cell = ws.getCell(r, c + 1);
        if (cell.value === null || cell.alignment?.wrapText) continue;
        // Replace the style object: ExcelJS shares it between cells read with the same style.
        cell.style = { ...cell.style, alignment: { ...cell.alignment, wrapText: true, vertical: "top" } };
      }
      adattaAltezza(ws, r, p.colonneTesto, unite);
    }
  }
}

const PUNTI_PER_RIGA_DI_TESTO = 13;
/** Characters of Calibri 11 that fit in one unit of column width, roughly. */
const CARATTERI_PER_UNITA = 1.15;

/**
 * Grows a row so its wrapped texts show whole: Excel and LibreOffice do not re-measure rows when
 * opening a file, and a long Definizione would print cut to one line. Never shrinks a row.
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
    righe = Math.max(righe, Math.ceil(Math.ceil(testo.length / larghezza) / span));
  }
  const altezza = righe * PUNTI_PER_RIGA_DI_TESTO + 2;
  if (righe > 1 && (row.height ?? 15) < altezza) row.height = altezza;
}

/** Rows spanned by each merged area of the sheet as read, by its top-left address. */
function altezzeUnite(grid: SheetGrid | undefined): Map<string, number> {
  return new Map((grid?.merges ?? []).map((m) => [a1(m.top, m.left), m.bottom - m.top + 1]));
}

/**
 * The "Indice" sheet, first in the workbook, created or refreshed: one row per line with its
 * percentage, band and the page where its section starts, then the overall figure (the cells are
 * src/layout/indice.ts's pianoIndice, which the task pane writes through Office.js too).
 */
export function scriviIndice(
  workbook: Workbook,
  linee: Linea[],
  risultato: RisultatoEnte,
  pagine: PagineLinee,
  anno: number | null,
  bande: Bande = BANDE_PREDEFINITE
): Worksheet {
  const piano = pianoIndice(linee, risultato, pagine, anno, bande);
  const vecchio = workbook.getWorksheet(piano.foglio);
  if (vecchio) workbook.removeWorksheet(vecchio.id);
  const ws = workbook.addWorksheet(piano.foglio, {
    pageSetup: { orientation: "portrait", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // ExcelJS orders sheets by orderNo: the index prints first, as in the published report.
  const ordine = (w: Worksheet) => (w as Worksheet & { orderNo: number }).orderNo;
  (ws as Worksheet & { orderNo: number }).orderNo =
    Math.min(...workbook.worksheets.filter((w) => w !== ws).map(ordine)) - 1;
  const pie = `&C${piano.piePagina}`;
  ws.headerFooter = { oddFooter: pie, evenFooter: pie };
  ws.columns = piano.larghezze.map((width) => ({ width }));
  for (const r of piano.righe) {
    const row = ws.getRow(r.riga);
    row.values = r.celle.map((c) => c.valore);
    r.celle.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      if (c.formato) cell.numFmt = c.formato;
      if (c.riempimento) {
        const argb = `FF${c.riempimento.slice(1).toUpperCase()}`;
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
      }
      if (c.grassetto || c.dimensione) cell.font = { bold: c.grassetto, size: c.dimensione };
    });
    if (r.grassetto) row.font = { bold: true };
  }
  return ws;
}
