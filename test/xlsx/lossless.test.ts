/**
 * The lossless access on workbooks made by other writers (openpyxl, LibreOffice): Ricalcola and
 * Prepara stampa through the app's use cases, then every zip entry Barometro does not own is
 * byte-identical, and inside the parts it changes every cell and element it does not own keeps its
 * XML. The output opens in openpyxl without warnings and LibreOffice converts it.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { ricalcola } from "../../src/app/ricalcolo";
import { preparaStampa } from "../../src/app/stampa";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { a1, parseA1 } from "../../src/layout/griglia";
import { Patch } from "../../src/layout/patch";
import { PianoStampaCartella } from "../../src/layout/stampa";
import { apriCartella } from "../../src/xlsx";
import { celleXml, conOpenpyxl, figli, liste, PYTHON, voci } from "./supporto";

const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");
const tmp = mkdtempSync(join(tmpdir(), "barometro-xlsx-lossless-"));

/** Top-level elements of a worksheet that a write of Barometro may change. */
const ELEMENTI_NOSTRI = new Set([
  "sheetPr",
  "dimension",
  "cols",
  "sheetData",
  "conditionalFormatting",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "extLst",
]);

interface Esito {
  prima: Buffer;
  dopo: Buffer;
  cambiate: string[];
  patch: Patch;
  piano: PianoStampaCartella;
}

async function elabora(file: string): Promise<Esito> {
  const prima = readFileSync(file);
  const cartella = await apriCartella(prima, file);
  const { patch } = await ricalcola(cartella, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
  const { piano } = await preparaStampa(cartella, IMPOSTAZIONI_PREDEFINITE);
  const dopo = await cartella.salva();
  const out = file.replace(/\.xlsx$/, "-barometro.xlsx");
  writeFileSync(out, dopo);
  return { prima, dopo, cambiate: cartella.partiCambiate(), patch, piano };
}

/** The cells a write owns on each sheet: written, filled, formatted, wrapped. */
function celleNostre(e: Esito): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const aggiungi = (foglio: string, cella: string) => {
    if (!out.has(foglio)) out.set(foglio, new Set());
    out.get(foglio)!.add(cella);
  };
  for (const w of e.patch.scritture) aggiungi(w.foglio, w.cella);
  for (const f of e.patch.colori) aggiungi(f.foglio, f.cella);
  for (const f of e.patch.formatiNumero ?? []) aggiungi(f.foglio, f.cella);
  for (const f of e.piano.fogli)
    for (const area of f.testi) {
      const [a, b] = area.split(":");
      const p = parseA1(a);
      const q = parseA1(b ?? a);
      for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) aggiungi(f.foglio, a1(r, c));
    }
  return out;
}

async function verificaSenzaPerdite(e: Esito, parteFoglio: Record<string, string>): Promise<void> {
  const prima = await voci(e.prima);
  const dopo = await voci(e.dopo);
  // Every entry of the input is in the output; the ones not changed are the very same bytes.
  for (const [nome, v] of prima) {
    if (nome === "xl/calcChain.xml" && !dopo.has(nome)) continue;
    expect(dopo.has(nome)).toBe(true);
    if (e.cambiate.includes(nome)) continue;
    expect({ nome, uguale: dopo.get(nome)!.testo.equals(v.testo) }).toEqual({ nome, uguale: true });
    if (v.crudo && dopo.get(nome)!.crudo)
      expect({ nome, crudo: dopo.get(nome)!.crudo!.equals(v.crudo) }).toEqual({ nome, crudo: true });
  }
  // Only parts Barometro owns were changed.
  for (const nome of e.cambiate)
    expect(nome).toMatch(
      /^(xl\/worksheets\/sheet\d+\.xml|xl\/styles\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml)$/
    );
  // Inside the sheets: the cells not owned keep their XML; so do the elements not owned.
  const nostre = celleNostre(e);
  for (const [foglio, parte] of Object.entries(parteFoglio)) {
    const x0 = prima.get(parte)!.testo.toString("utf8");
    const x1 = dopo.get(parte)!.testo.toString("utf8");
    const c0 = celleXml(x0);
    const c1 = celleXml(x1);
    let confrontate = 0;
    for (const [ind, xml] of c0) {
      if (nostre.get(foglio)?.has(ind)) continue;
      expect({ foglio, ind, xml: c1.get(ind) }).toEqual({ foglio, ind, xml });
      confrontate++;
    }
    expect(confrontate).toBeGreaterThan(0);
    const e0 = figli(x0).filter(([n]) => !ELEMENTI_NOSTRI.has(n));
    const e1 = figli(x1).filter(([n]) => !ELEMENTI_NOSTRI.has(n));
    expect(e1).toEqual(e0);
  }
  // styles.xml: every entry of every list is where it was, new ones only appended.
  const s0 = liste(prima.get("xl/styles.xml")!.testo.toString("utf8"));
  const s1 = liste(dopo.get("xl/styles.xml")!.testo.toString("utf8"));
  for (const [lista, voci0] of s0) expect(s1.get(lista)!.slice(0, voci0.length)).toEqual(voci0);
}

function soffice(file: string, formato: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  execFileSync("soffice", ["--headless", "--convert-to", formato, "--outdir", dir, file], { stdio: "pipe" });
  const out = join(dir, file.replace(/^.*\//, "").replace(/\.xlsx$/, `.${formato.split(":")[0]}`));
  expect(existsSync(out)).toBe(true);
  return out;
}

describe("the lossless access on workbooks of other writers", () => {
  let openpyxlFile: string;
  let libreofficeFile: string;
  beforeAll(() => {
    execFileSync(PYTHON, [resolve(__dirname, "fixture_openpyxl.py"), SAMPLE, tmp]);
    openpyxlFile = join(tmp, "openpyxl.xlsx");
    // LibreOffice writes its own package from the same workbook: shared strings, its styles, its parts.
    const lo = soffice(openpyxlFile, "xlsx", join(tmp, "lo"));
    libreofficeFile = join(tmp, "libreoffice.xlsx");
    writeFileSync(libreofficeFile, readFileSync(lo));
  }, 120_000);

  it("openpyxl (comment, chart, picture, validation, names, hyperlink, a user's rule): nothing lost", async () => {
    const e = await elabora(openpyxlFile);
    expect(e.patch.scritture.length).toBeGreaterThan(50);
    expect(e.patch.formattazione?.aggiungi.length).toBeGreaterThan(0);
    await verificaSenzaPerdite(e, { "Obiettivi 2024": "xl/worksheets/sheet1.xml" });
    const out = join(tmp, "openpyxl-barometro.xlsx");
    const visto = conOpenpyxl(
      out,
      [
        "ws = wb['Obiettivi 2024']",
        "print(wb.sheetnames)",
        "print(ws['A2'].comment.text)",
        "print(len(wb['Dati utente']._charts), len(wb['Dati utente']._images))",
        "print(len(ws.data_validations.dataValidation))",
        "print(sorted(n.name for n in wb.defined_names.definedName))",
        "print(ws['B3'].hyperlink.target)",
        "print(ws.page_setup.orientation, ws.print_title_rows)",
        "print(sum(len(r.rules) for r in ws.conditional_formatting))",
      ].join("\n")
    );
    const righe = visto.trim().split("\n");
    expect(righe[0]).toBe("['Indice', 'Obiettivi 2024', 'Dati utente']");
    expect(righe[1]).toBe("Nota dell'utente: da non perdere");
    expect(righe[2]).toBe("1 1");
    expect(righe[3]).toBe("1");
    expect(righe[4]).toContain("TotaleUtente");
    expect(righe[5]).toBe("https://www.comune.cremona.it/");
    expect(righe[6]).toMatch(/^landscape /);
    expect(Number(righe[7])).toBe(e.patch.formattazione!.aggiungi.length + 1);
    // LibreOffice opens it and recalculates.
    const csv = soffice(out, "csv", join(tmp, "csv-openpyxl"));
    expect(readFileSync(csv, "utf8")).toContain("Linea strategica");
  }, 120_000);

  it("LibreOffice (shared strings, its styles and parts): nothing lost, and a second run changes nothing more", async () => {
    const e = await elabora(libreofficeFile);
    await verificaSenzaPerdite(e, { "Obiettivi 2024": "xl/worksheets/sheet1.xml" });
    const out = join(tmp, "libreoffice-barometro.xlsx");
    conOpenpyxl(out, "print(wb.sheetnames)");
    soffice(out, "csv", join(tmp, "csv-lo"));
    // Again on the output: Barometro's rules and Indice are recognised, not doubled.
    const di = await apriCartella(readFileSync(out), out);
    await ricalcola(di, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    await preparaStampa(di, IMPOSTAZIONI_PREDEFINITE);
    const lettura = await di.leggi();
    expect(lettura.fogli.map((g) => g.name)).toEqual(["Indice", "Obiettivi 2024", "Dati utente"]);
    const regole = (lettura.formattazioni ?? []).filter((r) => r.foglio === "Obiettivi 2024");
    expect(regole.length).toBe(e.patch.formattazione!.aggiungi.length + 1);
  }, 120_000);

  it("keeps an .xlsm's macros and the workbook's macro-enabled content type", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(readFileSync(openpyxlFile));
    const tipi = (await zip.file("[Content_Types].xml")!.async("string"))
      .replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
      )
      .replace(
        "</Types>",
        '<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
      );
    zip.file("[Content_Types].xml", tipi);
    const vba = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    zip.file("xl/vbaProject.bin", vba);
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    zip.file(
      "xl/_rels/workbook.xml.rels",
      rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'
      )
    );
    const file = join(tmp, "macro.xlsm");
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const c = await apriCartella(readFileSync(file), file);
    await ricalcola(c, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    await preparaStampa(c, IMPOSTAZIONI_PREDEFINITE);
    const dopo = await JSZip.loadAsync(await c.salva());
    expect(Buffer.from(await dopo.file("xl/vbaProject.bin")!.async("nodebuffer")).equals(vba)).toBe(true);
    const tipiDopo = await dopo.file("[Content_Types].xml")!.async("string");
    expect(tipiDopo).toContain(
      'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"'
    );
    expect(await dopo.file("xl/_rels/workbook.xml.rels")!.async("string")).toContain("vbaProject.bin");
  });
});
