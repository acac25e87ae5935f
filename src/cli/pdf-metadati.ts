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
import { scriviParte, testoParte } from "./testo-zip";
import {
  cellaA1,
  FOGLIO_DOSSIER,
  FOGLIO_INDICE,
  foglioProprio,
  isTitoloDossier,
  isTitoloIndice,
} from "../layout/fogli-barometro";
import { SheetGrid } from "../layout/griglia";
import { apriCartella } from "../xlsx";

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
 * word «Indice»: "Stato di attuazione degli Obiettivi 2024") or the dossier's; else the file's name.
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
  const core = await testoParte(zip, "docProps/core.xml");
  const proprio = core === null ? "" : titoloDiCore(core);
  if (proprio !== "") {
    await writeFile(file, dati);
    return { file, titolo: proprio };
  }
  const titolo =
    (await titoloDiBarometro(dati, xlsx)) ??
    basename(xlsx)
      .replace(/\.xlsx$/i, "")
      .replace(/\.stampa$/i, "");
  if (core !== null) scriviParte(zip, "docProps/core.xml", conTitolo(core, titolo));
  else await aggiungiCore(zip, titolo);
  await writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return { file, titolo };
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
  scriviParte(
    zip,
    "docProps/core.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="${NS_DC}"><dc:title>${codifica(titolo)}</dc:title></cp:coreProperties>`
  );
  const tipi = await testoParte(zip, "[Content_Types].xml");
  if (tipi !== null && !tipi.includes('PartName="/docProps/core.xml"'))
    scriviParte(
      zip,
      "[Content_Types].xml",
      tipi.replace("</Types>", `<Override PartName="/docProps/core.xml" ContentType="${TIPO_CORE}"/></Types>`)
    );
  const rels = await testoParte(zip, "_rels/.rels");
  if (rels !== null && !rels.includes(REL_CORE))
    scriviParte(
      zip,
      "_rels/.rels",
      rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdBarometroCore" Type="${REL_CORE}" Target="docProps/core.xml"/></Relationships>`
      )
    );
}

/**
 * The title of a sheet Barometro wrote, read through the file access: the Indice's A1 without the
 * word «Indice» and its dash («Stato di attuazione degli Obiettivi 2024»), else the dossier's A1
 * (its PDF lists the dossier alone); null when there is neither.
 */
async function titoloDiBarometro(dati: Buffer, nome: string): Promise<string | null> {
  let fogli: SheetGrid[];
  try {
    fogli = (await (await apriCartella(dati, nome)).leggi()).fogli;
  } catch {
    return null;
  }
  const a1 = (foglio: string) => {
    const g = foglioProprio(fogli, foglio).esistente;
    return g ? cellaA1(g) : null;
  };
  const indice = a1(FOGLIO_INDICE);
  if (isTitoloIndice(indice)) return (indice as string).replace(/^Indice\s*[—–-]\s*/, "").trim() || null;
  const dossier = a1(FOGLIO_DOSSIER);
  return isTitoloDossier(dossier) ? (dossier as string).trim() : null;
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
