/**
 * `npm run workbench` as a user runs it: the webpack dev server (development build), opened in
 * headless Chromium. The other browser tests use the production build; this one catches what only
 * the development build does, e.g. an `eval` source map the page's CSP blocks (a blank page).
 * The default port is 3100; the test passes `-- --port N` (a free one) to the same npm script.
 */
import { ChildProcess, spawn } from "child_process";
import { request } from "http";
import { createServer } from "net";
import { resolve } from "path";
import { Browser } from "playwright-core";
import { avviaChromium } from "./chromium";

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, "../..");

let server: ChildProcess | undefined;
let uscita = "";
let browser: Browser | undefined;
let url = "";

function portaLibera(): Promise<number> {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once("error", ko);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** Resolves with the status of GET url once the server answers (the dev server holds the request until it has compiled). */
function risponde(url: string): Promise<number | null> {
  return new Promise((ok) => {
    const req = request(url, { timeout: 240_000 }, (res) => {
      res.resume();
      ok(res.statusCode ?? null);
    });
    req.on("error", () => ok(null));
    req.on("timeout", () => {
      req.destroy();
      ok(null);
    });
    req.end();
  });
}

async function attendiServer(url: string): Promise<void> {
  for (;;) {
    if (server?.exitCode !== null) throw new Error(`npm run workbench è terminato:\n${uscita}`);
    const stato = await risponde(url);
    if (stato === 200) return;
    if (stato !== null) throw new Error(`npm run workbench risponde ${stato}:\n${uscita}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  const porta = await portaLibera();
  // Its own process group, so that afterAll stops npm, webpack and the server together.
  server = spawn("npm", ["run", "workbench", "--", "--port", String(porta)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (uscita += d));
  server.stderr!.on("data", (d) => (uscita += d));
  url = `http://127.0.0.1:${porta}/`;
  await attendiServer(url);
  browser = await avviaChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server?.pid && server.exitCode === null) {
    const finito = new Promise((r) => server!.once("exit", r));
    process.kill(-server.pid, "SIGTERM");
    await finito;
    // Whatever of the group outlived npm (webpack, its workers).
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // the group is gone
    }
  }
});

describe("npm run workbench (development server)", () => {
  it("shows the task pane over the sample, with no page or console error (the CSP allows the development build)", async () => {
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    const errori: string[] = [];
    page.on("pageerror", (e) => errori.push(`pageerror: ${e.name}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errori.push(`console: ${m.text()} (${m.location().url})`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) errori.push(`${r.status()}: ${r.url()}`);
    });
    await page.goto(url);
    await page
      .getByRole("button", { name: /Ricalcola tutto/ })
      .waitFor({ timeout: 60_000 })
      .catch(() => undefined);
    expect(errori).toEqual([]);
    await expect(page.getByRole("button", { name: /Ricalcola tutto/ }).isVisible()).resolves.toBe(true);
    await expect(
      page.getByRole("list", { name: "Linee strategiche" }).locator(":scope > li > button[aria-pressed]").count()
    ).resolves.toBe(10);
    await page.close();
  });
});
