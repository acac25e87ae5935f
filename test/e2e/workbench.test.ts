/**
 * End to end in headless Chromium (Debian's chromium, driven by playwright-core): the workbench
 * runs the real task pane, adapter and engine over the bundled sample loaded into an in-memory Excel.
 * Screenshots go to test-output/.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import ExcelJS from "exceljs";
import { Browser, chromium, Page } from "playwright-core";
import { serviCartella } from "./server";

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUTPUT = join(ROOT, "test-output");
const XSS = "<img src=x onerror=alert(1)>";
const ROSSO = "#F8696B";
const VERDE = "#63BE7B";

let browser: Browser;
let server: { url: string; chiudi: () => Promise<void> };
let dialoghi: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium non trovato in ${CHROMIUM}: installarlo con «apt-get install -y chromium» (o impostare CHROMIUM_PATH).`
    );
  }
  mkdirSync(OUTPUT, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), "barometro-workbench-"));
  execFileSync(
    "npx",
    ["webpack", "--config", "webpack.workbench.config.js", "--mode", "production", "--env", `outDir=${out}`],
    {
      cwd: ROOT,
      stdio: "pipe",
    }
  );
  await scriviCampioneXss(join(out, "assets/xss.xlsx"));
  server = await serviCartella(out);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.chiudi();
});

/** The sample with markup in a line title and an indicator name: it must show as text. */
async function scriviCampioneXss(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(ROOT, "assets/relazione-performance-2024.xlsx"));
  const ws = wb.getWorksheet("Obiettivi 2024")!;
  ws.eachRow((row) => {
    if (row.getCell(1).value === "LINEA STRATEGICA SULLO SPORT") row.getCell(1).value = `LINEA STRATEGICA ${XSS}`;
    if (row.getCell(4).value === "Aumento spazi palestre cittadine") row.getCell(4).value = XSS;
  });
  await wb.xlsx.writeFile(file);
}

async function apri(query = ""): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  dialoghi = [];
  page.on("dialog", async (d) => {
    dialoghi.push(d.message());
    await d.dismiss();
  });
  await page.goto(server.url + query);
  await page.getByRole("list", { name: "Linee strategiche" }).waitFor({ timeout: 60_000 });
  return page;
}

/** The sheet row (1-based) of the cell in column D whose text is `testo`. */
async function rigaDi(page: Page, testo: string): Promise<number> {
  const indirizzo = await page.locator("td[data-cella^='D']", { hasText: testo }).first().getAttribute("data-cella");
  return Number(indirizzo!.slice(1));
}

const colore = (page: Page, cella: string) => page.locator(`td[data-cella="${cella}"]`).getAttribute("data-colore");

describe("workbench: the task pane over the sample workbook", () => {
  let page: Page;
  beforeAll(async () => {
    page = await apri();
  });
  afterAll(async () => page?.close());

  it("lists the 10 lines with the ente figure on top", async () => {
    const linee = page.getByRole("list", { name: "Linee strategiche" }).getByRole("button");
    expect(await linee.count()).toBe(10);
    await expect(page.getByText("92,50%").first().isVisible()).resolves.toBe(true);
    await expect(linee.filter({ hasText: "LINEA STRATEGICA SULLO SPORT" }).innerText()).resolves.toContain("84,44%");
  });

  it("selects a line, recalculates it and colours its Barometro cells in the sheet", async () => {
    const sport = page.getByRole("button", { name: /LINEA STRATEGICA SULLO SPORT/ });
    await sport.click();
    expect(await sport.getAttribute("aria-pressed")).toBe("true");

    const palestre = await rigaDi(page, "Aumento spazi palestre cittadine");
    const piscine = await rigaDi(page, "Monitoraggio gestione complessiva piscine comunali");
    const ambiente = await rigaDi(page, "Sportello energia");
    expect(await colore(page, `N${palestre}`)).toBe("");

    await page.getByRole("button", { name: /^Ricalcola linea/ }).click();
    await page.getByText("LINEA STRATEGICA SULLO SPORT: 84,44% — 1 avviso").waitFor();
    expect(await colore(page, `N${palestre}`)).toBe(ROSSO); // 500 / 1200 → 41,67
    expect(await colore(page, `N${piscine}`)).toBe(VERDE);
    expect(await colore(page, `N${ambiente}`)).toBe(""); // another line: untouched
    expect(await page.locator(`td[data-cella="M${palestre}"]`).innerText()).toBe("42"); // "0" format, unrounded inside
    await page.locator(`td[data-cella="N${palestre}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, "workbench-ricalcola-linea.png") });
  });

  it("shows Verifica with a badge and selects a finding's cell when clicked", async () => {
    const scheda = page.getByRole("tab", { name: /^Verifica/ });
    expect(await scheda.innerText()).toContain("15");
    await scheda.click();
    const avviso = page.getByRole("button", { name: /Obiettivi 2024!L15\s*PESI_NON_100/ });
    await avviso.click();
    const l15 = page.locator('td[data-cella="L15"]');
    await expect(l15.evaluate((td) => getComputedStyle(td).boxShadow)).resolves.toContain("inset");
    await page.screenshot({ path: join(OUTPUT, "workbench-verifica.png") });
  });
});

describe("workbench: cell text is never markup", () => {
  it("renders <img src=x onerror=alert(1)> as text in the pane and in the sheet", async () => {
    const page = await apri("?file=xss.xlsx");
    await page.getByRole("button", { name: /^Ricalcola tutto/ }).click();
    await page.getByText(/^10 linee ricalcolate/).waitFor();
    expect(await page.getByText(`LINEA STRATEGICA ${XSS}`).count()).toBeGreaterThan(0);
    expect(await page.locator("td", { hasText: XSS }).count()).toBeGreaterThan(0);
    expect(await page.locator("img").count()).toBe(0);
    expect(dialoghi).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, "workbench-xss.png") });
    await page.close();
  });
});
