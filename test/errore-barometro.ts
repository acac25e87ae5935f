import { ErroreBarometro } from "../src/app/ricalcolo";

/** The ErroreBarometro a promise rejects with; fails the test for anything else, or for no error at all. */
export async function errore(p: Promise<unknown>): Promise<ErroreBarometro> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ErroreBarometro) return e;
    throw new Error(`Non un ErroreBarometro: ${String(e)}`);
  }
  throw new Error("Nessun errore");
}
