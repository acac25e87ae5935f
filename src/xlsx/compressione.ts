/**
 * A changed part compressed by Node's zlib (native, on a worker thread) instead of JSZip's
 * JavaScript deflate, and handed to JSZip already compressed: JSZip writes an entry given as a
 * CompressedObject of its own DEFLATE method as it is, the same way it copies the entries nobody
 * touched. The text arrives in pieces (the part's old text around the splices) and is encoded and
 * compressed a batch at a time: the part's new text is never held whole, as a string or as bytes.
 */
import { once } from "events";
import type JSZip from "jszip";
import { constants, crc32, createDeflateRaw, inflateRawSync } from "zlib";

// JSZip's own classes (not in its typings): what loadAsync gives each entry, and its DEFLATE method.
const CompressedObject: new (
  compressedSize: number,
  uncompressedSize: number,
  crc32: number,
  compression: unknown,
  data: Buffer
) => object = require("jszip/lib/compressedObject");
const DEFLATE: { magic: string } = require("jszip/lib/compressions").DEFLATE;

/** What JSZip keeps of an entry it read and nobody changed (JSZipObject's `_data`). */
interface VoceCompressa {
  compressedSize: number;
  uncompressedSize: number;
  compression: { magic: string };
  compressedContent: unknown;
}

/**
 * An entry's bytes: inflated by zlib when JSZip still holds the compressed bytes it read, instead of
 * its JavaScript inflate (seconds on a big sheet); otherwise by JSZip. Synchronous: the caller waits
 * for the bytes anyway, and the asynchronous form keeps the last result alive with its stream.
 */
export async function leggiVoce(voce: JSZip.JSZipObject): Promise<Buffer> {
  const dati = (voce as unknown as { _data?: unknown })._data;
  if (dati instanceof CompressedObject) {
    const c = dati as VoceCompressa;
    if (c.compression.magic === DEFLATE.magic && Buffer.isBuffer(c.compressedContent)) {
      const b = inflateRawSync(c.compressedContent);
      if (b.length === c.uncompressedSize) return b;
    }
  }
  return voce.async("nodebuffer");
}

/**
 * Bytes handed to zlib at a time. The pieces are encoded straight into a buffer of this size (no
 * joined string: a string over ~128 KB is born in V8's old generation and stays until a full
 * collection, which made a big sheet's save hold a hundred such megabytes).
 */
const LOTTO = 1 << 18;

/** Puts a part in the zip, its text (whole or in pieces to join) compressed here. */
export async function scriviCompressa(
  zip: JSZip,
  nome: string,
  testo: string | (() => Iterable<string>),
  data: Date | undefined
): Promise<void> {
  // JSZip.file takes its CompressedObject (what loadAsync gives each entry); its typings do not say so.
  zip.file(nome, (await comprimi(testo)) as Uint8Array, { binary: true, createFolders: false, date: data });
}

/** The text, given whole or in pieces to be joined, DEFLATE-compressed (level 6, as JSZip does). */
async function comprimi(testo: string | (() => Iterable<string>)): Promise<object> {
  const deflate = createDeflateRaw({ level: 6, memLevel: 8, strategy: constants.Z_DEFAULT_STRATEGY });
  const uscita: Buffer[] = [];
  deflate.on("data", (b: Buffer) => uscita.push(b));
  const finito = once(deflate, "end");
  let crc = 0;
  let lunghezza = 0;
  let lotto = Buffer.allocUnsafe(LOTTO);
  let usati = 0;
  const svuota = async () => {
    if (usati === 0) return;
    const b = lotto.subarray(0, usati);
    crc = crc32(b, crc);
    lunghezza += usati;
    // zlib holds the buffer until it has read it: the next bytes go into a new one.
    lotto = Buffer.allocUnsafe(LOTTO);
    usati = 0;
    if (!deflate.write(b)) await once(deflate, "drain");
  };
  /** A piece short enough to fit a whole buffer (at most 3 bytes of UTF-8 per UTF-16 unit). */
  const aggiungi = async (pezzo: string) => {
    if (usati + pezzo.length * 3 > LOTTO) await svuota();
    usati += lotto.write(pezzo, usati, "utf8");
  };
  const MASSIMO = Math.floor(LOTTO / 3);
  for (const pezzo of typeof testo === "string" ? [testo] : testo()) {
    if (pezzo.length <= MASSIMO) {
      await aggiungi(pezzo);
      continue;
    }
    // A long stretch of the old text: in slices, never between the halves of a surrogate pair.
    let da = 0;
    while (da < pezzo.length) {
      let a = Math.min(pezzo.length, da + MASSIMO - 1);
      const c = pezzo.charCodeAt(a - 1);
      if (a < pezzo.length && c >= 0xd800 && c <= 0xdbff) a++;
      await aggiungi(pezzo.slice(da, a));
      da = a;
    }
  }
  await svuota();
  deflate.end();
  await finito;
  const dati = Buffer.concat(uscita);
  return new CompressedObject(dati.length, lunghezza, crc, DEFLATE, dati);
}
