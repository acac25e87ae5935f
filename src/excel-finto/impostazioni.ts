import { ImpostazioniDocumento, RisultatoAsync } from "../excel/excel-api";

type Valori = Record<string, unknown>;

/** JSON round trip: what Office stores is JSON. */
const copia = (v: Valori): Valori => JSON.parse(JSON.stringify(v)) as Valori;

/** One session's Office.context.document.settings, plus what the fake needs to simulate reopening. */
export interface SessioneImpostazioni extends ImpostazioniDocumento {
  /** Closing and reopening the workbook: the in-memory copy becomes the document's again, unsaved keys lost. */
  riapri(): void;
}

/**
 * A workbook's document settings (Office.Settings) as the reference describes them: the document
 * holds one property bag; each add-in session works on an in-memory copy loaded when it started.
 * saveAsync persists that whole in-memory bag to the document (a colleague's newer keys included,
 * overwritten with this session's older copy); refreshAsync reloads the in-memory copy from the
 * document ("useful in Excel, Word, and PowerPoint coauthoring scenarios when multiple instances of
 * the same add-in are working against the same document").
 */
export class ImpostazioniNelDocumento {
  /** While true saveAsync fails. */
  salvataggioFallisce = false;
  /** While true refreshAsync fails. */
  aggiornamentoFallisce = false;
  private salvate: Valori = {};

  /** The bag as saved in the document (what reopening, or a colleague's refresh, finds). */
  nelFile(): Valori {
    return copia(this.salvate);
  }

  /** A session's settings object: another add-in instance on the same document gets its own. */
  sessione(): SessioneImpostazioni {
    let memoria = copia(this.salvate);
    const esito = (fallito: boolean, messaggio: string): RisultatoAsync =>
      fallito ? { status: "failed", error: { code: 5001, message: messaggio } } : { status: "succeeded", error: null };
    const sessione: SessioneImpostazioni = {
      get: (name: string) => (name in memoria ? copia({ v: memoria[name] }).v : null),
      set: (name: string, value: unknown) => {
        memoria[name] = copia({ v: value }).v;
      },
      remove: (name: string) => {
        delete memoria[name];
      },
      saveAsync: (callback?: (result: RisultatoAsync) => void) => {
        const fallisce = this.salvataggioFallisce;
        if (!fallisce) this.salvate = copia(memoria);
        void Promise.resolve().then(() => callback?.(esito(fallisce, "Impossibile salvare le impostazioni.")));
      },
      refreshAsync: (callback?: (result: RisultatoAsync) => void) => {
        const fallisce = this.aggiornamentoFallisce;
        if (!fallisce) memoria = copia(this.salvate);
        void Promise.resolve().then(() => callback?.(esito(fallisce, "Impossibile rileggere le impostazioni.")));
      },
      riapri: () => {
        memoria = copia(this.salvate);
      },
    };
    return sessione;
  }
}
