import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { partiNonConservate } from "../../src/cli/non-conservati";

const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");
const tmp = mkdtempSync(join(tmpdir(), "barometro-perse-"));

/** The sample with zip entries ExcelJS cannot carry over (as Excel writes them for a chart and a thread). */
async function conGraficoECommenti(): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
  zip.file("xl/charts/chart1.xml", "<c:chartSpace/>");
  zip.file("xl/threadedComments/threadedComment1.xml", "<ThreadedComments/>");
  const file = join(tmp, "con-grafico.xlsx");
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
  return file;
}

describe("parts the command line cannot keep", () => {
  it("are none in the bundled sample", async () => {
    expect(await partiNonConservate(SAMPLE)).toEqual([]);
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
