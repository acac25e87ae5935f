/**
 * The lossless file access (src/xlsx) timed beside its floor, on the same .xlsx, in separate processes:
 *  - pavimento: unzip (JSZip), parse every worksheet with saxes (every cell's text read), zip again;
 *  - senza-perdite: open with apriCartella, Ricalcola tutto and Prepara stampa through the app's use
 *    cases, save (what `barometro ricalcola` + `stampa` do to the file, without the terminal output).
 * Prints one JSON line: the in-process time (after the modules are loaded) and its phases.
 *
 *   ts-node scripts/bench/senza-perdite.ts pavimento|senza-perdite FILE.xlsx OUT.xlsx
 */
import { readFileSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { ricalcola } from "../../src/app/ricalcolo";
import { preparaStampa } from "../../src/app/stampa";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { apriCartella } from "../../src/xlsx";

export interface MisuraSenzaPerdite {
  ms: number;
  fasi: Record<string, number>;
  /** Cells (pavimento) or cells written (senza-perdite). */
  celle: number;
  byteUscita: number;
}

async function pavimento(dati: Buffer): Promise<{ out: Buffer; fasi: Record<string, number>; celle: number }> {
  let t = performance.now();
  const fasi: Record<string, number> = {};
  const zip = await JSZip.loadAsync(dati);
  fasi.unzip = performance.now() - t;
  t = performance.now();
  let celle = 0;
  for (const nome of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    // Decoded and encoded with Node's UTF-8 (as src/xlsx does), not JSZip's JavaScript one.
    const xml = (await zip.file(nome)!.async("nodebuffer")).toString("utf8");
    const parser = new SaxesParser({ position: true });
    let testo = "";
    parser.on("opentag", (tag) => {
      if (tag.name === "c") celle++;
    });
    parser.on("text", (x) => (testo = x));
    parser.write(xml).close();
    void testo;
    // The sheet written back as a new value: JSZip compresses it again, as a real change would.
    zip.file(nome, Buffer.from(xml, "utf8"), { binary: true });
  }
  fasi.sax = performance.now() - t;
  t = performance.now();
  const out = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  fasi.zip = performance.now() - t;
  return { out, fasi, celle };
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
  const [modo, file, uscita] = process.argv.slice(2);
  if (!file || !uscita || (modo !== "pavimento" && modo !== "senza-perdite"))
    throw new Error("Uso: senza-perdite.ts pavimento|senza-perdite FILE.xlsx OUT.xlsx");
  const inizio = performance.now();
  const dati = readFileSync(file);
  const { out, fasi, celle } = modo === "pavimento" ? await pavimento(dati) : await senzaPerdite(dati, file);
  writeFileSync(uscita, out);
  const m: MisuraSenzaPerdite = { ms: performance.now() - inizio, fasi, celle, byteUscita: out.length };
  process.stdout.write(JSON.stringify(m) + "\n");
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exitCode = 1;
});
