import { elabora } from "../elabora";
import { MESSAGGI_CLI } from "../errors";
import { impostazioniCartella } from "../impostazioni";
import type { Io } from "../main";
import { scriviResoconto } from "../resoconto";

/** `barometro verifica`: the file read and checked (the app's analizza), nothing written. */
export async function comandoVerifica(io: Io, file: string, json: boolean): Promise<number> {
  const e = await elabora(file);
  const scelte = impostazioniCartella(e.cartella.leggiImpostazioni());
  if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
  scriviResoconto(io, file, e.analisi, json, scelte);
  return 0;
}
