/**
 * The workbook's Barometro bands, for PERF.BAROMETRO.
 *
 * They live in the document settings (Office.context.document.settings) under the key
 * "barometro.bande", as the thresholds of the two upper bands on the 0–100 scale:
 *
 *   { "raggiunto": 90, "parziale": 70, "etichette": {…}, "colori": {…} }   (or the same as JSON text)
 *
 * The task pane writes this setting; until it is set (or outside Office) the engine's defaults
 * apply. A setting that is present but invalid is reported, never silently replaced.
 */
import { BANDE_PREDEFINITE, Bande } from "../engine";
import { bandeDaSalvate, CHIAVE_BANDE } from "../app/impostazioni";
import { ErrorePerf, erroreValore } from "./conversioni";

export { CHIAVE_BANDE };

/** Bands from the raw setting value (thresholds, colours, labels): null/undefined → defaults. Pure, for tests. */
export function bandeDaImpostazione(valore: unknown): Bande | ErrorePerf {
  const bande = bandeDaSalvate(valore);
  return typeof bande === "string" ? erroreValore(bande) : bande;
}

/** Minimal view of Office.Settings, so tests can pass a fake. */
export interface LettoreImpostazioni {
  get(nome: string): unknown;
}

/** The document settings when running inside Office, undefined otherwise. */
function impostazioniDocumento(): LettoreImpostazioni | undefined {
  if (typeof Office === "undefined") return undefined;
  try {
    return Office.context?.document?.settings ?? undefined;
  } catch {
    return undefined;
  }
}

/** The workbook's bands (setting "barometro.bande") or the defaults. */
export function leggiBandeCartella(
  impostazioni: LettoreImpostazioni | undefined = impostazioniDocumento()
): Bande | ErrorePerf {
  if (!impostazioni) return BANDE_PREDEFINITE;
  let valore: unknown;
  try {
    valore = impostazioni.get(CHIAVE_BANDE);
  } catch {
    return BANDE_PREDEFINITE;
  }
  return bandeDaImpostazione(valore);
}
