/**
 * The lossless file access (src/xlsx) in process, for the bench's comparison with its floor
 * (pavimento.js, run by the bench on the same .xlsx in its own process): open with apriCartella,
 * Ricalcola tutto and Prepara stampa through the app's use cases, save (what `barometro ricalcola` +
 * `stampa` do to the file, without the terminal output). Prints one JSON line, shaped as
 * pavimento.js's: the in-process time (after the modules are loaded) and its phases.
 *
 *   ts-node scripts/bench/senza-perdite.ts FILE.xlsx OUT.xlsx
 */
import { readFileSync, writeFileSync } from "fs";
import { ricalcola } from "../../src/app/ricalcolo";
import { preparaStampa } from "../../src/app/stampa";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { apriCartella } from "../../src/xlsx";

export interface MisuraSenzaPerdite {
  ms: number;
  fasi: Record<string, number>;
  /** Cells seen (pavimento.js) or cells written (the access). */
  celle: number;
  byteUscita: number;
}

async function senzaPerdite(
  dati: Buffer,
  file: string
): Promise<{ out: Buffer; fasi: Record<string, number>; celle: number }> {
  const fasi: Record<string, number> = {};
  let t = performance.now();
  const cartella = await apriCartella(dati, file);
  fasi.apertura = performance.now() - t;
  t = performance.now();
  const { patch } = await ricalcola(cartella, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
  fasi.ricalcola = performance.now() - t;
  t = performance.now();
  await preparaStampa(cartella, IMPOSTAZIONI_PREDEFINITE);
  fasi.stampa = performance.now() - t;
  t = performance.now();
  const out = await cartella.salva();
  fasi.salva = performance.now() - t;
  return { out, fasi, celle: patch.scritture.length + patch.colori.length };
}

async function main(): Promise<void> {
  const [file, uscita] = process.argv.slice(2);
  if (!file || !uscita) throw new Error("Uso: senza-perdite.ts FILE.xlsx OUT.xlsx");
  const inizio = performance.now();
  const dati = readFileSync(file);
  const { out, fasi, celle } = await senzaPerdite(dati, file);
  writeFileSync(uscita, out);
  const m: MisuraSenzaPerdite = { ms: performance.now() - inizio, fasi, celle, byteUscita: out.length };
  process.stdout.write(JSON.stringify(m) + "\n");
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exitCode = 1;
});
