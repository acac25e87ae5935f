/**
 * manifest.xml, checked offline (office-addin-manifest validate needs an online service):
 * well-formed XML, every resid resolved, shared runtime, the PERF custom functions, the ribbon,
 * icons that exist with the declared pixel sizes, and the production rewrite of the URLs.
 */
import { existsSync, readFileSync } from "fs";
import { resolve } from "path";
import { DOMParser } from "@xmldom/xmldom";

const RADICE = resolve(__dirname, "../..");
const XML = readFileSync(resolve(RADICE, "manifest.xml"), "utf8");

const NS_BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";
const URL_DEV = "https://localhost:3000/";

const webpackConfig = require("../../webpack.config.js") as {
  (env: Record<string, unknown>, options: { mode: string }): Promise<WebpackConfig>;
  manifestProduzione(contenuto: string, url?: string): string;
  urlProduzione(env?: Record<string, string | undefined>): string;
};
interface WebpackConfig {
  entry: Record<string, string>;
  output: { filename: string };
  plugins: Array<{
    constructor: { name: string };
    options?: Record<string, unknown>;
    userOptions?: Record<string, unknown>;
  }>;
}

function analizza(xml: string): Document {
  const problemi: string[] = [];
  const doc = new DOMParser({
    // xmldom reports mismatched or unclosed tags only as warnings: every report counts.
    errorHandler: (livello: string, messaggio: unknown) => {
      problemi.push(`${livello}: ${String(messaggio)}`);
    },
  }).parseFromString(xml, "text/xml");
  if (!doc.documentElement) problemi.push("nessun elemento radice");
  if (problemi.length > 0) throw new Error(`manifest.xml non è XML ben formato:\n${problemi.join("\n")}`);
  return doc;
}

const doc = analizza(XML);
const tutti = (d: Document): Element[] => Array.from(d.getElementsByTagName("*"));
const locale = (nome: string, d: Document = doc) => tutti(d).filter((e) => e.localName === nome);
const unico = (nome: string, d: Document = doc): Element => {
  const trovati = locale(nome, d);
  expect(trovati).toHaveLength(1);
  return trovati[0];
};
const figlio = (e: Element, nome: string): Element => {
  const f = Array.from(e.getElementsByTagName("*")).find((x) => x.localName === nome);
  if (!f) throw new Error(`<${e.localName}> senza <${nome}>`);
  return f;
};
const xsiType = (e: Element) => e.getAttributeNS(NS_XSI, "type");

/** Resources: id → { kind, value }. */
function risorse(d: Document): Map<string, { tipo: string; valore: string }> {
  const m = new Map<string, { tipo: string; valore: string }>();
  for (const gruppo of ["Images", "Urls", "ShortStrings", "LongStrings"]) {
    const contenitore = tutti(d).find((e) => e.localName === gruppo && e.namespaceURI === NS_BT);
    if (!contenitore) continue;
    for (const r of Array.from(contenitore.getElementsByTagName("*"))) {
      const id = r.getAttribute("id") as string;
      expect(m.has(id)).toBe(false); // ids are unique
      m.set(id, { tipo: gruppo, valore: r.getAttribute("DefaultValue") as string });
    }
  }
  return m;
}
const RISORSE = risorse(doc);
const valore = (resid: string) => {
  const r = RISORSE.get(resid);
  if (!r) throw new Error(`resid «${resid}» non risolto`);
  return r.valore;
};

/** Width and height from a PNG's IHDR chunk. */
function dimensioniPng(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.toString("ascii", 12, 16)).toBe("IHDR");
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}
/** The file in assets/ a dev URL points to. */
function fileDaUrl(url: string): string {
  expect(url.startsWith(URL_DEV)).toBe(true);
  return resolve(RADICE, url.slice(URL_DEV.length));
}

describe("manifest.xml", () => {
  it("is a well-formed add-in-only manifest for Excel, in Italian", () => {
    const root = doc.documentElement;
    expect(root.localName).toBe("OfficeApp");
    expect(xsiType(root)).toBe("TaskPaneApp");
    expect(unico("Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(unico("Version").textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(unico("DefaultLocale").textContent).toBe("it-IT");
    expect(unico("DisplayName").getAttribute("DefaultValue")).toBe("Barometro");
    expect(
      locale("Host")
        .find((h) => h.getAttribute("Name"))
        ?.getAttribute("Name")
    ).toBe("Workbook");
  });

  it("rejects XML that is not well formed (the check itself works)", () => {
    for (const rotto of ["<OfficeApp><Id></OfficeApp>", "<OfficeApp>", '<a x="1" x="2"/>', "<a/><b/>", "testo"]) {
      expect(() => analizza(rotto)).toThrow(/non è XML ben formato/);
    }
  });

  it("every resid resolves to a resource (and resids fit the 32-character limit)", () => {
    const resid = tutti(doc)
      .map((e) => e.getAttribute("resid"))
      .filter((r): r is string => Boolean(r));
    expect(resid.length).toBeGreaterThan(10);
    for (const r of resid) {
      expect(RISORSE.has(r)).toBe(true);
      expect(r.length).toBeLessThanOrEqual(32);
    }
  });

  it("strings fit Office's limits (short 125, long 250)", () => {
    for (const [, r] of RISORSE) {
      if (r.tipo === "ShortStrings") expect(r.valore.length).toBeLessThanOrEqual(125);
      if (r.tipo === "LongStrings") expect(r.valore.length).toBeLessThanOrEqual(250);
    }
    const radice = (nome: string) =>
      Array.from(doc.documentElement.childNodes).find((n) => (n as Element).localName === nome) as Element;
    expect((radice("DisplayName").getAttribute("DefaultValue") as string).length).toBeLessThanOrEqual(125);
    expect((radice("Description").getAttribute("DefaultValue") as string).length).toBeLessThanOrEqual(250);
  });

  it("declares the requirement sets it uses: SharedRuntime 1.1, CustomFunctionsRuntime 1.3 (CustomFunctions.Error + ErrorCode)", () => {
    const sets = Object.fromEntries(locale("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]));
    expect(sets).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3", ExcelApi: "1.13" });
  });

  it("uses one shared runtime with lifetime long for task pane, functions and commands", () => {
    const runtime = unico("Runtime");
    expect(runtime.getAttribute("lifetime")).toBe("long");
    const taskpane = runtime.getAttribute("resid") as string;
    expect(valore(taskpane)).toBe(`${URL_DEV}taskpane.html`);
    expect(unico("FunctionFile").getAttribute("resid")).toBe(taskpane);
    const cf = locale("ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions") as Element;
    expect(figlio(figlio(cf, "Page"), "SourceLocation").getAttribute("resid")).toBe(taskpane);
    const azione = locale("Action").find((a) => xsiType(a) === "ShowTaskpane") as Element;
    expect(figlio(azione, "SourceLocation").getAttribute("resid")).toBe(taskpane);
    // The default task pane (DefaultSettings) is the same page.
    expect(figlio(unico("DefaultSettings"), "SourceLocation").getAttribute("DefaultValue")).toBe(valore(taskpane));
  });

  it("declares the CustomFunctions extension point with namespace PERF", () => {
    const cf = locale("ExtensionPoint").filter((e) => xsiType(e) === "CustomFunctions");
    expect(cf).toHaveLength(1);
    expect(valore(figlio(figlio(cf[0], "Script"), "SourceLocation").getAttribute("resid") as string)).toBe(
      `${URL_DEV}functions.js`
    );
    expect(valore(figlio(figlio(cf[0], "Metadata"), "SourceLocation").getAttribute("resid") as string)).toBe(
      `${URL_DEV}functions.json`
    );
    expect(valore(figlio(cf[0], "Namespace").getAttribute("resid") as string)).toBe("PERF");
  });

  it("the URLs it declares are the files the webpack build emits", async () => {
    const config = await webpackConfig({}, { mode: "production" });
    expect(Object.keys(config.entry).sort()).toEqual(["functions", "taskpane"]);
    expect(config.output.filename).toBe("[name].js");
    const plugin = (nome: string) => config.plugins.find((p) => p.constructor.name === nome);
    expect(plugin("CustomFunctionsMetadataPlugin")?.options).toMatchObject({
      output: "functions.json",
      input: "./src/functions/functions.ts",
    });
    expect(plugin("HtmlWebpackPlugin")?.userOptions).toMatchObject({
      filename: "taskpane.html",
      chunks: expect.arrayContaining(["taskpane", "functions"]),
    });
  });

  it("ribbon: group «Barometro» on the Home tab with «Apri pannello» and «Ricalcola linea»", () => {
    const tab = unico("OfficeTab");
    expect(tab.getAttribute("id")).toBe("TabHome");
    const gruppo = unico("Group");
    expect(valore(figlio(gruppo, "Label").getAttribute("resid") as string)).toBe("Barometro");
    const controlli = locale("Control");
    expect(controlli).toHaveLength(2);
    expect(controlli.map(xsiType)).toEqual(["Button", "Button"]);
    expect(controlli.map((c) => valore(figlio(c, "Label").getAttribute("resid") as string))).toEqual([
      "Apri pannello",
      "Ricalcola linea",
    ]);
    expect(xsiType(figlio(controlli[0], "Action"))).toBe("ShowTaskpane");
    // Office's reserved id, so the document setting Office.AutoShowTaskpaneWithDocument opens this pane.
    expect(figlio(figlio(controlli[0], "Action"), "TaskpaneId").textContent).toBe(
      "Office.AutoShowTaskpaneWithDocument"
    );
    const esegui = figlio(controlli[1], "Action");
    expect(xsiType(esegui)).toBe("ExecuteFunction");
    // The name registered with Office.actions.associate in src/commands/commands.ts.
    const comandi = readFileSync(resolve(__dirname, "../../src/commands/commands.ts"), "utf8");
    expect(comandi).toContain(`Office.actions.associate("${figlio(esegui, "FunctionName").textContent}"`);
  });

  it("every icon exists in assets/ with the declared pixel size", () => {
    const immagini = tutti(doc).filter(
      (e) => e.localName === "Image" && e.namespaceURI === NS_BT && e.getAttribute("size")
    );
    expect(immagini.length).toBeGreaterThanOrEqual(6);
    for (const img of immagini) {
      const lato = Number(img.getAttribute("size"));
      const file = fileDaUrl(valore(img.getAttribute("resid") as string));
      expect(existsSync(file)).toBe(true);
      expect(dimensioniPng(file)).toEqual([lato, lato]);
    }
    for (const [tag, lato] of [
      ["IconUrl", 32],
      ["HighResolutionIconUrl", 64],
    ] as const) {
      const file = fileDaUrl(unico(tag).getAttribute("DefaultValue") as string);
      expect(dimensioniPng(file)).toEqual([lato, lato]);
    }
  });

  it("all URLs are https; the dev manifest points at the dev server", () => {
    const urls = [...XML.matchAll(/(?:DefaultValue)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
    expect(urls.filter((u) => u.startsWith(URL_DEV)).length).toBeGreaterThanOrEqual(9);
  });
});

describe("production manifest (webpack.config.js)", () => {
  it("replaces every localhost URL with BAROMETRO_URL, leaving a valid manifest", () => {
    const occorrenze = XML.split(URL_DEV).length - 1;
    const prod = webpackConfig.manifestProduzione(XML, "https://barometro.comune.test/addin/");
    expect(prod).not.toMatch(/localhost/);
    expect(prod.split("https://barometro.comune.test/addin/").length - 1).toBe(occorrenze);
    const d = analizza(prod);
    expect(tutti(d).length).toBe(tutti(doc).length);
    expect(risorse(d).get("Functions.Metadata.Url")?.valore).toBe("https://barometro.comune.test/addin/functions.json");
  });

  it("BAROMETRO_URL: default, trailing slash added, https required", () => {
    expect(webpackConfig.urlProduzione({})).toBe("https://barometro.comune.example.it/");
    expect(webpackConfig.urlProduzione({ BAROMETRO_URL: "https://intranet.comune.it/barometro" })).toBe(
      "https://intranet.comune.it/barometro/"
    );
    expect(() => webpackConfig.urlProduzione({ BAROMETRO_URL: "http://intranet.comune.it/" })).toThrow(/https/);
  });

  it("refuses to emit a production manifest that still mentions localhost", () => {
    expect(() => webpackConfig.manifestProduzione(`${XML}<!-- http://localhost:8080/ -->`, "https://x.test/")).toThrow(
      /localhost/
    );
  });
});

/**
 * manifest.xml and functions.json agree on CustomFunctionsRuntime. Microsoft's requirement sets:
 * 1.4 (data types, allowCustomDataForDataTypeAny) exists on Microsoft 365 from Version 2208, on the
 * web and on Mac 16.64, but not on retail or volume-licensed perpetual Office; Excel 2021 has 1.1–1.3
 * (Version 2108, Build 14332.20011). Municipalities run Excel 2021 next to Microsoft 365, so the
 * manifest stays at 1.3 and the metadata may use nothing that needs more.
 */
describe("manifest.xml and functions.json: CustomFunctionsRuntime", () => {
  const { metadatiPerExcel, requisitiDeiMetadati } = require("../../scripts/metadati-funzioni.js") as {
    metadatiPerExcel: (testo: string) => string;
    requisitiDeiMetadati: (metadati: unknown) => Array<[string, string]>;
  };
  /** The highest CustomFunctionsRuntime Excel 2021 (retail and LTSC) supports, per the requirement-set table. */
  const EXCEL_2021 = "1.3";
  const numero = (v: string) => v.split(".").map(Number);
  const almeno = (dichiarata: string, richiesta: string) => {
    const [d, r] = [numero(dichiarata), numero(richiesta)];
    return d[0] > r[0] || (d[0] === r[0] && (d[1] ?? 0) >= (r[1] ?? 0));
  };
  const dichiarata = () =>
    locale("Set")
      .find((s) => s.getAttribute("Name") === "CustomFunctionsRuntime")
      ?.getAttribute("MinVersion") as string;
  /** Requirements of a metadata document the manifest does not declare. */
  const scoperti = (metadati: unknown) => requisitiDeiMetadati(metadati).filter(([v]) => !almeno(dichiarata(), v));

  let generato: string;
  beforeAll(async () => {
    const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
    generato = (await generateCustomFunctionsMetadata([resolve(RADICE, "src/functions/functions.ts")])).metadataJson;
  });

  it("the manifest declares no more than Excel 2021 has, so the add-in installs there", () => {
    expect(almeno(EXCEL_2021, dichiarata())).toBe(true);
  });

  it("the functions.json the build ships needs nothing beyond the manifest's version", () => {
    const pronto = JSON.parse(metadatiPerExcel(generato)) as unknown;
    expect(requisitiDeiMetadati(pronto).map(([, motivo]) => motivo)).toEqual(["allowErrorForDataTypeAny"]);
    expect(scoperti(pronto)).toEqual([]);
  });

  it("the check works: the generator's own output (allowCustomDataForDataTypeAny) needs 1.4", () => {
    expect(scoperti(JSON.parse(generato))).toEqual([["1.4", "allowCustomDataForDataTypeAny"]]);
    expect(
      scoperti({ functions: [{ id: "RAGG", parameters: [{ name: "atteso", type: "any", cellValueType: "double" }] }] })
    ).toEqual([["1.4", "RAGG(atteso): cellValueType"]]);
  });
});
