import type { CellValue, Worksheet } from "exceljs";
import { ValoreCella } from "../engine";
import { Area, SheetGrid } from "../layout/grid";

/** Reads an ExcelJS worksheet the way Office.js reads a used range: values, formats, formulas, merges. */
export function worksheetToGrid(ws: Worksheet): SheetGrid {
  const values: ValoreCella[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  /** Merged areas by their master cell, grown from the cells they cover (all visited here). */
  const unite = new Map<string, Area>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const i = r - 1;
      const j = c - 1;
      const master = cell.isMerged ? cell.master : null;
      if (master) {
        allarga(unite, master.address, i, j);
        // An empty top-left cell is not visited: its slaves bring it in.
        allarga(unite, master.address, Number(master.row) - 1, Number(master.col) - 1);
      }
      (values[i] ??= [])[j] = master && master.address !== cell.address ? null : cellValue(cell.value);
      (numberFormats[i] ??= [])[j] = cell.numFmt ?? null;
      (formulas[i] ??= [])[j] = cell.formula ? `=${cell.formula}` : null;
    });
  });
  return {
    name: ws.name,
    values: densify(values),
    numberFormats: densify(numberFormats),
    formulas: densify(formulas),
    // Not ws.model.merges: that getter builds the model of every row of the sheet.
    merges: [...unite.values()],
  };
}

function allarga(unite: Map<string, Area>, master: string, riga: number, colonna: number): void {
  const area = unite.get(master);
  if (!area) unite.set(master, { top: riga, left: colonna, bottom: riga, right: colonna });
  else {
    area.top = Math.min(area.top, riga);
    area.left = Math.min(area.left, colonna);
    area.bottom = Math.max(area.bottom, riga);
    area.right = Math.max(area.right, colonna);
  }
}

/** ExcelJS's value shapes reduced to what a cell shows: formula results, rich text, hyperlinks, errors. */
export function cellValue(value: CellValue): ValoreCella {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean" || value instanceof Date)
    return value;
  if ("result" in value) return cellValue(value.result as CellValue);
  if ("formula" in value || "sharedFormula" in value) return null;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("text" in value) return typeof value.text === "string" ? value.text : cellValue(value.text as CellValue);
  if ("error" in value) return String(value.error);
  return null;
}

/** Fills the holes a sparse read leaves, so every row is a real array. */
function densify<T>(rows: T[][]): (T | null)[][] {
  const width = rows.reduce((w, row) => Math.max(w, row?.length ?? 0), 0);
  return Array.from({ length: rows.length }, (_, i) => Array.from({ length: width }, (_, j) => rows[i]?.[j] ?? null));
}
