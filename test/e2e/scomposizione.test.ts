/**
 * «Perché questo numero» end to end, in headless Chromium over the workbench: the breakdown of
 * Sport's 84,44 in a pane 320 px wide (Excel's narrowest) and at 200 % zoom (160 CSS px), with the
 * mouse and from the keyboard; a click selects the cell in the drawn sheet. Screenshots go to
 * test-output/ (scomposizione-320.png, scomposizione-200.png).
 */
import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { Browser, Page } from "playwright-core";
import { avviaChromium } from "./chromium";
import { serviCartella } from "./server";

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, "../..");
const OUTPUT = join(ROOT, "test-output");
const SPORT = "LINEA STRATEGICA SULLO SPORT";
const PISCINE = "Monitoraggio progetto riqualificazione piscine comunali";
const PALESTRE = "Aumento spazi palestre cittadine";

let browser: Browser;
let server: { url: string; chiudi: () => Promise<void> };

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), "barometro-scomposizione-"));
  execFileSync(
    "npx",
    ["webpack", "--config", "webpack.workbench.config.js", "--mode", "production", "--env", `outDir=${out}`],
    { cwd: ROOT, stdio: "pipe" }
  );
  server = await serviCartella(out);
  browser = await avviaChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.chiudi();
});

/** The workbench with the task pane `larghezza` CSS px wide (Excel's pane: 320 px at 100 %). */
async function apri(larghezza: number, scala = 1): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: scala });
  await page.goto(server.url);
  await page.getByRole("list", { name: "Linee strategiche" }).waitFor({ timeout: 60_000 });
  await page.addStyleTag({ content: `aside { width: ${larghezza}px !important; }` });
  return page;
}

const riquadro = (page: Page) => page.getByRole("complementary", { name: "Riquadro attività Barometro" });

/** Nothing in the pane is wider than the pane: no sideways scrolling (WCAG 1.4.10). */
const debordo = (page: Page) => riquadro(page).evaluate((a) => ({ scroll: a.scrollWidth, client: a.clientWidth }));

/** The sheet cell drawn as selected (the workbench tints the selection). */
const selezionate = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("td[data-cella]")]
      .filter((td) => getComputedStyle(td).boxShadow.includes("rgba(0, 120, 212"))
      .map((td) => td.dataset.cella)
  );

const fermo = (page: Page) =>
  page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));

describe("the breakdown of a line at 320 px", () => {
  let page: Page;
  beforeAll(async () => {
    page = await apri(320);
  });
  afterAll(async () => page?.close());

  it("opens Sport's 84,44 into its objectives and indicators, within the pane's width", async () => {
    const pulsante = riquadro(page).locator("button", { hasText: "Perché 84,44%?" });
    await pulsante.click();
    const regione = page.getByRole("region", { name: `Scomposizione della percentuale di ${SPORT}` });
    await regione.waitFor();
    await expect(regione.innerText()).resolves.toContain("Media aritmetica di 3 obiettivi conteggiati");
    const piscine = regione.getByRole("listitem").filter({ hasText: PISCINE }).first();
    await piscine.getByRole("button", { name: "2 indicatori" }).click();
    const indicatori = regione.getByRole("list", { name: `Indicatori di ${PISCINE}` });
    await expect(indicatori.innerText()).resolves.toContain("500 / 1.200 × 100 = 41,67");
    await expect(indicatori.innerText()).resolves.toContain("33,33 punti");
    const { scroll, client } = await debordo(page);
    expect(scroll).toBeLessThanOrEqual(client);
    await regione.scrollIntoViewIfNeeded();
    await fermo(page);
    await riquadro(page).screenshot({ path: join(OUTPUT, "scomposizione-320.png") });
  });

  it("selects the indicator's cell in the sheet on click", async () => {
    const regione = page.getByRole("region", { name: `Scomposizione della percentuale di ${SPORT}` });
    await regione.getByRole("button", { name: new RegExp(`^${PALESTRE}`) }).click();
    const celle = await selezionate(page);
    expect(celle).toHaveLength(1);
    const riga = Number(celle[0]!.replace(/^[A-Z]+/, ""));
    await expect(page.locator(`td[data-cella="D${riga}"]`).innerText()).resolves.toBe(PALESTRE);
  });

  it("from the keyboard: Enter opens, Tab enters with a visible focus, Escape closes and gives the focus back", async () => {
    const pulsante = riquadro(page).locator("button", { hasText: "Perché 84,44%?" });
    // Closed first (the previous test left it open).
    await pulsante.focus();
    await page.keyboard.press("Escape");
    await expect(pulsante.getAttribute("aria-expanded")).resolves.toBe("false");
    await page.keyboard.press("Enter");
    await expect(pulsante.getAttribute("aria-expanded")).resolves.toBe("true");
    await page.keyboard.press("Tab");
    const attivo = () =>
      page.evaluate(() => {
        const e = document.activeElement as HTMLElement;
        const s = getComputedStyle(e);
        return { testo: e.innerText, outline: `${s.outlineStyle} ${s.outlineWidth}` };
      });
    const primo = await attivo();
    expect(primo.testo).toMatch(new RegExp(`^${SPORT}`));
    expect(primo.outline).toBe("solid 2px");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const terzo = await attivo();
    expect(terzo.outline).toBe("solid 2px");
    await fermo(page);
    await riquadro(page).screenshot({ path: join(OUTPUT, "scomposizione-320-tastiera.png") });
    await page.keyboard.press("Escape");
    await expect(pulsante.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect(pulsante.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
  });
});

describe("the breakdown at 200 % zoom (the 320 px pane is 160 CSS px)", () => {
  it("reflows: no sideways scrolling with objectives and indicators open", async () => {
    const page = await apri(160, 2);
    try {
      await riquadro(page).locator("button", { hasText: "Perché 84,44%?" }).click();
      const regione = page.getByRole("region", { name: `Scomposizione della percentuale di ${SPORT}` });
      await regione
        .getByRole("listitem")
        .filter({ hasText: PISCINE })
        .first()
        .getByRole("button", { name: "2 indicatori" })
        .click();
      const { scroll, client } = await debordo(page);
      expect(scroll).toBeLessThanOrEqual(client);
      await regione.getByRole("list", { name: `Indicatori di ${PISCINE}` }).scrollIntoViewIfNeeded();
      await fermo(page);
      await riquadro(page).screenshot({ path: join(OUTPUT, "scomposizione-200.png") });
    } finally {
      await page.close();
    }
  });
});
