import { MESSAGGI_APP } from "../app/messaggi";
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

/**
 * Where Excel reports Range.getMergedAreasOrNullObject() failing (more than 512 merged areas in
 * the range): OfficeExtension.Error.debugInfo.errorLocation.
 */
export const POSIZIONE_ERRORE_UNIONI = "Range.getMergedAreasOrNullObject";

/**
 * Whether Excel refused a batch because a getMergedAreasOrNullObject() range held too many merged
 * areas: recognised by the error's location (Excel documents no code of its own for it), so that
 * the read is redone with smaller blocks rather than taken for another failure.
 */
export function isErroreUnioni(e: unknown): boolean {
  if (!isErroreOffice(e)) return false;
  const posizione = (e as { debugInfo?: { errorLocation?: unknown } }).debugInfo?.errorLocation;
  return typeof posizione === "string" && /(^|\.)getMergedAreas(OrNullObject)?$/i.test(posizione);
}
