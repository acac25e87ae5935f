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
 *   formats or formulas of a range over 5,000,000 cells fails (fake-excel-vincoli.ts);
 * - requests and responses over the payload limit (5 MB in Excel on the web) fail with
 *   RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded;
 * - getSelectedRanges() fails with InvalidSelection while a chart or shape is selected
 *   (OfficeDev/office-js#2268, by design);
 * - Excel.run syncs what is still queued when the batch returns.
 * Assumptions where Office's documentation is silent: calls chained on a null object give null
 * objects; the fake does not calculate (a written formula keeps the cell's value unless a
 * `valutaFormula` is given).
 */
import type { Area } from "../layout/griglia";
import {
  a1DaArea,
  areaDaA1,
  areeDaIndirizzi,
  indirizzoCompleto,
  ULTIMA_COLONNA,
  ULTIMA_RIGA,
} from "../excel/addresses";
import type {
  ExcelChart,
  ExcelChartAxes,
  ExcelChartAxis,
  ExcelChartCollection,
  ExcelChartFill,
  ExcelChartLegend,
  ExcelChartPoint,
  ExcelChartPointFormat,
  ExcelChartPointsCollection,
  ExcelChartSeries,
  ExcelChartSeriesCollection,
  ExcelChartTitle,
  ExcelConditionalFormat,
  ExcelConditionalFormatCollection,
  ExcelConditionalFormatRule,
  ExcelConditionalRangeFill,
  ExcelConditionalRangeFormat,
  ExcelContext,
  ExcelCustomConditionalFormat,
  ExcelHeaderFooter,
  ExcelHeaderFooterGroup,
  ExcelPageBreak,
  ExcelPageBreakCollection,
  ExcelPageLayout,
  ExcelPageLayoutMarginOptions,
  ExcelPageLayoutZoomOptions,
  ExcelRange,
  ExcelRangeAreas,
  ExcelRangeCollection,
  ExcelRangeFill,
  ExcelRangeFont,
  ExcelRangeFormat,
  ExcelWorkbook,
  ExcelWorkbookProtection,
  ExcelWorksheet,
  ExcelWorksheetCollection,
  ExcelWorksheetProtection,
  ImpostazioniDocumento,
  ProprietaDaCaricare,
} from "../excel/excel-api";
import { ImpostazioniNelDocumento, SessioneImpostazioni } from "./fake-impostazioni";
import {
  CARTA_DOCUMENTATA,
  ORIENTAMENTI_DOCUMENTATI,
  primaPaginaDocumentata,
  ZoomFinto,
  zoomDocumentato,
} from "./fake-impaginazione";
import { FormulaNonSupportata, regolaVera } from "../excel/formula-condizionale";
import {
  erroreFormulaCella,
  erroreFormulaCondizionale,
  erroreLetturaCelle,
  MAX_AREE_UNITE,
  POSIZIONE_ERRORE_UNIONI,
  LIMITE_PAYLOAD_EXCEL_WEB,
} from "./fake-excel-vincoli";

// ───────────────────────────── the workbook ─────────────────────────────

export type ValoreFinto = string | number | boolean;

/** One cell. Absent properties mean: empty, no formula, "General", no fill, no other formatting. */
export interface CellaFinta {
  valore: ValoreFinto | null;
  /** "=SUM(A1:A3)": English, commas, as Office.js `formulas` gives it. */
  formula?: string;
  /** Number format; "General" when absent. */
  formato?: string;
  /** Solid fill "#RRGGBB"; null or absent: no fill. */
  colore?: string | null;
  /** Formatting the fake does not model (borders, fonts…) that still makes the cell "used". */
  formattata?: boolean;
  /** format.wrapText: true when set; absent: not wrapped. */
  aCapo?: boolean;
  /** format.verticalAlignment ("Top"…); absent: Excel's default (bottom). */
  allineamentoVerticale?: string;
  /** format.font.bold: true when set. */
  grassetto?: boolean;
  /** format.font.size in points; absent: Excel's default (11). */
  dimensioneCarattere?: number;
}

/**
 * A sheet's page layout (Office.js PageLayout) as Barometro sets it. A new sheet has Excel's
 * defaults (portrait, Letter, 100%, "Normal" margins, automatic first page number, no print
 * titles, no footer).
 */
export interface PaginaFinta {
  /** "Portrait" | "Landscape". */
  orientamento: string;
  /** "A4", "Letter"… */
  carta: string;
  /** A percentage, or pages wide and/or tall (documented values only: fake-impaginazione.ts). */
  zoom: ZoomFinto;
  /** Points. */
  margini: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  centraOrizzontale: boolean;
  /** null for automatic (the reference: "A null value represents auto page numbering"). */
  primaPagina: number | null;
  /** "$11:$11", or null. */
  righeTitoli: string | null;
  /** headersFooters.state. */
  statoIntestazioni: string;
  /** headersFooters.defaultForAllPages.centerFooter. */
  piePagina: string;
}

export function paginaPredefinita(): PaginaFinta {
  return {
    orientamento: "Portrait",
    carta: "Letter",
    zoom: { scale: 100 },
    margini: { top: 54, bottom: 54, left: 50.4, right: 50.4, header: 21.6, footer: 21.6 },
    centraOrizzontale: false,
    primaPagina: null,
    righeTitoli: null,
    statoIntestazioni: "Default",
    piePagina: "",
  };
}

/** Computes a written formula's value; undefined keeps the cell's previous value. */
export type ValutaFormula = (
  formula: string,
  foglio: FoglioFinto,
  riga: number,
  colonna: number
) => ValoreFinto | null | undefined;

/**
 * A conditional-format rule (Office.js ConditionalFormat). Custom (formula) rules carry their
 * formula and fill; other kinds (colour scales, data bars… loaded from a file) only their type.
 */
export interface RegolaFinta {
  /** The fake's own handle on the rule (tests, files). Office.js's `id` is its position: see RaccoltaFormatiProxy. */
  id: string;
  /** "Custom", "CellValue", "ColorScale", "DataBar", "IconSet"… */
  tipo: string;
  /** Cells it applies to, on its sheet; relative references are relative to aree[0]'s top-left cell. */
  aree: Area[];
  /** Custom rules: "=…", English with commas. */
  formula?: string;
  /** Custom rules: the fill "#RRGGBB" when true; null or absent: no fill. */
  colore?: string | null;
  fermaSeVera?: boolean;
  /** Loaded from a file: the rule as read (src/workbench/xlsx-to-fake.ts writes it back unchanged). */
  originale?: unknown;
}

/** A chart on a sheet (Office.js Chart): what a page needs to draw it, and what Barometro sets. */
export interface GraficoFinto {
  id: string;
  nome: string;
  /** "BarClustered"… (Excel.ChartType). */
  tipo: string;
  /** Source data: sheet id and area. */
  origine: { foglio: string; area: Area };
  serieDa: "Auto" | "Columns" | "Rows";
  titolo: string | null;
  legenda: boolean;
  /** Cells it covers ("H4", "P20"), when set. */
  posizione: { da: string; a: string | null } | null;
  categorieInvertite: boolean;
  minimo: number | null;
  massimo: number | null;
  /** By series index: its name when set. */
  nomiSerie: Record<number, string>;
  /** By series index, then point index: the point's solid fill. */
  coloriPunti: Record<number, Record<number, string>>;
  /** By series index: data labels shown (Office.js ChartSeries.hasDataLabels; a new chart has none). */
  etichetteDati?: Record<number, boolean>;
}

/** A chart's data as the page draws it: categories, then each series with its values and point colours. */
export interface DatiGrafico {
  categorie: string[];
  serie: { nome: string; valori: (number | null)[]; colori: (string | null)[]; etichette: boolean }[];
}

let prossimaRegola = 1;
let prossimoGrafico = 1;

export const CODICI_ERRORE = {
  proprietaNonCaricata: "PropertyNotLoaded",
  argomentoNonValido: "InvalidArgument",
  accessoNegato: "AccessDenied",
  modificaInCorso: "InvalidOperationInCellEditMode",
  selezioneNonValida: "InvalidSelection",
  nonTrovato: "ItemNotFound",
  giaEsistente: "ItemAlreadyExists",
  nonPermesso: "InvalidOperation",
  generico: "GeneralException",
  richiestaTroppoGrande: "RequestPayloadSizeLimitExceeded",
  rispostaTroppoGrande: "ResponsePayloadSizeLimitExceeded",
} as const;

/** Shaped like OfficeExtension.Error: code, message, debugInfo. */
export class ErroreExcelFinto extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

const GENERALE = "General";
const COLORE_HEX = /^#[0-9A-F]{6}$/i;

export class FoglioFinto {
  readonly id: string;
  nome: string;
  protetto = false;
  /** Merged areas, 0-based and inclusive. */
  readonly unioni: Area[] = [];
  /** Conditional-format rules, highest priority first. */
  readonly formattazioni: RegolaFinta[] = [];
  readonly grafici: GraficoFinto[] = [];
  /** Page layout (worksheet.pageLayout). */
  pagina: PaginaFinta = paginaPredefinita();
  /** Manual horizontal page breaks: the 0-based row each one puts at the top of a new page, ascending. */
  interruzioni: number[] = [];
  /** Column widths set through format.columnWidth, in points, by 0-based column. */
  readonly larghezze = new Map<number, number>();
  /** Rows (0-based) whose height was fitted to their contents (format.autofitRows()). */
  readonly righeAdattate = new Set<number>();
  private readonly righe = new Map<number, Map<number, CellaFinta>>();

  constructor(id: string, nome: string) {
    this.id = id;
    this.nome = nome;
  }

  /** The cell at "B7" (0-based row/col with cellaIn); undefined when it was never set or is empty. */
  cella(indirizzo: string): CellaFinta | undefined {
    const { top, left } = areaDaA1(indirizzo);
    return this.cellaIn(top, left);
  }

  cellaIn(riga: number, colonna: number): CellaFinta | undefined {
    return this.righe.get(riga)?.get(colonna);
  }

  /** Sets some properties of the cell at "B7" (or of every cell of "B7:D9"); the others stay. */
  imposta(indirizzo: string, modifiche: Partial<CellaFinta>): this {
    const area = areaDaA1(indirizzo);
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++) this.impostaIn(r, c, modifiche);
    return this;
  }

  impostaIn(riga: number, colonna: number, modifiche: Partial<CellaFinta>): this {
    const nuova = canonica({ valore: null, ...this.cellaIn(riga, colonna), ...modifiche });
    let riga_ = this.righe.get(riga);
    if (vuota(nuova)) {
      riga_?.delete(colonna);
      if (riga_ && riga_.size === 0) this.righe.delete(riga);
      return this;
    }
    if (!riga_) this.righe.set(riga, (riga_ = new Map()));
    riga_.set(colonna, nuova);
    return this;
  }

  /** Merges "A7:A9" (Excel keeps only the top-left value). */
  unisci(indirizzo: string): this {
    const area = areaDaA1(indirizzo);
    const perRiga = this.unioniPerRiga();
    for (let r = area.top; r <= area.bottom; r++)
      if (perRiga.get(r)?.some((u) => sovrapposte(u, area))) throw new Error(`Unione sovrapposta: ${indirizzo}`);
    this.unioni.push(area);
    for (let r = area.top; r <= area.bottom; r++) (perRiga.get(r) ?? perRiga.set(r, []).get(r)!).push(area);
    this.indiceUnioni = { n: this.unioni.length, ultima: area, perRiga };
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++)
        if (r !== area.top || c !== area.left) this.impostaIn(r, c, { valore: null, formula: undefined });
    return this;
  }

  /** The non-empty cells of rows da…a, by row then column. */
  *celleNelleRighe(da: number, a: number): Generator<{ riga: number; colonna: number; cella: CellaFinta }> {
    const righe =
      a - da < this.righe.size
        ? Array.from({ length: a - da + 1 }, (_, k) => da + k).filter((r) => this.righe.has(r))
        : [...this.righe.keys()].filter((r) => r >= da && r <= a).sort((x, y) => x - y);
    for (const riga of righe) {
      const perColonna = this.righe.get(riga) as Map<number, CellaFinta>;
      for (const colonna of [...perColonna.keys()].sort((x, y) => x - y))
        yield { riga, colonna, cella: perColonna.get(colonna) as CellaFinta };
    }
  }

  /** Every non-empty cell, by row then column. */
  *celle(): Generator<{ riga: number; colonna: number; cella: CellaFinta }> {
    yield* this.celleNelleRighe(-Infinity, Infinity);
  }

  /**
   * The used range: the smallest rectangle holding every cell with a value or a formula and,
   * unless soloValori, every formatted cell and merged area. null for a blank sheet.
   */
  areaUsata(soloValori = false): Area | null {
    let area: Area | null = null;
    const estendi = (a: Area) => {
      area = area
        ? {
            top: Math.min(area.top, a.top),
            left: Math.min(area.left, a.left),
            bottom: Math.max(area.bottom, a.bottom),
            right: Math.max(area.right, a.right),
          }
        : { ...a };
    };
    for (const { riga, colonna, cella } of this.celle()) {
      const conValore = cella.valore !== null || cella.formula !== undefined;
      if (conValore || !soloValori) estendi({ top: riga, left: colonna, bottom: riga, right: colonna });
    }
    if (!soloValori) this.unioni.forEach(estendi);
    return area;
  }

  /** The merged area holding the cell, if any. */
  unioneDi(riga: number, colonna: number): Area | undefined {
    return this.unioniPerRiga()
      .get(riga)
      ?.find((u) => colonna >= u.left && colonna <= u.right);
  }

  /**
   * The merged areas by row: unisci was quadratic with a plain list (100,000 rows: ~45 s). Rebuilt
   * whenever `unioni` was changed from outside (tests splice it).
   */
  private unioniPerRiga(): Map<number, Area[]> {
    const n = this.unioni.length;
    const i = this.indiceUnioni;
    if (i && i.n === n && i.ultima === this.unioni[n - 1]) return i.perRiga;
    const perRiga = new Map<number, Area[]>();
    for (const u of this.unioni)
      for (let r = u.top; r <= u.bottom; r++) (perRiga.get(r) ?? perRiga.set(r, []).get(r)!).push(u);
    this.indiceUnioni = { n, ultima: this.unioni[n - 1], perRiga };
    return perRiga;
  }
  private indiceUnioni: { n: number; ultima: Area | undefined; perRiga: Map<number, Area[]> } | null = null;

  /** Adds a conditional-format rule at the lowest priority (as a file lists them); returns it with its id. */
  aggiungiRegola(regola: Omit<RegolaFinta, "id">): RegolaFinta {
    const nuova: RegolaFinta = { ...regola, id: nuovoIdRegola(), aree: regola.aree.map((a) => ({ ...a })) };
    if (nuova.colore) nuova.colore = nuova.colore.toUpperCase();
    this.formattazioni.push(nuova);
    return nuova;
  }

  /**
   * The conditional-format rule that gives the cell its fill, as Excel shows it: the first custom
   * rule by priority that applies to the cell, has a fill and is true there. Formulas the fake
   * cannot evaluate (src/excel/formula-condizionale.ts) are skipped.
   */
  regolaVisibile(
    riga: number,
    colonna: number,
    candidate: readonly RegolaFinta[] = this.formattazioni
  ): RegolaFinta | null {
    for (const regola of candidate) {
      if (regola.tipo !== "Custom" || !regola.formula || !regola.colore) continue;
      if (!regola.aree.some((a) => riga >= a.top && riga <= a.bottom && colonna >= a.left && colonna <= a.right))
        continue;
      const ancora = regola.aree[0];
      try {
        const vera = regolaVera(regola.formula, {
          valore: (r, c) => {
            const v = this.cellaIn(r, c)?.valore ?? null;
            return v === "" ? null : v;
          },
          spostamento: { righe: riga - ancora.top, colonne: colonna - ancora.left },
        });
        if (vera) return regola;
      } catch (e) {
        if (!(e instanceof FormulaNonSupportata)) throw e;
      }
    }
    return null;
  }

  /**
   * The rule giving each cell of `area` its fill (cells no rule colours are absent): regolaVisibile
   * for a whole area at once, looking at each cell's own rules only (a page draws thousands of cells).
   */
  regoleVisibili(area: Area): Map<string, RegolaFinta> {
    const perCella = new Map<string, RegolaFinta[]>();
    for (const regola of this.formattazioni) {
      if (regola.tipo !== "Custom" || !regola.formula || !regola.colore) continue;
      for (const a of regola.aree)
        for (let r = Math.max(a.top, area.top); r <= Math.min(a.bottom, area.bottom); r++)
          for (let c = Math.max(a.left, area.left); c <= Math.min(a.right, area.right); c++) {
            const k = `${r},${c}`;
            const elenco = perCella.get(k);
            if (elenco) {
              if (!elenco.includes(regola)) elenco.push(regola);
            } else perCella.set(k, [regola]);
          }
    }
    const visibili = new Map<string, RegolaFinta>();
    for (const [k, candidate] of perCella) {
      const [r, c] = k.split(",").map(Number);
      const regola = this.regolaVisibile(r, c, candidate);
      if (regola) visibili.set(k, regola);
    }
    return visibili;
  }

  /** The fill a person sees: a true conditional-format rule's fill wins over the cell's own (as in Excel). */
  coloreVisto(riga: number, colonna: number): string | null {
    return this.regolaVisibile(riga, colonna)?.colore ?? this.cellaIn(riga, colonna)?.colore ?? null;
  }
}

function nuovoIdRegola(): string {
  return `{CF-${String(prossimaRegola++).padStart(6, "0")}}`;
}

/** A chart's categories and series from its source cells, as Excel reads them (values now, not when it was added). */
export function datiGrafico(cartella: CartellaFinta, grafico: GraficoFinto): DatiGrafico {
  const foglio = cartella.foglio(grafico.origine.foglio);
  const area = grafico.origine.area;
  if (!foglio) return { categorie: [], serie: [] };
  const perColonne = grafico.serieDa !== "Rows";
  const righe = area.bottom - area.top + 1;
  const colonne = area.right - area.left + 1;
  const cella = (i: number, j: number) =>
    perColonne ? foglio.cellaIn(area.top + i, area.left + j) : foglio.cellaIn(area.top + j, area.left + i);
  const punti = perColonne ? righe : colonne;
  const linee = perColonne ? colonne : righe;
  // The first line holds the categories when it is text (as Excel decides for a text column).
  const conCategorie =
    linee > 1 && Array.from({ length: punti }, (_, i) => cella(i, 0)?.valore).some((v) => typeof v === "string");
  const categorie = Array.from({ length: punti }, (_, i) =>
    conCategorie ? String(cella(i, 0)?.valore ?? "") : String(i + 1)
  );
  const serie: DatiGrafico["serie"] = [];
  for (let s = conCategorie ? 1 : 0; s < linee; s++) {
    const k = serie.length;
    serie.push({
      nome: grafico.nomiSerie[k] ?? `Serie${k + 1}`,
      valori: Array.from({ length: punti }, (_, i) => {
        const v = cella(i, s)?.valore;
        return typeof v === "number" ? v : null;
      }),
      colori: Array.from({ length: punti }, (_, i) => grafico.coloriPunti[k]?.[i] ?? null),
      etichette: grafico.etichetteDati?.[k] ?? false,
    });
  }
  return { categorie, serie };
}

/** One spelling per state (no fill = no `colore`, "General" = no `formato`…): snapshots compare cells as JSON. */
function canonica(c: CellaFinta): CellaFinta {
  const cella: CellaFinta = { valore: c.valore ?? null };
  if (c.formula !== undefined) cella.formula = c.formula;
  if (c.formato !== undefined && c.formato !== GENERALE) cella.formato = c.formato;
  if (c.colore !== undefined && c.colore !== null) cella.colore = c.colore.toUpperCase();
  if (c.formattata) cella.formattata = true;
  if (c.aCapo) cella.aCapo = true;
  if (c.allineamentoVerticale !== undefined) cella.allineamentoVerticale = c.allineamentoVerticale;
  if (c.grassetto) cella.grassetto = true;
  if (c.dimensioneCarattere !== undefined) cella.dimensioneCarattere = c.dimensioneCarattere;
  return cella;
}

function vuota(c: CellaFinta): boolean {
  return (
    (c.valore === null || c.valore === undefined) &&
    c.formula === undefined &&
    (c.formato === undefined || c.formato === GENERALE) &&
    (c.colore === undefined || c.colore === null) &&
    !c.formattata &&
    !c.aCapo &&
    c.allineamentoVerticale === undefined &&
    !c.grassetto &&
    c.dimensioneCarattere === undefined
  );
}

function sovrapposte(a: Area, b: Area): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** One operation as the log shows it. */
export interface OperazioneRegistrata {
  tipo: "carica" | "imposta" | "chiama";
  /** The proxy's path: "worksheets.getItem(\"Obiettivi 2024\").getRange(\"J7:J9\")". */
  oggetto: string;
  /** Property names loaded, property set, or method called. */
  dettaglio: string;
  /** Estimated bytes this operation adds to the request (JSON length). */
  byte: number;
}

export interface SyncRegistrata {
  numero: number;
  operazioni: OperazioneRegistrata[];
  byteRichiesta: number;
  byteRisposta: number;
  /** The error code when the sync failed. */
  errore?: string;
}

export interface OpzioniCartella {
  /** Request/response limit in bytes (Excel on the web: 5 MB). */
  limitePayload?: number;
  /** Most merged areas getMergedAreasOrNullObject() returns before failing (Office: 512). */
  maxAreeUnite?: number;
  valutaFormula?: ValutaFormula;
}

export class CartellaFinta {
  readonly fogli: FoglioFinto[] = [];
  /** Id of the active sheet. */
  foglioAttivo: string | null = null;
  /** The selected range: sheet id and area. */
  selezione: { foglio: string; area: Area } | null = null;
  /** While true every sync fails as Excel does when a cell is being edited. */
  modificaInCorso = false;
  /** While true the selection is a chart or a shape: getSelectedRanges() fails (InvalidSelection). */
  selezioneNonIntervallo = false;
  /** While true every write fails with AccessDenied (a workbook opened read-only). */
  solaLettura = false;
  /** Workbook (structure) protection: sheets cannot be added or deleted (AccessDenied). */
  strutturaProtetta = false;
  /** While true document settings fail to save. */
  get salvataggioImpostazioniFallisce(): boolean {
    return this.documentoImpostazioni.salvataggioFallisce;
  }
  set salvataggioImpostazioniFallisce(valore: boolean) {
    this.documentoImpostazioni.salvataggioFallisce = valore;
  }
  /**
   * While true, loading conditional formats fails with GeneralException, as it does in Excel for
   * some rules made in its UI (OfficeDev/office-js#6827, #6835).
   */
  formattazioniIlleggibili = false;
  sincronizzazioni = 0;
  readonly registro: SyncRegistrata[] = [];
  readonly limitePayload: number;
  readonly maxAreeUnite: number;
  valutaFormula?: ValutaFormula;

  private prossimoId = 1;
  /** The document's settings bag, shared by every session's copy. */
  readonly documentoImpostazioni = new ImpostazioniNelDocumento();

  constructor(opzioni: OpzioniCartella = {}) {
    this.limitePayload = opzioni.limitePayload ?? LIMITE_PAYLOAD_EXCEL_WEB;
    this.maxAreeUnite = opzioni.maxAreeUnite ?? MAX_AREE_UNITE;
    this.valutaFormula = opzioni.valutaFormula;
  }

  aggiungiFoglio(nome: string, posizione = this.fogli.length): FoglioFinto {
    if (this.foglio(nome)) throw new Error(`Esiste già un foglio «${nome}»`);
    const id = `{00000000-0001-0000-${String(this.prossimoId).padStart(4, "0")}-000000000000}`;
    this.prossimoId++;
    const foglio = new FoglioFinto(id, nome);
    this.fogli.splice(posizione, 0, foglio);
    if (this.foglioAttivo === null) this.foglioAttivo = id;
    return foglio;
  }

  /** Sheet by name (case-insensitive, as Excel) or id. */
  foglio(chiave: string): FoglioFinto | undefined {
    const minuscola = chiave.toLowerCase();
    return this.fogli.find((f) => f.id === chiave || f.nome.toLowerCase() === minuscola);
  }

  rimuoviFoglio(nome: string): void {
    const i = this.fogli.findIndex((f) => f === this.foglio(nome));
    if (i < 0) throw new Error(`Nessun foglio «${nome}»`);
    const [tolto] = this.fogli.splice(i, 1);
    if (this.foglioAttivo === tolto.id) this.foglioAttivo = this.fogli[0]?.id ?? null;
    if (this.selezione?.foglio === tolto.id) this.selezione = null;
  }

  rinominaFoglio(nome: string, nuovo: string): void {
    const f = this.foglio(nome);
    if (!f) throw new Error(`Nessun foglio «${nome}»`);
    f.nome = nuovo;
  }

  /** Selects "B7:D9" on a sheet and makes it active (as the user would). */
  seleziona(foglio: string, indirizzo: string): void {
    const f = this.foglio(foglio);
    if (!f) throw new Error(`Nessun foglio «${foglio}»`);
    this.foglioAttivo = f.id;
    this.selezione = { foglio: f.id, area: areaDaA1(indirizzo) };
  }

  /** Excel.run: runs the batch with a new request context, then syncs whatever is still queued. */
  run = async <T>(batch: (context: ExcelContext) => Promise<T>): Promise<T> => {
    const contesto = new ContestoFinto(this);
    const risultato = await batch(contesto);
    if (contesto.inCoda() > 0) await contesto.sync();
    return risultato;
  };

  /** Office.context.document.settings for this workbook: this session's (see fake-impostazioni.ts). */
  readonly impostazioni: SessioneImpostazioni = this.documentoImpostazioni.sessione();

  /** Another instance of the add-in on the same workbook (a colleague co-authoring): its own settings copy. */
  impostazioniDiUnCollega(): ImpostazioniDocumento {
    return this.documentoImpostazioni.sessione();
  }

  /** The settings as saved in the file (what reopening the workbook would find). */
  impostazioniNelFile(): Record<string, unknown> {
    return this.documentoImpostazioni.nelFile();
  }

  /** Simulates closing and reopening: unsaved settings are lost. */
  riapri(): void {
    this.impostazioni.riapri();
  }

  azzeraContatori(): void {
    this.sincronizzazioni = 0;
    this.registro.length = 0;
  }

  /**
   * Everything a person could see, keyed "Foglio!A1" (cells) and "Foglio!#unioni" /
   * "Foglio!#protetto", plus "Foglio!#formattazioni" (conditional-format rules, by priority),
   * "Foglio!#grafici" on sheets that have some and "Foglio!#stampa" (page layout, page breaks,
   * column widths, autofitted rows) on sheets where they are not a new sheet's: to compare a
   * workbook before and after. Ids are left out (a rule deleted and added again the same is the
   * same for a person). The sheets' order is `fogli`'s.
   */
  istantanea(): Map<string, string> {
    const m = new Map<string, string>();
    for (const f of this.fogli) {
      m.set(`${f.nome}!#unioni`, JSON.stringify(f.unioni.map(a1DaArea).sort()));
      m.set(`${f.nome}!#protetto`, String(f.protetto));
      if (f.formattazioni.length > 0)
        m.set(
          `${f.nome}!#formattazioni`,
          JSON.stringify(f.formattazioni.map((r) => ({ ...senzaId(r), aree: r.aree.map(a1DaArea) })))
        );
      if (f.grafici.length > 0)
        m.set(
          `${f.nome}!#grafici`,
          JSON.stringify(
            f.grafici.map((g) => ({
              ...senzaId(g),
              origine: `${this.foglio(g.origine.foglio)?.nome ?? "?"}!${a1DaArea(g.origine.area)}`,
            }))
          )
        );
      const stampa = {
        pagina: f.pagina,
        interruzioni: f.interruzioni,
        larghezze: [...f.larghezze].sort((a, b) => a[0] - b[0]),
        righeAdattate: [...f.righeAdattate].sort((a, b) => a - b),
      };
      if (JSON.stringify(stampa) !== STAMPA_PREDEFINITA) m.set(`${f.nome}!#stampa`, JSON.stringify(stampa));
      for (const { riga, colonna, cella } of f.celle())
        m.set(
          `${f.nome}!${a1DaArea({ top: riga, left: colonna, bottom: riga, right: colonna })}`,
          JSON.stringify(cella)
        );
    }
    return m;
  }

  /** @internal the next sync's number. */
  nuovaSync(voce: Omit<SyncRegistrata, "numero">): SyncRegistrata {
    this.sincronizzazioni++;
    const registrata = { numero: this.sincronizzazioni, ...voce };
    this.registro.push(registrata);
    return registrata;
  }
}

const STAMPA_PREDEFINITA = JSON.stringify({
  pagina: paginaPredefinita(),
  interruzioni: [],
  larghezze: [],
  righeAdattate: [],
});

function senzaId<T extends { id: string }>(oggetto: T): Omit<T, "id"> {
  const copiato: Partial<T> = { ...oggetto };
  delete copiato.id;
  return copiato as Omit<T, "id">;
}

function copia<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

// ───────────────────────────── request context ─────────────────────────────

interface Operazione {
  registro: OperazioneRegistrata;
  /** Runs at sync; returns the data a load brings back (undefined for writes). */
  esegui(): { risposta?: unknown; consegna?: () => void } | void;
}

const lunghezza = (v: unknown) => JSON.stringify(v)?.length ?? 0;

class ContestoFinto implements ExcelContext {
  readonly workbook: ExcelWorkbook;
  private coda: Operazione[] = [];
  private proxy: ProxyFinto<unknown>[] = [];
  private fissati = 0;

  constructor(readonly cartella: CartellaFinta) {
    this.workbook = new CartellaProxy(this);
  }

  inCoda(): number {
    return this.coda.length;
  }

  registra(p: ProxyFinto<unknown>): void {
    this.proxy.push(p);
  }

  accoda(
    tipo: OperazioneRegistrata["tipo"],
    oggetto: string,
    dettaglio: string,
    argomenti: unknown,
    esegui: Operazione["esegui"]
  ): void {
    this.coda.push({
      registro: { tipo, oggetto, dettaglio, byte: lunghezza([oggetto, dettaglio, argomenti]) },
      esegui,
    });
  }

  async sync(): Promise<void> {
    const coda = this.coda;
    this.coda = [];
    const voce = this.cartella.nuovaSync({
      operazioni: coda.map((o) => o.registro),
      byteRichiesta: coda.reduce((s, o) => s + o.registro.byte, 0),
      byteRisposta: 0,
    });
    await Promise.resolve(); // a round trip: never synchronous
    const fallisce = (e: ErroreExcelFinto): never => {
      voce.errore = e.code;
      throw e;
    };
    if (this.cartella.modificaInCorso)
      fallisce(new ErroreExcelFinto(CODICI_ERRORE.modificaInCorso, "Excel è in modalità modifica della cella."));
    if (voce.byteRichiesta > this.cartella.limitePayload)
      fallisce(
        new ErroreExcelFinto(CODICI_ERRORE.richiestaTroppoGrande, "La richiesta supera il limite di dimensione.")
      );
    const consegne: (() => void)[] = [];
    for (const op of coda) {
      try {
        const esito = op.esegui();
        if (esito) {
          voce.byteRisposta += lunghezza(esito.risposta);
          if (esito.consegna) consegne.push(esito.consegna);
        }
      } catch (e) {
        if (e instanceof ErroreExcelFinto)
          fallisce(new ErroreExcelFinto(e.code, e.message, e.debugInfo.errorLocation ?? op.registro.oggetto));
        throw e;
      }
    }
    if (voce.byteRisposta > this.cartella.limitePayload)
      fallisce(new ErroreExcelFinto(CODICI_ERRORE.rispostaTroppoGrande, "La risposta supera il limite di dimensione."));
    consegne.forEach((c) => c());
    // isNullObject becomes readable for the proxies created before or during this sync.
    for (const p of this.proxy.slice(this.fissati)) p.fissaNullo();
    this.fissati = this.proxy.length;
  }
}

function nonCaricata(nome: string): ErroreExcelFinto {
  return new ErroreExcelFinto(
    CODICI_ERRORE.proprietaNonCaricata,
    `The property '${nome}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );
}

function nonValido(messaggio: string): ErroreExcelFinto {
  return new ErroreExcelFinto(CODICI_ERRORE.argomentoNonValido, messaggio);
}

/** load()'s argument → property paths ("areas/items/address"). */
function percorsi(nomi?: ProprietaDaCaricare): string[] {
  const elenco = nomi === undefined ? ["*"] : Array.isArray(nomi) ? nomi : nomi.split(",");
  const puliti = elenco.map((n) => n.trim()).filter((n) => n !== "");
  return puliti.length > 0 ? puliti : ["*"];
}

// ───────────────────────────── proxies ─────────────────────────────

/**
 * A proxy: a path resolved against the workbook when an operation runs (null for a null object).
 * Scalar properties are read from what the last successful sync delivered.
 */
abstract class ProxyFinto<T> {
  private readonly caricati = new Map<string, unknown>();
  private nullo: boolean | undefined;

  constructor(
    protected readonly ctx: ContestoFinto,
    readonly percorso: string,
    private readonly trova: () => T | null
  ) {
    ctx.registra(this);
  }

  get isNullObject(): boolean {
    if (this.nullo === undefined) throw nonCaricata("isNullObject");
    return this.nullo;
  }

  /** The object, or null for a null object (errors such as ItemNotFound propagate). */
  risolvi(): T | null {
    return this.trova();
  }

  /** The object for a write or a method: a null object cannot be written. */
  protected oggetto(): T {
    const o = this.trova();
    if (o === null) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `${this.percorso}: oggetto nullo.`);
    return o;
  }

  fissaNullo(): void {
    try {
      this.nullo = this.trova() === null;
    } catch {
      this.nullo = undefined;
    }
  }

  load(nomi?: ProprietaDaCaricare): this {
    const elenco = percorsi(nomi);
    this.ctx.accoda("carica", this.percorso, elenco.join(","), null, () => this.carica(elenco));
    return this;
  }

  /** Runs a load at sync: the data, and how to deliver it once the whole sync succeeded. */
  carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const o = this.trova();
    if (o === null) return { risposta: { isNullObject: true }, consegna: () => undefined };
    const risposta: Record<string, unknown> = {};
    const consegne: (() => void)[] = [];
    const perFiglio = new Map<string, string[]>();
    for (const p of elenco) {
      const [testa, ...resto] = p.split("/");
      if (testa === "*") {
        for (const nome of this.scalari()) risposta[nome] = this.leggiScalare(nome, o);
      } else if (this.scalari().includes(testa) && resto.length === 0) {
        risposta[testa] = this.leggiScalare(testa, o);
      } else if (this.figlio(testa)) {
        perFiglio.set(testa, [...(perFiglio.get(testa) ?? []), resto.length > 0 ? resto.join("/") : "*"]);
      } else throw nonValido(`Proprietà sconosciuta per ${this.percorso}: ${p}`);
    }
    for (const [nome, sotto] of perFiglio) {
      const esito = (this.figlio(nome) as ProxyFinto<unknown>).carica(sotto);
      risposta[nome] = esito.risposta;
      consegne.push(esito.consegna);
    }
    const scalari = Object.entries(risposta).filter(([k]) => !perFiglio.has(k));
    return {
      risposta,
      consegna: () => {
        for (const [k, v] of scalari) this.caricati.set(k, v);
        consegne.forEach((c) => c());
      },
    };
  }

  /** A loaded and synced property. */
  protected proprieta<V>(nome: string): V {
    if (!this.caricati.has(nome)) throw nonCaricata(nome);
    return this.caricati.get(nome) as V;
  }

  protected scalari(): readonly string[] {
    return [];
  }

  /** A scalar property's value, read from the resolved object (subclasses list theirs in scalari()). */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  protected leggiScalare(nome: string, _oggetto: T): unknown {
    throw nonValido(`Proprietà sconosciuta per ${this.percorso}: ${nome}`);
  }

  /** Navigation properties (format, fill, protection, areas…): none by default. */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  protected figlio(_nome: string): ProxyFinto<unknown> | undefined {
    return undefined;
  }
}

/** A range on a sheet (a rectangle) or several (RangeAreas). */
interface Intervallo {
  foglio: FoglioFinto;
  aree: Area[];
}

class CartellaProxy implements ExcelWorkbook {
  readonly worksheets: RaccoltaFogliProxy;
  readonly protection: ProtezioneCartellaProxy;

  constructor(private readonly ctx: ContestoFinto) {
    this.worksheets = new RaccoltaFogliProxy(ctx);
    this.protection = new ProtezioneCartellaProxy(ctx, "workbook.protection", () => ctx.cartella);
  }

  getSelectedRanges(): ExcelRangeAreas {
    const cartella = this.ctx.cartella;
    return new AreeProxy(this.ctx, "workbook.getSelectedRanges()", () => {
      if (cartella.selezioneNonIntervallo)
        throw new ErroreExcelFinto(
          CODICI_ERRORE.selezioneNonValida,
          "The current selection is invalid for this operation."
        );
      const sel = cartella.selezione;
      const foglio = sel ? cartella.foglio(sel.foglio) : cartella.foglio(cartella.foglioAttivo ?? "");
      if (!foglio) throw new ErroreExcelFinto(CODICI_ERRORE.generico, "Nessuna selezione.");
      return { foglio, aree: [sel ? sel.area : { top: 0, left: 0, bottom: 0, right: 0 }] };
    });
  }
}

class ProtezioneCartellaProxy extends ProxyFinto<CartellaFinta> implements ExcelWorkbookProtection {
  get protected(): boolean {
    return this.proprieta("protected");
  }

  protected override scalari(): readonly string[] {
    return ["protected"];
  }

  protected override leggiScalare(nome: string, c: CartellaFinta): unknown {
    return nome === "protected" ? c.strutturaProtetta : super.leggiScalare(nome, c);
  }
}

/** Adding, deleting or moving a sheet: refused while the workbook's structure is protected. */
function controllaStruttura(cartella: CartellaFinta): void {
  if (cartella.strutturaProtetta)
    throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La struttura della cartella di lavoro è protetta.");
}

class RaccoltaFogliProxy extends ProxyFinto<FoglioFinto[]> implements ExcelWorksheetCollection {
  private elementi: FoglioProxy[] | undefined;

  constructor(ctx: ContestoFinto) {
    super(ctx, "worksheets", () => ctx.cartella.fogli);
  }

  get items(): ExcelWorksheet[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const fogli = [...this.oggetto()];
    // "items/name" or, as Office allows on a collection, "name".
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = fogli.map((f) => {
      const id = f.id;
      return new FoglioProxy(this.ctx, `worksheets.getItem("${id}")`, () => this.ctx.cartella.foglio(id) ?? null);
    });
    const esiti = elementi.map((e) => e.carica(sotto));
    return {
      risposta: { items: esiti.map((e) => e.risposta) },
      consegna: () => {
        esiti.forEach((e) => e.consegna());
        this.elementi = elementi;
      },
    };
  }

  /** Adds a sheet after the last one (Office: "Sheet1"… when no name is given). */
  add(name?: string): ExcelWorksheet {
    let creato: string | null = null;
    this.ctx.accoda("chiama", "worksheets", "add", [name ?? null], () => {
      const cartella = this.ctx.cartella;
      if (cartella.solaLettura)
        throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La cartella di lavoro è di sola lettura.");
      controllaStruttura(cartella);
      let nome = name;
      for (let n = cartella.fogli.length + 1; nome === undefined; n++)
        if (!cartella.foglio(`Foglio${n}`)) nome = `Foglio${n}`;
      if (nome.trim() === "" || nome.length > 31 || /[\\/?*[\]:]/.test(nome) || /^'|'$/.test(nome))
        throw nonValido(`Nome di foglio non valido: ${nome}`);
      if (cartella.foglio(nome))
        throw new ErroreExcelFinto(CODICI_ERRORE.giaEsistente, `Esiste già un foglio «${nome}».`);
      creato = cartella.aggiungiFoglio(nome).id;
    });
    return new FoglioProxy(this.ctx, `worksheets.add(${JSON.stringify(name ?? "")})`, () => {
      if (creato === null)
        throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, "Il foglio non è ancora stato aggiunto.");
      return this.ctx.cartella.foglio(creato) ?? null;
    });
  }

  getItem(key: string): ExcelWorksheet {
    return new FoglioProxy(this.ctx, `worksheets.getItem(${JSON.stringify(key)})`, () => {
      const f = this.ctx.cartella.foglio(key);
      if (!f) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `Il foglio «${key}» non esiste.`);
      return f;
    });
  }

  getItemOrNullObject(key: string): ExcelWorksheet {
    return new FoglioProxy(
      this.ctx,
      `worksheets.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this.ctx.cartella.foglio(key) ?? null
    );
  }
}

class FoglioProxy extends ProxyFinto<FoglioFinto> implements ExcelWorksheet {
  readonly protection: ProtezioneProxy;
  readonly charts: RaccoltaGraficiProxy;
  readonly pageLayout: ImpaginazioneProxy;
  readonly horizontalPageBreaks: RaccoltaInterruzioniProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => FoglioFinto | null) {
    super(ctx, percorso, trova);
    this.protection = new ProtezioneProxy(ctx, `${percorso}.protection`, trova);
    this.charts = new RaccoltaGraficiProxy(ctx, `${percorso}.charts`, trova);
    this.pageLayout = new ImpaginazioneProxy(ctx, `${percorso}.pageLayout`, trova);
    this.horizontalPageBreaks = new RaccoltaInterruzioniProxy(ctx, `${percorso}.horizontalPageBreaks`, trova);
  }

  get position(): number {
    return this.proprieta("position");
  }

  /** Moves the sheet to this place (0-based; Excel refuses a place past the last sheet). */
  set position(posizione: number) {
    this.ctx.accoda("imposta", this.percorso, "position", posizione, () => {
      const f = this.oggetto();
      const cartella = this.ctx.cartella;
      if (cartella.solaLettura)
        throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La cartella di lavoro è di sola lettura.");
      controllaStruttura(cartella);
      if (!Number.isInteger(posizione) || posizione < 0 || posizione >= cartella.fogli.length)
        throw nonValido(`Posizione non valida: ${posizione}`);
      cartella.fogli.splice(cartella.fogli.indexOf(f), 1);
      cartella.fogli.splice(posizione, 0, f);
    });
  }

  /** Deletes the sheet (not the only one; not while the workbook's structure is protected). */
  delete(): void {
    this.ctx.accoda("chiama", this.percorso, "delete", null, () => {
      const f = this.oggetto();
      const cartella = this.ctx.cartella;
      if (cartella.solaLettura)
        throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La cartella di lavoro è di sola lettura.");
      controllaStruttura(cartella);
      if (cartella.fogli.length <= 1)
        throw new ErroreExcelFinto(CODICI_ERRORE.nonPermesso, "Una cartella di lavoro deve avere almeno un foglio.");
      cartella.rimuoviFoglio(f.id);
    });
  }

  get id(): string {
    return this.proprieta("id");
  }

  get name(): string {
    return this.proprieta("name");
  }

  protected override scalari(): readonly string[] {
    return ["id", "name", "position"];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    if (nome === "id") return f.id;
    if (nome === "name") return f.nome;
    if (nome === "position") return this.ctx.cartella.fogli.indexOf(f);
    return super.leggiScalare(nome, f);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    if (nome === "pageLayout") return this.pageLayout;
    if (nome === "horizontalPageBreaks") return this.horizontalPageBreaks;
    return nome === "protection" ? this.protection : nome === "charts" ? this.charts : undefined;
  }

  activate(): void {
    this.ctx.accoda("chiama", this.percorso, "activate", null, () => {
      this.ctx.cartella.foglioAttivo = this.oggetto().id;
    });
  }

  getRange(address?: string): ExcelRange {
    const percorso = `${this.percorso}.getRange(${address === undefined ? "" : JSON.stringify(address)})`;
    return new RangeProxy(this.ctx, percorso, () => {
      const f = this.risolvi();
      if (!f) return null;
      const area =
        address === undefined
          ? { top: 0, left: 0, bottom: ULTIMA_RIGA, right: ULTIMA_COLONNA }
          : areaSenzaFoglio(address);
      return { foglio: f, aree: [area] };
    });
  }

  getRanges(address?: string): ExcelRangeAreas {
    return new AreeProxy(this.ctx, `${this.percorso}.getRanges(${JSON.stringify(address ?? "")})`, () => {
      const f = this.risolvi();
      if (!f) return null;
      if (address === undefined)
        return { foglio: f, aree: [{ top: 0, left: 0, bottom: ULTIMA_RIGA, right: ULTIMA_COLONNA }] };
      let aree: Area[];
      try {
        aree = areeDaIndirizzi(address).map((a) => a.area);
      } catch {
        throw nonValido(`Indirizzo non valido: ${address}`);
      }
      return { foglio: f, aree };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): ExcelRange {
    return new RangeProxy(
      this.ctx,
      `${this.percorso}.getUsedRangeOrNullObject(${valuesOnly ? "true" : "false"})`,
      () => {
        const f = this.risolvi();
        const area = f?.areaUsata(valuesOnly === true) ?? null;
        return f && area ? { foglio: f, aree: [area] } : null;
      }
    );
  }
}

function areaSenzaFoglio(indirizzo: string): Area {
  try {
    const aree = areeDaIndirizzi(indirizzo);
    if (aree.length !== 1) throw new Error();
    return aree[0].area;
  } catch {
    throw nonValido(`Indirizzo non valido: ${indirizzo}`);
  }
}

class ProtezioneProxy extends ProxyFinto<FoglioFinto> implements ExcelWorksheetProtection {
  get protected(): boolean {
    return this.proprieta("protected");
  }

  protected override scalari(): readonly string[] {
    return ["protected"];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    return nome === "protected" ? f.protetto : super.leggiScalare(nome, f);
  }
}

/** Any change to a sheet: refused in a read-only workbook and on a protected sheet. */
function controllaScrittura(ctx: ContestoFinto, foglio: FoglioFinto): void {
  if (ctx.cartella.solaLettura)
    throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La cartella di lavoro è di sola lettura.");
  if (foglio.protetto)
    throw new ErroreExcelFinto(
      CODICI_ERRORE.accessoNegato,
      "The cell or chart you're trying to change is on a protected sheet."
    );
}

/** Writes go through here: protection, read-only, then each cell of the areas. */
function scrivi(
  ctx: ContestoFinto,
  intervallo: Intervallo,
  perCella: (r: number, c: number, i: number, j: number) => void
): void {
  controllaScrittura(ctx, intervallo.foglio);
  for (const area of intervallo.aree)
    for (let r = area.top; r <= Math.min(area.bottom, ULTIMA_RIGA); r++)
      for (let c = area.left; c <= area.right; c++) perCella(r, c, r - area.top, c - area.left);
}

class RiempimentoProxy extends ProxyFinto<Intervallo> implements ExcelRangeFill {
  get color(): string {
    return this.proprieta("color");
  }

  set color(colore: string) {
    this.ctx.accoda("imposta", this.percorso, "color", colore, () => {
      if (!COLORE_HEX.test(colore)) throw nonValido(`Colore non valido: ${colore}`);
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { colore: colore.toUpperCase() }));
    });
  }

  clear(): void {
    this.ctx.accoda("chiama", this.percorso, "clear", null, () => {
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { colore: null }));
    });
  }

  protected override scalari(): readonly string[] {
    return ["color"];
  }

  /** Like Excel: the common colour, "#FFFFFF" without fill, null when the cells differ. */
  protected override leggiScalare(nome: string, intervallo: Intervallo): unknown {
    if (nome !== "color") return super.leggiScalare(nome, intervallo);
    const colori = new Set<string>();
    for (const a of intervallo.aree)
      for (let r = a.top; r <= a.bottom && colori.size < 2; r++)
        for (let c = a.left; c <= a.right && colori.size < 2; c++)
          colori.add(intervallo.foglio.cellaIn(r, c)?.colore ?? "#FFFFFF");
    return colori.size === 1 ? [...colori][0] : null;
  }
}

class FormatoProxy extends ProxyFinto<Intervallo> implements ExcelRangeFormat {
  readonly fill: RiempimentoProxy;
  readonly font: CarattereProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => Intervallo | null) {
    super(ctx, percorso, trova);
    this.fill = new RiempimentoProxy(ctx, `${percorso}.fill`, trova);
    this.font = new CarattereProxy(ctx, `${percorso}.font`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "fill" ? this.fill : nome === "font" ? this.font : undefined;
  }

  get wrapText(): boolean {
    return this.proprieta("wrapText");
  }

  set wrapText(valore: boolean) {
    this.ctx.accoda("imposta", this.percorso, "wrapText", valore, () => {
      if (typeof valore !== "boolean") throw nonValido("wrapText: serve un booleano.");
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { aCapo: valore || undefined }));
    });
  }

  get verticalAlignment(): string {
    return this.proprieta("verticalAlignment");
  }

  set verticalAlignment(valore: string) {
    this.ctx.accoda("imposta", this.percorso, "verticalAlignment", valore, () => {
      if (!["Top", "Center", "Bottom", "Justify", "Distributed"].includes(valore))
        throw nonValido(`Allineamento verticale non valido: ${valore}`);
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) =>
        intervallo.foglio.impostaIn(r, c, { allineamentoVerticale: valore === "Bottom" ? undefined : valore })
      );
    });
  }

  get columnWidth(): number {
    return this.proprieta("columnWidth");
  }

  /** Every column the range spans gets this width (points); no cell is touched. */
  set columnWidth(punti: number) {
    this.ctx.accoda("imposta", this.percorso, "columnWidth", punti, () => {
      if (typeof punti !== "number" || !(punti >= 0)) throw nonValido(`Larghezza non valida: ${punti}`);
      const { foglio, aree } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      for (const a of aree) for (let c = a.left; c <= a.right; c++) foglio.larghezze.set(c, punti);
    });
  }

  /** Row heights are not modelled: the rows are recorded as fitted to their contents. */
  autofitRows(): void {
    this.ctx.accoda("chiama", this.percorso, "autofitRows", null, () => {
      const { foglio, aree } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      for (const a of aree) for (let r = a.top; r <= Math.min(a.bottom, ULTIMA_RIGA); r++) foglio.righeAdattate.add(r);
    });
  }

  protected override scalari(): readonly string[] {
    return ["wrapText", "verticalAlignment", "columnWidth"];
  }

  /** Like Excel: the common value, null when the cells differ. Widths: Excel's default (48 points) when not set. */
  protected override leggiScalare(nome: string, intervallo: Intervallo): unknown {
    if (nome === "columnWidth") {
      const { foglio, aree } = intervallo;
      return comune(aree.flatMap((a) => colonneDi(a).map((c) => foglio.larghezze.get(c) ?? LARGHEZZA_PREDEFINITA)));
    }
    if (nome === "wrapText") return comune(valoriCelle(intervallo, (c) => c?.aCapo === true));
    if (nome === "verticalAlignment")
      return comune(valoriCelle(intervallo, (c) => c?.allineamentoVerticale ?? "Bottom"));
    return super.leggiScalare(nome, intervallo);
  }

  /** Column widths are not modelled: checked like a write, changes nothing. */
  autofitColumns(): void {
    this.ctx.accoda("chiama", this.percorso, "autofitColumns", null, () => {
      controllaScrittura(this.ctx, this.oggetto().foglio);
    });
  }
}

class RangeProxy extends ProxyFinto<Intervallo> implements ExcelRange {
  readonly format: FormatoProxy;
  readonly conditionalFormats: RaccoltaFormatiProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => Intervallo | null) {
    super(ctx, percorso, trova);
    this.format = new FormatoProxy(ctx, `${percorso}.format`, trova);
    this.conditionalFormats = new RaccoltaFormatiProxy(ctx, `${percorso}.conditionalFormats`, trova);
  }

  /**
   * Clears contents (values, formulas), formats (number format, fill, other formatting) or both.
   * Not modelled: Excel's "Formats" and "All" also remove conditional formats from these cells.
   */
  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    this.ctx.accoda("chiama", this.percorso, "clear", [applyTo], () => {
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => {
        if (!intervallo.foglio.cellaIn(r, c)) return;
        const contenuto = applyTo !== "Formats" ? { valore: null, formula: undefined } : {};
        const formati =
          applyTo !== "Contents"
            ? {
                formato: undefined,
                colore: null,
                formattata: false,
                aCapo: undefined,
                allineamentoVerticale: undefined,
                grassetto: undefined,
                dimensioneCarattere: undefined,
              }
            : {};
        intervallo.foglio.impostaIn(r, c, { ...contenuto, ...formati });
      });
    });
  }

  private area(): { foglio: FoglioFinto; area: Area } {
    const i = this.oggetto();
    return { foglio: i.foglio, area: i.aree[0] };
  }

  get address(): string {
    return this.proprieta("address");
  }

  get rowCount(): number {
    return this.proprieta("rowCount");
  }

  get columnCount(): number {
    return this.proprieta("columnCount");
  }

  get values(): unknown[][] {
    return this.proprieta("values");
  }

  set values(valori: unknown[][]) {
    this.imposta("values", valori, (foglio, r, c, v) => {
      if (typeof v === "string" && v.startsWith("'"))
        foglio.impostaIn(r, c, { valore: v.slice(1), formula: undefined });
      else if (typeof v === "string" && v.startsWith("=")) this.scriviFormula(foglio, r, c, v);
      else if (typeof v === "number" && foglio.cellaIn(r, c)?.formato === "@")
        // Excel: "Text format cells are treated as text even when a number is in the cell" (NumberFormatCategory.text).
        foglio.impostaIn(r, c, { valore: String(v), formula: undefined });
      else foglio.impostaIn(r, c, { valore: v === "" ? null : v, formula: undefined });
    });
  }

  get formulas(): unknown[][] {
    return this.proprieta("formulas");
  }

  set formulas(formule: unknown[][]) {
    this.imposta("formulas", formule, (foglio, r, c, v) => {
      if (typeof v === "string" && v.startsWith("=")) this.scriviFormula(foglio, r, c, v);
      else if (typeof v === "string" && v.startsWith("'"))
        foglio.impostaIn(r, c, { valore: v.slice(1), formula: undefined });
      else foglio.impostaIn(r, c, { valore: v === "" ? null : v, formula: undefined });
    });
  }

  get numberFormat(): unknown[][] {
    return this.proprieta("numberFormat");
  }

  set numberFormat(formati: unknown[][]) {
    this.imposta("numberFormat", formati, (foglio, r, c, v) => {
      if (typeof v !== "string") throw nonValido("Formato numerico non valido.");
      foglio.impostaIn(r, c, { formato: v });
    });
  }

  private scriviFormula(foglio: FoglioFinto, r: number, c: number, formula: string): void {
    const troppoLunga = erroreFormulaCella(formula);
    if (troppoLunga) throw nonValido(troppoLunga);
    const valore = this.ctx.cartella.valutaFormula?.(formula, foglio, r, c);
    foglio.impostaIn(r, c, valore === undefined ? { formula } : { formula, valore });
  }

  /** A 2-D write: the array must match the range (or be a single value for every cell). */
  private imposta(
    proprieta: string,
    dati: unknown,
    perCella: (foglio: FoglioFinto, r: number, c: number, v: ValoreFinto | "") => void
  ): void {
    const copiati = copia(dati);
    this.ctx.accoda("imposta", this.percorso, proprieta, copiati, () => {
      const { foglio, area } = this.area();
      const righe = area.bottom - area.top + 1;
      const colonne = area.right - area.left + 1;
      const matrice = Array.isArray(copiati);
      if (matrice) {
        const m = copiati as unknown[];
        if (m.length !== righe || m.some((riga) => !Array.isArray(riga) || riga.length !== colonne))
          throw nonValido(
            "The number of rows or columns in the input array doesn't match the size or dimensions of the range."
          );
      }
      scrivi(this.ctx, { foglio, aree: [area] }, (r, c, i, j) => {
        const v = matrice ? (copiati as unknown[][])[i][j] : copiati;
        if (v === null || v === undefined) return; // Office: null leaves the cell as it is
        if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
          throw nonValido(`Valore non valido per ${proprieta}.`);
        perCella(foglio, r, c, v);
      });
    });
  }

  protected override scalari(): readonly string[] {
    return ["address", "values", "numberFormat", "formulas", "rowCount", "columnCount", "rowIndex", "columnIndex"];
  }

  protected override leggiScalare(nome: string, i: Intervallo): unknown {
    const foglio = i.foglio;
    const area = i.aree[0];
    const griglia = (f: (c: CellaFinta | undefined, r: number, col: number) => unknown) => {
      const troppe = erroreLetturaCelle((area.bottom - area.top + 1) * (area.right - area.left + 1));
      if (troppe) throw new ErroreExcelFinto(CODICI_ERRORE.generico, troppe);
      return Array.from({ length: area.bottom - area.top + 1 }, (_, r) =>
        Array.from({ length: area.right - area.left + 1 }, (_, c) =>
          f(foglio.cellaIn(area.top + r, area.left + c), area.top + r, area.left + c)
        )
      );
    };
    switch (nome) {
      case "address":
        return indirizzoCompleto(foglio.nome, area);
      case "rowCount":
        return area.bottom - area.top + 1;
      case "columnCount":
        return area.right - area.left + 1;
      case "rowIndex":
        return area.top;
      case "columnIndex":
        return area.left;
      case "values":
        return griglia((c) => c?.valore ?? "");
      case "numberFormat":
        return griglia((c) => c?.formato ?? GENERALE);
      case "formulas":
        return griglia((c) => c?.formula ?? c?.valore ?? "");
      default:
        return super.leggiScalare(nome, i);
    }
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "format" ? this.format : nome === "conditionalFormats" ? this.conditionalFormats : undefined;
  }

  select(): void {
    this.ctx.accoda("chiama", this.percorso, "select", null, () => {
      const { foglio, area } = this.area();
      this.ctx.cartella.foglioAttivo = foglio.id;
      this.ctx.cartella.selezione = { foglio: foglio.id, area };
    });
  }

  /** Merges the range (across: each row); an area overlapping an existing merge is refused. */
  merge(across?: boolean): void {
    this.ctx.accoda("chiama", this.percorso, "merge", [across ?? false], () => {
      const { foglio, area } = this.area();
      controllaScrittura(this.ctx, foglio);
      const aree = across
        ? Array.from({ length: area.bottom - area.top + 1 }, (_, k) => ({
            ...area,
            top: area.top + k,
            bottom: area.top + k,
          }))
        : [area];
      for (const a of aree) {
        if (foglio.unioni.some((u) => sovrapposte(u, a)))
          throw new ErroreExcelFinto(CODICI_ERRORE.nonPermesso, `Unione sovrapposta a un'altra: ${a1DaArea(a)}.`);
        if (a.top !== a.bottom || a.left !== a.right) foglio.unisci(a1DaArea(a));
      }
    });
  }

  getMergedAreasOrNullObject(): ExcelRangeAreas {
    return new AreeProxy(this.ctx, `${this.percorso}.getMergedAreasOrNullObject()`, () => {
      const i = this.risolvi();
      if (!i) return null;
      const area = i.aree[0];
      const aree = i.foglio.unioni.filter(
        (u) => u.top >= area.top && u.top <= area.bottom && u.left >= area.left && u.left <= area.right
      );
      if (aree.length > this.ctx.cartella.maxAreeUnite)
        throw new ErroreExcelFinto(
          CODICI_ERRORE.generico,
          `Più di ${this.ctx.cartella.maxAreeUnite} aree unite.`,
          POSIZIONE_ERRORE_UNIONI
        );
      return aree.length > 0 ? { foglio: i.foglio, aree } : null;
    });
  }

  getSpecialCellsOrNullObject(cellType: "Formulas"): ExcelRangeAreas {
    return new AreeProxy(this.ctx, `${this.percorso}.getSpecialCellsOrNullObject(${JSON.stringify(cellType)})`, () => {
      const i = this.risolvi();
      if (!i) return null;
      const area = i.aree[0];
      const celle: { riga: number; colonna: number }[] = [];
      // Only the rows of the area (a read in slices asks for each slice's formulas).
      for (const { riga, colonna, cella } of i.foglio.celleNelleRighe(area.top, area.bottom))
        if (cella.formula !== undefined && colonna >= area.left && colonna <= area.right) celle.push({ riga, colonna });
      return celle.length > 0 ? { foglio: i.foglio, aree: colonneContigue(celle) } : null;
    });
  }
}

/** Cells → rectangles one column wide, rows contiguous (how the fake reports special cells). */
function colonneContigue(celle: { riga: number; colonna: number }[]): Area[] {
  const ordinate = [...celle].sort((a, b) => a.colonna - b.colonna || a.riga - b.riga);
  const aree: Area[] = [];
  for (const c of ordinate) {
    const ultima = aree[aree.length - 1];
    if (ultima && ultima.left === c.colonna && ultima.bottom === c.riga - 1) ultima.bottom = c.riga;
    else aree.push({ top: c.riga, bottom: c.riga, left: c.colonna, right: c.colonna });
  }
  return aree;
}

class RaccoltaRangeProxy extends ProxyFinto<Intervallo> implements ExcelRangeCollection {
  private elementi: RangeProxy[] | undefined;

  get items(): ExcelRange[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const i = this.risolvi();
    if (!i) return { risposta: { isNullObject: true }, consegna: () => undefined };
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = i.aree.map(
      (area, k) => new RangeProxy(this.ctx, `${this.percorso}.items[${k}]`, () => ({ foglio: i.foglio, aree: [area] }))
    );
    const esiti = elementi.map((e) => e.carica(sotto));
    return {
      risposta: { items: esiti.map((e) => e.risposta) },
      consegna: () => {
        esiti.forEach((e) => e.consegna());
        this.elementi = elementi;
      },
    };
  }
}

class AreeProxy extends ProxyFinto<Intervallo> implements ExcelRangeAreas {
  readonly format: FormatoProxy;
  readonly areas: RaccoltaRangeProxy;
  readonly conditionalFormats: RaccoltaFormatiProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => Intervallo | null) {
    super(ctx, percorso, trova);
    this.format = new FormatoProxy(ctx, `${percorso}.format`, trova);
    this.areas = new RaccoltaRangeProxy(ctx, `${percorso}.areas`, trova);
    this.conditionalFormats = new RaccoltaFormatiProxy(ctx, `${percorso}.conditionalFormats`, trova);
  }

  get address(): string {
    return this.proprieta("address");
  }

  get areaCount(): number {
    return this.proprieta("areaCount");
  }

  protected override scalari(): readonly string[] {
    return ["address", "areaCount"];
  }

  protected override leggiScalare(nome: string, i: Intervallo): unknown {
    if (nome === "address") return i.aree.map((a) => indirizzoCompleto(i.foglio.nome, a)).join(", ");
    if (nome === "areaCount") return i.aree.length;
    return super.leggiScalare(nome, i);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    if (nome === "conditionalFormats") return this.conditionalFormats;
    return nome === "format" ? this.format : nome === "areas" ? this.areas : undefined;
  }
}

// ───────────────────────────── conditional formats ─────────────────────────────

interface RifRegola {
  foglio: FoglioFinto;
  regola: RegolaFinta;
  /** Its position in the collection it was reached from: what Office.js calls its id. */
  posizione: number;
}

const interseca = (a: Area, b: Area) =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/**
 * Range.conditionalFormats / RangeAreas.conditionalFormats: the rules that intersect the range.
 *
 * Ids are positions, as the reference documents them (ConditionalFormat.id: "The priority of the
 * conditional format in the current ConditionalFormatCollection"): "0" is the rule of top priority
 * among those the range intersects, at the moment the operation runs. So an item or a getItem(id)
 * resolves to whatever rule holds that position when its operation runs: after a rule before it
 * was deleted, or a rule added (add() puts it at the top), the same id names another rule.
 */
class RaccoltaFormatiProxy extends ProxyFinto<Intervallo> implements ExcelConditionalFormatCollection {
  private elementi: FormatoCondizionaleProxy[] | undefined;

  get items(): ExcelConditionalFormat[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const i = this.risolvi();
    if (!i) return { risposta: { isNullObject: true }, consegna: () => undefined };
    if (this.ctx.cartella.formattazioniIlleggibili && i.foglio.formattazioni.length > 0)
      throw new ErroreExcelFinto(CODICI_ERRORE.generico, "Impossibile leggere i formati condizionali.");
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = regoleDi(i).map((_, k) => this.allaPosizione(String(k)));
    const esiti = elementi.map((e) => e.carica(sotto));
    return {
      risposta: { items: esiti.map((e) => e.risposta) },
      consegna: () => {
        esiti.forEach((e) => e.consegna());
        this.elementi = elementi;
      },
    };
  }

  /** The rule at this position of the collection when the operation runs; ItemNotFound past its end. */
  private allaPosizione(id: string): FormatoCondizionaleProxy {
    return new FormatoCondizionaleProxy(this.ctx, `${this.percorso}.getItem(${JSON.stringify(id)})`, () => {
      const i = this.oggetto();
      const posizione = /^\d+$/.test(id) ? Number(id) : -1;
      const regola = regoleDi(i)[posizione];
      if (!regola) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `Nessun formato condizionale con id ${id}.`);
      return { foglio: i.foglio, regola, posizione };
    });
  }

  add(type: "Custom"): ExcelConditionalFormat {
    let creata: { regola: RegolaFinta; intervallo: Intervallo } | null = null;
    this.ctx.accoda("chiama", this.percorso, "add", [type], () => {
      const i = this.oggetto();
      controllaScrittura(this.ctx, i.foglio);
      const regola: RegolaFinta = { id: nuovoIdRegola(), tipo: type, aree: i.aree.map((a) => ({ ...a })) };
      if (type === "Custom") regola.colore = null;
      i.foglio.formattazioni.unshift(regola); // the reference: "at the first/top priority"
      creata = { regola, intervallo: i };
    });
    return new FormatoCondizionaleProxy(this.ctx, `${this.percorso}.add(${JSON.stringify(type)})`, () => {
      if (!creata)
        throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, "Il formato condizionale non è ancora stato aggiunto.");
      const { regola, intervallo } = creata as { regola: RegolaFinta; intervallo: Intervallo };
      if (!intervallo.foglio.formattazioni.includes(regola)) return null;
      return { foglio: intervallo.foglio, regola, posizione: regoleDi(intervallo).indexOf(regola) };
    });
  }

  getItem(id: string): ExcelConditionalFormat {
    return this.allaPosizione(id);
  }
}

/** The rules a range's collection holds now: those intersecting it, by priority. */
function regoleDi(i: Intervallo): RegolaFinta[] {
  return i.foglio.formattazioni.filter((r) => r.aree.some((a) => i.aree.some((b) => interseca(a, b))));
}

class FormatoCondizionaleProxy extends ProxyFinto<RifRegola> implements ExcelConditionalFormat {
  readonly custom: CondizioneProxy;
  readonly customOrNullObject: CondizioneProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifRegola | null) {
    super(ctx, percorso, trova);
    this.custom = new CondizioneProxy(ctx, `${percorso}.custom`, () => {
      const r = trova();
      if (r && r.regola.tipo !== "Custom")
        throw new ErroreExcelFinto(
          CODICI_ERRORE.nonPermesso,
          "This operation is not permitted for the current object."
        );
      return r;
    });
    this.customOrNullObject = new CondizioneProxy(ctx, `${percorso}.customOrNullObject`, () => {
      const r = trova();
      return r && r.regola.tipo === "Custom" ? r : null;
    });
  }

  get id(): string {
    return this.proprieta("id");
  }

  get type(): string {
    return this.proprieta("type");
  }

  get stopIfTrue(): boolean {
    return this.proprieta("stopIfTrue");
  }

  set stopIfTrue(valore: boolean) {
    this.ctx.accoda("imposta", this.percorso, "stopIfTrue", valore, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      regola.fermaSeVera = valore;
    });
  }

  protected override scalari(): readonly string[] {
    return ["id", "type", "stopIfTrue", "priority"];
  }

  protected override leggiScalare(nome: string, r: RifRegola): unknown {
    if (nome === "id") return String(r.posizione);
    if (nome === "type") return r.regola.tipo;
    if (nome === "stopIfTrue") return r.regola.fermaSeVera ?? false;
    if (nome === "priority") return r.foglio.formattazioni.indexOf(r.regola);
    return super.leggiScalare(nome, r);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "custom" ? this.custom : nome === "customOrNullObject" ? this.customOrNullObject : undefined;
  }

  delete(): void {
    this.ctx.accoda("chiama", this.percorso, "delete", null, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      foglio.formattazioni.splice(foglio.formattazioni.indexOf(regola), 1);
    });
  }
}

/** ConditionalFormat.custom: its rule (formula) and format (fill). */
class CondizioneProxy extends ProxyFinto<RifRegola> implements ExcelCustomConditionalFormat {
  readonly rule: RegolaFormulaProxy;
  readonly format: FormatoCondProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifRegola | null) {
    super(ctx, percorso, trova);
    this.rule = new RegolaFormulaProxy(ctx, `${percorso}.rule`, trova);
    this.format = new FormatoCondProxy(ctx, `${percorso}.format`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "rule" ? this.rule : nome === "format" ? this.format : undefined;
  }
}

class RegolaFormulaProxy extends ProxyFinto<RifRegola> implements ExcelConditionalFormatRule {
  get formula(): string {
    return this.proprieta("formula");
  }

  set formula(formula: string) {
    this.ctx.accoda("imposta", this.percorso, "formula", formula, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      if (typeof formula !== "string" || !formula.startsWith("=")) throw nonValido(`Formula non valida: ${formula}`);
      const rifiutata = erroreFormulaCondizionale(formula);
      if (rifiutata) throw nonValido(rifiutata);
      regola.formula = formula;
    });
  }

  protected override scalari(): readonly string[] {
    return ["formula"];
  }

  protected override leggiScalare(nome: string, r: RifRegola): unknown {
    return nome === "formula" ? (r.regola.formula ?? "") : super.leggiScalare(nome, r);
  }
}

class FormatoCondProxy extends ProxyFinto<RifRegola> implements ExcelConditionalRangeFormat {
  readonly fill: RiempimentoCondProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifRegola | null) {
    super(ctx, percorso, trova);
    this.fill = new RiempimentoCondProxy(ctx, `${percorso}.fill`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "fill" ? this.fill : undefined;
  }
}

class RiempimentoCondProxy extends ProxyFinto<RifRegola> implements ExcelConditionalRangeFill {
  get color(): string {
    return this.proprieta("color");
  }

  set color(colore: string) {
    this.ctx.accoda("imposta", this.percorso, "color", colore, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      if (!COLORE_HEX.test(colore)) throw nonValido(`Colore non valido: ${colore}`);
      regola.colore = colore.toUpperCase();
    });
  }

  clear(): void {
    this.ctx.accoda("chiama", this.percorso, "clear", null, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      regola.colore = null;
    });
  }

  protected override scalari(): readonly string[] {
    return ["color"];
  }

  protected override leggiScalare(nome: string, r: RifRegola): unknown {
    return nome === "color" ? (r.regola.colore ?? null) : super.leggiScalare(nome, r);
  }
}

// ───────────────────────────── charts ─────────────────────────────

interface RifGrafico {
  foglio: FoglioFinto;
  grafico: GraficoFinto;
}

class RaccoltaGraficiProxy extends ProxyFinto<FoglioFinto> implements ExcelChartCollection {
  private elementi: GraficoProxy[] | undefined;

  get items(): ExcelChart[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const f = this.risolvi();
    if (!f) return { risposta: { isNullObject: true }, consegna: () => undefined };
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = f.grafici.map((g) => {
      const id = g.id;
      return new GraficoProxy(this.ctx, `${this.percorso}.getItem(${JSON.stringify(g.nome)})`, () => {
        const grafico = f.grafici.find((x) => x.id === id);
        return grafico ? { foglio: f, grafico } : null;
      });
    });
    const esiti = elementi.map((e) => e.carica(sotto));
    return {
      risposta: { items: esiti.map((e) => e.risposta) },
      consegna: () => {
        esiti.forEach((e) => e.consegna());
        this.elementi = elementi;
      },
    };
  }

  /** Adds a chart of the range's data (Excel names it "Grafico N" until `name` is set). */
  add(type: "BarClustered", sourceData: ExcelRange, seriesBy: "Auto" | "Columns" | "Rows" = "Auto"): ExcelChart {
    let creato: RifGrafico | null = null;
    this.ctx.accoda("chiama", this.percorso, "add", [type, (sourceData as RangeProxy).percorso, seriesBy], () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      if (!(sourceData instanceof RangeProxy)) throw nonValido("sourceData deve essere un Range.");
      const origine = sourceData.risolvi();
      if (!origine) throw nonValido("sourceData è un oggetto nullo.");
      const n = prossimoGrafico++;
      const grafico: GraficoFinto = {
        id: `{CH-${String(n).padStart(6, "0")}}`,
        nome: `Grafico ${f.grafici.length + 1}`,
        tipo: type,
        origine: { foglio: origine.foglio.id, area: { ...origine.aree[0] } },
        serieDa: seriesBy,
        titolo: null,
        legenda: true,
        posizione: null,
        categorieInvertite: false,
        minimo: null,
        massimo: null,
        nomiSerie: {},
        coloriPunti: {},
      };
      f.grafici.push(grafico);
      creato = { foglio: f, grafico };
    });
    return new GraficoProxy(this.ctx, `${this.percorso}.add(${JSON.stringify(type)})`, () => {
      if (!creato) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, "Il grafico non è ancora stato aggiunto.");
      const { foglio, grafico } = creato as RifGrafico;
      return foglio.grafici.includes(grafico) ? creato : null;
    });
  }

  private perNome(nome: string): RifGrafico | null {
    const f = this.oggetto();
    const grafico = f.grafici.find((g) => g.nome.toLowerCase() === nome.toLowerCase());
    return grafico ? { foglio: f, grafico } : null;
  }

  getItem(name: string): ExcelChart {
    return new GraficoProxy(this.ctx, `${this.percorso}.getItem(${JSON.stringify(name)})`, () => {
      const r = this.perNome(name);
      if (!r) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `Nessun grafico «${name}».`);
      return r;
    });
  }

  getItemOrNullObject(name: string): ExcelChart {
    return new GraficoProxy(this.ctx, `${this.percorso}.getItemOrNullObject(${JSON.stringify(name)})`, () =>
      this.risolvi() ? this.perNome(name) : null
    );
  }
}

/** A property of a chart part that Barometro sets: checked like a write, applied to the model. */
function impostaGrafico(
  proxy: ProxyFinto<RifGrafico>,
  ctx: ContestoFinto,
  nome: string,
  valore: unknown,
  applica: (g: GraficoFinto) => void
): void {
  ctx.accoda("imposta", proxy.percorso, nome, valore, () => {
    const r = proxy.risolvi();
    if (!r) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `${proxy.percorso}: oggetto nullo.`);
    controllaScrittura(ctx, r.foglio);
    applica(r.grafico);
  });
}

class GraficoProxy extends ProxyFinto<RifGrafico> implements ExcelChart {
  readonly title: TitoloGraficoProxy;
  readonly legend: LegendaProxy;
  readonly axes: AssiProxy;
  readonly series: RaccoltaSerieProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifGrafico | null) {
    super(ctx, percorso, trova);
    this.title = new TitoloGraficoProxy(ctx, `${percorso}.title`, trova);
    this.legend = new LegendaProxy(ctx, `${percorso}.legend`, trova);
    this.axes = new AssiProxy(ctx, `${percorso}.axes`, trova);
    this.series = new RaccoltaSerieProxy(ctx, `${percorso}.series`, trova);
  }

  get name(): string {
    return this.proprieta("name");
  }

  set name(nome: string) {
    impostaGrafico(this, this.ctx, "name", nome, (g) => (g.nome = nome));
  }

  get id(): string {
    return this.proprieta("id");
  }

  protected override scalari(): readonly string[] {
    return ["name", "id", "chartType"];
  }

  protected override leggiScalare(nome: string, r: RifGrafico): unknown {
    if (nome === "name") return r.grafico.nome;
    if (nome === "id") return r.grafico.id;
    if (nome === "chartType") return r.grafico.tipo;
    return super.leggiScalare(nome, r);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    if (nome === "title") return this.title;
    if (nome === "legend") return this.legend;
    return undefined;
  }

  delete(): void {
    this.ctx.accoda("chiama", this.percorso, "delete", null, () => {
      const { foglio, grafico } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      foglio.grafici.splice(foglio.grafici.indexOf(grafico), 1);
    });
  }

  setPosition(startCell: string, endCell?: string): void {
    impostaGrafico(this, this.ctx, "setPosition", [startCell, endCell ?? null], (g) => {
      areaSenzaFoglio(startCell);
      if (endCell !== undefined) areaSenzaFoglio(endCell);
      g.posizione = { da: startCell, a: endCell ?? null };
    });
  }
}

class TitoloGraficoProxy extends ProxyFinto<RifGrafico> implements ExcelChartTitle {
  get text(): string {
    return this.proprieta("text");
  }

  set text(testo: string) {
    impostaGrafico(this, this.ctx, "text", testo, (g) => (g.titolo = testo));
  }

  protected override scalari(): readonly string[] {
    return ["text"];
  }

  protected override leggiScalare(nome: string, r: RifGrafico): unknown {
    return nome === "text" ? (r.grafico.titolo ?? "") : super.leggiScalare(nome, r);
  }
}

class LegendaProxy extends ProxyFinto<RifGrafico> implements ExcelChartLegend {
  get visible(): boolean {
    return this.proprieta("visible");
  }

  set visible(visibile: boolean) {
    impostaGrafico(this, this.ctx, "visible", visibile, (g) => (g.legenda = visibile));
  }

  protected override scalari(): readonly string[] {
    return ["visible"];
  }

  protected override leggiScalare(nome: string, r: RifGrafico): unknown {
    return nome === "visible" ? r.grafico.legenda : super.leggiScalare(nome, r);
  }
}

class AssiProxy extends ProxyFinto<RifGrafico> implements ExcelChartAxes {
  readonly categoryAxis: AsseProxy;
  readonly valueAxis: AsseProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifGrafico | null) {
    super(ctx, percorso, trova);
    this.categoryAxis = new AsseProxy(ctx, `${percorso}.categoryAxis`, trova, "categorie");
    this.valueAxis = new AsseProxy(ctx, `${percorso}.valueAxis`, trova, "valori");
  }
}

class AsseProxy extends ProxyFinto<RifGrafico> implements ExcelChartAxis {
  constructor(
    ctx: ContestoFinto,
    percorso: string,
    trova: () => RifGrafico | null,
    private readonly quale: "categorie" | "valori"
  ) {
    super(ctx, percorso, trova);
  }

  get reversePlotOrder(): boolean {
    return this.proprieta("reversePlotOrder");
  }

  set reversePlotOrder(valore: boolean) {
    impostaGrafico(this, this.ctx, "reversePlotOrder", valore, (g) => {
      if (this.quale === "categorie") g.categorieInvertite = valore;
    });
  }

  get minimum(): unknown {
    return this.proprieta("minimum");
  }

  set minimum(valore: unknown) {
    impostaGrafico(this, this.ctx, "minimum", valore, (g) => {
      if (typeof valore !== "number") throw nonValido("minimum: serve un numero.");
      if (this.quale === "valori") g.minimo = valore;
    });
  }

  get maximum(): unknown {
    return this.proprieta("maximum");
  }

  set maximum(valore: unknown) {
    impostaGrafico(this, this.ctx, "maximum", valore, (g) => {
      if (typeof valore !== "number") throw nonValido("maximum: serve un numero.");
      if (this.quale === "valori") g.massimo = valore;
    });
  }

  protected override scalari(): readonly string[] {
    return ["reversePlotOrder", "minimum", "maximum"];
  }

  protected override leggiScalare(nome: string, r: RifGrafico): unknown {
    if (nome === "reversePlotOrder") return this.quale === "categorie" ? r.grafico.categorieInvertite : false;
    if (nome === "minimum") return this.quale === "valori" ? r.grafico.minimo : null;
    if (nome === "maximum") return this.quale === "valori" ? r.grafico.massimo : null;
    return super.leggiScalare(nome, r);
  }
}

interface RifSerie extends RifGrafico {
  serie: number;
}

class RaccoltaSerieProxy extends ProxyFinto<RifGrafico> implements ExcelChartSeriesCollection {
  getItemAt(index: number): ExcelChartSeries {
    return new SerieProxy(this.ctx, `${this.percorso}.getItemAt(${index})`, () => {
      const r = this.risolvi();
      if (!r) return null;
      const n = datiGrafico(this.ctx.cartella, r.grafico).serie.length;
      if (!Number.isInteger(index) || index < 0 || index >= n) throw nonValido(`Serie ${index} inesistente.`);
      return { ...r, serie: index };
    });
  }
}

class SerieProxy extends ProxyFinto<RifSerie> implements ExcelChartSeries {
  readonly points: RaccoltaPuntiProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifSerie | null) {
    super(ctx, percorso, trova);
    this.points = new RaccoltaPuntiProxy(ctx, `${percorso}.points`, trova);
  }

  get name(): string {
    return this.proprieta("name");
  }

  set name(nome: string) {
    this.ctx.accoda("imposta", this.percorso, "name", nome, () => {
      const r = this.oggetto();
      controllaScrittura(this.ctx, r.foglio);
      r.grafico.nomiSerie[r.serie] = nome;
    });
  }

  get hasDataLabels(): boolean {
    return this.proprieta("hasDataLabels");
  }

  set hasDataLabels(mostra: boolean) {
    this.ctx.accoda("imposta", this.percorso, "hasDataLabels", mostra, () => {
      const r = this.oggetto();
      controllaScrittura(this.ctx, r.foglio);
      r.grafico.etichetteDati = { ...r.grafico.etichetteDati, [r.serie]: mostra };
    });
  }

  protected override scalari(): readonly string[] {
    return ["name", "hasDataLabels"];
  }

  protected override leggiScalare(nome: string, r: RifSerie): unknown {
    const serie = () => datiGrafico(this.ctx.cartella, r.grafico).serie[r.serie];
    if (nome === "name") return serie().nome;
    if (nome === "hasDataLabels") return serie().etichette;
    return super.leggiScalare(nome, r);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "points" ? this.points : undefined;
  }
}

interface RifPunto extends RifSerie {
  punto: number;
}

class RaccoltaPuntiProxy extends ProxyFinto<RifSerie> implements ExcelChartPointsCollection {
  get count(): number {
    return this.proprieta("count");
  }

  protected override scalari(): readonly string[] {
    return ["count"];
  }

  protected override leggiScalare(nome: string, r: RifSerie): unknown {
    return nome === "count" ? datiGrafico(this.ctx.cartella, r.grafico).categorie.length : super.leggiScalare(nome, r);
  }

  getItemAt(index: number): ExcelChartPoint {
    return new PuntoProxy(this.ctx, `${this.percorso}.getItemAt(${index})`, () => {
      const r = this.risolvi();
      if (!r) return null;
      const n = datiGrafico(this.ctx.cartella, r.grafico).categorie.length;
      if (!Number.isInteger(index) || index < 0 || index >= n) throw nonValido(`Punto ${index} inesistente.`);
      return { ...r, punto: index };
    });
  }
}

class PuntoProxy extends ProxyFinto<RifPunto> implements ExcelChartPoint {
  readonly format: FormatoPuntoProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifPunto | null) {
    super(ctx, percorso, trova);
    this.format = new FormatoPuntoProxy(ctx, `${percorso}.format`, trova);
  }
}

class FormatoPuntoProxy extends ProxyFinto<RifPunto> implements ExcelChartPointFormat {
  readonly fill: RiempimentoPuntoProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifPunto | null) {
    super(ctx, percorso, trova);
    this.fill = new RiempimentoPuntoProxy(ctx, `${percorso}.fill`, trova);
  }
}

class RiempimentoPuntoProxy extends ProxyFinto<RifPunto> implements ExcelChartFill {
  setSolidColor(color: string): void {
    this.ctx.accoda("chiama", this.percorso, "setSolidColor", [color], () => {
      const r = this.oggetto();
      controllaScrittura(this.ctx, r.foglio);
      if (!COLORE_HEX.test(color)) throw nonValido(`Colore non valido: ${color}`);
      (r.grafico.coloriPunti[r.serie] ??= {})[r.punto] = color.toUpperCase();
    });
  }

  clear(): void {
    this.ctx.accoda("chiama", this.percorso, "clear", null, () => {
      const r = this.oggetto();
      controllaScrittura(this.ctx, r.foglio);
      delete r.grafico.coloriPunti[r.serie]?.[r.punto];
    });
  }
}

// ───────────────────────────── cell formats, page layout ─────────────────────────────

/** Excel's default column width (8.43 characters of Calibri 11), in points. */
const LARGHEZZA_PREDEFINITA = 48;

/** The common value, null when they differ (as Excel reports a format over mixed cells). */
function comune<V>(valori: V[]): V | null {
  return valori.length > 0 && valori.every((v) => v === valori[0]) ? valori[0] : null;
}

function colonneDi(a: Area): number[] {
  return Array.from({ length: a.right - a.left + 1 }, (_, i) => a.left + i);
}

/**
 * A property of the cells of the range: the cells inside the used area one by one, plus one
 * blank cell's when the range reaches beyond it (whole columns or rows stay cheap).
 */
function valoriCelle<V>(intervallo: Intervallo, f: (c: CellaFinta | undefined) => V): V[] {
  const usata = intervallo.foglio.areaUsata(false);
  const valori: V[] = [];
  for (const a of intervallo.aree) {
    const dentro = usata && {
      top: Math.max(a.top, usata.top),
      left: Math.max(a.left, usata.left),
      bottom: Math.min(a.bottom, usata.bottom),
      right: Math.min(a.right, usata.right),
    };
    let celle = 0;
    if (dentro && dentro.top <= dentro.bottom && dentro.left <= dentro.right)
      for (let r = dentro.top; r <= dentro.bottom; r++)
        for (let c = dentro.left; c <= dentro.right; c++, celle++) valori.push(f(intervallo.foglio.cellaIn(r, c)));
    if (celle < (a.bottom - a.top + 1) * (a.right - a.left + 1)) valori.push(f(undefined));
  }
  return valori;
}

class CarattereProxy extends ProxyFinto<Intervallo> implements ExcelRangeFont {
  get bold(): boolean {
    return this.proprieta("bold");
  }

  set bold(valore: boolean) {
    this.ctx.accoda("imposta", this.percorso, "bold", valore, () => {
      if (typeof valore !== "boolean") throw nonValido("bold: serve un booleano.");
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { grassetto: valore || undefined }));
    });
  }

  get size(): number {
    return this.proprieta("size");
  }

  set size(punti: number) {
    this.ctx.accoda("imposta", this.percorso, "size", punti, () => {
      if (typeof punti !== "number" || punti < 1 || punti > 409) throw nonValido(`Dimensione non valida: ${punti}`);
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) =>
        intervallo.foglio.impostaIn(r, c, { dimensioneCarattere: punti === 11 ? undefined : punti })
      );
    });
  }

  protected override scalari(): readonly string[] {
    return ["bold", "size"];
  }

  protected override leggiScalare(nome: string, intervallo: Intervallo): unknown {
    if (nome === "bold") return comune(valoriCelle(intervallo, (c) => c?.grassetto === true));
    if (nome === "size") return comune(valoriCelle(intervallo, (c) => c?.dimensioneCarattere ?? 11));
    return super.leggiScalare(nome, intervallo);
  }
}

/** A page-layout property set on a sheet: checked like a write (protected sheet, read-only workbook). */
function impostaPagina(
  proxy: ProxyFinto<FoglioFinto>,
  ctx: ContestoFinto,
  nome: string,
  valore: unknown,
  applica: (f: FoglioFinto) => void
): void {
  ctx.accoda("imposta", proxy.percorso, nome, valore, () => {
    const f = proxy.risolvi();
    if (!f) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `${proxy.percorso}: oggetto nullo.`);
    // Assumption (Office's documentation is silent): a protected sheet refuses page-layout changes too.
    controllaScrittura(ctx, f);
    applica(f);
  });
}

const MARGINI: Record<string, keyof PaginaFinta["margini"]> = {
  leftMargin: "left",
  rightMargin: "right",
  topMargin: "top",
  bottomMargin: "bottom",
  headerMargin: "header",
  footerMargin: "footer",
};

const PUNTI_PER: Record<string, number> = { Points: 1, Inches: 72, Centimeters: 72 / 2.54 };

/** "$11:$11", "11:12" → whole rows "$11:$12"; anything else is refused. */
function righeTitoliDa(indirizzo: string): string {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(indirizzo.replace(/^.*!/, "").trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1]))
    throw nonValido(`Righe da ripetere non valide: ${indirizzo}`);
  return `$${m[1]}:$${m[2]}`;
}

class ImpaginazioneProxy extends ProxyFinto<FoglioFinto> implements ExcelPageLayout {
  readonly headersFooters: IntestazioniProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => FoglioFinto | null) {
    super(ctx, percorso, trova);
    this.headersFooters = new IntestazioniProxy(ctx, `${percorso}.headersFooters`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "headersFooters" ? this.headersFooters : undefined;
  }

  get orientation(): string {
    return this.proprieta("orientation");
  }

  set orientation(valore: string) {
    impostaPagina(this, this.ctx, "orientation", valore, (f) => {
      if (!ORIENTAMENTI_DOCUMENTATI.has(valore)) throw nonValido(`Orientamento non valido: ${valore}`);
      f.pagina.orientamento = valore;
    });
  }

  get paperSize(): string {
    return this.proprieta("paperSize");
  }

  set paperSize(valore: string) {
    impostaPagina(this, this.ctx, "paperSize", valore, (f) => {
      if (!CARTA_DOCUMENTATA.has(valore)) throw nonValido(`Formato della carta non valido: ${valore}`);
      f.pagina.carta = valore;
    });
  }

  get zoom(): ExcelPageLayoutZoomOptions {
    return this.proprieta("zoom");
  }

  /** A percentage (10–400), or fit to pages wide / tall: documented values only (zoomDocumentato). */
  set zoom(valore: ExcelPageLayoutZoomOptions) {
    const copiato = copia(valore);
    impostaPagina(this, this.ctx, "zoom", copiato, (f) => {
      const esito = zoomDocumentato(copiato);
      if ("errore" in esito) throw nonValido(esito.errore);
      f.pagina.zoom = esito.zoom;
    });
  }

  get centerHorizontally(): boolean {
    return this.proprieta("centerHorizontally");
  }

  set centerHorizontally(valore: boolean) {
    impostaPagina(this, this.ctx, "centerHorizontally", valore, (f) => (f.pagina.centraOrizzontale = valore === true));
  }

  get firstPageNumber(): number | "" | null {
    return this.proprieta("firstPageNumber");
  }

  set firstPageNumber(valore: number | "" | null) {
    impostaPagina(this, this.ctx, "firstPageNumber", valore, (f) => {
      const errore = primaPaginaDocumentata(valore);
      if (errore) throw nonValido(errore);
      f.pagina.primaPagina = valore as number | null;
    });
  }

  get leftMargin(): number {
    return this.proprieta("leftMargin");
  }
  set leftMargin(punti: number) {
    this.margine("leftMargin", punti);
  }
  get rightMargin(): number {
    return this.proprieta("rightMargin");
  }
  set rightMargin(punti: number) {
    this.margine("rightMargin", punti);
  }
  get topMargin(): number {
    return this.proprieta("topMargin");
  }
  set topMargin(punti: number) {
    this.margine("topMargin", punti);
  }
  get bottomMargin(): number {
    return this.proprieta("bottomMargin");
  }
  set bottomMargin(punti: number) {
    this.margine("bottomMargin", punti);
  }
  get headerMargin(): number {
    return this.proprieta("headerMargin");
  }
  set headerMargin(punti: number) {
    this.margine("headerMargin", punti);
  }
  get footerMargin(): number {
    return this.proprieta("footerMargin");
  }
  set footerMargin(punti: number) {
    this.margine("footerMargin", punti);
  }

  private margine(nome: string, punti: number): void {
    impostaPagina(this, this.ctx, nome, punti, (f) => {
      if (typeof punti !== "number" || punti < 0) throw nonValido(`Margine non valido: ${punti}`);
      f.pagina.margini[MARGINI[nome]] = punti;
    });
  }

  setPrintMargins(unit: "Points" | "Inches" | "Centimeters", marginOptions: ExcelPageLayoutMarginOptions): void {
    const opzioni = copia(marginOptions);
    this.ctx.accoda("chiama", this.percorso, "setPrintMargins", [unit, opzioni], () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      const fattore = PUNTI_PER[unit];
      if (fattore === undefined) throw nonValido(`Unità non valida: ${unit}`);
      for (const [k, v] of Object.entries(opzioni ?? {})) {
        if (!(k in f.pagina.margini) || typeof v !== "number" || v < 0) throw nonValido(`Margine non valido: ${k}`);
        // Points to a ten-thousandth (0.4 inches is 28.8 points, not 28.800000000000004).
        f.pagina.margini[k as keyof PaginaFinta["margini"]] = Math.round(v * fattore * 10_000) / 10_000;
      }
    });
  }

  setPrintTitleRows(printTitleRows: ExcelRange | string): void {
    const testo = typeof printTitleRows === "string" ? printTitleRows : `(${(printTitleRows as RangeProxy).percorso})`;
    this.ctx.accoda("chiama", this.percorso, "setPrintTitleRows", [testo], () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      if (typeof printTitleRows === "string") f.pagina.righeTitoli = righeTitoliDa(printTitleRows);
      else {
        const i = (printTitleRows as RangeProxy).risolvi();
        if (!i) throw nonValido("Le righe da ripetere sono un oggetto nullo.");
        // The reference: "The range must span the entire row to be valid."
        if (i.aree.length !== 1 || i.aree[0].left !== 0 || i.aree[0].right !== ULTIMA_COLONNA)
          throw nonValido("Le righe da ripetere devono essere righe intere.");
        f.pagina.righeTitoli = `$${i.aree[0].top + 1}:$${i.aree[0].bottom + 1}`;
      }
    });
  }

  getPrintTitleRowsOrNullObject(): ExcelRange {
    return new RangeProxy(this.ctx, `${this.percorso}.getPrintTitleRowsOrNullObject()`, () => {
      const f = this.risolvi();
      if (!f || !f.pagina.righeTitoli) return null;
      const [da, a] = f.pagina.righeTitoli.replace(/\$/g, "").split(":").map(Number);
      return { foglio: f, aree: [{ top: da - 1, left: 0, bottom: a - 1, right: ULTIMA_COLONNA }] };
    });
  }

  protected override scalari(): readonly string[] {
    return ["orientation", "paperSize", "zoom", "centerHorizontally", "firstPageNumber", ...Object.keys(MARGINI)];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    const p = f.pagina;
    if (nome in MARGINI) return p.margini[MARGINI[nome]];
    switch (nome) {
      case "orientation":
        return p.orientamento;
      case "paperSize":
        return p.carta;
      case "zoom":
        return copia(p.zoom);
      case "centerHorizontally":
        return p.centraOrizzontale;
      case "firstPageNumber":
        return p.primaPagina;
      default:
        return super.leggiScalare(nome, f);
    }
  }
}

class IntestazioniProxy extends ProxyFinto<FoglioFinto> implements ExcelHeaderFooterGroup {
  readonly defaultForAllPages: PiePaginaProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => FoglioFinto | null) {
    super(ctx, percorso, trova);
    this.defaultForAllPages = new PiePaginaProxy(ctx, `${percorso}.defaultForAllPages`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "defaultForAllPages" ? this.defaultForAllPages : undefined;
  }

  get state(): string {
    return this.proprieta("state");
  }

  set state(valore: string) {
    impostaPagina(this, this.ctx, "state", valore, (f) => {
      if (!["Default", "FirstAndDefault", "OddAndEven", "FirstOddAndEven"].includes(valore))
        throw nonValido(`Stato di intestazioni e piè di pagina non valido: ${valore}`);
      f.pagina.statoIntestazioni = valore;
    });
  }

  protected override scalari(): readonly string[] {
    return ["state"];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    return nome === "state" ? f.pagina.statoIntestazioni : super.leggiScalare(nome, f);
  }
}

/** Only the centre footer of defaultForAllPages is modelled. */
class PiePaginaProxy extends ProxyFinto<FoglioFinto> implements ExcelHeaderFooter {
  get centerFooter(): string {
    return this.proprieta("centerFooter");
  }

  set centerFooter(testo: string) {
    impostaPagina(this, this.ctx, "centerFooter", testo, (f) => {
      // Excel's limit for a header or footer section.
      if (typeof testo !== "string" || testo.length > 255) throw nonValido("Piè di pagina non valido.");
      f.pagina.piePagina = testo;
    });
  }

  protected override scalari(): readonly string[] {
    return ["centerFooter"];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    return nome === "centerFooter" ? f.pagina.piePagina : super.leggiScalare(nome, f);
  }
}

interface RifInterruzione {
  foglio: FoglioFinto;
  riga: number;
}

/** worksheet.horizontalPageBreaks: the manual breaks, each above the row it starts a page with. */
class RaccoltaInterruzioniProxy extends ProxyFinto<FoglioFinto> implements ExcelPageBreakCollection {
  private elementi: InterruzioneProxy[] | undefined;

  get items(): ExcelPageBreak[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const f = this.risolvi();
    if (!f) return { risposta: { isNullObject: true }, consegna: () => undefined };
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = f.interruzioni.map(
      (riga) =>
        new InterruzioneProxy(this.ctx, `${this.percorso}.items[row ${riga}]`, () =>
          f.interruzioni.includes(riga) ? { foglio: f, riga } : null
        )
    );
    const esiti = elementi.map((e) => e.carica(sotto));
    return {
      risposta: { items: esiti.map((e) => e.risposta) },
      consegna: () => {
        esiti.forEach((e) => e.consegna());
        this.elementi = elementi;
      },
    };
  }

  /** A break above the range's top-left cell (not above row 1; adding one twice keeps one). */
  add(pageBreakRange: ExcelRange | string): ExcelPageBreak {
    const testo = typeof pageBreakRange === "string" ? pageBreakRange : (pageBreakRange as RangeProxy).percorso;
    let riga: number | null = null;
    this.ctx.accoda("chiama", this.percorso, "add", [testo], () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      const area =
        typeof pageBreakRange === "string"
          ? areaSenzaFoglio(pageBreakRange)
          : (pageBreakRange as RangeProxy).risolvi()?.aree[0];
      if (!area) throw nonValido("Intervallo nullo.");
      if (area.top === 0) throw nonValido("Non si può interrompere la pagina sopra la riga 1.");
      if (!f.interruzioni.includes(area.top)) {
        f.interruzioni.push(area.top);
        f.interruzioni.sort((a, b) => a - b);
      }
      riga = area.top;
    });
    return new InterruzioneProxy(this.ctx, `${this.percorso}.add(${JSON.stringify(testo)})`, () => {
      const f = this.risolvi();
      if (riga === null)
        throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, "L'interruzione non è ancora stata aggiunta.");
      return f && f.interruzioni.includes(riga) ? { foglio: f, riga } : null;
    });
  }

  removePageBreaks(): void {
    this.ctx.accoda("chiama", this.percorso, "removePageBreaks", null, () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      f.interruzioni = [];
    });
  }
}

class InterruzioneProxy extends ProxyFinto<RifInterruzione> implements ExcelPageBreak {
  get rowIndex(): number {
    return this.proprieta("rowIndex");
  }

  get columnIndex(): number {
    return this.proprieta("columnIndex");
  }

  protected override scalari(): readonly string[] {
    return ["rowIndex", "columnIndex"];
  }

  protected override leggiScalare(nome: string, r: RifInterruzione): unknown {
    if (nome === "rowIndex") return r.riga;
    if (nome === "columnIndex") return 0;
    return super.leggiScalare(nome, r);
  }
}
