import { deflateRawSync, inflateRawSync } from "zlib";

/**
 * The zip of an .xlsx read and rewritten with Node's zlib. ExcelJS zips through JSZip, which
 * inflates and deflates in JavaScript (pako): several times slower than zlib, and the slowest
 * step of writing a workbook.
 */

const FINE = 0x06054b50;
const CENTRALE = 0x02014b50;
const LOCALE = 0x04034b50;

/** One entry of the central directory: where its header, its local header and its data are. */
interface Voce {
  nome: string;
  flag: number;
  metodo: number;
  compressi: number;
  centrale: number;
  lunghezzaCentrale: number;
  locale: number;
  inizioDati: number;
}

/**
 * The entries of a zip's central directory, in order, and where its end record starts. Null when
 * the zip is not one this reader reads: zip64, encryption, methods other than stored and deflate.
 */
function vociDi(dati: Buffer): { voci: Voce[]; fine: number } | null {
  let fine = dati.length - 22;
  const limite = Math.max(0, fine - 0xffff);
  while (fine >= limite && dati.readUInt32LE(fine) !== FINE) fine--;
  if (fine < limite) return null;
  const numero = dati.readUInt16LE(fine + 10);
  let p = dati.readUInt32LE(fine + 16);
  if (numero === 0xffff || p === 0xffffffff) return null;
  const voci: Voce[] = [];
  for (let i = 0; i < numero; i++) {
    if (p + 46 > dati.length || dati.readUInt32LE(p) !== CENTRALE) return null;
    const flag = dati.readUInt16LE(p + 8);
    const metodo = dati.readUInt16LE(p + 10);
    const compressi = dati.readUInt32LE(p + 20);
    const lunghezzaNome = dati.readUInt16LE(p + 28);
    const lunghezzaCentrale = 46 + lunghezzaNome + dati.readUInt16LE(p + 30) + dati.readUInt16LE(p + 32);
    const locale = dati.readUInt32LE(p + 42);
    if (flag & 1 || (metodo !== 0 && metodo !== 8) || compressi === 0xffffffff || locale === 0xffffffff) return null;
    if (locale + 30 > dati.length || dati.readUInt32LE(locale) !== LOCALE) return null;
    const inizioDati = locale + 30 + dati.readUInt16LE(locale + 26) + dati.readUInt16LE(locale + 28);
    if (inizioDati + compressi > dati.length) return null;
    const nome = dati.toString("utf8", p + 46, p + 46 + lunghezzaNome);
    voci.push({ nome, flag, metodo, compressi, centrale: p, lunghezzaCentrale, locale, inizioDati });
    p += lunghezzaCentrale;
  }
  return { voci, fine };
}

/** The entry names of a zip, and the text of an entry (undefined: no such file). */
export interface ZipLetto {
  nomi: string[];
  testo(nome: string): Promise<string | undefined>;
}

/** The zip read from its central directory, its entries inflated by zlib; null: see vociDi (JSZip reads it then). */
export function zipNativo(dati: Buffer): ZipLetto | null {
  const letto = vociDi(dati);
  if (!letto) return null;
  // A name listed twice: the last entry, as in JSZip.
  const perNome = new Map(letto.voci.map((v) => [v.nome, v]));
  return {
    nomi: [...perNome.keys()],
    testo: async (nome) => {
      const voce = nome.endsWith("/") ? undefined : perNome.get(nome);
      if (!voce) return undefined;
      const compressi = dati.subarray(voce.inizioDati, voce.inizioDati + voce.compressi);
      return (voce.metodo === 8 ? inflateRawSync(compressi) : compressi).toString("utf8");
    },
  };
}

/**
 * A zip JSZip wrote with every entry stored, as JSZip writes it with DEFLATE: each non-empty entry
 * deflated (by zlib), names, order, times, attributes and CRCs unchanged (JSZip's headers for the
 * two differ only in the method and the compressed size; it stores empty entries and folders
 * either way). Null for a zip it does not expect (entries already compressed, data descriptors).
 */
export function comprimi(archivio: Buffer): Buffer | null {
  const letto = vociDi(archivio);
  if (!letto) return null;
  const locali: Buffer[] = [];
  const centrali: Buffer[] = [];
  let posizione = 0;
  for (const v of letto.voci) {
    if (v.metodo !== 0 || v.flag & 0x08) return null;
    const dati = archivio.subarray(v.inizioDati, v.inizioDati + v.compressi);
    const locale = Buffer.from(archivio.subarray(v.locale, v.inizioDati));
    const centrale = Buffer.from(archivio.subarray(v.centrale, v.centrale + v.lunghezzaCentrale));
    const uscita = dati.length > 0 ? deflateRawSync(dati) : dati;
    if (dati.length > 0) {
      locale.writeUInt16LE(8, 8);
      locale.writeUInt32LE(uscita.length, 18);
      centrale.writeUInt16LE(8, 10);
      centrale.writeUInt32LE(uscita.length, 20);
    }
    centrale.writeUInt32LE(posizione, 42);
    locali.push(locale, uscita);
    centrali.push(centrale);
    posizione += locale.length + uscita.length;
  }
  const fine = Buffer.from(archivio.subarray(letto.fine));
  fine.writeUInt32LE(
    centrali.reduce((n, c) => n + c.length, 0),
    12
  );
  fine.writeUInt32LE(posizione, 16);
  return Buffer.concat([...locali, ...centrali, fine]);
}
