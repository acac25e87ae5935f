import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import ExcelJS from "exceljs";
import { buildSample } from "../../scripts/build-sample";
import { CAMPIONE } from "../support/campione";

const ROOT = resolve(__dirname, "../..");

/** The committed sample must be what the script builds from the seed: no stale asset. */
describe("assets/relazione-performance-2024.xlsx", () => {
  it("matches a fresh build from test/fixtures cell by cell", async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), "barometro-sample-")), "sample.xlsx");
    await buildSample(join(ROOT, "test/fixtures/relazione-performance-2024.json"), fresh);
    const read = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const cells: string[] = [];
      wb.eachSheet((ws) => {
        cells.push(`${ws.name} merges ${JSON.stringify((ws.model as { merges?: string[] }).merges)}`);
        ws.eachRow((row) =>
          row.eachCell((c) =>
            cells.push(
              `${ws.name}!${c.address} ${JSON.stringify(c.value)} ${c.numFmt ?? ""} ${JSON.stringify(c.note ?? null)}`
            )
          )
        );
      });
      return cells;
    };
    const [committed, rebuilt] = await Promise.all([read(CAMPIONE), read(fresh)]);
    expect(committed.length).toBeGreaterThan(1000);
    expect(committed).toEqual(rebuilt);
  });

  it("has the staff's layout: title, percentage as a % fraction, Polarità ↓ on tempo medio aggiornamento, empty Barometro", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    const ws = wb.getWorksheet("Obiettivi 2024")!;
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row) => rows.push(row));
    const titles = rows.filter((r) => /^(LINEA STRATEGICA|OBIETTIVI DI MANDATO)/.test(String(r.getCell(1).value)));
    expect(titles).toHaveLength(10);
    const tempo = rows.find((r) => r.getCell(4).value === "tempo medio aggiornamento")!;
    expect(tempo.getCell(7).value).toBe("↓");
    expect(rows.filter((r) => r.getCell(7).value === "↓")).toHaveLength(1);
    const headers = rows.filter((r) => r.getCell(1).value === "Settore");
    expect(headers.length).toBeGreaterThan(10); // repeated on printed pages
    const opere = rows.findIndex((r) => r.getCell(1).value === "LINEA STRATEGICA SULLE OPERE PUBBLICHE");
    const percent = rows[opere + 2].getCell(1);
    expect(percent.value).toBeCloseTo(0.923, 10);
    expect(percent.numFmt).toBe("0.00%");
    expect(
      rows.every((r) => r.getCell(14).isMerged || r.getCell(14).value === null || r.getCell(14).value === "Barometro")
    ).toBe(true);
  });
});
