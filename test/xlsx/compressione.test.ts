import JSZip from "jszip";
import { scriviCompressa } from "../../src/xlsx/compressione";

/** Writes a part through scriviCompressa, zips, unzips with JSZip: the text read back. */
async function andataERitorno(testo: string | string[]): Promise<{ letto: string }> {
  const zip = new JSZip();
  await scriviCompressa(zip, "xl/worksheets/sheet1.xml", typeof testo === "string" ? testo : () => testo, undefined);
  const dati = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const riletto = await JSZip.loadAsync(dati, { checkCRC32: true });
  const letto = (await riletto.file("xl/worksheets/sheet1.xml")!.async("nodebuffer")).toString("utf8");
  return { letto };
}

describe("parti compresse con zlib e date a JSZip già compresse", () => {
  it("il testo a pezzi torna identico, anche una coppia surrogata a cavallo di un lotto", async () => {
    // A 1 MB stretch whose last UTF-16 unit is the first half of an emoji: it must not be split there.
    const lungo = "a".repeat((1 << 20) - 1) + "😀" + "<c>àè</c>".repeat(1000);
    const pezzi = ['<?xml version="1.0"?>', "<worksheet>", lungo, "<x>ü</x>", "</worksheet>"];
    const { letto } = await andataERitorno(pezzi);
    const atteso = pezzi.join("");
    // Around the cut first (a short diff when it breaks), then the whole text.
    const taglio = atteso.indexOf("😀");
    expect(letto.slice(taglio - 5, taglio + 10)).toBe(atteso.slice(taglio - 5, taglio + 10));
    expect(letto.length).toBe(atteso.length);
    expect(letto === atteso).toBe(true);
  });

  it("un pezzo lungo di sole coppie surrogate: nessuna tagliata a metà, qualunque sia il confine del lotto", async () => {
    // With and without one leading unit, a high surrogate falls on every other possible cut.
    for (const prima of ["", "b"]) {
      const pezzi = ["<x>", prima + "😀".repeat(300_000), "</x>"];
      const { letto } = await andataERitorno(pezzi);
      expect(letto === pezzi.join("")).toBe(true);
    }
  });

  it("un testo intero e un testo vuoto", async () => {
    expect((await andataERitorno("<a>ß</a>")).letto).toBe("<a>ß</a>");
    expect((await andataERitorno([])).letto).toBe("");
  });
});
