/**
 * Builds assets/relazione-performance-2024.xlsx from the published 2024 report
 * (test/fixtures/relazione-performance-2024.json) in the staff's layout: title rows, one
 * section per line with its "% Raggiungimento" cell, the header repeated as on printed pages,
 * Settore / Obiettivo / Definizione merged across an objective's rows, the published figures
 * (errors included, so that Verifica has something to find) and an empty Barometro column.
 *
 *   npm run sample
 */
import { readFileSync, writeFileSync } from "fs";
import { resolve } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { carattereOrdinato } from "../src/xlsx/stili";
import { INTESTAZIONE_STAFF, SeedIndicatore, SeedLinea, SeedObiettivo } from "./staff-layout";

const ROOT = resolve(__dirname, "..");
const SEED = resolve(ROOT, "test/fixtures/relazione-performance-2024.json");
const OUT = resolve(ROOT, "assets/relazione-performance-2024.xlsx");
const SHEET = "Obiettivi 2024";
const YEAR = 2024;
/** Indicators per printed page: the staff repeat the header row where a page breaks. */
const ROWS_PER_PAGE = 9;
const DECRESCENTI = new Set(["tempo medio aggiornamento"]);

const HEADER = INTESTAZIONE_STAFF;
const WIDTHS = [22, 30, 60, 32, 30, 36, 9, 11, 12, 12, 24, 7, 8, 11];
const COL = Object.fromEntries(HEADER.map((h, i) => [h, i + 1])) as Record<(typeof HEADER)[number], number>;

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const TITLE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } };
const THIN: ExcelJS.Borders = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
} as ExcelJS.Borders;

function writeHeader(ws: ExcelJS.Worksheet, row: number): void {
  const r = ws.getRow(row);
  HEADER.forEach((h, i) => {
    const cell = r.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  });
  r.height = 30;
}

function writeIndicatore(
  ws: ExcelJS.Worksheet,
  row: number,
  o: SeedObiettivo,
  ind: SeedIndicatore,
  first: boolean
): void {
  const r = ws.getRow(row);
  const set = (col: number, value: ExcelJS.CellValue, numFmt?: string) => {
    const cell = r.getCell(col);
    cell.value = value;
    if (numFmt) cell.numFmt = numFmt;
  };
  if (first) {
    set(COL.Settore, o.settore);
    set(COL.Obiettivo, o.obiettivo);
    set(COL.Definizione, o.definizione);
  }
  set(COL.Indicatore, ind.indicatore);
  set(COL.Formula, ind.formula);
  set(COL["Finalità"], ind.finalita);
  set(COL["Polarità"], DECRESCENTI.has(ind.indicatore) ? "↓" : null);
  set(COL["Target atteso"], ind.targetAtteso, "#,##0");
  set(COL["Target Consuntivo"], ind.targetConsuntivo, "#,##0");
  set(COL.Scostamento, ind.publishedScostamento, "#,##0");
  set(COL.Note, ind.note || null);
  set(COL.Peso, ind.peso, "0");
  set(COL["% Ragg"], ind.publishedRagg, "0");
  set(COL.Barometro, null);
  for (let c = 1; c <= HEADER.length; c++) {
    const cell = r.getCell(c);
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: "top" };
  }
}

function writeLinea(ws: ExcelJS.Worksheet, start: number, linea: SeedLinea): number {
  let row = start;
  ws.getCell(row, 1).value = `Relazione sulla Performance ${YEAR}`;
  ws.getCell(row, 1).font = { italic: true, color: { argb: "FF595959" } };
  row++;
  ws.mergeCells(row, 1, row, HEADER.length);
  const title = ws.getCell(row, 1);
  title.value = linea.linea;
  title.font = { bold: true, size: 14, color: { argb: "FFFFFFFF" } };
  title.fill = TITLE_FILL;
  title.alignment = { vertical: "middle" };
  ws.getRow(row).height = 24;
  row += 2;
  ws.mergeCells(row, 1, row, 3);
  ws.getCell(row, 1).value = "% Raggiungimento obiettivi per area strategica";
  ws.getCell(row, 1).font = { bold: true };
  row++;
  const percent = ws.getCell(row, 1);
  percent.value = linea.publishedPercent / 100;
  percent.numFmt = "0.00%";
  percent.font = { bold: true, size: 12 };
  percent.alignment = { horizontal: "left" };
  row += 2;

  writeHeader(ws, row++);
  let onPage = 0;
  for (const o of linea.obiettivi) {
    if (onPage > 0 && onPage + o.indicatori.length > ROWS_PER_PAGE) {
      row++; // blank row at the foot of the printed page
      writeHeader(ws, row++);
      onPage = 0;
    }
    const first = row;
    o.indicatori.forEach((ind, i) => writeIndicatore(ws, row++, o, ind, i === 0));
    onPage += o.indicatori.length;
    if (o.indicatori.length > 1) {
      for (const col of [COL.Settore, COL.Obiettivo, COL.Definizione]) ws.mergeCells(first, col, row - 1, col);
    }
  }
  return row + 3;
}

export async function buildSample(seedPath = SEED, outPath = OUT): Promise<void> {
  const seed = JSON.parse(readFileSync(seedPath, "utf8")) as { linee: SeedLinea[] };
  const wb = new ExcelJS.Workbook();
  wb.creator = "Barometro";
  wb.created = new Date(Date.UTC(YEAR + 1, 2, 31));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(SHEET, {
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: "normal", zoomScale: 90 }],
  });
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  ws.getCell("A1").value = "COMUNE DI CREMONA";
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.getCell("A2").value = "Servizio Programmazione, Controllo di Gestione";
  ws.getCell("A3").value = `Stato di attuazione degli Obiettivi ${YEAR}`;
  ws.getCell("A3").font = { bold: true, size: 13 };

  let row = 5;
  for (const linea of seed.linee) row = writeLinea(ws, row, linea);

  // A note as the staff leave them, to show that Barometro keeps notes as they are.
  const consuntivoPiscine = findCell(ws, COL.Indicatore, "Aumento spazi palestre cittadine");
  if (consuntivoPiscine)
    ws.getCell(consuntivoPiscine, COL["Target Consuntivo"]).note = "Dato comunicato dal Settore Sport il 20/01/2025";

  writeFileSync(outPath, await caratteriInOrdine(Buffer.from(await wb.xlsx.writeBuffer())));
}

/**
 * ExcelJS writes a font's children in its own order (<color>, <family>, <scheme> before <sz>,
 * <name> last): ECMA-376 allows any order, the schemas Office validates with want Excel's (b, i, …,
 * sz, color, name, family, charset, scheme). The fonts of styles.xml put in that order.
 */
async function caratteriInOrdine(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const stili = await zip.file("xl/styles.xml")!.async("string");
  zip.file(
    "xl/styles.xml",
    stili.replace(/<font>[\s\S]*?<\/font>/g, (f) => carattereOrdinato(f))
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

function findCell(ws: ExcelJS.Worksheet, col: number, text: string): number | undefined {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === text) return r;
  return undefined;
}

if (require.main === module) {
  buildSample().then(
    () => process.stdout.write(`Scritto ${OUT}\n`),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
      process.exitCode = 1;
    }
  );
}
