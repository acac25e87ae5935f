/**
 * A date cell written as an ISO 8601 date (t="d", as openpyxl writes with iso_dates, and Excel in
 * Strict files) reads as the same date as a serial number does: ISO dates in a sheet have no time
 * zone, and the serial-number path reads them as UTC midnight.
 *
 * FAILED on the earlier src/xlsx where the machine is not on UTC (here in Italy, Europe/Rome):
 * foglio-lettura.ts reads t="d" with `new Date(valore)`, and ECMAScript parses a date-time without
 * an offset as local time — 31/05/2024 comes out as 2024-05-30T22:00Z, the day before.
 */
import { execFileSync } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { PYTHON } from "./supporto";

const RADICE = resolve(__dirname, "../..");
const SAMPLE = join(RADICE, "assets/relazione-performance-2024.xlsx");
const tmp = mkdtempSync(join(tmpdir(), "barometro-xlsx-date-"));

/** K12 of the first sheet as the file side reads it, in a process on Italian time (JSON). */
function leggiInItalia(file: string): string {
  const script = [
    'const { apriCartella } = require("./src/xlsx");',
    "(async () => {",
    `  const c = await apriCartella(require("fs").readFileSync(${JSON.stringify(file)}), "k.xlsx");`,
    "  console.log(JSON.stringify((await c.leggi()).fogli[0].values[11][10]));",
    "})();",
  ].join("\n");
  return execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
    cwd: RADICE,
    encoding: "utf8",
    env: {
      ...process.env,
      TZ: "Europe/Rome",
      TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs","moduleResolution":"node"}',
    },
  }).trim();
}

describe('an ISO date cell (t="d") in a workbook read in Italy', () => {
  beforeAll(() => {
    execFileSync(PYTHON, [
      "-c",
      [
        "import sys, datetime, openpyxl",
        "wb = openpyxl.load_workbook(sys.argv[1])",
        "ws = wb.worksheets[0]",
        "ws['K12'] = datetime.datetime(2024, 5, 31)",
        "ws['K12'].number_format = 'dd/mm/yyyy'",
        "wb.iso_dates = True",
        "wb.save(sys.argv[2] + '/iso.xlsx')",
        "wb.iso_dates = False",
        "wb.save(sys.argv[2] + '/seriale.xlsx')",
      ].join("\n"),
      SAMPLE,
      tmp,
    ]);
  });

  it("reads the same date as the serial number openpyxl writes otherwise", () => {
    const xml = execFileSync("unzip", ["-p", join(tmp, "iso.xlsx"), "xl/worksheets/sheet1.xml"], { encoding: "utf8" });
    expect(xml).toMatch(/<c r="K12"[^>]* t="d"><v>2024-05-31T00:00:00<\/v>/);
    const seriale = leggiInItalia(join(tmp, "seriale.xlsx"));
    expect(seriale).toBe(JSON.stringify(new Date(Date.UTC(2024, 4, 31))));
    expect(leggiInItalia(join(tmp, "iso.xlsx"))).toBe(seriale);
  }, 60_000);
});
