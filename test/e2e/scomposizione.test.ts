/**
 * «Perché questo numero» end to end, in headless Chromium over the workbench: the breakdown of
 * Sport's 84,44 in a pane 320 px wide (Excel's narrowest) and at 200 % zoom (160 CSS px), with the
 * mouse and from the keyboard; a click selects the cell in the drawn sheet. Screenshots go to
 * test-output/ (scomposizione-320.png, scomposizione-200.png).
 */
import { bancoDiProva } from "./banco";
import { mkdirSync } from "fs";
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
  const out = bancoDiProva("scomposizione");
  server = await serviCartella(out);
  browser = await avviaChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.chiudi();
});

/** The workbench with the task pane `larghezza` CSS px wide (Excel's pane: 320 px at 100 %). */
async function apri(larghezza: number, scala = 1): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 }, deviceScaleFactor: scala });
  await page.goto(server.url);
  await page.getByRole("list", { name: "Linee strategiche" }).waitFor({ timeout: 60_000 });
  await page.addStyleTag({ content: `aside { width: ${larghezza}px !important; }` });
  return page;
}

const riquadro = (page: Page) => page.getByRole("complementary", { name: "Riquadro attività Barometro" });

/** How wide the pane scrolls, and its width. */
const debordo = (page: Page) => riquadro(page).evaluate((a) => ({ scroll: a.scrollWidth, client: a.clientWidth }));

/** Elements of the open breakdowns that reach past their breakdown's right edge (WCAG 1.4.10: none). */
const fuori = (page: Page) =>
  riquadro(page).evaluate((a) =>
    [...a.querySelectorAll<HTMLElement>("section[id^='barometro-scomposizione-']")].flatMap((regione) => {
      const destra = regione.getBoundingClientRect().right;
      return [...regione.querySelectorAll<HTMLElement>("*")]
        .filter((e) => e.getBoundingClientRect().right > destra + 0.5)
        .map((e) => `${e.tagName} «${e.innerText.slice(0, 40)}»`);
    })
  );

/** The whole breakdown in one picture: the pane grown to its content (it scrolls in Excel). */
async function fotografa(page: Page, nome: string): Promise<void> {
  await page.addStyleTag({
    content:
      "aside { overflow: visible !important; } body, html, #workbench { height: auto !important; } #workbench > * > div { height: auto !important; }",
  });
  await fermo(page);
  await page
    .getByRole("region", { name: `Scomposizione della percentuale di ${SPORT}` })
    .screenshot({ path: join(OUTPUT, nome) });
}

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
    expect(await fuori(page)).toEqual([]);
    await fermo(page);
    await riquadro(page).screenshot({ path: join(OUTPUT, "scomposizione-320-riquadro.png") });
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
  it("shows the whole breakdown of Sport, indicators and findings, in a picture looked at", async () => {
    await riquadro(page).locator("button", { hasText: "Perché 84,44%?" }).click();
    const regione = page.getByRole("region", { name: `Scomposizione della percentuale di ${SPORT}` });
    await regione
      .getByRole("listitem")
      .filter({ hasText: PISCINE })
      .first()
      .getByRole("button", { name: "2 indicatori" })
      .click();
    // The finding on «mancate conformità» (read as lower-is-better, scored ↑) beside its indicator.
    await expect(regione.getByRole("list", { name: "Avvisi della Verifica" }).first().innerText()).resolves.toMatch(
      /^⚠ Avviso: /
    );
    await fotografa(page, "scomposizione-320.png");
  });
});

describe("the breakdown at 200 % zoom (the 320 px pane is 160 CSS px)", () => {
  it("reflows: nothing of the breakdown reaches past the pane, objectives and indicators open", async () => {
    const page = await apri(160, 2);
    try {
      // The pane's own title is wider than 160 px today (a reflow issue of the header, not of the
      // breakdown): opening the breakdown must not add to it, and nothing in it may reach past the edge.
      const prima = await debordo(page);
      await riquadro(page).locator("button", { hasText: "Perché 84,44%?" }).click();
      const regione = page.getByRole("region", { name: `Scomposizione della percentuale di ${SPORT}` });
      await regione
        .getByRole("listitem")
        .filter({ hasText: PISCINE })
        .first()
        .getByRole("button", { name: "2 indicatori" })
        .click();
      expect((await debordo(page)).scroll).toBeLessThanOrEqual(Math.max(prima.scroll, prima.client));
      expect(await fuori(page)).toEqual([]);
      await fotografa(page, "scomposizione-200.png");
    } finally {
      await page.close();
    }
  });
});
