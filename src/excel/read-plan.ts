import { Area } from "../layout/griglia";
import { areeDaIndirizzi, ULTIMA_RIGA } from "./addresses";

/**
 * Merged areas are read in blocks of whole rows, one Range.getMergedAreasOrNullObject() per block.
 * That call fails when the range holds more than 512 merged areas (ExcelApi reference: "if the
 * merged areas count in this range is more than 512, then this method will fail to return the
 * result"), and the staff's layout merges Settore / Obiettivo / Definizione on every objective of
 * two or more rows, so a sheet may hold one to three areas per row. Office reports a merged area
 * in the block holding its top-left cell (OfficeDev/office-js#3611), so disjoint blocks covering
 * every used row find every area exactly once.
 *
 * A block's height comes from the last read of the sheet: the densest block it met (areas per
 * row) sets how many rows hold AREE_PER_BLOCCO areas, half of Excel's 512. A sheet never read gets
 * RIGHE_PER_BLOCCO rows a block (up to 4 areas a row). If Excel refuses a block all the same (the
 * sheet gained merges), the read is done again with blocks `divisore` times lower (see
 * the recovery table in recuperi.ts, isErroreUnioni).
 */
export const RIGHE_PER_BLOCCO = 128;
/** Areas a block aims at: half of the 512 getMergedAreasOrNullObject() can return. */
export const AREE_PER_BLOCCO = 256;
/** Highest block, for a sheet with few or no merges (it may gain some before the next read). */
export const RIGHE_MAX_PER_BLOCCO = 1_024;
/** Each refusal divides the blocks' height by this. */
export const FATTORE_RIDUZIONE_UNIONI = 4;
/** Rows covered on a sheet never read before (the first read knows no sizes): 128 blocks. */
export const RIGHE_PRIMA_LETTURA = 16_384;
/** A known sheet may grow by this many rows (or a quarter of its height) without an extra sync. */
export const MARGINE_RIGHE = 1_024;

/** A worksheet as the last read left it: enough to queue the next read in one sync. */
export interface FoglioNoto {
  id: string;
  nome: string;
  /** Rows of the used range (0-based, inclusive); null when the sheet was blank. */
  righe: { top: number; bottom: number } | null;
  /** Merged areas per row in the densest block of the last read (0: none); absent: not known. */
  densitaUnioni?: number;
}

/** Rows (0-based, inclusive) whose merged areas one getMergedAreasOrNullObject() reads. */
export interface BloccoUnioni {
  da: number;
  a: number;
}

/**
 * Rows per block for a sheet: AREE_PER_BLOCCO areas at its known density (RIGHE_PER_BLOCCO when
 * not known), between 1 and RIGHE_MAX_PER_BLOCCO, divided by `divisore` after Excel refused some.
 */
export function righePerBlocco(densita: number | undefined, divisore = 1): number {
  const base =
    densita === undefined
      ? RIGHE_PER_BLOCCO
      : densita <= 0
        ? RIGHE_MAX_PER_BLOCCO
        : Math.min(RIGHE_MAX_PER_BLOCCO, Math.floor(AREE_PER_BLOCCO / densita));
  return Math.max(1, Math.floor(base / Math.max(1, divisore)));
}

/** Blocks of `righe` rows covering rows da..a (within the sheet; the last one may be shorter). */
export function blocchiTra(da: number, a: number, righe: number): BloccoUnioni[] {
  const blocchi: BloccoUnioni[] = [];
  const fine = Math.min(ULTIMA_RIGA, a);
  for (let r = Math.max(0, da); r <= fine; r += righe) blocchi.push({ da: r, a: Math.min(fine, r + righe - 1) });
  return blocchi;
}

/**
 * The blocks to queue for a sheet before knowing its size: the rows it used last time plus a
 * margin to grow; the first RIGHE_PRIMA_LETTURA rows for a sheet never read.
 */
export function blocchiPrevisti(
  noto: Pick<FoglioNoto, "righe" | "densitaUnioni"> | undefined,
  divisore = 1
): BloccoUnioni[] {
  const altezza = righePerBlocco(noto?.densitaUnioni, divisore);
  if (noto === undefined) return blocchiTra(0, RIGHE_PRIMA_LETTURA - 1, altezza);
  const righe = noto.righe;
  if (righe === null) return blocchiTra(0, MARGINE_RIGHE - 1, altezza);
  const margine = Math.max(MARGINE_RIGHE, Math.ceil((righe.bottom - righe.top + 1) / 4));
  return blocchiTra(righe.top, righe.bottom + margine, altezza);
}

/** Blocks of the used rows that no queued block covers: they need one more sync. */
export function blocchiMancanti(
  righe: FoglioNoto["righe"],
  letti: readonly BloccoUnioni[],
  altezza: number
): BloccoUnioni[] {
  if (!righe) return [];
  const mancanti: BloccoUnioni[] = [];
  let r = righe.top;
  for (const b of [...letti].sort((x, y) => x.da - y.da)) {
    if (r > righe.bottom) break;
    if (b.a < r) continue;
    if (b.da > r) mancanti.push(...blocchiTra(r, Math.min(righe.bottom, b.da - 1), altezza));
    r = Math.max(r, b.a + 1);
  }
  if (r <= righe.bottom) mancanti.push(...blocchiTra(r, righe.bottom, altezza));
  return mancanti;
}

/** Merged areas per row of the densest of these blocks (each with the areas its read found); 0 for none. */
export function densitaUnioni(blocchi: readonly { da: number; a: number; aree: number }[]): number {
  return blocchi.reduce((m, b) => Math.max(m, b.aree / (b.a - b.da + 1)), 0);
}

/** Merged areas in a getMergedAreasOrNullObject() address list ("F!A1:B2, F!A3:A5"). */
export function quanteAree(indirizzo: string): number {
  try {
    return areeDaIndirizzi(indirizzo).length;
  } catch {
    return indirizzo.split(",").length;
  }
}

/**
 * Cells of the first sync of a read in slices, before anything tells what a cell of this workbook
 * costs: about 1.5–2 MB of values and number formats at the staff's text lengths, 2.5 MB with
 * Barometro's label formulas. The next syncs are sized by what came back (densitaMassima).
 */
export const CELLE_PER_SYNC_A_FETTE = 50_000;

/**
 * Bytes a read in slices aims at per sync. Excel on the web refuses responses over 5 MB: the margin
 * is for a region denser than any read so far and for what the estimate leaves out.
 */
export const MAX_BYTE_RISPOSTA = 4_000_000;

/**
 * Rows are measured in parts of about this many cells (~700 rows of the staff's 14 columns): the
 * densest part, not the average, sizes the next sync, so that a denser region already met is
 * expected again. A slice with fewer cells counts only through its group's average.
 */
export const CELLE_PER_PARTE = 10_000;

/** A slice of rows of one sheet's used range (0-based absolute area). */
export interface Fetta {
  /** Index of the sheet in the list read. */
  foglio: number;
  area: Area;
}

/** A slice and what its sync brought back (plain data). */
export interface FettaLetta extends Fetta {
  values: unknown[][];
  numberFormat: unknown[][];
  formule: { address: string; formulas: unknown[][] }[];
  /** The merged areas of the blocks of rows first reached by this slice: each block's rows, its address list. */
  unioni: { riga: number; fino: number; address: string }[];
}

/**
 * The slices of the next sync: rows from where each sheet's used range is still unread (`resto`,
 * null once read), in sheet order, at most celleMax cells; a single row wider than that stands alone.
 */
export function prossimoGruppo(resto: (Area | null)[], celleMax: number): Fetta[] {
  const gruppo: Fetta[] = [];
  let celle = 0;
  for (let foglio = 0; foglio < resto.length; foglio++) {
    const area = resto[foglio];
    if (!area) continue;
    const colonne = area.right - area.left + 1;
    let righe = Math.min(area.bottom - area.top + 1, Math.floor((celleMax - celle) / colonne));
    if (righe < 1) {
      if (gruppo.length > 0) break;
      righe = 1;
    }
    gruppo.push({ foglio, area: { ...area, bottom: area.top + righe - 1 } });
    celle += righe * colonne;
  }
  return gruppo;
}

/** What is left to read once a group's slices are read. */
export function restoDopo(resto: (Area | null)[], gruppo: Fetta[]): (Area | null)[] {
  const dopo = [...resto];
  for (const { foglio, area } of gruppo) {
    const r = dopo[foglio];
    if (r) dopo[foglio] = area.bottom >= r.bottom ? null : { ...r, top: area.bottom + 1 };
  }
  return dopo;
}

function celleDi(area: Area): number {
  return (area.bottom - area.top + 1) * (area.right - area.left + 1);
}

/** Cells of a group of slices. */
export function celleDelGruppo(gruppo: Fetta[]): number {
  return gruppo.reduce((n, f) => n + celleDi(f.area), 0);
}

/**
 * Characters a value takes in a JSON response, with the comma after it: never fewer than
 * JSON.stringify writes, nor than its UTF-8 bytes (a character above U+007F is counted as 3, an
 * escaped one as its escape). A walk over the values, nothing built: a read in slices measures
 * every cell it reads.
 */
export function byteJson(v: unknown): number {
  if (v === null || v === undefined) return 5;
  switch (typeof v) {
    case "string":
      return byteStringa(v) + 1;
    case "number":
      return (Number.isFinite(v) ? String(v).length : 4) + 1;
    case "boolean":
      return (v ? 4 : 5) + 1;
    default:
      break;
  }
  if (Array.isArray(v)) {
    let n = 2;
    for (const x of v) n += byteJson(x);
    return n + 1;
  }
  return byteStringa(JSON.stringify(v) ?? "null") + 1;
}

/** Printable ASCII but `"` and `\`: JSON writes such a string as it is. */
const SEMPLICE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** Not printable ASCII: control characters (escaped), anything beyond ASCII (more than a byte in UTF-8). */
const SPECIALE = /[^\x20-\x7e]/;

function byteStringa(s: string): number {
  if (SEMPLICE.test(s)) return s.length + 2;
  if (!SPECIALE.test(s)) return s.length + 2 + quante(s, '"') + quante(s, "\\");
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += 6;
    else if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x80) n += 1;
    else n += c < 0x800 ? 2 : 3;
  }
  return n;
}

function quante(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/** The keys and brackets of a slice's range (values, numberFormat), of a formula area, of a block's merged areas. */
const BYTE_PER_FETTA = 40;
const BYTE_PER_AREA_FORMULE = 30;
const BYTE_PER_BLOCCO_UNIONI = 30;

/** Estimated bytes of what these slices brought back. */
export function byteDelleFette(fette: FettaLetta[]): number {
  return fette.reduce((s, f) => s + byteRighe(f).reduce((t, b) => t + b, 0), 0);
}

/**
 * Bytes per cell of these slices: the densest of their parts (CELLE_PER_PARTE), never below their
 * average.
 */
export function densitaMassima(fette: FettaLetta[]): number {
  let byte = 0;
  let celle = 0;
  let massima = 0;
  for (const f of fette) {
    const perRiga = byteRighe(f);
    const colonne = f.area.right - f.area.left + 1;
    byte += perRiga.reduce((s, b) => s + b, 0);
    celle += perRiga.length * colonne;
    const parti = Math.floor((perRiga.length * colonne) / CELLE_PER_PARTE);
    for (let k = 0; k < parti; k++) {
      const da = Math.floor((k * perRiga.length) / parti);
      const a = Math.floor(((k + 1) * perRiga.length) / parti);
      let b = 0;
      for (let r = da; r < a; r++) b += perRiga[r];
      massima = Math.max(massima, b / ((a - da) * colonne));
    }
  }
  return celle === 0 ? massima : Math.max(massima, byte / celle);
}

/** A slice's estimated bytes row by row; a formula area's or a block's own bytes go to its first row. */
function byteRighe(f: FettaLetta): number[] {
  const righe = f.area.bottom - f.area.top + 1;
  const perRiga = new Array<number>(righe).fill(0);
  perRiga[0] += BYTE_PER_FETTA;
  const aggiungi = (dati: unknown[][]) => {
    for (let r = 0; r < dati.length; r++) perRiga[Math.min(r, righe - 1)] += byteJson(dati[r]);
  };
  aggiungi(f.values);
  aggiungi(f.numberFormat);
  for (const blocco of f.formule) {
    const top = primaRiga(blocco.address);
    const da = top === null ? 0 : Math.min(righe - 1, Math.max(0, top - f.area.top));
    perRiga[da] += BYTE_PER_AREA_FORMULE + byteJson(blocco.address);
    for (let r = 0; r < blocco.formulas.length; r++)
      perRiga[Math.min(righe - 1, da + r)] += byteJson(blocco.formulas[r]);
  }
  for (const u of f.unioni)
    perRiga[Math.min(righe - 1, Math.max(0, u.riga - f.area.top))] += BYTE_PER_BLOCCO_UNIONI + byteJson(u.address);
  return perRiga;
}

/** The 0-based first row of an address such as "'Obiettivi 2024'!N7:N15"; null when it cannot be read. */
function primaRiga(indirizzo: string): number | null {
  try {
    return areeDaIndirizzi(indirizzo)[0]?.area.top ?? null;
  } catch {
    return null;
  }
}

/**
 * Cells of a read in slices' next sync: as many as fill maxByte at the given bytes per cell (at
 * least one).
 */
export function celleDaDensita(maxByte: number, densita: number): number {
  return Math.max(1, Math.floor(maxByte / Math.max(1, densita)));
}
