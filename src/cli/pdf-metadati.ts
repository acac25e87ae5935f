/**
 * What the published annex declares about itself, prepared for LibreOffice's PDF export: the
 * document title (PDF/UA-1 requires one, shown in the viewer's title bar) and the language it-IT.
 *
 * LibreOffice takes the PDF's /Title (and the XMP dc:title) from the document's title property,
 * which for an .xlsx is docProps/core.xml's dc:title; and the catalog's /Lang from its locale
 * setting. The title is written into a copy of the file made for the conversion only: the .xlsx
 * handed to the user is not touched.
 */
import { mkdirSync, writeFileSync } from "fs";
import { readFile, writeFile } from "fs/promises";
import { basename, join } from "path";
import JSZip from "jszip";
import { FOGLIO_INDICE, isTitoloIndice } from "../layout/fogli-barometro";
import { attributo, perElemento } from "./xml";

/** The language the annex declares (PDF catalog /Lang). */
export const LINGUA_PDF = "it-IT";

/**
 * The PDF export's options (calc_pdf_Export, as JSON after the filter name, LibreOffice 7.4 on):
 * tagged PDF, PDF/A-2 (SelectPdfVersion 2 = PDF/A-2b), PDF/UA-1 (PDFUACompliance, which also
 * writes the title in the viewer's title bar: DisplayDocTitle). No notes: with tags on, LibreOffice
 * would put each cell note of the staff's sheet on the page as an annotation icon over the cells.
 */
export const OPZIONI_PDF = {
  UseTaggedPDF: { type: "boolean", value: "true" },
  SelectPdfVersion: { type: "long", value: "2" },
  PDFUACompliance: { type: "boolean", value: "true" },
  ExportNotes: { type: "boolean", value: "false" },
};

/** The --convert-to argument: format, filter and its options. */
export const CONVERTI_IN_PDF = `pdf:calc_pdf_Export:${JSON.stringify(OPZIONI_PDF)}`;

const NS_DC = "http://purl.org/dc/elements/1.1/";
const NS_RELAZIONI_DOCUMENTO = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const TIPO_CORE = "application/vnd.openxmlformats-package.core-properties+xml";
const REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";

/**
 * A LibreOffice user profile whose locale is it-IT (Tools ▸ Options ▸ Languages): the PDF's /Lang
 * follows it, on any machine (the LC_ALL the conversion also sets has no effect on Windows).
 */
export function profiloItaliano(cartella: string): void {
  mkdirSync(join(cartella, "user"), { recursive: true });
  writeFileSync(
    join(cartella, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${LINGUA_PDF}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse"><value>${LINGUA_PDF}</value></prop></item>
</oor:items>
`
  );
}

/**
 * Copies `xlsx` into `cartella` (same name) with a document title, and returns the copy's path and
 * the title. The title is the workbook's own when it has one; else the Indice's (A1 without the
 * word «Indice»: "Stato di attuazione degli Obiettivi 2024"); else the file's name.
 */
export async function copiaConTitolo(xlsx: string, cartella: string): Promise<{ file: string; titolo: string }> {
  const file = join(cartella, basename(xlsx));
  const dati = await readFile(xlsx);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(dati);
  } catch {
    // Not a zip: LibreOffice will say what it makes of it.
    await writeFile(file, dati);
    return { file, titolo: "" };
  }
  const core = await testo(zip, "docProps/core.xml");
  const proprio = core === null ? "" : titoloDiCore(core);
  if (proprio !== "") {
    await writeFile(file, dati);
    return { file, titolo: proprio };
  }
  const titolo =
    (await titoloDellIndice(zip)) ??
    basename(xlsx)
      .replace(/\.xlsx$/i, "")
      .replace(/\.stampa$/i, "");
  if (core !== null) zip.file("docProps/core.xml", conTitolo(core, titolo));
  else await aggiungiCore(zip, titolo);
  await writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return { file, titolo };
}

async function testo(zip: JSZip, percorso: string): Promise<string | null> {
  return (await zip.file(percorso)?.async("string")) ?? null;
}

/** The prefix core.xml binds to Dublin Core ("dc" as written by Excel and ExcelJS). */
function prefissoDc(core: string): string | null {
  return /xmlns:([\w.-]+)\s*=\s*["']http:\/\/purl\.org\/dc\/elements\/1\.1\/["']/.exec(core)?.[1] ?? null;
}

/** dc:title of core.xml, trimmed ("" when absent or empty). */
export function titoloDiCore(core: string): string {
  const p = prefissoDc(core);
  if (!p) return "";
  const m = new RegExp(`<${p}:title\\b[^>]*>([\\s\\S]*?)</${p}:title>`).exec(core);
  return m ? decodifica(m[1]).trim() : "";
}

/** core.xml with dc:title set to `titolo` (an empty or self-closed one replaced, else added). */
export function conTitolo(core: string, titolo: string): string {
  const elemento = (p: string) => `<${p}:title>${codifica(titolo)}</${p}:title>`;
  const p = prefissoDc(core);
  if (p) {
    const esistente = new RegExp(`<${p}:title\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}:title>)`);
    if (esistente.test(core)) return core.replace(esistente, () => elemento(p));
    return core.replace(/<\/([\w.-]+:)?coreProperties>/, (chiusura) => elemento(p) + chiusura);
  }
  return core
    .replace(/<([\w.-]+:)?coreProperties\b/, (apertura) => `${apertura} xmlns:dc="${NS_DC}"`)
    .replace(/<\/([\w.-]+:)?coreProperties>/, (chiusura) => elemento("dc") + chiusura);
}

/** A package without core properties (rare: Excel and ExcelJS always write them) gets them. */
async function aggiungiCore(zip: JSZip, titolo: string): Promise<void> {
  zip.file(
    "docProps/core.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="${NS_DC}"><dc:title>${codifica(titolo)}</dc:title></cp:coreProperties>`
  );
  const tipi = await testo(zip, "[Content_Types].xml");
  if (tipi !== null && !tipi.includes('PartName="/docProps/core.xml"'))
    zip.file(
      "[Content_Types].xml",
      tipi.replace("</Types>", `<Override PartName="/docProps/core.xml" ContentType="${TIPO_CORE}"/></Types>`)
    );
  const rels = await testo(zip, "_rels/.rels");
  if (rels !== null && !rels.includes(REL_CORE))
    zip.file(
      "_rels/.rels",
      rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdBarometroCore" Type="${REL_CORE}" Target="docProps/core.xml"/></Relationships>`
      )
    );
}

/** The title of the Indice Barometro wrote, without the word «Indice» and its dash; null if none. */
async function titoloDellIndice(zip: JSZip): Promise<string | null> {
  const workbook = await testo(zip, "xl/workbook.xml");
  const rels = await testo(zip, "xl/_rels/workbook.xml.rels");
  if (workbook === null || rels === null) return null;
  let id: string | undefined;
  perElemento(workbook, (tag) => {
    if (tag.local === "sheet" && attributo(tag, "name")?.toLowerCase() === FOGLIO_INDICE.toLowerCase())
      id ??= attributo(tag, "id", NS_RELAZIONI_DOCUMENTO);
  });
  let destinazione: string | undefined;
  perElemento(rels, (tag) => {
    if (tag.local === "Relationship" && attributo(tag, "Id") === id) destinazione = attributo(tag, "Target");
  });
  if (!id || !destinazione) return null;
  const percorso = destinazione.startsWith("/") ? destinazione.slice(1) : `xl/${destinazione}`;
  const foglio = await testo(zip, percorso);
  const a1 = foglio === null ? null : await valoreA1(zip, foglio);
  if (a1 === null || !isTitoloIndice(a1)) return null;
  const titolo = a1.replace(/^Indice\s*[—–-]\s*/, "").trim();
  return titolo === "" ? null : titolo;
}

/** The text of cell A1 in a sheet's XML (a shared, inline or plain string), or null. */
async function valoreA1(zip: JSZip, foglio: string): Promise<string | null> {
  const cella = /<(?:[\w.-]+:)?c\b([^>]*\br="A1"[^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?c>/.exec(foglio);
  if (!cella) return null;
  const tipo = /\bt="([^"]*)"/.exec(cella[1])?.[1];
  const interno = cella[2];
  if (tipo === "inlineStr") return testiT(interno);
  const v = /<(?:[\w.-]+:)?v>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(interno)?.[1];
  if (v === undefined) return null;
  if (tipo === "str") return decodifica(v);
  if (tipo !== "s") return null;
  const condivise = await testo(zip, "xl/sharedStrings.xml");
  if (condivise === null) return null;
  const voci = [...condivise.matchAll(/<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g)];
  const voce = voci[Number(v)];
  return voce ? testiT(voce[1] ?? "") : null;
}

/** The <t> texts of a string item or inline string, joined (rich text runs), phonetic runs left out. */
function testiT(xml: string): string {
  const senzaFonetica = xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "");
  return [...senzaFonetica.matchAll(/<(?:[\w.-]+:)?t\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)]
    .map((m) => decodifica(m[1]))
    .join("");
}

function decodifica(xml: string): string {
  return xml.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const nomi: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (e[0] !== "#") return nomi[e.toLowerCase()];
    return String.fromCodePoint(e[1].toLowerCase() === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

function codifica(testo: string): string {
  return testo.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
