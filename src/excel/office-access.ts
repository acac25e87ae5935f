import { EsitoScrittura, Lettura, Selezione, ValoriImpostazioni, WorkbookAccess } from "../app/access";
import { CHIAVI_IMPOSTAZIONI } from "../app/impostazioni";
import { PianoStampaCartella } from "../layout/stampa";
import { Patch } from "../layout/patch";
import { comeErroreBarometro } from "./errors";
import { EseguiExcel, ExcelContext, ImpostazioniDocumento } from "./excel-api";
import { rileggiImpostazioni, salvaChiaviCambiate } from "./impostazioni-documento";
import { ConfigLettura, leggiCartella } from "./lettore";
import { CELLE_PER_SYNC_A_FETTE, MAX_BYTE_RISPOSTA } from "./read-plan";
import { ConfigScrittura, impagina, scriviPatch } from "./scrittore";
import { Diagnostica, dimenticato, Esito, StatoAccesso, statoIniziale } from "./stato-accesso";
import { OpzioniPiano } from "./write-plan";

export type { Diagnostica } from "./stato-accesso";

export interface DipendenzeOffice extends OpzioniPiano {
  /** Excel.run, or the workbench's / a test's fake run. */
  esegui?: EseguiExcel;
  /** Office.context.document.settings, or a fake. Read lazily: Office may not be ready at creation. */
  impostazioni?: () => ImpostazioniDocumento;
  /** Setting keys leggiImpostazioni() returns (Office cannot list them): Barometro's by default. */
  chiaviImpostazioni?: readonly string[];
  /** Cells of the first sync of a read in slices, before it knows what a cell costs (default CELLE_PER_SYNC_A_FETTE). */
  celleASync?: number;
  /** Bytes each sync of a read in slices aims at (default MAX_BYTE_RISPOSTA, under Excel on the web's 5 MB). */
  maxByteRisposta?: number;
}

export interface AccessoOffice extends WorkbookAccess {
  diagnostica(): Diagnostica;
  /** Forgets the sheets of the last read: the next read starts over (2 syncs). */
  dimentica(): void;
}

/**
 * WorkbookAccess over Office.js. Every context.sync() is a network round trip in Excel on the
 * web, so a Ricalcola (leggi + scrivi) costs 2 syncs whatever the workbook's size. A facade:
 *
 * - the read is lettore.ts (in slices: lettore-a-fette.ts; what each sheet's read queues:
 *   richieste-foglio.ts), the writes scrittore.ts (with write-plan.ts, regole-barometro.ts and,
 *   for Prepara stampa, office-stampa.ts);
 * - what the adapter learns from one call for the next (the sheets read, their protection, whether
 *   to read in slices and how large, the capabilities Excel refused) is one value, StatoAccesso
 *   (stato-accesso.ts), passed to the reader or the writer and returned by it, success or not;
 * - what it does after each refusal by Excel is a table, error → next step (recuperi.ts).
 *
 * Reads and writes run one after the other (the task pane and the ribbon share this object): each
 * starts from the state the previous one left. No context.sync() is ever called in a loop.
 */
export function creaAccessoOffice(deps: DipendenzeOffice = {}): AccessoOffice {
  const esegui: EseguiExcel = deps.esegui ?? ((batch) => Excel.run(batch));
  const impostazioni: () => ImpostazioniDocumento =
    deps.impostazioni ?? ((): ImpostazioniDocumento => Office.context.document.settings);
  const chiavi = new Set<string>(deps.chiaviImpostazioni ?? CHIAVI_IMPOSTAZIONI);
  const maxByteRisposta = deps.maxByteRisposta ?? MAX_BYTE_RISPOSTA;
  const lettura: ConfigLettura = { esegui, celleASync: deps.celleASync ?? CELLE_PER_SYNC_A_FETTE, maxByteRisposta };
  const scrittura: ConfigScrittura = {
    esegui,
    opzioniPiano: { maxByteLotto: deps.maxByteLotto, maxCaratteriIndirizzi: deps.maxCaratteriIndirizzi },
  };

  /** The adapter's state: replaced by each read and write when it ends. */
  let stato: StatoAccesso = statoIniziale(maxByteRisposta);
  /** The last read or write queued: the next one starts when it has ended. */
  let coda: Promise<unknown> = Promise.resolve();
  const inSequenza = <R>(operazione: (s: StatoAccesso) => Promise<Esito<R>>): Promise<R> => {
    const esito = coda.then(async () => {
      const e = await operazione(stato);
      stato = e.stato;
      return e;
    });
    coda = esito.catch(() => undefined);
    return esito.then((e) => {
      if (e.errore !== undefined) throw e.errore;
      return e.valore;
    });
  };

  return {
    leggi: (): Promise<Lettura> => inSequenza((s) => leggiCartella(s, lettura)),
    scrivi: (patch: Patch): Promise<EsitoScrittura> => inSequenza((s) => scriviPatch(s, patch, scrittura)),
    impagina: (piano: PianoStampaCartella): Promise<EsitoScrittura> => inSequenza((s) => impagina(s, piano, esegui)),

    async seleziona(selezione: Selezione): Promise<void> {
      try {
        await esegui(async (context: ExcelContext) => {
          const foglio = context.workbook.worksheets.getItem(selezione.foglio);
          foglio.activate();
          foglio.getRange(selezione.indirizzo.replace(/^.*!/, "")).select();
          await context.sync();
        });
      } catch (e) {
        throw comeErroreBarometro(e);
      }
    },

    leggiImpostazioni(): ValoriImpostazioni {
      const s = impostazioni();
      const valori: ValoriImpostazioni = {};
      for (const chiave of chiavi) {
        const valore = s.get(chiave);
        if (valore !== null && valore !== undefined) valori[chiave] = valore;
      }
      return valori;
    },

    aggiornaImpostazioni: () => rileggiImpostazioni(impostazioni()),

    /** Co-authoring safe: the changed keys only, on the document's bag as it is now (impostazioni-documento.ts). */
    async salvaImpostazioni(valori: ValoriImpostazioni): Promise<void> {
      Object.keys(valori).forEach((chiave) => chiavi.add(chiave));
      await salvaChiaviCambiate(impostazioni(), valori);
    },

    diagnostica: () => ({ ultimaLettura: stato.ultimaLettura, ultimaScrittura: stato.ultimaScrittura }),
    dimentica() {
      stato = dimenticato(stato, maxByteRisposta);
    },
  };
}
