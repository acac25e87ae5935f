/**
 * Engine + reader on one size, in a child process started with --expose-gc: the SheetGrid saved by
 * prepara.ts is loaded (v8 deserialisation: no generator garbage in this process), then
 *   leggiLinee (src/layout) → calcolaEnte → verifica (src/engine) → creaPatch (src/layout/patch.ts)
 * run once cold (the first run of a fresh process, as the command line and the pane's first click
 * see it), with memory sampling; then warmed up until V8 has optimised the code (runs until
 * 200,000 rows have been read or 8 s have passed, at least 2), then RIPETIZIONI timed runs
 * (median): the steady-state cost, on which growth is judged.
 *
 *   node --expose-gc -r ts-node/register/transpile-only scripts/bench/motore.ts N CARTELLA [RIPETIZIONI]
 *
 * Memory, measured on the cold run:
 *  - picco RSS: highest resident set size sampled every millisecond by a worker thread, minus the
 *    RSS just before the run (after a full GC, grid loaded): the memory the run made the process take;
 *  - heap trattenuto: heapUsed after the run with its results still referenced, after a full GC,
 *    minus heapUsed before: what the results (lines, findings, patch) occupy.
 * Prints one JSON line (RisultatoMotore).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { deserialize } from "v8";
import { calcolaEnte, verifica } from "../../src/engine";
import { leggiLinee } from "../../src/layout";
import type { SheetGrid } from "../../src/layout/griglia";
import { creaPatch } from "../../src/layout/patch";
import { CampionatoreRss, mediana } from "./comune";

export interface FasiMotore {
  leggiLinee: number;
  calcolaEnte: number;
  verifica: number;
  creaPatch: number;
  totale: number;
}

export interface RisultatoMotore {
  n: number;
  linee: number;
  indicatori: number;
  avvisi: number;
  scritture: number;
  colori: number;
  ripetizioni: number;
  /** Runs made before the timed ones (JIT warm-up). */
  riscaldamento: number;
  freddo: FasiMotore;
  /** Medians over the repetitions (each phase's own median; totale is the median of the totals). */
  mediana: FasiMotore;
  minimo: number;
  massimo: number;
  rssBase: number;
  piccoRss: number;
  campioniRss: number;
  heapTrattenuto: number;
  heapPrima: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function esegui(griglia: SheetGrid) {
  const t0 = performance.now();
  const { linee } = leggiLinee([griglia]);
  const t1 = performance.now();
  const risultato = calcolaEnte(linee);
  const t2 = performance.now();
  const avvisi = verifica(linee, risultato.linee);
  const t3 = performance.now();
  const patch = creaPatch(linee, risultato.linee);
  const t4 = performance.now();
  const fasi: FasiMotore = {
    leggiLinee: t1 - t0,
    calcolaEnte: t2 - t1,
    verifica: t3 - t2,
    creaPatch: t4 - t3,
    totale: t4 - t0,
  };
  return { fasi, linee, risultato, avvisi, patch };
}

async function main(): Promise<void> {
  const [nTesto, cartella, ripTesto] = process.argv.slice(2);
  const n = Number(nTesto);
  const ripetizioni = Number(ripTesto ?? 5);
  if (!gc) throw new Error("motore.ts va eseguito con node --expose-gc");
  const griglia = deserialize(readFileSync(join(cartella, `griglia-${n}.v8`))) as SheetGrid;

  const campionatore = new CampionatoreRss(1);
  await campionatore.pronto();
  gc();
  gc();
  const heapPrima = process.memoryUsage().heapUsed;
  campionatore.azzera();
  const rssBase = process.memoryUsage.rss();
  let freddo: ReturnType<typeof esegui> | null = esegui(griglia);
  const { rss, campioni } = campionatore.picco();
  gc();
  gc();
  const heapTrattenuto = process.memoryUsage().heapUsed - heapPrima;
  const conteggi = {
    linee: freddo.linee.length,
    indicatori: freddo.linee.reduce((s, l) => s + l.obiettivi.reduce((t, o) => t + o.indicatori.length, 0), 0),
    avvisi: freddo.avvisi.length,
    scritture: freddo.patch.scritture.length,
    colori: freddo.patch.colori.length,
  };
  const fasiFreddo = freddo.fasi;
  freddo = null; // its results must not weigh on the next runs' garbage collections
  await campionatore.chiudi();

  let riscaldamento = 0;
  const inizio = performance.now();
  while (riscaldamento < 2 || (riscaldamento * n < 200_000 && performance.now() - inizio < 8_000)) {
    esegui(griglia);
    riscaldamento++;
  }
  const corse: FasiMotore[] = [];
  for (let i = 0; i < ripetizioni; i++) {
    gc();
    corse.push(esegui(griglia).fasi);
  }
  const m = (k: keyof FasiMotore) => mediana(corse.map((c) => c[k]));
  const risultato: RisultatoMotore = {
    n,
    ...conteggi,
    ripetizioni,
    riscaldamento,
    freddo: fasiFreddo,
    mediana: {
      leggiLinee: m("leggiLinee"),
      calcolaEnte: m("calcolaEnte"),
      verifica: m("verifica"),
      creaPatch: m("creaPatch"),
      totale: m("totale"),
    },
    minimo: Math.min(...corse.map((c) => c.totale)),
    massimo: Math.max(...corse.map((c) => c.totale)),
    rssBase,
    piccoRss: rss - rssBase,
    campioniRss: campioni,
    heapTrattenuto,
    heapPrima,
  };
  process.stdout.write(JSON.stringify(risultato) + "\n");
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exitCode = 1;
});
