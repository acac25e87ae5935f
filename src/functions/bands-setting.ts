/**
 * The workbook's Barometro bands, for PERF.BAROMETRO.
 *
 * They live in the document settings (Office.context.document.settings) under the key
 * "barometro.bande", as the thresholds of the two upper bands on the 0–100 scale:
 *
 *   { "raggiunto": 90, "parziale": 70 }      (an object, or the same as a JSON string)
 *
 * The task pane writes this setting; until it is set (or outside Office) the engine's defaults
 * apply. A setting that is present but invalid is reported, never silently replaced.
 */
import { BANDE_PREDEFINITE, Bande, creaBande } from "../engine";
import { ErrorePerf, erroreValore } from "./coerce";

export const CHIAVE_BANDE = "barometro.bande";

export interface SoglieBande {
  raggiunto: number;
  parziale: number;
}

const invalida = (dettaglio: string) =>
  erroreValore(`Le soglie del Barometro salvate nella cartella («${CHIAVE_BANDE}») non sono valide: ${dettaglio}`);

/** Bands from the raw setting value: null/undefined → defaults. Pure, for tests. */
export function bandeDaImpostazione(valore: unknown): Bande | ErrorePerf {
  if (valore === null || valore === undefined || valore === "") return BANDE_PREDEFINITE;
  let dato: unknown = valore;
  if (typeof valore === "string") {
    try {
      dato = JSON.parse(valore);
    } catch {
      return invalida("il testo non è JSON.");
    }
  }
  const soglie = dato as Partial<SoglieBande> | null;
  if (
    typeof soglie !== "object" ||
    soglie === null ||
    typeof soglie.raggiunto !== "number" ||
    typeof soglie.parziale !== "number"
  ) {
    return invalida('servono due numeri, { "raggiunto": …, "parziale": … }.');
  }
  const bande = creaBande({ raggiunto: soglie.raggiunto, parziale: soglie.parziale });
  return typeof bande === "string" ? invalida(bande) : bande;
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
