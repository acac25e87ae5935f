import ExcelJS from "exceljs";
import { cellValue, worksheetToGrid } from "../../src/cli/xlsx-grid";

describe("cellValue", () => {
  it("reduces ExcelJS value shapes to what the cell shows", () => {
    expect(cellValue(null)).toBeNull();
    expect(cellValue(3)).toBe(3);
    expect(cellValue("78,5")).toBe("78,5");
    expect(cellValue(true)).toBe(true);
    const d = new Date(Date.UTC(2024, 0, 1));
    expect(cellValue(d)).toBe(d);
    expect(cellValue({ formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue)).toBe(2);
    expect(cellValue({ formula: "1+1" } as ExcelJS.CellFormulaValue)).toBeNull();
    expect(cellValue({ sharedFormula: "A1", result: "x" } as ExcelJS.CellSharedFormulaValue)).toBe("x");
    expect(cellValue({ formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue)).toBe("#DIV/0!");
    expect(cellValue({ richText: [{ text: "Target " }, { text: "atteso" }] })).toBe("Target atteso");
    expect(cellValue({ text: "sito", hyperlink: "https://example.org" })).toBe("sito");
    expect(cellValue({ error: "#N/A" } as ExcelJS.CellErrorValue)).toBe("#N/A");
  });
});

describe("worksheetToGrid", () => {
  it("reads values, number formats, formulas and merges like an Office.js used range", () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Linea Sport");
    ws.getCell("B2").value = "Obiettivo";
    ws.mergeCells("B2:B4");
    ws.getCell("C3").value = 0.8444;
    ws.getCell("C3").numFmt = "0.00%";
    ws.getCell("D4").value = { formula: "C3*100", result: 84.44 };
    const grid = worksheetToGrid(ws);
    expect(grid.name).toBe("Linea Sport");
    expect(grid.values[1][1]).toBe("Obiettivo");
    expect(grid.values[2][1]).toBeNull(); // the merged area's other cells read as empty, as in Office.js
    expect(grid.values[2][2]).toBe(0.8444);
    expect(grid.numberFormats?.[2][2]).toBe("0.00%");
    expect(grid.values[3][3]).toBe(84.44);
    expect(grid.formulas?.[3][3]).toBe("=C3*100");
    expect(grid.merges).toEqual([{ top: 1, left: 1, bottom: 3, right: 1 }]);
    expect(grid.values.every((row) => row.length === grid.values[0].length)).toBe(true);
    expect(grid.values[0][0]).toBeNull();
  });

  it("gives an empty grid for an empty sheet", () => {
    const wb = new ExcelJS.Workbook();
    const grid = worksheetToGrid(wb.addWorksheet("Vuoto"));
    expect(grid.values).toEqual([]);
    expect(grid.merges).toEqual([]);
  });
});
