/**
 * Where the command line's time goes, in one child process: the steps of `barometro ricalcola`
 * (src/cli/comandi/ricalcola.ts over the file access, src/cli/cartella-exceljs.ts) timed one by
 * one, the same calls in the same order.
 *
 *   ts-node scripts/bench/cli-fasi.ts FILE.xlsx OUT.xlsx
 *
 * Prints one JSON line (FasiCli, milliseconds).
 */
import { readFile, writeFile } from "fs/promises";
import { analizza, ricalcola } from "../../src/app/ricalcolo";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { apriCartella } from "../../src/cli/apri";
import { resoconto } from "../../src/cli/resoconto";

export interface FasiCli {
  letturaExcelJS: number;
  /** The zip looked at again for what ExcelJS would lose (parts, manual page breaks): inside letturaExcelJS now. */
  pacchetto?: number;
  griglia: number;
  motore: number;
  patch: number;
  /** Ricalcola's write of its patch, the conditional formatting's rules included (WorkbookAccess.scrivi). */
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
  const dati = await readFile(file);
  const cartella = await apriCartella(dati, file);
  const letturaExcelJS = lap();
  const lettura = await cartella.leggi();
  const griglia = lap();
  const analisi = analizza(lettura);
  const motore = lap();
  // Ricalcola tutto (it reads again: that read is counted with the patch).
  const scrivi = cartella.scrivi.bind(cartella);
  let applicaPatch = 0;
  cartella.scrivi = async (patch) => {
    const inizio = performance.now();
    const esito = await scrivi(patch);
    applicaPatch = performance.now() - inizio;
    return esito;
  };
  await ricalcola(cartella, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
  const tPatch = lap() - applicaPatch;
  await writeFile(out, await cartella.salva());
  const scritturaExcelJS = lap();
  const testo = JSON.stringify(resoconto(file, analisi), null, 2);
  const json = lap();
  const fasi: FasiCli = {
    letturaExcelJS,
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
