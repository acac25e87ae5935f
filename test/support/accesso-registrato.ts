/**
 * The one recording fake of WorkbookAccess (src/app/access.ts) for the use cases and the task pane:
 * an in-memory workbook of fixed grids that records every call, and can be told to fail.
 */
import {
  EsitoScrittura,
  GraficoLetto,
  Lettura,
  Selezione,
  ValoriImpostazioni,
  WorkbookAccess,
} from "../../src/app/access";
import { SheetGrid } from "../../src/layout/griglia";
import { Patch } from "../../src/layout/patch";
import { RegolaEsistente } from "../../src/layout/regole-condizionali";

type Metodo = "leggi" | "scrivi" | "seleziona" | "salvaImpostazioni";

export class AccessoRegistrato implements WorkbookAccess {
  letture = 0;
  /** Every patch written, in order. */
  scritture: Patch[] = [];
  selezioni: Selezione[] = [];
  /** Every salvaImpostazioni call, in order. */
  salvate: ValoriImpostazioni[] = [];
  /** The conditional-format rules it reports (undefined: it cannot read them). */
  formattazioni?: RegolaEsistente[] | null;
  /** The charts it reports (undefined: it cannot read them). */
  grafici?: GraficoLetto[];
  /** When set, the next calls of that method fail with it. */
  errori: Partial<Record<Metodo, unknown>> = {};

  constructor(
    public fogli: SheetGrid[],
    public selezione: Selezione | null = null,
    public protetti: string[] = [],
    public impostazioni: ValoriImpostazioni = {}
  ) {}

  async leggi(): Promise<Lettura> {
    this.letture++;
    if (this.errori.leggi !== undefined) throw this.errori.leggi;
    const lettura: Lettura = { fogli: this.fogli, selezione: this.selezione, protetti: [...this.protetti] };
    if (this.formattazioni !== undefined) lettura.formattazioni = this.formattazioni;
    if (this.grafici !== undefined) lettura.grafici = this.grafici;
    return lettura;
  }

  async scrivi(patch: Patch): Promise<EsitoScrittura> {
    if (this.errori.scrivi !== undefined) throw this.errori.scrivi;
    this.scritture.push(patch);
    return { sincronizzazioni: 1, byte: JSON.stringify(patch).length };
  }

  async seleziona(selezione: Selezione): Promise<void> {
    if (this.errori.seleziona !== undefined) throw this.errori.seleziona;
    this.selezioni.push(selezione);
  }

  leggiImpostazioni(): ValoriImpostazioni {
    return { ...this.impostazioni };
  }

  async salvaImpostazioni(valori: ValoriImpostazioni): Promise<void> {
    if (this.errori.salvaImpostazioni !== undefined) throw this.errori.salvaImpostazioni;
    this.salvate.push(valori);
    this.impostazioni = { ...valori };
  }
}
