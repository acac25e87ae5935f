/**
 * `barometro ricalcola --barometro etichetta|simbolo|colore`: what the written .xlsx holds in the
 * Barometro column (N in the sample), read back with ExcelJS.
 */
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { isFormulaBarometro } from "../../src/layout/patch";
import { CAMPIONE } from "../support/campione";

const FOGLIO = "Obiettivi 2024";
const BAROMETRO = 14; // column N
const tmp = mkdtempSync(join(tmpdir(), "barometro-cella-"));
let n = 0;

async function ricalcola(file: string, ...argomenti: string[]) {
  const scritto = join(tmp, `out-${n++}.xlsx`);
  const righe = { out: [] as string[], err: [] as string[] };
  const codice = await main(["ricalcola", file, "--out", scritto, ...argomenti], {
    out: (t) => righe.out.push(t),
    err: (t) => righe.err.push(t),
  });
  return { codice, scritto, ...righe };
}

interface CellaBarometro {
  riga: number;
  /** What the cell shows: the value, or a formula's cached result. */
  testo: string | null;
  formula: string | null;
}

/** The Barometro cells of the indicator rows (an Indicatore of their own: not a title row merged across). */
async function colonnaBarometro(file: string): Promise<CellaBarometro[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(FOGLIO)!;
  const celle: CellaBarometro[] = [];
  ws.eachRow((row, r) => {
    const ind = row.getCell(4);
    if (ind.isMerged || typeof ind.value !== "string" || ind.value === "Indicatore") return;
    const v = row.getCell(BAROMETRO).value;
    if (v !== null && typeof v === "object" && "formula" in v)
      celle.push({ riga: r, testo: (v.result as string | undefined) ?? null, formula: `=${v.formula}` });
    else celle.push({ riga: r, testo: v === null || v === undefined ? null : String(v), formula: null });
  });
  return celle;
}

const testi = (celle: CellaBarometro[]) => new Set(celle.map((c) => c.testo));

describe("barometro ricalcola writes the band in the Barometro cell", () => {
  it("default: the label, as a formula that follows the data (conditional formatting is on)", async () => {
    const r = await ricalcola(CAMPIONE);
    expect(r.codice).toBe(0);
    expect(r.err).toEqual([]);
    const celle = await colonnaBarometro(r.scritto);
    expect(celle.length).toBe(140);
    expect(testi(celle)).toEqual(new Set(["Raggiunto", "Parzialmente raggiunto", "Non raggiunto", "Neutralizzato"]));
    const formule = celle.filter((c) => c.formula);
    expect(formule.length).toBeGreaterThan(100);
    expect(formule.every((c) => isFormulaBarometro(c.formula))).toBe(true);
    // Neutralised objectives: a plain label (no rule colours them).
    expect(celle.filter((c) => !c.formula).every((c) => c.testo === "Neutralizzato")).toBe(true);
    expect(r.out.length).toBeGreaterThan(0);

    // A second run over the output writes the same.
    const due = await ricalcola(r.scritto);
    expect(due.codice).toBe(0);
    expect(await colonnaBarometro(due.scritto)).toEqual(celle);
  });

  it("--senza-formattazione: plain labels; --barometro simbolo: symbols", async () => {
    const valori = await colonnaBarometro((await ricalcola(CAMPIONE, "--senza-formattazione")).scritto);
    expect(valori.every((c) => c.formula === null)).toBe(true);
    expect(testi(valori)).toEqual(new Set(["Raggiunto", "Parzialmente raggiunto", "Non raggiunto", "Neutralizzato"]));
    const simboli = await colonnaBarometro((await ricalcola(CAMPIONE, "--barometro", "simbolo")).scritto);
    expect(testi(simboli)).toEqual(new Set(["●", "◐", "○", "–"]));
    expect(simboli.map((c) => c.riga)).toEqual(valori.map((c) => c.riga));
    valori.forEach((v, i) =>
      expect(simboli[i].testo).toBe(
        { Raggiunto: "●", "Parzialmente raggiunto": "◐", "Non raggiunto": "○", Neutralizzato: "–" }[v.testo as string]
      )
    );
  });

  it("--barometro colore: colour only, and it removes the labels an earlier run wrote", async () => {
    const soloColore = await colonnaBarometro((await ricalcola(CAMPIONE, "--barometro", "colore")).scritto);
    expect(soloColore.every((c) => c.testo === null && c.formula === null)).toBe(true);
    const conEtichette = (await ricalcola(CAMPIONE)).scritto;
    const tolte = await colonnaBarometro((await ricalcola(conEtichette, "--barometro", "colore")).scritto);
    expect(tolte.every((c) => c.testo === null && c.formula === null)).toBe(true);
  });

  it("a Barometro cell with the user's text keeps it, and stderr says where", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    const ws = wb.getWorksheet(FOGLIO)!;
    const [prima] = await colonnaBarometro(CAMPIONE);
    ws.getCell(prima.riga, BAROMETRO).value = "vedi nota";
    const file = join(tmp, "con-testo.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await ricalcola(file, "--json");
    expect(r.codice).toBe(0);
    expect(r.err.join("\n")).toContain(
      `1 cella Barometro contiene un testo non di Barometro, lasciato com'era: ${FOGLIO}!N${prima.riga}`
    );
    JSON.parse(r.out.join("\n")); // stdout stays one JSON document
    const celle = await colonnaBarometro(r.scritto);
    expect(celle.find((c) => c.riga === prima.riga)).toEqual({ riga: prima.riga, testo: "vedi nota", formula: null });
  });

  it("a wrong --barometro, or --barometro with another command: exit 2 with a message", async () => {
    const r = await ricalcola(CAMPIONE, "--barometro", "colori");
    expect(r.codice).toBe(2);
    expect(r.err.join("\n")).toContain("--barometro vuole «etichetta», «simbolo», «colore», non «colori»");
    const err: string[] = [];
    const codice = await main(["verifica", CAMPIONE, "--barometro", "simbolo"], {
      out: () => undefined,
      err: (t) => err.push(t),
    });
    expect(codice).toBe(2);
    expect(err.join("\n")).toContain("--barometro vale solo per «ricalcola»");
  });
});
