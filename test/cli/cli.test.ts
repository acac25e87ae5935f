import { execFileSync, spawnSync } from "child_process";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { ResocontoJson } from "../../src/cli/resoconto";
import { BANDE_PREDEFINITE } from "../../src/engine";
import { snapshot } from "./workbook-snapshot";
import { capture } from "./io";
import { CAMPIONE } from "../support/campione";

const ROOT = resolve(__dirname, "../..");
const SEED = require("../fixtures/relazione-performance-2024.json") as {
  linee: { linea: string; publishedPercent: number }[];
};

const tmp = mkdtempSync(join(tmpdir(), "barometro-cli-"));
const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

describe("barometro ricalcola on the bundled sample", () => {
  const outFile = join(tmp, "ricalcolato.xlsx");
  let json: ResocontoJson;

  beforeAll(async () => {
    const c = capture();
    const code = await main(["ricalcola", CAMPIONE, "--out", outFile, "--json"], c.io);
    expect(c.err).toEqual([]);
    expect(code).toBe(0);
    expect(c.out).toHaveLength(1);
    json = JSON.parse(c.out[0]);
  });

  it("prints one JSON document with the documented shape", () => {
    expect(Object.keys(json).sort()).toEqual(["avvisi", "ente", "file", "linee"]);
    expect(json.file).toBe(CAMPIONE);
    for (const l of json.linee) {
      expect(Object.keys(l).sort()).toEqual([
        "fascia",
        "foglio",
        "incompleta",
        "neutralizzati",
        "nome",
        "obiettivi",
        "percentuale",
      ]);
      expect(l.foglio).toBe("Obiettivi 2024");
      expect(l.incompleta).toBe(false);
    }
    for (const a of json.avvisi) expect(Object.keys(a).sort()).toEqual(["cella", "codice", "foglio", "messaggio"]);
  });

  it("reproduces every published line percentage within 0.01 points", () => {
    expect(json.linee.map((l) => l.nome)).toEqual(SEED.linee.map((l) => l.linea));
    json.linee.forEach((l, i) =>
      expect(Math.abs((l.percentuale ?? NaN) - SEED.linee[i].publishedPercent)).toBeLessThanOrEqual(0.01 + 1e-9)
    );
    const mean = json.linee.reduce((s, l) => s + (l.percentuale ?? 0), 0) / json.linee.length;
    expect(json.ente).toBeCloseTo(mean, 10);
    expect(json.linee.find((l) => l.nome.includes("OPERE PUBBLICHE"))?.neutralizzati).toBe(1);
  });

  it("finds the report's own inconsistencies", () => {
    const count = (codice: string) => json.avvisi.filter((a) => a.codice === codice).length;
    expect(count("PESI_NON_100")).toBe(2);
    expect(count("SCOSTAMENTO_ERRATO")).toBe(5);
    expect(count("BINARIO_NON_0_1")).toBe(6);
    expect(count("RAGG_DIVERSO")).toBe(0);
    expect(count("LINEA_DIVERSA")).toBe(0);
    for (const a of json.avvisi) expect(a.cella).toMatch(/^[A-Z]+\d+$/);
  });

  it("changes no cell it does not own, and keeps merges and notes", async () => {
    const before = await snapshot(CAMPIONE);
    const after = await snapshot(outFile);
    expect(after.merges).toEqual(before.merges);
    const changed = [...before.cells]
      .filter(([key, cell]) => JSON.stringify(after.cells.get(key)) !== JSON.stringify(cell))
      .map(([key]) => key);
    // Owned columns in the sample: J Scostamento, M % Ragg, N Barometro, and the line percentage cells in column A.
    const wrongly = changed.filter((key) => !/!(J|M|N)\d+$/.test(key) && !isLinePercentCell(key, before.cells));
    expect(wrongly).toEqual([]);
    expect(changed.length).toBeGreaterThan(0);
    expect([...after.cells.values()].some((c) => c.note.includes("Settore Sport"))).toBe(true);
  });

  it("colours the Barometro cells by band, neutralised objectives grey", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outFile);
    const ws = wb.getWorksheet("Obiettivi 2024")!;
    const fillOf = (indicatore: string, nth = 0) => {
      const rows: number[] = [];
      ws.eachRow((row, r) => {
        if (row.getCell(4).value === indicatore) rows.push(r);
      });
      const fill = ws.getCell(rows[nth], 14).fill as ExcelJS.FillPattern;
      return fill?.pattern === "solid" ? fill.fgColor?.argb : undefined;
    };
    const [raggiunto, parziale, nonRaggiunto] = BANDE_PREDEFINITE.fasce.map((f) => argb(f.colore));
    expect(fillOf("Aumento spazi palestre cittadine")).toBe(nonRaggiunto); // 500 / 1200 → 41,67
    expect(fillOf("Report mensili")).toBe(nonRaggiunto); // 1 / 3
    expect(fillOf("Percorso formativo per operatori")).toBe(raggiunto);
    const neutralised = [...Array(ws.rowCount).keys()]
      .map((i) => i + 1)
      .filter((r) => String(ws.getCell(r, 2).value ?? "").includes("ID Intervento 82"));
    expect(neutralised.length).toBeGreaterThan(0);
    expect((ws.getCell(neutralised[0], 14).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
      argb(BANDE_PREDEFINITE.neutralizzato.colore)
    );
    // the Stato avanzamento lavori of intervento 81: 39 / 50 = 78 → Parzialmente raggiunto
    const r81 = [...Array(ws.rowCount).keys()]
      .map((i) => i + 1)
      .find((r) => String(ws.getCell(r, 2).value ?? "").includes("ID intervento 81"))!;
    expect((ws.getCell(r81 + 1, 14).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(parziale);
    // «Formule di Excel» (the default): a formula with the engine's value as its cached result.
    expect(ws.getCell(r81 + 1, 13).result).toBeCloseTo(78, 10);
  });

  it("writes unrounded values: 500 / 1200 stays 41.666…", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outFile);
    const ws = wb.getWorksheet("Obiettivi 2024")!;
    let ragg: unknown;
    ws.eachRow((row) => {
      if (row.getCell(4).value === "Aumento spazi palestre cittadine") ragg = row.getCell(13).result;
    });
    expect(ragg).toBeCloseTo((500 / 1200) * 100, 10);
  });
});

function isLinePercentCell(key: string, cells: Map<string, { value: string }>): boolean {
  const m = /^(.*)!A(\d+)$/.exec(key);
  if (!m) return false;
  for (let up = 1; up <= 2; up++) {
    const label = cells.get(`${m[1]}!A${Number(m[2]) - up}`);
    if (label?.value.includes("Raggiungimento obiettivi per area strategica")) return true;
  }
  return false;
}

describe("user formulas and idempotence", () => {
  it("keeps a user's formula in an owned cell and runs twice to the same result", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    const ws = wb.getWorksheet("Obiettivi 2024")!;
    let target = 0;
    ws.eachRow((row, r) => {
      if (!target && row.getCell(4).value === "Report mensili") target = r;
    });
    ws.getCell(target, 13).value = { formula: `PERF.RAGG(H${target},I${target})`, result: 33.33 };
    ws.getCell(target, 10).value = { formula: `I${target}-H${target}`, result: -2 };
    const input = join(tmp, "con-formule.xlsx");
    await wb.xlsx.writeFile(input);

    const once = join(tmp, "una-volta.xlsx");
    const twice = join(tmp, "due-volte.xlsx");
    expect(await main(["ricalcola", input, "--out", once, "--json"], capture().io)).toBe(0);
    expect(await main(["ricalcola", once, "--out", twice, "--json"], capture().io)).toBe(0);

    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(once);
    const cell = check.getWorksheet("Obiettivi 2024")!.getCell(target, 13);
    expect(cell.formula).toBe(`PERF.RAGG(H${target},I${target})`);
    expect(check.getWorksheet("Obiettivi 2024")!.getCell(target, 10).formula).toBe(`I${target}-H${target}`);

    const [a, b] = await Promise.all([snapshot(once), snapshot(twice)]);
    expect([...b.cells].filter(([k, v]) => JSON.stringify(a.cells.get(k)) !== JSON.stringify(v))).toEqual([]);
  });
});

describe("bad input", () => {
  it("exits 2 with an Italian message for a missing file", async () => {
    const c = capture();
    expect(await main(["verifica", join(tmp, "non-esiste.xlsx")], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(/File non trovato: .*non-esiste\.xlsx/);
  });

  it("exits 2 for a file that is not an .xlsx", async () => {
    const file = join(tmp, "finto.xlsx");
    writeFileSync(file, "questo non è un file Excel");
    const c = capture();
    expect(await main(["ricalcola", file, "--out", join(tmp, "x.xlsx")], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain("non è una cartella di lavoro .xlsx valida");
    expect(existsSync(join(tmp, "x.xlsx"))).toBe(false);
  });

  it("exits 2 naming the sheets when no table is found", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Appunti").getCell("A1").value = "niente tabelle qui";
    const file = join(tmp, "senza-tabelle.xlsx");
    await wb.xlsx.writeFile(file);
    const c = capture();
    expect(await main(["verifica", file, "--json"], c.io)).toBe(2);
    expect(c.out).toEqual([]);
    expect(c.err.join("\n")).toContain("Appunti");
  });

  it("refuses to overwrite the input and rejects unknown commands and options", async () => {
    const copy = join(tmp, "copia.xlsx");
    copyFileSync(CAMPIONE, copy);
    const c = capture();
    expect(await main(["ricalcola", copy, "--out", copy], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain("coincide");
    expect(await main(["pubblica"], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain(
      "Comando sconosciuto: «pubblica». Usare «ricalcola», «verifica», «stampa» o «dossier»."
    );
    expect(await main(["verifica", "--boh"], c.io)).toBe(2);
    expect(await main(["verifica", copy, "--out", join(tmp, "y.xlsx")], c.io)).toBe(2);
  });
});

describe("text output and the installed command", () => {
  it("prints a readable Italian table by default", async () => {
    const c = capture();
    expect(await main(["verifica", CAMPIONE], c.io)).toBe(0);
    const text = c.out.join("\n");
    expect(text).toContain("LINEA STRATEGICA SULLO SPORT");
    expect(text).toMatch(/LINEA STRATEGICA SULLO SPORT .*84,44%/);
    expect(text).toContain("Ente (media delle linee):");
    expect(text).toMatch(/Verifica: \d+ avvisi \(.*PESI_NON_100 2/);
  });

  it("output piped into a reader that stops early («| head -c 20»): no stack trace, exit 0", () => {
    // The dossier's trace (~230 KB) outgrows the pipe's buffer: the writer meets the closed pipe.
    const r = spawnSync("sh", ["-c", "node bin/barometro.js dossier --json | head -c 20 >/dev/null"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.stderr).not.toMatch(/EPIPE|at .+\(node:/);
    expect(r.status).toBe(0);
  });

  it("runs as `barometro verifica --json` from bin/ on the bundled sample", () => {
    execFileSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: ROOT });
    const stdout = execFileSync("node", ["bin/barometro.js", "verifica", "--json"], { cwd: ROOT, encoding: "utf8" });
    const json = JSON.parse(stdout) as ResocontoJson;
    expect(json.file).toBe(CAMPIONE);
    expect(json.linee).toHaveLength(10);
  });
});
