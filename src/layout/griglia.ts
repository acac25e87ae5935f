import { ValoreCella } from "../engine";

/** A rectangle of cells, 0-based sheet coordinates, bounds inclusive. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One worksheet as the layout reader sees it: what Office.js gives for a used range
 * (values, numberFormat, formulas, merged areas) or what the CLI reads with ExcelJS.
 */
export interface SheetGrid {
  name: string;
  /** 0-based sheet coordinates of values[0][0]; A1 when absent. */
  origin?: { row: number; col: number };
  /** Row-major cell values (formula cells hold their last computed result). */
  values: ValoreCella[][];
  /** Number format of each cell ("General", "0.00%", "#,##0"…), same shape as values. */
  numberFormats?: (string | null | undefined)[][];
  /** Formula text ("=SUM(A1:A3)") or empty for each cell, same shape as values. */
  formulas?: (string | null | undefined)[][];
  /** Merged areas, in absolute 0-based sheet coordinates. */
  merges: Area[];
}

/** Names of the first columns, made once: addresses are built for every cell the reader keeps. */
const NOMI_COLONNE = Array.from({ length: 702 }, (_, c) => nomeColonna(c));

/** 0-based column index → "A", "B", … "AA". */
export function columnName(col: number): string {
  if (col >= 0 && col < NOMI_COLONNE.length) return NOMI_COLONNE[col];
  return nomeColonna(col);
}

function nomeColonna(col: number): string {
  let name = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/** A sheet row's values (1-based row, as printed), from the grid's first column; [] outside the grid. */
export function rigaDelFoglio(grid: SheetGrid, riga: number): readonly ValoreCella[] {
  return grid.values[riga - 1 - (grid.origin?.row ?? 0)] ?? [];
}

/** 0-based (row, col) → "B7". */
export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** "B7" (or "$B$7") → { row: 6, col: 1 }. A loop over the characters: a patch parses one per cell. */
export function parseA1(address: string): { row: number; col: number } {
  const a = address.trim();
  let i = 0;
  let col = 0;
  let row = 0;
  if (a.charCodeAt(i) === 36) i++; // $
  const inizioColonna = i;
  for (; i < a.length; i++) {
    const c = a.charCodeAt(i) | 32; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + c - 96;
  }
  const fineColonna = i;
  if (a.charCodeAt(i) === 36) i++;
  const inizioRiga = i;
  for (; i < a.length; i++) {
    const d = a.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  if (fineColonna === inizioColonna || i === inizioRiga || i !== a.length)
    throw new Error(`Indirizzo di cella non valido: ${address}`);
  return { row: row - 1, col: col - 1 };
}
