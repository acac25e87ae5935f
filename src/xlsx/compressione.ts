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

/** Characters encoded at a time (about 1 MB of UTF-8 for the mostly ASCII text of a part). */
const LOTTO = 1 << 20;

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
  let lotto: string[] = [];
  let caratteri = 0;
  const scrivi = async (s: string) => {
    const b = Buffer.from(s, "utf8");
    crc = crc32(b, crc);
    lunghezza += b.length;
    if (!deflate.write(b)) await once(deflate, "drain");
  };
  const svuota = async () => {
    if (caratteri === 0) return;
    const s = lotto.length === 1 ? lotto[0] : lotto.join("");
    lotto = [];
    caratteri = 0;
    await scrivi(s);
  };
  for (const pezzo of typeof testo === "string" ? [testo] : testo()) {
    if (pezzo.length >= LOTTO) {
      // A long stretch of the old text: encoded in slices, never between the halves of a surrogate pair.
      await svuota();
      let da = 0;
      while (da < pezzo.length) {
        let a = Math.min(pezzo.length, da + LOTTO);
        const c = pezzo.charCodeAt(a - 1);
        if (a < pezzo.length && c >= 0xd800 && c <= 0xdbff) a++;
        await scrivi(pezzo.slice(da, a));
        da = a;
      }
      continue;
    }
    lotto.push(pezzo);
    caratteri += pezzo.length;
    if (caratteri >= LOTTO) await svuota();
  }
  await svuota();
  deflate.end();
  await finito;
  const dati = Buffer.concat(uscita);
  return new CompressedObject(dati.length, lunghezza, crc, DEFLATE, dati);
}
