/**
 * Texts with characters XML cannot carry as they are: Excel and LibreOffice write them as
 * `_xHHHH_` escapes (ECMA-376 Part 1, ST_Xstring: a carriage return as `_x000D_`, a literal
 * "_x0041_" typed by the user as `_x005F_x0041_`). Office.js gives the add-in the decoded text, so
 * the file side must read the same grid.
 *
 * FAILED on the earlier src/xlsx: shared strings (cartella.ts, leggiStringhe) and inline strings
 * (foglio-lettura.ts) keep the escapes as they are written.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import fc from "fast-check";
import JSZip from "jszip";
import { apriCartella } from "../../src/xlsx";
import { daXstring, perXstring } from "../../src/xlsx/xml";
import { foglioXml, pacchettoMinimo } from "./pacchetto-minimo";

const tmp = mkdtempSync(join(tmpdir(), "barometro-xlsx-escape-"));

describe("texts written with _xHHHH_ escapes read as Excel shows them", () => {
  let file: string;
  beforeAll(() => {
    // LibreOffice writes the workbook: a literal "_x0041_" typed in a cell (from a CSV it imports).
    const csv = join(tmp, "testi.csv");
    writeFileSync(csv, "Obiettivo,Nota\ncodice _x0041_ letterale,Riga uno\n");
    execFileSync("soffice", ["--headless", "--convert-to", "xlsx", "--outdir", tmp, csv], { stdio: "pipe" });
    file = join(tmp, "testi.xlsx");
  }, 60_000);

  it("a shared string LibreOffice escaped (_x005F_) and one with a carriage return as Excel writes it (_x000D_)", async () => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    const sst = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(sst).toContain("codice _x005F_x0041_ letterale");
    // Excel writes a CR LF typed or pasted into a cell as "_x000D_" followed by a line feed.
    zip.file("xl/sharedStrings.xml", sst.replace(">Riga uno<", ">Riga uno_x000D_\nRiga due<"));
    const dati = await zip.generateAsync({ type: "nodebuffer" });
    const { fogli } = await (await apriCartella(dati, "testi.xlsx")).leggi();
    expect(fogli[0].values[1].slice(0, 2)).toEqual(["codice _x0041_ letterale", "Riga uno\r\nRiga due"]);
  });

  it("an inline string with an escaped control character (a vertical tab pasted from Word: _x000B_)", async () => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    const parte = "xl/worksheets/sheet1.xml";
    const xml = await zip.file(parte)!.async("string");
    const conInline = xml.replace(
      /<c r="B2"([^>]*?) t="s"[^>]*>.*?<\/c>/,
      '<c r="B2"$1 t="inlineStr"><is><t>prima_x000B_dopo</t></is></c>'
    );
    expect(conInline).not.toBe(xml);
    zip.file(parte, conInline);
    const { fogli } = await (await apriCartella(await zip.generateAsync({ type: "nodebuffer" }), "t.xlsx")).leggi();
    expect(fogli[0].values[1][1]).toBe("prima\u000bdopo");
  });
});

/** Texts rich in what ST_Xstring escapes: escapes, underscores, control characters, lone surrogates. */
const testo = fc
  .array(
    fc.oneof(
      fc.constantFrom("_x000D_", "_x005F_", "_x0041_", "_x", "_", "x", "\r", "\n", "\t", "\u0000", "\u000b", "\ufffe"),
      fc.constantFrom("\ud800", "\udc00", "\ud83d\ude00", "&", "<", "]]>"),
      fc.string({ unit: "binary" })
    ),
    { maxLength: 8 }
  )
  .map((parti) => parti.join(""));

describe("a text written back reads as it was (ST_Xstring round trip)", () => {
  it("decoding what the writer encodes gives the text back", () => {
    fc.assert(
      fc.property(testo, (s) => {
        const scritto = perXstring(s);
        expect(daXstring(scritto)).toBe(s);
        // What XML 1.0 cannot carry (and a CR, which XML reads as LF) never reaches the part.
        // eslint-disable-next-line no-control-regex -- the control characters are what must not remain
        expect(scritto).not.toMatch(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/);
      }),
      { numRuns: 2000 }
    );
  });

  it("a cell text written into a file and read again is the same text", async () => {
    const base = await pacchettoMinimo([{ nome: "S", xml: foglioXml('<row r="1"><c r="A1"><v>1</v></c></row>') }]);
    await fc.assert(
      fc.asyncProperty(
        testo.filter((s) => s !== "" && !s.startsWith("=")),
        async (s) => {
          const c = await apriCartella(base, "t.xlsx");
          await c.scrivi({ scritture: [{ foglio: "S", cella: "B1", valore: s }], colori: [] });
          const { fogli } = await (await apriCartella(await c.salva(), "t.xlsx")).leggi();
          expect(fogli[0].values[0][1]).toBe(s);
        }
      ),
      { numRuns: 100 }
    );
  });
});
