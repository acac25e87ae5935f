import { Area } from "./grid";

/**
 * Merged areas indexed by row, in grid coordinates (0 = first row/column of the grid).
 * Areas are clipped to the grid, so a merge covering a whole column costs one entry per
 * grid row, not a million. Malformed areas (NaN, reversed bounds) are repaired or dropped;
 * when areas overlap the first one listed wins.
 */
export class IndiceUnioni {
  /** Areas touching each grid row; undefined for rows without any (most). */
  private readonly perRiga: (Area[] | undefined)[] = [];

  constructor(aree: unknown, origine: { row: number; col: number }, righe: number, colonne: number) {
    if (!Array.isArray(aree) || righe <= 0 || colonne <= 0) return;
    for (const grezza of aree) {
      const relativa = areaValida(grezza);
      if (!relativa) continue;
      // Bottom and right are clamped so loops over an area stay inside the grid; top and
      // left are kept, since they say which cell holds the area's value.
      relativa.top -= origine.row;
      relativa.left -= origine.col;
      relativa.bottom = Math.min(righe - 1, relativa.bottom - origine.row);
      relativa.right = Math.min(colonne - 1, relativa.right - origine.col);
      const da = Math.max(0, relativa.top);
      const a = relativa.bottom;
      if (da > a || relativa.right < 0 || relativa.left >= colonne) continue;
      for (let r = da; r <= a; r++) {
        const lista = this.perRiga[r];
        if (lista) lista.push(relativa);
        else this.perRiga[r] = [relativa];
      }
    }
  }

  /** The merged area containing the cell, in grid coordinates (its top-left may lie outside the grid). */
  areaDi(riga: number, colonna: number): Area | undefined {
    const lista = this.perRiga[riga];
    if (!lista) return undefined;
    for (const a of lista) if (colonna >= a.left && colonna <= a.right) return a;
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
