/**
 * The lossless access on workbooks made by other writers: openpyxl (comment, chart, picture, data
 * validation, names — one scoped to a sheet —, hyperlinks, a user's rule, a table), LibreOffice
 * (its own package, plus a pivot table with its cache, an external link and rich text made through
 * its API by a Basic macro run headless), and parts no writer here makes added as Excel writes them
 * (threaded comments and persons, custom XML, shared formulas, an inline string, the add-in's web
 * extension with settings). Ricalcola, Prepara stampa and the Dossier through the app's use cases;
 * then test/xlsx/senza-perdite.ts checks every part, relationship and content type is kept; the
 * output opens in openpyxl (warnings as errors) and in LibreOffice.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join, resolve } from "path";
import JSZip from "jszip";
import { apriCartella, MESSAGGI_XLSX } from "../../src/xlsx";
import { conComponente, partiComponente } from "../cli/con-componente";
import { conOpenpyxl, PYTHON, voci } from "./supporto";
import { conservate, elabora, Esito, fogliCsv, soffice, verificaSenzaPerdite } from "./senza-perdite";
import { cartelleDiScrittori } from "./scrittori";
import { main } from "../../src/cli/main";
import { protettoDaPassword } from "../robustezza/corpus";

const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");
const tmp = mkdtempSync(join(tmpdir(), "barometro-xlsx-lossless-"));
const LINEE = { "Obiettivi 2024": "xl/worksheets/sheet1.xml" };
const DOSSIER = "Dossier di validazione";

describe("the lossless access on workbooks of other writers", () => {
  let openpyxlFile: string;
  let libreofficeFile: string;
  let excelFile: string;
  beforeAll(async () => {
    ({ openpyxl: openpyxlFile, libreoffice: libreofficeFile, excel: excelFile } = await cartelleDiScrittori(tmp));
  }, 180_000);

  it("openpyxl (comment, chart, picture, validation, names, hyperlinks, a user's rule, a table): nothing lost", async () => {
    const e = await elabora(openpyxlFile);
    await conservate(e, [
      "xl/comments/comment1.xml",
      "xl/drawings/commentsDrawing1.vml",
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "xl/media/image1.png",
      "xl/tables/table1.xml",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/worksheets/sheet2.xml",
    ]);
    expect(e.patch.scritture.length).toBeGreaterThan(50);
    expect(e.patch.formattazione?.aggiungi.length).toBeGreaterThan(0);
    await verificaSenzaPerdite(e, LINEE);
    const visto = conOpenpyxl(
      e.out,
      [
        "ws = wb['Obiettivi 2024']",
        "print(wb.sheetnames)",
        "print(ws['A2'].comment.text)",
        "print(len(wb['Dati utente']._charts), len(wb['Dati utente']._images))",
        "print(len(ws.data_validations.dataValidation))",
        "print(sorted(n.name for n in wb.defined_names.definedName))",
        "print(ws['B3'].hyperlink.target, ws['B5'].hyperlink.location)",
        "print(ws.page_setup.orientation, ws.print_title_rows)",
        "print(sum(len(r.rules) for r in ws.conditional_formatting))",
        "print([(t.displayName, t.ref) for t in wb['Dati utente'].tables.values()])",
        "print([(n.attr_text, wb.sheetnames[n.localSheetId]) for n in wb.defined_names.definedName if n.name == 'SoloDati'])",
      ].join("\n")
    );
    const righe = visto.trim().split("\n");
    expect(righe[0]).toBe(`['Indice', 'Obiettivi 2024', 'Dati utente', '${DOSSIER}']`);
    expect(righe[1]).toBe("Nota dell'utente: da non perdere");
    expect(righe[2]).toBe("1 1");
    expect(righe[3]).toBe("1");
    expect(righe[4]).toContain("TotaleUtente");
    expect(righe[5]).toBe("https://www.comune.cremona.it/ 'Dati utente'!A1");
    expect(righe[6]).toMatch(/^landscape /);
    expect(Number(righe[7])).toBe(e.patch.formattazione!.aggiungi.length + 1);
    expect(righe[8]).toBe("[('TabellaUtente', 'A1:B8')]");
    // The name scoped to «Dati utente» still is, though Indice now comes first.
    expect(righe[9]).toBe("[(\"'Dati utente'!$B$2:$B$8\", 'Dati utente')]");
    // LibreOffice opens it and recalculates.
    const csv = soffice(e.out, "csv", join(tmp, "csv-openpyxl"));
    expect(readFileSync(csv, "utf8")).toContain("Linea strategica");
  }, 120_000);

  it("LibreOffice (its package, a pivot table and cache, an external link, rich text): nothing lost, and a second run changes nothing", async () => {
    const prima = await JSZip.loadAsync(readFileSync(libreofficeFile));
    // What LibreOffice's API wrote is there to be kept.
    for (const parte of [
      "xl/pivotTables/pivotTable1.xml",
      "xl/pivotCache/pivotCacheDefinition1.xml",
      "xl/pivotCache/pivotCacheRecords1.xml",
      "xl/externalLinks/externalLink1.xml",
      "xl/tables/table1.xml",
    ])
      expect({ parte, c: prima.file(parte) !== null }).toEqual({ parte, c: true });
    expect(await prima.file("xl/sharedStrings.xml")!.async("string")).toMatch(/^[^]*?<si><r>.*COMUNE DI.*<\/r><r>/);

    const e = await elabora(libreofficeFile);
    await verificaSenzaPerdite(e, LINEE);
    await conservate(e, [
      "xl/pivotTables/pivotTable1.xml",
      "xl/pivotTables/_rels/pivotTable1.xml.rels",
      "xl/pivotCache/pivotCacheDefinition1.xml",
      "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
      "xl/pivotCache/pivotCacheRecords1.xml",
      "xl/externalLinks/externalLink1.xml",
      "xl/externalLinks/_rels/externalLink1.xml.rels",
      "xl/tables/table1.xml",
      "xl/sharedStrings.xml",
    ]);
    const visto = conOpenpyxl(
      e.out,
      [
        "print(wb.sheetnames)",
        "print([p.name for p in wb['Dati utente']._pivots])",
        "print(len(wb._external_links))",
        "print(wb['Obiettivi 2024']['A1'].value)",
      ].join("\n")
    );
    expect(visto.trim().split("\n")).toEqual([
      `['Indice', 'Obiettivi 2024', 'Dati utente', '${DOSSIER}']`,
      "['PivotUtente']",
      "1",
      "COMUNE DI CREMONA",
    ]);
    // LibreOffice reads the pivot table and the external reference back from Barometro's output.
    const fods = readFileSync(soffice(e.out, "fods", join(tmp, "fods-lo")), "utf8");
    expect(fods).toMatch(/<table:data-pilot-table table:name="PivotUtente"/);
    expect(fods).toContain("esterno.xlsx");

    // Again on the output: Barometro's sheets, styles and rules are recognised, not doubled: every
    // part comes out the same (the dossier names the same file).
    const di = await elabora(e.out, basename(libreofficeFile));
    const primo = await voci(e.dopo);
    const secondo = await voci(di.dopo);
    expect([...secondo.keys()].sort()).toEqual([...primo.keys()].sort());
    for (const [nome, v] of primo)
      expect({ nome, uguale: secondo.get(nome)!.testo.equals(v.testo) }).toEqual({ nome, uguale: true });
    const lettura = await (await apriCartella(di.dopo, di.out)).leggi();
    expect(lettura.fogli.map((g) => g.name)).toEqual(["Indice", "Obiettivi 2024", "Dati utente", DOSSIER]);
    const regole = (lettura.formattazioni ?? []).filter((r) => r.foglio === "Obiettivi 2024");
    expect(regole.length).toBe(e.patch.formattazione!.aggiungi.length + 1);
  }, 120_000);

  it("Excel's parts (threaded comments, persons, custom XML, shared formulas, an inline string, x14 validation, sparklines) and the add-in's settings: kept, and the settings apply", async () => {
    const e = await elabora(excelFile);
    await verificaSenzaPerdite(e, LINEE);
    await conservate(e, [
      "xl/threadedComments/threadedComment1.xml",
      "xl/persons/person.xml",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "customXml/item1.xml",
      "customXml/itemProps1.xml",
      "customXml/_rels/item1.xml.rels",
      "xl/webextensions/taskpanes.xml",
      "xl/webextensions/_rels/taskpanes.xml.rels",
      "xl/webextensions/webextension1.xml",
      "_rels/.rels",
    ]);
    // The add-in's parts are copied as they were, and its saved thresholds and label applied.
    const prima = await partiComponente(excelFile);
    const dopo = await partiComponente(e.out);
    for (const parte of ["xl/webextensions/taskpanes.xml", "xl/webextensions/webextension1.xml"])
      expect(dopo.get(parte)).toBe(prima.get(parte));
    const testi = e.patch.scritture.map((w) => JSON.stringify(w));
    expect(testi.filter((t) => t.includes("Ottimo")).length).toBeGreaterThan(50);
    expect(testi.some((t) => t.includes("Raggiunto"))).toBe(false);
    // openpyxl opens it; LibreOffice recalculates the shared formulas and reads the inline string.
    const visto = conOpenpyxl(
      e.out,
      "ws = wb['Obiettivi 2024']\nprint(ws['P13'].value, ws['Q12'].value)",
      ".*extension is not supported.*"
    );
    expect(visto.trim()).toBe("=L13*2 Nota inline dell'utente");
    const fogli = fogliCsv(e.out, join(tmp, "csv-excel"));
    expect([...fogli.keys()].sort()).toEqual(["Dati utente", DOSSIER, "Indice", "Obiettivi 2024"].sort());
    const righe = fogli.get("Obiettivi 2024")!.split("\n");
    const riga = (n: number) => righe[n - 1].match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
    expect(riga(12)[16]).toBe("Nota inline dell'utente");
    for (const r of [12, 13, 19]) expect({ r, p: Number(riga(r)[15]) }).toEqual({ r, p: 2 * Number(riga(r)[11]) });
  }, 180_000);

  it("the add-in's parts, then a LibreOffice re-save: what LibreOffice left of them is kept, and the settings read are those it left", async () => {
    const impostazioni = { "barometro.bande": { raggiunto: 80, parziale: 60, etichette: { raggiunto: "Ottimo" } } };
    const conAddIn = join(tmp, "addin.xlsx");
    await conComponente(SAMPLE, conAddIn, impostazioni);
    const file = join(tmp, "addin-lo.xlsx");
    writeFileSync(file, readFileSync(soffice(conAddIn, "xlsx", join(tmp, "addin-lo"))));
    const rimaste = await partiComponente(file);
    // LibreOffice 7.4 keeps taskpanes.xml and drops its relationships and the web extension part
    // (where the settings are): whatever it kept, Barometro keeps byte for byte.
    expect(rimaste.has("xl/webextensions/taskpanes.xml")).toBe(true);
    const e = await elabora(file);
    await verificaSenzaPerdite(e, LINEE);
    const dopo = await partiComponente(e.out);
    for (const [parte, testo] of rimaste)
      if (parte.startsWith("xl/webextensions/")) expect(dopo.get(parte)).toBe(testo);
    const lette = (await apriCartella(readFileSync(file), file)).leggiImpostazioni();
    expect(lette).toEqual(rimaste.has("xl/webextensions/webextension1.xml") ? impostazioni : {});
  }, 120_000);

  it("keeps an .xlsm's macros and the workbook's macro-enabled content type", async () => {
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
    const e = await elabora(file);
    await verificaSenzaPerdite(e, LINEE);
    const dopo = await JSZip.loadAsync(e.dopo);
    expect(Buffer.from(await dopo.file("xl/vbaProject.bin")!.async("nodebuffer")).equals(vba)).toBe(true);
    const tipiDopo = await dopo.file("[Content_Types].xml")!.async("string");
    expect(tipiDopo).toContain(
      'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"'
    );
    expect(await dopo.file("xl/_rels/workbook.xml.rels")!.async("string")).toContain("vbaProject.bin");
    expect(conOpenpyxl(e.out, "print(wb.sheetnames[1])").trim()).toBe("Obiettivi 2024");
    soffice(e.out, "csv", join(tmp, "csv-xlsm"));
  }, 60_000);

  it("the checks themselves catch a loss inside a part Barometro changes", async () => {
    const e = await elabora(excelFile);
    await verificaSenzaPerdite(e, LINEE);
    const guasti: [string, string, (xml: string) => string][] = [
      ["xl/workbook.xml", "pivot caches dropped", (x) => x.replace(/<pivotCaches>.*<\/pivotCaches>/s, "")],
      [
        "xl/workbook.xml",
        "external references dropped",
        (x) => x.replace(/<externalReferences>.*<\/externalReferences>/s, ""),
      ],
      [
        "xl/workbook.xml",
        "the scoped name left on its old index",
        (x) => x.replace(/localSheetId="2"( name="SoloDati")/, 'localSheetId="1"$1'),
      ],
      [
        "xl/_rels/workbook.xml.rels",
        "the persons relationship dropped",
        (x) => x.replace(/<Relationship Id="rIdPs1"[^>]*\/>/, ""),
      ],
      ["xl/_rels/workbook.xml.rels", "a relationship id given twice", (x) => x.replace(/Id="rIdCx1"/, 'Id="rIdPs1"')],
      [
        "[Content_Types].xml",
        "the custom XML properties' type dropped",
        (x) => x.replace(/<Override PartName="\/customXml\/itemProps1\.xml"[^>]*\/>/, ""),
      ],
      [
        "xl/worksheets/sheet1.xml",
        "a shared formula's follower dropped",
        (x) => x.replace(/<c r="P13"><f t="shared" si="0"\/><\/c>/, ""),
      ],
      [
        "xl/worksheets/sheet1.xml",
        "the sparklines' extension dropped",
        (x) => x.replace(/<ext uri="\{05C60535-1F16-4fd2-B633-F4F36F0B64E0\}".*?<\/ext>/s, ""),
      ],
      [
        "xl/worksheets/sheet1.xml",
        "the inline string made shared",
        (x) => x.replace(/<c r="Q12" t="inlineStr">.*?<\/c>/, '<c r="Q12" t="s"><v>0</v></c>'),
      ],
    ];
    for (const [parte, guasto, cambia] of guasti) {
      const zip = await JSZip.loadAsync(e.dopo);
      const xml = await zip.file(parte)!.async("string");
      expect({ guasto, cambiato: cambia(xml) !== xml }).toEqual({ guasto, cambiato: true });
      zip.file(parte, cambia(xml));
      const rotto: Esito = { ...e, dopo: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }) };
      await expect(verificaSenzaPerdite(rotto, LINEE)).rejects.toThrow();
    }
  }, 120_000);
});

/** Transitional → Strict namespaces (ECMA-376 Part 1, Strict conformance), as Excel's Strict writer maps them. */
const STRICT: [string, string][] = [
  ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"],
  [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
  ],
  ["http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"],
  ["http://schemas.openxmlformats.org/drawingml/2006/chart", "http://purl.oclc.org/ooxml/drawingml/chart"],
  [
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
  ],
  [
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
  ],
];

/** A real writer's workbook with its namespaces rewritten (all of them, or only SpreadsheetML's main one). */
async function comeStrict(file: string, tutti: boolean): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  for (const nome of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    let xml = await zip.file(nome)!.async("string");
    for (const [transitional, strict] of tutti ? STRICT : STRICT.slice(0, 1))
      xml = xml.split(transitional).join(strict);
    if (nome === "xl/workbook.xml") xml = xml.replace(/<workbook\b/, '<workbook conformance="strict"');
    zip.file(nome, xml);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function cli(file: string): Promise<{ codice: number; err: string }> {
  const err: string[] = [];
  const codice = await main(["ricalcola", file, "--out", file.replace(/\.xlsx$/, "-out.xlsx")], {
    out: () => undefined,
    err: (t) => err.push(t),
  });
  return { codice, err: err.join("\n") };
}

describe("files from real writers the access refuses with an Italian message", () => {
  it.each([
    ["every namespace Strict (as Excel saves «Strict Open XML»)", true],
    ["only SpreadsheetML's main namespace Strict", false],
  ])(
    "a Strict OOXML workbook: %s",
    async (_, tutti) => {
      const file = join(tmp, `strict-${tutti ? "tutti" : "main"}.xlsx`);
      execFileSync(PYTHON, [resolve(__dirname, "fixture_openpyxl.py"), SAMPLE, tmp]);
      writeFileSync(file, await comeStrict(join(tmp, "openpyxl.xlsx"), tutti));
      await expect(apriCartella(readFileSync(file), file)).rejects.toThrow(MESSAGGI_XLSX.strict(file));
      const r = await cli(file);
      expect(r.codice).toBe(2);
      expect(r.err).toContain(MESSAGGI_XLSX.strict(file));
    },
    60_000
  );

  it("an encrypted workbook (an OLE compound file, as Excel saves one with a password)", async () => {
    const file = join(tmp, "protetto.xlsx");
    writeFileSync(file, protettoDaPassword());
    await expect(apriCartella(readFileSync(file), file)).rejects.toThrow(MESSAGGI_XLSX.protettoOXls(file));
    const r = await cli(file);
    expect(r.codice).toBe(2);
    expect(r.err).toContain(MESSAGGI_XLSX.protettoOXls(file));
  });
});
