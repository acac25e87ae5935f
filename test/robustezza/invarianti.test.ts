/**
 * The invariants on random workbooks in the staff's layout (random values, column orders, extra
 * columns), through the command line and through the adapter: only the cells the patch owns
 * change, a second ricalcola changes nothing, the output opens again with ExcelJS. (The sample
 * and every hostile workbook are checked the same way in cli.test.ts and adattatore.test.ts.)
 */
import { writeFileSync } from "fs";
import { join } from "path";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { elabora } from "../../src/cli/elabora";
import { creaPatch } from "../../src/layout/patch";
import { fuoriDallaPatchFinta, inExcelFinto, ricalcolaFinto } from "./finto";
import { costruisci, disposizione, inFoglioExcel, specFoglio } from "./generatori";
import { cli, diverse, fuoriDallaPatchFile, istantaneaFile, TMP, TRACCIA } from "./strumenti";

const RUNS = { numRuns: Number(process.env.BAROMETRO_FC_RUNS_FILE ?? 15) };
jest.setTimeout(60_000);

const cartellaCasuale = specFoglio
  .chain((spec) => fc.tuple(fc.constant(spec), disposizione(spec.polarita)))
  .map(([spec, d]) => {
    const wb = new ExcelJS.Workbook();
    inFoglioExcel(wb, costruisci(spec, d));
    return wb;
  });

let n = 0;

describe("random workbooks", () => {
  it("command line: exit 0, only owned cells change, idempotent, the output opens again", async () => {
    await fc.assert(
      fc.asyncProperty(cartellaCasuale, async (wb) => {
        const k = n++;
        const file = join(TMP, `casuale-${k}.xlsx`);
        const uno = join(TMP, `casuale-${k}.uno.xlsx`);
        const due = join(TMP, `casuale-${k}.due.xlsx`);
        await wb.xlsx.writeFile(file);
        const r1 = await cli(["ricalcola", file, "--out", uno, "--json"]);
        expect(r1.eccezione).toBeUndefined();
        expect(r1.err).not.toMatch(TRACCIA);
        expect(r1.codice).toBe(0);
        const e = await elabora(file);
        const patch = creaPatch(e.linee, e.risultato.linee, {
          condizionale: true,
          formuleExcel: true,
          fogli: e.griglie,
        });
        const [prima, dopo] = await Promise.all([istantaneaFile(file), istantaneaFile(uno)]);
        expect(fuoriDallaPatchFile(prima, dopo, patch)).toEqual([]);
        expect((await cli(["ricalcola", uno, "--out", due, "--json"])).codice).toBe(0);
        expect(fuoriDallaPatchFile(dopo, await istantaneaFile(due), { scritture: [], colori: [] })).toEqual([]);
      }),
      RUNS
    );
  });

  it("adapter: only owned cells change, a second Ricalcola changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(cartellaCasuale, async (wb) => {
        const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
        writeFileSync(join(TMP, `casuale-adattatore-${n++}.xlsx`), bytes);
        const { cartella, accesso } = await inExcelFinto(bytes);
        const primo = await ricalcolaFinto(cartella, accesso);
        if (primo.tipo === "eccezione") throw primo.eccezione;
        if (primo.tipo === "errore") throw primo.errore;
        expect(fuoriDallaPatchFinta(primo.prima, primo.dopo, primo.esito.patch)).toEqual([]);
        const secondo = await ricalcolaFinto(cartella, accesso);
        expect(secondo.tipo).toBe("ok");
        if (secondo.tipo === "ok") expect(diverse(secondo.prima, secondo.dopo)).toEqual([]);
      }),
      RUNS
    );
  });
});
