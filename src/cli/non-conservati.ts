import { readFile } from "fs/promises";
import JSZip from "jszip";

/** Parts of an .xlsx that ExcelJS drops when it writes the file again, by the zip entry that holds them. */
const PARTI: { prefisso: string; nome: string }[] = [
  { prefisso: "xl/charts/", nome: "grafici" },
  { prefisso: "xl/pivotTables/", nome: "tabelle pivot" },
  { prefisso: "xl/slicers/", nome: "filtri dei dati (slicer)" },
  { prefisso: "xl/threadedComments/", nome: "commenti in thread (le note restano)" },
  { prefisso: "xl/timelines/", nome: "sequenze temporali" },
];

/**
 * What the command line cannot keep of this workbook (ExcelJS does not write charts, pivot tables,
 * threaded comments… back). Only the zip's directory is read, not the sheets.
 */
export async function partiNonConservate(file: string): Promise<string[]> {
  try {
    const zip = await JSZip.loadAsync(await readFile(file));
    const nomi = Object.keys(zip.files);
    return PARTI.filter((p) => nomi.some((n) => n.startsWith(p.prefisso))).map((p) => p.nome);
  } catch {
    return [];
  }
}
