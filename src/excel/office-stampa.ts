import { EsitoScrittura } from "../app/access";
import { columnName } from "../layout/griglia";
import { bloccoIndice } from "../layout/indice";
import { MARGINI_STAMPA, PianoStampaCartella } from "../layout/stampa";
import { CODICI_OFFICE, codiceOffice, comeErroreBarometro } from "./errors";
import { EseguiExcel, ExcelContext, ExcelPageLayout, ExcelWorksheet } from "./excel-api";
import { fogliProtetti } from "./protezione";
import { MAX_CARATTERI_INDIRIZZI, spezzaIndirizzi } from "./write-plan";

/**
 * Fit to one page wide (Excel's «Adatta tutte le colonne a una pagina»), documented values only:
 * Excel.PageLayoutZoomOptions documents a number of pages wide or tall, or a scale 10–400, and no
 * value for "as many pages tall as needed" (0 is not one), so the height is not set: Excel keeps
 * the sheet's own. In Excel desktop the fit may not take effect at once (OfficeDev/office-js#1860:
 * horizontalFitToPages not applied unless the Page Layout tab is selected; `scale` is): the README
 * says what to check.
 */
const LARGO_UNA_PAGINA = { horizontalFitToPages: 1 };

/**
 * "Prepara stampa" in Excel: the whole plan queued, then ONE context.sync().
 *
 * - every sheet that holds lines: landscape, A4, one page wide, centred, the CLI's margins, the
 *   header row repeated on every page (setPrintTitleRows), the footer in the centre of every page
 *   (headersFooters state "Default"), the first page number after the Indice; its manual horizontal
 *   page breaks removed, then one above each line's section (so running it twice leaves the same
 *   breaks: these sheets are laid out by Barometro); the long texts of the indicator rows wrapped,
 *   aligned to the top, their rows autofitted — one multi-area range per ≤ 2,000 characters of
 *   addresses, not one call per cell;
 * - the Indice: added (or its old contents cleared), moved first, written as one 2-D block, then
 *   its number formats, band fills, bold rows, column widths and its own page layout (portrait).
 *
 * Nothing is read: everything the plan needs came from the read before it. A sheet added here
 * loads its id in the same batch and is passed to `aggiunti` after the sync (scrittore.ts
 * remembers it, so the next read stays at one sync).
 */
export async function impaginaInExcel(
  esegui: EseguiExcel,
  piano: PianoStampaCartella,
  aggiunti: (fogli: ExcelWorksheet[]) => void = () => undefined
): Promise<EsitoScrittura> {
  const byte = JSON.stringify(piano).length;
  try {
    await esegui(async (context: ExcelContext) => {
      const nuovi = accodaImpaginazione(context, piano);
      await context.sync();
      aggiunti(nuovi);
    });
  } catch (e) {
    if (codiceOffice(e) === CODICI_OFFICE.accessoNegato)
      throw comeErroreBarometro(
        e,
        await fogliProtetti(esegui, [...piano.fogli.map((f) => f.foglio), piano.indice.foglio])
      );
    throw comeErroreBarometro(e);
  }
  return { sincronizzazioni: 1, byte };
}

/** Queues the whole plan (no sync); returns the sheets it adds, their id and name loaded. */
export function accodaImpaginazione(context: ExcelContext, piano: PianoStampaCartella): ExcelWorksheet[] {
  const fogli = context.workbook.worksheets;
  for (const p of piano.fogli) {
    const ws = fogli.getItem(p.foglio);
    const pagina = impaginazioneDi(ws);
    impostaPagina(pagina, "Landscape", piano.piePagina);
    pagina.centerHorizontally = true;
    pagina.setPrintMargins("Inches", { ...MARGINI_STAMPA });
    if (p.righeTitoli) pagina.setPrintTitleRows(p.righeTitoli);
    // null: automatic numbering (the reference: "A null value represents auto page numbering").
    pagina.firstPageNumber = p.primaPagina ?? null;
    ws.horizontalPageBreaks.removePageBreaks();
    for (const riga of p.nuovePagine) ws.horizontalPageBreaks.add(`A${riga}`);
    for (const indirizzi of gruppiDiIndirizzi(p.testi)) {
      const testi = ws.getRanges(indirizzi);
      testi.format.wrapText = true;
      testi.format.verticalAlignment = "Top";
      testi.format.autofitRows();
    }
  }

  const indice = piano.indice;
  const aggiunti: ExcelWorksheet[] = [];
  let ws: ExcelWorksheet;
  if (indice.crea) {
    ws = fogli.add(indice.foglio);
    ws.load("id,name");
    aggiunti.push(ws);
  } else {
    ws = fogli.getItem(indice.foglio);
    if (indice.pulisci) ws.getRange(indice.pulisci).clear("All");
  }
  // The Indice prints first; another sheet of Barometro's own (the dossier) keeps its place.
  if (indice.primo !== false) ws.position = 0;
  const blocco = bloccoIndice(indice);
  // Text with a leading apostrophe stays text (a line named "2024" is not a number), as typed.
  ws.getRange(blocco.indirizzo).values = blocco.valori.map((riga) =>
    riga.map((v) => (typeof v === "string" && v !== "" ? `'${v}` : v))
  );
  const ultima = columnName(indice.colonne - 1);
  for (const r of indice.righe) {
    if (r.grassetto) ws.getRange(`A${r.riga}:${ultima}${r.riga}`).format.font.bold = true;
    r.celle.forEach((c, j) => {
      const cella = ws.getRange(`${columnName(j)}${r.riga}`);
      if (c.formato) cella.numberFormat = [[c.formato]];
      if (c.riempimento) cella.format.fill.color = c.riempimento;
      if (c.grassetto) cella.format.font.bold = true;
      if (c.dimensione) cella.format.font.size = c.dimensione;
    });
  }
  indice.larghezze.forEach((larghezza, j) => {
    ws.getRange(`${columnName(j)}:${columnName(j)}`).format.columnWidth = puntiDaCaratteri(larghezza);
  });
  for (const indirizzi of gruppiDiIndirizzi(indice.aCapo ?? [])) {
    const testi = ws.getRanges(indirizzi);
    testi.format.wrapText = true;
    testi.format.verticalAlignment = "Top";
    testi.format.autofitRows();
  }
  const pagina = impaginazioneDi(ws);
  impostaPagina(pagina, indice.orientamento ?? "Portrait", indice.piePagina);
  if (indice.margini) pagina.setPrintMargins("Inches", { ...MARGINI_STAMPA });
  if (indice.nuovePagine) {
    ws.horizontalPageBreaks.removePageBreaks();
    for (const riga of indice.nuovePagine) ws.horizontalPageBreaks.add(`A${riga}`);
  }
  return aggiunti;
}

/** A worksheet's page layout: a navigation property, using it needs no load and no sync. */
function impaginazioneDi(ws: ExcelWorksheet): ExcelPageLayout {
  return ws.pageLayout;
}

/** A4, one page wide, the footer on every page. */
export function impostaPagina(
  pagina: ExcelPageLayout,
  orientamento: "Portrait" | "Landscape",
  piePagina: string
): void {
  pagina.orientation = orientamento;
  pagina.paperSize = "A4";
  pagina.zoom = { ...LARGO_UNA_PAGINA };
  pagina.headersFooters.state = "Default";
  pagina.headersFooters.defaultForAllPages.centerFooter = piePagina;
}

/**
 * Excel's column width in characters (what a file stores, what the CLI writes) → points, as
 * Office.js sets it: 7 pixels a character of Calibri 11 plus 5 pixels of padding, 0.75 points a pixel.
 */
export function puntiDaCaratteri(caratteri: number): number {
  return Math.round(caratteri * 7 + 5) * 0.75;
}

/** Areas joined into address lists of at most MAX_CARATTERI_INDIRIZZI characters (one getRanges() each). */
export function gruppiDiIndirizzi(aree: readonly string[], max = MAX_CARATTERI_INDIRIZZI): string[] {
  return spezzaIndirizzi(
    aree.map((indirizzo) => ({ indirizzo, celle: 0 })),
    max
  ).map((p) => p.indirizzi);
}
