/** A raw value as it comes out of a cell (Office.js, ExcelJS or a test grid). */
export type ValoreCella = string | number | boolean | Date | null | undefined;

export type Polarita = "crescente" | "decrescente";

/**
 * How a percentage is stored in its cell, so it can be written back the same way:
 * a 0–100 number, a fraction shown with a % number format, or text such as "92,30%".
 */
export type ScalaPercentuale = "percento" | "frazione" | "testo";

/** The columns of an indicator row that Barometro reads or writes. */
export type CampoIndicatore =
  | "settore"
  | "obiettivo"
  | "definizione"
  | "indicatore"
  | "formula"
  | "finalita"
  | "atteso"
  | "consuntivo"
  | "scostamento"
  | "note"
  | "peso"
  | "ragg"
  | "barometro"
  | "polarita";

/** The text columns: their cells are neither figures nor written by Barometro. */
export const CAMPI_TESTO = ["settore", "obiettivo", "definizione", "formula", "finalita", "note"] as const;
export type CampoTesto = (typeof CAMPI_TESTO)[number];
/** The columns whose cell addresses an indicator keeps. */
export type CampoCella = Exclude<CampoIndicatore, CampoTesto>;

export interface Indicatore {
  nome: string;
  formula: string;
  finalita: string;
  note: string;
  atteso: ValoreCella;
  consuntivo: ValoreCella;
  peso: ValoreCella;
  /** What the sheet says today; checked against the computed value. */
  scostamento: ValoreCella;
  /** What the sheet says today, on a 0–100 scale when numeric. */
  ragg: ValoreCella;
  scalaRagg: ScalaPercentuale;
  /** Raw text of the "Polarità" column; undefined when the table has none. */
  polarita: ValoreCella;
  /**
   * The figure cells shown with a percentage number format (a number there is a fraction: 0.25
   * shows 25 %); absent when none is. Read by lettura.ts.
   */
  percentuali?: Partial<Record<"atteso" | "consuntivo" | "peso" | "scostamento", boolean>>;
  /**
   * The number format Barometro gives the % Ragg cell when it writes there: set only for a cell
   * left blank and unformatted in a line whose other % Ragg cells hold fractions shown as
   * percentages (the line's dress; scalaRagg is then "frazione"). Absent otherwise.
   */
  formatoRagg?: string;
  foglio: string;
  /** 1-based sheet row. */
  riga: number;
  /**
   * A1 addresses (no sheet name) of this row's cells that Barometro reads as figures, writes, or
   * points Verifica at. The text columns' (Settore … Note) are not kept per row: on a big sheet
   * they were a tenth of the reading time; their columns are the table header's.
   */
  celle: Partial<Record<CampoCella, string>>;
  /** Formulas found in this row's cells, by column: Barometro never overwrites them. */
  formule: Partial<Record<CampoIndicatore, string>>;
}

export interface Obiettivo {
  nome: string;
  settore: string;
  definizione: string;
  foglio: string;
  riga: number;
  /** A1 address of its Obiettivo cell; absent when the table has no such cell for it. */
  cella?: string;
  indicatori: Indicatore[];
}

export interface PercentualeLinea {
  cella: string;
  /** On a 0–100 scale when numeric. */
  valore: ValoreCella;
  scala: ScalaPercentuale;
  formula?: string;
}

export interface Linea {
  nome: string;
  foglio: string;
  /** Address of the title cell ("LINEA STRATEGICA …"); absent when the sheet name is the title. */
  cellaTitolo?: string;
  percentuale?: PercentualeLinea;
  obiettivi: Obiettivo[];
}

export interface RisultatoIndicatore {
  /**
   * % Ragg used for the objective, on 0–100, unrounded: the rule's value, or the result of the
   * user's own formula in the % Ragg cell when it has one. Null when there is nothing to use.
   */
  ragg: number | null;
  /** % Ragg by the rule, from atteso and consuntivo; null when the indicator is "da rilevare". */
  raggRegola: number | null;
  /** True when `ragg` comes from a formula the user put in the % Ragg cell. */
  daFormula: boolean;
  /**
   * consuntivo − atteso in the unit of the cells (a fraction between targets stored as fractions
   * behind a percentage format: 0.75 − 0.8); null when either is missing.
   */
  scostamento: number | null;
  daRilevare: boolean;
  polarita: Polarita;
}

export interface RisultatoObiettivo {
  /** Weighted achievement on 0–100, unrounded; null when neutralised or nothing measured yet. */
  ragg: number | null;
  neutralizzato: boolean;
  sommaPesi: number;
  indicatori: RisultatoIndicatore[];
}

export interface RisultatoLinea {
  percentuale: number | null;
  incompleta: boolean;
  neutralizzati: number;
  obiettivi: RisultatoObiettivo[];
}

export interface RisultatoEnte {
  percentuale: number | null;
  incompleta: boolean;
  linee: RisultatoLinea[];
}
