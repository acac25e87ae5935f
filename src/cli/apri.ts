import { existsSync } from "fs";
import { readFile, writeFile } from "fs/promises";
import { ErroreBarometro } from "../app/ricalcolo";
import { CliError, MESSAGGI_CLI } from "./errors";
// The one place the command line chooses its file access: the lossless one (src/xlsx), which
// changes only what Barometro owns and copies every other part of the package byte for byte.
import { apriCartella, CartellaFile, ErroreCartella } from "../xlsx";

export type { CartellaFile };

/** A file opened for the app's use cases. */
export interface FileAperto {
  cartella: CartellaFile;
}

/**
 * Opens an .xlsx for the app's use cases (src/app) through the file access. Throws a CliError with
 * an Italian message naming the file when it is missing or cannot be read as an .xlsx.
 */
export async function apriFile(file: string): Promise<FileAperto> {
  if (!existsSync(file)) throw new CliError(MESSAGGI_CLI.fileMancante(file));
  let dati: Buffer;
  try {
    dati = await readFile(file);
  } catch {
    throw new CliError(MESSAGGI_CLI.nonXlsx(file));
  }
  try {
    const cartella = await apriCartella(dati, file);
    return { cartella };
  } catch (e) {
    if (e instanceof CliError) throw e;
    // The file access's own refusals (Strict OOXML, a malformed part…) already say what is wrong.
    if (e instanceof ErroreCartella && !isOle(dati)) throw new CliError(e.message);
    throw new CliError(isOle(dati) ? MESSAGGI_CLI.protettoOXls(file) : MESSAGGI_CLI.nonXlsx(file));
  }
}

/** Writes the workbook as it is now to `out`; a CliError naming the file when it cannot. */
export async function salvaFile(cartella: CartellaFile, out: string): Promise<void> {
  try {
    await writeFile(out, await cartella.salva());
  } catch (e) {
    throw new CliError(MESSAGGI_CLI.scritturaFallita(out, e instanceof Error ? e.message : String(e)));
  }
}

/** A use case's refusal (no table in the file…) as the command line says it: naming the file. */
export function erroreDelFile(file: string, e: unknown): unknown {
  return e instanceof ErroreBarometro ? new CliError(MESSAGGI_CLI.nessunaTabella(file, e.message)) : e;
}

/** The OLE compound file signature: encrypted (password-protected) .xlsx files and old .xls files. */
const FIRMA_OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const isOle = (dati: Buffer) => dati.length >= FIRMA_OLE.length && FIRMA_OLE.every((b, i) => dati[i] === b);

/** The file access's own opening, from bytes (the comparison with the task pane's path uses it). */
export { apriCartella };
