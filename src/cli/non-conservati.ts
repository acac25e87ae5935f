import type { Workbook, Worksheet } from "exceljs";
import JSZip from "jszip";
import { inflateRawSync } from "zlib";

/** Parts of an .xlsx that ExcelJS drops when it writes the file again, by the zip entry that holds them. */
const PARTI: { prefisso: string; nome: string }[] = [
  { prefisso: "xl/charts/", nome: "grafici" },
  { prefisso: "xl/pivotTables/", nome: "tabelle pivot" },
  { prefisso: "xl/slicers/", nome: "filtri dei dati (slicer)" },
  { prefisso: "xl/threadedComments/", nome: "commenti in thread (le note restano)" },
  { prefisso: "xl/timelines/", nome: "sequenze temporali" },
];

/** What ExcelJS would lose of a workbook: the parts it cannot write, the manual row breaks it does not read. */
export interface Pacchetto {
  perse: string[];
  interruzioni: Map<string, InterruzioneSalvata[]>;
}

/** The file's zip opened once for both questions (the CLI has its bytes already). */
export async function esaminaPacchetto(dati: Buffer): Promise<Pacchetto> {
  try {
    const zip = zipNativo(dati) ?? zipDaJSZip(await JSZip.loadAsync(dati));
    return { perse: partiDi(zip.nomi), interruzioni: await interruzioniDi(zip) };
  } catch {
    return { perse: [], interruzioni: new Map() };
  }
}

/** What the command line cannot keep (ExcelJS does not write charts, pivot tables, threaded comments… back): the zip's directory only. */
function partiDi(nomi: string[]): string[] {
  return PARTI.filter((p) => nomi.some((n) => n.startsWith(p.prefisso))).map((p) => p.nome);
}

/** The entry names of a zip, and the text of an entry (undefined: no such file). */
export interface ZipLetto {
  nomi: string[];
  testo(nome: string): Promise<string | undefined>;
}

function zipDaJSZip(zip: JSZip): ZipLetto {
  return { nomi: Object.keys(zip.files), testo: async (nome) => zip.file(nome)?.async("string") };
}

/**
 * The zip read from its central directory, entries inflated by Node's zlib: ExcelJS has just
 * inflated the same sheets with JSZip's JavaScript inflate, several times slower. Null when the zip
 * uses what this reader leaves to JSZip: zip64, encryption, methods other than stored and deflate.
 */
export function zipNativo(dati: Buffer): ZipLetto | null {
  const FINE = 0x06054b50;
  const CENTRALE = 0x02014b50;
  const LOCALE = 0x04034b50;
  let fine = dati.length - 22;
  const limite = Math.max(0, fine - 0xffff);
  while (fine >= limite && dati.readUInt32LE(fine) !== FINE) fine--;
  if (fine < limite) return null;
  const numero = dati.readUInt16LE(fine + 10);
  let p = dati.readUInt32LE(fine + 16);
  if (numero === 0xffff || p === 0xffffffff) return null;
  const voci = new Map<string, { metodo: number; dati: Buffer }>();
  for (let i = 0; i < numero; i++) {
    if (p + 46 > dati.length || dati.readUInt32LE(p) !== CENTRALE) return null;
    const flag = dati.readUInt16LE(p + 8);
    const metodo = dati.readUInt16LE(p + 10);
    const compressi = dati.readUInt32LE(p + 20);
    const lunghezzaNome = dati.readUInt16LE(p + 28);
    const locale = dati.readUInt32LE(p + 42);
    const nome = dati.toString("utf8", p + 46, p + 46 + lunghezzaNome);
    if (flag & 1 || (metodo !== 0 && metodo !== 8) || compressi === 0xffffffff || locale === 0xffffffff) return null;
    if (locale + 30 > dati.length || dati.readUInt32LE(locale) !== LOCALE) return null;
    const inizio = locale + 30 + dati.readUInt16LE(locale + 26) + dati.readUInt16LE(locale + 28);
    if (inizio + compressi > dati.length) return null;
    voci.set(nome, { metodo, dati: dati.subarray(inizio, inizio + compressi) });
    p += 46 + lunghezzaNome + dati.readUInt16LE(p + 30) + dati.readUInt16LE(p + 32);
  }
  return {
    nomi: [...voci.keys()],
    testo: async (nome) => {
      const voce = nome.endsWith("/") ? undefined : voci.get(nome);
      if (!voce) return undefined;
      return (voce.metodo === 8 ? inflateRawSync(voce.dati) : voce.dati).toString("utf8");
    },
  };
}

/** A manual page break after a row, as the sheet's XML stores it (<brk id="12" max="16383" man="1"/>). */
export interface InterruzioneSalvata {
  id: number;
  min?: number;
  max?: number;
  man: number;
}

/** The manual row breaks of every sheet, by sheet name, from the sheets' XML (ExcelJS writes them but does not read them). */
async function interruzioniDi(zip: ZipLetto): Promise<Map<string, InterruzioneSalvata[]>> {
  const perFoglio = new Map<string, InterruzioneSalvata[]>();
  const cartella = await zip.testo("xl/workbook.xml");
  const legami = await zip.testo("xl/_rels/workbook.xml.rels");
  if (!cartella || !legami) return perFoglio;
  const destinazioni = new Map(
    [...legami.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attributo(m[0], "Id"), attributo(m[0], "Target")])
  );
  for (const m of cartella.matchAll(/<sheet\b[^>]*>/g)) {
    const nome = attributo(m[0], "name");
    const destinazione = destinazioni.get(attributo(m[0], "r:id"));
    if (nome === undefined || !destinazione) continue;
    const percorso = destinazione.startsWith("/") ? destinazione.slice(1) : `xl/${destinazione}`;
    const xml = await zip.testo(percorso);
    const righe = xml ? /<rowBreaks\b[^>]*>([\s\S]*?)<\/rowBreaks>/.exec(xml) : null;
    if (!righe) continue;
    const interruzioni = [...righe[1].matchAll(/<brk\b[^>]*>/g)].flatMap((b) => {
      const id = Number(attributo(b[0], "id"));
      if (!Number.isInteger(id) || id <= 0) return [];
      const min = Number(attributo(b[0], "min"));
      const max = Number(attributo(b[0], "max"));
      return [
        {
          id,
          ...(Number.isInteger(min) && min > 0 ? { min } : {}),
          ...(Number.isInteger(max) ? { max } : {}),
          man: attributo(b[0], "man") === "0" ? 0 : 1,
        },
      ];
    });
    if (interruzioni.length > 0) perFoglio.set(decodifica(nome), interruzioni);
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

function attributo(tag: string, nome: string): string | undefined {
  const m = new RegExp(`\\s${nome.replace(":", "\\:")}="([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
}

function decodifica(testo: string): string {
  return testo
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
