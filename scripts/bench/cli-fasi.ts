/**
 * Where the command line's time goes, in one child process: the steps of `barometro ricalcola`
 * (src/cli/main.ts → workbook.ts) timed one by one, the same calls in the same order.
 *
 *   ts-node scripts/bench/cli-fasi.ts FILE.xlsx OUT.xlsx
 *
 * Prints one JSON line (FasiCli, milliseconds).
 */
import ExcelJS from "exceljs";
import { readFile } from "fs/promises";
import { applyPatch } from "../../src/cli/apply-patch";
import { applicaFormattazione } from "../../src/cli/conditional-format";
import { esaminaPacchetto, ripristinaInterruzioni } from "../../src/cli/non-conservati";
import { riepilogo } from "../../src/cli/summary";
import { worksheetToGrid } from "../../src/cli/xlsx-grid";
import { calcolaEnte, verifica } from "../../src/engine";
import { leggiLinee } from "../../src/layout";
import { creaPatch } from "../../src/layout/patch";

export interface FasiCli {
  letturaExcelJS: number;
  /** The zip looked at again for what ExcelJS would lose (parts, manual page breaks). */
  pacchetto: number;
  griglia: number;
  motore: number;
  patch: number;
  /** applyPatch and the conditional formatting's rules. */
  applicaPatch: number;
  scritturaExcelJS: number;
  json: number;
  byteJson: number;
}

async function main(): Promise<void> {
  const [file, out] = process.argv.slice(2);
  let t = performance.now();
  const lap = () => {
    const ora = performance.now();
    const d = ora - t;
    t = ora;
    return d;
  };
  const workbook = new ExcelJS.Workbook();
  const dati = await readFile(file);
  await workbook.xlsx.load(dati as unknown as ArrayBuffer);
  const letturaExcelJS = lap();
  const { interruzioni } = await esaminaPacchetto(dati);
  ripristinaInterruzioni(workbook, interruzioni);
  const pacchetto = lap();
  const griglie = workbook.worksheets.map(worksheetToGrid);
  const griglia = lap();
  const { linee } = leggiLinee(griglie);
  const risultato = calcolaEnte(linee);
  const avvisi = verifica(linee, risultato.linee);
  const motore = lap();
  const patch = creaPatch(linee, risultato.linee, { condizionale: true, fogli: griglie });
  const tPatch = lap();
  applyPatch(workbook, patch);
  applicaFormattazione(workbook, linee, risultato.linee);
  const applicaPatch = lap();
  await workbook.xlsx.writeFile(out);
  const scritturaExcelJS = lap();
  const testo = JSON.stringify(riepilogo(file, { workbook, dati, linee, risultato, avvisi, griglie }), null, 2);
  const json = lap();
  const fasi: FasiCli = {
    letturaExcelJS,
    pacchetto,
    griglia,
    motore,
    patch: tPatch,
    applicaPatch,
    scritturaExcelJS,
    json,
    byteJson: Buffer.byteLength(testo),
  };
  process.stdout.write(JSON.stringify(fasi) + "\n");
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exitCode = 1;
});
