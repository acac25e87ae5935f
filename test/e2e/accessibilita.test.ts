/**
 * The task pane's accessibility (WCAG 2.1 AA) at Excel's real pane width, end to end in headless
 * Chromium over the workbench: axe-core over every tab and state at 320 px and at 150 % zoom
 * (pane 213 CSS px), a keyboard-only walk with the focus visible at every step, reflow at 200 %.
 * Screenshots go to test-output/. Measures are written to test-output/accessibilita.json.
 */
import { bancoDiProva } from "./banco";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { Browser, Page } from "playwright-core";
import { avviaChromium } from "./chromium";
import { serviCartella } from "./server";
import { scriviXlsx } from "../../scripts/bench/cartella";
import { generaCartella } from "../excel/generatore";

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, "../..");
const OUTPUT = join(ROOT, "test-output");
const AXE = require.resolve("axe-core/axe.min.js");
const RIQUADRO = 'aside[aria-label="Riquadro attività Barometro"]';
const SPORT = "LINEA STRATEGICA SULLO SPORT";

let browser: Browser;
let server: { url: string; chiudi: () => Promise<void> };
const misure: Record<string, unknown> = {};
/** axe's aria-hidden-focus on Fluent's focus sentinels, left out of the count (see axe()). */
let sentinelleFluent = 0;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  // BAROMETRO_BANCO: a workbench already built (the e2e project's setup, or by hand to iterate).
  const out = bancoDiProva("a11y");
  await scriviXlsx(generaCartella(1_000).foglio, join(out, "assets/grande.xlsx"));
  server = await serviCartella(out);
  browser = await avviaChromium();
});

afterAll(async () => {
  misure.sentinelleFluent = sentinelleFluent;
  writeFileSync(join(OUTPUT, "accessibilita.json"), JSON.stringify(misure, null, 2));
  await browser?.close();
  await server?.chiudi();
});

/**
 * The workbench with the pane `larghezza` CSS px wide; `zoom` as the browser's zoom does it (CSS px
 * shrink, device pixels stay): at 150 % a 320 px pane is 213 CSS px.
 */
async function apri(larghezza: number, zoom = 1, query = ""): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: Math.round(1280 / zoom), height: Math.round(800 / zoom) },
    deviceScaleFactor: zoom,
  });
  await page.goto(server.url + query);
  await page.addStyleTag({ content: `${RIQUADRO} { width: ${larghezza}px !important; }` });
  await page.getByRole("list", { name: "Linee strategiche" }).waitFor({ timeout: 60_000 });
  return page;
}

const fermo = (page: Page) =>
  page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));

interface Violazione {
  id: string;
  impatto: string | null;
  nodi: string[];
}

/**
 * ARIA references to ids that are not in the page (axe passes an aria-labelledby with a missing id
 * when the element has another name): MessageBar pointed at a title it did not have.
 */
async function riferimentiMancanti(page: Page): Promise<Violazione[]> {
  const nodi = await page.locator(RIQUADRO).evaluate((r) =>
    [...r.querySelectorAll("[aria-labelledby], [aria-describedby], [aria-controls]")].flatMap((e) =>
      ["aria-labelledby", "aria-describedby", "aria-controls"].flatMap((a) =>
        (e.getAttribute(a) ?? "")
          .split(/\s+/)
          .filter((id) => id && !document.getElementById(id))
          .map((id) => `${e.tagName.toLowerCase()}.${e.className.toString().split(" ")[0]} ${a}="${id}"`)
      )
    )
  );
  return nodi.length ? [{ id: "riferimento-aria-mancante", impatto: "serious", nodi }] : [];
}

/** axe-core over the pane with the WCAG 2.1 A and AA rules, and the ARIA references checked. */
async function axe(page: Page): Promise<Violazione[]> {
  return [...(await axeCore(page)), ...(await riferimentiMancanti(page))];
}

async function axeCore(page: Page): Promise<Violazione[]> {
  // Evaluated through the DevTools protocol: the page's CSP refuses inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(readFileSync(AXE, "utf8"));
  await fermo(page);
  return page
    .evaluate(async (selettore) => {
      const w = window as unknown as {
        axe: {
          run(
            c: Element,
            o: object
          ): Promise<{
            violations: { id: string; impact: string | null; nodes: { target: string[]; html: string }[] }[];
          }>;
        };
      };
      const esito = await w.axe.run(document.querySelector(selettore)!, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        resultTypes: ["violations"],
      });
      return esito.violations.map((v) => ({
        id: v.id,
        impatto: v.impact,
        nodi: v.nodes.map((n) => n.target.join(" ")),
        // Fluent's focus sentinels (Tabster): focusable and aria-hidden on purpose, to hand the focus
        // on at once; a known false positive of aria-hidden-focus (microsoft/tabster#288, fluentui#25133).
        sentinelle: v.nodes.filter((n) => v.id === "aria-hidden-focus" && /data-tabster-dummy/.test(n.html)).length,
      }));
    }, RIQUADRO)
    .then((vv) =>
      vv
        .map(({ sentinelle, ...v }) => {
          sentinelleFluent += sentinelle;
          return sentinelle === v.nodi.length ? null : v;
        })
        .filter((v): v is Violazione => v !== null)
    );
}

const scheda = (page: Page, nome: RegExp) => page.locator(RIQUADRO).getByRole("tab", { name: nome });

/** Every tab, and the states a user meets in them, checked by axe; returns the violations by state. */
async function statiDelRiquadro(page: Page, nome: string): Promise<Record<string, Violazione[]>> {
  const esiti: Record<string, Violazione[]> = {};
  const controlla = async (stato: string) => {
    esiti[stato] = await axe(page);
    await page.locator(RIQUADRO).screenshot({ path: join(OUTPUT, `a11y-${nome}-${stato}.png`) });
  };
  await controlla("riepilogo");
  await page
    .locator(RIQUADRO)
    .getByRole("button", { name: new RegExp(SPORT) })
    .click();
  await page
    .locator(RIQUADRO)
    .getByRole("button", { name: /^Ricalcola linea/ })
    .click();
  await page
    .getByText(/^LINEA STRATEGICA SULLO SPORT: 84,44%/)
    .first()
    .waitFor();
  await controlla("riepilogo-ricalcolata");
  await scheda(page, /^Verifica/).click();
  await controlla("verifica");
  await scheda(page, /^Condivisione/).click();
  await page.locator(RIQUADRO).getByRole("button", { name: "Aggiorna riepilogo" }).click();
  await page
    .getByText(/foglio «Riepilogo»: 10 linee/)
    .first()
    .waitFor();
  await controlla("condivisione");
  await scheda(page, /^Impostazioni/).click();
  await controlla("impostazioni");
  const colore = page
    .locator(RIQUADRO)
    .getByRole("textbox", { name: /^Colore/ })
    .first();
  await colore.fill("verde");
  await page.locator(RIQUADRO).getByRole("button", { name: "Salva" }).click();
  await controlla("impostazioni-errore");
  return esiti;
}

const conta = (esiti: Record<string, Violazione[]>) =>
  Object.fromEntries(Object.entries(esiti).map(([k, v]) => [k, v.reduce((n, x) => n + x.nodi.length, 0)]));

describe("axe-core, WCAG 2.1 A and AA, every tab and state", () => {
  it.each([
    ["320px", 320, 1, ""],
    ["zoom150", 213, 1.5, ""],
    ["320px-scuro", 320, 1, "?tema=scuro"],
  ])("pane %s: no violation", async (nome, larghezza, zoom, query) => {
    const page = await apri(larghezza, zoom, query);
    const esiti = await statiDelRiquadro(page, nome);
    misure[`axe-${nome}`] = { nodi: conta(esiti), regole: esiti };
    await page.close();
    expect(esiti).toEqual(Object.fromEntries(Object.keys(esiti).map((k) => [k, []])));
  });
});

describe("contrast of what axe does not measure (WCAG 1.4.11, 1.4.3)", () => {
  it.each([
    ["light", ""],
    ["dark", "?tema=scuro"],
  ])(
    "%s theme: band swatches' edge ≥ 3:1 against the pane; Barometro cells' text ≥ 4.5:1 on their fill",
    async (tema, query) => {
      const page = await apri(320, 1, query);
      await page
        .locator(RIQUADRO)
        .getByRole("button", { name: /^Ricalcola tutto/ })
        .click();
      await page
        .getByText(/^10 linee ricalcolate/)
        .first()
        .waitFor();
      const misurati = await page.evaluate((selettore) => {
        const lum = (c: string) => {
          const [r, g, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((x) => {
            const v = Number(x) / 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const k = (a: string, b: string) => {
          const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
          return (x + 0.05) / (y + 0.05);
        };
        const riquadro = document.querySelector(selettore)!;
        const fondo = getComputedStyle(riquadro.querySelector("main")!).backgroundColor;
        const campioni = [...riquadro.querySelectorAll<HTMLElement>('span[aria-hidden="true"][style*="background"]')];
        const celle = [...document.querySelectorAll<HTMLElement>(`td[data-colore]:not([data-colore=""])`)].filter(
          (td) => td.innerText.trim()
        );
        return {
          campioni: campioni.map((c) => k(getComputedStyle(c).borderTopColor, fondo)),
          celle: celle.map((td) => k(getComputedStyle(td).color, getComputedStyle(td).backgroundColor)),
        };
      }, RIQUADRO);
      misure[`contrasto-${tema}`] = {
        campioni: Math.min(...misurati.campioni).toFixed(2),
        celle: Math.min(...misurati.celle).toFixed(2),
      };
      await page.close();
      expect(misurati.campioni.length).toBeGreaterThan(0);
      expect(misurati.celle.length).toBeGreaterThan(0);
      expect(Math.min(...misurati.campioni)).toBeGreaterThanOrEqual(3);
      expect(Math.min(...misurati.celle)).toBeGreaterThanOrEqual(4.5);
    }
  );
});

/** Where the focus is and whether a person can see it: a ring drawn around it, inside the viewport. */
async function focoVisibile(page: Page): Promise<{ visibile: boolean; dove: string; motivo?: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { visibile: false, dove: "body", motivo: "nessun elemento ha il focus" };
    const dove = `${el.tagName.toLowerCase()} «${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 50)}»`;
    const trasparente = (c: string) => c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);
    const bordo = (s: CSSStyleDeclaration) =>
      ["Top", "Right", "Bottom", "Left"].some(
        (l) =>
          s.getPropertyValue(`border-${l.toLowerCase()}-style`) !== "none" &&
          parseFloat(s.getPropertyValue(`border-${l.toLowerCase()}-width`)) >= 2 &&
          !trasparente(s.getPropertyValue(`border-${l.toLowerCase()}-color`))
      );
    /** The ring of `e`: its outline or shadow, or a pseudo-element ring drawn around it (positioned on it). */
    const anello = (e: HTMLElement): string | null => {
      const s = getComputedStyle(e);
      if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1) return "outline";
      if (s.boxShadow !== "none" && e === el) return "box-shadow";
      for (const p of ["::after", "::before"]) {
        const ps = getComputedStyle(e, p);
        if (ps.content === "none" || ps.content === "normal") continue;
        if (!bordo(ps) && ps.outlineStyle === "none" && ps.boxShadow === "none") continue;
        // An absolutely placed ring is drawn around the nearest positioned ancestor: it must be this element.
        if (ps.position === "absolute" && s.position === "static") return `fuori posto (${p} di un elemento statico)`;
        return p;
      }
      return null;
    };
    let trovato: string | null = null;
    for (let e: HTMLElement | null = el, i = 0; e && i < 4 && !trovato?.startsWith("::"); e = e.parentElement, i++) {
      const a = anello(e);
      if (a && (!trovato || !a.startsWith("fuori"))) trovato = a;
      if (a && !a.startsWith("fuori")) break;
    }
    if (!trovato) return { visibile: false, dove, motivo: "nessun indicatore del focus" };
    if (trovato.startsWith("fuori")) return { visibile: false, dove, motivo: trovato };
    const r = el.getBoundingClientRect();
    const riquadro = el.closest("aside")?.getBoundingClientRect() ?? new DOMRect(0, 0, innerWidth, innerHeight);
    const dentro =
      r.bottom > Math.max(0, riquadro.top) &&
      r.top < Math.min(innerHeight, riquadro.bottom) &&
      r.right > riquadro.left &&
      r.left < riquadro.right;
    return dentro ? { visibile: true, dove } : { visibile: false, dove, motivo: "fuori dalla vista" };
  });
}

describe("keyboard only", () => {
  it("switch tab, Ricalcola linea on a chosen line, open a finding, change and save a setting: focus always visible", async () => {
    const page = await apri(320);
    const riquadro = page.locator(RIQUADRO);
    let tasti = 0;
    const invisibili: string[] = [];
    let passo = 0;
    const premi = async (tasto: string) => {
      await page.keyboard.press(tasto);
      tasti++;
      const f = await focoVisibile(page);
      if (!f.visibile) invisibili.push(`${tasto} → ${f.dove}: ${f.motivo}`);
    };
    /** Presses `tasto` until the focused element matches; at most 60 presses. */
    const finché = async (tasto: string, condizione: (el: Element) => boolean) => {
      for (let i = 0; i < 60; i++) {
        const ok = await page.evaluate(
          `!!document.activeElement && (${condizione.toString()})(document.activeElement)`
        );
        if (ok) return;
        await premi(tasto);
      }
      throw new Error(`Focus non raggiunto con ${tasto}`);
    };
    const foto = async (nome: string) => {
      await fermo(page);
      await page.screenshot({ path: join(OUTPUT, `a11y-tastiera-${++passo}-${nome}.png`) });
    };

    // Into the pane: its first tab (in Excel, F6 moves the focus into the pane).
    await riquadro.getByRole("tab", { name: "Riepilogo", exact: true }).focus();
    // 1. Choose the Sport line.
    await finché("Tab", (el) => (el.textContent ?? "").startsWith("LINEA STRATEGICA SULLO SPORT"));
    await foto("linea");
    await premi("Enter");
    // 2. Ricalcola linea, on the line chosen.
    await finché("Shift+Tab", (el) => (el.textContent ?? "").startsWith("Ricalcola linea"));
    await foto("ricalcola");
    await premi("Enter");
    await page
      .getByText(/^LINEA STRATEGICA SULLO SPORT: 84,44%/)
      .first()
      .waitFor();
    // 3. Verifica, and its first finding.
    await finché("Shift+Tab", (el) => el.getAttribute("role") === "tab");
    await finché("ArrowRight", (el) => (el.textContent ?? "").startsWith("Verifica"));
    await premi("Enter");
    await foto("verifica");
    await finché("Tab", (el) => el.tagName === "BUTTON" && /![A-Z]+\d+/.test(el.textContent ?? ""));
    await foto("avviso");
    await premi("Enter");
    // 4. Impostazioni, below Verifica in the two-by-two tabs: Down goes there. «Colore e simbolo», then Salva.
    await finché("Shift+Tab", (el) => el.getAttribute("role") === "tab");
    await premi("ArrowDown");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toMatch(/^Impostazioni/);
    await premi("Enter");
    await finché("Tab", (el) => el.getAttribute("type") === "radio" && el.getAttribute("value") === "etichetta");
    await premi("ArrowDown");
    await foto("simbolo");
    await finché("Tab", (el) => (el.textContent ?? "") === "Salva");
    await foto("salva");
    await premi("Enter");
    const salvate = page.getByText("Impostazioni salvate nella cartella di lavoro.").first();
    await salvate.waitFor();
    await foto("salvate");
    // The result where the user is: in view without scrolling.
    const esitoInVista = await salvate.evaluate((e) => {
      const r = e.getBoundingClientRect();
      const a = e.closest("aside")!.getBoundingClientRect();
      return r.top >= a.top && r.bottom <= a.bottom;
    });
    misure.tastiera = { tasti, invisibili, esitoInVista };
    await page.close();
    expect(invisibili).toEqual([]);
    expect(esitoInVista).toBe(true);
  });
});

describe("Ricalcola linea acts on the line shown, which follows the sheet's selection", () => {
  it("a cell of another line selected in the sheet moves it; the title rows: no line, the button waits", async () => {
    const page = await apri(320);
    const riquadro = page.locator(RIQUADRO);
    const ambito = riquadro.locator("#barometro-ambito");
    const bottone = riquadro.getByRole("button", { name: /^Ricalcola linea/ });
    await riquadro.getByRole("button", { name: new RegExp(SPORT) }).click();
    await expect(ambito.innerText()).resolves.toBe(`Ricalcola linea: ${SPORT}`);
    // The user selects a cell of the Ambiente line in the sheet.
    const energia = page.locator("td[data-cella^='D']", { hasText: "Sportello energia" }).first();
    await energia.click();
    await page.waitForFunction(
      () => document.querySelector("#barometro-ambito")?.textContent?.includes("SULL'AMBIENTE") === true
    );
    expect(await riquadro.getByRole("button", { name: new RegExp(SPORT) }).getAttribute("aria-pressed")).toBe("false");
    await page.screenshot({ path: join(OUTPUT, "a11y-ricalcola-linea-segue.png") });
    // The title rows: no line, and no guess.
    await page.locator('td[data-cella="A1"]').click();
    await page.waitForFunction(
      () => document.querySelector("#barometro-ambito")?.textContent?.includes("nessuna linea") === true
    );
    expect(await bottone.getAttribute("aria-disabled")).toBe("true");
    await page.close();
  });
});

describe("progress on long work", () => {
  it("Ricalcola tutto on 1,000 rows: each step painted with its counts before the result", async () => {
    const page = await apri(320, 1, "?file=grande.xlsx");
    // What is on screen at each frame the browser paints while the work runs.
    await page.evaluate(() => {
      const w = window as unknown as { dipinti: string[] };
      w.dipinti = [];
      const guarda = () => {
        const stato = document.querySelector('aside [role="status"]')?.textContent ?? "";
        if (stato && w.dipinti[w.dipinti.length - 1] !== stato) w.dipinti.push(stato);
        requestAnimationFrame(guarda);
      };
      requestAnimationFrame(guarda);
    });
    await page
      .locator(RIQUADRO)
      .getByRole("button", { name: /^Ricalcola tutto/ })
      .click();
    await page
      .getByText(/^10 linee ricalcolate/)
      .first()
      .waitFor();
    const dipinti = await page.evaluate(() => (window as unknown as { dipinti: string[] }).dipinti);
    misure.avanzamento = dipinti;
    await page.close();
    expect(dipinti).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Ricalcolo: calcolo di [\d.]+ righe…$/),
        expect.stringMatching(/^Ricalcolo: scrittura di 10 linee \([\d.]+ celle\)…$/),
      ])
    );
  });
});

describe("reflow (WCAG 1.4.10)", () => {
  it.each([
    ["150 %", 213],
    ["200 %", 160],
  ])("at %s zoom every tab fits the pane's width: no sideways scroll", async (_, larghezza) => {
    const page = await apri(larghezza);
    const larghe: string[] = [];
    for (const nome of [/^Riepilogo$/, /^Verifica/, /^Condivisione/, /^Impostazioni/]) {
      await scheda(page, nome).click();
      const { scorre, ampiezza } = await page.locator(RIQUADRO).evaluate((a) => ({
        scorre: a.scrollWidth > a.clientWidth,
        ampiezza: a.scrollWidth,
      }));
      if (scorre) larghe.push(`${nome.source}: ${ampiezza} px`);
    }
    await page.locator(RIQUADRO).screenshot({ path: join(OUTPUT, `a11y-reflow-${larghezza}.png`) });
    misure[`reflow-${larghezza}`] = larghe;
    await page.close();
    expect(larghe).toEqual([]);
  });
});
