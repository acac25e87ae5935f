import { Traccia, tracciaEnte } from "../engine";
import { annoDelReport } from "../layout/stampa";
import { grigliaVuota } from "../layout/fogli-barometro";
import { PianoStampaCartella } from "../layout/stampa";
import { dossierAltrui, foglioDossier, pianoDossier, tuttiIRilievi } from "../layout/dossier";
import { EsitoScrittura, WorkbookAccess } from "./access";
import { MESSAGGI_APP } from "./messaggi";
import { Analisi, analizza, ErroreBarometro } from "./ricalcolo";
import { annoDaSalvato, CHIAVE_ANNO_RELAZIONE } from "./impostazioni";
import { impostazioniSalvate } from "./stampa";
import { areaUsata } from "../layout/fogli-barometro";

export interface OpzioniDossier {
  /** The workbook's file name, as the dossier names it; null when unknown. */
  cartella: string | null;
  /** Barometro's version. */
  versione: string;
  /** When the dossier is written; now when absent. */
  data?: Date;
}

export interface EsitoDossier {
  foglio: string;
  creato: boolean;
  traccia: Traccia;
  avvisi: number;
  piano: PianoStampaCartella;
  scrittura: EsitoScrittura;
  /** «Creato il foglio «Dossier di validazione»: 10 linee …». */
  messaggio: string;
}

/**
 * Dossier di validazione: creates or rewrites the sheet «Dossier di validazione» (src/layout/dossier.ts)
 * — the engine's trace of every figure with its cells, the rules, every Verifica finding, the
 * workbook's own line percentages against the computed ones — landscape, one page wide, with the
 * annex's footer. One read, one write, through the same path as the Indice (WorkbookAccess.impagina,
 * with no line sheet to lay out): Office.js 1 + 1 syncs. Nothing else in the workbook changes.
 *
 * Nothing is written when no table is found, the sheet is protected, or a sheet of that name
 * exists that Barometro did not write.
 */
export async function scriviDossier(access: WorkbookAccess, opzioni: OpzioniDossier): Promise<EsitoDossier> {
  if (!access.impagina) throw new ErroreBarometro(MESSAGGI_APP.dossierNonDisponibile);
  const analisi = analizza(await access.leggi());
  const anno =
    annoDaSalvato(impostazioniSalvate(access)[CHIAVE_ANNO_RELAZIONE]) ?? annoDelReport(analisi.lettura.fogli);
  const { piano, traccia } = pianoScriviDossier(analisi, anno, opzioni);
  const scrittura = await access.impagina(piano);
  const avvisi = traccia.linee.reduce((n, l) => n + tuttiIRilievi(l).length, 0);
  return {
    foglio: piano.indice.foglio,
    creato: piano.indice.crea,
    traccia,
    avvisi,
    piano,
    scrittura,
    messaggio: MESSAGGI_APP.dossierPronto(piano.indice.foglio, piano.indice.crea, traccia.linee.length, avvisi),
  };
}

/** The dossier's write from one read (pure). Throws ErroreBarometro when nothing may be written. */
export function pianoScriviDossier(
  analisi: Analisi,
  anno: number | null,
  opzioni: OpzioniDossier
): { piano: PianoStampaCartella; traccia: Traccia } {
  if (analisi.errore !== null || analisi.linee.length === 0)
    throw new ErroreBarometro(analisi.errore ?? MESSAGGI_APP.nessunaTabella);
  const { fogli, protetti } = analisi.lettura;
  const altrui = dossierAltrui(fogli);
  if (altrui) throw new ErroreBarometro(MESSAGGI_APP.dossierAltrui(altrui));
  const esistente = foglioDossier(fogli);
  if (esistente && protetti.includes(esistente.name))
    throw new ErroreBarometro(MESSAGGI_APP.foglioProtetto(esistente.name));

  const traccia = tracciaEnte(analisi.linee, analisi.risultato);
  const dossier = pianoDossier(traccia, {
    cartella: opzioni.cartella,
    versione: opzioni.versione,
    data: opzioni.data ?? new Date(),
    anno,
  });
  return {
    piano: {
      fogli: [],
      piePagina: dossier.piePagina,
      indice: {
        ...dossier,
        foglio: esistente?.name ?? dossier.foglio,
        crea: !esistente,
        pulisci: esistente && !grigliaVuota(esistente) ? areaUsata(esistente) : null,
      },
    },
    traccia,
  };
}
