import { Bande } from "../engine";
import { areaUsata, FOGLIO_INDICE, foglioProprio, grigliaVuota } from "../layout/fogli-barometro";
import { pianoIndice } from "../layout/indice";
import {
  annoDelReport,
  impaginazioneFogli,
  PagineLinee,
  piePagina,
  pianoStampa,
  PianoStampaCartella,
  PRIMA_PAGINA_LINEE,
  stimaSezioni,
} from "../layout/stampa";
import { EsitoScrittura, ValoriImpostazioni, WorkbookAccess } from "./access";
import { MESSAGGI_APP } from "./messaggi";

import { Analisi, analizza, ErroreBarometro } from "./ricalcolo";
import { annoDaSalvato, CHIAVE_ANNO_RELAZIONE, Impostazioni } from "./impostazioni";

/** Where the year in the footer and the Indice's title comes from. */
export type FonteAnno = "impostazione" | "cartella" | null;

export interface EsitoStampa {
  /** The sheets laid out (those that hold lines), in workbook order. */
  fogli: string[];
  linee: number;
  /** The page each line's section starts on, estimated (Office.js says nothing of Excel's pagination). */
  pagine: PagineLinee;
  /** Pages of the whole annex, Indice included, estimated. */
  pagineStimate: number;
  anno: number | null;
  fonteAnno: FonteAnno;
  indice: { foglio: string; creato: boolean };
  /** The sheets that repeat their header row themselves (StampaFoglio.intestazioniProprie), in workbook order. */
  intestazioniProprie: string[];
  /** The read the plan was made from. */
  analisi: Analisi;
  piano: PianoStampaCartella;
  scrittura: EsitoScrittura;
  /** «Impaginato 1 foglio, 10 linee; Indice creato (pagine stimate: 13). …» */
  messaggio: string;
}

export interface OpzioniStampa {
  /**
   * The year chosen in the pane: saved in the workbook (CHIAVE_ANNO_RELAZIONE) and used; null
   * removes the saved one (the year is read from the workbook's texts again). Undefined: as saved.
   */
  anno?: number | null;
  /**
   * The header row printed at the top of every page even where the sheets repeat it themselves
   * (pianoStampa's titoliRipetuti): the command line's second try when a printed page lacked it.
   */
  titoliRipetuti?: boolean;
  /**
   * The page each line's section starts on, as read from the printed PDF (the command line): the
   * Indice and the sheets' first page numbers use them instead of the estimate.
   */
  pagine?: PagineLinee;
}

/**
 * Prepara stampa, the annex as the command line's `barometro stampa` makes it, in the open
 * workbook: every sheet that holds lines laid out for printing (landscape, one page wide, the
 * header row on every page, a page break before each line, long texts wrapped, the footer
 * «Relazione sulla Performance AAAA — pag. N di M») and the «Indice» sheet first (line,
 * percentage, band, estimated page; the ente). One read, one write (Office.js: 1 + 1 syncs).
 * Running it twice gives the same workbook: breaks are replaced, the Indice rewritten.
 *
 * Nothing is written when no table is found, a sheet to lay out (or the Indice) is protected, or
 * a sheet named «Indice» exists that Barometro did not write.
 */
export async function preparaStampa(
  access: WorkbookAccess,
  impostazioni: Impostazioni,
  opzioni: OpzioniStampa = {}
): Promise<EsitoStampa> {
  if (!access.impagina) throw new ErroreBarometro(MESSAGGI_APP.stampaNonDisponibile);
  const analisi = analizza(await access.leggi());
  const salvato = annoDaSalvato(impostazioniSalvate(access)[CHIAVE_ANNO_RELAZIONE]);
  const scelto = opzioni.anno === undefined ? salvato : annoDaSalvato(opzioni.anno);
  const anno = scelto ?? annoDelReport(analisi.lettura.fogli);
  const fonteAnno: FonteAnno = scelto !== null ? "impostazione" : anno !== null ? "cartella" : null;
  const stampa = pianoPreparaStampa(analisi, impostazioni.bande, anno, opzioni);

  // The year chosen in the pane travels with the workbook (only when it changed).
  if (opzioni.anno !== undefined && scelto !== salvato)
    await access.salvaImpostazioni({ [CHIAVE_ANNO_RELAZIONE]: scelto });
  const scrittura = await access.impagina(stampa.piano);

  const creato = stampa.piano.indice.crea;
  const messaggio = [
    MESSAGGI_APP.stampaPronta(stampa.fogli.length, analisi.linee.length, creato, stampa.pagineStimate),
    ...(stampa.intestazioniProprie.length > 0 ? [MESSAGGI_APP.intestazioniDelFoglio(stampa.intestazioniProprie)] : []),
    ...(anno === null ? [MESSAGGI_APP.annoNonTrovato] : []),
  ].join(" ");
  return {
    fogli: stampa.fogli,
    linee: analisi.linee.length,
    pagine: stampa.pagine,
    pagineStimate: stampa.pagineStimate,
    anno,
    fonteAnno,
    indice: { foglio: stampa.piano.indice.foglio, creato },
    intestazioniProprie: stampa.intestazioniProprie,
    analisi,
    piano: stampa.piano,
    scrittura,
    messaggio,
  };
}

/**
 * The print plan from one read (pure): the sheets that hold lines (pianoStampa, as the CLI), the
 * pages estimated from row counts with the Indice as page 1, the Indice's cells, and whether the
 * Indice sheet is added or rewritten. Throws ErroreBarometro when nothing may be written.
 */
export function pianoPreparaStampa(
  analisi: Analisi,
  bande: Bande,
  anno: number | null,
  opzioni: Pick<OpzioniStampa, "titoliRipetuti" | "pagine"> = {}
): {
  piano: PianoStampaCartella;
  fogli: string[];
  /** The sheets that repeat their header row themselves (StampaFoglio.intestazioniProprie), in workbook order. */
  intestazioniProprie: string[];
  pagine: PagineLinee;
  pagineStimate: number;
} {
  if (analisi.errore !== null || analisi.linee.length === 0)
    throw new ErroreBarometro(analisi.errore ?? MESSAGGI_APP.nessunaTabella);
  const { linee, risultato, lettura } = analisi;
  const piano = pianoStampa(linee, lettura.fogli, { titoliRipetuti: opzioni.titoliRipetuti });
  const protetto = piano.find((p) => lettura.protetti.includes(p.foglio));
  if (protetto) throw new ErroreBarometro(MESSAGGI_APP.foglioProtetto(protetto.foglio));

  const { esistente, altrui, nome } = foglioProprio(lettura.fogli, FOGLIO_INDICE);
  if (altrui) throw new ErroreBarometro(MESSAGGI_APP.indiceAltrui(nome));
  if (esistente && lettura.protetti.includes(esistente.name))
    throw new ErroreBarometro(MESSAGGI_APP.foglioProtetto(esistente.name));

  const sezioni = stimaSezioni(linee, piano, PRIMA_PAGINA_LINEE);
  const pagine: PagineLinee = opzioni.pagine ?? sezioni.map((s) => s.inizio);
  const primaPagina = (foglio: string) => pagine[linee.findIndex((l) => l.foglio === foglio)] ?? null;
  const indice = pianoIndice(linee, risultato, pagine, anno, bande);
  const ordine = lettura.fogli.map((g) => g.name);
  const fogli = piano.map((p) => p.foglio).sort((a, b) => ordine.indexOf(a) - ordine.indexOf(b));
  return {
    piano: {
      fogli: impaginazioneFogli(piano, primaPagina),
      piePagina: piePagina(anno),
      indice: {
        ...indice,
        foglio: esistente?.name ?? indice.foglio,
        crea: !esistente,
        pulisci: esistente && !grigliaVuota(esistente) ? areaUsata(esistente) : null,
      },
    },
    fogli,
    intestazioniProprie: fogli.filter((f) => piano.some((p) => p.foglio === f && p.intestazioniProprie)),
    pagine,
    pagineStimate: Math.max(PRIMA_PAGINA_LINEE - 1, ...sezioni.map((s) => s.fine)),
  };
}

/** The workbook's saved settings; none when they cannot be read (the year is then the workbook's). */
export function impostazioniSalvate(access: WorkbookAccess): ValoriImpostazioni {
  try {
    return access.leggiImpostazioni();
  } catch {
    return {};
  }
}
