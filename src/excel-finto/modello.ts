/**
 * The fake workbook's data: a cell, a page layout, a conditional-format rule, a chart (and the
 * data a chart shows), as plain values. The sheet is foglio.ts, the workbook cartella.ts.
 */
import { Area } from "../layout/griglia";
import { CartellaFinta } from "./cartella";
import { FoglioFinto } from "./foglio";
import { ZoomFinto } from "./vincoli-impaginazione";

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
  /** A percentage, or pages wide and/or tall (documented values only: vincoli-impaginazione.ts). */
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
  /** Loaded from a file: the rule as read (exceljs.ts writes it back unchanged). */
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

export const GENERALE = "General";

export function nuovoIdRegola(): string {
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
export function canonica(c: CellaFinta): CellaFinta {
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

export function vuota(c: CellaFinta): boolean {
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
