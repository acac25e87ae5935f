/**
 * End to end in headless Chromium (Debian's chromium, driven by playwright-core): the workbench
 * runs the real task pane, adapter and engine over the bundled sample loaded into an in-memory Excel.
 * Screenshots go to test-output/.
 */
import { bancoDiProva } from "./banco";
import { mkdirSync } from "fs";
import { join, resolve } from "path";
import ExcelJS from "exceljs";
import { Browser, Page } from "playwright-core";
import { avviaChromium } from "./chromium";
import { BANDE_PREDEFINITE } from "../../src/engine";
import { serviCartella } from "./server";
import { scriviXlsx } from "../../scripts/bench/cartella";
import { generaCartella } from "../excel/generatore";
import { CAMPIONE } from "../support/campione";

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, "../..");
const OUTPUT = join(ROOT, "test-output");
const XSS = "<img src=x onerror=alert(1)>";
const [VERDE, GIALLO, ROSSO] = BANDE_PREDEFINITE.fasce.map((f) => f.colore.toUpperCase());
const SPORT = "LINEA STRATEGICA SULLO SPORT";
const AMBIENTE = "LINEA STRATEGICA SULL'AMBIENTE";
const GRAFICO = "Barometro.Riepilogo";

let browser: Browser;
let server: { url: string; chiudi: () => Promise<void> };
let dialoghi: string[] = [];

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  const out = bancoDiProva("workbench");
  await scriviCampioneXss(join(out, "assets/xss.xlsx"));
  // 1,000 indicators in 10 lines, Scostamento and % Ragg all 0: two findings a row, 200 a line.
  await scriviXlsx(generaCartella(1_000).foglio, join(out, "assets/grande.xlsx"));
  server = await serviCartella(out);
  browser = await avviaChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.chiudi();
});

/** The sample with markup in a line title and an indicator name: it must show as text. */
async function scriviCampioneXss(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(CAMPIONE);
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

/** Waits for Fluent's transitions (a dialog fading in, a tab's indicator sliding) before a screenshot. */
const fermo = (page: Page) =>
  page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));

const colore = (page: Page, cella: string) => page.locator(`td[data-cella="${cella}"]`).getAttribute("data-colore");
const attributo = (page: Page, cella: string, nome: string) =>
  page.locator(`td[data-cella="${cella}"]`).getAttribute(nome);
/** The sheet tabs of the drawn workbook (the task pane has its own tabs). */
const schedeFogli = (page: Page) => page.getByRole("tablist", { name: "Fogli" }).getByRole("tab");

describe("workbench: the task pane over the sample workbook", () => {
  let page: Page;
  beforeAll(async () => {
    page = await apri();
  });
  afterAll(async () => page?.close());

  it("lists the 10 lines with the ente figure on top", async () => {
    const linee = page.getByRole("list", { name: "Linee strategiche" }).locator(":scope > li > button[aria-pressed]");
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
    // The band's label too (a formula that follows the data, as the colours do), for black-and-white prints.
    expect(await page.locator(`td[data-cella="N${palestre}"]`).innerText()).toBe("Non raggiunto");
    expect(await page.locator(`td[data-cella="N${piscine}"]`).innerText()).toBe("Raggiunto");
    expect(await page.locator(`td[data-cella="N${ambiente}"]`).innerText()).toBe("");
    // What a person sees is the conditional format's colour (it follows the data without the add-in)
    // over the static fill, both written by the Ricalcola and equal.
    for (const [riga, atteso] of [
      [palestre, ROSSO],
      [piscine, VERDE],
    ] as const) {
      expect(await attributo(page, `N${riga}`, "data-riempimento")).toBe(atteso);
      expect(await attributo(page, `N${riga}`, "data-condizionale")).toBe("true");
      await expect(
        page.locator(`td[data-cella="N${riga}"]`).evaluate((td) => getComputedStyle(td).backgroundColor)
      ).resolves.toBe(rgb(atteso));
    }
    expect(await attributo(page, `N${ambiente}`, "data-condizionale")).toBeNull();
    expect(await page.locator(`td[data-cella="M${palestre}"]`).innerText()).toBe("42"); // "0" format, unrounded inside
    await page.locator(`td[data-cella="N${palestre}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, "workbench-ricalcola-linea.png") });
  });

  it("shows Verifica with a badge and selects a finding's cell when clicked", async () => {
    const scheda = page.getByRole("tab", { name: /^Verifica/ });
    expect(await scheda.innerText()).toContain("15");
    await scheda.click();
    // The plain message first, then the cell and the code.
    const avviso = page.getByRole("button", { name: /Obiettivi 2024!L15\s*codice PESI_NON_100/ });
    await avviso.click();
    const l15 = page.locator('td[data-cella="L15"]');
    await expect(l15.evaluate((td) => getComputedStyle(td).boxShadow)).resolves.toContain("inset");
    await page.screenshot({ path: join(OUTPUT, "workbench-verifica.png") });
  });
});

/** "#D1593F" → "rgb(209, 89, 63)", as getComputedStyle gives it. */
function rgb(esadecimale: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(esadecimale.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

describe("workbench: Condivisione — the Riepilogo sheet with its chart", () => {
  let page: Page;
  beforeAll(async () => {
    page = await apri();
  });
  afterAll(async () => page?.close());

  it("reaches the Condivisione tab from the keyboard", async () => {
    await page.getByRole("tab", { name: "Riepilogo", exact: true }).first().focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    const scheda = page.getByRole("tab", { name: "Condivisione" });
    expect(await scheda.getAttribute("aria-selected")).toBe("true");
    await page.getByRole("button", { name: "Aggiorna riepilogo" }).waitFor();
  });

  it("Aggiorna riepilogo creates the Riepilogo sheet: its tab, the 10 lines and a chart of 10 bars by band", async () => {
    expect(await schedeFogli(page).allInnerTexts()).toEqual(["Obiettivi 2024"]);
    await page.getByRole("button", { name: "Aggiorna riepilogo" }).click();
    await page.getByText("Creato il foglio «Riepilogo»: 10 linee, ente 92,50%.").waitFor();
    expect(await schedeFogli(page).allInnerTexts()).toEqual(["Obiettivi 2024", "Riepilogo"]);

    await schedeFogli(page).filter({ hasText: "Riepilogo" }).click();
    await page.locator('table[data-foglio="Riepilogo"]').waitFor();
    const linee = await Promise.all(
      Array.from({ length: 10 }, (_, i) => page.locator(`td[data-cella="A${5 + i}"]`).innerText())
    );
    expect(linee[0]).toBe(AMBIENTE);
    expect(linee).toContain(SPORT);
    expect(linee.every((l) => /^(LINEA STRATEGICA|OBIETTIVI DI MANDATO)/.test(l))).toBe(true);
    const sport = 5 + linee.indexOf(SPORT);
    expect(await page.locator(`td[data-cella="B${sport}"]`).innerText()).toBe("84,44%");
    expect(await page.locator(`td[data-cella="C${sport}"]`).innerText()).toBe("Parzialmente raggiunto");
    expect(await colore(page, `C${sport}`)).toBe(GIALLO);
    expect(await page.locator('td[data-cella="A15"]').innerText()).toBe("Ente (media delle linee)");

    const grafico = page.locator(`[data-grafico="${GRAFICO}"]`);
    expect(await grafico.count()).toBe(1);
    const barre = grafico.locator("[data-punto-colore]");
    expect(await barre.count()).toBe(10);
    const coloreBarra = (linea: string) =>
      grafico.locator(`g[data-categoria="${linea}"] [data-punto-colore]`).getAttribute("data-punto-colore");
    expect(await coloreBarra(SPORT)).toBe(GIALLO);
    expect(await coloreBarra(AMBIENTE)).toBe(VERDE);
    expect(await grafico.locator(`g[data-categoria="${SPORT}"] rect`).getAttribute("fill")).toBe(GIALLO);
    expect(new Set(await barre.evaluateAll((r) => r.map((x) => x.getAttribute("data-punto-colore"))))).toEqual(
      new Set([VERDE, GIALLO])
    );
    // One image for assistive technology, with the title and every value; its text is plain text.
    const immagine = grafico.getByRole("img");
    const descrizione = (await immagine.getAttribute("aria-label"))!;
    expect(descrizione).toMatch(/^% raggiungimento per linea strategica: /);
    expect(descrizione).toContain(`${SPORT} 84,44%`);
    expect(await grafico.locator("text", { hasText: "84,44%" }).count()).toBe(1);
    expect(await grafico.locator("text", { hasText: "% raggiungimento per linea strategica" }).count()).toBe(1);

    await fermo(page);
    await page.screenshot({ path: join(OUTPUT, "workbench-riepilogo.png") });
  });

  it("run twice: still one Riepilogo tab and one chart", async () => {
    await page.getByRole("button", { name: "Aggiorna riepilogo" }).click();
    await page.getByText(/^Aggiornato il foglio «Riepilogo»: 10 linee/).waitFor();
    expect(await schedeFogli(page).allInnerTexts()).toEqual(["Obiettivi 2024", "Riepilogo"]);
    expect(await page.locator(`[data-grafico="${GRAFICO}"]`).count()).toBe(1);
    expect(await page.locator(`[data-grafico="${GRAFICO}"] [data-punto-colore]`).count()).toBe(10);
  });

  it("Prepara per la condivisione with no PERF formula: only a message, no dialog", async () => {
    await page.getByRole("button", { name: "Prepara per la condivisione" }).click();
    await page.getByText("Nessuna formula PERF nella cartella: è già pronta per la condivisione.").waitFor();
    expect(await page.getByRole("alertdialog").count()).toBe(0);
  });
});

describe("workbench: Prepara per la condivisione replaces the PERF formulas after a confirmation", () => {
  it("formula mode writes =PERF.RAGG; the dialog asks; Annulla keeps them, Conferma replaces them", async () => {
    const page = await apri();
    // % Ragg as formulas, then Ricalcola linea on the Sport line writes =PERF.RAGG(…) cells.
    await page.getByRole("tab", { name: "Impostazioni" }).click();
    await page.getByRole("radio", { name: "Formule PERF.RAGG" }).check();
    await page.getByRole("button", { name: "Salva" }).click();
    await page.getByText("Impostazioni salvate nella cartella di lavoro.").waitFor();
    await page.getByRole("tab", { name: "Riepilogo", exact: true }).first().click();
    await page.getByRole("button", { name: new RegExp(SPORT) }).click();
    await page.getByRole("button", { name: /^Ricalcola linea/ }).click();
    await page.getByText(/^LINEA STRATEGICA SULLO SPORT: 84,44%/).waitFor();
    const palestre = await rigaDi(page, "Aumento spazi palestre cittadine");
    expect(await page.locator(`td[data-cella="M${palestre}"]`).getAttribute("title")).toMatch(/^=PERF\.RAGG\(/);

    await page.getByRole("tab", { name: "Condivisione" }).click();
    await expect(page.getByText(/il prossimo Ricalcola la rimetterà/).isVisible()).resolves.toBe(true);
    const prepara = page.getByRole("button", { name: "Prepara per la condivisione" });
    await prepara.click();
    const dialogo = page.getByRole("alertdialog");
    await dialogo.waitFor();
    const domanda = await dialogo.getByText(/^Sostituire \d+ formule PERF con il loro valore\?$/).innerText();
    const n = Number(/\d+/.exec(domanda)![0]);
    expect(n).toBeGreaterThan(1);
    // The safe answer has the focus; Esc or Annulla write nothing and give the focus back.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Annulla");
    await fermo(page);
    await page.screenshot({ path: join(OUTPUT, "workbench-condivisione-dialogo.png") });
    await page.keyboard.press("Escape");
    await dialogo.waitFor({ state: "detached" });
    await expect(prepara.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    expect(await page.locator(`td[data-cella="M${palestre}"]`).getAttribute("title")).toMatch(/^=PERF\.RAGG\(/);

    await prepara.click();
    await dialogo.getByRole("button", { name: "Conferma" }).click();
    const esito = page.getByText(new RegExp(`^${n} formule PERF sostituite con il valore \\(«Obiettivi 2024»\\)`));
    await esito.waitFor();
    expect(await esito.innerText()).toContain("il prossimo Ricalcola la rimetterà");
    await dialogo.waitFor({ state: "detached" });
    expect(await page.locator(`td[data-cella="M${palestre}"]`).getAttribute("title")).not.toMatch(/^=/);
    expect(await page.locator(`td[data-cella="M${palestre}"]`).innerText()).toBe("42");
    await page.locator(`td[data-cella="N${palestre}"]`).scrollIntoViewIfNeeded();
    await fermo(page);
    await page.screenshot({ path: join(OUTPUT, "workbench-condivisione.png") });

    // Run again: nothing left to replace.
    await prepara.click();
    await page.getByText("Nessuna formula PERF nella cartella: è già pronta per la condivisione.").waitFor();
    expect(await page.getByRole("alertdialog").count()).toBe(0);
    expect(dialoghi).toEqual([]);
    await page.close();
  });
});

describe("workbench: Prepara stampa", () => {
  it("adds the Indice first, with the lines, their band colours and estimated pages; run twice, one Indice", async () => {
    const page = await apri();
    await page.getByRole("tab", { name: "Condivisione" }).click();
    await page.getByText("Vuoto: 2024, letto dalla cartella.").waitFor();
    await page.getByRole("button", { name: "Prepara stampa" }).click();
    await page.getByText(/^Impaginato 1 foglio, 10 linee; Indice creato \(pagine stimate: \d+\)/).waitFor();
    expect(await schedeFogli(page).allInnerTexts()).toEqual(["Indice", "Obiettivi 2024"]);

    await schedeFogli(page).filter({ hasText: "Indice" }).click();
    await page.locator('table[data-foglio="Indice"]').waitFor();
    const testo = (cella: string) => page.locator(`td[data-cella="${cella}"]`).innerText();
    expect(await testo("A1")).toBe("Indice — Stato di attuazione degli Obiettivi 2024");
    expect(await testo("A4")).toBe(AMBIENTE);
    expect(await testo("D4")).toBe("pag. 2");
    const linee = await Promise.all(Array.from({ length: 10 }, (_, i) => testo(`A${4 + i}`)));
    const sport = 4 + linee.indexOf(SPORT);
    expect(await testo(`B${sport}`)).toBe("84,44%");
    expect(await testo(`C${sport}`)).toBe("Parzialmente raggiunto");
    // The bands' colours of the settings (the defaults here).
    const [verde, giallo] = BANDE_PREDEFINITE.fasce.map((f) => f.colore.toUpperCase());
    expect(await colore(page, `C${sport}`)).toBe(giallo);
    expect(await colore(page, "C4")).toBe(verde);
    expect(await testo("A15")).toBe("Ente (media delle linee)");
    expect(await testo("B15")).toBe("92,50%");
    await fermo(page);
    await page.screenshot({ path: join(OUTPUT, "workbench-stampa-indice.png") });

    await page.getByRole("button", { name: "Prepara stampa" }).click();
    await page.getByText(/^Impaginato 1 foglio, 10 linee; Indice aggiornato/).waitFor();
    expect(await schedeFogli(page).allInnerTexts()).toEqual(["Indice", "Obiettivi 2024"]);
    expect(dialoghi).toEqual([]);
    await page.close();
  });
});

describe("workbench: the band's symbol in the Barometro cell", () => {
  it("Impostazioni «Colore e simbolo», then Ricalcola tutto: ● and ○ in the sheet, beside their colours", async () => {
    const page = await apri();
    await page.getByRole("tab", { name: "Impostazioni" }).click();
    await page.getByRole("radio", { name: /^Colore e simbolo/ }).check();
    await fermo(page);
    await page.screenshot({ path: join(OUTPUT, "workbench-impostazioni-simbolo.png"), fullPage: true });
    await page.getByRole("button", { name: "Salva" }).click();
    await page.getByText("Impostazioni salvate nella cartella di lavoro.").waitFor();
    await page.getByRole("tab", { name: "Riepilogo", exact: true }).first().click();
    await page.getByRole("button", { name: /^Ricalcola tutto/ }).click();
    await page.getByText(/^10 linee ricalcolate/).waitFor();
    const palestre = await rigaDi(page, "Aumento spazi palestre cittadine");
    const cella = page.locator(`td[data-cella="N${palestre}"]`);
    await cella.scrollIntoViewIfNeeded();
    expect((await cella.innerText()).trim()).toBe("○");
    expect(await colore(page, `N${palestre}`)).toBe(ROSSO);
    const vicina = page.locator(`td[data-cella="N${palestre + 1}"]`);
    expect((await vicina.innerText()).trim()).toBe("●");
    await fermo(page);
    await page.screenshot({ path: join(OUTPUT, "workbench-simboli.png") });
    await page.close();
  });
});

describe("workbench: Verifica on a big sheet", () => {
  it("draws 50 findings per line and «Mostra altri» adds 50 more", async () => {
    const page = await apri("?file=grande.xlsx");
    await page.getByRole("tab", { name: /^Verifica/ }).click();
    const prima = page.getByRole("region", { name: /^LINEA STRATEGICA NUMERO 1 \(/ });
    const titolo = await prima.getByRole("heading").innerText();
    const totale = Number(/\((\d+)\)$/.exec(titolo)![1]);
    expect(totale).toBeGreaterThan(100);
    expect(await prima.getByRole("listitem").count()).toBe(50);
    const altri = prima.getByRole("button", { name: /^Mostra altri 50/ });
    await altri.click();
    expect(await prima.getByRole("listitem").count()).toBe(100);
    await altri.scrollIntoViewIfNeeded();
    await fermo(page);
    await page.screenshot({ path: join(OUTPUT, "workbench-verifica-mostra-altri.png") });
    await page.close();
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
