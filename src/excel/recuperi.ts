import { CODICI_OFFICE, codiceOffice, isErroreUnioni } from "./errors";
import { FetteInCorso, nuoveFette } from "./lettore-a-fette";
import { celleDelGruppo, Fetta } from "./read-plan";
import { conUnioniPiuBasse, StatoAccesso } from "./stato-accesso";
import { dividiLotto, LottoScrittura } from "./write-plan";

/**
 * What the Office adapter does when Excel refuses a batch: a table, error → next step, applied by
 * one loop (conRecuperi). Each step returns the next attempt, a new batch, or null when it cannot
 * help any more: the error then reaches the caller (as an Italian message, errors.ts). Every step
 * changes what it tests (a state flag, a smaller block or group), so none repeats without end.
 */
export interface Recupero<T> {
  /** The refusal, as Excel reports it. */
  rifiuto: string;
  /** The next step, in words. */
  passo: string;
  riconosce(e: unknown): boolean;
  /** The next attempt; null when this step has nothing left to try. */
  poi(t: T): T | null;
}

/**
 * Tries `prova`; after each refusal, the step of the first row of `tabella` that recognises it,
 * until an attempt succeeds or no step is left. Returns the last attempt with the result or the
 * error. Each attempt is a batch of its own (no context.sync() here).
 */
export async function conRecuperi<T, R>(
  primo: T,
  prova: (t: T) => Promise<R>,
  tabella: readonly Recupero<T>[]
): Promise<{ ultimo: T } & ({ ok: true; valore: R } | { ok: false; errore: unknown })> {
  let t = primo;
  for (;;) {
    try {
      return { ultimo: t, ok: true, valore: await prova(t) };
    } catch (e) {
      const poi = tabella.find((r) => r.riconosce(e))?.poi(t) ?? null;
      if (poi === null) return { ultimo: t, ok: false, errore: e };
      t = poi;
    }
  }
}

/** A single row cannot be cut: Excel refusing it ends the read. */
const unaRiga = (g: Fetta[]) => g.length === 1 && g[0].area.top === g[0].area.bottom;

const conCodice = (codice: string) => (e: unknown) => codiceOffice(e) === codice;

/** One attempt at a read: the adapter's state, with or without the selection, the read in slices under way. */
export interface TentativoLettura {
  stato: StatoAccesso;
  conSelezione: boolean;
  /** What a read in slices has read so far: after a refused group it goes on from there. */
  fette: FetteInCorso;
}

/** The read again from the start (the list of sheets), in a new batch. */
const daCapo = (stato: StatoAccesso, conSelezione: boolean): TentativoLettura => ({
  stato,
  conSelezione,
  fette: nuoveFette(),
});

/** Office error codes that do not come from reading conditional formats (handled on their own or final). */
const CODICI_NON_DA_FORMATTAZIONI = new Set<string>([
  CODICI_OFFICE.modificaInCorso,
  CODICI_OFFICE.accessoNegato,
  CODICI_OFFICE.rispostaTroppoGrande,
  CODICI_OFFICE.selezioneNonValida,
  CODICI_OFFICE.nonTrovato,
]);

/**
 * The read's recovery table. `maxByteRisposta` is the bytes a sync of a read in slices aims at
 * first: after a refused group the target goes a quarter lower each time, never below a quarter of it.
 */
export function recuperiLettura(maxByteRisposta: number): readonly Recupero<TentativoLettura>[] {
  return [
    {
      rifiuto: "a block of merged areas holds more than 512 (error location Range.getMergedAreasOrNullObject)",
      passo: "blocks 4 times lower: the refused group of slices again, or the whole read (until blocks of one row)",
      riconosce: isErroreUnioni,
      poi: (t) => {
        const stato = conUnioniPiuBasse(t.stato);
        if (!stato) return null;
        if (t.fette.inCorso) return { ...t, stato, fette: { ...t.fette, inCorso: null } };
        return daCapo(stato, t.conSelezione);
      },
    },
    {
      rifiuto: "response over 5 MB (ResponsePayloadSizeLimitExceeded)",
      passo:
        "a group of slices: on from it, a quarter of its cells per sync, the target a quarter lower (not a single row); " +
        "a whole read: in slices, now and until the workbook halves",
      riconosce: conCodice(CODICI_OFFICE.rispostaTroppoGrande),
      poi: (t) => {
        const rifiutato = t.fette.inCorso;
        if (rifiutato && !unaRiga(rifiutato)) {
          const celle = celleDelGruppo(rifiutato);
          const byteObiettivo = Math.max(Math.floor(maxByteRisposta / 4), Math.floor((t.stato.byteObiettivo * 3) / 4));
          // Within rows already refused once, the cap of the first refusal still holds.
          const tetto = {
            celle: Math.max(1, Math.floor(celle / 4)),
            restanti: Math.max(celle, t.fette.tetto?.restanti ?? 0),
          };
          return { ...t, stato: { ...t.stato, byteObiettivo }, fette: { ...t.fette, inCorso: null, tetto } };
        }
        if (t.stato.aFette) return null;
        return daCapo({ ...t.stato, aFette: { celleAlRifiuto: 0 } }, t.conSelezione);
      },
    },
    {
      rifiuto: "a remembered sheet no longer exists (ItemNotFound fails the batch instead of a null object)",
      passo: "the read again from the list of sheets, as the first read",
      riconosce: conCodice(CODICI_OFFICE.nonTrovato),
      poi: (t) => (t.stato.noti.length > 0 ? daCapo({ ...t.stato, noti: [] }, t.conSelezione) : null),
    },
    {
      rifiuto: "a chart or a shape is selected (InvalidSelection, OfficeDev/office-js#2268)",
      passo: "the read again without the selection",
      riconosce: conCodice(CODICI_OFFICE.selezioneNonValida),
      poi: (t) => (t.conSelezione ? daCapo(t.stato, false) : null),
    },
    {
      rifiuto: "any other Office error: a conditional format Excel cannot describe (OfficeDev/office-js#6827, #6835)",
      passo: "the read again without conditional formats, and every read after it",
      riconosce: (e) => {
        const codice = codiceOffice(e);
        return codice !== null && !CODICI_NON_DA_FORMATTAZIONI.has(codice);
      },
      poi: (t) => (t.stato.formattazioni ? daCapo({ ...t.stato, formattazioni: false }, t.conSelezione) : null),
    },
  ];
}

/** A write under way: its lots, how many Excel has applied (one sync each), the syncs so far, the sheets added. */
export interface ScritturaInCorso {
  lotti: LottoScrittura[];
  scritti: number;
  sincronizzazioni: number;
  aggiunti: { id: string; nome: string }[];
}

/** The write's recovery table. */
export const RECUPERI_SCRITTURA: readonly Recupero<ScritturaInCorso>[] = [
  {
    rifiuto: "request over 5 MB (RequestPayloadSizeLimitExceeded): the lot was not applied",
    passo: "that lot split in two, the write going on from it in a new batch (the lots applied are not sent again)",
    riconosce: conCodice(CODICI_OFFICE.richiestaTroppoGrande),
    poi: (t) => {
      const meta = dividiLotto(t.lotti[t.scritti]);
      if (!meta) return null;
      return { ...t, lotti: [...t.lotti.slice(0, t.scritti), ...meta, ...t.lotti.slice(t.scritti + 1)] };
    },
  },
];
