/**
 * What the workbench (and the tests) put in place of Office around the in-memory Excel:
 * - formulas computed when written, as Excel does: =PERF.RAGG(…) by the real PERF implementation
 *   (src/functions/perf.ts, what the shared runtime runs), the rest by the conditional-format
 *   evaluator (Barometro's label formula, simple arithmetic); other formulas keep the cell's value;
 * - Office.context.diagnostics, Office.context.requirements and the document settings with
 *   refreshAsync, for Diagnostica.
 * It imports no Node module (the workbench is a browser page).
 */
import { AmbienteOffice, INSIEMI_REQUISITI, confrontaVersioni } from "../app/diagnostica";
import { ImpostazioniDiagnostica } from "../excel/diagnostica";
import { isErrore } from "../functions/conversioni";
import { ragg } from "../functions/perf";
import { calcolaFormula } from "./calcolo-formule";
import { CartellaFinta, FoglioFinto, ValoreFinto, ValutaFormula } from "./index";
import { areaDaA1 } from "../excel/addresses";

/** One argument of a PERF call: a number, a "text" or a cell of the same sheet. */
const ARGOMENTO = /^\s*(?:(-?\d+(?:\.\d+)?)|"((?:[^"]|"")*)"|\$?([A-Z]{1,3})\$?(\d+))\s*$/i;

/** The value of one argument, as Excel passes it to a custom function (an empty cell is null). */
function argomento(testo: string, foglio: FoglioFinto): { valore: unknown } | null {
  const m = ARGOMENTO.exec(testo);
  if (!m) return null;
  if (m[1] !== undefined) return { valore: Number(m[1]) };
  if (m[2] !== undefined) return { valore: m[2].replace(/""/g, '"') };
  const { top, left } = areaDaA1(`${m[3]}${m[4]}`);
  const v = foglio.cellaIn(top, left)?.valore ?? null;
  return { valore: v === "" ? null : v };
}

/**
 * =PERF.RAGG(atteso, consuntivo[, polarità]) computed by perf.ts's ragg(), as the registered
 * function would: a number, or the error code it returns. Undefined when the formula is not a
 * PERF.RAGG call with scalar arguments (the caller then tries something else).
 */
export function valutaPerfRagg(formula: string, foglio: FoglioFinto): ValoreFinto | undefined {
  const m = /^=\s*PERF\.RAGG\s*\((.*)\)\s*$/i.exec(formula);
  if (!m) return undefined;
  const parti = m[1].split(",");
  if (parti.length < 2 || parti.length > 3) return "#VALUE!";
  const argomenti = parti.map((p) => argomento(p, foglio));
  if (argomenti.some((a) => a === null)) return undefined;
  const [a, c, p] = argomenti.map((x) => (x as { valore: unknown }).valore);
  const esito = ragg(a, c, p);
  const primo = isErrore(esito) ? esito : esito[0]?.[0];
  if (primo === undefined) return "#VALUE!";
  return isErrore(primo) ? primo.codice : primo;
}

/**
 * Excel computes a formula when it is written; the fake computes PERF.RAGG (valutaPerfRagg) and
 * what the conditional-format evaluator knows (Barometro's label in the Barometro cell,
 * formulaBarometro). Others (the other PERF.*) keep the cell's value.
 */
export const valutaFormulaBanco: ValutaFormula = (formula, foglio, riga, colonna) => {
  const perf = valutaPerfRagg(formula, foglio);
  return perf !== undefined ? perf : calcolaFormula(formula, foglio, riga, colonna);
};

/** Office.context.diagnostics of the workbench: says plainly that this is not Excel. */
export const AMBIENTE_BANCO: AmbienteOffice = {
  host: "Excel (finto, banco di prova)",
  piattaforma: "Browser",
  versione: "banco di prova",
};

/**
 * Office.context.requirements.isSetSupported for the fake: the versions Barometro requires (the
 * fake implements what Barometro uses, no more), 1.1 for the other sets the report names.
 */
export function requisitiBanco(nome: string, versione: string): boolean {
  const insieme = INSIEMI_REQUISITI.find((s) => s.nome === nome);
  if (!insieme) return false;
  return confrontaVersioni(versione, insieme.richiesta ?? "1.1") <= 0;
}

/**
 * The fake workbook's document settings with refreshAsync: the in-memory copy is replaced by what
 * the file holds (what Office does: unsaved changes are lost), then the callback, asynchronously.
 */
export function impostazioniBanco(cartella: CartellaFinta): ImpostazioniDiagnostica {
  const base = cartella.impostazioni as ImpostazioniDiagnostica;
  if (typeof base.refreshAsync === "function") return base;
  return {
    get: (n) => base.get(n),
    set: (n, v) => base.set(n, v),
    remove: (n) => base.remove(n),
    saveAsync: (cb) => base.saveAsync(cb),
    refreshAsync: (cb) => {
      cartella.riapri();
      void Promise.resolve().then(() => cb?.({ status: "succeeded", error: null }));
    },
  };
}
