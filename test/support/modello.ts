/**
 * The one set of builders for engine model objects (indicators, objectives, lines) in the tests.
 * Every required field of the types in src/engine/tipi.ts is filled; cell addresses follow
 * the column layout of the sample sheet (D indicatore … L % Ragg, N Polarità) on the given row.
 */
import { CampoIndicatore, Indicatore, Linea, Obiettivo, PercentualeLinea, ValoreCella } from "../../src/engine/tipi";

/** The sheet of every model object unless a test says otherwise. */
export const FOGLIO = "F";

/** Column letter of each field in the test layout. */
export const COLONNE: Record<CampoIndicatore, string> = {
  settore: "A",
  obiettivo: "B",
  definizione: "C",
  indicatore: "D",
  formula: "E",
  finalita: "F",
  atteso: "G",
  consuntivo: "H",
  scostamento: "I",
  note: "J",
  peso: "K",
  ragg: "L",
  barometro: "M",
  polarita: "N",
};

/** A1 addresses of the cells of one row; the Polarità cell only when the table has that column. */
export function celleRiga(riga: number, conPolarita = false): Partial<Record<CampoIndicatore, string>> {
  const celle: Partial<Record<CampoIndicatore, string>> = {};
  for (const [campo, col] of Object.entries(COLONNE) as [CampoIndicatore, string][]) {
    if (campo === "polarita" && !conPolarita) continue;
    celle[campo] = `${col}${riga}`;
  }
  return celle;
}

export interface OpzioniIndicatore extends Partial<Indicatore> {
  /** Adds a Polarità cell (column N) to `celle`. */
  conPolarita?: boolean;
}

let prossimaRiga = 7;

/** The next automatic row (7 by default, as in "G7"): call it before each test that counts on rows. */
export function daRiga(riga = 7): void {
  prossimaRiga = riga;
}

/** Leaves the next row blank. */
export function saltaRiga(): void {
  prossimaRiga++;
}

/**
 * An indicator with sensible defaults: atteso 100, consuntivo 100, peso 100, no sheet
 * scostamento/ragg, polarità column absent. `riga` defaults to an auto-incremented row.
 */
export function ind(opz: OpzioniIndicatore = {}): Indicatore {
  const { conPolarita, ...over } = opz;
  const riga = over.riga ?? prossimaRiga++;
  return {
    nome: "Indicatore di prova",
    formula: "numero di attività svolte",
    finalita: "",
    note: "",
    atteso: 100,
    consuntivo: 100,
    peso: 100,
    scostamento: null,
    ragg: null,
    scalaRagg: "percento",
    polarita: undefined,
    foglio: FOGLIO,
    riga,
    celle: celleRiga(riga, conPolarita ?? false),
    formule: {},
    ...over,
  };
}

/** Shortcut: an indicator with the given atteso/consuntivo/peso. */
export function indAC(
  atteso: ValoreCella,
  consuntivo: ValoreCella,
  peso: ValoreCella = 100,
  opz: OpzioniIndicatore = {}
): Indicatore {
  return ind({ atteso, consuntivo, peso, ...opz });
}

export function obiettivo(nome: string, indicatori: Indicatore[], over: Partial<Obiettivo> = {}): Obiettivo {
  return {
    nome,
    settore: "Settore prova",
    definizione: "",
    foglio: indicatori[0]?.foglio ?? FOGLIO,
    riga: indicatori[0]?.riga ?? 1,
    indicatori,
    ...over,
  };
}

export function linea(nome: string, obiettivi: Obiettivo[], over: Partial<Linea> = {}): Linea {
  return { nome, foglio: FOGLIO, cellaTitolo: "A1", obiettivi, ...over };
}

/** The sheet's line percentage cell (0–100 scale when numeric). */
export function percentuale(valore: ValoreCella, cella = "C3"): PercentualeLinea {
  return { cella, valore, scala: typeof valore === "string" ? "testo" : "percento" };
}
