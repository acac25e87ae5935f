/**
 * The published annex: page layout read back from the saved .xlsx, the Indice sheet, and the PDF
 * as LibreOffice prints it (pdftotext / pdftoppm from poppler-utils).
 */
import { execFileSync } from "child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { readFileSync } from "fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { DocumentoStampa } from "../../src/cli/comandi/stampa";
import { worksheetToGrid } from "../support/griglia-exceljs";
import { leggiLinee } from "../../src/layout";
import { annoDelReport, pianoStampa, piePagina, rigaTitoli } from "../../src/layout/stampa";
import { PRIMA_PAGINA_LINEE, stimaSezioni } from "../../src/layout/stampa";
import { CAMPIONE } from "../support/campione";

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, "../..");
const OUTPUT = join(ROOT, "test-output");
const tmp = mkdtempSync(join(tmpdir(), "barometro-stampa-"));
const FOGLIO = "Obiettivi 2024";

async function esegui(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function apri(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/**
 * Row breaks as saved in the file (ExcelJS writes them but does not read them back): the ids of
 * <brk> in the sheet's XML, a break falling after that row.
 */
async function interruzioniSalvate(file: string, foglio: number): Promise<number[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file(`xl/worksheets/sheet${foglio}.xml`)!.async("string");
  const blocco = /<rowBreaks[^>]*>(.*?)<\/rowBreaks>/s.exec(xml)?.[1] ?? "";
  return [...blocco.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
}

/** Rows (1-based) whose column A reads "Relazione sulla Performance 2024": where each section starts. */
function righeDidascalia(ws: ExcelJS.Worksheet): number[] {
  const righe: number[] = [];
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === "Relazione sulla Performance 2024") righe.push(r);
  });
  return righe;
}

/** Rows (1-based) that repeat the header inside a line: a «Settore» header not the first after a caption. */
function intestazioniRipetute(ws: ExcelJS.Worksheet): number[] {
  const didascalie = righeDidascalia(ws);
  const righe: number[] = [];
  ws.eachRow((row, r) => {
    if (row.getCell(1).value !== "Settore") return;
    const didascalia = Math.max(...didascalie.filter((d) => d < r));
    if (righe.some((x) => x > didascalia) || primaDopo(ws, didascalia) !== r) righe.push(r);
  });
  return righe;
}

/** The first «Settore» header row after a row. */
function primaDopo(ws: ExcelJS.Worksheet, riga: number): number {
  for (let r = riga + 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === "Settore") return r;
  return -1;
}

/** Breaks (rows after which a page ends) before each line's caption and before each header the sheet repeats. */
function interruzioniAttese(ws: ExcelJS.Worksheet): number[] {
  return [...righeDidascalia(ws).slice(1), ...intestazioniRipetute(ws)].sort((a, b) => a - b).map((r) => r - 1);
}

/** A copy of the sample without the header rows it repeats inside the lines (their cells emptied). */
async function senzaIntestazioniRipetute(): Promise<string> {
  const wb = await apri(CAMPIONE);
  const ws = wb.getWorksheet(FOGLIO)!;
  for (const r of intestazioniRipetute(ws)) ws.getRow(r).eachCell((c) => (c.value = null));
  const file = join(tmp, "senza-intestazioni-ripetute.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

describe("pianoStampa on the sample", () => {
  it("follows the sheet's own headers: a page before each line's caption and each repeated header, no print titles", async () => {
    const wb = await apri(CAMPIONE);
    const fogli = wb.worksheets.map(worksheetToGrid);
    const { linee } = leggiLinee(fogli);
    const [piano] = pianoStampa(linee, fogli);
    const ws = wb.getWorksheet(FOGLIO)!;
    expect(piano.foglio).toBe(FOGLIO);
    expect(piano.rigaIntestazione).toBe(11);
    expect(piano.intestazioniProprie).toBe(true);
    expect(rigaTitoli(piano)).toBeNull();
    expect(intestazioniRipetute(ws)).toHaveLength(10);
    expect(piano.interruzioni).toEqual(interruzioniAttese(ws));
    expect(piano.righeIndicatori).toHaveLength(140);
    expect(annoDelReport(fogli)).toBe(2024);
  });

  it("repeats the header row on every page when asked, or when the sheet does not repeat it itself", async () => {
    const wb = await apri(CAMPIONE);
    const fogli = wb.worksheets.map(worksheetToGrid);
    const { linee } = leggiLinee(fogli);
    const didascalie = righeDidascalia(wb.getWorksheet(FOGLIO)!)
      .slice(1)
      .map((r) => r - 1);
    const [ripetuta] = pianoStampa(linee, fogli, { titoliRipetuti: true });
    expect(ripetuta).toMatchObject({ rigaIntestazione: 11, intestazioniProprie: false, interruzioni: didascalie });
    expect(rigaTitoli(ripetuta)).toBe(11);

    const senza = (await apri(await senzaIntestazioniRipetute())).worksheets.map(worksheetToGrid);
    const [piano] = pianoStampa(leggiLinee(senza).linee, senza);
    expect(piano).toMatchObject({ rigaIntestazione: 11, intestazioniProprie: false, interruzioni: didascalie });
  });
});

describe("barometro stampa (without PDF)", () => {
  const out = join(tmp, "allegato.xlsx");
  let esito: DocumentoStampa;

  beforeAll(async () => {
    const r = await esegui(["stampa", CAMPIONE, "--out", out, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    esito = JSON.parse(r.out);
  });

  it("writes the page layout into the sheet", async () => {
    const ws = (await apri(out)).getWorksheet(FOGLIO)!;
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      firstPageNumber: 2,
    });
    // The sample repeats its header itself: no print titles, a page at each of its headers.
    expect(ws.pageSetup.printTitlesRow).toBeUndefined();
    expect(esito.intestazione).toBe("foglio");
    expect(ws.headerFooter.oddFooter).toBe(`&C${piePagina(2024)}`);
    expect(ws.headerFooter.oddFooter).toContain("Relazione sulla Performance 2024 — pag. &P di &N");
    expect(await interruzioniSalvate(out, 1)).toEqual(interruzioniAttese(ws));
    // Long texts wrap and their rows grow: the first objective's Definizione has ~1,000 characters.
    expect(ws.getCell("C12").alignment?.wrapText).toBe(true);
    expect(ws.getRow(12).height).toBeGreaterThan(100);
  });

  it("puts an Indice sheet first, one row per line with percentage, band and page", async () => {
    const wb = await apri(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Indice", FOGLIO]);
    const indice = wb.getWorksheet("Indice")!;
    expect(indice.getCell("A3").value).toBe("Linea strategica");
    const righe = [...Array(10).keys()].map((i) => indice.getRow(4 + i));
    expect(righe.map((r) => r.getCell(1).value)).toEqual(esito.linee.map((l) => l.nome));
    expect(righe[7].getCell(2).value).toBeCloseTo(0.84444, 4);
    expect(righe[7].getCell(3).value).toBe("Parzialmente raggiunto");
    expect(righe.map((r) => r.getCell(4).value)).toEqual(esito.linee.map((l) => `pag. ${l.pagina}`));
    expect(esito.fontePagine).toBe("stima");
    expect(esito.linee[0].pagina).toBe(2);
  });

  it("gives the same result when run again on its own output: one Indice, the same breaks", async () => {
    const again = join(tmp, "di-nuovo.xlsx");
    expect((await esegui(["stampa", out, "--out", again, "--json"])).code).toBe(0);
    const [a, b] = [await apri(out), await apri(again)];
    expect(b.worksheets.map((w) => w.name)).toEqual(["Indice", FOGLIO]);
    expect(await interruzioniSalvate(again, 1)).toEqual(await interruzioniSalvate(out, 1));
    expect(await interruzioniSalvate(again, 1)).toHaveLength(19);
    expect(b.getWorksheet(FOGLIO)!.getRow(12).height).toBe(a.getWorksheet(FOGLIO)!.getRow(12).height);
  });

  it("refuses to touch a sheet «Indice» the user wrote: exit 2, an Italian message, no file written", async () => {
    const wb = await apri(CAMPIONE);
    const suo = wb.addWorksheet("INDICE");
    suo.getCell("A1").value = "Il mio indice";
    suo.getCell("B3").value = 42;
    const input = join(tmp, "con-indice-utente.xlsx");
    await wb.xlsx.writeFile(input);
    const uscita = join(tmp, "con-indice-utente.stampa.xlsx");
    const r = await esegui(["stampa", input, "--out", uscita]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("ha già un foglio «INDICE» che non è stato creato da Barometro");
    expect(existsSync(uscita)).toBe(false);
  });

  it("leaves every value, formula and note of the report as it was", async () => {
    const [prima, dopo] = [(await apri(CAMPIONE)).getWorksheet(FOGLIO)!, (await apri(out)).getWorksheet(FOGLIO)!];
    const valori = (ws: ExcelJS.Worksheet) => {
      const v: string[] = [];
      ws.eachRow((row) =>
        row.eachCell((c) => v.push(`${c.address} ${JSON.stringify(c.value)} ${JSON.stringify(c.note ?? null)}`))
      );
      return v;
    };
    expect(valori(dopo)).toEqual(valori(prima));
  });
});

describe("barometro stampa on one sheet per line", () => {
  it("lays out every sheet with its own header row and numbers pages on from the index", async () => {
    const wb = await apri(CAMPIONE);
    const ws = wb.getWorksheet(FOGLIO)!;
    let sheet: ExcelJS.Worksheet | null = null;
    let n = 0;
    ws.eachRow({ includeEmpty: true }, (row) => {
      const values: ExcelJS.CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        values[c - 1] = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
      });
      if (/^(LINEA STRATEGICA|OBIETTIVI DI MANDATO)/.test(String(values[0] ?? "")))
        sheet = wb.addWorksheet(`Linea ${++n}`);
      if (sheet) (sheet as ExcelJS.Worksheet).addRow(values);
    });
    wb.removeWorksheet(ws.id);
    const input = join(tmp, "per-linea.xlsx");
    await wb.xlsx.writeFile(input);

    const out = join(tmp, "per-linea.stampa.xlsx");
    const r = await esegui(["stampa", input, "--out", out, "--json"]);
    expect(r.code).toBe(0);
    const esito: DocumentoStampa = JSON.parse(r.out);
    const stampato = await apri(out);
    expect(stampato.worksheets.map((w) => w.name)).toEqual(["Indice", ...esito.linee.map((_, i) => `Linea ${i + 1}`)]);
    // Every line opens with its own header, and the long ones repeat it: no print titles anywhere.
    expect(esito.intestazione).toBe("foglio");
    stampato.worksheets.slice(1).forEach((w, i) => {
      expect(w.pageSetup.orientation).toBe("landscape");
      expect(w.pageSetup.printTitlesRow).toBeUndefined();
      expect(w.pageSetup.firstPageNumber).toBe(esito.linee[i].pagina);
    });
  });

  it("repeats the header row on every page of a sheet that does not repeat it itself", async () => {
    const out = join(tmp, "senza-intestazioni.stampa.xlsx");
    const r = await esegui(["stampa", await senzaIntestazioniRipetute(), "--out", out, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).intestazione).toBe("ripetuta");
    const ws = (await apri(out)).getWorksheet(FOGLIO)!;
    expect(ws.pageSetup.printTitlesRow).toBe("11:11");
    expect(await interruzioniSalvate(out, 1)).toEqual(
      righeDidascalia(ws)
        .slice(1)
        .map((r) => r - 1)
    );
  });
});

describe("barometro stampa --pdf (LibreOffice)", () => {
  const pdf = join(tmp, "allegato.pdf");
  let esito: DocumentoStampa;
  let pagine: string[];

  beforeAll(async () => {
    for (const programma of ["soffice", "pdftotext", "pdftoppm"]) {
      try {
        execFileSync("sh", ["-c", `command -v ${programma}`]);
      } catch {
        throw new Error(
          `${programma} non trovato: installare libreoffice-calc e poppler-utils (apt-get install -y libreoffice-calc poppler-utils).`
        );
      }
    }
    const r = await esegui(["stampa", CAMPIONE, "--out", join(tmp, "con-pdf.xlsx"), "--pdf", pdf, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    esito = JSON.parse(r.out);
    pagine = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" })
      .split("\f")
      .filter((p, i, all) => i < all.length - 1 || p.trim() !== "");
  });

  it("reads the index's pages from the printed PDF", () => {
    expect(esito.fontePagine).toBe("pdf");
    expect(pagine.length).toBeGreaterThanOrEqual(11);
  });

  it("prints the sample where the estimate (all the task pane has) says: the calibration still holds", async () => {
    const fogli = (await apri(CAMPIONE)).worksheets.map(worksheetToGrid);
    const { linee } = leggiLinee(fogli);
    const stimate = stimaSezioni(linee, pianoStampa(linee, fogli), PRIMA_PAGINA_LINEE);
    expect(stimate.map((s) => s.inizio)).toEqual(esito.linee.map((l) => l.pagina));
    expect(stimate[stimate.length - 1].fine).toBe(pagine.length);
  });

  it("prints numbers the Italian way, whatever the machine's locale", () => {
    const sport = esito.linee.find((l) => l.nome === "LINEA STRATEGICA SULLO SPORT")!;
    const pagina = pagine[sport.pagina! - 1];
    expect(pagina).toContain("84,44%");
    expect(pagina).toContain("1.200");
    expect(pagina).not.toContain("84.44%");
  });

  it("prints each line's title on the page the Indice says", () => {
    for (const { nome, pagina } of esito.linee) expect(pagine[pagina! - 1]).toContain(nome);
    expect(pagine[0]).toContain("Indice — Stato di attuazione degli Obiettivi 2024");
    for (const { pagina } of esito.linee) expect(pagine[0]).toContain(`pag. ${pagina}`);
  });

  it("shows the header row once on every page of the report and numbers every page", () => {
    expect(esito.intestazione).toBe("foglio");
    pagine.slice(1).forEach((testo) => {
      expect(testo.match(/Settore\s+Obiettivo\s+Definizione\s+Indicatore/g)).toHaveLength(1);
    });
    pagine.forEach((testo, i) =>
      expect(testo).toContain(`Relazione sulla Performance 2024 — pag. ${i + 1} di ${pagine.length}`)
    );
  });

  it("falls back to the header row on every page when a run of the sheet's own pages does not fit one", async () => {
    // The first run of rows (12–19, under the line's own header) made far taller than a page.
    const wb = await apri(CAMPIONE);
    const ws = wb.getWorksheet(FOGLIO)!;
    for (let r = 12; r <= 19; r++) {
      const c = ws.getCell(r, 3);
      if (!c.isMerged || c.master.address === c.address) c.value = "Una definizione che non finisce. ".repeat(160);
    }
    const lungo = join(tmp, "definizioni-lunghe.xlsx");
    await wb.xlsx.writeFile(lungo);
    // Planned on the sheet's own headers, as the sample is (what the task pane would do)…
    const fogli = wb.worksheets.map(worksheetToGrid);
    expect(pianoStampa(leggiLinee(fogli).linee, fogli)[0].intestazioniProprie).toBe(true);

    const pdfLungo = join(tmp, "definizioni-lunghe.pdf");
    const r = await esegui(["stampa", lungo, "--out", join(tmp, "lunghe.stampa.xlsx"), "--pdf", pdfLungo, "--json"]);
    expect(r.code).toBe(0);
    const e: DocumentoStampa = JSON.parse(r.out);
    // …but printed it left a page without the header: the printer repeats it instead.
    expect(e.intestazione).toBe("ripetuta");
    expect((await apri(join(tmp, "lunghe.stampa.xlsx"))).getWorksheet(FOGLIO)!.pageSetup.printTitlesRow).toBe("11:11");
    const stampate = execFileSync("pdftotext", ["-layout", pdfLungo, "-"], { encoding: "utf8" })
      .split("\f")
      .filter((p) => p.trim() !== "");
    stampate.slice(1).forEach((testo) => expect(testo).toMatch(/Settore\s+Obiettivo\s+Definizione\s+Indicatore/));
    for (const { nome, pagina } of e.linee) expect(stampate[pagina! - 1]).toContain(nome);
  });

  it("several files with --pdf naming a folder: a PDF for each, under its name", async () => {
    const dir = join(tmp, "piu-file");
    const pdfDir = join(tmp, "piu-file-pdf");
    mkdirSync(dir);
    mkdirSync(pdfDir);
    for (const nome of ["Settore A", "Settore B"]) copyFileSync(CAMPIONE, join(dir, `${nome}.xlsx`));
    const r = await esegui(["stampa", dir, "--pdf", pdfDir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Elaborati 2 file su 2\.$/);
    for (const nome of ["Settore A", "Settore B"]) {
      expect(existsSync(join(dir, `${nome}.stampa.xlsx`))).toBe(true);
      const testo = execFileSync("pdftotext", ["-layout", join(pdfDir, `${nome}.pdf`), "-"], { encoding: "utf8" });
      expect(testo).toContain("Indice — Stato di attuazione degli Obiettivi 2024");
    }
  });

  it("renders the first pages to PNG for a person to look at", () => {
    mkdirSync(OUTPUT, { recursive: true });
    execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "3", pdf, join(OUTPUT, "allegato")]);
    expect(existsSync(join(OUTPUT, "allegato-01.png")) || existsSync(join(OUTPUT, "allegato-1.png"))).toBe(true);
  });

  it("says clearly when LibreOffice is missing, and still writes the .xlsx", async () => {
    process.env.BAROMETRO_SOFFICE = "/nonexistent/soffice";
    try {
      const out = join(tmp, "senza-lo.xlsx");
      const r = await esegui(["stampa", CAMPIONE, "--out", out, "--pdf", join(tmp, "senza-lo.pdf")]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("LibreOffice non è installato (non trovato in «/nonexistent/soffice»)");
      expect(existsSync(out)).toBe(true);
    } finally {
      delete process.env.BAROMETRO_SOFFICE;
    }
  });
});
