/** A minimal .xlsx written by hand (no library's writer): the parts the tests need, nothing else. */
import JSZip from "jszip";

export const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export const STILI_MINIMI =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>' +
  '<xf numFmtId="10" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"><alignment horizontal="center"/></xf>' +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

export interface ParteFoglio {
  nome: string;
  xml: string;
}

/** The package: sheets (their whole XML), shared strings' <si> elements, extra parts. */
export async function pacchettoMinimo(
  fogli: ParteFoglio[],
  stringhe: string[] = [],
  opzioni: { stili?: string; nomi?: string; extra?: Record<string, string>; workbookNs?: string } = {}
): Promise<Buffer> {
  const zip = new JSZip();
  // Bytes, encoded by Node: JSZip encodes a string 16K characters at a time and breaks a surrogate
  // pair that straddles two (jszip 3.10).
  const file = (nome: string, testo: string) => zip.file(nome, Buffer.from(testo, "utf8"));
  const tipi =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    fogli
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
      )
      .join("") +
    "</Types>";
  file("[Content_Types].xml", tipi);
  file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  );
  file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${opzioni.workbookNs ?? NS}" xmlns:r="${NS_R}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
      fogli.map((f, i) => `<sheet name="${f.nome}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      `</sheets>${opzioni.nomi ?? ""}<calcPr calcId="191029"/></workbook>`
  );
  file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      fogli
        .map(
          (_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
        )
        .join("") +
      `<Relationship Id="rIdS" Type="${NS_R}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rIdT" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/>` +
      "</Relationships>"
  );
  file("xl/styles.xml", opzioni.stili ?? STILI_MINIMI);
  file(
    "xl/sharedStrings.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${stringhe.length}" uniqueCount="${stringhe.length}">${stringhe.join("")}</sst>`
  );
  fogli.forEach((f, i) => file(`xl/worksheets/sheet${i + 1}.xml`, f.xml));
  for (const [nome, testo] of Object.entries(opzioni.extra ?? {})) file(nome, testo);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A worksheet part around these rows' XML (and what follows sheetData). */
export function foglioXml(righe: string, dopo = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${NS_R}"><dimension ref="A1"/><sheetData>${righe}</sheetData>${dopo}</worksheet>`;
}
