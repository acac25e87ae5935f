import ExcelJS from "exceljs";
import { CAMPIONE } from "../support/campione";
import {
  cartellaDaExcelJS,
  coloreDaRiempimento,
  serialeExcel,
  testoMostrato,
  valoreDaExcelJS,
  vistaFoglio,
} from "../../src/excel-finto/exceljs";

describe("ExcelJS → fake Excel", () => {
  it("values as Office shows them: formula results, rich text, hyperlinks, errors, dates", () => {
    expect(valoreDaExcelJS({ formula: "A1*2", result: 8 })).toBe(8);
    expect(valoreDaExcelJS({ formula: "A1*2" } as ExcelJS.CellFormulaValue)).toBeNull();
    expect(valoreDaExcelJS({ richText: [{ text: "LINEA " }, { text: "SPORT" }] })).toBe("LINEA SPORT");
    expect(valoreDaExcelJS({ text: "sito", hyperlink: "https://example.org" })).toBe("sito");
    expect(valoreDaExcelJS({ error: "#DIV/0!" } as ExcelJS.CellErrorValue)).toBe("#DIV/0!");
    expect(valoreDaExcelJS(new Date(Date.UTC(2025, 0, 20)))).toBe(45677);
    expect(serialeExcel(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
  });

  it("fills: ARGB, theme with tint, indexed; none for patterns other than solid", () => {
    expect(coloreDaRiempimento({ type: "pattern", pattern: "solid", fgColor: { argb: "FF63BE7B" } })).toBe("#63BE7B");
    expect(coloreDaRiempimento({ type: "pattern", pattern: "solid", fgColor: { theme: 4 } })).toBe("#4472C4");
    expect(
      coloreDaRiempimento({
        type: "pattern",
        pattern: "solid",
        fgColor: { theme: 0, tint: -0.5 } as unknown as ExcelJS.Color,
      })
    ).toBe("#808080");
    expect(
      coloreDaRiempimento({ type: "pattern", pattern: "solid", fgColor: { indexed: 10 } as unknown as ExcelJS.Color })
    ).toBe("#FF0000");
    expect(coloreDaRiempimento({ type: "pattern", pattern: "none" })).toBeNull();
    expect(coloreDaRiempimento({ type: "pattern", pattern: "darkGray", fgColor: { argb: "FF000000" } })).toBeNull();
    expect(coloreDaRiempimento(undefined)).toBeNull();
  });

  it("loads cells, formats, formulas, merges, formatted empty cells and protection", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Obiettivi 2024");
    ws.getCell("B2").value = "Titolo";
    ws.mergeCells("B2:D2");
    ws.getCell("B3").value = { formula: "1+1", result: 2 };
    ws.getCell("C3").value = 0.923;
    ws.getCell("C3").numFmt = "0.00%";
    ws.getCell("D3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF8696B" } };
    ws.getCell("F9").border = { top: { style: "thin" } };
    const protetto = wb.addWorksheet("Protetto");
    (protetto as unknown as { sheetProtection: unknown }).sheetProtection = { sheet: true };

    const c = cartellaDaExcelJS(wb);
    const f = c.foglio("Obiettivi 2024")!;
    expect(f.cella("B2")).toEqual({ valore: "Titolo" });
    expect(f.cella("C2")).toBeUndefined(); // covered by the merge
    expect(f.unioni).toEqual([{ top: 1, left: 1, bottom: 1, right: 3 }]);
    expect(f.cella("B3")).toMatchObject({ valore: 2, formula: "=1+1" });
    expect(f.cella("C3")).toMatchObject({ valore: 0.923, formato: "0.00%" });
    expect(f.cella("D3")).toMatchObject({ valore: null, colore: "#F8696B" });
    expect(f.cella("F9")).toMatchObject({ valore: null, formattata: true });
    expect(f.areaUsata()).toEqual({ top: 1, left: 1, bottom: 8, right: 5 });
    expect(f.areaUsata(true)).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
    expect(c.foglio("Protetto")!.protetto).toBe(true);
    expect(f.protetto).toBe(false);
  });

  it("loads the bundled sample: one sheet, 161 merges, percentages as % fractions, empty formatted Barometro", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    const c = cartellaDaExcelJS(wb);
    expect(c.fogli.map((f) => f.nome)).toEqual(["Obiettivi 2024"]);
    const f = c.fogli[0];
    expect(f.unioni).toHaveLength(161);
    const percentuali = [...f.celle()].filter((x) => x.cella.formato === "0.00%");
    expect(percentuali).toHaveLength(10);
    const barometro = [...f.celle()].filter(
      (x) => x.colonna === 13 && x.cella.valore === null && !f.unioneDi(x.riga, x.colonna) // not the title rows
    );
    expect(barometro.length).toBeGreaterThan(100);
    expect(barometro.every((x) => x.cella.formattata && !x.cella.colore)).toBe(true);
  });
});

describe("fake Excel → page", () => {
  it("shows values with their number format, fills and merges", () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("F");
    ws.getCell("A1").value = "Titolo";
    ws.mergeCells("A1:B1");
    ws.getCell("A2").value = 0.8444;
    ws.getCell("A2").numFmt = "0.00%";
    ws.getCell("B2").value = 12345.6;
    ws.getCell("B2").numFmt = "#,##0";
    ws.getCell("C2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF63BE7B" } };
    const vista = vistaFoglio(cartellaDaExcelJS(wb).foglio("F")!);
    expect(vista.righe.map((r) => r.map((c) => c.testo))).toEqual([
      ["Titolo", "", ""],
      ["84,44%", "12.346", ""],
    ]);
    expect(vista.righe[0][0].unione).toEqual({ righe: 1, colonne: 2 });
    expect(vista.righe[0][1].coperta).toBe(true);
    expect(vista.righe[1][2].colore).toBe("#63BE7B");
    expect(vista.righe[1][1]).toMatchObject({ indirizzo: "B2", numero: true });
  });

  it("formats the common number formats", () => {
    expect(testoMostrato(84.444, "General")).toBe("84,444");
    expect(testoMostrato(1234567.5, "General")).toBe("1234567,5");
    expect(testoMostrato(0.923, "0.00%")).toBe("92,30%");
    expect(testoMostrato(92, "0")).toBe("92");
    expect(testoMostrato(-5, "#,##0;[Red]-#,##0")).toBe("-5");
    expect(testoMostrato(1234.5, "#,##0.00")).toBe("1.234,50");
    expect(testoMostrato(45677, "dd/mm/yyyy")).toBe("20/01/2025");
    expect(testoMostrato(true, "General")).toBe("VERO");
    expect(testoMostrato(0.5, "0%", "en-US")).toBe("50%");
    expect(testoMostrato(null, "0")).toBe("");
    expect(testoMostrato("testo", "0.00%")).toBe("testo");
  });
});
