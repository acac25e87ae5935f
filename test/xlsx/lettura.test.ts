/**
 * The lossless access reads the same grid as the ExcelJS path (src/cli/xlsx-grid.ts) on the bundled
 * sample, on the generated staff-layout workbook and on workbooks with every cell shape.
 */
import { readFileSync } from "fs";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { worksheetToGrid } from "../support/griglia-exceljs";
import { apriCartella } from "../../src/xlsx";
import { spostaFormula } from "../../src/xlsx/formule";
import { foglioXml, pacchettoMinimo } from "./pacchetto-minimo";
import { generaCartella, scriviXlsx } from "../../scripts/bench/cartella";
import { leggiLinee } from "../../src/layout";
import { calcolaEnte } from "../../src/engine";

const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");
const tmp = mkdtempSync(join(tmpdir(), "barometro-xlsx-lettura-"));

async function comeExcelJS(dati: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(dati as unknown as ArrayBuffer);
  return wb.worksheets.map(worksheetToGrid);
}

async function confronta(dati: Buffer) {
  const attese = await comeExcelJS(dati);
  const lettura = await (await apriCartella(dati, "prova.xlsx")).leggi();
  expect(lettura.fogli.map((g) => g.name)).toEqual(attese.map((g) => g.name));
  lettura.fogli.forEach((g, i) => {
    const a = attese[i];
    expect(g.values).toEqual(a.values);
    expect(g.numberFormats).toEqual(a.numberFormats);
    expect(g.formulas).toEqual(a.formulas);
    const ordina = (m: typeof g.merges) => [...m].sort((x, y) => x.top - y.top || x.left - y.left);
    expect(ordina(g.merges)).toEqual(ordina(a.merges));
  });
  return lettura;
}

describe("reading an .xlsx without ExcelJS", () => {
  it("gives the ExcelJS path's grid on the bundled sample, and the same figures", async () => {
    const dati = readFileSync(SAMPLE);
    const lettura = await confronta(dati);
    expect(lettura.fogli.flatMap((g) => g.values.flat()).filter((v) => v !== null).length).toBeGreaterThan(100);
    const { linee } = leggiLinee(lettura.fogli);
    const { linee: attese } = leggiLinee(await comeExcelJS(dati));
    expect(calcolaEnte(linee)).toEqual(calcolaEnte(attese));
    expect(linee.length).toBeGreaterThan(5);
  });

  it("gives the ExcelJS path's grid on the generated staff-layout workbook (merges, styles, shared strings)", async () => {
    const file = join(tmp, "generata.xlsx");
    await scriviXlsx(generaCartella(300).foglio, file);
    const lettura = await confronta(readFileSync(file));
    expect(lettura.fogli[0].merges.length).toBeGreaterThan(50);
  });

  it("reads shared strings of every length and alphabet as ExcelJS does (each read as a text of its own)", async () => {
    const testi = [
      "↓",
      "Polarità ↓ — costo per pratica in € 😀",
      "Indicatore 1: numero di pratiche evase",
      "perché",
      "a".repeat(12),
      "b".repeat(13),
      "Obiettivo «ridurre i tempi» entro il 31/12",
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Testi");
    testi.forEach((t, r) => (ws.getCell(r + 1, 1).value = t));
    const dati = Buffer.from(await wb.xlsx.writeBuffer());
    const sst = await (await JSZip.loadAsync(dati)).file("xl/sharedStrings.xml")!.async("string");
    expect(sst).toContain("<si><t>↓</t></si>");
    const lettura = await confronta(dati);
    expect(lettura.fogli[0].values.map((r) => r[0])).toEqual(testi);
  });

  it("reads a shared-strings part bigger than a decoding piece: characters split between pieces, a BOM", async () => {
    // The part is decoded 64 KB at a time: every multi-byte character (2, 3 and 4 bytes of UTF-8)
    // lands across the boundary in one of the shifts.
    for (const spostamento of [0, 1, 2, 3, 4, 5, 6, 7, 8]) {
      const testi = ["p".repeat(spostamento + 1)];
      for (let i = 0; testi.length < 3000; i++) testi.push(`€😀à↓ testo ${i} — perché`);
      const xml = testi.map((t) => `<si><t>${t}</t></si>`);
      const righe = testi.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join("");
      const zip = await JSZip.loadAsync(await pacchettoMinimo([{ nome: "Testi", xml: foglioXml(righe) }], xml));
      const sst = await zip.file("xl/sharedStrings.xml")!.async("nodebuffer");
      expect(sst.length).toBeGreaterThan(2 * 65536);
      if (spostamento === 0) zip.file("xl/sharedStrings.xml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sst]));
      const dati = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
      const { fogli } = await (await apriCartella(dati, "testi.xlsx")).leggi();
      expect(fogli[0].values.map((r) => r[0])).toEqual(testi);
    }
  });

  it("reads every cell shape as ExcelJS does: booleans, errors, dates, rich text, hyperlinks, formulas", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Forme");
    ws.getCell("A1").value = true;
    ws.getCell("A2").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("A3").value = new Date(Date.UTC(2024, 5, 30));
    ws.getCell("A4").value = { richText: [{ text: "Target " }, { font: { bold: true }, text: "atteso" }] };
    ws.getCell("A5").value = { text: "sito", hyperlink: "https://example.org" };
    ws.getCell("A6").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
    ws.getCell("A7").value = { formula: "B7*0", result: 0 };
    ws.getCell("A8").value = { formula: 'IF(1,"ok","")', result: "ok" };
    ws.getCell("B8").value = 0.845;
    ws.getCell("B8").numFmt = "0.00%";
    ws.getCell("C2").value = "unito";
    ws.mergeCells("C2:D4");
    ws.getCell("D3").numFmt = "0.0";
    ws.getCell("E1").value = {
      formula: "A7+1",
      result: 1,
      shareType: "shared",
      ref: "E1:E3",
    } as ExcelJS.CellFormulaValue;
    ws.getCell("E2").value = { sharedFormula: "E1", result: 1 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("E3").value = { sharedFormula: "E1", result: 1 } as ExcelJS.CellSharedFormulaValue;
    ws.getCell("F9").value = "fine";
    wb.addWorksheet("Vuoto");
    const dati = Buffer.from(await wb.xlsx.writeBuffer());
    const lettura = await confronta(dati);
    expect(lettura.fogli[0].formulas?.[1][4]).toBe("=A8+1");
    expect(lettura.fogli[0].values[2][0]).toBeInstanceOf(Date);
  });
});

describe("shared formulas, moved as Excel reports each cell's own", () => {
  it.each([
    ["C7-D7", 2, 1, "D9-E9"],
    ["$C$7+C$7+$C7", 2, 1, "$C$7+D$7+$C9"],
    ["SUM(A1:B2)*LOG10(A1)", 1, 0, "SUM(A2:B3)*LOG10(A2)"],
    [`IF(A1="B2",Foglio2!C3,'Mio foglio'!D4)`, 1, 1, `IF(B2="B2",Foglio2!D4,'Mio foglio'!E5)`],
    ["SUM(A:B)+SUM(1:2)", 1, 1, "SUM(B:C)+SUM(2:3)"],
    ["XFE1+ABCD12+Tabella1[Col1]+1.5", 3, 3, "XFE1+ABCD12+Tabella1[Col1]+1.5"],
    ["A1", -1, 0, "#REF!"],
  ])("%s moved by (%i, %i) reads %s", (f, dr, dc, atteso) => {
    expect(spostaFormula(f, dr, dc)).toBe(atteso);
  });
});
