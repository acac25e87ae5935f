import { Area } from "../layout/grid";
import { ULTIMA_RIGA } from "./addresses";

/**
 * Merged areas are read in blocks of whole rows. Range.getMergedAreasOrNullObject() fails when
 * the range holds more than 512 merged areas, and the staff's layout merges Settore / Obiettivo /
 * Definizione on every objective of two or more rows: a 10,000-row sheet has thousands. A block
 * of 256 rows holds at most 128 such objectives (384 areas) plus a few title merges.
 * Office reports a merged area in the block holding its top-left cell (OfficeDev/office-js#3611),
 * so blocks covering every used row find every area exactly once.
 */
export const RIGHE_PER_BLOCCO = 256;
/** Rows covered on a sheet never read before (the first read knows no sizes): 64 blocks. */
export const RIGHE_PRIMA_LETTURA = 16_384;
/** A known sheet may grow by this many rows (or a quarter of its height) without an extra sync. */
export const MARGINE_RIGHE = 1_024;

/** A worksheet as the last read left it: enough to queue the next read in one sync. */
export interface FoglioNoto {
  id: string;
  nome: string;
  /** Rows of the used range (0-based, inclusive); null when the sheet was blank. */
  righe: { top: number; bottom: number } | null;
}

/** Rows (0-based, inclusive) of block k. */
export function righeDelBlocco(k: number): { da: number; a: number } {
  const da = k * RIGHE_PER_BLOCCO;
  return { da, a: Math.min(ULTIMA_RIGA, da + RIGHE_PER_BLOCCO - 1) };
}

const ULTIMO_BLOCCO = Math.floor(ULTIMA_RIGA / RIGHE_PER_BLOCCO);

/** Blocks touching rows da..a. */
export function blocchiTra(da: number, a: number): number[] {
  const primo = Math.max(0, Math.floor(da / RIGHE_PER_BLOCCO));
  const ultimo = Math.min(ULTIMO_BLOCCO, Math.floor(a / RIGHE_PER_BLOCCO));
  return Array.from({ length: Math.max(0, ultimo - primo + 1) }, (_, i) => primo + i);
}

/**
 * The blocks to queue for a sheet before knowing its size: the rows it used last time plus a
 * margin to grow; the first RIGHE_PRIMA_LETTURA rows for a sheet never read.
 */
export function blocchiPrevisti(righe: FoglioNoto["righe"] | undefined): number[] {
  if (righe === undefined) return blocchiTra(0, RIGHE_PRIMA_LETTURA - 1);
  if (righe === null) return blocchiTra(0, MARGINE_RIGHE - 1);
  const margine = Math.max(MARGINE_RIGHE, Math.ceil((righe.bottom - righe.top + 1) / 4));
  return blocchiTra(righe.top, righe.bottom + margine);
}

/** Blocks of the used rows that were not queued: they need one more sync. */
export function blocchiMancanti(righe: FoglioNoto["righe"], letti: number[]): number[] {
  if (!righe) return [];
  const gia = new Set(letti);
  return blocchiTra(righe.top, righe.bottom).filter((k) => !gia.has(k));
}

/**
 * Cells per sync when a read is split (only after Excel on the web refused a response over its
 * 5 MB limit): about 1.5–2 MB of values and number formats at the staff's text lengths.
 */
export const CELLE_PER_SYNC_A_FETTE = 50_000;

/** A slice of rows of one sheet's used range (0-based absolute area). */
export interface Fetta {
  /** Index of the sheet in the list read. */
  foglio: number;
  area: Area;
}

/**
 * The used ranges cut into slices of whole rows, grouped by sync: each group holds at most
 * celleMax cells (a single row wider than that stands alone).
 */
export function gruppiDiFette(aree: (Area | null)[], celleMax: number = CELLE_PER_SYNC_A_FETTE): Fetta[][] {
  const gruppi: Fetta[][] = [];
  let corrente: Fetta[] = [];
  let celle = 0;
  aree.forEach((area, foglio) => {
    if (!area) return;
    const colonne = area.right - area.left + 1;
    const righePerFetta = Math.max(1, Math.floor(celleMax / colonne));
    for (let top = area.top; top <= area.bottom; top += righePerFetta) {
      const bottom = Math.min(area.bottom, top + righePerFetta - 1);
      const n = (bottom - top + 1) * colonne;
      if (corrente.length > 0 && celle + n > celleMax) {
        gruppi.push(corrente);
        corrente = [];
        celle = 0;
      }
      corrente.push({ foglio, area: { ...area, top, bottom } });
      celle += n;
    }
  });
  if (corrente.length > 0) gruppi.push(corrente);
  return gruppi;
}
