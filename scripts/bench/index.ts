/**
 * npm run bench — Barometro's benchmark (not a test: nothing here fails on a slow number).
 *
 * For workbooks of 1,000, 10,000 and 100,000 indicator rows in the staff's layout:
 *  1. engine + reader time and memory (motore.ts);
 *  2. syncs and payloads of "Ricalcola tutto" through the Office.js adapter over the fake Excel (prepara.ts);
 *  3. the command line on the .xlsx files beside ExcelJS alone reading and writing the same file;
 *  4. the lossless file access (src/xlsx: Ricalcola + Prepara stampa + save) beside its floor (unzip,
 *     SAX parse of every sheet, zip) on the same file, in the same run, at every size (senza-perdite.ts);
 * then the task pane bundle's size and its time to first render in headless Chromium (pannello.ts).
 * Prints a table and rewrites the results section of docs/PRESTAZIONI.md.
 *
 *   npm run bench [-- --dimensioni 1000,10000 --solo motore,adattatore,cli,pannello
 *                    --cli-max 10000 --no-workbench --no-docs --conserva]
 *
 * --cli-max: largest size the command line is timed on (default 10,000; see PRESTAZIONI.md: ExcelJS
 * alone needs minutes to read the 100,000-row file). --conserva keeps the temporary folder.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
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

export interface MisuraCli {
  n: number;
  ripetizioni: number;
  cliMs: number[];
  exceljsMs: number[];
  /** ExcelJS alone loading only the Workbook class, as the command line does (exceljs-solo.js --classe). */
  exceljsClasseMs: number[];
  cliMaxRssKb: number[];
  exceljsMaxRssKb: number[];
  exceljsFasi: { letturaMs: number; scritturaMs: number }[];
  /** Where the time goes (one more run, in process); only up to 10,000 rows. */
  fasi?: FasiCli;
  byteIngresso: number;
  byteUscita: number;
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
  cliSaltate: { n: number; motivo: string }[];
  /** The lossless file access beside its floor (part "senzaperdite"). */
  senzaPerdite?: ConfrontoSenzaPerdite[];
  pannello?: RisultatoPannello;
  durataMs: number;
}

interface Opzioni {
  dimensioni: number[];
  parti: Set<string>;
  cliMax: number;
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
  return {
    dimensioni: numeri(valore("--dimensioni") ?? "1000,10000,100000"),
    parti: new Set((valore("--solo") ?? "motore,adattatore,cli,senzaperdite,pannello").split(",")),
    cliMax: Number(valore("--cli-max") ?? 10_000),
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

async function misuraCli(bin: string, tmp: string, p: RisultatoPrepara): Promise<MisuraCli> {
  const file = (p.xlsx as NonNullable<RisultatoPrepara["xlsx"]>).file;
  const env = { ...process.env, NODE_PATH: NODE_MODULES };
  const ripetizioni = ripetizioniCli(p.n);
  const m: MisuraCli = {
    n: p.n,
    ripetizioni,
    cliMs: [],
    exceljsMs: [],
    exceljsClasseMs: [],
    cliMaxRssKb: [],
    exceljsMaxRssKb: [],
    exceljsFasi: [],
    byteIngresso: p.xlsx?.byte ?? 0,
    byteUscita: 0,
  };
  const out = join(tmp, `ricalcolato-${p.n}.xlsx`);
  const copia = join(tmp, `copia-exceljs-${p.n}.xlsx`);
  for (let r = 0; r < ripetizioni; r++) {
    // Interleaved, so that a slower moment of the machine weighs on both alike.
    const cli = await esegui(process.execPath, ["-r", MAXRSS, bin, "ricalcola", file, "--out", out, "--json"], {
      env,
      stdoutFile: join(tmp, `cli-${p.n}.json`),
      maxRssFile: join(tmp, "maxrss-cli"),
    });
    if (cli.codice !== 0) throw new Error(`barometro ricalcola ${file}: codice ${cli.codice}\n${cli.stderr}`);
    const json = JSON.parse(readFileSync(join(tmp, `cli-${p.n}.json`), "utf8")) as { linee: unknown[] };
    if (json.linee.length === 0) throw new Error(`barometro ricalcola ${file}: nessuna linea`);
    m.cliMs.push(cli.ms);
    if (cli.maxRssKb) m.cliMaxRssKb.push(cli.maxRssKb);
    const solo = await esegui(process.execPath, ["-r", MAXRSS, join(__dirname, "exceljs-solo.js"), file, copia], {
      env,
      maxRssFile: join(tmp, "maxrss-exceljs"),
    });
    if (solo.codice !== 0) throw new Error(`ExcelJS da solo su ${file}: codice ${solo.codice}\n${solo.stderr}`);
    m.exceljsMs.push(solo.ms);
    if (solo.maxRssKb) m.exceljsMaxRssKb.push(solo.maxRssKb);
    m.exceljsFasi.push(JSON.parse(solo.stdout.trim()));
    const classe = await esegui(process.execPath, [join(__dirname, "exceljs-solo.js"), "--classe", file, copia], {
      env,
    });
    if (classe.codice !== 0)
      throw new Error(`ExcelJS da solo (--classe) su ${file}: codice ${classe.codice}\n${classe.stderr}`);
    m.exceljsClasseMs.push(classe.ms);
    log(
      `  cli ${p.n}: ${millisecondi(cli.ms)}, ExcelJS da solo ${millisecondi(solo.ms)}, ` +
        `con la sola classe Workbook ${millisecondi(classe.ms)}`
    );
  }
  m.byteUscita = readFileSync(out).length;
  // The breakdown reads the file once more: at most 10,000 rows (minutes beyond, see PRESTAZIONI.md).
  if (p.n <= 10_000) m.fasi = await eseguiParte<FasiCli>("cli-fasi.ts", [file, join(tmp, `fasi-${p.n}.xlsx`)]);
  return m;
}

/** One size: the floor and the lossless access, each in its own process (time in process, wall clock, peak RSS). */
export interface ConfrontoSenzaPerdite {
  n: number;
  pavimento: MisuraSenzaPerdite & { processoMs: number; maxRssKb: number | null };
  accesso: MisuraSenzaPerdite & { processoMs: number; maxRssKb: number | null };
}

async function misuraSenzaPerdite(tmp: string, p: RisultatoPrepara): Promise<ConfrontoSenzaPerdite> {
  const file = (p.xlsx as NonNullable<RisultatoPrepara["xlsx"]>).file;
  const una = async (modo: "pavimento" | "senza-perdite") => {
    const { cmd, args } = comandoTs(
      "senza-perdite.ts",
      [modo, file, join(tmp, `${modo}-${p.n}.xlsx`)],
      ["-r", MAXRSS, "--max-old-space-size=8192"]
    );
    const e = await esegui(cmd, args, { env: AMBIENTE_TS, maxRssFile: join(tmp, `maxrss-${modo}`) });
    if (e.codice !== 0) throw new Error(`senza-perdite.ts ${modo} ${file}: codice ${e.codice}\n${e.stderr}`);
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
    "CLI",
    "ExcelJS",
    "sovraccarico"
  );
  for (const n of r.dimensioni) {
    const mo = r.motore.find((x) => x.n === n);
    const pr = r.prepara.find((x) => x.n === n);
    const c = r.cli.find((x) => x.n === n);
    const cli = c ? mediana(c.cliMs) : NaN;
    const xl = c ? mediana(c.exceljsMs) : NaN;
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
      c ? millisecondi(xl) : "—",
      c ? `${decimale(((cli - xl) / xl) * 100, 0)}%` : "—"
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
    cliSaltate: [],
    durataMs: 0,
  };
  try {
    const serveCli = opzioni.parti.has("cli");
    const bin = serveCli ? compilaCli(tmp) : "";
    for (const n of opzioni.dimensioni) {
      const conCli = serveCli && n <= opzioni.cliMax;
      const conXlsx = conCli || opzioni.parti.has("senzaperdite");
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
      if (conCli) {
        log(`${intero(n)} righe: riga di comando e ExcelJS da solo`);
        risultati.cli.push(await misuraCli(bin, tmp, p));
      } else if (serveCli) {
        risultati.cliSaltate.push({
          n,
          motivo: `oltre --cli-max ${intero(opzioni.cliMax)}: ExcelJS da solo impiega minuti a leggere il file (vedi le osservazioni)`,
        });
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
