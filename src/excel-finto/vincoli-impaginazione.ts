/**
 * Documented values of Office.js page layout that Barometro sets, checked by the fake as Excel
 * would: anything else is refused with InvalidArgument ("The argument is invalid or missing or has
 * an incorrect format", Excel's error codes). Each check returns the reason, or null when valid.
 * Source: the Excel JavaScript API reference (the typings in node_modules/@types/office-js carry it).
 */

/** Excel.PaperType, ExcelApi 1.9: the paper sizes PageLayout.paperSize accepts. */
export const CARTA_DOCUMENTATA: ReadonlySet<string> = new Set([
  "Letter",
  "LetterSmall",
  "Tabloid",
  "Ledger",
  "Legal",
  "Statement",
  "Executive",
  "A3",
  "A4",
  "A4Small",
  "A5",
  "B4",
  "B5",
  "Folio",
  "Quatro",
  "Paper10x14",
  "Paper11x17",
  "Note",
  "Envelope9",
  "Envelope10",
  "Envelope11",
  "Envelope12",
  "Envelope14",
  "Csheet",
  "Dsheet",
  "Esheet",
  "EnvelopeDL",
  "EnvelopeC5",
  "EnvelopeC3",
  "EnvelopeC4",
  "EnvelopeC6",
  "EnvelopeC65",
  "EnvelopeB4",
  "EnvelopeB5",
  "EnvelopeB6",
  "EnvelopeItaly",
  "EnvelopeMonarch",
  "EnvelopePersonal",
  "FanfoldUS",
  "FanfoldStdGerman",
  "FanfoldLegalGerman",
]);

/** Excel.PageOrientation. */
export const ORIENTAMENTI_DOCUMENTATI: ReadonlySet<string> = new Set(["Portrait", "Landscape"]);

/** A zoom as PageLayout keeps it: a percentage, or pages wide and/or tall. */
export type ZoomFinto = { scale: number } | { horizontalFitToPages?: number; verticalFitToPages?: number };

/**
 * Excel.PageLayoutZoomOptions: `scale` "can be between 10 and 400" and "can be null if fit to page
 * tall or wide is specified"; `horizontalFitToPages` / `verticalFitToPages` are a "number of pages"
 * and "can be null if percentage scale is used". So: a whole percentage 10–400 (page counts absent
 * or null), or one or two whole page counts ≥ 1 (scale absent or null). 0 pages ("as many as
 * needed"), a null page count beside page mode, and any other field are not documented.
 */
export function zoomDocumentato(valore: unknown): { zoom: ZoomFinto } | { errore: string } {
  if (typeof valore !== "object" || valore === null) return { errore: "zoom: serve un oggetto." };
  const campi = valore as Record<string, unknown>;
  const estranei = Object.keys(campi).filter(
    (k) => !["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k)
  );
  if (estranei.length > 0) return { errore: `zoom: campi non documentati: ${estranei.join(", ")}` };
  const { scale, horizontalFitToPages: larghe, verticalFitToPages: alte } = campi;
  const pagine = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;
  const assente = (n: unknown) => n === undefined || n === null;
  if (!assente(scale)) {
    if (!Number.isInteger(scale) || (scale as number) < 10 || (scale as number) > 400)
      return { errore: `zoom: scala non valida (10–400): ${String(scale)}` };
    if (!assente(larghe) || !assente(alte)) return { errore: "zoom: scala e pagine insieme." };
    return { zoom: { scale: scale as number } };
  }
  if (assente(larghe) && assente(alte)) return { errore: "zoom: serve una scala o un numero di pagine." };
  for (const n of [larghe, alte])
    if (n !== undefined && !pagine(n))
      return { errore: `zoom: numero di pagine non documentato (intero ≥ 1): ${String(n)}` };
  const zoom: ZoomFinto = {};
  if (larghe !== undefined) zoom.horizontalFitToPages = larghe as number;
  if (alte !== undefined) zoom.verticalFitToPages = alte as number;
  return { zoom };
}

/**
 * PageLayout.firstPageNumber: "The worksheet's first page number to print. A null value represents
 * "auto" page numbering." A whole number, or null; "" (what the typings' type admits) is not a
 * documented value to set.
 */
export function primaPaginaDocumentata(valore: unknown): string | null {
  if (valore === null) return null;
  if (Number.isInteger(valore) && (valore as number) >= 0) return null;
  return `Numero della prima pagina non documentato (intero, o null per automatico): ${JSON.stringify(valore)}`;
}
