import { readFileSync, writeFileSync } from "fs";
import JSZip from "jszip";

/**
 * A copy of an .xlsx with an add-in saved in it, as Excel stores one: the task pane part, the web
 * extension part with the document settings (values as JSON, in XML attributes), their content
 * types and the package relationship to the task panes.
 */
export async function conComponente(
  file: string,
  out: string,
  impostazioni: Record<string, unknown>,
  { idRelazione = "rId4" } = {}
): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  await registra(
    zip,
    [
      ["xl/webextensions/taskpanes.xml", "application/vnd.ms-office.webextensiontaskpanes+xml"],
      ["xl/webextensions/webextension1.xml", "application/vnd.ms-office.webextension+xml"],
    ],
    { id: idRelazione, tipo: TIPO_RIQUADRI, destinazione: "xl/webextensions/taskpanes.xml" }
  );
  const opzioni = { createFolders: false };
  zip.file("xl/webextensions/taskpanes.xml", RIQUADRI, opzioni);
  zip.file("xl/webextensions/_rels/taskpanes.xml.rels", RELAZIONI_RIQUADRI, opzioni);
  zip.file("xl/webextensions/webextension1.xml", estensione(impostazioni), opzioni);
  writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

export const TIPO_RIQUADRI = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes";

const RIQUADRI =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">' +
  '<wetp:taskpane dockstate="right" visibility="0" width="350" row="4">' +
  '<wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>' +
  "</wetp:taskpane></wetp:taskpanes>";

const RELAZIONI_RIQUADRI =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/>' +
  "</Relationships>";

function estensione(impostazioni: Record<string, unknown>): string {
  const proprieta = Object.entries(impostazioni)
    .map(([nome, valore]) => `<we:property name="${xml(nome)}" value="${xml(JSON.stringify(valore))}"/>`)
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{5A1C6F0B-3E2D-4C8A-9B7F-0D4E2A6C8B10}">' +
    '<we:reference id="0f6c4a2e-8d1b-4b7e-9c3a-5e2f1d8a7b64" version="1.0.0.0" store="developer" storeType="Registry"/>' +
    `<we:alternateReferences/><we:properties>${proprieta}</we:properties><we:bindings/>` +
    '<we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>'
  );
}

const xml = (testo: string) =>
  testo.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The add-in parts of an .xlsx and its custom properties, by name, as text; with [Content_Types].xml and _rels/.rels. */
export async function partiComponente(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const nomi = Object.keys(zip.files).filter(
    (n) =>
      (n.startsWith("xl/webextensions/") && !zip.files[n].dir) ||
      ["docProps/custom.xml", "[Content_Types].xml", "_rels/.rels"].includes(n)
  );
  return new Map(await Promise.all(nomi.map(async (n) => [n, await zip.file(n)!.async("string")] as const)));
}

/** A copy of an .xlsx with custom document properties (docProps/custom.xml), as Excel and SharePoint store them. */
export async function conProprieta(file: string, out: string, proprieta: Record<string, string>): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  await registra(
    zip,
    [["docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"]],
    {
      id: "rId9",
      tipo: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
      destinazione: "docProps/custom.xml",
    }
  );
  const voci = Object.entries(proprieta)
    .map(
      ([nome, valore], i) =>
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${xml(nome)}"><vt:lpwstr>${xml(valore)}</vt:lpwstr></property>`
    )
    .join("");
  zip.file(
    "docProps/custom.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      `${voci}</Properties>`,
    { createFolders: false }
  );
  writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** Parts made known to the package: their content types, and a package relationship to one of them. */
async function registra(
  zip: JSZip,
  tipi: [string, string][],
  relazione: { id: string; tipo: string; destinazione: string }
): Promise<void> {
  const xmlTipi = await zip.file("[Content_Types].xml")!.async("string");
  const override = tipi.map(([parte, tipo]) => `<Override PartName="/${parte}" ContentType="${tipo}"/>`).join("");
  zip.file("[Content_Types].xml", xmlTipi.replace("</Types>", `${override}</Types>`));
  const relazioni = await zip.file("_rels/.rels")!.async("string");
  const { id, tipo, destinazione } = relazione;
  zip.file(
    "_rels/.rels",
    relazioni.replace(
      "</Relationships>",
      `<Relationship Id="${id}" Type="${tipo}" Target="${destinazione}"/></Relationships>`
    )
  );
}
