import { cellaVuota, ValoreCella } from "../engine";
import { a1, columnName, SheetGrid } from "./griglia";
import { IndiceUnioni } from "./unioni";

/** A cell position in grid coordinates: values[riga][colonna]. */
export interface Posizione {
  riga: number;
  colonna: number;
}

/**
 * A read-only, defensive view of a SheetGrid: ragged or missing rows, odd cell types and
 * malformed merges all read as blank instead of throwing. Coordinates are grid-relative;
 * `indirizzo` and `rigaFoglio` turn them into sheet coordinates using the grid's origin.
 */
export class Foglio {
  readonly nome: string;
  readonly righe: number;
  readonly colonne: number;
  private readonly origine: { row: number; col: number };
  private readonly valori: unknown[][];
  private readonly formati: unknown[][];
  private readonly formule: unknown[][];
  private readonly unioni: IndiceUnioni;
  private readonly aree: unknown;

  constructor(grid: SheetGrid) {
    const g = (typeof grid === "object" && grid !== null ? grid : {}) as Partial<SheetGrid>;
    this.nome = typeof g.name === "string" ? g.name : String(g.name ?? "");
    this.origine = { row: interoNonNegativo(g.origin?.row), col: interoNonNegativo(g.origin?.col) };
    this.valori = righeDi(g.values);
    this.formati = righeDi(g.numberFormats);
    this.formule = righeDi(g.formulas);
    this.righe = this.valori.length;
    this.colonne = this.valori.reduce((max, riga) => Math.max(max, riga.length), 0);
    this.aree = g.merges;
    this.unioni = new IndiceUnioni(g.merges, this.origine, this.righe, this.colonne);
  }

  /**
   * Columns [da, a) of this grid as a sheet of their own, with the same sheet addresses: one of
   * two tables side by side. Merged areas reaching in from outside cover their cells as before.
   */
  colonneDa(da: number, a: number): Foglio {
    const taglia = (righe: unknown[][]) => righe.map((riga) => riga.slice(da, a));
    return new Foglio({
      name: this.nome,
      origin: { row: this.origine.row, col: this.origine.col + da },
      values: taglia(this.valori),
      numberFormats: taglia(this.formati),
      formulas: taglia(this.formule),
      merges: this.aree,
    } as SheetGrid);
  }

  /** The cell's own value: blank for the covered cells of a merged area. */
  proprio(riga: number, colonna: number): ValoreCella {
    return this.unioni.coperta(riga, colonna) ? undefined : this.grezzo(riga, colonna);
  }

  /** The value a person sees: covered cells of a merged area show the area's top-left value. */
  valore(riga: number, colonna: number): ValoreCella {
    const area = this.unioni.areaDi(riga, colonna);
    return area ? this.grezzo(area.top, area.left) : this.grezzo(riga, colonna);
  }

  /** Number format of the cell a person sees (the merge's top-left for covered cells). */
  formato(riga: number, colonna: number): string {
    const area = this.unioni.areaDi(riga, colonna);
    const formato = area ? this.formati[area.top]?.[area.left] : this.formati[riga]?.[colonna];
    return typeof formato === "string" ? formato : "";
  }

  /** Formula text of the cell itself, only when it really is a formula ("=…"). */
  formula(riga: number, colonna: number): string | undefined {
    const formula = this.formule[riga]?.[colonna];
    return typeof formula === "string" && formula.trim().startsWith("=") ? formula : undefined;
  }

  vuota(riga: number, colonna: number): boolean {
    return cellaVuota(this.proprio(riga, colonna));
  }

  coperta(riga: number, colonna: number): boolean {
    return this.unioni.coperta(riga, colonna);
  }

  /** The cell's merged area in grid coordinates, or the cell itself. */
  area(riga: number, colonna: number): { top: number; left: number; bottom: number; right: number } {
    return this.unioni.areaDi(riga, colonna) ?? { top: riga, left: colonna, bottom: riga, right: colonna };
  }

  /** A1 address on the sheet. */
  indirizzo(riga: number, colonna: number): string {
    return a1(this.origine.row + riga, this.origine.col + colonna);
  }

  /** The sheet's name of a grid column ("N"): with the row number, the cell's address. */
  nomeColonna(colonna: number): string {
    return columnName(this.origine.col + colonna);
  }

  /** 1-based sheet row. */
  rigaFoglio(riga: number): number {
    return this.origine.row + riga + 1;
  }

  private grezzo(riga: number, colonna: number): ValoreCella {
    return comeValoreCella(this.valori[riga]?.[colonna]);
  }
}

/**
 * Anything a cell may hold → ValoreCella. Besides the declared types it accepts the
 * shapes ExcelJS uses (rich text, formula results, hyperlinks) and drops the rest.
 */
export function comeValoreCella(v: unknown): ValoreCella {
  if (v === null || v === undefined) return v;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v !== "object") return undefined;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    return o.richText.map((parte) => (typeof parte?.text === "string" ? parte.text : "")).join("");
  }
  if ("result" in o) {
    const r = o.result;
    return typeof r === "string" || typeof r === "number" || typeof r === "boolean" || r instanceof Date
      ? r
      : undefined;
  }
  if (typeof o.text === "string") return o.text;
  return undefined;
}

function righeDi(tabella: unknown): unknown[][] {
  if (!Array.isArray(tabella)) return [];
  // Read only: a well-formed grid is used as it is (no copy of 100,000 rows).
  if (tabella.every(Array.isArray)) return tabella as unknown[][];
  return tabella.map((riga) => (Array.isArray(riga) ? riga : []));
}

function interoNonNegativo(n: unknown): number {
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}
