import type { Workbook, Worksheet } from "exceljs";
import { BANDE_PREDEFINITE, Bande, fasciaPer, Linea, RisultatoEnte } from "../engine";
import { inizioSezione, piePagina, righeTitoli, StampaFoglio } from "../layout/stampa";

export const FOGLIO_INDICE = "Indice";

/** Page of each line's section start, by line index: estimated, or read from the printed PDF. */
export type PagineLinee = (number | null)[];

/**
 * Page layout of every sheet that holds lines: landscape, one page wide, the header row on every
 * page, a page break before each line, wrapped long texts, the footer with page numbers.
 * Running it again gives the same result (breaks are replaced, not added).
 */
export function applicaImpaginazione(
  workbook: Workbook,
  piano: StampaFoglio[],
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
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: p.rigaIntestazione ? righeTitoli(p.rigaIntestazione) : undefined,
      // Pages count on from the index (Excel and LibreOffice restart &P on every sheet otherwise).
      firstPageNumber: primaPagina(p.foglio) ?? undefined,
    };
    ws.headerFooter = { ...ws.headerFooter, oddFooter: piePagina(anno), evenFooter: piePagina(anno) };
    (ws as Worksheet & { rowBreaks: unknown[] }).rowBreaks = [];
    for (const riga of p.interruzioni) ws.getRow(riga).addPageBreak();
    for (const r of p.righeIndicatori) {
      for (const c of p.colonneTesto) {
        const cell = ws.getCell(r, c + 1);
        if (cell.value === null || cell.alignment?.wrapText) continue;
        // Replace the style object: ExcelJS shares it between cells read with the same style.
        cell.style = { ...cell.style, alignment: { ...cell.alignment, wrapText: true, vertical: "top" } };
      }
      adattaAltezza(ws, r, p.colonneTesto);
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
function adattaAltezza(ws: Worksheet, riga: number, colonne: number[]): void {
  const row = ws.getRow(riga);
  let righe = 1;
  for (const c of colonne) {
    const cell = row.getCell(c + 1);
    if (cell.isMerged && cell.master.address !== cell.address) continue;
    const testo = cell.text ?? "";
    if (testo.length === 0) continue;
    const span = cell.isMerged ? unioneVerticale(ws, cell.address) : 1;
    const larghezza = (ws.getColumn(c + 1).width ?? 9) * CARATTERI_PER_UNITA;
    righe = Math.max(righe, Math.ceil(Math.ceil(testo.length / larghezza) / span));
  }
  const altezza = righe * PUNTI_PER_RIGA_DI_TESTO + 2;
  if (righe > 1 && (row.height ?? 15) < altezza) row.height = altezza;
}

/** How many rows the merged area starting at this cell spans. */
function unioneVerticale(ws: Worksheet, indirizzo: string): number {
  const merges: string[] = (ws.model as { merges?: string[] }).merges ?? [];
  const area = merges.find((m) => m.startsWith(`${indirizzo}:`));
  if (!area) return 1;
  const [a, b] = area.split(":").map((x) => Number(/\d+$/.exec(x)![0]));
  return b - a + 1;
}

/** Where each line's section starts on paper, estimated from row counts (no Excel pagination here). */
export function stimaPagine(
  linee: Linea[],
  piano: StampaFoglio[],
  primaPagina: number,
  righePerPagina = 14
): PagineLinee {
  let pagina = primaPagina;
  let foglioPrecedente: string | null = null;
  let righePrecedenti = 0;
  return linee.map((linea) => {
    if (foglioPrecedente !== null) pagina += Math.max(1, Math.ceil(righePrecedenti / righePerPagina));
    const p = piano.find((x) => x.foglio === linea.foglio);
    const inizio = Number(/\d+$/.exec(inizioSezione(linea))![0]);
    const fine = linea.obiettivi
      .flatMap((o) => o.indicatori.map((i) => i.riga))
      .reduce((a, b) => Math.max(a, b), inizio);
    righePrecedenti = fine - inizio + 1 + (p?.rigaIntestazione ? 1 : 0);
    foglioPrecedente = linea.foglio;
    return pagina;
  });
}

/**
 * The "Indice" sheet, first in the workbook, created or refreshed: one row per line with its
 * percentage, band and the page where its section starts, then the overall figure.
 */
export function scriviIndice(
  workbook: Workbook,
  linee: Linea[],
  risultato: RisultatoEnte,
  pagine: PagineLinee,
  anno: number | null,
  bande: Bande = BANDE_PREDEFINITE
): Worksheet {
  const vecchio = workbook.getWorksheet(FOGLIO_INDICE);
  if (vecchio) workbook.removeWorksheet(vecchio.id);
  const ws = workbook.addWorksheet(FOGLIO_INDICE, {
    pageSetup: { orientation: "portrait", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // ExcelJS orders sheets by orderNo: the index prints first, as in the published report.
  const ordine = (w: Worksheet) => (w as Worksheet & { orderNo: number }).orderNo;
  (ws as Worksheet & { orderNo: number }).orderNo =
    Math.min(...workbook.worksheets.filter((w) => w !== ws).map(ordine)) - 1;
  ws.headerFooter = { oddFooter: piePagina(anno), evenFooter: piePagina(anno) };
  ws.columns = [{ width: 62 }, { width: 16 }, { width: 24 }, { width: 10 }];
  ws.getCell("A1").value = `Indice — Stato di attuazione degli Obiettivi${anno ? ` ${anno}` : ""}`;
  ws.getCell("A1").font = { bold: true, size: 14 };
  const intestazione = ws.getRow(3);
  intestazione.values = ["Linea strategica", "% raggiungimento", "Barometro", "Pagina"];
  intestazione.font = { bold: true };
  linee.forEach((linea, i) => {
    const percentuale = risultato.linee[i].percentuale;
    const fascia = percentuale === null ? null : fasciaPer(percentuale, bande);
    const row = ws.getRow(4 + i);
    row.values = [
      linea.nome,
      percentuale === null ? "—" : percentuale / 100,
      fascia?.etichetta ?? "—",
      pagine[i] === null ? "—" : `pag. ${pagine[i]}`,
    ];
    row.getCell(2).numFmt = "0.00%";
    if (fascia) {
      const argb = `FF${fascia.colore.slice(1).toUpperCase()}`;
      row.getCell(3).fill = { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
    }
  });
  const ente = ws.getRow(5 + linee.length);
  ente.values = ["Ente (media delle linee)", risultato.percentuale === null ? "—" : risultato.percentuale / 100];
  ente.getCell(2).numFmt = "0.00%";
  ente.font = { bold: true };
  return ws;
}
