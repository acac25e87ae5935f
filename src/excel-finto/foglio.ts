/**
 * A sheet of the fake workbook: its cells (sparse, by row), merged areas, conditional-format rules,
 * charts, page layout and page breaks, and what a person sees (the fill a true rule gives a cell).
 */
import { areaDaA1, intersecano, intersezione } from "../excel/addresses";
import { Area } from "../layout/griglia";
import { FormulaNonSupportata, regolaVera } from "./formula-condizionale";
import {
  canonica,
  CellaFinta,
  GraficoFinto,
  nuovoIdRegola,
  PaginaFinta,
  paginaPredefinita,
  RegolaFinta,
  vuota,
} from "./modello";

export class FoglioFinto {
  readonly id: string;
  nome: string;
  protetto = false;
  /** Merged areas, 0-based and inclusive. */
  readonly unioni: Area[] = [];
  /** Conditional-format rules, highest priority first. */
  readonly formattazioni: RegolaFinta[] = [];
  readonly grafici: GraficoFinto[] = [];
  /** Page layout (worksheet.pageLayout). */
  pagina: PaginaFinta = paginaPredefinita();
  /** Manual horizontal page breaks: the 0-based row each one puts at the top of a new page, ascending. */
  interruzioni: number[] = [];
  /** Column widths set through format.columnWidth, in points, by 0-based column. */
  readonly larghezze = new Map<number, number>();
  /** Rows (0-based) whose height was fitted to their contents (format.autofitRows()). */
  readonly righeAdattate = new Set<number>();
  private readonly righe = new Map<number, Map<number, CellaFinta>>();

  constructor(id: string, nome: string) {
    this.id = id;
    this.nome = nome;
  }

  /** The cell at "B7" (0-based row/col with cellaIn); undefined when it was never set or is empty. */
  cella(indirizzo: string): CellaFinta | undefined {
    const { top, left } = areaDaA1(indirizzo);
    return this.cellaIn(top, left);
  }

  cellaIn(riga: number, colonna: number): CellaFinta | undefined {
    return this.righe.get(riga)?.get(colonna);
  }

  /** Sets some properties of the cell at "B7" (or of every cell of "B7:D9"); the others stay. */
  imposta(indirizzo: string, modifiche: Partial<CellaFinta>): this {
    const area = areaDaA1(indirizzo);
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++) this.impostaIn(r, c, modifiche);
    return this;
  }

  impostaIn(riga: number, colonna: number, modifiche: Partial<CellaFinta>): this {
    const nuova = canonica({ valore: null, ...this.cellaIn(riga, colonna), ...modifiche });
    let riga_ = this.righe.get(riga);
    if (vuota(nuova)) {
      riga_?.delete(colonna);
      if (riga_ && riga_.size === 0) this.righe.delete(riga);
      return this;
    }
    if (!riga_) this.righe.set(riga, (riga_ = new Map()));
    riga_.set(colonna, nuova);
    return this;
  }

  /** Merges "A7:A9" (Excel keeps only the top-left value). */
  unisci(indirizzo: string): this {
    const area = areaDaA1(indirizzo);
    const perRiga = this.unioniPerRiga();
    for (let r = area.top; r <= area.bottom; r++)
      if (perRiga.get(r)?.some((u) => intersecano(u, area))) throw new Error(`Unione sovrapposta: ${indirizzo}`);
    this.unioni.push(area);
    for (let r = area.top; r <= area.bottom; r++) (perRiga.get(r) ?? perRiga.set(r, []).get(r)!).push(area);
    this.indiceUnioni = { n: this.unioni.length, ultima: area, perRiga };
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++)
        if (r !== area.top || c !== area.left) this.impostaIn(r, c, { valore: null, formula: undefined });
    return this;
  }

  /** The non-empty cells of rows da…a, by row then column. */
  *celleNelleRighe(da: number, a: number): Generator<{ riga: number; colonna: number; cella: CellaFinta }> {
    const righe =
      a - da < this.righe.size
        ? Array.from({ length: a - da + 1 }, (_, k) => da + k).filter((r) => this.righe.has(r))
        : [...this.righe.keys()].filter((r) => r >= da && r <= a).sort((x, y) => x - y);
    for (const riga of righe) {
      const perColonna = this.righe.get(riga) as Map<number, CellaFinta>;
      for (const colonna of [...perColonna.keys()].sort((x, y) => x - y))
        yield { riga, colonna, cella: perColonna.get(colonna) as CellaFinta };
    }
  }

  /** Every non-empty cell, by row then column. */
  *celle(): Generator<{ riga: number; colonna: number; cella: CellaFinta }> {
    yield* this.celleNelleRighe(-Infinity, Infinity);
  }

  /**
   * The used range: the smallest rectangle holding every cell with a value or a formula and,
   * unless soloValori, every formatted cell and merged area. null for a blank sheet.
   */
  areaUsata(soloValori = false): Area | null {
    let area: Area | null = null;
    const estendi = (a: Area) => {
      area = area
        ? {
            top: Math.min(area.top, a.top),
            left: Math.min(area.left, a.left),
            bottom: Math.max(area.bottom, a.bottom),
            right: Math.max(area.right, a.right),
          }
        : { ...a };
    };
    for (const { riga, colonna, cella } of this.celle()) {
      const conValore = cella.valore !== null || cella.formula !== undefined;
      if (conValore || !soloValori) estendi({ top: riga, left: colonna, bottom: riga, right: colonna });
    }
    if (!soloValori) this.unioni.forEach(estendi);
    return area;
  }

  /** The merged area holding the cell, if any. */
  unioneDi(riga: number, colonna: number): Area | undefined {
    return this.unioniPerRiga()
      .get(riga)
      ?.find((u) => colonna >= u.left && colonna <= u.right);
  }

  /**
   * The merged areas by row: unisci was quadratic with a plain list (100,000 rows: ~45 s). Rebuilt
   * whenever `unioni` was changed from outside (tests splice it).
   */
  private unioniPerRiga(): Map<number, Area[]> {
    const n = this.unioni.length;
    const i = this.indiceUnioni;
    if (i && i.n === n && i.ultima === this.unioni[n - 1]) return i.perRiga;
    const perRiga = new Map<number, Area[]>();
    for (const u of this.unioni)
      for (let r = u.top; r <= u.bottom; r++) (perRiga.get(r) ?? perRiga.set(r, []).get(r)!).push(u);
    this.indiceUnioni = { n, ultima: this.unioni[n - 1], perRiga };
    return perRiga;
  }
  private indiceUnioni: { n: number; ultima: Area | undefined; perRiga: Map<number, Area[]> } | null = null;

  /** Adds a conditional-format rule at the lowest priority (as a file lists them); returns it with its id. */
  aggiungiRegola(regola: Omit<RegolaFinta, "id">): RegolaFinta {
    const nuova: RegolaFinta = { ...regola, id: nuovoIdRegola(), aree: regola.aree.map((a) => ({ ...a })) };
    if (nuova.colore) nuova.colore = nuova.colore.toUpperCase();
    this.formattazioni.push(nuova);
    return nuova;
  }

  /**
   * The conditional-format rule that gives the cell its fill, as Excel shows it: the first custom
   * rule by priority that applies to the cell, has a fill and is true there. Formulas the fake
   * cannot evaluate (formula-condizionale.ts) are skipped.
   */
  regolaVisibile(
    riga: number,
    colonna: number,
    candidate: readonly RegolaFinta[] = this.formattazioni
  ): RegolaFinta | null {
    for (const regola of candidate) {
      if (regola.tipo !== "Custom" || !regola.formula || !regola.colore) continue;
      if (!regola.aree.some((a) => riga >= a.top && riga <= a.bottom && colonna >= a.left && colonna <= a.right))
        continue;
      const ancora = regola.aree[0];
      try {
        const vera = regolaVera(regola.formula, {
          valore: (r, c) => {
            const v = this.cellaIn(r, c)?.valore ?? null;
            return v === "" ? null : v;
          },
          spostamento: { righe: riga - ancora.top, colonne: colonna - ancora.left },
        });
        if (vera) return regola;
      } catch (e) {
        if (!(e instanceof FormulaNonSupportata)) throw e;
      }
    }
    return null;
  }

  /**
   * The rule giving each cell of `area` its fill (cells no rule colours are absent): regolaVisibile
   * for a whole area at once, looking at each cell's own rules only (a page draws thousands of cells).
   */
  regoleVisibili(area: Area): Map<string, RegolaFinta> {
    const perCella = new Map<string, RegolaFinta[]>();
    for (const regola of this.formattazioni) {
      if (regola.tipo !== "Custom" || !regola.formula || !regola.colore) continue;
      for (const a of regola.aree) {
        const comuni = intersezione(a, area);
        if (comuni)
          for (let r = comuni.top; r <= comuni.bottom; r++)
            for (let c = comuni.left; c <= comuni.right; c++) {
              const k = `${r},${c}`;
              const elenco = perCella.get(k);
              if (elenco) {
                if (!elenco.includes(regola)) elenco.push(regola);
              } else perCella.set(k, [regola]);
            }
      }
    }
    const visibili = new Map<string, RegolaFinta>();
    for (const [k, candidate] of perCella) {
      const [r, c] = k.split(",").map(Number);
      const regola = this.regolaVisibile(r, c, candidate);
      if (regola) visibili.set(k, regola);
    }
    return visibili;
  }

  /** The fill a person sees: a true conditional-format rule's fill wins over the cell's own (as in Excel). */
  coloreVisto(riga: number, colonna: number): string | null {
    return this.regolaVisibile(riga, colonna)?.colore ?? this.cellaIn(riga, colonna)?.colore ?? null;
  }
}
