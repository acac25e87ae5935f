/**
 * The task pane's Content-Security-Policy, checked in headless Chromium (Debian's chromium, driven
 * by playwright-core) on production builds made for this test in a temporary folder:
 *  - the built taskpane.html declares the policy before any script, and loads no script from
 *    outside its own origin but Office.js;
 *  - the page renders under it with no violation (office.js's request is aborted: outside Excel
 *    the page shows its "outside Excel" view, src/taskpane/components/FuoriDaExcel.tsx);
 *  - the policy is enforced (an inline script and a script from another origin are refused);
 *  - the whole pane (the workbench bundle: App, tabs, settings form, over the sample workbook in the
 *    fake Excel) works under the very same policy: recalculating, switching tabs, saving settings.
 * A violation counts whether Chromium reports it as a securitypolicyviolation event or on the console.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { Browser, Page } from "playwright-core";
import { avviaChromium } from "../e2e/chromium";
import { serviCartella } from "../e2e/server";

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, "../..");
const OUTPUT = join(ROOT, "test-output");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Office.js's CDN hosts: the only origins besides the add-in's own that may serve scripts. */
const HOST_OFFICE = ["https://appsforoffice.microsoft.com", "https://officeapis.public.onecdn.static.microsoft"];

let tmp: string;
let browser: Browser;
let html: string;
let politica: string;
let pane: { url: string; chiudi: () => Promise<void> };
let banco: { url: string; chiudi: () => Promise<void> };

/** The policy's directives: name → sources. */
function direttive(testo: string): Map<string, string[]> {
  return new Map(
    testo
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([nome, ...fonti]) => [nome.toLowerCase(), fonti])
  );
}

function metaCsp(documento: string): { tag: string; contenuto: string; posizione: number } {
  const m = /<meta\s[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i.exec(documento);
  if (!m) throw new Error("nessun <meta http-equiv=Content-Security-Policy>");
  const contenuto = /\scontent=("([^"]*)"|'([^']*)')/i.exec(m[0]);
  if (!contenuto) throw new Error("meta CSP senza content");
  return { tag: m[0], contenuto: contenuto[2] ?? contenuto[3], posizione: m.index };
}

/** A production build with webpack; on failure, webpack's own report in the error. */
function compila(argomenti: string[]): void {
  try {
    execFileSync("npx", ["webpack", ...argomenti], { cwd: ROOT, stdio: "pipe", encoding: "utf8" });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    const errori = `${stdout ?? ""}\n${stderr ?? ""}`.split("\n").filter((r) => /error/i.test(r));
    throw new Error(`webpack ${argomenti.join(" ")} non è riuscito:\n${errori.slice(0, 20).join("\n")}`);
  }
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "barometro-csp-"));
  const dist = join(tmp, "dist");
  const distBanco = join(tmp, "dist-workbench");
  compila(["--mode", "production", "--output-path", dist]);
  compila(["--config", "webpack.workbench.config.js", "--mode", "production", "--env", `outDir=${distBanco}`]);
  html = readFileSync(join(dist, "taskpane.html"), "utf8");
  const meta = metaCsp(html);
  politica = meta.contenuto;
  // The workbench page with the task pane's policy in place of its own: the whole pane under it.
  const indice = join(distBanco, "index.html");
  const paginaBanco = readFileSync(indice, "utf8");
  writeFileSync(indice, paginaBanco.replace(metaCsp(paginaBanco).tag, meta.tag));

  pane = await serviCartella(dist);
  banco = await serviCartella(distBanco);
  browser = await avviaChromium();
});

afterAll(async () => {
  await browser?.close();
  await pane?.chiudi();
  await banco?.chiudi();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Aperta {
  page: Page;
  violazioni: () => Promise<string[]>;
  richiesteEsterne: string[];
}

/** Opens a page collecting CSP violations; office.js (and anything else not on 127.0.0.1) is aborted. */
async function apri(url: string): Promise<Aperta> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const console: string[] = [];
  const richiesteEsterne: string[] = [];
  page.on("console", (m) => {
    if (/content security policy/i.test(m.text())) console.push(`console: ${m.text()}`);
  });
  await page.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => {
    richiesteEsterne.push(route.request().url());
    return route.abort();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violazioni: string[] };
    w.__violazioni = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__violazioni.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`.trim())
    );
  });
  await page.goto(url);
  return {
    page,
    richiesteEsterne,
    violazioni: async () => [
      ...(await page.evaluate(() => (window as unknown as { __violazioni: string[] }).__violazioni)),
      ...console,
    ],
  };
}

describe("Content-Security-Policy of the task pane", () => {
  it("is declared in the built taskpane.html before any script, with the least sources that work", () => {
    const meta = metaCsp(html);
    expect(meta.posizione).toBeLessThan(html.search(/<script/i));
    const d = direttive(politica);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("script-src")).toEqual(["'self'", ...HOST_OFFICE]);
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'none'"]);
    // frame-ancestors is ignored in a meta tag: it belongs to the hosting server's HTTP headers.
    expect(d.has("frame-ancestors")).toBe(false);
    for (const fonti of d.values()) {
      expect(fonti).not.toContain("'unsafe-eval'");
      expect(fonti).not.toContain("*");
      expect(fonti.filter((f) => /^(https?:)?$/.test(f))).toEqual([]);
    }
  });

  it("loads no script or stylesheet from outside the add-in's origin except Office.js", () => {
    const script = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/gi)].map((m) => m[1]);
    const esterni = script.filter((s) => /^(https?:)?\/\//i.test(s));
    expect(esterni).toEqual([OFFICE_JS]);
    const locali = script.filter((s) => !esterni.includes(s));
    expect(locali).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
    for (const s of locali) expect(existsSync(join(tmp, "dist", s))).toBe(true);
    const fogli = [...html.matchAll(/<link[^>]*\shref=["']?([^"' >]+)/gi)].map((m) => m[1]);
    expect(fogli.filter((s) => /^(https?:)?\/\//i.test(s))).toEqual([]);
  });

  it("renders the page outside Excel with no violation", async () => {
    const { page, violazioni, richiesteEsterne } = await apri(`${pane.url}taskpane.html`);
    await page.getByRole("heading", { name: "Barometro" }).waitFor({ timeout: 60_000 });
    await expect(page.getByText(/Barometro funziona dentro Excel/).isVisible()).resolves.toBe(true);
    await page.waitForTimeout(300);
    expect(await violazioni()).toEqual([]);
    expect(richiesteEsterne).toEqual([OFFICE_JS]);
    await page.close();
  });

  it("is enforced: an inline script and a script from another origin are refused", async () => {
    const { page, violazioni } = await apri(`${pane.url}taskpane.html`);
    await page.getByRole("heading", { name: "Barometro" }).waitFor({ timeout: 60_000 });
    await page.evaluate(() => {
      const inline = document.createElement("script");
      inline.textContent = "window.__eseguito = true;";
      document.head.appendChild(inline);
      const esterno = document.createElement("script");
      esterno.src = "https://cdn.example.org/x.js";
      document.head.appendChild(esterno);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __eseguito?: boolean }).__eseguito)).toBeUndefined();
    const v = await violazioni();
    expect(v.some((x) => x.startsWith("script-src-elem inline"))).toBe(true);
    expect(v.some((x) => x.startsWith("script-src-elem https://cdn.example.org/x.js"))).toBe(true);
    await page.close();
  });

  it("lets the whole pane work under the same policy: read, Ricalcola tutto, Verifica, Impostazioni", async () => {
    const { page, violazioni, richiesteEsterne } = await apri(banco.url);
    await page.getByRole("list", { name: "Linee strategiche" }).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: /^Ricalcola tutto/ }).click();
    await page.getByText(/^10 linee ricalcolate/).waitFor();
    await page.getByRole("tab", { name: /^Verifica/ }).click();
    await page.getByRole("tab", { name: /^Impostazioni/ }).click();
    await page.getByRole("button", { name: "Salva" }).click();
    await page.waitForTimeout(300);
    expect(await violazioni()).toEqual([]);
    expect(richiesteEsterne).toEqual([]);
    await page.close();
  });
});

describe("the help page the add-in serves (aiuto.html, from the README)", () => {
  const URL_PRODUZIONE = "https://barometro.comune.example.it/";
  const dist = () => join(tmp, "dist");

  it("is where the production manifest and functions.json point: every link to the add-in is an emitted file", () => {
    const manifest = readFileSync(join(dist(), "manifest.xml"), "utf8");
    const funzioni = JSON.parse(readFileSync(join(dist(), "functions.json"), "utf8")) as {
      functions: { id: string; helpUrl: string }[];
    };
    const collegamenti = [
      ...[...manifest.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]),
      ...funzioni.functions.map((f) => f.helpUrl),
    ].filter((u) => u.startsWith(URL_PRODUZIONE));
    expect(collegamenti.length).toBeGreaterThan(15);
    for (const u of collegamenti) expect(existsSync(join(dist(), new URL(u).pathname))).toBe(true);

    const aiuto = readFileSync(join(dist(), "aiuto.html"), "utf8");
    expect(manifest).toContain(`<SupportUrl DefaultValue="${URL_PRODUZIONE}aiuto.html" />`);
    for (const f of funzioni.functions) {
      expect(f.helpUrl).toBe(`${URL_PRODUZIONE}aiuto.html#perf${f.id.toLowerCase()}`);
      // (The production build minifies the page: attribute quotes may go.)
      expect(aiuto).toMatch(new RegExp(`<h3 id="?perf${f.id.toLowerCase()}"?>PERF\\.${f.id}</h3>`));
    }
    expect(`${manifest}${JSON.stringify(funzioni)}`).not.toMatch(/github\.com\/comune|localhost/);
  });

  it("renders with no script and no violation, each function's section reachable from its anchor", async () => {
    const aiuto = readFileSync(join(dist(), "aiuto.html"), "utf8");
    expect(aiuto).not.toMatch(/<script/i);
    expect(direttive(metaCsp(aiuto).contenuto).get("default-src")).toEqual(["'none'"]);
    const { page, violazioni, richiesteEsterne } = await apri(`${pane.url}aiuto.html#perfragg`);
    await page.getByRole("heading", { name: "PERF.RAGG" }).waitFor();
    expect(await page.getByRole("heading", { level: 2 }).allInnerTexts()).toEqual([
      "In Excel",
      "Regole di calcolo",
      "Verifica",
      "Come Barometro legge il foglio",
      "Funzioni",
    ]);
    // The anchor scrolled the page to the function's heading.
    expect(await page.evaluate(() => document.getElementById("perfragg")!.getBoundingClientRect().top)).toBeLessThan(
      50
    );
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, "aiuto-perf-ragg.png") });
    expect(await violazioni()).toEqual([]);
    expect(richiesteEsterne).toEqual([]);
    await page.close();
  });
});
