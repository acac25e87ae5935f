import { Bande, formatPercentuale } from "../engine";
import { FOGLIO_RIEPILOGO, foglioProprio } from "../layout/fogli-barometro";
import { Patch } from "../layout/patch";
import { patchRiepilogo } from "../layout/riepilogo";
import { EsitoScrittura, WorkbookAccess } from "./access";
import { MESSAGGI_APP } from "./messaggi";
import { Analisi, analizza, ErroreBarometro } from "./ricalcolo";
import { Impostazioni } from "./impostazioni";

export interface EsitoRiepilogo {
  /** The sheet's name (an existing "riepilogo" keeps its spelling). */
  foglio: string;
  creato: boolean;
  linee: number;
  /** The ente's percentage, 0–100 (null when no line has one). */
  ente: number | null;
  patch: Patch;
  scrittura: EsitoScrittura;
  /** «Aggiornato il foglio «Riepilogo»: 10 linee, ente 92,50%.» */
  messaggio: string;
}

/**
 * Riepilogo: creates or refreshes the sheet "Riepilogo" — one row per line (Linea, % raggiungimento,
 * Fascia, Obiettivi, Neutralizzati, Dati incompleti), the ente, and a native bar chart of the lines'
 * percentages, each bar in its band's colour. One read, one write (Office.js: 1 + 1 syncs; a new
 * sheet and its chart are created in the write's batch). Refreshing clears the sheet's previous
 * contents and replaces only the chart named NOME_GRAFICO_RIEPILOGO: twice in a row leaves one
 * sheet and one chart, and nothing else in the workbook changes.
 */
export async function aggiornaRiepilogo(access: WorkbookAccess, impostazioni: Impostazioni): Promise<EsitoRiepilogo> {
  const analisi = analizza(await access.leggi());
  const { patch, foglio } = pianoRiepilogo(analisi, impostazioni.bande);
  const scrittura = await access.scrivi(patch);
  const creato = patch.riepilogo?.crea ?? false;
  const ente = analisi.risultato.percentuale;
  return {
    foglio,
    creato,
    linee: analisi.linee.length,
    ente,
    patch,
    scrittura,
    messaggio: MESSAGGI_APP.riepilogoAggiornato(foglio, creato, analisi.linee.length, formatPercentuale(ente)),
  };
}

/**
 * The Riepilogo's write from one read (pure). Throws ErroreBarometro when there are no lines, when
 * a sheet named "Riepilogo" exists that Barometro did not write (A1 is not TITOLO_RIEPILOGO and it
 * is not empty), or when that sheet is protected.
 */
export function pianoRiepilogo(analisi: Analisi, bande: Bande): { patch: Patch; foglio: string } {
  if (analisi.errore !== null || analisi.linee.length === 0)
    throw new ErroreBarometro(analisi.errore ?? MESSAGGI_APP.nessunaTabella);
  const proprio = foglioProprio(analisi.lettura.fogli, FOGLIO_RIEPILOGO);
  const foglio = proprio.nome;
  if (proprio.altrui) throw new ErroreBarometro(MESSAGGI_APP.riepilogoAltrui(foglio));
  if (proprio.esistente && analisi.lettura.protetti.includes(foglio))
    throw new ErroreBarometro(MESSAGGI_APP.foglioProtetto(foglio));

  const patch = patchRiepilogo(analisi.linee, analisi.risultato, proprio, analisi.lettura.grafici ?? [], bande);
  return { patch, foglio };
}
