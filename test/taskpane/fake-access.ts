import { EsitoScrittura, Lettura, Selezione, ValoriImpostazioni, WorkbookAccess } from "../../src/app/access";
import { SheetGrid } from "../../src/layout/griglia";
import { Patch } from "../../src/layout/patch";

/** An in-memory workbook behind the WorkbookAccess port: it records every call the pane makes. */
export class FakeAccess implements WorkbookAccess {
  letture = 0;
  patch: Patch[] = [];
  selezioni: Selezione[] = [];
  salvate: ValoriImpostazioni[] = [];
  /** When set, the next calls of that method fail with it. */
  errori: Partial<Record<"leggi" | "scrivi" | "seleziona" | "salvaImpostazioni", unknown>> = {};

  constructor(
    public fogli: SheetGrid[],
    public selezione: Selezione | null = null,
    public protetti: string[] = [],
    public impostazioni: ValoriImpostazioni = {}
  ) {}

  async leggi(): Promise<Lettura> {
    this.letture++;
    if (this.errori.leggi !== undefined) throw this.errori.leggi;
    return { fogli: this.fogli, selezione: this.selezione, protetti: [...this.protetti] };
  }

  async scrivi(patch: Patch): Promise<EsitoScrittura> {
    if (this.errori.scrivi !== undefined) throw this.errori.scrivi;
    this.patch.push(patch);
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
