/**
 * The add-in's document settings in a workbook whose web extension part holds none of Barometro's
 * own keys yet: the part is the add-in's (its reference id), with no properties or only Office's
 * «Office.AutoShowTaskpaneWithDocument» (what the pane saves when only automatic opening is on).
 * Office.js reads every key of the add-in's settings and saves new ones into that part. The part here
 * names Barometro's own add-in (the manifest's <Id>), as Excel writes it.
 *
 * FAILED on the earlier src/xlsx: impostazioni.ts (parteDelleImpostazioni) picks the part by the
 * presence of a «barometro.*» property, so such a part is not found — the keys it holds are not
 * read, and a key saved (Prepara stampa --anno) is kept for the run only, not written to the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { apriCartella } from "../../src/xlsx";
import { preparaStampa } from "../../src/app/stampa";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { conComponente } from "../cli/con-componente";

const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");
const tmp = mkdtempSync(join(tmpdir(), "barometro-xlsx-componente-"));
const ID_COMPONENTE = /<Id>([^<]+)<\/Id>/.exec(readFileSync(resolve(__dirname, "../../manifest.xml"), "utf8"))![1];

/** The add-in's parts (test/cli/con-componente.ts) naming Barometro's manifest id. */
async function conBarometro(file: string, impostazioni: Record<string, unknown>): Promise<void> {
  await conComponente(SAMPLE, file, impostazioni);
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parte = "xl/webextensions/webextension1.xml";
  const xml = await zip.file(parte)!.async("string");
  const nostro = xml.replace(/(<we:reference id=")[^"]*"/, `$1${ID_COMPONENTE}"`);
  expect(nostro).toContain(`<we:reference id="${ID_COMPONENTE}"`);
  zip.file(parte, nostro);
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

describe("the add-in's part without Barometro's keys yet", () => {
  it.each([
    ["only Office's automatic opening", { "Office.AutoShowTaskpaneWithDocument": true }],
    ["no property at all", {}],
    // The same with one of Barometro's keys already there: passes today (the control case).
    ["one of Barometro's keys", { "barometro.modoScrittura": "valori" }],
  ])("%s: its keys are read, and the year Prepara stampa saves is written into it", async (nome, impostazioni) => {
    const file = join(tmp, `${nome.replace(/\W+/g, "-")}.xlsx`);
    await conBarometro(file, impostazioni);
    const c = await apriCartella(readFileSync(file), file);
    expect(c.leggiImpostazioni()).toEqual(impostazioni);
    await preparaStampa(c, IMPOSTAZIONI_PREDEFINITE, { anno: 2023 });
    const di = await apriCartella(await c.salva(), file);
    expect(di.leggiImpostazioni()).toEqual({ ...impostazioni, "barometro.annoRelazione": 2023 });
  });
});
