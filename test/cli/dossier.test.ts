/**
 * `barometro dossier`: the trace as JSON (the same numbers and findings as `verifica --json`), the
 * «Dossier di validazione» sheet written into a copy of the workbook (nothing else changes, a user's
 * sheet of that name is refused), and the dossier's PDF as LibreOffice prints it.
 */
import { execFileSync } from "child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main, SAMPLE } from "../../src/cli/main";
import { ResocontoJson } from "../../src/cli/resoconto";
import { elabora } from "../../src/cli/elabora";
import { DossierJson } from "../../src/cli/comandi/dossier";
import { tracciaEnte } from "../../src/engine";
import { FOGLIO_DOSSIER, tuttiIRilievi } from "../../src/layout/dossier";
import { sommeRotte } from "../engine/traccia-somme";
import { capture, leggi } from "./io";
import { snapshot } from "./workbook-snapshot";

jest.setTimeout(180_000);

const TMP = mkdtempSync(join(tmpdir(), "barometro-dossier-test-"));

async function esegui(argv: string[]) {
  const c = capture();
  const codice = await main(argv, c.io);
  return { codice, out: c.out.join("\n"), err: c.err.join("\n") };
}

describe("barometro dossier --json", () => {
  it("prints the trace with the file: the numbers and findings of verifica --json; writes nothing", async () => {
    const copia = join(TMP, "json.xlsx");
    copyFileSync(SAMPLE, copia);
    const d = await esegui(["dossier", copia, "--json"]);
    expect(d.codice).toBe(0);
    const traccia: DossierJson = JSON.parse(d.out);
    const v = await esegui(["verifica", copia, "--json"]);
    const verifica: ResocontoJson = JSON.parse(v.out);
    expect(traccia.file).toBe(copia);
    expect(traccia.ente.percentuale).toBe(verifica.ente);
    expect(traccia.linee.map((l) => [l.nome, l.foglio, l.percentuale, l.incompleta, l.neutralizzati])).toEqual(
      verifica.linee.map((l) => [l.nome, l.foglio, l.percentuale, l.incompleta, l.neutralizzati])
    );
    const chiave = (a: { codice: string; foglio: string; cella: string; messaggio: string }) =>
      `${a.foglio}!${a.cella} ${a.codice} ${a.messaggio}`;
    expect(traccia.linee.flatMap(tuttiIRilievi).map(chiave).sort()).toEqual(verifica.avvisi.map(chiave).sort());
    // The shape, and the sums.
    const sport = traccia.linee.find((l) => /SPORT/.test(l.nome))!;
    const indicatore = sport.obiettivi[2].indicatori[0];
    for (const campo of ["nome", "cella", "atteso", "consuntivo", "polarita", "originePolarita", "regola", "ragg"])
      expect(indicatore).toHaveProperty(campo);
    for (const campo of ["peso", "pesoNormalizzato", "contributo", "avvisi"]) expect(indicatore).toHaveProperty(campo);
    for (const campo of ["nome", "cella", "neutralizzato", "motivo", "percentuale", "indicatori"])
      expect(sport.obiettivi[0]).toHaveProperty(campo);
    const e = await elabora(copia);
    expect(sommeRotte(e.linee, traccia, e.risultato)).toEqual([]);
    expect(JSON.parse(JSON.stringify({ file: copia, ...tracciaEnte(e.linee, e.risultato) }))).toEqual(traccia);
    expect(existsSync(join(TMP, "json.dossier.xlsx"))).toBe(false);
  });
});

describe("barometro dossier --out", () => {
  it("adds the sheet last and changes nothing else; a second run rewrites it in place", async () => {
    const out = join(TMP, "uno.xlsx");
    const r = await esegui(["dossier", SAMPLE, "--out", out]);
    expect(r.codice).toBe(0);
    expect(r.out).toMatch(/LINEA STRATEGICA SULLO SPORT {2}84,44% {2}\(3 obiettivi conteggiati\)/);
    expect(r.out).toMatch(/Verifica: 15 avvisi/);
    const wb = await leggi(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Obiettivi 2024", FOGLIO_DOSSIER]);
    const ws = wb.getWorksheet(FOGLIO_DOSSIER)!;
    expect(ws.getCell("A1").value).toBe("Dossier di validazione — Stato di attuazione degli Obiettivi 2024");
    expect(ws.getCell("C2").value).toBe("relazione-performance-2024.xlsx");
    expect(ws.getCell("C4").value).toBe(`versione ${JSON.parse(readFileSync("package.json", "utf8")).version}`);
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.headerFooter.oddFooter).toBe(
      "&CDossier di validazione — Relazione sulla Performance 2024 — pag. &P di &N"
    );
    const sport = ws.getColumn(1).values.findIndex((v) => v === "LINEA STRATEGICA SULLO SPORT");
    expect(ws.getCell(sport, 3).value).toBe("media dei 3 obiettivi conteggiati: (100 + 100 + 53,33) / 3 = 84,44");
    expect(ws.getCell(sport, 7).value).toBeCloseTo(0.844444, 6);
    expect(ws.getCell(sport, 7).numFmt).toBe("0.00%");

    // Only the dossier differs from the original.
    const [prima, dopo] = await Promise.all([snapshot(SAMPLE), snapshot(out)]);
    const altrove = [...dopo.cells.keys()].filter(
      (k) =>
        !k.startsWith(`${FOGLIO_DOSSIER}!`) && JSON.stringify(prima.cells.get(k)) !== JSON.stringify(dopo.cells.get(k))
    );
    expect(altrove).toEqual([]);

    const due = join(TMP, "due.xlsx");
    expect((await esegui(["dossier", out, "--out", due])).codice).toBe(0);
    const wb2 = await leggi(due);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(["Obiettivi 2024", FOGLIO_DOSSIER]);
    // The workbook with its dossier still reads the same 10 lines.
    expect((await elabora(due)).linee).toHaveLength(10);
  });

  it("says where the workbook's line percentage differs from the computed one", async () => {
    const wb = await leggi(SAMPLE);
    const e = await elabora(SAMPLE);
    const sport = e.linee.find((l) => /SPORT/.test(l.nome))!;
    // The cell shows a percentage: 0.8 is 80 %.
    wb.getWorksheet(sport.foglio)!.getCell(sport.percentuale!.cella).value = 0.8;
    const file = join(TMP, "diversa.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await esegui(["dossier", file]);
    expect(r.codice).toBe(0);
    expect(r.out).toMatch(/LINEA STRATEGICA SULLO SPORT {2}84,44% .*nel foglio 80,00%: DIVERSA/);
    const ws = (await leggi(join(TMP, "diversa.dossier.xlsx"))).getWorksheet(FOGLIO_DOSSIER)!;
    const testi = ws.getColumn(3).values.filter((v): v is string => typeof v === "string");
    expect(testi).toContain("DIVERSA: nel foglio 80,00%, calcolata 84,44% (avviso LINEA_DIVERSA)");
  });

  it("refuses a user's sheet of the same name, writing nothing", async () => {
    const wb = await leggi(SAMPLE);
    wb.addWorksheet("Dossier di validazione").getCell("A1").value = "I miei appunti per l'OIV";
    const file = join(TMP, "altrui.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await esegui(["dossier", file, "--out", join(TMP, "altrui.out.xlsx")]);
    expect(r.codice).toBe(2);
    expect(r.err).toBe(
      `«${file}» ha già un foglio «Dossier di validazione» che non è stato creato da Barometro: rinominarlo (o eliminarlo) e riprovare. Non è stato scritto nulla.`
    );
    expect(existsSync(join(TMP, "altrui.out.xlsx"))).toBe(false);
  });

  it("arguments: one file only; --help", async () => {
    const r = await esegui(["dossier", SAMPLE, SAMPLE]);
    expect(r.codice).toBe(2);
    expect(r.err).toBe("Argomenti non validi: «dossier» vuole un solo file .xlsx");
    const h = await esegui(["dossier", "--help"]);
    expect(h.codice).toBe(0);
    expect(h.out).toMatch(/barometro dossier {3}\[FILE\.xlsx\] \[--out OUT\.xlsx\] \[--pdf \[OUT\.pdf\]\] \[--json\]/);
    expect((await esegui(["--help"])).out).toMatch(/barometro dossier/);
  });
});

describe("barometro dossier --pdf", () => {
  beforeAll(() => {
    for (const programma of ["soffice", "pdftotext"])
      try {
        execFileSync("sh", ["-c", `command -v ${programma}`]);
      } catch {
        throw new Error(`${programma} non trovato: installare libreoffice-calc e poppler-utils.`);
      }
  });

  it("--pdf without a path: the dossier alone, beside OUT, Sport's breakdown readable", async () => {
    const out = join(TMP, "stampa.xlsx");
    const r = await esegui(["dossier", SAMPLE, "--out", out, "--pdf"]);
    expect(r.codice).toBe(0);
    const pdf = join(TMP, "stampa.pdf");
    expect(r.out).toMatch(new RegExp(`e ${pdf.replace(/[.]/g, "\\.")}\\.$`));
    const testo = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    const pagine = testo.split("\f").filter((p) => p.trim() !== "");
    expect(pagine[0]).toMatch(/^Dossier di validazione — Stato di attuazione degli Obiettivi 2024/);
    // Its document title is the dossier's, not the file's name (tagged PDF/UA, as the annex).
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    expect(info).toMatch(/^Title:\s+Dossier di validazione — Stato di attuazione degli Obiettivi 2024$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    // The line's cell reference: on the first line of the row, or at its foot when the composition
    // wraps (cells outside the wrapped areas keep Excel's bottom alignment, as the pane writes them).
    expect(testo).toMatch(
      /LINEA STRATEGICA SULLO SPORT\s+(A\d+\s+media dei 3 obiettivi conteggiati|media dei 3 obiettivi conteggiati[^\n]*\n\s+A\d+\s)/
    );
    expect(testo).toMatch(/500 \/ 1\.200 × 100 = 41,67/);
    // Each line starts a page, as in the annex: the rules and the ente are page 1.
    const e = await elabora(SAMPLE);
    const inizi = pagine.map((p) => p.trim().split("\n")[0]);
    e.linee.forEach((l, i) => expect(inizi[i + 1].startsWith(l.nome.slice(0, 30))).toBe(true));
    // Only the dossier is printed, every page with the dossier's footer.
    expect(testo).not.toMatch(/Settore Sport, Provveditorato/);
    pagine.forEach((p, i) =>
      expect(p).toMatch(
        new RegExp(`Dossier di validazione — Relazione sulla Performance 2024 — pag\\. ${i + 1} di ${pagine.length}`)
      )
    );
  });
});
