/**
 * The task pane in the browser, in a child process: production build of the add-in (webpack, as
 * `npm run build`, into a temporary folder), size of the JavaScript taskpane.html loads (raw and
 * gzip), and the time to first render in headless Chromium (Debian's, via playwright-core).
 * Optionally the workbench too (the full pane over the sample workbook in the fake Excel).
 *
 *   ts-node scripts/bench/pannello.ts CARTELLA [--workbench] [--corse N]
 *
 * What "first render" means here, exactly:
 *  - taskpane.html served by a local HTTP server on 127.0.0.1; the office.js request to Microsoft's
 *    CDN is aborted (page.route), so the page falls back at once to its "outside Excel" view
 *    (src/taskpane/index.tsx → FuoriDaExcel). Office.js's own download and Office.onReady()'s
 *    handshake with Excel are NOT included: they only exist inside Excel.
 *  - each run uses a new browser context (empty cache), so functions.js and taskpane.js are
 *    downloaded, parsed and run every time;
 *  - times are from navigation start (performance.timeOrigin): "titolo" is the first animation
 *    frame in which the h1 "Barometro" is in the document (checked at every frame by a script
 *    installed before the page's own), "FCP" is Chromium's first-contentful-paint (the page shows
 *    nothing before React renders, so it is when that text is first painted).
 *  - workbench: the same, until the list of lines is in the document: it includes fetching the
 *    sample .xlsx, ExcelJS parsing it in the browser, the adapter's read and the engine.
 * Prints one JSON line (RisultatoPannello).
 */
import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";
import { Browser } from "playwright-core";
import { avviaChromium } from "../../test/e2e/chromium";
import { serviCartella } from "../../test/e2e/server";
import { mediana, RADICE } from "./comune";

export interface FileBundle {
  file: string;
  byte: number;
  gzip: number;
}

export interface TempiRender {
  corse: number;
  /** Medians, ms from navigation start. */
  titolo: number | null;
  fcp: number | null;
  domContentLoaded: number | null;
  linee?: number | null;
  tutti: { titolo: number | null; fcp: number | null; linee?: number | null }[];
}

export interface RisultatoPannello {
  buildMs: number;
  js: FileBundle[];
  totaleJs: { byte: number; gzip: number };
  render: TempiRender;
  workbench?: { buildMs: number; js: FileBundle; render: TempiRender };
  chromium: string;
}

/** Records, at every animation frame, when the elements we wait for first appear. */
const SONDA = `
  window.__bench = {};
  const controlla = () => {
    const b = window.__bench, t = performance.now();
    if (b.titolo === undefined) {
      const h = document.querySelector("h1");
      if (h && h.textContent.trim() === "Barometro") b.titolo = t;
    }
    if (b.linee === undefined && document.querySelector('ul[aria-labelledby="barometro-titolo-linee"] li')) b.linee = t;
    if (b.titolo === undefined || b.linee === undefined) requestAnimationFrame(controlla);
  };
  requestAnimationFrame(controlla);
`;

function dimensione(cartella: string, file: string): FileBundle {
  const dati = readFileSync(join(cartella, file));
  return { file, byte: dati.length, gzip: gzipSync(dati).length };
}

async function misuraRender(
  browser: Browser,
  url: string,
  corse: number,
  attendi: "titolo" | "linee"
): Promise<TempiRender> {
  const tutti: TempiRender["tutti"] = [];
  const dcl: number[] = [];
  for (let i = 0; i < corse; i++) {
    const contesto = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await contesto.newPage();
    await page.route(
      /^https:\/\/(appsforoffice\.microsoft\.com|officeapis\.public\.onecdn\.static\.microsoft)\//,
      (r) => r.abort()
    );
    await page.addInitScript(SONDA);
    await page.goto(url);
    // A function, not a string: the pages' CSP forbids eval, which a string predicate would need.
    await page.waitForFunction(
      (k) => {
        const b = (window as unknown as { __bench?: Record<string, number> }).__bench;
        return b !== undefined && b[k] !== undefined;
      },
      attendi,
      { timeout: 120_000, polling: 50 }
    );
    // FCP is reported after the paint: give it a frame or two.
    await page.waitForTimeout(100);
    const m = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { titolo?: number; linee?: number } }).__bench;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      return { titolo: b.titolo ?? null, linee: b.linee ?? null, fcp, dcl: nav?.domContentLoadedEventEnd ?? null };
    });
    tutti.push(
      attendi === "linee" ? { titolo: m.titolo, fcp: m.fcp, linee: m.linee } : { titolo: m.titolo, fcp: m.fcp }
    );
    if (m.dcl !== null) dcl.push(m.dcl);
    await contesto.close();
  }
  const med = (k: "titolo" | "fcp" | "linee") => {
    const v = tutti.map((t) => t[k]).filter((x): x is number => typeof x === "number");
    return v.length ? mediana(v) : null;
  };
  return {
    corse,
    titolo: med("titolo"),
    fcp: med("fcp"),
    domContentLoaded: dcl.length ? mediana(dcl) : null,
    ...(attendi === "linee" ? { linee: med("linee") } : {}),
    tutti,
  };
}

async function main(): Promise<void> {
  const [cartella, ...opzioni] = process.argv.slice(2);
  const i = opzioni.indexOf("--corse");
  const corse = i >= 0 ? Number(opzioni[i + 1]) : 5;
  const conWorkbench = opzioni.includes("--workbench");

  const dist = join(cartella, "dist");
  let t = performance.now();
  execFileSync("npx", ["webpack", "--mode", "production", "--output-path", dist], { cwd: RADICE, stdio: "pipe" });
  const buildMs = performance.now() - t;
  const html = readFileSync(join(dist, "taskpane.html"), "utf8");
  const script = [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)]
    .map((m) => m[1])
    .filter((s) => !/^https?:/.test(s));
  const js = script.map((s) => dimensione(dist, s));

  const browser = await avviaChromium();
  let risultato: RisultatoPannello;
  try {
    const server = await serviCartella(dist);
    try {
      const render = await misuraRender(browser, `${server.url}taskpane.html`, corse, "titolo");
      risultato = {
        buildMs,
        js,
        totaleJs: { byte: js.reduce((s, f) => s + f.byte, 0), gzip: js.reduce((s, f) => s + f.gzip, 0) },
        render,
        chromium: browser.version(),
      };
    } finally {
      await server.chiudi();
    }

    if (conWorkbench) {
      const distW = join(cartella, "dist-workbench");
      t = performance.now();
      execFileSync(
        "npx",
        ["webpack", "--config", "webpack.workbench.config.js", "--mode", "production", "--env", `outDir=${distW}`],
        { cwd: RADICE, stdio: "pipe" }
      );
      const buildW = performance.now() - t;
      const serverW = await serviCartella(distW);
      try {
        const render = await misuraRender(browser, serverW.url, corse, "linee");
        risultato.workbench = { buildMs: buildW, js: dimensione(distW, "workbench.js"), render };
      } finally {
        await serverW.chiudi();
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(risultato) + "\n");
}

main().catch((e) => {
  const dettaglio = e && typeof e === "object" && "stderr" in e ? `\n${String((e as { stderr: unknown }).stderr)}` : "";
  process.stderr.write(`${e instanceof Error ? e.stack : e}${dettaglio}\n`);
  process.exit(1);
});
