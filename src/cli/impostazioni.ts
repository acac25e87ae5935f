import type { ValoriImpostazioni } from "../app/access";
import {
  annoDaSalvato,
  CHIAVE_ANNO_RELAZIONE,
  condivisioneDi,
  Impostazioni,
  leggiImpostazioni,
} from "../app/impostazioni";
import { Bande } from "../engine";
import { CONTENUTO_PREDEFINITO, ContenutoBarometro } from "../layout/patch";

/**
 * The choices the task pane saved in the workbook (Impostazioni, «Anno della Relazione»), as the
 * command line applies them: the same bands, the same Barometro cell, the same year.
 */
export interface ImpostazioniCartella {
  /** The settings as the app's use cases take them (src/app/settings.ts). */
  impostazioni: Impostazioni;
  bande: Bande;
  contenuto: ContenutoBarometro;
  formattazione: boolean;
  /** % Ragg as =PERF.RAGG formulas in the pane: the command line writes values all the same. */
  formule: boolean;
  /**
   * «Formule di Excel» (the default): Scostamento, % Ragg and the line's percentage as Excel
   * formulas, written with the engine's figures as their cached results (read right before any
   * recalculation).
   */
  formuleExcel: boolean;
  /** The year chosen in the pane; null: read from the workbook's texts. */
  anno: number | null;
  /** Whether the workbook holds Barometro's settings at all (the output says where the choices come from). */
  salvate: boolean;
  /** An Italian message when the saved settings are not valid (the defaults are used instead). */
  errore: string | null;
}

/** The workbook's document settings (WorkbookAccess.leggiImpostazioni) as the command line applies them. */
export function impostazioniCartella(valori: ValoriImpostazioni): ImpostazioniCartella {
  const { impostazioni, errore } = leggiImpostazioni(valori);
  return {
    impostazioni,
    bande: impostazioni.bande,
    contenuto: impostazioni.contenutoBarometro ?? CONTENUTO_PREDEFINITO,
    formattazione: condivisioneDi(impostazioni).formattazioneCondizionale,
    formule: impostazioni.modoScrittura === "perf",
    formuleExcel: impostazioni.modoScrittura === "excel",
    anno: annoDaSalvato(valori[CHIAVE_ANNO_RELAZIONE]),
    salvate: Object.keys(valori).length > 0,
    errore,
  };
}
