/**
 * The Riepilogo's chart as drawn by the file side, opened by other readers: openpyxl loads it (with
 * warnings as errors), the Open XML SDK's validator finds no error in the parts Barometro wrote, and
 * LibreOffice draws it on the Riepilogo's printed pages. On openpyxl's workbook (a chart of the
 * user's on another sheet) the user's chart parts stay byte-identical and Barometro's take free names.
 * The parts themselves: grafico.test.ts.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { aggiornaRiepilogo } from "../../src/app/riepilogo";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { apriCartella } from "../../src/xlsx";
import { CAMPIONE } from "../support/campione";
import { soffice } from "./senza-perdite";
import { validaOoxml } from "../support/validatore-ooxml";
import { conOpenpyxl, PYTHON, voci } from "./supporto";

const tmp = mkdtempSync(join(tmpdir(), "barometro-grafico-"));
const TITOLO = "% raggiungimento per linea strategica";

/** Aggiorna riepilogo on a file through the file access; the output's path. */
async function conRiepilogo(file: string, nome: string): Promise<string> {
  const c = await apriCartella(readFileSync(file), nome);
  await aggiornaRiepilogo(c, IMPOSTAZIONI_PREDEFINITE);
  const out = join(tmp, nome);
  writeFileSync(out, await c.salva());
  return out;
}

/** The Open XML SDK validator's errors (Microsoft 365 schemas and semantics), as "part: description". */
function erroriValidatore(file: string): string[] {
  return validaOoxml(file).errors.map((e) => `${e.path}: ${e.description}`);
}

describe("the Riepilogo's chart written by the file side, in other readers", () => {
  let campione: string;
  beforeAll(async () => {
    campione = await conRiepilogo(CAMPIONE, "campione.xlsx");
  });

  it("openpyxl loads it: a clustered bar chart, first line at the top, 0..1, the Riepilogo's ranges, a colour per bar", () => {
    const visto = conOpenpyxl(
      campione,
      [
        "ws = wb['Riepilogo']",
        "ch = ws._charts[0]",
        "s = ch.series[0]",
        "print(len(ws._charts), ch.type, ch.grouping, ch.x_axis.scaling.orientation, ch.y_axis.scaling.min, ch.y_axis.scaling.max, ch.legend)",
        "print(s.cat.strRef.f, s.val.numRef.f, len(s.dPt), s.dLbls.showVal, s.dLbls.numFmt)",
        "print(''.join(r.t for p in ch.title.tx.rich.p for r in p.r))",
        "print(ch.anchor._from.col, ch.anchor._from.row, ch.anchor.to.col, ch.anchor.to.row)",
      ].join("\n")
    );
    expect(visto.trim().split("\n")).toEqual([
      "1 bar clustered maxMin 0.0 1.0 None",
      "Riepilogo!$A$5:$A$14 Riepilogo!$B$5:$B$14 10 True 0.00%",
      TITOLO,
      "7 3 17 26",
    ]);
  });

  it("the Open XML SDK validator finds no error in the drawing, the chart, their relationships or the Riepilogo", async () => {
    const parti = await voci(readFileSync(campione));
    expect(["xl/drawings/drawing1.xml", "xl/charts/chart1.xml"].filter((p) => !parti.has(p))).toEqual([]);
    const errori = erroriValidatore(campione);
    // The sample's own styles.xml has errors of its own (not Barometro's, and not this test's).
    const nostri = errori.filter((e) => !e.startsWith("/xl/styles.xml:"));
    expect(nostri).toEqual([]);
  });

  it("LibreOffice draws it on the Riepilogo's pages (the chart's title and value axis in the PDF)", () => {
    const pdf = soffice(campione, "pdf", join(tmp, "pdf"));
    const testo = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    // Only the chart holds its title (split across two pages here: the Riepilogo has no print
    // layout, as in the pane) and a value axis labelled 0.00% … 100.00% in steps.
    expect(testo).toContain("per linea strategica");
    expect(testo).toMatch(/0[.,]00%\s+20[.,]00%\s+40[.,]00%\s+60[.,]00%\s+80[.,]00%\s+100[.,]00%/);
  }, 60_000);

  it("openpyxl's workbook with the user's chart on another sheet: the user's parts identical, Barometro's beside them", async () => {
    execFileSync(PYTHON, [resolve(__dirname, "fixture_openpyxl.py"), CAMPIONE, tmp]);
    const ingresso = join(tmp, "openpyxl.xlsx");
    const out = await conRiepilogo(ingresso, "openpyxl-riepilogo.xlsx");
    const [prima, dopo] = [await voci(readFileSync(ingresso)), await voci(readFileSync(out))];
    for (const n of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels"])
      expect([n, dopo.get(n)?.crudo]).toEqual([n, prima.get(n)!.crudo]);
    const nuove = [...dopo.keys()].filter((k) => !prima.has(k) && /^xl\/(charts|drawings)\//.test(k)).sort();
    expect(nuove).toEqual(["xl/charts/chart2.xml", "xl/drawings/_rels/drawing2.xml.rels", "xl/drawings/drawing2.xml"]);
    const visto = conOpenpyxl(
      out,
      "print(len(wb['Dati utente']._charts), len(wb['Riepilogo']._charts), wb['Riepilogo']._charts[0].series[0].val.numRef.f)"
    );
    expect(visto.trim()).toBe("1 1 Riepilogo!$B$5:$B$14");
    expect(erroriValidatore(out).filter((e) => /^\/xl\/(charts|drawings)\//.test(e))).toEqual([]);
  }, 60_000);

  it("saved by LibreOffice, then refreshed: LibreOffice keeps the chart's name, the refresh replaces that chart", async () => {
    const salvato = soffice(campione, "xlsx", join(tmp, "libreoffice"));
    const c = await apriCartella(readFileSync(salvato), "libreoffice.xlsx");
    expect((await c.leggi()).grafici).toEqual([{ foglio: "Riepilogo", nome: "Barometro.Riepilogo" }]);
    const esito = await aggiornaRiepilogo(c, IMPOSTAZIONI_PREDEFINITE);
    expect(esito.patch.riepilogo?.graficiDaEliminare).toBe(1);
    const out = join(tmp, "libreoffice-riepilogo.xlsx");
    writeFileSync(out, await c.salva());
    const parti = [...(await voci(readFileSync(out))).keys()].filter((k) =>
      /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(k)
    );
    expect(parti.sort()).toEqual(["xl/charts/chart1.xml", "xl/drawings/drawing1.xml"]);
    expect(conOpenpyxl(out, "print(len(wb['Riepilogo']._charts))").trim()).toBe("1");
    expect(erroriValidatore(out).filter((e) => /^\/xl\/(charts|drawings)\//.test(e))).toEqual([]);
  }, 60_000);
});
