import { CampoIndicatore, ValoreCella } from "../../src/engine";
import { a1, Area, parseA1, SheetGrid } from "../../src/layout/griglia";

/** A header cell: its text and the field it stands for (none for an extra, unknown column). */
export interface Colonna {
  titolo: string;
  campo?: CampoIndicatore;
}

export const COLONNE_STANDARD: Colonna[] = [
  { titolo: "Settore", campo: "settore" },
  { titolo: "Obiettivo", campo: "obiettivo" },
  { titolo: "Definizione", campo: "definizione" },
  { titolo: "Indicatore", campo: "indicatore" },
  { titolo: "Formula", campo: "formula" },
  { titolo: "Finalità", campo: "finalita" },
  { titolo: "Target atteso", campo: "atteso" },
  { titolo: "Target Consuntivo", campo: "consuntivo" },
  { titolo: "Scostamento", campo: "scostamento" },
  { titolo: "Note", campo: "note" },
  { titolo: "Peso", campo: "peso" },
  { titolo: "% Ragg", campo: "ragg" },
  { titolo: "Barometro", campo: "barometro" },
];

export interface SpecIndicatore {
  nome?: ValoreCella;
  formula?: ValoreCella;
  finalita?: ValoreCella;
  atteso?: ValoreCella;
  consuntivo?: ValoreCella;
  scostamento?: ValoreCella;
  note?: ValoreCella;
  peso?: ValoreCella;
  ragg?: ValoreCella;
  /** Number format of the % Ragg cell. */
  raggFmt?: string;
  polarita?: ValoreCella;
  /** Values of extra (unknown) columns, by header text. */
  extra?: Record<string, ValoreCella>;
  /** Formula text by field. */
  formule?: Partial<Record<CampoIndicatore, string>>;
}

export interface SpecObiettivo {
  settore?: string;
  nome: string;
  definizione?: string;
  indicatori: SpecIndicatore[];
}

export interface SpecSezione {
  titolo?: string;
  /** "Relazione sulla Performance 2024" above the title (default: when there is a title). */
  relazione?: boolean;
  percentuale?: {
    valore: ValoreCella;
    fmt?: string;
    formula?: string;
    dove: "destra" | "sotto";
    /** Blank rows between the label and a value placed below it. */
    righeVuote?: number;
    /** Columns the label is merged across. */
    larghezzaEtichetta?: number;
  };
  colonne?: Colonna[];
  /** Absolute 0-based column of the table's first column (default: the sheet origin's). */
  colonna?: number;
  /** How Settore / Obiettivo / Definizione continue on an objective's later rows. */
  continuazione?: "unione" | "vuota";
  /** Indicator indices (counted across the section) before which the header row is repeated. */
  intestazioneRipetuta?: number[];
  /** Indicator indices (counted across the section) before which a blank row is left. */
  righeVuote?: number[];
  obiettivi: SpecObiettivo[];
}

export interface LayoutSezione {
  rigaTitolo?: number;
  cellaTitolo?: string;
  cellaPercentuale?: string;
  cellaEtichetta?: string;
  righeIntestazione: number[];
  /** Absolute 0-based row of each indicator, by objective. */
  righe: number[][];
  colonna(campo: CampoIndicatore): number;
  /** A1 address of one indicator's cell. */
  cella(campo: CampoIndicatore, obiettivo: number, indicatore: number): string;
}

interface Cella {
  v: ValoreCella;
  fmt?: string;
  f?: string;
}

/** Builds a SheetGrid cell by cell or section by section, in absolute sheet coordinates. */
export class FoglioBuilder {
  private readonly celle = new Map<string, Cella>();
  private readonly unioni: Area[] = [];
  private readonly origine: { row: number; col: number };
  /** Next free row (absolute, 0-based). */
  cursore: number;

  constructor(
    readonly nome: string,
    origine: { row: number; col: number } = { row: 0, col: 0 }
  ) {
    this.origine = origine;
    this.cursore = origine.row;
  }

  /** Sets one cell; `ref` is "B7" or [row, col] (0-based). */
  cella(ref: string | [number, number], v: ValoreCella, opzioni: { fmt?: string; f?: string } = {}): this {
    const { row, col } = typeof ref === "string" ? parseA1(ref) : { row: ref[0], col: ref[1] };
    this.celle.set(`${row},${col}`, { v, ...opzioni });
    return this;
  }

  /** Values of one row from a starting column. */
  riga(row: number, col: number, valori: ValoreCella[]): this {
    valori.forEach((v, i) => this.cella([row, col + i], v));
    this.cursore = Math.max(this.cursore, row + 1);
    return this;
  }

  /** Merges "B7:B9" (or an Area); only the top-left keeps its value, as in Excel. */
  unisci(area: string | Area): this {
    if (typeof area === "string") {
      const [da, a] = area.split(":").map(parseA1);
      area = { top: da.row, left: da.col, bottom: a.row, right: a.col };
    }
    this.unioni.push(area);
    return this;
  }

  vuote(n = 1): this {
    this.cursore += n;
    return this;
  }

  /** Lays out a whole section (title, percentage label, header, objectives) from the cursor. */
  sezione(spec: SpecSezione): LayoutSezione {
    const colonne = spec.colonne ?? COLONNE_STANDARD;
    const c0 = spec.colonna ?? this.origine.col;
    const layout: LayoutSezione = {
      righeIntestazione: [],
      righe: [],
      colonna: (campo) => {
        const i = colonne.findIndex((c) => c.campo === campo);
        if (i < 0) throw new Error(`colonna ${campo} assente`);
        return c0 + i;
      },
      cella: (campo, o, i) => a1(layout.righe[o][i], layout.colonna(campo)),
    };

    if (spec.titolo !== undefined) {
      if (spec.relazione ?? true) this.cella([this.cursore++, c0], "Relazione sulla Performance 2024");
      layout.rigaTitolo = this.cursore;
      layout.cellaTitolo = a1(this.cursore, c0);
      this.cella([this.cursore, c0], spec.titolo);
      this.unisci({ top: this.cursore, left: c0, bottom: this.cursore, right: c0 + 5 });
      this.cursore += 2;
    }
    if (spec.percentuale) this.percentuale(spec.percentuale, c0, layout);

    const intestazione = () => {
      layout.righeIntestazione.push(this.cursore);
      this.riga(
        this.cursore,
        c0,
        colonne.map((c) => c.titolo)
      );
    };
    intestazione();

    let k = 0;
    for (const obiettivo of spec.obiettivi) {
      const righe: number[] = [];
      obiettivo.indicatori.forEach((ind) => {
        if (spec.righeVuote?.includes(k)) this.cursore++;
        if (spec.intestazioneRipetuta?.includes(k)) intestazione();
        righe.push(this.cursore);
        this.rigaIndicatore(ind, colonne, c0, righe.length === 1 ? obiettivo : undefined);
        k++;
      });
      layout.righe.push(righe);
      this.continuazione(righe, colonne, c0, spec.continuazione ?? "unione");
    }
    this.cursore++;
    return layout;
  }

  private percentuale(p: NonNullable<SpecSezione["percentuale"]>, c0: number, layout: LayoutSezione): void {
    const riga = this.cursore;
    const larghezza = p.larghezzaEtichetta ?? 1;
    this.cella([riga, c0], "% Raggiungimento obiettivi per area strategica");
    layout.cellaEtichetta = a1(riga, c0);
    if (larghezza > 1) this.unisci({ top: riga, left: c0, bottom: riga, right: c0 + larghezza - 1 });
    const [r, c] = p.dove === "destra" ? [riga, c0 + larghezza] : [riga + 1 + (p.righeVuote ?? 0), c0];
    this.cella([r, c], p.valore, { fmt: p.fmt, f: p.formula });
    layout.cellaPercentuale = a1(r, c);
    this.cursore = r + 2;
  }

  private rigaIndicatore(ind: SpecIndicatore, colonne: Colonna[], c0: number, obiettivo?: SpecObiettivo): void {
    const riga = this.cursore++;
    colonne.forEach((colonna, i) => {
      const campo = colonna.campo;
      let v: ValoreCella;
      if (!campo) v = ind.extra?.[colonna.titolo];
      else if (campo === "settore" || campo === "obiettivo" || campo === "definizione") {
        v = obiettivo
          ? { settore: obiettivo.settore, obiettivo: obiettivo.nome, definizione: obiettivo.definizione }[campo]
          : undefined;
      } else if (campo === "indicatore") v = ind.nome;
      else if (campo !== "barometro") v = ind[campo];
      const f = campo ? ind.formule?.[campo] : undefined;
      const fmt = campo === "ragg" ? ind.raggFmt : undefined;
      if (v !== undefined || f !== undefined || fmt !== undefined) this.cella([riga, c0 + i], v ?? null, { f, fmt });
    });
  }

  /** Merges Settore / Obiettivo / Definizione over each run of consecutive rows of an objective. */
  private continuazione(righe: number[], colonne: Colonna[], c0: number, modo: "unione" | "vuota"): void {
    if (modo === "vuota" || righe.length < 2) return;
    const tratti: number[][] = [];
    for (const r of righe) {
      const ultimo = tratti[tratti.length - 1];
      if (ultimo && ultimo[ultimo.length - 1] === r - 1) ultimo.push(r);
      else tratti.push([r]);
    }
    for (const campo of ["settore", "obiettivo", "definizione"] as const) {
      const i = colonne.findIndex((c) => c.campo === campo);
      if (i < 0) continue;
      for (const tratto of tratti) {
        if (tratto.length > 1)
          this.unisci({ top: tratto[0], left: c0 + i, bottom: tratto[tratto.length - 1], right: c0 + i });
      }
    }
  }

  build(): SheetGrid {
    let maxRow = this.origine.row;
    let maxCol = this.origine.col;
    for (const key of this.celle.keys()) {
      const [r, c] = key.split(",").map(Number);
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, c);
    }
    const righe = maxRow - this.origine.row + 1;
    const colonne = maxCol - this.origine.col + 1;
    const tabella = <T>(fill: (c: Cella | undefined) => T): T[][] =>
      Array.from({ length: righe }, (_, i) =>
        Array.from({ length: colonne }, (_, j) =>
          fill(this.celle.get(`${this.origine.row + i},${this.origine.col + j}`))
        )
      );
    const grid: SheetGrid = {
      name: this.nome,
      values: tabella((c) => (c ? c.v : null)),
      numberFormats: tabella((c) => c?.fmt ?? "General"),
      formulas: tabella((c) => c?.f ?? ""),
      merges: [...this.unioni],
    };
    if (this.origine.row !== 0 || this.origine.col !== 0) grid.origin = { ...this.origine };
    return grid;
  }
}

/** A small standard objective list: names and indicator counts are all tests need most of the time. */
export function obiettiviSemplici(...conteggi: [string, number][]): SpecObiettivo[] {
  return conteggi.map(([nome, n], o) => ({
    settore: `Settore ${o + 1}`,
    nome,
    definizione: `Definizione di ${nome}`,
    indicatori: Array.from({ length: n }, (_, i) => ({
      nome: `${nome} – indicatore ${i + 1}`,
      formula: "1 = fatto 0 = non fatto",
      finalita: "Finalità",
      atteso: 1,
      consuntivo: 1,
      scostamento: 0,
      peso: Math.round(100 / n),
      ragg: 100,
    })),
  }));
}
