import { existsSync } from "fs";
import ExcelJS from "exceljs";
import { calcolaEnte, Linea, RisultatoEnte, verifica, Avviso } from "../engine";
import { leggiLinee } from "../layout";
import { CliError, MESSAGGI_CLI } from "./errors";
import { worksheetToGrid } from "./xlsx-grid";

export interface Elaborazione {
  workbook: ExcelJS.Workbook;
  linee: Linea[];
  risultato: RisultatoEnte;
  avvisi: Avviso[];
}

/** Opens an .xlsx, finds its lines, computes them and runs Verifica. */
export async function elabora(file: string): Promise<Elaborazione> {
  if (!existsSync(file)) throw new CliError(MESSAGGI_CLI.fileMancante(file));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch {
    throw new CliError(MESSAGGI_CLI.nonXlsx(file));
  }
  if (workbook.worksheets.length === 0) throw new CliError(MESSAGGI_CLI.nessunFoglio(file));
  const { linee, errore } = leggiLinee(workbook.worksheets.map(worksheetToGrid));
  if (errore !== null || linee.length === 0) throw new CliError(errore ?? MESSAGGI_CLI.nessunFoglio(file));
  const risultato = calcolaEnte(linee);
  return { workbook, linee, risultato, avvisi: verifica(linee, risultato.linee) };
}
