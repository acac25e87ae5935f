import ExcelJS from "exceljs";
import { cellValue, worksheetToGrid } from "../support/griglia-exceljs";
import { CAMPIONE } from "../support/campione";

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

  it("holds, for every cell of the bundled sample, what ExcelJS reads there cell by cell", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    for (const ws of wb.worksheets) {
      // Cells with a value (or covered by a merge); empty cells, even formatted, read as null.
      const piene: ExcelJS.Cell[] = [];
      ws.eachRow((row) => row.eachCell((cell) => piene.push(cell)));
      const righe = Math.max(0, ...piene.map((c) => Number(c.row)));
      const colonne = Math.max(0, ...piene.map((c) => Number(c.col)));
      const attesa = (leggi: (cell: ExcelJS.Cell) => unknown) =>
        Array.from({ length: righe }, (_, i) =>
          Array.from({ length: colonne }, (_, j) => {
            const cell = ws.findCell(i + 1, j + 1);
            return cell && cell.type !== ExcelJS.ValueType.Null ? leggi(cell) : null;
          })
        );
      const grid = worksheetToGrid(ws);
      expect(grid.values).toEqual(attesa((c) => (c.isMerged && c.master !== c ? null : cellValue(c.value))));
      expect(grid.numberFormats).toEqual(attesa((c) => c.numFmt ?? null));
      expect(grid.formulas).toEqual(attesa((c) => (c.formula ? `=${c.formula}` : null)));
      expect(grid.values.flat().filter((v) => v !== null).length).toBeGreaterThan(100);
    }
  });

  it("gives an empty grid for an empty sheet", () => {
    const wb = new ExcelJS.Workbook();
    const grid = worksheetToGrid(wb.addWorksheet("Vuoto"));
    expect(grid.values).toEqual([]);
    expect(grid.merges).toEqual([]);
  });
});

describe("merged areas, found from the cells they cover", () => {
  const comeModello = (ws: ExcelJS.Worksheet) =>
    ((ws.model as { merges?: string[] }).merges ?? []).map((r) => {
      const [a, b = a] = r.split(":");
      const cella = (x: string) => ws.getCell(x);
      return {
        top: Number(cella(a).row) - 1,
        left: Number(cella(a).col) - 1,
        bottom: Number(cella(b).row) - 1,
        right: Number(cella(b).col) - 1,
      };
    });
  const ordina = (aree: { top: number; left: number }[]) => [...aree].sort((x, y) => x.top - y.top || x.left - y.left);

  it("are ExcelJS's own, empty top-left cells and odd shapes included", () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Unioni");
    ws.mergeCells("A1:C1"); // all empty
    ws.getCell("B3").value = "x";
    ws.mergeCells("B3:D7");
    ws.mergeCells("F2:F9");
    ws.getCell("G10").value = 1;
    expect(ordina(worksheetToGrid(ws).merges)).toEqual(ordina(comeModello(ws)));
    expect(worksheetToGrid(ws).merges).toHaveLength(3);
  });

  it("are ExcelJS's own on the bundled sample", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    for (const ws of wb.worksheets) expect(ordina(worksheetToGrid(ws).merges)).toEqual(ordina(comeModello(ws)));
  });
});

test("a formula's cached result of 0 or FALSE is read (ExcelJS's cell.value leaves it out)", async () => {
  const xml = (v: string, t: string) => `<c r="A1" t="${t}"><f>B1-B1</f><v>${v}</v></c>`;
  for (const [v, t, atteso] of [
    ["0", "n", 0],
    ["0", "b", false],
    ["7", "n", 7],
  ] as const) {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("F").getCell("A1").value = { formula: "B1-B1", result: 1 };
    const buffer = await wb.xlsx.writeBuffer();
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(buffer);
    const foglio = "xl/worksheets/sheet1.xml";
    const testo = (await zip.file(foglio)!.async("string")).replace(/<c r="A1"[^>]*>.*?<\/c>/, xml(v, t));
    zip.file(foglio, testo);
    const letto = new ExcelJS.Workbook();
    await letto.xlsx.load((await zip.generateAsync({ type: "nodebuffer" })) as unknown as ArrayBuffer);
    expect(worksheetToGrid(letto.getWorksheet("F")!).values[0][0]).toBe(atteso);
  }
});
