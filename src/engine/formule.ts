/**
 * Barometro's own cell formulas, as the engine must know them. In the «formule di Excel» mode
 * (src/layout/formule-celle.ts) Scostamento, % Ragg and the line's percentage are plain Excel
 * formulas that end their computation with MARCATORE_FORMULA: N() of a text is 0, so the marker
 * changes nothing in the result, and it tells Barometro's formulas from the user's. The engine
 * treats Barometro's % Ragg formula as the rule itself (as it treats =PERF.RAGG): its cached value
 * may lag behind the cells, the rule does not.
 */

/** Appended to the number every such formula computes: +0 × N(text), which is +0. */
export const MARCATORE_FORMULA = '+0*N("barometro")';

const MARCATORE = /\+\s*0\s*\*\s*N\(\s*"barometro"\s*\)/i;
const PERF_RAGG = /^=\s*PERF\.RAGG\s*\(/i;

/** True for a Scostamento, % Ragg or line formula written by Barometro (it carries MARCATORE_FORMULA). */
export function isFormulaDiBarometro(formula: string | null | undefined): boolean {
  return typeof formula === "string" && formula.trimStart().startsWith("=") && MARCATORE.test(formula);
}

/**
 * True for a % Ragg formula that computes the rule itself: =PERF.RAGG(…) or Barometro's own
 * Excel formula. Any other formula is the user's, and its value is used.
 */
export function isFormulaDellaRegola(formula: string | null | undefined): boolean {
  return typeof formula === "string" && (PERF_RAGG.test(formula) || isFormulaDiBarometro(formula));
}
