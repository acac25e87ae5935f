import type { Cell, CellValue, Worksheet } from "exceljs";
import { ValoreCella } from "../engine";
import { Area, parseA1, SheetGrid } from "../layout/grid";

/** Reads an ExcelJS worksheet the way Office.js reads a used range: values, formats, formulas, merges. */
export function worksheetToGrid(ws: Worksheet): SheetGrid {
  const values: ValoreCella[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const i = r - 1;
      const j = c - 1;
      (values[i] ??= [])[j] = isMergedSlave(cell) ? null : cellValue(cell.value);
      (numberFormats[i] ??= [])[j] = cell.numFmt ?? null;
      (formulas[i] ??= [])[j] = cell.formula ? `=${cell.formula}` : null;
    });
  });
  return {
    name: ws.name,
    values: densify(values),
    numberFormats: densify(numberFormats),
    formulas: densify(formulas),
    merges: merges(ws),
  };
}

function isMergedSlave(cell: Cell): boolean {
  return cell.isMerged && cell.master.address !== cell.address;
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

function merges(ws: Worksheet): Area[] {
  const ranges: string[] = (ws.model as { merges?: string[] }).merges ?? [];
  return ranges.map((range) => {
    const [from, to = from] = range.split(":");
    const a = parseA1(from);
    const b = parseA1(to);
    return { top: a.row, left: a.col, bottom: b.row, right: b.col };
  });
}

/** Fills the holes a sparse read leaves, so every row is a real array. */
function densify<T>(rows: T[][]): (T | null)[][] {
  const width = rows.reduce((w, row) => Math.max(w, row?.length ?? 0), 0);
  return Array.from({ length: rows.length }, (_, i) => Array.from({ length: width }, (_, j) => rows[i]?.[j] ?? null));
}
