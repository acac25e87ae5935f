import type { Fill, Workbook } from "exceljs";
import { Patch } from "../layout/patch";

/** Writes a patch into an ExcelJS workbook: values of owned cells, fills of Barometro cells. */
export function applyPatch(workbook: Workbook, patch: Patch): void {
  for (const w of patch.scritture) {
    const ws = workbook.getWorksheet(w.foglio);
    // formula "" empties the cell (Barometro removing its own label).
    if (ws)
      ws.getCell(w.cella).value =
        w.formula === "" ? null : w.formula ? { formula: w.formula.slice(1), result: w.valore } : w.valore;
  }
  for (const f of patch.colori) {
    const ws = workbook.getWorksheet(f.foglio);
    if (!ws) continue;
    const cell = ws.getCell(f.cella);
    // ExcelJS shares one style object between cells read with the same style: replace it, never mutate it.
    cell.style = { ...cell.style, fill: fillFor(f.colore) };
  }
}

function fillFor(colore: string | null): Fill {
  if (colore === null) return { type: "pattern", pattern: "none" };
  const argb = `FF${colore.replace("#", "").toUpperCase()}`;
  return { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
}
