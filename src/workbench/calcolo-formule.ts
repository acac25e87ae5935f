import { ErroreExcel, FormulaNonSupportata, valutaFormula } from "../excel/formula-condizionale";
import { ValutaFormula } from "./fake-excel";

/**
 * Excel computes a formula when it is written; the fake computes those the conditional-format
 * evaluator knows (Barometro's label in the Barometro cell, formulaBarometro; the «formule di
 * Excel» of Scostamento, % Ragg and the line, formule-celle.ts). Others (PERF.*) keep the cell's
 * value, as before.
 */
export const calcolaFormula: ValutaFormula = (formula, foglio) => {
  try {
    const v = valutaFormula(formula, {
      valore: (r, c) => {
        const x = foglio.cellaIn(r, c)?.valore ?? null;
        return x === "" ? null : x;
      },
      spostamento: { righe: 0, colonne: 0 },
    });
    const primo = Array.isArray(v) ? (v[0] ?? null) : v;
    return primo instanceof ErroreExcel ? primo.codice : primo;
  } catch (e) {
    if (e instanceof FormulaNonSupportata) return undefined;
    throw e;
  }
};
