import type { Cell, CellValue, Worksheet } from "exceljs";
import { ValoreCella } from "../../src/engine";
import { Area, SheetGrid } from "../../src/layout/griglia";

/** Reads an ExcelJS worksheet the way Office.js reads a used range: values, formats, formulas, merges. */
export function worksheetToGrid(ws: Worksheet): SheetGrid {
  const values: ValoreCella[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  /** Merged areas by their master cell, grown from the cells they cover (all visited here). */
  const unite = new Map<string, Area>();
  let larghezza = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const i = r - 1;
    const valoriRiga: ValoreCella[] = (values[i] = []);
    const formatiRiga: (string | null)[] = (numberFormats[i] = []);
    const formuleRiga: (string | null)[] = (formulas[i] = []);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const j = c - 1;
      // A merged master is its own master; a covered cell's master is another cell.
      const master = cell.isMerged ? cell.master : null;
      if (master) {
        let area = unite.get(master.address);
        if (!area) {
          // Started from the top-left cell: when empty it is not visited, its slaves bring it in.
          const top = Number(master.row) - 1;
          const left = Number(master.col) - 1;
          unite.set(master.address, (area = { top, left, bottom: top, right: left }));
        }
        if (i < area.top) area.top = i;
        if (j < area.left) area.left = j;
        if (i > area.bottom) area.bottom = i;
        if (j > area.right) area.right = j;
      }
      valoriRiga[j] = master && master !== cell ? null : valoreDi(cell);
      formatiRiga[j] = cell.numFmt ?? null;
      const formula = cell.formula;
      formuleRiga[j] = formula ? `=${formula}` : null;
      if (c > larghezza) larghezza = c;
    });
  });
  return {
    name: ws.name,
    values: densify(values, larghezza),
    numberFormats: densify(numberFormats, larghezza),
    formulas: densify(formulas, larghezza),
    // Not ws.model.merges: that getter builds the model of every row of the sheet.
    merges: [...unite.values()],
  };
}

/**
 * A cell's value. For a formula, its cached result read from the cell itself: ExcelJS's `value`
 * leaves out a result of 0, FALSE or "" (it copies only truthy fields), and Excel and LibreOffice
 * save plenty of formulas that give 0 (a Scostamento, a weight).
 */
function valoreDi(cell: Cell): ValoreCella {
  const v = cell.value;
  if (v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v))
    return cellValue((cell.result ?? null) as CellValue);
  return cellValue(v);
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

/** Fills the holes a sparse read leaves, so every row is a real array of the sheet's width. */
function densify<T>(rows: T[][], width: number): (T | null)[][] {
  const dense: (T | null)[][] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const sparse = rows[i];
    const row: (T | null)[] = new Array(width).fill(null);
    if (sparse !== undefined) for (let j = 0; j < sparse.length; j++) row[j] = sparse[j] ?? null;
    dense[i] = row;
  }
  return dense;
}
