import {
  Avviso,
  Bande,
  calcolaEnte,
  formatPercentuale,
  isInformativo,
  Linea,
  RisultatoEnte,
  RisultatoLinea,
  verifica,
} from "../engine";
import { leggiLinee } from "../layout";
import { estensioneLinea } from "../layout/stampa";
import {
  chiaviLinee,
  ModificaFormattazione,
  pianoFormattazione,
  regoleCondizionali,
} from "../layout/regole-condizionali";
import { creaPatch, Patch } from "../layout/patch";
import { EsitoScrittura, Lettura, Selezione, WorkbookAccess } from "./access";
import { MESSAGGI_APP } from "./messaggi";
import { contenutoAttivo, formattazioneAttiva, Impostazioni } from "./impostazioni";

/** The workbook as Barometro understands it after one read. */
export interface Analisi {
  lettura: Lettura;
  linee: Linea[];
  risultato: RisultatoEnte;
  avvisi: Avviso[];
  /** Set when no table was found: an Italian message for the user. */
  errore: string | null;
}

export function analizza(lettura: Lettura): Analisi {
  const { linee, errore } = leggiLinee(lettura.fogli);
  const risultato = calcolaEnte(linee);
  return { lettura, linee, risultato, avvisi: verifica(linee, risultato.linee), errore };
}

/** First and last sheet row (1-based) a line occupies, from its title to its last indicator. */
export const righeDellaLinea = estensioneLinea;

/** The line whose section holds the selection: on its sheet, from its first row to the next line's; null above the first. */
export function lineaDellaSelezione(linee: Linea[], selezione: Selezione | null): number | null {
  if (!selezione) return null;
  // "C170", "C170:D172", or whole rows "168:177" (Excel's address of a row selection); whole columns: no row.
  const cifre = /\d+/.exec(selezione.indirizzo.replace(/^.*!/, "").split(":")[0]);
  if (!cifre) return null;
  const riga = Number(cifre[0]);
  let trovata: number | null = null;
  let inizio = -1;
  linee.forEach((linea, i) => {
    if (linea.foglio !== selezione.foglio) return;
    const { prima } = righeDellaLinea(linea);
    if (prima <= riga && prima > inizio) {
      trovata = i;
      inizio = prima;
    }
  });
  // Above the first section of its sheet (the sheet's title rows): no line. Never a guess (the
  // first line would be recalculated without the user having chosen it).
  return trovata;
}

/** The range a line occupies, to select it in the sheet. */
export function intervalloDellaLinea(linea: Linea): Selezione {
  const { prima, ultima } = righeDellaLinea(linea);
  return { foglio: linea.foglio, indirizzo: `${prima}:${ultima}` };
}

/**
 * Which lines to recalculate. A line chosen in the pane carries its name too: the workbook is
 * read again before writing, and lines may have moved since the pane last read it.
 */
export type Ambito = { tipo: "tutto" } | { tipo: "linea"; indice: number; nome?: string } | { tipo: "selezione" };

export interface EsitoRicalcolo {
  /** The read made before writing, with the findings the write has settled left out. */
  analisi: Analisi;
  /** Verifica's findings on the workbook as read, those the write has settled included. */
  avvisiLetti: Avviso[];
  /** Indexes of the lines written. */
  linee: number[];
  patch: Patch;
  scrittura: EsitoScrittura;
  /** Short Italian summary: "LINEA STRATEGICA SULLO SPORT: 84,44% — 2 avvisi". */
  messaggio: string;
  /**
   * The conditional formatting: whether the option is on; whether it was handled (false when the
   * access cannot read the workbook's rules, or Excel refused: then it was left alone); how many
   * rules Barometro keeps for the lines written (already there, or sent now); the sheets concerned.
   */
  formattazione?: { attiva: boolean; scritta: boolean; regole: number; fogli: string[] };
}

export class ErroreBarometro extends Error {}

/**
 * Ricalcola: one read, the engine, one write of the cells Barometro owns.
 * Nothing is written when the target sheet is protected or no table is found.
 */
export interface OpzioniRicalcolo {
  /**
   * Told at each step (reading, computing, writing, with counts); the ricalcolo waits for it, so a
   * task pane can let the browser paint the progress before the next step blocks the thread.
   */
  avanzamento?(testo: string): Promise<void> | void;
}

/** "1.234 righe": what is about to be computed (the sheets are read, their lines not yet found). */
function conteggioRighe(lettura: Lettura): string {
  const righe = lettura.fogli.reduce((n, f) => n + f.values.length, 0);
  return `${righe.toLocaleString("it-IT")} righe`;
}

export async function ricalcola(
  access: WorkbookAccess,
  ambito: Ambito,
  impostazioni: Impostazioni,
  opzioni: OpzioniRicalcolo = {}
): Promise<EsitoRicalcolo> {
  const avanza = opzioni.avanzamento ?? (() => undefined);
  await avanza("Ricalcolo: lettura della cartella di lavoro…");
  const lettura = await access.leggi();
  await avanza(`Ricalcolo: calcolo di ${conteggioRighe(lettura)}…`);
  const analisi = analizza(lettura);
  if (analisi.errore !== null || analisi.linee.length === 0)
    throw new ErroreBarometro(analisi.errore ?? MESSAGGI_APP.nessunaTabella);
  const indici = scegliLinee(analisi, ambito);
  const protetto = [...new Set(indici.map((i) => analisi.linee[i].foglio))].find((f) =>
    analisi.lettura.protetti.includes(f)
  );
  if (protetto !== undefined) throw new ErroreBarometro(MESSAGGI_APP.foglioProtetto(protetto));

  const linee = indici.map((i) => analisi.linee[i]);
  const risultati: RisultatoLinea[] = indici.map((i) => analisi.risultato.linee[i]);

  // The conditional formatting of the lines written ("tutto": of every sheet, stale rules included).
  const attiva = formattazioneAttiva(impostazioni, () => access.leggiImpostazioni());
  const tutto = ambito.tipo === "tutto";
  const fogli = tutto
    ? analisi.lettura.fogli.map((g) => g.name).filter((f) => !analisi.lettura.protetti.includes(f))
    : [...new Set(linee.map((l) => l.foglio))];
  const chiavi = chiaviLinee(analisi.linee);
  const soloLinee = tutto ? undefined : new Set(indici.map((i) => chiavi[i]));
  // The write mode decides where rules and labels find % Ragg (regoleCondizionali): the same for both.
  const formuleExcel = impostazioni.modoScrittura === "excel";
  const formattazione = formattazioneDeiFogli(analisi, fogli, impostazioni.bande, attiva, soloLinee, formuleExcel);

  const patch = creaPatch(linee, risultati, {
    bande: impostazioni.bande,
    formule: impostazioni.modoScrittura === "perf",
    formuleExcel,
    contenuto: contenutoAttivo(impostazioni, () => access.leggiImpostazioni()),
    // The label follows the data as a formula where Barometro's rules colour the cells.
    condizionale: attiva && formattazione !== null,
    fogli: analisi.lettura.fogli,
  });
  if (formattazione) patch.formattazione = formattazione.piano;

  const celle = patch.scritture.length + patch.colori.length;
  await avanza(
    `Ricalcolo: scrittura di ${indici.length === 1 ? "1 linea" : `${indici.length} linee`} (${celle.toLocaleString("it-IT")} ${celle === 1 ? "cella" : "celle"})…`
  );
  const scrittura = await access.scrivi(patch);
  const dopo = senzaAvvisiRisolti(analisi, patch);
  let messaggio = riassunto(dopo, indici);
  if (attiva && analisi.lettura.formattazioni === null) messaggio += ` — ${MESSAGGI_APP.formattazioneNonLetta}`;
  if (patch.barometroDellUtente)
    messaggio += ` — ${MESSAGGI_APP.barometroDellUtente(patch.barometroDellUtente.map((c) => c.cella))}`;
  if (patch.formuleNonScritte) messaggio += ` — ${MESSAGGI_APP.formuleNonScritte(patch.formuleNonScritte)}`;
  return {
    analisi: dopo,
    avvisiLetti: analisi.avvisi,
    linee: indici,
    patch,
    scrittura,
    messaggio,
    formattazione: {
      attiva,
      scritta: formattazione !== null,
      regole: formattazione?.regole ?? 0,
      fogli: formattazione ? fogli : [],
    },
  };
}

/**
 * Barometro's conditional formatting for these sheets (only these lines' with `soloLinee`, keys
 * from chiaviLinee), replacing only Barometro's marked rules, and only where they changed. Null
 * when the workbook's rules are unknown (this access cannot read them, or Excel refused): then
 * nothing is done to conditional formatting. With the option off, Barometro's rules are removed.
 * `formuleExcel`: the write mode is «formule di Excel» (as creaPatch is told).
 */
export function formattazioneDeiFogli(
  analisi: Analisi,
  fogli: readonly string[],
  bande: Bande,
  attiva: boolean,
  soloLinee?: ReadonlySet<string>,
  formuleExcel = false
): { piano: ModificaFormattazione; regole: number } | null {
  const esistenti = analisi.lettura.formattazioni;
  if (esistenti === undefined || esistenti === null) return null;
  const sui = new Set(fogli);
  const desiderate = attiva
    ? regoleCondizionali(analisi.linee, analisi.risultato.linee, bande, formuleExcel).filter(
        (r) => sui.has(r.foglio) && (!soloLinee || soloLinee.has(r.linea))
      )
    : [];
  return { piano: pianoFormattazione(fogli, desiderate, esistenti, soloLinee), regole: desiderate.length };
}

/**
 * Findings about cells the patch has just overwritten (a wrong Scostamento, % Ragg or line
 * percentage) no longer hold once the write is done.
 */
export function senzaAvvisiRisolti(analisi: Analisi, patch: Patch): Analisi {
  // Cells by sheet: no key string built for each of the (hundreds of thousands of) cells written.
  const scritte = new Map<string, Set<string>>();
  for (const s of patch.scritture) {
    let celle = scritte.get(s.foglio);
    if (!celle) scritte.set(s.foglio, (celle = new Set()));
    celle.add(s.cella);
  }
  const avvisi = analisi.avvisi.filter((a) => !scritte.get(a.foglio)?.has(a.cella));
  return avvisi.length === analisi.avvisi.length ? analisi : { ...analisi, avvisi };
}

function scegliLinee(analisi: Analisi, ambito: Ambito): number[] {
  if (ambito.tipo === "tutto") return analisi.linee.map((_, i) => i);
  const indice =
    ambito.tipo === "linea"
      ? indiceDellaLinea(analisi.linee, ambito)
      : lineaDellaSelezione(analisi.linee, analisi.lettura.selezione);
  if (indice === null || indice < 0 || indice >= analisi.linee.length)
    throw new ErroreBarometro(MESSAGGI_APP.nessunaLineaSelezionata);
  return [indice];
}

function indiceDellaLinea(linee: Linea[], ambito: { indice: number; nome?: string }): number | null {
  if (ambito.nome === undefined || linee[ambito.indice]?.nome === ambito.nome) return ambito.indice;
  const stessoNome = linee.map((l, i) => (l.nome === ambito.nome ? i : -1)).filter((i) => i >= 0);
  return stessoNome.length === 1 ? stessoNome[0] : null;
}

function riassunto(analisi: Analisi, indici: number[]): string {
  // Problems only: a reading Barometro chose (information) is listed in Verifica, not counted here.
  const problemi = analisi.avvisi.filter((a) => !isInformativo(a));
  const avvisi = (nomi: Set<string>) => problemi.filter((a) => nomi.has(a.linea)).length;
  const conteggio = (n: number) => (n === 0 ? "nessun avviso" : n === 1 ? "1 avviso" : `${n} avvisi`);
  if (indici.length === 1) {
    const linea = analisi.linee[indici[0]];
    const percentuale = analisi.risultato.linee[indici[0]].percentuale;
    return `${linea.nome}: ${formatPercentuale(percentuale)} — ${conteggio(avvisi(new Set([linea.nome])))}`;
  }
  return `${indici.length} linee ricalcolate, ente ${formatPercentuale(analisi.risultato.percentuale)} — ${conteggio(problemi.length)}`;
}
