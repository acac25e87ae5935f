import type { Workbook } from "exceljs";
import { writeFile } from "fs/promises";
import { Bande } from "../engine";
import { annoDaSalvato, CHIAVE_ANNO_RELAZIONE, condivisioneDi, leggiImpostazioni } from "../app/impostazioni";
import { CONTENUTO_PREDEFINITO, ContenutoBarometro } from "../layout/patch";
import { CliError, MESSAGGI_CLI } from "./errors";
import { PartiRiportate, riportaParti } from "./parti-riportate";

/**
 * The choices the task pane saved in the workbook (Impostazioni, «Anno della Relazione»), as the
 * command line applies them: the same bands, the same Barometro cell, the same year.
 */
export interface ImpostazioniCartella {
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

export function impostazioniCartella(riportate: PartiRiportate | null): ImpostazioniCartella {
  const valori = riportate?.impostazioni ?? {};
  const { impostazioni, errore } = leggiImpostazioni(valori);
  return {
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

/** Writes the workbook with the parts ExcelJS dropped put back (the add-in and its settings, the custom properties). */
export async function scriviCartella(workbook: Workbook, out: string, riportate: PartiRiportate | null): Promise<void> {
  try {
    if (!riportate) return await workbook.xlsx.writeFile(out);
    const scritto = Buffer.from(await workbook.xlsx.writeBuffer());
    await writeFile(out, await riportaParti(scritto, riportate));
  } catch (e) {
    throw new CliError(MESSAGGI_CLI.scritturaFallita(out, e instanceof Error ? e.message : String(e)));
  }
}
