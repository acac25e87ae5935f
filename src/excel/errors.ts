import { MESSAGGI_APP } from "../app/messages";
import { ErroreBarometro } from "../app/ricalcolo";
import { isErroreOffice } from "./excel-api";

/** OfficeExtension.Error codes Barometro tells the user about. */
export const CODICI_OFFICE = {
  modificaInCorso: "InvalidOperationInCellEditMode",
  accessoNegato: "AccessDenied",
  nonTrovato: "ItemNotFound",
  rispostaTroppoGrande: "ResponsePayloadSizeLimitExceeded",
  richiestaTroppoGrande: "RequestPayloadSizeLimitExceeded",
  selezioneNonValida: "InvalidSelection",
} as const;

/** The Office error code, when there is one. */
export function codiceOffice(e: unknown): string | null {
  return isErroreOffice(e) ? e.code : null;
}

/**
 * An error from Excel.run / context.sync → an ErroreBarometro with the Italian message:
 * cell edit mode → modificaInCorso; access denied → foglioProtetto when one of the sheets
 * written is known to be protected, solaLettura otherwise; anything else → inatteso(detail).
 */
export function comeErroreBarometro(e: unknown, fogliProtetti: readonly string[] = []): ErroreBarometro {
  if (e instanceof ErroreBarometro) return e;
  const codice = codiceOffice(e);
  const causa = { cause: e };
  if (codice === CODICI_OFFICE.modificaInCorso) return new ErroreBarometro(MESSAGGI_APP.modificaInCorso, causa);
  if (codice === CODICI_OFFICE.accessoNegato) {
    return new ErroreBarometro(
      fogliProtetti.length > 0 ? MESSAGGI_APP.foglioProtetto(fogliProtetti[0]) : MESSAGGI_APP.solaLettura,
      causa
    );
  }
  return new ErroreBarometro(MESSAGGI_APP.inatteso(dettaglio(e)), causa);
}

function dettaglio(e: unknown): string {
  if (isErroreOffice(e)) return e.message && e.message !== e.code ? `${e.message} (${e.code})` : e.code;
  if (e instanceof Error) return e.message;
  return String(e);
}
