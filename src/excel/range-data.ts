import { Selezione } from "../app/access";
import { ValoreCella } from "../engine";
import { Area, SheetGrid } from "../layout/griglia";
import { a1DaArea, areeDaIndirizzi } from "./addresses";

/** What one read sync brings back for a worksheet, as plain data (no Office.js proxies). */
export interface DatiFoglio {
  nome: string;
  /** The used range (getUsedRangeOrNullObject(false)); null when the sheet is blank. */
  usato: { address: string; values: unknown[][]; numberFormat: unknown[][] } | null;
  /** The formula cells' areas (getSpecialCellsOrNullObject("Formulas")): address and formulas of each. */
  formule: { address: string; formulas: unknown[][] }[];
  /** The merged areas' address lists (RangeAreas.address), one per block of rows read. */
  unioni: string[];
}

/**
 * Office's loaded range data → the SheetGrid the layout reader takes:
 * origin from the used range's address, "" (Office's empty cell) as null, the number formats,
 * formula text only where a cell really holds a formula, and the merged areas in absolute
 * 0-based coordinates.
 */
export function grigliaDaDati(dati: DatiFoglio): SheetGrid {
  const merges = areeUnite(dati.unioni);
  if (!dati.usato) return { name: dati.nome, values: [], numberFormats: [], formulas: [], merges };
  const origine = areeDaIndirizzi(dati.usato.address)[0].area;
  const values = dati.usato.values.map((riga) => (Array.isArray(riga) ? riga.map(valoreCella) : []));
  const larghezza = values.reduce((w, riga) => Math.max(w, riga.length), 0);
  const numberFormats = values.map((_, i) =>
    Array.from({ length: larghezza }, (_, j) => {
      const f = dati.usato?.numberFormat[i]?.[j];
      return typeof f === "string" ? f : null;
    })
  );
  const formulas: (string | null)[][] = values.map(() => Array.from({ length: larghezza }, () => null));
  for (const blocco of dati.formule) {
    const area = areeDaIndirizzi(blocco.address)[0]?.area;
    if (!area) continue;
    blocco.formulas.forEach((riga, i) =>
      riga.forEach((f, j) => {
        const r = area.top + i - origine.top;
        const c = area.left + j - origine.left;
        if (typeof f === "string" && f.startsWith("=") && r >= 0 && r < values.length && c >= 0 && c < larghezza)
          formulas[r][c] = f;
      })
    );
  }
  return { name: dati.nome, origin: { row: origine.top, col: origine.left }, values, numberFormats, formulas, merges };
}

/** A value as Office.js returns it → ValoreCella: "" is an empty cell. */
export function valoreCella(v: unknown): ValoreCella {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return null;
}

/**
 * Merged areas from RangeAreas address lists ("'Obiettivi 2024'!A7:A9, 'Obiettivi 2024'!B7:B9"),
 * without duplicates. A list that cannot be parsed is skipped: merges only refine the reading.
 */
export function areeUnite(indirizzi: string[]): Area[] {
  const viste = new Map<string, Area>();
  for (const indirizzo of indirizzi) {
    if (!indirizzo) continue;
    let aree: Area[];
    try {
      aree = areeDaIndirizzi(indirizzo).map((a) => a.area);
    } catch {
      continue;
    }
    for (const area of aree) viste.set(`${area.top},${area.left},${area.bottom},${area.right}`, area);
  }
  return [...viste.values()];
}

/** The selection from the selected ranges' address: its first area, on its sheet. */
export function selezioneDaIndirizzo(indirizzo: string | null | undefined): Selezione | null {
  if (!indirizzo) return null;
  try {
    const prima = areeDaIndirizzi(indirizzo)[0];
    if (!prima || prima.foglio === undefined) return null;
    return { foglio: prima.foglio, indirizzo: a1DaArea(prima.area) };
  } catch {
    return null;
  }
}

/** The used range's rows (0-based, inclusive) from its address; null for a blank sheet. */
export function righeUsate(usato: DatiFoglio["usato"]): { top: number; bottom: number } | null {
  if (!usato) return null;
  const area = areeDaIndirizzi(usato.address)[0].area;
  return { top: area.top, bottom: area.bottom };
}
