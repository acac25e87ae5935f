import { resolve } from "path";
import ExcelJS from "exceljs";
import { Lettura, Selezione, ValoriImpostazioni, WorkbookAccess } from "../../src/app/access";
import { worksheetToGrid } from "../../src/cli/xlsx-grid";
import { SheetGrid } from "../../src/layout/griglia";
import { Patch } from "../../src/layout/patch";
import { RegolaEsistente } from "../../src/layout/regole-condizionali";

export const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");

export async function grigliaCampione(): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  return wb.worksheets.map(worksheetToGrid);
}

/** A WorkbookAccess over fixed grids that records what it is asked to do. */
export class MemoryAccess implements WorkbookAccess {
  scritture: Patch[] = [];
  selezioni: Selezione[] = [];
  impostazioni: ValoriImpostazioni = {};
  letture = 0;
  /** The conditional-format rules it reports (undefined: it cannot read them, as before). */
  formattazioni?: RegolaEsistente[] | null;

  constructor(
    public fogli: SheetGrid[],
    public selezione: Selezione | null = null,
    public protetti: string[] = []
  ) {}

  async leggi(): Promise<Lettura> {
    this.letture++;
    const lettura: Lettura = { fogli: this.fogli, selezione: this.selezione, protetti: this.protetti };
    if (this.formattazioni !== undefined) lettura.formattazioni = this.formattazioni;
    return lettura;
  }
  async scrivi(patch: Patch) {
    this.scritture.push(patch);
    return { sincronizzazioni: 1, byte: JSON.stringify(patch).length };
  }
  async seleziona(selezione: Selezione) {
    this.selezioni.push(selezione);
  }
  leggiImpostazioni() {
    return this.impostazioni;
  }
  async salvaImpostazioni(valori: ValoriImpostazioni) {
    this.impostazioni = { ...valori };
  }
}
