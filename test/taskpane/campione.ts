import { join, resolve } from "path";
import ExcelJS from "exceljs";
import { SheetGrid } from "../../src/layout/griglia";
import { worksheetToGrid } from "../../src/cli/xlsx-grid";

const CAMPIONE = join(resolve(__dirname, "../.."), "assets/relazione-performance-2024.xlsx");

let letti: Promise<SheetGrid[]> | null = null;

/** The bundled sample workbook as Office.js would read it (read once per test file). */
export function fogliCampione(): Promise<SheetGrid[]> {
  letti ??= (async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    return wb.worksheets.map(worksheetToGrid);
  })();
  // A copy of the values each time, so a test may change cells without touching the others.
  return letti.then((fogli) => fogli.map((f) => ({ ...f, values: f.values.map((riga) => [...riga]) })));
}
