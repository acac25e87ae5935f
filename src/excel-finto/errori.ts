/**
 * Errors shaped like OfficeExtension.Error, with the codes Excel documents.
 */
export const CODICI_ERRORE = {
  proprietaNonCaricata: "PropertyNotLoaded",
  argomentoNonValido: "InvalidArgument",
  accessoNegato: "AccessDenied",
  modificaInCorso: "InvalidOperationInCellEditMode",
  selezioneNonValida: "InvalidSelection",
  nonTrovato: "ItemNotFound",
  giaEsistente: "ItemAlreadyExists",
  nonPermesso: "InvalidOperation",
  generico: "GeneralException",
  richiestaTroppoGrande: "RequestPayloadSizeLimitExceeded",
  rispostaTroppoGrande: "ResponsePayloadSizeLimitExceeded",
} as const;

/** Shaped like OfficeExtension.Error: code, message, debugInfo. */
export class ErroreExcelFinto extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export function nonCaricata(nome: string): ErroreExcelFinto {
  return new ErroreExcelFinto(
    CODICI_ERRORE.proprietaNonCaricata,
    `The property '${nome}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );
}

export function nonValido(messaggio: string): ErroreExcelFinto {
  return new ErroreExcelFinto(CODICI_ERRORE.argomentoNonValido, messaggio);
}
