import { closeSync, existsSync, openSync, readSync } from "fs";
import { readFile } from "fs/promises";
import type ExcelJS from "exceljs";
import { calcolaEnte, Linea, RisultatoEnte, verifica, Avviso } from "../engine";
import { leggiLinee, SheetGrid } from "../layout";
import { CliError, MESSAGGI_CLI } from "./errors";
import { worksheetToGrid } from "./xlsx-grid";

export interface Elaborazione {
  workbook: ExcelJS.Workbook;
  linee: Linea[];
  risultato: RisultatoEnte;
  avvisi: Avviso[];
  /** The file's bytes, as read once (esaminaPacchetto looks at what ExcelJS would lose). */
  dati: Buffer;
  /** The sheets as read (values, formats, formulas, merges), as the layout reader saw them. */
  griglie: SheetGrid[];
}

/**
 * ExcelJS's Workbook class, required from its own module: the package's entry point also loads the
 * streaming reader and writer (unzipper, archiver, …), about 130 ms of start-up the CLI never uses.
 * The class is the very one the entry point exports (same module, same cache entry).
 */
const Workbook = caricaWorkbook();

function caricaWorkbook(): typeof ExcelJS.Workbook {
  try {
    return require("exceljs/lib/doc/workbook");
  } catch {
    return require("exceljs").Workbook;
  }
}

/** Opens an .xlsx, finds its lines, computes them and runs Verifica. */
export async function elabora(file: string): Promise<Elaborazione> {
  if (!existsSync(file)) throw new CliError(MESSAGGI_CLI.fileMancante(file));
  const workbook = new Workbook();
  let dati: Buffer;
  try {
    dati = await readFile(file);
    await workbook.xlsx.load(dati as unknown as ArrayBuffer);
  } catch {
    throw new CliError(isOle(file) ? MESSAGGI_CLI.protettoOXls(file) : MESSAGGI_CLI.nonXlsx(file));
  }
  if (workbook.worksheets.length === 0) throw new CliError(MESSAGGI_CLI.nessunFoglio(file));
  const griglie = workbook.worksheets.map((ws) => {
    try {
      return worksheetToGrid(ws);
    } catch (e) {
      throw new CliError(MESSAGGI_CLI.foglioIllegibile(file, ws.name, e instanceof Error ? e.message : String(e)));
    }
  });
  const { linee, errore } = leggiLinee(griglie);
  if (errore !== null || linee.length === 0)
    throw new CliError(errore !== null ? MESSAGGI_CLI.nessunaTabella(file, errore) : MESSAGGI_CLI.nessunFoglio(file));
  const risultato = calcolaEnte(linee);
  return { workbook, dati, linee, risultato, avvisi: verifica(linee, risultato.linee), griglie };
}

/** The OLE compound file signature: encrypted (password-protected) .xlsx files and old .xls files. */
const FIRMA_OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isOle(file: string): boolean {
  try {
    const fd = openSync(file, "r");
    try {
      const inizio = Buffer.alloc(FIRMA_OLE.length);
      const letti = readSync(fd, inizio, 0, inizio.length, 0);
      return letti === FIRMA_OLE.length && FIRMA_OLE.every((b, i) => inizio[i] === b);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
