import { Area } from "./griglia";

/** Above this many cells (rows × columns spanned by the merges), areas are listed per row instead. */
const CELLE_INDICIZZATE_MASSIME = 16_000_000;

/**
 * Merged areas indexed by cell, in grid coordinates (0 = first row/column of the grid).
 * Areas are clipped to the grid, so a merge covering a whole column costs one entry per
 * grid row, not a million. Malformed areas (NaN, reversed bounds) are repaired or dropped;
 * when areas overlap the first one listed wins.
 */
export class IndiceUnioni {
  private readonly aree: Area[] = [];
  /** First grid row and number of columns the cell index covers (from column 0). */
  private readonly primaRiga: number = 0;
  private readonly larghezza: number = 0;
  /**
   * For each cell of those rows and columns (row-major), 1 + the index in `aree` of the area
   * covering it, 0 for none: one look-up per cell read, and every cell of a big sheet is read
   * several times. Null past CELLE_INDICIZZATE_MASSIME (then `perRiga`).
   */
  private readonly diCella: Uint32Array | null = null;
  /** The areas touching each grid row, by index in `aree`; only without `diCella`. */
  private readonly perRiga: (number[] | undefined)[] = [];

  constructor(
    aree: unknown,
    origine: { row: number; col: number },
    righe: number,
    colonne: number,
    celleMassime = CELLE_INDICIZZATE_MASSIME
  ) {
    if (!Array.isArray(aree) || righe <= 0 || colonne <= 0) return;
    let ultimaRiga = -1;
    let primaRiga = righe;
    for (const grezza of aree) {
      const relativa = areaValida(grezza);
      if (!relativa) continue;
      // Bottom and right are clamped so loops over an area stay inside the grid; top and
      // left are kept, since they say which cell holds the area's value.
      relativa.top -= origine.row;
      relativa.left -= origine.col;
      relativa.bottom = Math.min(righe - 1, relativa.bottom - origine.row);
      relativa.right = Math.min(colonne - 1, relativa.right - origine.col);
      if (Math.max(0, relativa.top) > relativa.bottom || relativa.right < 0 || relativa.left >= colonne) continue;
      this.aree.push(relativa);
      primaRiga = Math.min(primaRiga, Math.max(0, relativa.top));
      ultimaRiga = Math.max(ultimaRiga, relativa.bottom);
      this.larghezza = Math.max(this.larghezza, relativa.right + 1);
    }
    if (this.aree.length === 0) return;
    this.primaRiga = primaRiga;
    const celle = (ultimaRiga - primaRiga + 1) * this.larghezza;
    if (celle <= celleMassime) this.diCella = new Uint32Array(celle);
    this.aree.forEach((area, i) => {
      for (let r = Math.max(0, area.top); r <= area.bottom; r++) {
        if (!this.diCella) {
          (this.perRiga[r] ??= []).push(i);
          continue;
        }
        const inizio = (r - primaRiga) * this.larghezza;
        for (let c = inizio + Math.max(0, area.left), fine = inizio + area.right; c <= fine; c++) {
          if (this.diCella[c] === 0) this.diCella[c] = i + 1;
        }
      }
    });
  }

  /** The merged area containing the cell, in grid coordinates (its top-left may lie outside the grid). */
  areaDi(riga: number, colonna: number): Area | undefined {
    if (colonna < 0 || colonna >= this.larghezza) return undefined;
    if (this.diCella) {
      const indice = riga < this.primaRiga ? 0 : this.diCella[(riga - this.primaRiga) * this.larghezza + colonna];
      return indice ? this.aree[indice - 1] : undefined;
    }
    const lista = this.perRiga[riga];
    if (!lista) return undefined;
    for (const i of lista) if (colonna >= this.aree[i].left && colonna <= this.aree[i].right) return this.aree[i];
    return undefined;
  }

  /** True for the cells of a merged area other than its top-left: Excel keeps no value there. */
  coperta(riga: number, colonna: number): boolean {
    const area = this.areaDi(riga, colonna);
    return area !== undefined && (area.top !== riga || area.left !== colonna);
  }
}

function areaValida(grezza: unknown): Area | null {
  if (typeof grezza !== "object" || grezza === null) return null;
  const { top, left, bottom, right } = grezza as Record<string, unknown>;
  if (!finito(top) || !finito(left) || !finito(bottom) || !finito(right)) return null;
  const t = Math.floor(top);
  const l = Math.floor(left);
  const b = Math.floor(bottom);
  const r = Math.floor(right);
  return { top: Math.min(t, b), bottom: Math.max(t, b), left: Math.min(l, r), right: Math.max(l, r) };
}

const finito = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);
