/**
 * «Formule di Excel», proved by another spreadsheet: the command line writes the sample (and
 * generated layouts) with Excel formulas in Scostamento, % Ragg and the line cells; LibreOffice
 * recalculates the file from scratch, as a colleague's Excel without the add-in would; the values
 * read back must be the engine's figures. Then a colleague edits consuntivi (no add-in): after
 * LibreOffice's recalculation Scostamento, % Ragg, the Barometro label, the colour Barometro's
 * conditional-format rules give (evaluated on the recalculated cells: in «formule di Excel» they
 * read % Ragg) and the line's percentage agree with the engine run on the edited file. Needs
 * LibreOffice (soffice), as test/stampa does.
 */
import { execFile, execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join, resolve } from "path";
import { promisify } from "util";
import ExcelJS from "exceljs";
import fc from "fast-check";
import {
  BANDE_PREDEFINITE,
  fasciaPer,
  isFormulaDellaRegola,
  isFormulaDiBarometro,
  ScalaPercentuale,
  ValoreCella,
} from "../../src/engine";
import { main } from "../../src/cli/main";
import { elabora } from "../../src/cli/elabora";
import { formattazioniDi } from "../support/exceljs";
import { cellValue } from "../support/griglia-exceljs";
import { regolaVera } from "../../src/excel-finto/formula-condizionale";
import { areaDaA1 } from "../../src/excel/addresses";
import { isFormulaBarometro } from "../../src/layout/patch";
import { isRegolaBarometro } from "../../src/layout/regole-condizionali";
import { costruisci, inFoglioExcel, SpecFoglio, specFoglio } from "../robustezza/generatori";
import { CAMPIONE } from "../support/campione";

jest.setTimeout(300_000);

const run = promisify(execFile);
const ROOT = resolve(__dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "barometro-formule-"));
const FOGLIO = "Obiettivi 2024";

/** LibreOffice recalculates every formula on load (OOXMLRecalcMode 0: "always") and saves as .xlsx. */
async function ricalcolaConLibreOffice(file: string): Promise<string> {
  const lavoro = mkdtempSync(join(tmp, "lo-"));
  const profilo = join(lavoro, "profilo");
  mkdirSync(join(profilo, "user"), { recursive: true });
  writeFileSync(
    join(profilo, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`
  );
  const uscita = join(lavoro, "uscita");
  await run(
    "soffice",
    [`-env:UserInstallation=file://${profilo}`, "--headless", "--convert-to", "xlsx", "--outdir", uscita, file],
    { timeout: 180_000 }
  );
  return join(uscita, basename(file));
}

async function ricalcola(file: string, out: string): Promise<string> {
  const err: string[] = [];
  const codice = await main(["ricalcola", file, "--out", out], { out: () => undefined, err: (t) => err.push(t) });
  expect(codice).toBe(0);
  return err.join("\n");
}

async function leggi(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const vicini = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** A cell's number on 0–100 (a fraction cell ×100); null for "" or empty. */
function numero(v: ValoreCella, scala: ScalaPercentuale = "percento"): number | null | "non numero" {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v !== "number") return "non numero";
  return scala === "frazione" ? v * 100 : v;
}

interface Confronto {
  scostamenti: number;
  ragg: number;
  etichette: number;
  /** Barometro cells whose colour, by Barometro's rules on the recalculated cells, was checked. */
  colori: number;
  /** Rules that read a % Ragg cell (V = IF(ISNUMBER($M7),$M7,-1)). */
  regoleSuRagg: number;
  linee: number;
  /** Line cell → value LibreOffice computed, on 0–100. */
  percentuali: Map<string, number | null>;
  diversi: string[];
}

/**
 * Every cell of the file holding Barometro's formula, with the value the file holds for it (as
 * LibreOffice computed it, or the cached result the command line wrote), against the engine run on
 * the file's data (the engine reads atteso, consuntivo, peso and a user's own % Ragg formula, never
 * Barometro's formulas). The Barometro label is checked where the engine has a band and the row's
 * inputs are numbers (elsewhere it keeps the last Ricalcola's label).
 */
async function confronta(file: string, regoleDa?: ExcelJS.Workbook): Promise<Confronto> {
  const e = await elabora(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  // A formula's cached result from the cell (ExcelJS's `value` leaves out a result of 0).
  const valoreIn = (c: ExcelJS.Cell) =>
    c.formula ? cellValue((c.result ?? null) as ExcelJS.CellValue) : cellValue(c.value);
  const valore = (foglio: string, cella: string) => valoreIn(wb.getWorksheet(foglio)!.getCell(cella));
  const c: Confronto = {
    scostamenti: 0,
    ragg: 0,
    etichette: 0,
    colori: 0,
    regoleSuRagg: 0,
    linee: 0,
    percentuali: new Map(),
    diversi: [],
  };
  // Barometro's rules as written (in the file given to LibreOffice), evaluated on this file's cells.
  const regole = (regoleDa?.worksheets ?? []).flatMap((ws) =>
    formattazioniDi(ws).flatMap((cf) =>
      cf.rules
        .map((r) => ({ formula: (r as { formulae?: string[] }).formulae?.[0], fill: r.style?.fill }))
        .filter((r) => isRegolaBarometro(r.formula))
        .map((r) => ({
          foglio: ws.name,
          aree: cf.ref.split(" ").map(areaDaA1),
          formula: `=${r.formula}`,
          colore: `#${((r.fill as ExcelJS.FillPattern).bgColor?.argb ?? "").slice(2)}`,
        }))
    )
  );
  c.regoleSuRagg = regole.filter((r) => /^=\(\(IF\(ISNUMBER\(\$([A-Z]+)\d+\),\$\1\d+,-1\)/.test(r.formula)).length;
  /** The colour of the first true rule on the cell, as Excel shows it. */
  const coloreDelleRegole = (foglio: string, cella: string): string | null => {
    const { top: riga, left: colonna } = areaDaA1(cella);
    const ws = wb.getWorksheet(foglio)!;
    for (const r of regole) {
      if (r.foglio !== foglio) continue;
      if (!r.aree.some((a) => riga >= a.top && riga <= a.bottom && colonna >= a.left && colonna <= a.right)) continue;
      const ancora = { top: Math.min(...r.aree.map((a) => a.top)), left: Math.min(...r.aree.map((a) => a.left)) };
      const vera = regolaVera(r.formula, {
        valore: (rr, cc) => {
          const v = valoreIn(ws.getCell(rr + 1, cc + 1));
          return v === "" || v === undefined || v instanceof Date ? null : v;
        },
        spostamento: { righe: riga - ancora.top, colonne: colonna - ancora.left },
      });
      if (vera) return r.colore.toUpperCase();
    }
    return null;
  };
  const verifica = (dove: string, letto: number | null | "non numero", atteso: number | null) => {
    const ok = letto === atteso || (typeof letto === "number" && atteso !== null && vicini(letto, atteso));
    if (!ok) c.diversi.push(`${dove}: LibreOffice ${letto}, motore ${atteso}`);
  };
  e.linee.forEach((linea, l) => {
    const rl = e.risultato.linee[l];
    linea.obiettivi.forEach((o, k) =>
      o.indicatori.forEach((ind, i) => {
        const ro = rl.obiettivi[k];
        const ri = ro.indicatori[i];
        const { scostamento, ragg, barometro } = ind.celle;
        if (scostamento && isFormulaDiBarometro(ind.formule.scostamento)) {
          c.scostamenti++;
          verifica(`${ind.foglio}!${scostamento}`, numero(valore(ind.foglio, scostamento)), ri.scostamento);
        }
        if (ragg && isFormulaDiBarometro(ind.formule.ragg)) {
          c.ragg++;
          verifica(`${ind.foglio}!${ragg}`, numero(valore(ind.foglio, ragg), ind.scalaRagg), ri.ragg);
        }
        // Rows whose % Ragg holds a user's own formula are left out: the label reads that cell as it is.
        const numeri =
          typeof ind.atteso === "number" &&
          typeof ind.consuntivo === "number" &&
          (!ind.formule.ragg || isFormulaDellaRegola(ind.formule.ragg));
        if (barometro && isFormulaBarometro(ind.formule.barometro) && numeri && ri.ragg !== null && !ro.neutralizzato) {
          c.etichette++;
          const letta = valore(ind.foglio, barometro);
          const attesa = fasciaPer(ri.ragg, BANDE_PREDEFINITE).etichetta;
          if (letta !== attesa)
            c.diversi.push(`${ind.foglio}!${barometro}: LibreOffice «${letta}», motore «${attesa}»`);
          if (regoleDa) {
            c.colori++;
            const colore = coloreDelleRegole(ind.foglio, barometro);
            const atteso = fasciaPer(ri.ragg, BANDE_PREDEFINITE).colore.toUpperCase();
            if (colore !== atteso)
              c.diversi.push(`${ind.foglio}!${barometro}: colore delle regole ${colore}, motore ${atteso}`);
          }
        }
      })
    );
    const p = linea.percentuale;
    if (p && isFormulaDiBarometro(p.formula)) {
      c.linee++;
      const letto = numero(valore(linea.foglio, p.cella), p.scala);
      c.percentuali.set(`${linea.foglio}!${p.cella}`, typeof letto === "number" ? letto : null);
      verifica(`${linea.foglio}!${p.cella} (${linea.nome})`, letto, rl.percentuale);
    }
  });
  return c;
}

describe("«formule di Excel» computed by LibreOffice agree with the engine", () => {
  beforeAll(() => {
    try {
      execFileSync("sh", ["-c", "command -v soffice"]);
    } catch {
      throw new Error("soffice non trovato: installare libreoffice-calc (apt-get install -y libreoffice-calc).");
    }
  });

  const scritto = join(tmp, "campione.ricalcolato.xlsx");
  let ricalcolato: string;

  beforeAll(async () => {
    expect(await ricalcola(CAMPIONE, scritto)).toBe("");
    ricalcolato = await ricalcolaConLibreOffice(scritto);
  });

  it("the sample: every Scostamento, % Ragg and line is a formula, and LibreOffice gives the engine's figures (the 10 published ones)", async () => {
    const c = await confronta(ricalcolato, await leggi(scritto));
    expect(c.diversi).toEqual([]);
    expect(c.colori).toBe(c.etichette);
    // «formule di Excel»: every rule reads the % Ragg cell Barometro's formula computes.
    expect(c.regoleSuRagg).toBe(30);
    const motore = await elabora(CAMPIONE);
    const indicatori = motore.linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori));
    expect(c.scostamenti).toBe(indicatori.filter((i) => i.celle.scostamento).length);
    expect(c.ragg).toBe(indicatori.filter((i) => i.celle.ragg).length);
    expect(c.linee).toBe(10);
    expect(c.etichette).toBeGreaterThan(0);
    // The published line figures (Relazione sulla Performance 2024), as LibreOffice computed them.
    const pubblicate = (
      JSON.parse(readFileSync(join(ROOT, "test/fixtures/relazione-performance-2024.json"), "utf8")) as {
        linee: { linea: string; publishedPercent: number }[];
      }
    ).linee;
    expect(pubblicate).toHaveLength(10);
    const calcolate = motore.linee.map((l) => c.percentuali.get(`${l.foglio}!${l.percentuale!.cella}`));
    pubblicate.forEach((p, i) => {
      expect(motore.linee[i].nome).toBe(p.linea);
      expect(Math.abs(calcolate[i]! - p.publishedPercent)).toBeLessThan(0.01); // published with 2 decimals, truncated
    });
    // The cached results the command line wrote are the engine's figures too (read before recalculation).
    expect((await confronta(scritto)).diversi).toEqual([]);
  });

  it("a colleague edits consuntivi without the add-in: after recalculation the whole row and the line follow", async () => {
    const wb = await leggi(scritto);
    const motore = await elabora(scritto);
    const ws = wb.getWorksheet(FOGLIO)!;
    // Three edits in the first line with figures: a target reached becomes far from it, one is
    // halved, one is cleared (data missing).
    const linea = motore.linee.find((l) => l.foglio === FOGLIO && l.percentuale && l.obiettivi.length > 1)!;
    const indicatori = linea.obiettivi
      .flatMap((o) => o.indicatori)
      .filter((i) => typeof i.atteso === "number" && typeof i.consuntivo === "number" && i.atteso > 0);
    expect(indicatori.length).toBeGreaterThanOrEqual(3);
    const [a, b, d] = indicatori;
    ws.getCell(a.celle.consuntivo!).value = (a.atteso as number) * 0.1;
    ws.getCell(b.celle.consuntivo!).value = (b.consuntivo as number) / 2;
    ws.getCell(d.celle.consuntivo!).value = null;
    const modificato = join(tmp, "modificato.xlsx");
    await wb.xlsx.writeFile(modificato);

    const c = await confronta(await ricalcolaConLibreOffice(modificato), await leggi(modificato));
    expect(c.diversi).toEqual([]);
    // The colour of the edited rows followed the edit, as label and % Ragg did.
    expect(c.colori).toBeGreaterThan(100);
    expect(c.regoleSuRagg).toBe(30);
    // The edit changed the line: LibreOffice shows the engine's new figure, not the old one.
    const prima = motore.risultato.linee[motore.linee.indexOf(linea)].percentuale!;
    const dopo = (await elabora(modificato)).risultato.linee[motore.linee.indexOf(linea)].percentuale!;
    expect(Math.abs(dopo - prima)).toBeGreaterThan(1);
    expect(c.percentuali.get(`${linea.foglio}!${linea.percentuale!.cella}`)).toBeCloseTo(dopo, 9);
  });

  it("generated layouts (text numbers, blanks, junk, user formulas, fractions): where Barometro wrote a formula, LibreOffice gives the engine's figure", async () => {
    // Half as generated; half with numeric weights, empty % Ragg cells (no user's formula, no
    // number left there) and numeric line cells, so that lines get their formula too (the
    // generated ones mostly fall back to values, with the reason). Atteso and consuntivo stay random.
    const specs = fc.sample(specFoglio, { seed: 12, numRuns: 12 });
    const pulito = (s: SpecFoglio): SpecFoglio => ({
      ...s,
      sezioni: s.sezioni.map((z) => ({
        ...z,
        percentuale: z.percentuale && {
          ...z.percentuale,
          valore: typeof z.percentuale.valore === "number" ? z.percentuale.valore : null,
        },
        obiettivi: z.obiettivi.map((o) => ({
          ...o,
          indicatori: o.indicatori.map((i) => ({
            ...i,
            formule: undefined,
            ragg: null,
            peso: typeof i.peso === "number" && i.peso < 1e6 ? i.peso : 25,
          })),
        })),
      })),
    });
    const wb = new ExcelJS.Workbook();
    specs.forEach((s, i) => inFoglioExcel(wb, costruisci(i % 2 ? pulito(s) : s, undefined, `Foglio ${i + 1}`)));
    const generato = join(tmp, "generato.xlsx");
    await wb.xlsx.writeFile(generato);
    const scrittoG = join(tmp, "generato.ricalcolato.xlsx");
    await ricalcola(generato, scrittoG);
    const c = await confronta(await ricalcolaConLibreOffice(scrittoG), await leggi(scrittoG));
    expect(c.diversi).toEqual([]);
    expect(c.colori).toBeGreaterThan(10);
    expect(c.regoleSuRagg).toBeGreaterThan(0);
    expect(c.ragg).toBeGreaterThan(10);
    expect(c.linee).toBeGreaterThanOrEqual(3);
    // Every Barometro formula's cached result is what LibreOffice computes: the file reads right before recalculation.
    const prima = await confronta(scrittoG);
    expect(prima.diversi).toEqual([]);
  });
});
