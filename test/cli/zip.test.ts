import { readFileSync } from "fs";
import { resolve } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { comprimi } from "../../src/cli/zip";

const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");

/** Every field of the central directory and local headers, but times, compressed sizes and offsets. */
function struttura(dati: Buffer) {
  let fine = dati.length - 22;
  while (dati.readUInt32LE(fine) !== 0x06054b50) fine--;
  const voci = [];
  let p = dati.readUInt32LE(fine + 16);
  for (let i = 0; i < dati.readUInt16LE(fine + 10); i++) {
    const nome = dati.readUInt16LE(p + 28);
    const extra = dati.readUInt16LE(p + 30);
    const commento = dati.readUInt16LE(p + 32);
    const locale = dati.readUInt32LE(p + 42);
    voci.push({
      centrale: [dati.subarray(p + 4, p + 12), dati.subarray(p + 16, p + 20), dati.subarray(p + 24, p + 42)],
      nomeEdAltro: dati.subarray(p + 46, p + 46 + nome + extra + commento),
      locale: [dati.subarray(locale + 4, locale + 10), dati.subarray(locale + 14, locale + 18)],
      localeNomeEdAltro: dati.subarray(
        locale + 26,
        locale + 30 + dati.readUInt16LE(locale + 26) + dati.readUInt16LE(locale + 28)
      ),
    });
    p += 46 + nome + extra + commento;
  }
  return { voci, fine: [dati.subarray(fine, fine + 12), dati.subarray(fine + 20)] };
}

async function contenuti(dati: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(dati);
  const parti = new Map<string, Buffer>();
  for (const [nome, voce] of Object.entries(zip.files)) parti.set(nome, await voce.async("nodebuffer"));
  return parti;
}

/** One zip written by JSZip with DEFLATE and with STORE. */
async function dueVolte(riempi: (zip: JSZip) => void): Promise<[Buffer, Buffer]> {
  const zip = new JSZip();
  riempi(zip);
  return [
    await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
    await zip.generateAsync({ type: "nodebuffer", compression: "STORE" }),
  ];
}

describe("comprimi: a stored zip deflated by zlib", () => {
  it("is the zip JSZip writes with DEFLATE but for the deflated bytes: folders, empty and binary entries", async () => {
    const originale = await JSZip.loadAsync(readFileSync(SAMPLE));
    const [conJSZip, stored] = await dueVolte((zip) => {
      for (const [nome, voce] of Object.entries(originale.files))
        if (!voce.dir) zip.file(nome, voce.async("nodebuffer"));
      zip.file("xl/vuoto.xml", "");
      zip.file("xl/media/image1.png", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    });
    const conZlib = comprimi(stored)!;
    expect(struttura(conZlib)).toEqual(struttura(conJSZip));
    expect(await contenuti(conZlib)).toEqual(await contenuti(conJSZip));
    expect(conZlib.length).toBeLessThan(conJSZip.length * 1.05);
  });

  it("writes a workbook ExcelJS reads back as it wrote it", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SAMPLE);
    const stored = (await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } })) as unknown as Buffer;
    const dati = comprimi(stored)!;
    expect(dati.length).toBeLessThan(stored.length / 3);
    expect(await contenuti(dati)).toEqual(await contenuti(stored));
    const riletto = new ExcelJS.Workbook();
    await riletto.xlsx.load(dati as unknown as ArrayBuffer);
    expect(riletto.worksheets.map((ws) => [ws.name, ws.rowCount])).toEqual(
      wb.worksheets.map((ws) => [ws.name, ws.rowCount])
    );
  });

  it("leaves what it does not expect: entries already compressed, a file that is not a zip", async () => {
    expect(comprimi(readFileSync(SAMPLE))).toBeNull();
    expect(comprimi(Buffer.from("non sono un file zip"))).toBeNull();
  });
});
