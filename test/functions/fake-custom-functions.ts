/**
 * A minimal stand-in for Excel's CustomFunctions global (Error class, ErrorCode, associate), for
 * importing src/functions/functions.ts under Node. Import it before functions.ts.
 */
export class FakeCustomFunctionsError {
  constructor(
    public code: string,
    public message?: string
  ) {}
}

export const FakeErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** id → function, as registered through CustomFunctions.associate. */
export const associati: Record<string, unknown> = {};

export function installaCustomFunctions(): void {
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: FakeCustomFunctionsError,
    ErrorCode: FakeErrorCode,
    associate: (id: string, funzione: unknown) => {
      associati[id] = funzione;
    },
  };
}

export function rimuoviCustomFunctions(): void {
  delete (globalThis as Record<string, unknown>).CustomFunctions;
}

installaCustomFunctions();
