/**
 * Shared by the benchmark's parts: statistics, formatting, child processes and the memory sampler.
 * Every part runs in a child process of its own, so that one size's memory never weighs on the next.
 */
import { spawn } from "child_process";
import { closeSync, openSync, readFileSync, rmSync } from "fs";
import { join, resolve } from "path";
import { Worker } from "worker_threads";

export const RADICE = resolve(__dirname, "../..");
export const NODE_MODULES = join(RADICE, "node_modules");
/** Preloaded into the processes the bench times (command line, floor, ExcelJS): writes the process's peak RSS at exit. */
export const MAXRSS = join(__dirname, "maxrss.js");

export function mediana(valori: number[]): number {
  if (valori.length === 0) return NaN;
  const v = [...valori].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** 1234567 → "1.234.567", 1000 → "1.000" (Italian thousands separator, also on four digits). */
export function intero(n: number): string {
  const s = String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return n < 0 ? `-${s}` : s;
}

/** A decimal number with a comma. */
export function decimale(n: number, cifre = 1): string {
  return Number.isFinite(n) ? n.toFixed(cifre).replace(".", ",") : "—";
}

export function byte(n: number): string {
  if (!Number.isFinite(n)) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${decimale(n / 1024)} KB`;
  return `${decimale(n / 1024 / 1024, 2)} MB`;
}

export function millisecondi(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  return ms >= 10_000 ? `${decimale(ms / 1000, 1)} s` : ms >= 100 ? `${intero(ms)} ms` : `${decimale(ms, 1)} ms`;
}

/** The command that runs a TypeScript file of this folder (ts-node, transpile only, CommonJS). */
export function comandoTs(
  file: string,
  argomenti: string[],
  opzioniNode: string[] = []
): { cmd: string; args: string[] } {
  return {
    cmd: process.execPath,
    args: [...opzioniNode, "-r", "ts-node/register/transpile-only", join(__dirname, file), ...argomenti],
  };
}

export const AMBIENTE_TS = {
  ...process.env,
  TS_NODE_PROJECT: join(RADICE, "tsconfig.cli.json"),
  TS_NODE_TRANSPILE_ONLY: "true",
};

export interface EsitoProcesso {
  codice: number | null;
  /** Wall-clock time from spawn to exit. */
  ms: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size (KB), when the process was started with the maxrss.js preload. */
  maxRssKb?: number;
}

/**
 * Runs a process to completion. stdout goes to a file when `stdoutFile` is given (the command
 * line's JSON can be megabytes: a pipe read by this process would slow it down).
 */
export function esegui(
  cmd: string,
  args: string[],
  opzioni: { env?: NodeJS.ProcessEnv; stdoutFile?: string; maxRssFile?: string; cwd?: string } = {}
): Promise<EsitoProcesso> {
  return new Promise((resolvi, rifiuta) => {
    const env = { ...(opzioni.env ?? process.env) };
    if (opzioni.maxRssFile) env.BENCH_MAXRSS_FILE = opzioni.maxRssFile;
    const fd = opzioni.stdoutFile ? openSync(opzioni.stdoutFile, "w") : null;
    const inizio = process.hrtime.bigint();
    const figlio = spawn(cmd, args, {
      cwd: opzioni.cwd ?? RADICE,
      env,
      stdio: ["ignore", fd ?? "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    figlio.stdout?.on("data", (d) => (stdout += d));
    figlio.stderr?.on("data", (d) => (stderr += d));
    figlio.on("error", rifiuta);
    figlio.on("close", (codice) => {
      const ms = Number(process.hrtime.bigint() - inizio) / 1e6;
      if (fd !== null) closeSync(fd);
      let maxRssKb: number | undefined;
      if (opzioni.maxRssFile) {
        try {
          maxRssKb = Number(readFileSync(opzioni.maxRssFile, "utf8"));
          rmSync(opzioni.maxRssFile, { force: true });
        } catch {
          maxRssKb = undefined;
        }
      }
      resolvi({ codice, ms, stdout, stderr, maxRssKb });
    });
  });
}

/** Runs one part of the benchmark (a TypeScript file of this folder) and parses the JSON it prints last. */
export async function eseguiParte<T>(file: string, argomenti: string[], opzioniNode: string[] = []): Promise<T> {
  const { cmd, args } = comandoTs(file, argomenti, opzioniNode);
  const esito = await esegui(cmd, args, { env: AMBIENTE_TS });
  if (esito.codice !== 0)
    throw new Error(`${file} ${argomenti.join(" ")} è terminato con codice ${esito.codice}:\n${esito.stderr}`);
  const righe = esito.stdout.trim().split("\n");
  return JSON.parse(righe[righe.length - 1]) as T;
}

/**
 * Samples the process's resident set size every `intervalloMs` from a worker thread: the main
 * thread may be busy in synchronous code for seconds, a timer there would never fire. RSS is
 * process-wide, so the worker sees the main thread's allocations.
 */
export class CampionatoreRss {
  private readonly worker: Worker;
  private readonly buffer = new SharedArrayBuffer(16);
  private readonly dati = new Float64Array(this.buffer);

  constructor(intervalloMs = 1) {
    this.worker = new Worker(
      `const { workerData } = require("worker_threads");
       const dati = new Float64Array(workerData.buffer);
       const campiona = () => { const rss = process.memoryUsage.rss(); if (rss > dati[0]) dati[0] = rss; dati[1]++; };
       setInterval(campiona, workerData.intervallo);`,
      // execArgv []: the worker needs no ts-node (the parent's -r options would load it again).
      { eval: true, execArgv: [], workerData: { buffer: this.buffer, intervallo: intervalloMs } }
    );
    this.worker.unref();
  }

  /** Resolves once the worker has taken its first samples. */
  async pronto(): Promise<void> {
    while (this.dati[1] < 3) await pausa(5);
  }

  /** Starts a new measurement from the current RSS. */
  azzera(): void {
    this.dati[0] = process.memoryUsage.rss();
    this.dati[1] = 0;
  }

  /** Highest RSS seen since azzera() (bytes) and the number of samples taken. */
  picco(): { rss: number; campioni: number } {
    const attuale = process.memoryUsage.rss();
    if (attuale > this.dati[0]) this.dati[0] = attuale;
    return { rss: this.dati[0], campioni: this.dati[1] };
  }

  async chiudi(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Lets the sampler's worker start before a measurement. */
export const pausa = (ms: number) => new Promise((r) => setTimeout(r, ms));
