/**
 * The sheets Barometro owns — Riepilogo (riepilogo.ts), Indice (indice.ts) and Dossier di validazione
 * (dossier.ts) — and the one check
 * of whether a sheet is Barometro's: it bears one of their names (in any case) and that sheet's
 * title in A1. A sheet so named that is neither empty nor titled so is the user's, and is never
 * overwritten. Pure: no Office, no files.
 */
import { a1, SheetGrid } from "./griglia";

export const FOGLIO_RIEPILOGO = "Riepilogo";
/** A1 of the Riepilogo sheet: how Barometro recognises its own sheet (a user's "Riepilogo" is left alone). */
export const TITOLO_RIEPILOGO = "Riepilogo del Barometro";
export const FOGLIO_INDICE = "Indice";
/** The start of the Indice's A1 (the year follows): how Barometro recognises its own Indice. */
export const TITOLO_INDICE = "Indice — Stato di attuazione degli Obiettivi";

export const FOGLIO_DOSSIER = "Dossier di validazione";
/** The start of the dossier's A1 (the year follows): how Barometro recognises its own dossier. */
export const TITOLO_DOSSIER = "Dossier di validazione — Stato di attuazione degli Obiettivi";

/** Whether a sheet's A1 is the title of a dossier Barometro wrote. */
export function isTitoloDossier(valore: unknown): boolean {
  return typeof valore === "string" && valore.startsWith(TITOLO_DOSSIER);
}

/** Whether a sheet's A1 is the title of an Indice Barometro wrote. */
export function isTitoloIndice(valore: unknown): boolean {
  return typeof valore === "string" && valore.startsWith(TITOLO_INDICE);
}

/** Each sheet Barometro writes, and how its A1 tells that Barometro wrote it. */
const TITOLI: ReadonlyArray<{ foglio: string; titolo: (a1: unknown) => boolean }> = [
  { foglio: FOGLIO_RIEPILOGO, titolo: (v) => v === TITOLO_RIEPILOGO },
  { foglio: FOGLIO_INDICE, titolo: isTitoloIndice },
  { foglio: FOGLIO_DOSSIER, titolo: isTitoloDossier },
];

const stessoNome = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Is this sheet Barometro's? One of Barometro's sheet names with that sheet's title in A1. */
export function isFoglioDiBarometro(g: SheetGrid): boolean {
  return TITOLI.some((t) => stessoNome(g.name, t.foglio) && t.titolo(cellaA1(g)));
}

/** One of Barometro's sheets as found in the workbook. */
export interface FoglioProprio {
  /** Its name: the existing sheet's spelling («riepilogo»), or Barometro's when there is none. */
  nome: string;
  /** The sheet so named, if the workbook has one. */
  esistente: SheetGrid | undefined;
  /** That sheet is the user's (not empty, not Barometro's title): it must never be overwritten. */
  altrui: boolean;
}

/** Barometro's sheet `foglio` (FOGLIO_RIEPILOGO, FOGLIO_INDICE, FOGLIO_DOSSIER) in these sheets, and whose it is. */
export function foglioProprio(fogli: readonly SheetGrid[], foglio: string): FoglioProprio {
  const esistente = fogli.find((g) => stessoNome(g.name, foglio));
  return {
    nome: esistente?.name ?? foglio,
    esistente,
    altrui: esistente !== undefined && !grigliaVuota(esistente) && !isFoglioDiBarometro(esistente),
  };
}

export function grigliaVuota(g: SheetGrid): boolean {
  return g.values.every((r) => r.every((v) => v === null || v === undefined || v === ""));
}

/** The grid's area as an address ("A1:F16"): what a rewrite of Barometro's sheet clears first. */
export function areaUsata(g: SheetGrid): string {
  const o = g.origin ?? { row: 0, col: 0 };
  const larghezza = g.values.reduce((w, r) => Math.max(w, r.length), 1);
  return `${a1(o.row, o.col)}:${a1(o.row + Math.max(1, g.values.length) - 1, o.col + larghezza - 1)}`;
}

/** The value of a sheet's A1, as read (null when the grid does not start there). */
export function cellaA1(g: SheetGrid): unknown {
  const o = g.origin ?? { row: 0, col: 0 };
  return o.row === 0 && o.col === 0 ? g.values[0]?.[0] : null;
}
