/**
 * npm run bench — Barometro's benchmark (not a test: nothing here fails on a slow number).
 *
 * For workbooks of 1,000, 10,000 and 100,000 indicator rows in the staff's layout:
 *  1. engine + reader time and memory (motore.ts);
 *  2. syncs and payloads of "Ricalcola tutto" through the Office.js adapter over the fake Excel (prepara.ts);
 *  3. the command line end to end at every size: `barometro ricalcola … --json` and `barometro stampa`
 *     (print layout only, no PDF), each timed from spawn to exit with its peak RSS, interleaved with
 *     the floor's process (pavimento.js: unzip, SAX parse of every sheet, zip — the same file, the same
 *     run) and, up to --exceljs-max, with ExcelJS alone reading and writing the file (exceljs-solo.js);
 *     then where the time of `ricalcola` goes, in one process (cli-fasi.ts);
 *  4. the lossless file access (src/xlsx: Ricalcola + Prepara stampa + save) in process beside the
 *     floor's in-process time, on the same file, at every size (senza-perdite.ts, pavimento.js);
 * then the task pane bundle's size and its time to first render in headless Chromium (pannello.ts).
 * Prints a table and rewrites the results section of docs/PRESTAZIONI.md.
 *
 *   npm run bench [-- --dimensioni 1000,10000 --solo motore,adattatore,cli,senzaperdite,pannello
 *                    --exceljs-max 10000 --no-workbench --no-docs --conserva]
 *
 * --exceljs-max: largest size ExcelJS alone is timed on (default 10,000: it reads merged cells in
 * quadratic time, minutes at 100,000 rows; see PRESTAZIONI.md). --conserva keeps the temporary folder.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { cpus, loadavg, tmpdir, totalmem } from "os";
import { join } from "path";
import { execFileSync } from "child_process";
import type { FasiCli } from "./cli-fasi";
import {
  AMBIENTE_TS,
  byte,
  comandoTs,
  decimale,
  esegui,
  EsitoProcesso,
  eseguiParte,
  intero,
  MAXRSS,
  mediana,
  millisecondi,
  NODE_MODULES,
  RADICE,
} from "./comune";
import type { RisultatoMotore } from "./motore";
import type { RisultatoPannello } from "./pannello";
import type { RisultatoPrepara } from "./prepara";
import type { MisuraSenzaPerdite } from "./senza-perdite";
import { scriviRapporto } from "./rapporto";

/** One process timed from spawn to exit, once per repetition. */
export interface TempiProcesso {
  ms: number[];
  maxRssKb: number[];
}

/** The floor's own report (pavimento.js), in process. */
export interface MisuraPavimento {
  ms: number;
  fasi: Record<string, number>;
  celle: number;
  byteUscita: number;
}

export interface MisuraCli {
  n: number;
  ripetizioni: number;
  byteIngresso: number;
  /** `barometro ricalcola FILE --out OUT --json`. */
  ricalcola: TempiProcesso;
  /** `barometro stampa FILE --out OUT --json`: the print layout, no PDF. */
  stampa: TempiProcesso;
  /** pavimento.js on the same file, interleaved with the two commands. */
  pavimento: TempiProcesso & { interni: MisuraPavimento[] };
  /** ExcelJS alone (readFile + writeFile); absent beyond --exceljs-max, with the reason. */
  exceljs?: TempiProcesso & { fasi: { letturaMs: number; scritturaMs: number }[] };
  exceljsSaltato?: string;
  /** Where the time of `ricalcola` goes (one more run, in process). */
  fasi?: FasiCli;
  byteUscitaRicalcola: number;
  byteUscitaStampa: number;
}

export interface Risultati {
  data: string;
  macchina: {
    cpu: string;
    core: number;
    memoria: number;
    node: string;
    commit: string;
    modificato: boolean;
    /** os.loadavg() (1, 5, 15 minutes) at the start and at the end: other work on the machine. */
    caricoInizio: number[];
    caricoFine?: number[];
  };
  dimensioni: number[];
  prepara: RisultatoPrepara[];
  motore: RisultatoMotore[];
  cli: MisuraCli[];
  /** The lossless file access beside its floor (part "senzaperdite"). */
  senzaPerdite?: ConfrontoSenzaPerdite[];
  pannello?: RisultatoPannello;
  durataMs: number;
}

interface Opzioni {
  dimensioni: number[];
  parti: Set<string>;
  exceljsMax: number;
  workbench: boolean;
  docs: boolean;
  conserva: boolean;
  corse: number;
}

function leggiOpzioni(argv: string[]): Opzioni {
  const valore = (nome: string) => {
    const i = argv.indexOf(nome);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const numeri = (s: string) =>
    s.split(",").map((x) => {
      const n = Number(x.replace(/[._]/g, ""));
      if (!Number.isInteger(n) || n <= 0) throw new Error(`Dimensione non valida: ${x}`);
      return n;
    });
  if (argv.includes("--cli-max"))
    throw new Error(
      "--cli-max non esiste più: la riga di comando è misurata a ogni dimensione; --exceljs-max limita ExcelJS da solo"
    );
  return {
    dimensioni: numeri(valore("--dimensioni") ?? "1000,10000,100000"),
    parti: new Set((valore("--solo") ?? "motore,adattatore,cli,senzaperdite,pannello").split(",")),
    exceljsMax: numeri(valore("--exceljs-max") ?? "10000")[0],
    workbench: !argv.includes("--no-workbench"),
    docs: !argv.includes("--no-docs"),
    conserva: argv.includes("--conserva"),
    corse: Number(valore("--corse") ?? 5),
  };
}

const log = (testo: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${testo}\n`);

/** Repetitions: enough for a stable median at small sizes, bounded at large ones. */
const ripetizioniMotore = (n: number) => (n <= 1_000 ? 30 : n <= 10_000 ? 10 : 5);
const ripetizioniCli = (n: number) => (n <= 1_000 ? 5 : n <= 10_000 ? 3 : 1);

function macchina(): Risultati["macchina"] {
  const git = (args: string[]) => {
    try {
      return execFileSync("git", args, { cwd: RADICE, encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  return {
    cpu: cpus()[0]?.model ?? "?",
    core: cpus().length,
    memoria: totalmem(),
    node: process.version,
    commit: git(["rev-parse", "--short", "HEAD"]) || "?",
    modificato: git(["status", "--porcelain", "--", "src"]) !== "",
    caricoInizio: loadavg(),
  };
}

/** The command line compiled from the current sources into the temporary folder (tsc, as npm run build:cli). */
function compilaCli(tmp: string): string {
  const cartella = join(tmp, "cli");
  execFileSync(
    process.execPath,
    [join(NODE_MODULES, "typescript/bin/tsc"), "-p", "tsconfig.cli.json", "--outDir", join(cartella, "lib")],
    {
      cwd: RADICE,
      stdio: "pipe",
    }
  );
  mkdirSync(join(cartella, "bin"), { recursive: true });
  copyFileSync(join(RADICE, "bin/barometro.js"), join(cartella, "bin/barometro.js"));
  return join(cartella, "bin/barometro.js");
}

/** Why ExcelJS alone is not timed beyond --exceljs-max. */
const MOTIVO_EXCELJS = (max: number) =>
  `non misurato: minuti (oltre --exceljs-max ${intero(max)}; ExcelJS legge le celle unite in tempo quadratico, exceljs#2689)`;

async function misuraCli(bin: string, tmp: string, p: RisultatoPrepara, exceljsMax: number): Promise<MisuraCli> {
  const file = (p.xlsx as NonNullable<RisultatoPrepara["xlsx"]>).file;
  const env = { ...process.env, NODE_PATH: NODE_MODULES };
  const ripetizioni = ripetizioniCli(p.n);
  const conExceljs = p.n <= exceljsMax;
  const m: MisuraCli = {
    n: p.n,
    ripetizioni,
    byteIngresso: p.xlsx?.byte ?? 0,
    ricalcola: { ms: [], maxRssKb: [] },
    stampa: { ms: [], maxRssKb: [] },
    pavimento: { ms: [], maxRssKb: [], interni: [] },
    ...(conExceljs ? { exceljs: { ms: [], maxRssKb: [], fasi: [] } } : { exceljsSaltato: MOTIVO_EXCELJS(exceljsMax) }),
    byteUscitaRicalcola: 0,
    byteUscitaStampa: 0,
  };
  const out = join(tmp, `ricalcolato-${p.n}.xlsx`);
  const outStampa = join(tmp, `stampa-${p.n}.xlsx`);
  const outPavimento = join(tmp, `pavimento-${p.n}.xlsx`);
  const copia = join(tmp, `copia-exceljs-${p.n}.xlsx`);
  const json = join(tmp, `cli-${p.n}.json`);
  const aggiungi = (t: TempiProcesso, e: EsitoProcesso) => {
    t.ms.push(e.ms);
    if (e.maxRssKb) t.maxRssKb.push(e.maxRssKb);
  };
  /** The command's --json document, checked: its lines were found. */
  const linee = (comando: string) => {
    const doc = JSON.parse(readFileSync(json, "utf8")) as { linee: unknown[] };
    if (doc.linee.length === 0) throw new Error(`barometro ${comando} ${file}: nessuna linea`);
  };
  for (let r = 0; r < ripetizioni; r++) {
    // Interleaved, so that a slower moment of the machine weighs on all alike.
    const cli = await esegui(process.execPath, ["-r", MAXRSS, bin, "ricalcola", file, "--out", out, "--json"], {
      env,
      stdoutFile: json,
      maxRssFile: join(tmp, "maxrss-cli"),
    });
    if (cli.codice !== 0) throw new Error(`barometro ricalcola ${file}: codice ${cli.codice}\n${cli.stderr}`);
    linee("ricalcola");
    aggiungi(m.ricalcola, cli);
    const pav = await esegui(process.execPath, ["-r", MAXRSS, join(__dirname, "pavimento.js"), file, outPavimento], {
      env,
      maxRssFile: join(tmp, "maxrss-pavimento"),
    });
    if (pav.codice !== 0) throw new Error(`pavimento.js ${file}: codice ${pav.codice}\n${pav.stderr}`);
    aggiungi(m.pavimento, pav);
    m.pavimento.interni.push(JSON.parse(pav.stdout.trim()) as MisuraPavimento);
    const st = await esegui(process.execPath, ["-r", MAXRSS, bin, "stampa", file, "--out", outStampa, "--json"], {
      env,
      stdoutFile: json,
      maxRssFile: join(tmp, "maxrss-stampa"),
    });
    if (st.codice !== 0) throw new Error(`barometro stampa ${file}: codice ${st.codice}\n${st.stderr}`);
    linee("stampa");
    aggiungi(m.stampa, st);
    let riga =
      `  cli ${p.n}: ricalcola ${millisecondi(cli.ms)}, stampa ${millisecondi(st.ms)}, ` +
      `pavimento ${millisecondi(pav.ms)} (${decimale(cli.ms / pav.ms, 1)}× / ${decimale(st.ms / pav.ms, 1)}×)`;
    if (m.exceljs) {
      const solo = await esegui(process.execPath, ["-r", MAXRSS, join(__dirname, "exceljs-solo.js"), file, copia], {
        env,
        maxRssFile: join(tmp, "maxrss-exceljs"),
      });
      if (solo.codice !== 0) throw new Error(`ExcelJS da solo su ${file}: codice ${solo.codice}\n${solo.stderr}`);
      aggiungi(m.exceljs, solo);
      m.exceljs.fasi.push(JSON.parse(solo.stdout.trim()));
      riga += `, ExcelJS da solo ${millisecondi(solo.ms)}`;
    }
    log(riga);
  }
  m.byteUscitaRicalcola = statSync(out).size;
  m.byteUscitaStampa = statSync(outStampa).size;
  rmSync(copia, { force: true });
  // The breakdown runs the steps of `ricalcola` once more, in one process.
  m.fasi = await eseguiParte<FasiCli>("cli-fasi.ts", [file, join(tmp, `fasi-${p.n}.xlsx`)]);
  return m;
}

/** One size: the floor and the lossless access, each in its own process (time in process, wall clock, peak RSS). */
export interface ConfrontoSenzaPerdite {
  n: number;
  pavimento: MisuraSenzaPerdite & { processoMs: number; maxRssKb: number | null };
  /** Under ts-node: its process time and peak RSS include ts-node's (its in-process time does not). */
  accesso: MisuraSenzaPerdite & { processoMs: number; maxRssKb: number | null };
}

async function misuraSenzaPerdite(tmp: string, p: RisultatoPrepara): Promise<ConfrontoSenzaPerdite> {
  const file = (p.xlsx as NonNullable<RisultatoPrepara["xlsx"]>).file;
  const una = async (modo: "pavimento" | "senza-perdite") => {
    const uscita = join(tmp, `${modo}-${p.n}.xlsx`);
    const { cmd, args } =
      modo === "pavimento"
        ? { cmd: process.execPath, args: ["-r", MAXRSS, join(__dirname, "pavimento.js"), file, uscita] }
        : comandoTs("senza-perdite.ts", [file, uscita], ["-r", MAXRSS, "--max-old-space-size=8192"]);
    const e = await esegui(cmd, args, {
      env: modo === "pavimento" ? { ...process.env, NODE_PATH: NODE_MODULES } : AMBIENTE_TS,
      maxRssFile: join(tmp, `maxrss-${modo}`),
    });
    if (e.codice !== 0) throw new Error(`${modo} ${file}: codice ${e.codice}\n${e.stderr}`);
    const righe = e.stdout.trim().split("\n");
    return {
      ...(JSON.parse(righe[righe.length - 1]) as MisuraSenzaPerdite),
      processoMs: e.ms,
      maxRssKb: e.maxRssKb ?? null,
    };
  };
  // Floor first, then the access: the same file, one after the other.
  const pavimento = await una("pavimento");
  const accesso = await una("senza-perdite");
  log(
    `  senza perdite ${p.n}: ${millisecondi(accesso.ms)} (pavimento ${millisecondi(pavimento.ms)}, ` +
      `${decimale(accesso.ms / pavimento.ms, 1)}×), picco ${byte((accesso.maxRssKb ?? 0) * 1024)}`
  );
  return { n: p.n, pavimento, accesso };
}

/** The lossless access's table: in-process times (modules loaded), the ratio to the floor, peak memory. */
function tabellaSenzaPerdite(r: Risultati): string {
  const righe = [
    "righe | pavimento (unzip+SAX+zip) | accesso senza perdite (Ricalcola+Stampa+salva) | rapporto | di cui apertura / ricalcola / stampa / salva | picco RSS pavimento / accesso",
  ];
  for (const c of r.senzaPerdite ?? []) {
    const f = c.accesso.fasi;
    righe.push(
      [
        intero(c.n),
        millisecondi(c.pavimento.ms),
        millisecondi(c.accesso.ms),
        `${decimale(c.accesso.ms / c.pavimento.ms, 1)}×`,
        [f.apertura, f.ricalcola, f.stampa, f.salva].map(millisecondi).join(" / "),
        `${byte((c.pavimento.maxRssKb ?? 0) * 1024)} / ${byte((c.accesso.maxRssKb ?? 0) * 1024)}`,
      ].join(" | ")
    );
  }
  return righe.join("\n");
}

/** The command line's table: both commands beside the floor and ExcelJS alone (process times, medians). */
function tabellaCli(r: Risultati): string {
  const righe = [
    "righe | esecuzioni | pavimento (unzip+SAX+zip) | ricalcola | rapporto | stampa | rapporto | ExcelJS da solo | picco RSS (massimo) pavimento / ricalcola / stampa / ExcelJS",
  ];
  for (const c of r.cli) {
    const pav = mediana(c.pavimento.ms);
    const ric = mediana(c.ricalcola.ms);
    const st = mediana(c.stampa.ms);
    const rss = (t?: TempiProcesso) => (t ? byte(Math.max(...t.maxRssKb) * 1024) : "—");
    righe.push(
      [
        intero(c.n),
        String(c.ripetizioni),
        millisecondi(pav),
        millisecondi(ric),
        `${decimale(ric / pav, 1)}×`,
        millisecondi(st),
        `${decimale(st / pav, 1)}×`,
        c.exceljs ? millisecondi(mediana(c.exceljs.ms)) : "non misurato",
        [rss(c.pavimento), rss(c.ricalcola), rss(c.stampa), rss(c.exceljs)].join(" / "),
      ].join(" | ")
    );
  }
  return righe.join("\n");
}

/** The table printed at the end (the same numbers PRESTAZIONI.md shows). */
function tabella(r: Risultati): string {
  const righe: string[] = [];
  const riga = (...celle: string[]) => righe.push(celle.join(" | "));
  riga(
    "righe",
    "motore+lettore (mediana)",
    "a freddo",
    "µs/riga",
    "picco RSS",
    "sync Ricalcola tutto",
    "scrittura (stima / misurata)",
    "CLI ricalcola",
    "pavimento",
    "rapporto"
  );
  for (const n of r.dimensioni) {
    const mo = r.motore.find((x) => x.n === n);
    const pr = r.prepara.find((x) => x.n === n);
    const c = r.cli.find((x) => x.n === n);
    const cli = c ? mediana(c.ricalcola.ms) : NaN;
    const pav = c ? mediana(c.pavimento.ms) : NaN;
    riga(
      intero(n),
      mo ? millisecondi(mo.mediana.totale) : "—",
      mo ? millisecondi(mo.freddo.totale) : "—",
      mo ? decimale((mo.mediana.totale * 1000) / n, 1) : "—",
      mo ? byte(mo.piccoRss) : "—",
      pr
        ? `${pr.ricalcolaTutto.sync} (${pr.ricalcolaTutto.syncLettura} lett. + ${pr.ricalcolaTutto.syncScrittura} scr.)` +
            (pr.ricalcolaTutto.errore ? " ERRORE" : "")
        : "—",
      pr ? `${byte(pr.ricalcolaTutto.byteScritturaPiano)} / ${byte(pr.ricalcolaTutto.byteRichiestaScrittura)}` : "—",
      c ? millisecondi(cli) : "non misurata",
      c ? millisecondi(pav) : "—",
      c ? `${decimale(cli / pav, 1)}×` : "—"
    );
  }
  if (r.pannello) {
    const p = r.pannello;
    righe.push(
      "",
      `riquadro: JavaScript ${byte(p.totaleJs.byte)} (gzip ${byte(p.totaleJs.gzip)}); ` +
        `primo render (titolo) ${millisecondi(p.render.titolo ?? NaN)}, FCP ${millisecondi(p.render.fcp ?? NaN)}` +
        (p.workbench ? `; banco di prova: elenco delle linee ${millisecondi(p.workbench.render.linee ?? NaN)}` : "")
    );
  }
  return righe.join("\n");
}

async function main(): Promise<void> {
  const opzioni = leggiOpzioni(process.argv.slice(2));
  const inizio = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), "barometro-bench-"));
  log(`cartella temporanea ${tmp}`);
  const risultati: Risultati = {
    data: new Date().toISOString(),
    macchina: macchina(),
    dimensioni: opzioni.dimensioni,
    prepara: [],
    motore: [],
    cli: [],
    durataMs: 0,
  };
  try {
    const serveCli = opzioni.parti.has("cli");
    const bin = serveCli ? compilaCli(tmp) : "";
    for (const n of opzioni.dimensioni) {
      const conXlsx = serveCli || opzioni.parti.has("senzaperdite");
      log(`${intero(n)} righe: generazione${conXlsx ? " (anche .xlsx)" : ""} e adattatore`);
      const p = await eseguiParte<RisultatoPrepara>(
        "prepara.ts",
        [String(n), tmp, ...(conXlsx ? ["--xlsx"] : [])],
        ["--max-old-space-size=8192"]
      );
      risultati.prepara.push(p);
      if (opzioni.parti.has("motore")) {
        log(`${intero(n)} righe: motore + lettore`);
        risultati.motore.push(
          await eseguiParte<RisultatoMotore>(
            "motore.ts",
            [String(n), tmp, String(ripetizioniMotore(n))],
            ["--expose-gc", "--max-old-space-size=8192"]
          )
        );
      }
      if (serveCli) {
        log(`${intero(n)} righe: riga di comando, pavimento${n <= opzioni.exceljsMax ? " e ExcelJS da solo" : ""}`);
        risultati.cli.push(await misuraCli(bin, tmp, p, opzioni.exceljsMax));
      }
      if (opzioni.parti.has("senzaperdite")) {
        log(`${intero(n)} righe: accesso senza perdite e pavimento`);
        (risultati.senzaPerdite ??= []).push(await misuraSenzaPerdite(tmp, p));
      }
      rmSync(join(tmp, `griglia-${n}.v8`), { force: true });
    }
    if (opzioni.parti.has("pannello")) {
      log("riquadro: build di produzione, dimensioni, primo render in Chromium");
      risultati.pannello = await eseguiParte<RisultatoPannello>("pannello.ts", [
        tmp,
        "--corse",
        String(opzioni.corse),
        ...(opzioni.workbench ? ["--workbench"] : []),
      ]);
    }
  } finally {
    if (!opzioni.conserva) rmSync(tmp, { recursive: true, force: true });
    else log(`file conservati in ${tmp}`);
  }
  risultati.durataMs = performance.now() - inizio;
  risultati.macchina.caricoFine = loadavg();
  writeFileSync(join(tmpdir(), "barometro-bench-ultimo.json"), JSON.stringify(risultati, null, 2));
  process.stdout.write(tabella(risultati) + "\n");
  if (risultati.cli.length) process.stdout.write("\n" + tabellaCli(risultati) + "\n");
  if (risultati.senzaPerdite) process.stdout.write("\n" + tabellaSenzaPerdite(risultati) + "\n");
  process.stdout.write(`\nRisultati completi: ${join(tmpdir(), "barometro-bench-ultimo.json")}\n`);
  if (opzioni.docs) {
    const file = join(RADICE, "docs/PRESTAZIONI.md");
    scriviRapporto(file, risultati, existsSync(file) ? readFileSync(file, "utf8") : null);
    process.stdout.write(`Scritto ${file}\n`);
  }
  log(`fatto in ${millisecondi(risultati.durataMs)}`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exitCode = 1;
});
