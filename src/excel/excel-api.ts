/**
 * The subset of the Office.js Excel API that Barometro uses, declared structurally with the
 * same names and signatures as @types/office-js. `Excel.RequestContext` is assignable to
 * `ExcelContext` (office-access.ts passes `Excel.run` where an `EseguiExcel` is expected, so the
 * compiler checks it), and src/excel-finto/ implements these interfaces: the adapter
 * runs unchanged against Excel, the in-memory workbench and the tests.
 */

/** What `load` accepts here: "address,values" or ["address", "values"] or "items/name,items/id". */
export type ProprietaDaCaricare = string | string[];

export interface ExcelClientObject {
  /** True after a sync when an *OrNullObject call found nothing. */
  readonly isNullObject: boolean;
}

export interface ExcelRangeFill {
  color: string;
  clear(): void;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelRangeFont {
  bold: boolean;
  /** Points. */
  size: number;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelRangeFormat {
  readonly fill: ExcelRangeFill;
  readonly font: ExcelRangeFont;
  /** ExcelApi 1.1; null when the cells differ. */
  wrapText: boolean;
  /** "Top", "Center", "Bottom", "Justify", "Distributed" (Excel.VerticalAlignment). ExcelApi 1.1. */
  verticalAlignment: string;
  /** Points. ExcelApi 1.2. */
  columnWidth: number;
  /** ExcelApi 1.2. */
  autofitColumns(): void;
  /** Row heights to their contents (Excel leaves merged cells out of the measure). ExcelApi 1.2. */
  autofitRows(): void;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

// ── page layout and page breaks (ExcelApi 1.9; Barometro requires 1.13, see manifest.xml) ──

/** Excel.PageLayoutZoomOptions: a percentage, or fit to pages wide / tall (0: as many as needed). */
/**
 * Excel.PageLayoutZoomOptions: a scale 10–400, or a number of pages wide and/or tall; each "can be
 * null" when the other mode is used. No value is documented for "as many pages as needed".
 */
export interface ExcelPageLayoutZoomOptions {
  horizontalFitToPages?: number;
  verticalFitToPages?: number;
  /** 10–400; null with fit to pages. */
  scale?: number | null;
}

export interface ExcelPageLayoutMarginOptions {
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
  header?: number;
  footer?: number;
}

export interface ExcelHeaderFooter {
  centerFooter: string;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelHeaderFooterGroup {
  /** "Default", "FirstAndDefault", "OddAndEven", "FirstOddAndEven" (Excel.HeaderFooterState). */
  state: string;
  readonly defaultForAllPages: ExcelHeaderFooter;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelPageLayout {
  /** "Portrait" | "Landscape" (Excel.PageOrientation). */
  orientation: string;
  /** "A4", "Letter"… (Excel.PaperType). */
  paperSize: string;
  /** Set as a whole object (`zoom = {…}`), as Office requires. */
  zoom: ExcelPageLayoutZoomOptions;
  centerHorizontally: boolean;
  /**
   * Set null for automatic numbering (the reference: "A null value represents auto page
   * numbering"); the typings' type also admits "", not a documented value to set.
   */
  firstPageNumber: number | "" | null;
  /** Points. */
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  readonly headersFooters: ExcelHeaderFooterGroup;
  setPrintMargins(unit: "Points" | "Inches" | "Centimeters", marginOptions: ExcelPageLayoutMarginOptions): void;
  /** "$11:$11": rows repeated at the top of every printed page. */
  setPrintTitleRows(printTitleRows: ExcelRange | string): void;
  getPrintTitleRowsOrNullObject(): ExcelRange;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelPageBreak {
  /** The row (0-based) of the first cell after the break. */
  readonly rowIndex: number;
  readonly columnIndex: number;
}

export interface ExcelPageBreakCollection {
  readonly items: ExcelPageBreak[];
  /** A manual break above the range's top-left cell. */
  add(pageBreakRange: ExcelRange | string): ExcelPageBreak;
  /** Removes every manual break of the collection. */
  removePageBreaks(): void;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

// ── conditional formatting (ExcelApi 1.6; on RangeAreas 1.9) ──

export interface ExcelConditionalRangeFill {
  color: string;
  clear(): void;
}

export interface ExcelConditionalRangeFormat {
  readonly fill: ExcelConditionalRangeFill;
}

export interface ExcelConditionalFormatRule {
  /** English formula with commas, leading "=". */
  formula: string;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelCustomConditionalFormat extends ExcelClientObject {
  readonly rule: ExcelConditionalFormatRule;
  readonly format: ExcelConditionalRangeFormat;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelConditionalFormat {
  readonly id: string;
  /** "Custom", "CellValue", "ColorScale"… (Excel.ConditionalFormatType). */
  readonly type: string;
  stopIfTrue: boolean;
  readonly custom: ExcelCustomConditionalFormat;
  /** A null object unless the rule is a custom (formula) rule. */
  readonly customOrNullObject: ExcelCustomConditionalFormat;
  delete(): void;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelConditionalFormatCollection {
  readonly items: ExcelConditionalFormat[];
  /** Adds a rule at the top priority. */
  add(type: "Custom"): ExcelConditionalFormat;
  getItem(id: string): ExcelConditionalFormat;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

// ── charts (ExcelApi 1.1; getItemOrNullObject 1.4, reversePlotOrder 1.7) ──

export interface ExcelChartFill {
  setSolidColor(color: string): void;
  clear(): void;
}

export interface ExcelChartPointFormat {
  readonly fill: ExcelChartFill;
}

export interface ExcelChartPoint {
  readonly format: ExcelChartPointFormat;
}

export interface ExcelChartPointsCollection {
  readonly count: number;
  getItemAt(index: number): ExcelChartPoint;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelChartSeries {
  name: string;
  /** ExcelApi 1.7: the series' data labels (its values, formatted like the source cells). */
  hasDataLabels: boolean;
  readonly points: ExcelChartPointsCollection;
}

export interface ExcelChartSeriesCollection {
  getItemAt(index: number): ExcelChartSeries;
}

export interface ExcelChartTitle {
  text: string;
}

export interface ExcelChartLegend {
  visible: boolean;
}

export interface ExcelChartAxis {
  reversePlotOrder: boolean;
  /** Excel types these as `any`: a number, or automatic. */
  minimum: unknown;
  maximum: unknown;
}

export interface ExcelChartAxes {
  readonly categoryAxis: ExcelChartAxis;
  readonly valueAxis: ExcelChartAxis;
}

export interface ExcelChart extends ExcelClientObject {
  name: string;
  readonly id: string;
  readonly title: ExcelChartTitle;
  readonly legend: ExcelChartLegend;
  readonly axes: ExcelChartAxes;
  readonly series: ExcelChartSeriesCollection;
  delete(): void;
  setPosition(startCell: string, endCell?: string): void;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelChartCollection {
  readonly items: ExcelChart[];
  add(type: "BarClustered", sourceData: ExcelRange, seriesBy?: "Auto" | "Columns" | "Rows"): ExcelChart;
  getItem(name: string): ExcelChart;
  getItemOrNullObject(name: string): ExcelChart;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelRange extends ExcelClientObject {
  /** "'Obiettivi 2024'!A1:N150" (sheet-qualified). */
  readonly address: string;
  values: unknown[][];
  numberFormat: unknown[][];
  formulas: unknown[][];
  readonly rowCount: number;
  readonly columnCount: number;
  readonly format: ExcelRangeFormat;
  readonly conditionalFormats: ExcelConditionalFormatCollection;
  load(propertyNames?: ProprietaDaCaricare): unknown;
  select(): void;
  clear(applyTo?: "All" | "Formats" | "Contents"): void;
  getMergedAreasOrNullObject(): ExcelRangeAreas;
  getSpecialCellsOrNullObject(cellType: "Formulas"): ExcelRangeAreas;
  /** Merges the range into one cell (`across`: one merged area per row). ExcelApi 1.2. Diagnostica only. */
  merge(across?: boolean): void;
}

export interface ExcelRangeCollection {
  readonly items: ExcelRange[];
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelRangeAreas extends ExcelClientObject {
  /** "'Obiettivi 2024'!A7:A9, 'Obiettivi 2024'!B7:B9". */
  readonly address: string;
  readonly areaCount: number;
  readonly areas: ExcelRangeCollection;
  readonly format: ExcelRangeFormat;
  readonly conditionalFormats: ExcelConditionalFormatCollection;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelWorksheetProtection {
  readonly protected: boolean;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelWorksheet extends ExcelClientObject {
  readonly id: string;
  readonly name: string;
  /** 0-based place among the sheets; settable (ExcelApi 1.1). */
  position: number;
  readonly protection: ExcelWorksheetProtection;
  readonly charts: ExcelChartCollection;
  /** ExcelApi 1.9. */
  readonly pageLayout: ExcelPageLayout;
  /** ExcelApi 1.9. */
  readonly horizontalPageBreaks: ExcelPageBreakCollection;
  load(propertyNames?: ProprietaDaCaricare): unknown;
  activate(): void;
  delete(): void;
  /** No address: the whole sheet. */
  getRange(address?: string): ExcelRange;
  getRanges(address?: string): ExcelRangeAreas;
  getUsedRangeOrNullObject(valuesOnly?: boolean): ExcelRange;
}

export interface ExcelWorksheetCollection {
  readonly items: ExcelWorksheet[];
  load(propertyNames?: ProprietaDaCaricare): unknown;
  /** Adds a sheet after the last one. */
  add(name?: string): ExcelWorksheet;
  getItem(key: string): ExcelWorksheet;
  getItemOrNullObject(key: string): ExcelWorksheet;
  /** The selection changed on any sheet. ExcelApi 1.9 (src/excel/selezione.ts). */
  readonly onSelectionChanged: ExcelEventi<ExcelSelezioneCambiata>;
}

/** Excel.WorksheetSelectionChangedEventArgs (ExcelApi 1.7): the selected range and its sheet's id. */
export interface ExcelSelezioneCambiata {
  address: string;
  worksheetId: string;
  type: "WorksheetSelectionChanged";
}

/**
 * OfficeExtension.EventHandlers: add() registers the handler when the context syncs; the result's
 * remove() takes it away at the next sync of the same context (result.context).
 */
export interface ExcelEventi<A> {
  add(gestore: (argomenti: A) => Promise<unknown>): { remove(): void; readonly context: { sync(): Promise<unknown> } };
}

/** Workbook (structure) protection: while on, sheets cannot be added, deleted or moved. ExcelApi 1.7. */
export interface ExcelWorkbookProtection {
  readonly protected: boolean;
  load(propertyNames?: ProprietaDaCaricare): unknown;
}

export interface ExcelWorkbook {
  readonly worksheets: ExcelWorksheetCollection;
  readonly protection: ExcelWorkbookProtection;
  getSelectedRanges(): ExcelRangeAreas;
}

export interface ExcelContext {
  readonly workbook: ExcelWorkbook;
  sync(): Promise<unknown>;
}

/** `Excel.run`'s shape: a batch gets a request context and returns a promise. */
export type EseguiExcel = <T>(batch: (context: ExcelContext) => Promise<T>) => Promise<T>;

/**
 * An Office.js callback result (Office.AsyncResult<void>): what the settings' saveAsync reports.
 * `status` is "succeeded" or "failed" at run time (Office.AsyncResultStatus, typed as an enum).
 */
export interface RisultatoAsync {
  status: unknown;
  error?: { message: string; code?: number | string } | null;
}

/**
 * The document settings: `Office.context.document.settings` (they travel with the workbook). Each
 * add-in session works on an in-memory copy loaded when it started; saveAsync writes that whole
 * copy to the document; refreshAsync reloads it from the document (the reference: "useful in Excel,
 * Word, and PowerPoint coauthoring scenarios"; not part of a requirement set).
 */
export interface ImpostazioniDocumento {
  /** null when the key is absent. */
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: RisultatoAsync) => void): void;
  refreshAsync(callback?: (result: RisultatoAsync) => void): void;
}

/** What an OfficeExtension.Error carries that Barometro looks at. */
export interface ErroreOffice {
  code: string;
  message: string;
}

export function isErroreOffice(e: unknown): e is ErroreOffice {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}
