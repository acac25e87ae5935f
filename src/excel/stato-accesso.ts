import { EsitoScrittura } from "../app/access";
import { ErroreBarometro } from "../app/ricalcolo";
import { FATTORE_RIDUZIONE_UNIONI, FoglioNoto, RIGHE_MAX_PER_BLOCCO, righePerBlocco } from "./read-plan";

/** How many round trips the last read and the last write took. */
export interface Diagnostica {
  ultimaLettura: {
    sincronizzazioni: number;
    fogli: number;
    aFette: boolean;
    /** False once Excel refused to read the conditional formats (they are then left alone). */
    formattazioni?: boolean;
  } | null;
  ultimaScrittura: EsitoScrittura | null;
}

/**
 * What the Office adapter knows between one call and the next: a plain value, passed to the reader
 * and the writer and returned by them (never changed in place). It lets a read cost one sync (the
 * sheets are known), size a read in slices from the start, and skip what Excel was found to refuse.
 */
export interface StatoAccesso {
  /** The sheets of the last read (id, name, used rows, merged areas per row): the next one queues them at once. */
  readonly noti: readonly FoglioNoto[];
  /** Names of the sheets the last read found protected: a write to them is refused before any sync. */
  readonly protetti: ReadonlySet<string>;
  /**
   * Reading in slices since Excel refused a whole response as too large (null: in one go), with the
   * cells the first read in slices found (0 until it has): below half of them, in one go again.
   */
  readonly aFette: { readonly celleAlRifiuto: number } | null;
  /** Bytes a sync of a read in slices aims at: a quarter lower each time Excel refuses one all the same. */
  readonly byteObiettivo: number;
  /** Bytes per cell of the densest part the last read in slices met (null before any). */
  readonly densitaNota: number | null;
  /** Estimated bytes written since the last read: the next one reads them back. */
  readonly byteScritti: number;
  /** False once Excel refused to read the conditional formats: they are left out from then on. */
  readonly formattazioni: boolean;
  /**
   * Blocks of merged areas are this many times lower than the sheets' known densities ask: raised
   * each time Excel refuses a block (more than 512 areas), back to 1 after a read succeeds.
   */
  readonly divisoreUnioni: number;
  /** What the last read and the last write cost (diagnostica()). */
  readonly ultimaLettura: Diagnostica["ultimaLettura"];
  readonly ultimaScrittura: EsitoScrittura | null;
}

/** What a read or a write gives back: the state after it, and its result or the Italian error. */
export type Esito<R> = { stato: StatoAccesso } & ({ valore: R; errore?: undefined } | { errore: ErroreBarometro });

/** The state of an adapter that has read nothing yet. */
export function statoIniziale(maxByteRisposta: number): StatoAccesso {
  return {
    noti: [],
    protetti: new Set(),
    aFette: null,
    byteObiettivo: maxByteRisposta,
    densitaNota: null,
    byteScritti: 0,
    formattazioni: true,
    divisoreUnioni: 1,
    ultimaLettura: null,
    ultimaScrittura: null,
  };
}

/** Everything learnt forgotten (the next read starts over, in 2 syncs); the diagnostics kept. */
export function dimenticato(stato: StatoAccesso, maxByteRisposta: number): StatoAccesso {
  return {
    ...statoIniziale(maxByteRisposta),
    ultimaLettura: stato.ultimaLettura,
    ultimaScrittura: stato.ultimaScrittura,
  };
}

/** Rows per block of merged areas for this sheet (its density from the last read, the divisor now). */
export function altezzaUnioni(stato: StatoAccesso, id: string): number {
  return righePerBlocco(stato.noti.find((n) => n.id === id)?.densitaUnioni, stato.divisoreUnioni);
}

/** Blocks of merged areas FATTORE_RIDUZIONE_UNIONI times lower; null once every block is a single row. */
export function conUnioniPiuBasse(stato: StatoAccesso): StatoAccesso | null {
  if (stato.divisoreUnioni >= RIGHE_MAX_PER_BLOCCO) return null;
  return { ...stato, divisoreUnioni: stato.divisoreUnioni * FATTORE_RIDUZIONE_UNIONI };
}

/** Sheets added by a write: remembered as blank, so the next read queues them at once (it stays at one sync). */
export function conFogliAggiunti(stato: StatoAccesso, aggiunti: readonly { id: string; nome: string }[]): StatoAccesso {
  if (stato.noti.length === 0) return stato;
  const noti = [...stato.noti];
  for (const a of aggiunti) if (!noti.some((n) => n.id === a.id)) noti.push({ id: a.id, nome: a.nome, righe: null });
  return noti.length === stato.noti.length ? stato : { ...stato, noti };
}
