import { Analisi, analizza, ErroreBarometro } from "../app/ricalcolo";
import { MESSAGGI_APP } from "../app/messaggi";
import { Avviso, Linea, RisultatoEnte } from "../engine";
import { SheetGrid } from "../layout";
import { apriFile, CartellaFile, erroreDelFile } from "./apri";

/** A file opened and read once: its lines, their results and Verifica's findings. */
export interface Elaborazione {
  cartella: CartellaFile;
  analisi: Analisi;
  linee: Linea[];
  risultato: RisultatoEnte;
  avvisi: Avviso[];
  /** The sheets as read (values, formats, formulas, merges), as the layout reader saw them. */
  griglie: SheetGrid[];
}

/**
 * Opens an .xlsx, finds its lines, computes them and runs Verifica (the app's analizza, as the task
 * pane's Aggiorna). Throws a CliError naming the file when it cannot be read or holds no table.
 */
export async function elabora(file: string): Promise<Elaborazione> {
  const { cartella } = await apriFile(file);
  const analisi = analizza(await cartella.leggi());
  if (analisi.errore !== null || analisi.linee.length === 0)
    throw erroreDelFile(file, new ErroreBarometro(analisi.errore ?? MESSAGGI_APP.nessunaTabella));
  const { linee, risultato, avvisi } = analisi;
  return { cartella, analisi, linee, risultato, avvisi, griglie: analisi.lettura.fogli };
}
