import type { Avviso } from "../engine";
import type { Selezione } from "../app/access";
import type { EsitoPreparazione, FormulaEsclusa } from "../app/condivisione";
import type { Ambito, Analisi, EsitoRicalcolo } from "../app/ricalcolo";
import type { Impostazioni } from "../app/impostazioni";
import type { EsitoStampa } from "../app/stampa";
import type { Avanzamento, RapportoDiagnostica } from "../app/diagnostica";

/** The task pane's tabs. */
export type Scheda = "riepilogo" | "verifica" | "condivisione" | "impostazioni";

/** What the pane is waiting for: while set, the buttons that touch the workbook are disabled. */
export type Lavoro =
  | { tipo: "lettura" }
  | { tipo: "ricalcolo"; ambito: Ambito }
  | { tipo: "salvataggio" }
  /** Prepara per la condivisione: counting the PERF formulas, or (conferma) replacing them. */
  | { tipo: "condivisione"; conferma: boolean }
  /** Aggiorna riepilogo: writing the "Riepilogo" sheet and its chart. */
  | { tipo: "foglioRiepilogo" }
  /** Prepara stampa: laying out the sheets and writing the Indice. */
  | { tipo: "stampa" }
  /** Diagnostica: trying every capability on a temporary sheet. */
  | { tipo: "diagnostica" }
  /** Converti in numeri: writing the figures stored as text as numbers. */
  | { tipo: "numeri" };

/** Converti in numeri, waiting for the user's answer (the dialog is open). */
export interface ConfermaNumeri {
  /** «Convertire in numeri N celle che contengono numeri scritti come testo?» */
  domanda: string;
  /** What will change, a few cells: «Obiettivi 2024!H12: «1.200» → 1.200». */
  anteprima: string[];
}

/** Prepara per la condivisione, counted and waiting for the user's answer (the dialog is open). */
export interface ConfermaCondivisione {
  /** «Sostituire N formule PERF con il loro valore?» */
  domanda: string;
  formule: number;
  /** Sheets holding them, in workbook order. */
  fogli: string[];
}

/**
 * Where a result is shown: next to the button that asked for it (Salva is at the foot of a long
 * form, Prepara stampa half way down its tab), else at the top of the pane.
 */
export type Luogo = "impostazioni" | "stampa";

/** The message shown after an operation (success, warning or error), in Italian. */
export interface Notifica {
  intento: "successo" | "avviso" | "errore";
  testo: string;
  /** Undefined: at the top of the pane. */
  luogo?: Luogo;
}

export interface StatoBarometro {
  scheda: Scheda;
  /** The last read of the workbook; null until the first read ends. */
  analisi: Analisi | null;
  /**
   * Index (in analisi.linee) of the line «Ricalcola linea» acts on: chosen in the Riepilogo, or the
   * one holding the sheet's selection (it follows the selection); null: none, the button waits.
   */
  lineaScelta: number | null;
  /** The settings every Ricalcola uses (from the workbook, or the defaults). */
  impostazioni: Impostazioni;
  /** Set when the settings stored in the workbook are invalid and the defaults are in use. */
  erroreImpostazioni: string | null;
  lavoro: Lavoro | null;
  /** How far the work has got, painted while it runs («Ricalcolo: scrittura di 10 linee…»). */
  avanzamento: string | null;
  notifica: Notifica | null;
  /** Set while the Prepara per la condivisione dialog asks for confirmation. */
  conferma: ConfermaCondivisione | null;
  /** Set while the Converti in numeri dialog asks for confirmation. */
  confermaNumeri: ConfermaNumeri | null;
  /** PERF formulas the last Prepara per la condivisione left as they are (null before any). */
  escluse: FormulaEsclusa[] | null;
  /** The report's year saved in the workbook for Prepara stampa (null: read from its texts). */
  annoRelazione: number | null;
  /** Diagnostica: the capability being tried (while it runs) and the last report. */
  diagnostica: {
    avanzamento: Avanzamento | null;
    rapporto: RapportoDiagnostica | null;
  };
}

export type Azione =
  | { tipo: "scheda"; scheda: Scheda }
  | { tipo: "scegliLinea"; indice: number | null }
  /** The selection changed in the sheet (Excel's event): the line it falls in becomes the chosen one. */
  | { tipo: "selezioneFoglio"; selezione: Selezione }
  | {
      tipo: "impostazioniLette";
      impostazioni: Impostazioni;
      errore: string | null;
    }
  | { tipo: "avvio"; lavoro: Lavoro }
  | { tipo: "avanza"; testo: string }
  | { tipo: "letto"; analisi: Analisi }
  | { tipo: "ricalcolato"; esito: EsitoRicalcolo }
  | { tipo: "impostazioniSalvate"; impostazioni: Impostazioni }
  | { tipo: "errore"; messaggio: string }
  /** Prepara per la condivisione, first call: the count (a question when there is something to replace). */
  | { tipo: "condivisioneContata"; esito: EsitoPreparazione }
  /** The dialog was dismissed: nothing is written. */
  | { tipo: "condivisioneAnnullata" }
  /** Prepara per la condivisione, confirmed: what was replaced. */
  | { tipo: "condivisionePreparata"; esito: EsitoPreparazione }
  | { tipo: "riepilogoAggiornato"; messaggio: string }
  /** The report's year saved in the workbook, read on open. */
  | { tipo: "annoLetto"; anno: number | null }
  /** Prepara stampa done: the sheets laid out, the Indice written. */
  | { tipo: "stampaPreparata"; esito: EsitoStampa }
  /** A Ricalcola run elsewhere (the ribbon): shown without touching the pane's own work. */
  | { tipo: "esitoEsterno"; esito: EsitoRicalcolo }
  | { tipo: "erroreEsterno"; messaggio: string }
  | { tipo: "diagnosticaAvanza"; avanzamento: Avanzamento }
  | { tipo: "diagnosticaFatta"; rapporto: RapportoDiagnostica }
  | { tipo: "chiudiNotifica" }
  /** Converti in numeri pressed: the question, in a dialog. */
  | { tipo: "numeriChiesti"; conferma: ConfermaNumeri }
  /** The dialog was dismissed: nothing is written. */
  | { tipo: "numeriAnnullati" }
  /** Converted: the workbook as it is now (no read needed), and what was done. */
  | { tipo: "numeriConvertiti"; analisi: Analisi; messaggio: string };

/** A band as the pane shows it: always a label next to the colour. */
export interface FasciaVista {
  etichetta: string;
  colore: string;
}

/** One line of the Riepilogo. */
export interface RigaLinea {
  indice: number;
  nome: string;
  foglio: string;
  percentuale: number | null;
  /** "84,44%", or "—" when nothing could be computed. */
  testo: string;
  /** null when the line has no percentage (nothing measured yet). */
  fascia: FasciaVista | null;
  obiettivi: number;
  neutralizzati: number;
  incompleta: boolean;
  avvisi: number;
}

/** Verifica's findings of one line. */
export interface GruppoAvvisi {
  linea: string;
  avvisi: Avviso[];
}
