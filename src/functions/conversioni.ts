/**
 * Argument coercion shared by every PERF.* function: what Excel passes in (scalars, 2-D ranges,
 * empty cells, error values, Italian text numbers) becomes numbers, "missing" or a typed error.
 * Pure: no Office.js here, so everything is testable under Node.
 */
import { leggiCoppia, numeroDaCella, parsePolarita, Polarita, ValoreCella } from "../engine";

/** Excel error values a PERF.* function can return (#REF! and #NAME? are input-only in Excel). */
export type CodiceErrore = "#VALUE!" | "#N/A" | "#DIV/0!" | "#NUM!" | "#NULL!";

/** A typed error: functions.ts turns it into `new CustomFunctions.Error(codice, messaggio)`. */
export interface ErrorePerf {
  readonly tipo: "errore";
  readonly codice: CodiceErrore;
  /** Italian text shown by Excel next to #VALUE! and #N/A (the only codes that allow a message). */
  readonly messaggio: string;
}

/** Excel accepts a custom message only with these two codes. */
export const CODICI_CON_MESSAGGIO: ReadonlySet<CodiceErrore> = new Set<CodiceErrore>(["#VALUE!", "#N/A"]);

const CODICI_RESTITUIBILI: ReadonlySet<string> = new Set<CodiceErrore>([
  "#VALUE!",
  "#N/A",
  "#DIV/0!",
  "#NUM!",
  "#NULL!",
]);

/** How Italian Excel shows each error code: messages speak of the #N/D the user sees in the sheet. */
const NOMI_ITALIANI: Readonly<Record<string, string>> = {
  "#N/A": "#N/D",
  "#VALUE!": "#VALORE!",
  "#REF!": "#RIF!",
  "#NAME?": "#NOME?",
  "#NULL!": "#NULLO!",
  "#DIV/0!": "#DIV/0!",
  "#NUM!": "#NUM!",
};

/** An error code as Italian Excel writes it ("#N/A" → "#N/D"); unknown codes as they are. */
function nomeErrore(codice: string): string {
  return NOMI_ITALIANI[codice] ?? codice;
}

/**
 * An error value found in an input cell, passed on with its code; codes a function cannot return
 * (#REF!, #NAME?, anything unknown) become #VALUE!. The message names the input (`campo`) and the
 * code as the user sees it, followed by the message the error came with, if any (another PERF
 * function's): "% Ragg #N/D in ingresso (Target consuntivo mancante)."
 */
function erroreInIngresso(codice: string, messaggio: unknown, campo?: string): ErrorePerf {
  const origine = typeof messaggio === "string" ? messaggio.trim().replace(/\.$/, "") : "";
  const testo = `${campo ? `${campo} ` : ""}${nomeErrore(codice)} in ingresso${origine ? ` (${origine})` : ""}.`;
  const restituibile = CODICI_RESTITUIBILI.has(codice) ? (codice as CodiceErrore) : "#VALUE!";
  return { tipo: "errore", codice: restituibile, messaggio: testo };
}

export function erroreValore(messaggio: string): ErrorePerf {
  return { tipo: "errore", codice: "#VALUE!", messaggio };
}

export function erroreMancante(messaggio: string): ErrorePerf {
  return { tipo: "errore", codice: "#N/A", messaggio };
}

export function isErrore(x: unknown): x is ErrorePerf {
  return typeof x === "object" && x !== null && (x as { tipo?: unknown }).tipo === "errore";
}

/** Prefixes the message of an error with where it happened ("Riga 3: …"). */
export function conContesto(errore: ErrorePerf, contesto: string): ErrorePerf {
  return { ...errore, messaggio: errore.messaggio ? `${contesto}: ${errore.messaggio}` : contesto };
}

/** A cell after coercion: a plain value, or the error value the cell holds. */
export type ValoreLetto = ValoreCella | ErrorePerf;

/**
 * One cell as Excel passes it. Besides numbers, strings and booleans this may be: null / undefined /
 * "" (empty cell; older desktop builds pass 0, which cannot be told apart), or a CustomFunctions.Error
 * ({ code: "#N/A", message? }): Excel passes error values because functions.json sets
 * allowErrorForDataTypeAny (scripts/metadati-funzioni.js). `campo` names the input in the message
 * of an error value ("% Ragg #N/D in ingresso.").
 * Excel data-type objects ({ type: "Double", basicValue: 3 }, { type: "Error", basicValue: "#N/A" })
 * reach a function only with allowCustomDataForDataTypeAny (CustomFunctionsRuntime 1.4), which our
 * metadata leaves out; should one arrive anyway, its basic value is used.
 */
export function leggiCella(valore: unknown, campo?: string): ValoreLetto {
  if (valore === null || valore === undefined) return null;
  if (typeof valore === "number" || typeof valore === "string" || typeof valore === "boolean") return valore;
  if (valore instanceof Date) return valore;
  if (isErrore(valore)) return valore;
  if (typeof valore === "object") {
    const o = valore as { code?: unknown; message?: unknown; type?: unknown; basicValue?: unknown };
    // CustomFunctions.Error (an error in the input cell): { code: "#N/A", message? }
    if (typeof o.code === "string" && o.code.startsWith("#")) return erroreInIngresso(o.code, o.message, campo);
    // Data-type error value: { type: "Error", basicValue: "#N/A", ... }
    if (o.type === "Error")
      return erroreInIngresso(typeof o.basicValue === "string" ? o.basicValue : "#VALUE!", undefined, campo);
    // Other data types (formatted numbers, strings, booleans): their plain value.
    if ("basicValue" in o) return leggiCella(o.basicValue, campo);
  }
  return erroreValore(`${campo ? `${campo}: t` : "T"}ipo di valore non supportato.`);
}

/** True for an empty cell: null, undefined or blank text. */
export function vuota(valore: ValoreLetto): boolean {
  return valore === null || valore === undefined || (typeof valore === "string" && valore.trim() === "");
}

/** How a cell is quoted in messages: «78,5», «VERO». */
export function testoCella(valore: ValoreLetto): string {
  if (typeof valore === "boolean") return valore ? "VERO" : "FALSO";
  if (typeof valore === "string") return valore.trim().length > 40 ? `${valore.trim().slice(0, 37)}…` : valore.trim();
  if (valore instanceof Date) return valore.toISOString().slice(0, 10);
  return String(valore);
}

/**
 * A number as the engine reads it (real numbers, "3.800", "78,5", "80%").
 * null = empty cell; an error for anything that is not a number (text, VERO/FALSO, error values).
 */
export function leggiNumero(valore: unknown, campo: string): number | null | ErrorePerf {
  const cella = leggiCella(valore, campo);
  if (isErrore(cella)) return cella;
  if (vuota(cella)) return null;
  const n = numeroDaCella(cella);
  if (n === null) return erroreValore(`${campo} «${testoCella(cella)}» non è un numero.`);
  return n;
}

/**
 * Target atteso and consuntivo of one row, read together as the engine reads a sheet's row: numbers
 * as leggiNumero, and a binary row's words or booleans as 1 / 0 (PERF.RAGG("Sì"; "Sì") = 100).
 * null = empty cell; an error value in a cell, or a cell that is no figure, is an error (atteso's first).
 */
export function leggiTarget(
  atteso: unknown,
  consuntivo: unknown
): { atteso: number | null; consuntivo: number | null } | ErrorePerf {
  const a = leggiCella(atteso, "Target atteso");
  if (isErrore(a)) return a;
  const c = leggiCella(consuntivo, "Target consuntivo");
  const coppia = leggiCoppia(vuota(a) ? null : a, isErrore(c) || vuota(c) ? null : c);
  if (!vuota(a) && coppia.atteso === null) return erroreValore(`Target atteso «${testoCella(a)}» non è un numero.`);
  if (isErrore(c)) return c;
  if (!vuota(c) && coppia.consuntivo === null)
    return erroreValore(`Target consuntivo «${testoCella(c)}» non è un numero.`);
  return { atteso: coppia.atteso, consuntivo: coppia.consuntivo };
}

/** Polarity: ↑ / ↓, + / -, maggiore / minore, crescente / decrescente; empty = ↑. */
export function leggiPolarita(valore: unknown): Polarita | ErrorePerf {
  const cella = leggiCella(valore, "Polarità");
  if (isErrore(cella)) return cella;
  const polarita = parsePolarita(cella);
  if (polarita === null) {
    return erroreValore(
      `Polarità «${testoCella(cella)}» non riconosciuta: usare ↑ o ↓ (oppure + / -, maggiore / minore, crescente / decrescente, positiva / negativa).`
    );
  }
  return polarita;
}

/** A rectangular block of cells, as Excel passes a range (rows of columns). */
export type Matrice = unknown[][];

/**
 * Any argument as a rectangular 2-D array: a scalar becomes 1×1, a missing optional argument
 * becomes [[null]], a 1-D array one row. Ragged input is an error.
 */
export function comeMatrice(arg: unknown, nome: string): Matrice | ErrorePerf {
  if (arg === undefined || arg === null) return [[null]];
  if (!Array.isArray(arg)) return [[arg]];
  if (arg.length === 0) return [[null]];
  const righe: unknown[][] = arg.every((r) => Array.isArray(r)) ? (arg as unknown[][]) : [arg];
  const colonne = righe[0].length;
  if (colonne === 0 || righe.some((r) => r.length !== colonne)) {
    return erroreValore(`L'intervallo ${nome} non è rettangolare.`);
  }
  return righe;
}

export interface Dimensioni {
  righe: number;
  colonne: number;
}

export function dimensioni(m: Matrice): Dimensioni {
  return { righe: m.length, colonne: m[0].length };
}

const descrivi = (d: Dimensioni) => `${d.righe}×${d.colonne}`;

/**
 * The shape of an element-wise result: every argument is either a single cell (used for every
 * row, as Excel does) or has the same rows × columns as the others.
 */
export function dimensioniComuni(argomenti: ReadonlyArray<[string, Matrice]>): Dimensioni | ErrorePerf {
  const grandi = argomenti.filter(([, m]) => m.length * m[0].length > 1);
  if (grandi.length === 0) return { righe: 1, colonne: 1 };
  const [nome0, m0] = grandi[0];
  const d0 = dimensioni(m0);
  for (const [nome, m] of grandi.slice(1)) {
    const d = dimensioni(m);
    if (d.righe !== d0.righe || d.colonne !== d0.colonne) {
      return erroreValore(
        `Gli intervalli devono avere le stesse dimensioni: ${nome0} è ${descrivi(d0)}, ${nome} è ${descrivi(d)}.`
      );
    }
  }
  return d0;
}

/** Cell (r, c) of an argument, repeating a single cell over the whole result. */
export function cella(m: Matrice, r: number, c: number): unknown {
  return m.length === 1 && m[0].length === 1 ? m[0][0] : m[r][c];
}

/** Applies a per-cell function over the common shape of the arguments. */
export function perCella<T>(
  argomenti: ReadonlyArray<[string, unknown]>,
  f: (celle: unknown[]) => T | ErrorePerf
): Array<Array<T | ErrorePerf>> | ErrorePerf {
  const matrici: Array<[string, Matrice]> = [];
  for (const [nome, arg] of argomenti) {
    const m = comeMatrice(arg, nome);
    if (isErrore(m)) return m;
    matrici.push([nome, m]);
  }
  const d = dimensioniComuni(matrici);
  if (isErrore(d)) return d;
  const out: Array<Array<T | ErrorePerf>> = [];
  for (let r = 0; r < d.righe; r++) {
    const riga: Array<T | ErrorePerf> = [];
    for (let c = 0; c < d.colonne; c++) riga.push(f(matrici.map(([, m]) => cella(m, r, c))));
    out.push(riga);
  }
  return out;
}

/**
 * The cells of a single row or column, in order. A block with more than one row and more than
 * one column is an error (PERF.LINEA and PERF.OBIETTIVO read columns laid out as in the sheet).
 */
export function comeVettore(arg: unknown, nome: string): unknown[] | ErrorePerf {
  const m = comeMatrice(arg, nome);
  if (isErrore(m)) return m;
  if (m.length === 1) return m[0];
  if (m[0].length === 1) return m.map((r) => r[0]);
  return erroreValore(
    `${nome} deve essere una sola colonna (o una sola riga), non un blocco ${descrivi(dimensioni(m))}.`
  );
}

/** All the cells of a block, row by row (PERF.ENTE accepts any shape). */
export function tutteLeCelle(arg: unknown, nome: string): unknown[] | ErrorePerf {
  const m = comeMatrice(arg, nome);
  if (isErrore(m)) return m;
  return m.flat();
}
