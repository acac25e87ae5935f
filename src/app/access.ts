import { SheetGrid } from "../layout/grid";
import { Patch } from "../layout/patch";

/** A cell or range the user has selected: sheet name and A1 address ("B7" or "B7:D9"). */
export interface Selezione {
  foglio: string;
  indirizzo: string;
}

/** One read of the whole workbook. */
export interface Lettura {
  fogli: SheetGrid[];
  selezione: Selezione | null;
  /** Names of the protected sheets. */
  protetti: string[];
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
  /** Writes the patch's values and fills. Never touches any other cell. */
  scrivi(patch: Patch): Promise<EsitoScrittura>;
  /** Selects a range and brings its sheet forward. */
  seleziona(selezione: Selezione): Promise<void>;
  leggiImpostazioni(): ValoriImpostazioni;
  salvaImpostazioni(valori: ValoriImpostazioni): Promise<void>;
}
