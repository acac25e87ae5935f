/**
 * The .xlsx package: the zip read once (JSZip keeps the compressed bytes of every entry, and writes
 * an entry nobody changed back as it found it), the relationships, the content types and the
 * workbook part (sheets in tab order, defined names).
 */
import { StringDecoder } from "string_decoder";
import JSZip from "jszip";
import { leggiVoce, scriviCompressa } from "./compressione";
import { percorri, perAttributo } from "./xml";

/** An Italian message the command line shows as it is (CliError-like: exit code 2). */
export class ErroreCartella extends Error {
  readonly exitCode = 2;
}

export const MESSAGGI_XLSX = {
  nonXlsx: (file: string) =>
    `Impossibile leggere «${file}»: non è una cartella di lavoro .xlsx valida (file danneggiato, protetto da password o di un altro formato).`,
  protettoOXls: (file: string) =>
    `Impossibile leggere «${file}»: non è una cartella di lavoro .xlsx leggibile, perché è protetta da password (crittografata) oppure è nel vecchio formato .xls. Aprirla in Excel, togliere la password (File › Informazioni › Proteggi cartella di lavoro) o salvarla come .xlsx, e riprovare.`,
  strict: (file: string) =>
    `«${file}» è salvata nel formato «Foglio di calcolo Open XML Strict», che Barometro non modifica. Aprirla in Excel e salvarla come «Cartella di lavoro di Excel (.xlsx)», poi riprovare.`,
  nessunFoglio: (file: string) => `La cartella di lavoro «${file}» non contiene fogli.`,
  parteIllegibile: (file: string, parte: string, motivo: string) =>
    `Impossibile leggere «${file}»: la parte «${parte}» non è XML valido (${motivo}).`,
} as const;

export const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const TIPO_FOGLIO = `${NS_R}/worksheet`;
const TIPO_DOCUMENTO = `${NS_R}/officeDocument`;
const NS_STRICT = "http://purl.oclc.org/ooxml/";
const FIRMA_OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export interface Relazione {
  id: string;
  tipo: string;
  /** Target as written. */
  destinazione: string;
  /** The part it points at, resolved (zip entry name, no leading slash); null when external. */
  parte: string | null;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function partRels(parte: string): string {
  const i = parte.lastIndexOf("/");
  return `${parte.slice(0, i + 1)}_rels/${parte.slice(i + 1)}.rels`;
}

/** Resolves a relationship target against its source part (relative, or absolute from the package root). */
export function risolvi(sorgente: string, destinazione: string): string {
  if (destinazione.startsWith("/")) return normalizza(destinazione.slice(1));
  const i = sorgente.lastIndexOf("/");
  return normalizza(sorgente.slice(0, i + 1) + destinazione);
}

function normalizza(percorso: string): string {
  const out: string[] = [];
  for (const p of decodeURIComponentSafe(percorso).split("/")) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A part's text: whole, or a function giving the pieces to join (made when they are taken). */
export type TestoParte = string | (() => Iterable<string>);

export class Pacchetto {
  /**
   * Parts changed or added, by entry name: the text, or a function giving its pieces to join (a
   * big sheet: made while it is compressed, never joined): written instead of the original.
   */
  private readonly cambiate = new Map<string, TestoParte>();

  private constructor(
    readonly zip: JSZip,
    readonly nomeFile: string
  ) {}

  static async apri(dati: Buffer, nomeFile: string): Promise<Pacchetto> {
    if (dati.length >= 8 && FIRMA_OLE.every((b, i) => dati[i] === b))
      throw new ErroreCartella(MESSAGGI_XLSX.protettoOXls(nomeFile));
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(dati);
    } catch {
      throw new ErroreCartella(MESSAGGI_XLSX.nonXlsx(nomeFile));
    }
    if (!zip.file("[Content_Types].xml")) throw new ErroreCartella(MESSAGGI_XLSX.nonXlsx(nomeFile));
    return new Pacchetto(zip, nomeFile);
  }

  esiste(parte: string): boolean {
    return this.cambiate.has(parte) || this.zip.file(parte) !== null;
  }

  /** A part's text (as changed so far); null when there is no such part. */
  async testo(parte: string): Promise<string | null> {
    const c = this.cambiate.get(parte);
    if (c !== undefined) {
      if (typeof c === "string") return c;
      const testo = [...c()].join("");
      this.cambiate.set(parte, testo);
      return testo;
    }
    const f = this.zip.file(parte);
    if (!f) return null;
    // Node's zlib and UTF-8 decoder, not JSZip's (plain JavaScript, seconds on a 100,000-row sheet).
    const testo = (await leggiVoce(f)).toString("utf8");
    return testo.charCodeAt(0) === 0xfeff ? testo.slice(1) : testo;
  }

  /**
   * A part's text in pieces, decoded PEZZO_UTF8 bytes at a time: a big part read once (the shared
   * strings) is never one string, which V8 would hold two bytes a character for one character
   * beyond Latin-1 anywhere in it. Null when there is no such part.
   */
  async pezziDiTesto(parte: string): Promise<Iterable<string> | null> {
    const c = this.cambiate.get(parte);
    if (c !== undefined) return typeof c === "string" ? [c] : c();
    const f = this.zip.file(parte);
    return f ? pezziUtf8(await leggiVoce(f)) : null;
  }

  private readonly versioni = new Map<string, number>();

  /** A part's new text, whole or as pieces to join (a big sheet: never joined, see salva). */
  scrivi(parte: string, testo: TestoParte): void {
    this.cambiate.set(parte, testo);
    this.versioni.set(parte, (this.versioni.get(parte) ?? 0) + 1);
  }

  /** Removes a part from the package. */
  rimuovi(parte: string): void {
    this.cambiate.delete(parte);
    this.zip.remove(parte);
    this.versioni.set(parte, (this.versioni.get(parte) ?? 0) + 1);
  }

  /** How many times a part was written: a reader may keep what it parsed of the same version. */
  versione(parte: string): number {
    return this.versioni.get(parte) ?? 0;
  }

  /** Names of the parts changed, added or removed (since the package was opened). */
  parteCambiate(): string[] {
    return [...this.versioni.keys()];
  }

  /** Relationships of a part (or of the package with ""). */
  async relazioni(parte: string): Promise<Relazione[]> {
    const nome = parte === "" ? "_rels/.rels" : partRels(parte);
    const xml = await this.testo(nome);
    if (xml === null) return [];
    const rel: Relazione[] = [];
    this.leggiXml(nome, xml, {
      apre: (el) => {
        if (el.nome !== "Relationship") return;
        const esterna = el.attributi.TargetMode === "External";
        const destinazione = el.attributi.Target ?? "";
        rel.push({
          id: el.attributi.Id ?? "",
          tipo: el.attributi.Type ?? "",
          destinazione,
          parte: esterna ? null : risolvi(parte === "" ? "" : parte, destinazione),
        });
      },
    });
    return rel;
  }

  /** Adds a relationship to a part's .rels (created when absent); returns its id. */
  async aggiungiRelazione(parte: string, tipo: string, destinazione: string): Promise<string> {
    const nome = parte === "" ? "_rels/.rels" : partRels(parte);
    const esistenti = await this.relazioni(parte);
    const usati = new Set(esistenti.map((r) => r.id));
    let n = esistenti.length + 1;
    while (usati.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const nuova = `<Relationship Id="${id}" Type="${perAttributo(tipo)}" Target="${perAttributo(destinazione)}"/>`;
    const xml = await this.testo(nome);
    this.scrivi(
      nome,
      xml === null
        ? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${nuova}</Relationships>`
        : xml.replace(/<\/([A-Za-z_][\w.-]*:)?Relationships>\s*$/, (fine) => nuova + fine)
    );
    return id;
  }

  /** Adds an Override to [Content_Types].xml unless one for the part is there. */
  async aggiungiTipo(parte: string, tipo: string): Promise<void> {
    const xml = (await this.testo("[Content_Types].xml"))!;
    if (xml.includes(`PartName="/${parte}"`)) return;
    const nuova = `<Override PartName="/${perAttributo(parte)}" ContentType="${perAttributo(tipo)}"/>`;
    this.scrivi(
      "[Content_Types].xml",
      xml.replace(/<\/([A-Za-z_][\w.-]*:)?Types>\s*$/, (fine) => nuova + fine)
    );
  }

  /** The main workbook part, from the package relationships. */
  async parteCartella(): Promise<string> {
    const rel = (await this.relazioni("")).find((r) => r.tipo === TIPO_DOCUMENTO || r.tipo.endsWith("/officeDocument"));
    if (!rel?.parte) throw new ErroreCartella(MESSAGGI_XLSX.nonXlsx(this.nomeFile));
    if (rel.tipo.startsWith(NS_STRICT)) throw new ErroreCartella(MESSAGGI_XLSX.strict(this.nomeFile));
    return rel.parte;
  }

  /** Parses a part, turning a malformed one into an Italian message. */
  leggiXml(parte: string, xml: string | Iterable<string>, a: Parameters<typeof percorri>[1]): void {
    try {
      percorri(xml, a);
    } catch (e) {
      throw new ErroreCartella(
        MESSAGGI_XLSX.parteIllegibile(this.nomeFile, parte, e instanceof Error ? e.message : String(e))
      );
    }
  }

  /**
   * The package again: changed parts replaced, every other entry copied as it was (JSZip reuses
   * the compressed bytes of an entry that was never decompressed into a new value).
   */
  async salva(): Promise<Buffer> {
    for (const [nome, testo] of this.cambiate) {
      const esistente = this.zip.file(nome);
      // Encoded and compressed here (natively), so that JSZip does neither in JavaScript.
      await scriviCompressa(this.zip, nome, testo, esistente?.date);
      this.cambiate.delete(nome);
    }
    this.cambiate.clear();
    return this.zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  }
}

/** Bytes decoded at a time by pezziDiTesto. */
const PEZZO_UTF8 = 1 << 16;

/** UTF-8 bytes as text in pieces (a character split between two pieces is kept whole), without a BOM. */
function* pezziUtf8(dati: Buffer): Generator<string> {
  const decodifica = new StringDecoder("utf8");
  for (let i = 0; i < dati.length; i += PEZZO_UTF8) {
    const t = decodifica.write(dati.subarray(i, i + PEZZO_UTF8));
    const pezzo = i === 0 && t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
    if (pezzo) yield pezzo;
  }
  const fine = decodifica.end();
  if (fine) yield fine;
}
