/**
 * The bundled sample workbook (assets/relazione-performance-2024.xlsx, built from
 * test/fixtures/ by `npm run sample`): its path, in one place, and its sheets as grids.
 */
import { resolve } from "path";
import ExcelJS from "exceljs";
import { worksheetToGrid } from "./griglia-exceljs";
import { SheetGrid } from "../../src/layout/griglia";

export const CAMPIONE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");

let letti: Promise<SheetGrid[]> | null = null;

/**
 * The sample's sheets as Office.js would read them, read once per test file; a copy of the values
 * each time, so a test may change cells without touching the others.
 */
export function fogliCampione(): Promise<SheetGrid[]> {
  letti ??= (async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    return wb.worksheets.map(worksheetToGrid);
  })();
  return letti.then((fogli) => fogli.map((f) => ({ ...f, values: f.values.map((riga) => [...riga]) })));
}
