/**
 * Diagnostica end to end in headless Chromium (Debian's chromium, playwright-core) on the workbench:
 * the real pane, adapter, use case and PERF implementation over the sample loaded in the in-memory
 * Excel. The pane is 320 px wide, as in a narrow Excel task pane; then 200 % zoom (160 CSS px).
 * Screenshots go to test-output/.
 */
import { bancoDiProva } from "./banco";
import { mkdirSync } from "fs";
import { join, resolve } from "path";
import { Browser, Page } from "playwright-core";
import { avviaChromium } from "./chromium";
import { serviCartella } from "./server";

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, "../..");
const OUTPUT = join(ROOT, "test-output");
const RIQUADRO = 'aside[aria-label="Riquadro attività Barometro"]';

let browser: Browser;
let server: { url: string; chiudi: () => Promise<void> };

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  const out = bancoDiProva("diagnostica");
  server = await serviCartella(out);
  browser = await avviaChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.chiudi();
});

/** The workbench with the task pane `larghezza` CSS pixels wide, on the Impostazioni tab. */
async function apri(larghezza: number, scala = 1, altezza = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: altezza }, deviceScaleFactor: scala });
  const errori: string[] = [];
  page.on("pageerror", (e) => errori.push(e.message));
  page.on("dialog", (d) => void d.dismiss());
  await page.goto(server.url);
  await page.getByRole("list", { name: "Linee strategiche" }).waitFor({ timeout: 60_000 });
  await page.locator(RIQUADRO).evaluate((el, w) => {
    (el as HTMLElement).style.width = `${w}px`;
  }, larghezza);
  await page.getByRole("tab", { name: "Impostazioni" }).click();
  expect(errori).toEqual([]);
  return page;
}

/** Waits for Fluent's transitions before a screenshot. */
const fermo = (page: Page) =>
  page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));

const schedeFogli = (page: Page) => page.getByRole("tablist", { name: "Fogli" }).getByRole("tab");

/** Wider than its box: something would need a horizontal scroll bar (or be cut). */
const trabocca = (page: Page, selettore: string) =>
  page.locator(selettore).evaluate((el) => el.scrollWidth > el.clientWidth + 1);

describe("workbench: Diagnostica in a 320 px task pane", () => {
  it("every line «riuscito», the sheets unchanged, host and requirement sets shown, nothing cut", async () => {
    const page = await apri(320);
    const fogliPrima = await schedeFogli(page).allInnerTexts();
    const sezione = page.getByRole("region", { name: "Diagnostica" });
    await page.getByRole("button", { name: "Esegui diagnostica" }).click();
    const esiti = page.getByRole("list", { name: "Esiti della diagnostica" }).getByRole("listitem");
    await esiti.first().waitFor();

    const righe = await esiti.allInnerTexts();
    expect(righe).toHaveLength(9);
    for (const riga of righe) expect(riga).toMatch(/^✓\s*riuscito — /);
    await expect(sezione.getByText("Esito: 9 riuscite, 0 non riuscite su 9").isVisible()).resolves.toBe(true);
    await expect(sezione.getByText(/^Excel: Excel \(finto, banco di prova\)/).isVisible()).resolves.toBe(true);
    await expect(sezione.getByText("ExcelApi 1.13 (Barometro richiede 1.13: sì)").isVisible()).resolves.toBe(true);
    expect(await schedeFogli(page).allInnerTexts()).toEqual(fogliPrima);

    expect(await trabocca(page, RIQUADRO)).toBe(false);
    expect(await sezione.evaluate((el) => el.scrollWidth > el.clientWidth + 1)).toBe(false);
    await sezione.scrollIntoViewIfNeeded();
    await fermo(page);
    await sezione.screenshot({ path: join(OUTPUT, "workbench-diagnostica-320.png") });

    // «Copia»: to the clipboard where the page may write it.
    await page.getByRole("button", { name: "Copia" }).click();
    await page.getByText("Rapporto copiato negli appunti.").waitFor();
    // Where the add-in's frame is refused the clipboard (NotAllowedError): the fallback, selected, with focus.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () =>
        Promise.reject(new DOMException("Write permission denied.", "NotAllowedError"));
    });
    await page.getByRole("button", { name: "Copia" }).click();
    const casella = page.getByRole("textbox", { name: "Rapporto della diagnostica" });
    await casella.waitFor();
    await expect(page.getByText(/premi Ctrl\+C/).isVisible()).resolves.toBe(true);
    const selezione = await casella.evaluate((el) => {
      const t = el as HTMLTextAreaElement;
      return { fuoco: document.activeElement === t, da: t.selectionStart, a: t.selectionEnd, n: t.value.length };
    });
    expect(selezione).toEqual({ fuoco: true, da: 0, a: selezione.n, n: expect.any(Number) });
    expect(await casella.inputValue()).toContain("Prove: 9 riuscite, 0 non riuscite su 9");
    await page.close();
  });

  it("keyboard: Tab from «Ripristina predefinite» reaches the button with a visible focus ring, Enter runs it", async () => {
    const page = await apri(320);
    await page.getByRole("button", { name: "Ripristina predefinite" }).focus();
    const bottone = page.getByRole("button", { name: "Esegui diagnostica" });
    for (let i = 0; i < 12 && !(await bottone.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    expect(await bottone.evaluate((b) => b === document.activeElement)).toBe(true);
    // Fluent draws the keyboard focus as an outline on :focus-visible.
    const anello = await bottone.evaluate((b) => {
      const s = getComputedStyle(b, "::after");
      const proprio = getComputedStyle(b);
      return b.matches(":focus-visible") && (s.borderStyle !== "none" || proprio.outlineStyle !== "none");
    });
    expect(anello).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByRole("list", { name: "Esiti della diagnostica" }).waitFor();
    await page.close();
  });

  it("at 200 % zoom (320 device pixels = 160 CSS pixels) the results still fit", async () => {
    // Tall enough for the whole section in one screenshot (the pane scrolls inside the page).
    const page = await apri(160, 2, 1800);
    await page.getByRole("button", { name: "Esegui diagnostica" }).click();
    await page.getByRole("list", { name: "Esiti della diagnostica" }).waitFor();
    const sezione = page.getByRole("region", { name: "Diagnostica" });
    expect(await sezione.evaluate((el) => el.scrollWidth > el.clientWidth + 1)).toBe(false);
    await sezione.scrollIntoViewIfNeeded();
    await fermo(page);
    await sezione.screenshot({ path: join(OUTPUT, "workbench-diagnostica-zoom-200.png") });
    await page.close();
  });
});
