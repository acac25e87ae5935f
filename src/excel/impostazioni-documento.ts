import { ErroreBarometro } from "../app/ricalcolo";
import { MESSAGGI_APP } from "../app/messaggi";
import { ValoriImpostazioni } from "../app/access";
import { ImpostazioniDocumento } from "./excel-api";

/**
 * Office.Settings.refreshAsync: the in-memory copy reloaded from the document (a colleague's saves
 * included). Not part of a requirement set (Excel, Word, PowerPoint have it): where it is missing or
 * fails, the in-memory copy is used as it is, as before.
 */
export function rileggiImpostazioni(s: ImpostazioniDocumento): Promise<void> {
  if (typeof s.refreshAsync !== "function") return Promise.resolve();
  return new Promise<void>((resolve) => s.refreshAsync(() => resolve()));
}

/** JSON with object keys sorted: equal settings values give equal text. */
function jsonOrdinato(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : x
  );
}

/**
 * Saves these settings, co-authoring safe. Two colleagues' add-ins on the same workbook each hold an
 * in-memory copy of the settings, loaded when the add-in started, and saveAsync writes the whole
 * copy: saving as it was lost a colleague's saves. So: the keys whose value differs from what this
 * session knew (the others are not this call's to write), then refreshAsync (the document's bag,
 * with a colleague's newer keys), then only those keys set or removed (null/undefined) on it, then
 * saveAsync. A key passed unchanged keeps the document's value, a colleague's newer one included.
 */
export async function salvaChiaviCambiate(s: ImpostazioniDocumento, valori: ValoriImpostazioni): Promise<void> {
  const cambiate = Object.entries(valori).filter(
    ([chiave, valore]) => jsonOrdinato(valore ?? null) !== jsonOrdinato(s.get(chiave) ?? null)
  );
  if (cambiate.length === 0) return;
  await rileggiImpostazioni(s);
  for (const [chiave, valore] of cambiate) {
    if (valore === null || valore === undefined) s.remove(chiave);
    else s.set(chiave, valore);
  }
  await new Promise<void>((resolve, reject) =>
    s.saveAsync((risultato) =>
      risultato.status === "succeeded"
        ? resolve()
        : reject(
            new ErroreBarometro(
              MESSAGGI_APP.inatteso(risultato.error?.message ?? "salvataggio delle impostazioni non riuscito")
            )
          )
    )
  );
}
