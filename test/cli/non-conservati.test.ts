import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { esaminaPacchetto } from "../../src/cli/non-conservati";
import { CAMPIONE } from "../support/campione";

const partiNonConservate = async (file: string) => (await esaminaPacchetto(readFileSync(file))).perse;
const interruzioniSalvate = async (file: string) => (await esaminaPacchetto(readFileSync(file))).interruzioni;

const tmp = mkdtempSync(join(tmpdir(), "barometro-perse-"));

/** The sample with zip entries ExcelJS cannot carry over (as Excel writes them for a chart and a thread). */
async function conGraficoECommenti(): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(CAMPIONE));
  zip.file("xl/charts/chart1.xml", "<c:chartSpace/>");
  zip.file("xl/threadedComments/threadedComment1.xml", "<ThreadedComments/>");
  const file = join(tmp, "con-grafico.xlsx");
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
  return file;
}

describe("parts the command line cannot keep", () => {
  it("are none in the bundled sample", async () => {
    expect(await partiNonConservate(CAMPIONE)).toEqual([]);
  });

  it("are named in an Italian warning on stderr, while --json stays one document on stdout", async () => {
    const file = await conGraficoECommenti();
    expect(await partiNonConservate(file)).toEqual(["grafici", "commenti in thread (le note restano)"]);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["ricalcola", file, "--out", join(tmp, "out.xlsx"), "--json"], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect(code).toBe(0);
    expect(() => JSON.parse(out.join("\n"))).not.toThrow();
    expect(err.join("\n")).toMatch(
      /^Attenzione: «.*con-grafico\.xlsx» contiene grafici, commenti in thread .* mancheranno \(l'originale non è toccato\)/
    );
  });
});

describe("what the warning names is what ExcelJS drops", () => {
  const PARTI: [string, string][] = [
    ["xl/externalLinks/externalLink1.xml", "collegamenti ad altre cartelle di lavoro"],
    ["xl/connections.xml", "connessioni dati (Power Query)"],
    ["xl/model/item.data", "modello di dati (Power Pivot)"],
    ["xl/metadata.xml", "metadati delle formule a matrice dinamica"],
    ["xl/richData/rdrichvalue.xml", "immagini nelle celle e tipi di dati"],
    ["customXml/item1.xml", "dati XML personalizzati"],
  ];

  it("each part named, and none of them in the file ricalcola writes", async () => {
    const zip = await JSZip.loadAsync(readFileSync(CAMPIONE));
    for (const [parte] of PARTI) zip.file(parte, "<x/>", { createFolders: false });
    const file = join(tmp, "con-parti.xlsx");
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    expect(await partiNonConservate(file)).toEqual(PARTI.map(([, nome]) => nome));

    const out = join(tmp, "con-parti.ricalcolato.xlsx");
    const err: string[] = [];
    expect(await main(["ricalcola", file, "--out", out], { out: () => undefined, err: (t) => err.push(t) })).toBe(0);
    expect(err.join("\n")).toContain("collegamenti ad altre cartelle di lavoro");
    const scritte = Object.keys((await JSZip.loadAsync(readFileSync(out))).files);
    for (const [parte] of PARTI) expect(scritte).not.toContain(parte);
  });
});

describe("manual page breaks (ExcelJS writes them but does not read them)", () => {
  /** The sheet XML's <brk> row ids. */
  async function interruzioni(file: string, foglio = 1): Promise<number[]> {
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = await zip.file(`xl/worksheets/sheet${foglio}.xml`)!.async("string");
    return [...xml.matchAll(/<brk\b[^>]*\bid="(\d+)"/g)].map((m) => Number(m[1]));
  }

  it("survive ricalcola, and a second stampa keeps those of a sheet without lines", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CAMPIONE);
    for (const r of [20, 45, 70]) wb.worksheets[0].getRow(r).addPageBreak();
    const note = wb.addWorksheet("Note & appunti");
    note.getCell("A1").value = "appunti";
    note.getRow(30).addPageBreak();
    const input = join(tmp, "con-interruzioni.xlsx");
    await wb.xlsx.writeFile(input);
    expect(await interruzioni(input)).toEqual([20, 45, 70]);

    const salvate = await interruzioniSalvate(input);
    expect(salvate.get("Note & appunti")).toEqual([expect.objectContaining({ id: 30, man: 1 })]);

    const out = join(tmp, "con-interruzioni.ricalcolato.xlsx");
    const io = { out: () => undefined, err: () => undefined };
    expect(await main(["ricalcola", input, "--out", out], io)).toBe(0);
    expect(await interruzioni(out)).toEqual([20, 45, 70]);
    expect(await interruzioni(out, 2)).toEqual([30]);

    const stampata = join(tmp, "con-interruzioni.stampa.xlsx");
    expect(await main(["stampa", out, "--out", stampata], io)).toBe(0);
    // Sheet order in the file: the Indice (added last), then… find the notes sheet by its XML.
    const zip = await JSZip.loadAsync(readFileSync(stampata));
    const fogli = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    const conAppunti = [];
    for (const f of fogli) {
      const xml = await zip.file(f)!.async("string");
      if (xml.includes('id="30"')) conAppunti.push(f);
    }
    expect(conAppunti).toHaveLength(1);
  });
});
