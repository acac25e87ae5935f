import type { Workbook, Worksheet } from "exceljs";
import JSZip from "jszip";
import { PartiRiportate, partiRiportateDi } from "./parti-riportate";
import { attributo, perElemento } from "./xml";

/** The namespace of r:id in workbook.xml's <sheet> elements. */
const NS_RELAZIONI_DOCUMENTO = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Parts of an .xlsx that ExcelJS drops when it writes the file again, by the zip entry that holds them. */
const PARTI: { prefisso: string; nome: string }[] = [
  { prefisso: "xl/charts/", nome: "grafici" },
  { prefisso: "xl/pivotTables/", nome: "tabelle pivot" },
  { prefisso: "xl/slicers/", nome: "filtri dei dati (slicer)" },
  { prefisso: "xl/threadedComments/", nome: "commenti in thread (le note restano)" },
  { prefisso: "xl/timelines/", nome: "sequenze temporali" },
  { prefisso: "xl/externalLinks/", nome: "collegamenti ad altre cartelle di lavoro" },
  { prefisso: "xl/connections.xml", nome: "connessioni dati (Power Query)" },
  { prefisso: "xl/model/", nome: "modello di dati (Power Pivot)" },
  { prefisso: "xl/metadata.xml", nome: "metadati delle formule a matrice dinamica" },
  { prefisso: "xl/richData/", nome: "immagini nelle celle e tipi di dati" },
  { prefisso: "customXml/", nome: "dati XML personalizzati" },
];

/**
 * What ExcelJS would lose of a workbook: the parts it cannot write, the manual row breaks it does
 * not read, the parts it drops that the command line carries (the add-ins saved in it, with
 * Barometro's settings; the custom document properties).
 */
export interface Pacchetto {
  perse: string[];
  interruzioni: Map<string, InterruzioneSalvata[]>;
  riportate: PartiRiportate | null;
}

/** The file's zip opened once for all these questions (the CLI has its bytes already). */
export async function esaminaPacchetto(dati: Buffer, { interruzioni = true } = {}): Promise<Pacchetto> {
  try {
    const zip = await JSZip.loadAsync(dati);
    return {
      perse: partiDi(zip),
      interruzioni: interruzioni ? await interruzioniDi(zip) : new Map(),
      riportate: await partiRiportateDi(zip),
    };
  } catch {
    return { perse: [], interruzioni: new Map(), riportate: null };
  }
}

/** What the command line cannot keep (ExcelJS does not write charts, pivot tables, threaded comments… back): the zip's directory only. */
function partiDi(zip: JSZip): string[] {
  const nomi = Object.keys(zip.files);
  return PARTI.filter((p) => nomi.some((n) => n.startsWith(p.prefisso))).map((p) => p.nome);
}

/** A manual page break after a row, as the sheet's XML stores it (<brk id="12" max="16383" man="1"/>). */
export interface InterruzioneSalvata {
  id: number;
  min?: number;
  max?: number;
  man: number;
}

/** The manual row breaks of every sheet, by sheet name, from the sheets' XML (ExcelJS writes them but does not read them). */
async function interruzioniDi(zip: JSZip): Promise<Map<string, InterruzioneSalvata[]>> {
  const perFoglio = new Map<string, InterruzioneSalvata[]>();
  const cartella = await zip.file("xl/workbook.xml")?.async("string");
  const legami = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!cartella || !legami) return perFoglio;
  const destinazioni = new Map<string | undefined, string | undefined>();
  perElemento(legami, (tag) => {
    if (tag.local === "Relationship") destinazioni.set(attributo(tag, "Id"), attributo(tag, "Target"));
  });
  const fogli: { nome: string | undefined; id: string | undefined }[] = [];
  perElemento(cartella, (tag) => {
    if (tag.local === "sheet")
      fogli.push({ nome: attributo(tag, "name"), id: attributo(tag, "id", NS_RELAZIONI_DOCUMENTO) });
  });
  for (const { nome, id } of fogli) {
    const destinazione = destinazioni.get(id);
    if (nome === undefined || !destinazione) continue;
    const percorso = destinazione.startsWith("/") ? destinazione.slice(1) : `xl/${destinazione}`;
    const xml = await zip.file(percorso)?.async("string");
    // Only the breaks' block is parsed: a sheet's XML runs to megabytes.
    const blocco = xml ? /<(?:\w+:)?rowBreaks\b[\s\S]*?<\/(?:\w+:)?rowBreaks>/.exec(xml) : null;
    if (!blocco) continue;
    const interruzioni: InterruzioneSalvata[] = [];
    perElemento(conNamespace(blocco[0], xml!), (tag) => {
      if (tag.local !== "brk") return;
      const id = Number(attributo(tag, "id"));
      if (!Number.isInteger(id) || id <= 0) return;
      const min = Number(attributo(tag, "min"));
      const max = Number(attributo(tag, "max"));
      interruzioni.push({
        id,
        ...(Number.isInteger(min) && min > 0 ? { min } : {}),
        ...(Number.isInteger(max) ? { max } : {}),
        man: attributo(tag, "man") === "0" ? 0 : 1,
      });
    });
    if (interruzioni.length > 0) perFoglio.set(nome, interruzioni);
  }
  return perFoglio;
}

/** Puts the saved manual row breaks back on the sheets ExcelJS read (before anything adds its own). */
export function ripristinaInterruzioni(workbook: Workbook, salvate: Map<string, InterruzioneSalvata[]>): void {
  for (const [nome, interruzioni] of salvate) {
    const ws = workbook.getWorksheet(nome) as (Worksheet & { rowBreaks: InterruzioneSalvata[] }) | undefined;
    if (ws && ws.rowBreaks.length === 0) ws.rowBreaks.push(...interruzioni.map((i) => ({ ...i })));
  }
}

/** A block cut out of a sheet's XML, wrapped in the sheet's root so its namespace prefixes resolve. */
function conNamespace(blocco: string, foglio: string): string {
  const radice = /<((?:\w+:)?worksheet)\b[^>]*>/.exec(foglio);
  return radice ? `${radice[0]}${blocco}</${radice[1]}>` : blocco;
}
