/**
 * The published annex as an accessible, archivable PDF: tagged, declaring PDF/UA-1 and PDF/A-2,
 * with a title and the language it-IT (read back with pdfinfo from poppler-utils). What the
 * declarations are worth is for a validator to say (veraPDF, PAC): see the README.
 */
import { execFileSync } from "child_process";
import { CAMPIONE } from "../support/campione";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { conTitolo, copiaConTitolo, titoloDiCore } from "../../src/cli/pdf-metadati";

jest.setTimeout(180_000);

const tmp = mkdtempSync(join(tmpdir(), "barometro-pdf-accessibile-"));

async function esegui(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function core(file: string): Promise<string> {
  return (await (await JSZip.loadAsync(readFileSync(file))).file("docProps/core.xml")!.async("string")) ?? "";
}

/** pdfinfo's "Key: value" lines as a map. */
function info(pdf: string): Map<string, string> {
  const righe = execFileSync("pdfinfo", [pdf], { encoding: "utf8" }).split("\n");
  return new Map(
    righe.filter((r) => r.includes(":")).map((r) => [r.slice(0, r.indexOf(":")), r.slice(r.indexOf(":") + 1).trim()])
  );
}

/** The document catalog's dictionary, as written (LibreOffice writes it uncompressed). */
function catalogo(pdf: string): string {
  const testo = readFileSync(pdf).toString("latin1");
  const oggetti = testo.split(/\bendobj\b/);
  const trovato = oggetti.find((o) => /\/Type\s*\/Catalog\b/.test(o));
  if (!trovato) throw new Error("catalogo non trovato");
  return trovato;
}

describe("the document title the PDF takes (docProps/core.xml)", () => {
  const CORE_VUOTO =
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Barometro</dc:creator><dc:title></dc:title></cp:coreProperties>';

  it("fills an empty or missing dc:title, escaping the text, and reads it back", () => {
    const scritto = conTitolo(CORE_VUOTO, "Obiettivi A&B <2024>");
    expect(scritto).toContain("<dc:title>Obiettivi A&amp;B &lt;2024&gt;</dc:title>");
    expect(titoloDiCore(scritto)).toBe("Obiettivi A&B <2024>");
    const senza = CORE_VUOTO.replace("<dc:title></dc:title>", "");
    expect(titoloDiCore(conTitolo(senza, "Titolo"))).toBe("Titolo");
    expect(titoloDiCore(conTitolo(CORE_VUOTO.replace("<dc:title></dc:title>", "<dc:title/>"), "T"))).toBe("T");
  });

  it("takes the Indice's title for a printed workbook, leaving the user's file as it was", async () => {
    const out = join(tmp, "indice.stampa.xlsx");
    expect((await esegui(["stampa", CAMPIONE, "--out", out])).code).toBe(0);
    const prima = readFileSync(out);
    const { file, titolo } = await copiaConTitolo(out, mkdtempSync(join(tmp, "copia-")));
    expect(titolo).toBe("Stato di attuazione degli Obiettivi 2024");
    expect(titoloDiCore(await core(file))).toBe(titolo);
    expect(readFileSync(out).equals(prima)).toBe(true);
    // The copy is the same workbook: every sheet still there.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toContain("Indice");
  });

  it("keeps a title the workbook already has", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    wb.title = "Relazione sulla Performance 2024 — Comune di Cremona";
    const proprio = join(tmp, "con-titolo.xlsx");
    await wb.xlsx.writeFile(proprio);
    const { file, titolo } = await copiaConTitolo(proprio, mkdtempSync(join(tmp, "copia-")));
    expect(titolo).toBe("Relazione sulla Performance 2024 — Comune di Cremona");
    expect(readFileSync(file).equals(readFileSync(proprio))).toBe(true);
  });

  it("falls back on the file's name where there is no Indice", async () => {
    const nome = join(tmp, "Settore Cultura.xlsx");
    copyFileSync(CAMPIONE, nome);
    const { file, titolo } = await copiaConTitolo(nome, mkdtempSync(join(tmp, "copia-")));
    expect(titolo).toBe("Settore Cultura");
    expect(titoloDiCore(await core(file))).toBe("Settore Cultura");
  });

  it("adds core properties to a package without them", async () => {
    const zip = await JSZip.loadAsync(readFileSync(CAMPIONE));
    zip.remove("docProps/core.xml");
    const senza = join(tmp, "senza-core.xlsx");
    writeFileSync(senza, await zip.generateAsync({ type: "nodebuffer" }));
    const { file } = await copiaConTitolo(senza, mkdtempSync(join(tmp, "copia-")));
    const copia = await JSZip.loadAsync(readFileSync(file));
    expect(await copia.file("[Content_Types].xml")!.async("string")).toContain('PartName="/docProps/core.xml"');
    expect(await copia.file("_rels/.rels")!.async("string")).toContain('Target="docProps/core.xml"');
    expect(titoloDiCore(await core(file))).toBe("senza-core");
  });
});

describe("barometro stampa --pdf: a tagged PDF declaring PDF/UA-1 and PDF/A-2", () => {
  const pdf = join(tmp, "allegato.pdf");

  beforeAll(async () => {
    for (const programma of ["soffice", "pdfinfo"]) {
      try {
        execFileSync("sh", ["-c", `command -v ${programma}`]);
      } catch {
        throw new Error(
          `${programma} non trovato: installare libreoffice-calc e poppler-utils (apt-get install -y libreoffice-calc poppler-utils).`
        );
      }
    }
    const r = await esegui(["stampa", CAMPIONE, "--out", join(tmp, "allegato.xlsx"), "--pdf", pdf]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });

  it("is tagged, with the Indice's title", () => {
    const i = info(pdf);
    expect(i.get("Tagged")).toBe("yes");
    expect(i.get("Title")).toBe("Stato di attuazione degli Obiettivi 2024");
  });

  it("declares PDF/A-2b and PDF/UA-1 in its XMP metadata, with the title", () => {
    const xmp = execFileSync("pdfinfo", ["-meta", pdf], { encoding: "utf8" });
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(xmp).toMatch(
      /<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">Stato di attuazione degli Obiettivi 2024<\/rdf:li>/
    );
  });

  it("says it is in Italian and shows its title in the viewer's title bar", () => {
    const c = catalogo(pdf);
    expect(c).toMatch(/\/Lang\s*\(it-IT\)/);
    expect(c).toMatch(/\/MarkInfo\s*<<\s*\/Marked\s+true/);
    expect(c).toMatch(/\/DisplayDocTitle\s+true/);
  });

  it("carries no comment annotations: the staff's cell notes stay in the workbook, not on the published page", () => {
    // The sample has a note (xl/comments1.xml); a tagged export would put it on the page as an
    // annotation icon over the cells, untagged, unless ExportNotes is off.
    expect(readFileSync(pdf).toString("latin1")).not.toMatch(/\/Subtype\s*\/Text\b/);
    expect(readFileSync(pdf).toString("latin1")).not.toMatch(/\/Annots\b/);
  });

  it("has a structure tree of tagged paragraphs: the page footers and the cells of several lines", () => {
    // LibreOffice 7.4 tags only these (a cell whose text fits on one line is left untagged, as
    // the README says): what a screen reader finds in the structure today.
    const struttura = execFileSync("pdfinfo", ["-struct-text", pdf], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    expect(struttura).toContain('"Relazione sulla Performance 2024 — pag. 1 di 21"');
    expect(struttura).toContain("Conclusione delle attività per la Variante generale al PGT");
  });
});
