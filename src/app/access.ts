import { SheetGrid } from "../layout/griglia";
import { PianoStampaCartella } from "../layout/stampa";
import { Patch } from "../layout/patch";
import { RegolaEsistente } from "../layout/regole-condizionali";

/** A cell or range the user has selected: sheet name and A1 address ("B7" or "B7:D9"). */
export interface Selezione {
  foglio: string;
  indirizzo: string;
}

/** A chart found on a sheet, by name. */
export interface GraficoLetto {
  foglio: string;
  nome: string;
}

/** One read of the whole workbook. */
export interface Lettura {
  fogli: SheetGrid[];
  selezione: Selezione | null;
  /** Names of the protected sheets. */
  protetti: string[];
  /**
   * The conditional-format rules of every sheet (custom rules with their formula), read with the
   * rest. Undefined when this access cannot read them, null when Excel refused to: Barometro then
   * leaves conditional formatting alone (it could not tell its own rules from the user's).
   */
  formattazioni?: RegolaEsistente[] | null;
  /** The charts of every sheet, by name; undefined when this access cannot read them. */
  grafici?: GraficoLetto[];
}

/** What a write cost: Office.js round trips and the size of what was sent. */
export interface EsitoScrittura {
  sincronizzazioni: number;
  byte: number;
}

/** Values the add-in keeps in the workbook (document settings), by key. */
export type ValoriImpostazioni = Record<string, unknown>;

/**
 * What the task pane and the ribbon need of a workbook. In Excel it is Office.js
 * (src/excel); in the workbench and in tests, an in-memory workbook behind the same interface.
 */
export interface WorkbookAccess {
  /** Every sheet's used range with formats, formulas and merged areas, plus the selection. */
  leggi(): Promise<Lettura>;
  /**
   * Writes the patch in one go: values and fills of the cells it names, Barometro's own
   * conditional-format rules, the Riepilogo sheet and its chart. Never touches anything else.
   */
  scrivi(patch: Patch): Promise<EsitoScrittura>;
  /**
   * Prepara stampa: lays out the sheets that hold lines for printing and writes the Indice sheet,
   * first, in one go (src/layout/indice.ts). Optional: an access that cannot (an in-memory one in
   * tests) leaves it out, and the task pane says the action is not available.
   */
  impagina?(piano: PianoStampaCartella): Promise<EsitoScrittura>;
  /** Selects a range and brings its sheet forward. */
  seleziona(selezione: Selezione): Promise<void>;
  leggiImpostazioni(): ValoriImpostazioni;
  /**
   * Saves these keys only (a key whose value is unchanged is not written), keeping the other keys
   * of the document as they are now: a colleague co-authoring may have saved some meanwhile.
   */
  salvaImpostazioni(valori: ValoriImpostazioni): Promise<void>;
  /** Reloads the settings from the document before leggiImpostazioni() (co-authoring); absent: nothing to reload. */
  aggiornaImpostazioni?(): Promise<void>;
}
