/**
 * Parts no writer on this machine makes, added to a LibreOffice workbook as Excel (Microsoft 365)
 * writes them: a threaded comment with a reply on the line sheet and the persons part, a custom
 * XML item with its properties part (as SharePoint and Excel store document metadata), shared
 * formulas, an inline string, an x14 list validation and a sparkline group in the line sheet itself. Small XML templates, no binaries.
 */
import JSZip from "jszip";

const TIPI_RELAZIONE = {
  threadedComment: "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
  person: "http://schemas.microsoft.com/office/2017/10/relationships/person",
  customXml: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
  customXmlProps: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps",
} as const;

const PERSONA = "{3F2A9C1E-7B4D-4E8A-9C6F-1D2E3A4B5C6D}";

export const THREADED =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<threadedComment ref="A2" dT="2025-01-20T09:15:42.17" personId="${PERSONA}" id="{0A1B2C3D-0001-4E5F-8A9B-0C1D2E3F4A5B}"><text>Da verificare con il Settore</text></threadedComment>` +
  `<threadedComment ref="A2" dT="2025-01-21T11:02:05.03" personId="${PERSONA}" id="{0A1B2C3D-0002-4E5F-8A9B-0C1D2E3F4A5B}" parentId="{0A1B2C3D-0001-4E5F-8A9B-0C1D2E3F4A5B}"><text>Verificato: confermato</text></threadedComment>` +
  "</ThreadedComments>";

export const PERSONE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<person displayName="Ufficio controllo" id="${PERSONA}" userId="controllo@comune.example" providerId="AD"/></personList>`;

const ITEM =
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n' +
  '<p:properties xmlns:p="http://schemas.microsoft.com/office/2006/metadata/properties" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  "<documentManagement><Protocollo>PG-2025-0001234</Protocollo></documentManagement></p:properties>";

const ITEM_PROPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n' +
  '<ds:datastoreItem ds:itemID="{6E4B2D1A-9C8F-4A3B-B2E1-7D6C5B4A3F2E}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">' +
  '<ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.microsoft.com/office/2006/metadata/properties"/></ds:schemaRefs></ds:datastoreItem>';

const relazioni = (voci: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${voci}</Relationships>`;

const X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"';
const XM = 'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"';

export const ESTENSIONI =
  "<extLst>" +
  `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" ${X14}><x14:dataValidations count="1" ${XM}>` +
  '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">' +
  "<x14:formula1><xm:f>'Dati utente'!$A$2:$A$8</xm:f></x14:formula1><xm:sqref>O12:O19</xm:sqref>" +
  "</x14:dataValidation></x14:dataValidations></ext>" +
  `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" ${X14}><x14:sparklineGroups ${XM}>` +
  '<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/>' +
  '<x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/>' +
  '<x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/>' +
  "<x14:sparklines><x14:sparkline><xm:f>'Obiettivi 2024'!H12:I12</xm:f><xm:sqref>R12</xm:sqref></x14:sparkline>" +
  "</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>" +
  "</extLst>";

/** Rows of the line sheet that get a shared formula in column P and (the first) an inline string in Q. */
export const RIGHE_CONDIVISE = [12, 13, 14, 15, 16, 17, 18, 19];

/** The workbook with Excel's parts added; `foglio` is the line sheet's part (e.g. xl/worksheets/sheet1.xml). */
export async function conPartiExcel(dati: Buffer, foglio: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(dati);
  // Excel writes no folder entries.
  const file = (nome: string, testo: string) => zip.file(nome, testo, { createFolders: false });
  const testo = async (nome: string) => (await zip.file(nome)!.async("string")).replace(/<\/Relationships>\s*$/, "");
  const aggiungiRelazione = async (rels: string, voce: string) =>
    file(rels, zip.file(rels) ? `${await testo(rels)}${voce}</Relationships>` : relazioni(voce));

  // Threaded comments on the line sheet (its legacy comment at A2 stays, as Excel keeps both).
  file("xl/threadedComments/threadedComment1.xml", THREADED);
  const relsFoglio = foglio.replace(/([^/]+)$/, "_rels/$1.rels");
  await aggiungiRelazione(
    relsFoglio,
    `<Relationship Id="rIdTc1" Type="${TIPI_RELAZIONE.threadedComment}" Target="../threadedComments/threadedComment1.xml"/>`
  );
  file("xl/persons/person.xml", PERSONE);
  await aggiungiRelazione(
    "xl/_rels/workbook.xml.rels",
    `<Relationship Id="rIdPs1" Type="${TIPI_RELAZIONE.person}" Target="persons/person.xml"/>` +
      `<Relationship Id="rIdCx1" Type="${TIPI_RELAZIONE.customXml}" Target="../customXml/item1.xml"/>`
  );
  // Custom XML: the item, its properties part and the item's relationship to them.
  file("customXml/item1.xml", ITEM);
  file("customXml/itemProps1.xml", ITEM_PROPS);
  file(
    "customXml/_rels/item1.xml.rels",
    relazioni(`<Relationship Id="rId1" Type="${TIPI_RELAZIONE.customXmlProps}" Target="itemProps1.xml"/>`)
  );
  const tipi = await zip.file("[Content_Types].xml")!.async("string");
  file(
    "[Content_Types].xml",
    tipi.replace(
      "</Types>",
      '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>' +
        '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>' +
        '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>' +
        "</Types>"
    )
  );

  // Shared formulas (P12:P19 = 2 × Peso) and an inline string (Q12), as Excel writes them.
  let xml = await zip.file(foglio)!.async("string");
  for (const r of RIGHE_CONDIVISE) {
    const primo = r === RIGHE_CONDIVISE[0];
    const ultimo = RIGHE_CONDIVISE[RIGHE_CONDIVISE.length - 1];
    const celle =
      (primo
        ? `<c r="P${r}"><f t="shared" ref="P${r}:P${ultimo}" si="0">L${r}*2</f></c>`
        : `<c r="P${r}"><f t="shared" si="0"/></c>`) +
      (primo ? `<c r="Q${r}" t="inlineStr"><is><t>Nota inline dell'utente</t></is></c>` : "");
    const prima = xml;
    xml = xml.replace(new RegExp(`(<row r="${r}"[^>]*>(?:(?!</row>).)*)</row>`, "s"), `$1${celle}</row>`);
    if (xml === prima) throw new Error(`riga ${r} non trovata in ${foglio}`);
  }
  // The sheet's extensions Excel writes: a list validation pointing at another sheet (x14) and a
  // sparkline group; they stay in extLst beside any of Barometro's x14 rules.
  xml = xml.replace(/<\/([\w.-]+:)?worksheet>\s*$/, (fine) => ESTENSIONI + fine);
  file(foglio, xml.replace(/<dimension ref="A1:N(\d+)"/, '<dimension ref="A1:R$1"'));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
