import { ErroreExcel, FormulaNonSupportata, valutaFormula } from "./formula-condizionale";
import type { CartellaFinta, ValutaFormula } from "./index";

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

/**
 * Excel's automatic calculation after a person edits a cell: every formula of the workbook that
 * the fake computes (the workbook's valutaFormula) is computed again from the cells' current
 * values, pass after pass until nothing changes (a formula reading another formula's cell — the
 * Barometro label and the rules reading % Ragg — follows it whatever the order), at most `passi`
 * passes. The fake computes a formula only when it is written; call this after changing a cell
 * by hand (FoglioFinto.imposta), as a colleague typing in Excel would. Returns the passes made.
 */
export function ricalcolaFormule(cartella: CartellaFinta, passi = 10): number {
  const valuta = cartella.valutaFormula;
  if (!valuta) return 0;
  for (let passo = 1; passo <= passi; passo++) {
    let cambiate = 0;
    for (const foglio of cartella.fogli)
      for (const { riga, colonna, cella } of [...foglio.celle()]) {
        if (!cella.formula) continue;
        const valore = valuta(cella.formula, foglio, riga, colonna);
        if (valore === undefined || valore === cella.valore) continue;
        foglio.impostaIn(riga, colonna, { valore });
        cambiate++;
      }
    if (cambiate === 0) return passo;
  }
  return passi;
}
