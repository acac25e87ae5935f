/**
 * ExcelJS workbook ⇄ fake Excel (src/excel-finto/). Browser-safe: only ExcelJS's types are imported;
 * the caller passes the Workbook it opened (xlsx.load in the browser, readFile under Node).
 *
 * - cartellaDaExcelJS: values as Office.js shows them (formula results, rich text, hyperlink text,
 *   errors as "#N/A", dates as serial numbers), number formats, formulas, merges, solid fill
 *   colours (ARGB, theme colours with tint, the legacy indexed palette), other formatting as
 *   "formattata" (it makes a cell part of the used range), sheet protection, conditional formats
 *   (formula rules with their fill; other kinds by type only).
 * - scriviFormattazioni: the fake's conditional formats back into an ExcelJS worksheet.
 * - vistaFoglio: the fake's cells back as a page renders them: text shown, the fill a person sees
 *   (a true conditional format's over the cell's own), merges; vistaGrafici: the sheet's charts.
 */
import type {
  Cell,
  CellValue,
  Color,
  ConditionalFormattingOptions,
  ConditionalFormattingRule,
  Fill,
  Workbook,
  Worksheet,
} from "exceljs";
import type { Area } from "../layout/griglia";
import { a1DaArea, areaDaA1 } from "../excel/addresses";
import {
  CartellaFinta,
  CellaFinta,
  DatiGrafico,
  datiGrafico,
  FoglioFinto,
  GraficoFinto,
  OpzioniCartella,
  RegolaFinta,
  ValoreFinto,
} from "./index";

/** Every sheet of the ExcelJS workbook, in order, in a new fake workbook. */
export function cartellaDaExcelJS(wb: Workbook, opzioni: OpzioniCartella = {}): CartellaFinta {
  const cartella = new CartellaFinta(opzioni);
  for (const ws of wb.worksheets) caricaFoglio(ws, cartella.aggiungiFoglio(ws.name));
  return cartella;
}

/** Copies one ExcelJS worksheet into a fake sheet. */
export function caricaFoglio(ws: Worksheet, foglio: FoglioFinto): void {
  const merges: string[] = (ws.model as { merges?: string[] }).merges ?? [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const slave = cell.isMerged && cell.master.address !== cell.address;
      const modifiche: Partial<CellaFinta> = {
        // A formula's cached result from the cell: ExcelJS's `value` leaves out a result of 0 or FALSE.
        valore: slave ? null : valoreDaExcelJS(cell.formula ? ((cell.result ?? null) as CellValue) : cell.value),
        formula: slave ? undefined : formulaDi(cell),
        formato: cell.numFmt || undefined,
        colore: coloreDaRiempimento(cell.fill),
        formattata: formattata(cell),
      };
      foglio.impostaIn(r - 1, c - 1, modifiche);
    });
  });
  for (const m of merges) {
    const area = areaDaA1(m);
    if (!foglio.unioni.some((u) => u.top === area.top && u.left === area.left)) foglio.unisci(a1DaArea(area));
  }
  const protezione = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  foglio.protetto = protezione?.sheet === true;
  caricaFormattazioni(ws, foglio);
}

type ConFormattazioni = Worksheet & { conditionalFormattings?: ConditionalFormattingOptions[] };

/** Office.js's ConditionalFormatType for an ExcelJS rule type. */
const TIPI: Record<string, string> = {
  expression: "Custom",
  cellIs: "CellValue",
  colorScale: "ColorScale",
  dataBar: "DataBar",
  iconSet: "IconSet",
  top10: "TopBottom",
  containsText: "ContainsText",
  aboveAverage: "PresetCriteria",
  timePeriod: "PresetCriteria",
};

/**
 * The worksheet's conditional formats (ExcelJS worksheet.conditionalFormattings), by priority:
 * formula rules ("expression") with their formula ("=" added) and solid fill; the others by type,
 * keeping ExcelJS's rule to write it back unchanged.
 */
export function caricaFormattazioni(ws: Worksheet, foglio: FoglioFinto): void {
  const voci = ((ws as ConFormattazioni).conditionalFormattings ?? []).flatMap((cf) =>
    cf.rules.map((regola) => ({ ref: cf.ref, regola }))
  );
  voci.sort((a, b) => (a.regola.priority ?? Infinity) - (b.regola.priority ?? Infinity));
  for (const { ref, regola } of voci) {
    let aree: Area[];
    try {
      aree = ref
        .split(/[\s,]+/)
        .filter((x) => x !== "")
        .map((x) => areaDaA1(x.replace(/^.*!/, "")));
    } catch {
      continue;
    }
    if (aree.length === 0) continue;
    const formula = (regola as { formulae?: unknown[] }).formulae?.[0];
    const nuova: Omit<RegolaFinta, "id"> = { tipo: TIPI[regola.type] ?? regola.type, aree, originale: regola };
    if (regola.type === "expression" && typeof formula === "string") {
      nuova.formula = formula.startsWith("=") ? formula : `=${formula}`;
      nuova.colore = coloreCondizionale(regola.style?.fill);
    }
    foglio.aggiungiRegola(nuova);
  }
}

/** A conditional format's fill: Excel keeps a differential fill's colour in bgColor (fgColor as a fallback). */
export function coloreCondizionale(fill: Fill | undefined): string | null {
  if (!fill || fill.type !== "pattern" || (fill.pattern !== "solid" && fill.pattern !== undefined)) return null;
  return coloreDa(fill.bgColor) ?? coloreDa(fill.fgColor);
}

/**
 * The fake sheet's conditional formats into an ExcelJS worksheet (replacing its list), by priority:
 * formula rules with their fill; rules loaded from a file of other kinds as they were read.
 */
export function scriviFormattazioni(foglio: FoglioFinto, ws: Worksheet): void {
  const voci: ConditionalFormattingOptions[] = [];
  foglio.formattazioni.forEach((r, i) => {
    const ref = r.aree.map(a1DaArea).join(" ");
    if (r.tipo === "Custom" && r.formula) {
      const argb = r.colore ? `FF${r.colore.slice(1)}` : undefined;
      voci.push({
        ref,
        rules: [
          {
            type: "expression",
            priority: i + 1,
            formulae: [r.formula.replace(/^=/, "")],
            ...(argb
              ? { style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb }, fgColor: { argb } } } }
              : {}),
          },
        ],
      });
    } else if (r.originale) {
      voci.push({ ref, rules: [{ ...(r.originale as ConditionalFormattingRule), priority: i + 1 }] });
    }
  });
  (ws as ConFormattazioni).conditionalFormattings = voci;
}

function formulaDi(cell: Cell): string | undefined {
  const f = cell.formula;
  return typeof f === "string" && f !== "" ? `=${f}` : undefined;
}

/** Days since 1899-12-30, as Excel stores dates (the 1900 date system). */
export function serialeExcel(data: Date): number {
  return (data.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** ExcelJS's value shapes → what Office.js `values` gives for the cell. */
export function valoreDaExcelJS(value: CellValue): ValoreFinto | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return serialeExcel(value);
  if (typeof value !== "object") return null;
  if ("error" in value) return String(value.error);
  if ("richText" in value) return value.richText.map((p) => p.text).join("");
  if ("result" in value) return valoreDaExcelJS((value.result ?? null) as CellValue);
  if ("formula" in value || "sharedFormula" in value) return null;
  if ("text" in value) return typeof value.text === "string" ? value.text : valoreDaExcelJS(value.text as CellValue);
  return null;
}

function formattata(cell: Cell): boolean {
  const s = cell.style ?? {};
  const presente = (v: unknown) =>
    v !== undefined && v !== null && (typeof v !== "object" || Object.keys(v).length > 0);
  return presente(s.border) || presente(s.font) || presente(s.alignment) || presente(s.protection);
}

/** Office's default theme (Office 2013–2022): lt1, dk1, lt2, dk2, accent1…6, hyperlink, followed. */
const TEMA = [
  "FFFFFF",
  "000000",
  "E7E6E6",
  "44546A",
  "4472C4",
  "ED7D31",
  "A5A5A5",
  "FFC000",
  "5B9BD5",
  "70AD47",
  "0563C1",
  "954F72",
];

/** The first 64 entries of Excel's legacy indexed palette. */
const INDICIZZATI = [
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
  "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
  "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080",
  "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF",
  "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF",
  "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
  "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696",
  "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
]; // prettier-ignore

/** A solid fill's colour as "#RRGGBB"; null for no fill, patterns other than solid, gradients. */
export function coloreDaRiempimento(fill: Fill | undefined): string | null {
  if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  return coloreDa(fill.fgColor) ?? coloreDa(fill.bgColor);
}

function coloreDa(colore: Partial<Color> | undefined): string | null {
  if (!colore) return null;
  const c = colore as Partial<Color> & { indexed?: number; tint?: number };
  let hex: string | undefined;
  if (typeof c.argb === "string" && /^[0-9A-F]{8}$/i.test(c.argb)) hex = c.argb.slice(2);
  else if (typeof c.argb === "string" && /^[0-9A-F]{6}$/i.test(c.argb)) hex = c.argb;
  else if (typeof c.theme === "number") hex = TEMA[c.theme];
  else if (typeof c.indexed === "number") hex = INDICIZZATI[c.indexed];
  if (!hex) return null;
  return `#${(typeof c.tint === "number" && c.tint !== 0 ? conTinta(hex, c.tint) : hex).toUpperCase()}`;
}

/** Excel's tint: towards white (tint > 0) or black (tint < 0), on each RGB channel. */
function conTinta(hex: string, tinta: number): string {
  return [0, 2, 4]
    .map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16);
      const t = tinta < 0 ? v * (1 + tinta) : v + (255 - v) * tinta;
      return Math.round(Math.max(0, Math.min(255, t)))
        .toString(16)
        .padStart(2, "0");
    })
    .join("");
}

// ───────────────────────────── fake → page ─────────────────────────────

export interface CellaDaMostrare {
  /** "B7". */
  indirizzo: string;
  /** The text a person sees, formatted with the cell's number format. */
  testo: string;
  /** The fill a person sees "#RRGGBB" or null: a true conditional format's, else the cell's own. */
  colore: string | null;
  /** The cell's own fill (what Barometro writes as static colour). */
  riempimento: string | null;
  /** True when `colore` comes from a conditional format. */
  condizionale: boolean;
  formula?: string;
  /** Numbers are right-aligned, as Excel does by default. */
  numero: boolean;
  /** On the top-left cell of a merged area: how many rows and columns it spans. */
  unione?: { righe: number; colonne: number };
  /** A cell hidden under a merged area (render nothing). */
  coperta: boolean;
}

export interface VistaFoglio {
  nome: string;
  protetto: boolean;
  /** 0-based sheet coordinates of righe[0][0]. */
  origine: { riga: number; colonna: number };
  righe: CellaDaMostrare[][];
}

/** The used range of a fake sheet, cell by cell, as a page renders it (from A1, as Excel shows it). */
export function vistaFoglio(foglio: FoglioFinto, locale = "it-IT"): VistaFoglio {
  const usata = foglio.areaUsata(false);
  const area: Area = usata
    ? { top: 0, left: 0, bottom: usata.bottom, right: usata.right }
    : { top: 0, left: 0, bottom: -1, right: -1 };
  const righe: CellaDaMostrare[][] = [];
  const condizionali = foglio.formattazioni.length > 0 ? foglio.regoleVisibili(area) : new Map<string, RegolaFinta>();
  for (let r = area.top; r <= area.bottom; r++) {
    const riga: CellaDaMostrare[] = [];
    for (let c = area.left; c <= area.right; c++) {
      const cella = foglio.cellaIn(r, c);
      const unione = foglio.unioneDi(r, c);
      const inizio = unione && unione.top === r && unione.left === c;
      const regola = condizionali.get(`${r},${c}`) ?? null;
      riga.push({
        indirizzo: a1DaArea({ top: r, left: c, bottom: r, right: c }),
        testo: testoMostrato(cella?.valore ?? null, cella?.formato ?? "General", locale),
        colore: regola?.colore ?? cella?.colore ?? null,
        riempimento: cella?.colore ?? null,
        condizionale: regola !== null,
        formula: cella?.formula,
        numero: typeof cella?.valore === "number",
        unione: inizio ? { righe: unione.bottom - unione.top + 1, colonne: unione.right - unione.left + 1 } : undefined,
        coperta: unione !== undefined && !inizio,
      });
    }
    righe.push(riga);
  }
  return { nome: foglio.nome, protetto: foglio.protetto, origine: { riga: area.top, colonna: area.left }, righe };
}

export interface VistaGrafico extends DatiGrafico {
  nome: string;
  /** "BarClustered"… */
  tipo: string;
  titolo: string | null;
  legenda: boolean;
  /** The cells it covers ("H4", "Q20"), when set. */
  posizione: { da: string; a: string | null } | null;
  /** Bars: first category at the top (Excel's reversePlotOrder on the category axis). */
  categorieInvertite: boolean;
  /** Value axis bounds, when set (a chart of % fractions: 0 and 1). */
  minimo: number | null;
  massimo: number | null;
}

/** The sheet's charts as a page draws them: data read from the cells now, each point's colour. */
export function vistaGrafici(cartella: CartellaFinta, foglio: FoglioFinto): VistaGrafico[] {
  return foglio.grafici.map((g: GraficoFinto) => ({
    nome: g.nome,
    tipo: g.tipo,
    titolo: g.titolo,
    legenda: g.legenda,
    posizione: g.posizione,
    categorieInvertite: g.categorieInvertite,
    minimo: g.minimo,
    massimo: g.massimo,
    ...datiGrafico(cartella, g),
  }));
}

/**
 * A value shown with its number format — the common formats only: General, 0, 0.00, #,##0(.00),
 * percentages, day/month/year dates; anything else as General. Booleans in Italian (VERO/FALSO).
 */
export function testoMostrato(valore: ValoreFinto | null, formato: string, locale = "it-IT"): string {
  if (valore === null) return "";
  if (typeof valore === "boolean")
    return locale.startsWith("it") ? (valore ? "VERO" : "FALSO") : valore ? "TRUE" : "FALSE";
  if (typeof valore === "string") return valore;
  const sezione = formato
    .split(";")[0]
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "");
  if (/[dmy]/i.test(sezione) && !/[0#]/.test(sezione)) return dataMostrata(valore, sezione);
  const percento = sezione.includes("%");
  const decimali = /\.([0#]+)/.exec(sezione)?.[1].length ?? 0;
  const numero = percento ? valore * 100 : valore;
  if (!/[0#]/.test(sezione)) {
    // General: up to 10 significant digits, no grouping.
    return new Intl.NumberFormat(locale, { maximumSignificantDigits: 10, useGrouping: false }).format(numero);
  }
  const testo = new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimali,
    maximumFractionDigits: decimali,
    useGrouping: sezione.includes(","),
  }).format(numero);
  return percento ? `${testo}%` : testo;
}

function dataMostrata(seriale: number, formato: string): string {
  const data = new Date(Date.UTC(1899, 11, 30) + Math.round(seriale * 86_400_000));
  const due = (n: number) => String(n).padStart(2, "0");
  const anno = /yyyy/i.test(formato) ? String(data.getUTCFullYear()) : due(data.getUTCFullYear() % 100);
  return `${due(data.getUTCDate())}/${due(data.getUTCMonth() + 1)}/${anno}`;
}
