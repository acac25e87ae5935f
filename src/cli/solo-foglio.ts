import JSZip from "jszip";
import { scriviParte, testoParte } from "./testo-zip";

const CARTELLA_DI_LAVORO = "xl/workbook.xml";

/**
 * The bytes of an .xlsx that holds, for printing, only `foglio`: the other sheets taken out of the
 * workbook's list of sheets (xl/workbook.xml; their parts stay in the package, unreferenced), the
 * names local to them dropped, `foglio` the active tab. A step on the written file, before printing
 * it: the PDF of one sheet from the very workbook the use case wrote, without writing that sheet a
 * second way. Hiding the other sheets is not enough: LibreOffice's PDF export prints hidden sheets.
 * The sheet's own part (cells, styles, page setup, breaks) is untouched. For a sheet of plain values
 * (Barometro's own): formulas referring to the other sheets would lose them.
 * Throws when the package has no workbook part or no sheet of that name.
 */
export async function soloIlFoglio(dati: Uint8Array, foglio: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(dati);
  const xml = await testoParte(zip, CARTELLA_DI_LAVORO);
  if (xml === null) throw new Error(`${CARTELLA_DI_LAVORO} mancante`);
  let indice = -1;
  let n = 0;
  const fogli = xml.replace(/<sheet\b[^>]*?\/>/g, (sheet) => {
    const questo = n++;
    if (indice >= 0 || nomeDi(sheet) !== foglio) return "";
    indice = questo;
    return sheet.replace(/\s+state="[^"]*"/, "");
  });
  if (indice < 0) throw new Error(`foglio «${foglio}» non trovato`);
  const nomi = fogli
    // Names local to a sheet count it by position: the kept sheet's are now the first's, the others' go.
    .replace(/<definedName\b([^>]*)>[\s\S]*?<\/definedName>/g, (nome, attributi: string) => {
      const locale = /\slocalSheetId="(\d+)"/.exec(attributi)?.[1];
      if (locale === undefined || Number(locale) !== indice) return "";
      return nome.replace(/\slocalSheetId="\d+"/, ' localSheetId="0"');
    })
    .replace(/<definedNames>\s*<\/definedNames>|<definedNames\/>/g, "");
  const vista = nomi.replace(/<workbookView\b[^>]*?\/?>/g, (v) => v.replace(/\s+(activeTab|firstSheet)="[^"]*"/g, ""));
  scriviParte(zip, CARTELLA_DI_LAVORO, vista);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A `<sheet>` element's name, its XML entities decoded. */
function nomeDi(sheet: string): string | null {
  const valore = /\sname="([^"]*)"/.exec(sheet)?.[1];
  if (valore === undefined) return null;
  return valore.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const nominate: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (e[0] !== "#") return nominate[e.toLowerCase()];
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}
