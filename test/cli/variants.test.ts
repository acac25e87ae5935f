import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { ResocontoJson } from "../../src/cli/resoconto";
import { formatNumero } from "../../src/engine";
import { CAMPIONE } from "../support/campione";

const tmp = mkdtempSync(join(tmpdir(), "barometro-varianti-"));

async function verificaJson(file: string): Promise<ResocontoJson> {
  const out: string[] = [];
  const code = await main(["verifica", file, "--json"], { out: (t) => out.push(t), err: (t) => out.push(t) });
  expect(code).toBe(0);
  return JSON.parse(out.join("\n"));
}

/** Rewrites the sample, changing every cell `change` returns a value for. */
async function variant(name: string, change: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(CAMPIONE);
  change(wb.getWorksheet("Obiettivi 2024")!, wb);
  const file = join(tmp, `${name}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("the command line on variants of the staff's workbook", () => {
  let reference: ResocontoJson;
  beforeAll(async () => {
    reference = await verificaJson(CAMPIONE);
  });
  const percentuali = (r: ResocontoJson) => r.linee.map((l) => [l.nome, l.percentuale]);

  it("Italian text numbers («3.800», «78,5», «100%») give the same results", async () => {
    const file = await variant("testo", (ws) =>
      ws.eachRow((row, r) => {
        if (r < 10) return;
        for (const col of [8, 9, 12]) {
          const cell = row.getCell(col);
          if (typeof cell.value === "number")
            cell.value = col === 12 ? `${cell.value}%` : formatNumero(cell.value, Number.isInteger(cell.value) ? 0 : 1);
        }
      })
    );
    const r = await verificaJson(file);
    expect(percentuali(r)).toEqual(percentuali(reference));
    expect(r.avvisi.filter((a) => a.codice === "VALORE_NON_NUMERICO")).toEqual([]);
  });

  it("one sheet per line, without titles: each line takes its sheet's name", async () => {
    const file = await variant("per-linea", (ws, wb) => {
      const rows: ExcelJS.CellValue[][] = [];
      ws.eachRow({ includeEmpty: true }, (row) => {
        const values: ExcelJS.CellValue[] = [];
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          values[c - 1] = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
        });
        rows.push(values);
      });
      let sheet: ExcelJS.Worksheet | null = null;
      let n = 0;
      for (const values of rows) {
        const first = String(values[0] ?? "");
        if (/^(LINEA STRATEGICA|OBIETTIVI DI MANDATO)/.test(first)) {
          sheet = wb.addWorksheet(`Linea ${++n}`);
          continue;
        }
        if (sheet && values.some((v) => v !== null && v !== undefined && v !== "")) sheet.addRow(values);
      }
      wb.removeWorksheet(ws.id);
    });
    const r = await verificaJson(file);
    expect(r.linee.map((l) => l.nome)).toEqual(reference.linee.map((_, i) => `Linea ${i + 1}`));
    expect(r.linee.map((l) => l.foglio)).toEqual(r.linee.map((l) => l.nome));
    // Merged cells were not copied: each objective's name stands on its first row only.
    expect(r.linee.map((l) => l.percentuale)).toEqual(reference.linee.map((l) => expect.closeTo(l.percentuale!, 10)));
    expect(r.linee.map((l) => l.obiettivi)).toEqual(reference.linee.map((l) => l.obiettivi));
  });

  it("a missing consuntivo marks its line incomplete and is reported", async () => {
    const file = await variant("mancante", (ws) =>
      ws.eachRow((row) => {
        if (row.getCell(4).value === "Aumento spazi palestre cittadine") row.getCell(9).value = "n.d.";
      })
    );
    const r = await verificaJson(file);
    const sport = r.linee.find((l) => l.nome === "LINEA STRATEGICA SULLO SPORT")!;
    expect(sport.incompleta).toBe(true);
    expect(sport.percentuale).toBeCloseTo(100, 10); // only the other indicator (100) is measured
    expect(r.avvisi.find((a) => a.codice === "VALORE_NON_NUMERICO")?.messaggio).toContain("«n.d.»");
  });
});
