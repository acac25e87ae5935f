import { isRegolaBarometro, lineaDellaRegola, RegolaEsistente } from "../layout/regole-condizionali";
import { ExcelConditionalFormatCollection, ExcelWorksheet } from "./excel-api";

/*
 * Deleting Barometro's conditional-format rules in Excel. Rule ids are positions: the reference
 * documents ConditionalFormat.id as "the priority of the conditional format in the current
 * ConditionalFormatCollection", and ConditionalFormatCollection.add() puts a new rule "at the
 * first/top priority". An id read earlier names another rule as soon as one before it is deleted or
 * one is added, by this batch, the user or a colleague co-authoring.
 */

/**
 * Queues a fresh load of the rules of the sheets whose Barometro rules a lot deletes (no sync; none
 * when it deletes nothing): the ids of the read may be stale, and deleting several by id in one
 * batch shifts the ones after each deletion onto other rules.
 */
export function accodaRegoleAttuali(
  elimina: readonly RegolaEsistente[],
  foglio: (nome: string) => ExcelWorksheet
): Map<string, ExcelConditionalFormatCollection> {
  const attuali = new Map<string, ExcelConditionalFormatCollection>();
  for (const nome of new Set(elimina.map((e) => e.foglio))) {
    const regole = foglio(nome).getRange().conditionalFormats;
    regole.load("items/customOrNullObject/rule/formula");
    attuali.set(nome, regole);
  }
  return attuali;
}

/**
 * Deletes, from the rules just read, those that carry Barometro's marker and belong to a line whose
 * rules the plan replaces on that sheet (the line key in the marker; the old marker without one is
 * a line of its own). Never a rule without the marker: the user's. From the lowest priority up, so
 * that no deletion moves a rule still to delete.
 */
export function eliminaRegoleBarometro(
  elimina: readonly RegolaEsistente[],
  attuali: ReadonlyMap<string, ExcelConditionalFormatCollection>
): void {
  for (const [nome, regole] of attuali) {
    const linee = new Set(elimina.filter((e) => e.foglio === nome).map((e) => lineaDellaRegola(e.formula)));
    const formule = regole.items.map((cf) =>
      cf.customOrNullObject.isNullObject ? null : cf.customOrNullObject.rule.formula
    );
    for (const k of posizioniDaEliminare(formule, linee)) regole.items[k].delete();
  }
}

/** Positions (highest first) of the rules whose formula is Barometro's and of one of these lines. */
export function posizioniDaEliminare(formule: readonly (string | null)[], linee: ReadonlySet<string | null>): number[] {
  return formule
    .map((formula, k) => (isRegolaBarometro(formula) && linee.has(lineaDellaRegola(formula)) ? k : -1))
    .filter((k) => k >= 0)
    .reverse();
}
