/**
 * Where the command line's time goes, in one child process: the steps of `barometro ricalcola`
 * (src/cli/comandi/ricalcola.ts over the lossless file access, src/xlsx) timed one by one, the same
 * calls in the same order: the file read, opened (apriCartella), the workbook's settings, Ricalcola
 * tutto (src/app/ricalcolo.ts, split at its `avanzamento` steps: the read of the sheets, the
 * computation, the write of the patch into the package's XML), the report (Verifica and the JSON),
 * the package saved (cartella.salva) and the file written.
 *
 *   ts-node scripts/bench/cli-fasi.ts FILE.xlsx OUT.xlsx
 *
 * Prints one JSON line (FasiCli, milliseconds).
 */
import { readFile, writeFile } from "fs/promises";
import { ricalcola } from "../../src/app/ricalcolo";
import { Impostazioni } from "../../src/app/impostazioni";
import { verifica } from "../../src/engine";
import { apriCartella } from "../../src/cli/apri";
import { impostazioniCartella } from "../../src/cli/impostazioni";
import { resoconto } from "../../src/cli/resoconto";

export interface FasiCli {
  /** readFile of the .xlsx. */
  letturaFile: number;
  /** apriCartella: the zip opened, the workbook's parts found. */
  apertura: number;
  /** The settings saved in the workbook by the task pane (leggiImpostazioni). */
  impostazioni: number;
  /** Ricalcola: the sheets read into grids (WorkbookAccess.leggi). */
  lettura: number;
  /** Ricalcola: reader, engine, conditional formatting plan, creaPatch. */
  calcolo: number;
  /** Ricalcola: the patch written into the sheets' XML, styles and rules (WorkbookAccess.scrivi). */
  scrittura: number;
  /** Verifica on the file as read and the --json document. */
  resoconto: number;
  byteJson: number;
  /** cartella.salva: the changed parts serialised, the zip generated. */
  salva: number;
  /** writeFile of the output. */
  scritturaFile: number;
  byteUscita: number;
}

async function main(): Promise<void> {
  const [file, out] = process.argv.slice(2);
  if (!file || !out) throw new Error("Uso: cli-fasi.ts FILE.xlsx OUT.xlsx");
  let t = performance.now();
  const lap = () => {
    const ora = performance.now();
    const d = ora - t;
    t = ora;
    return d;
  };
  const dati = await readFile(file);
  const letturaFile = lap();
  const cartella = await apriCartella(dati, file);
  const apertura = lap();
  const scelte = impostazioniCartella(cartella.leggiImpostazioni());
  // As comandoRicalcola chooses them (no command-line options).
  const impostazioniRicalcolo: Impostazioni = {
    ...scelte.impostazioni,
    modoScrittura: scelte.formule ? "valori" : scelte.impostazioni.modoScrittura,
    formattazioneCondizionale: scelte.formattazione,
    contenutoBarometro: scelte.contenuto,
  };
  const impostazioni = lap();
  // Ricalcola tells its steps: reading (start), computing (the sheets read), writing (the patch made).
  const passi: number[] = [];
  let testo = "";
  {
    const esito = await ricalcola(cartella, { tipo: "tutto" }, impostazioniRicalcolo, {
      avanzamento: () => void passi.push(lap()),
    });
    passi.push(lap());
    if (passi.length !== 4) throw new Error(`ricalcola: ${passi.length - 1} passi di avanzamento invece di 3`);
    // The report is made before saving, as the command does (the model and the patch are not held then).
    const a = esito.analisi;
    testo = JSON.stringify(
      resoconto(
        file,
        { linee: a.linee, risultato: a.risultato, avvisi: verifica(a.linee, a.risultato.linee) },
        scelte.bande
      ),
      null,
      2
    );
  }
  const tResoconto = lap();
  const uscita = await cartella.salva();
  const salva = lap();
  await writeFile(out, uscita);
  const scritturaFile = lap();
  const fasi: FasiCli = {
    letturaFile,
    apertura,
    impostazioni,
    // passi[0]: from the end of the settings to ricalcola's first step (nothing done yet).
    lettura: passi[0] + passi[1],
    calcolo: passi[2],
    scrittura: passi[3],
    resoconto: tResoconto,
    byteJson: Buffer.byteLength(testo),
    salva,
    scritturaFile,
    byteUscita: uscita.length,
  };
  process.stdout.write(JSON.stringify(fasi) + "\n");
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exitCode = 1;
});
