/**
 * An in-memory Excel behind the Office.js subset Barometro uses (src/excel/excel-api.ts), with
 * Office's load/sync semantics: proxies queue operations; loads are resolved and writes applied
 * only at context.sync(); reading a property that was not loaded and synced throws
 * PropertyNotLoaded; *OrNullObject calls give null objects (isNullObject, readable after a sync).
 * It counts the syncs and logs every queued operation with an estimated payload per sync.
 *
 * Used by the tests and by the workbench (a browser page): it imports no Node module.
 *
 * Modelled on Excel's documented behaviour:
 * - a sync fails as a whole in cell edit mode (InvalidOperationInCellEditMode), before any change;
 * - otherwise operations run in order and a failing one stops the batch, the earlier writes stay
 *   (Excel has no rollback); loads of a failed sync deliver nothing;
 * - writes into a protected sheet or a read-only workbook fail with AccessDenied;
 * - 2-D arrays must match the range's size (InvalidArgument); a single value fills the range;
 * - getMergedAreasOrNullObject() reports the areas whose top-left cell lies in the range
 *   (OfficeDev/office-js#3611) and fails above 512 areas (errorLocation
 *   "Range.getMergedAreasOrNullObject");
 * - a custom conditional format's formula with an array constant, a union or an intersection, and
 *   any formula over 8,192 characters, are refused (InvalidArgument); reading values, number
 *   formats or formulas of a range over 5,000,000 cells fails (vincoli.ts);
 * - requests and responses over the payload limit (5 MB in Excel on the web) fail with
 *   RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded;
 * - getSelectedRanges() fails with InvalidSelection while a chart or shape is selected
 *   (OfficeDev/office-js#2268, by design);
 * - Excel.run syncs what is still queued when the batch returns.
 * Assumptions where Office's documentation is silent: calls chained on a null object give null
 * objects; the fake does not calculate (a written formula keeps the cell's value unless a
 * `valutaFormula` is given).
 *
 * The files, by area:
 * - modello.ts, foglio.ts, cartella.ts: the workbook (cells, rules, charts, page layout) and its
 *   snapshot; errori.ts: Excel's error codes;
 * - contesto.ts: the request context (queue, sync, payload limits, the log of syncs);
 * - proxy.ts: the proxy base — properties described as data (proprieta.ts), load/PropertyNotLoaded,
 *   null objects, collections, the write checks;
 * - fogli.ts (workbook, sheets), intervalli.ts (ranges), formati-celle.ts (cell formats),
 *   formati-condizionali.ts, grafici.ts, impaginazione.ts (page layout, page breaks): the proxies;
 * - vincoli.ts, vincoli-impaginazione.ts: Excel's documented limits and values the fake enforces
 *   (docs/VINCOLI-EXCEL.md); impostazioni.ts: the document settings;
 * - formula-condizionale.ts, calcolo-formule.ts: the formula evaluator; office-finto.ts: the Office
 *   environment around the fake; exceljs.ts: an ExcelJS workbook into the fake and back.
 */
export { CartellaFinta } from "./cartella";
export type { OpzioniCartella } from "./cartella";
export type { OperazioneRegistrata, SyncRegistrata } from "./contesto";
export { CODICI_ERRORE, ErroreExcelFinto } from "./errori";
export { FoglioFinto } from "./foglio";
export { datiGrafico, paginaPredefinita } from "./modello";
export type {
  CellaFinta,
  DatiGrafico,
  GraficoFinto,
  PaginaFinta,
  RegolaFinta,
  ValoreFinto,
  ValutaFormula,
} from "./modello";
