/**
 * functions.json as the webpack build generates it (custom-functions-metadata, the library behind
 * custom-functions-metadata-plugin), from the JSDoc in src/functions/functions.ts.
 * When dist/functions.json exists (after `npm run build`) it must be the same document.
 */
import { existsSync, readFileSync } from "fs";
import { resolve } from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import "./fake-custom-functions";
import { FUNZIONI } from "../../src/functions/functions";
import { FUNZIONI_PERF } from "../../src/functions/catalogo";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { paginaAiuto } = require("../../scripts/aiuto.js") as { paginaAiuto: (readme: string) => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { urlProduzione } = require("../../webpack.config.js") as { urlProduzione: () => string };

const RADICE = resolve(__dirname, "../..");
const SORGENTE = resolve(RADICE, "src/functions/functions.ts");

interface Parametro {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
interface Funzione {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Parametro[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}
interface Metadati {
  functions: Funzione[];
}

/** What Excel must see: parameters (name, optional) and whether the result spills. */
const ATTESE: Record<string, { parametri: Array<[string, boolean]>; risultato: "matrix" | "scalar" }> = {
  RAGG: {
    parametri: [
      ["atteso", false],
      ["consuntivo", false],
      ["polarita", true],
    ],
    risultato: "matrix",
  },
  SCOSTAMENTO: {
    parametri: [
      ["atteso", false],
      ["consuntivo", false],
    ],
    risultato: "matrix",
  },
  OBIETTIVO: {
    parametri: [
      ["pesi", false],
      ["ragg", false],
    ],
    risultato: "scalar",
  },
  LINEA: {
    parametri: [
      ["obiettivi", false],
      ["pesi", false],
      ["ragg", false],
    ],
    risultato: "scalar",
  },
  ENTE: { parametri: [["linee", false]], risultato: "scalar" },
  BAROMETRO: { parametri: [["ragg", false]], risultato: "matrix" },
};

let generato: Awaited<ReturnType<typeof generateCustomFunctionsMetadata>>;
let metadati: Metadati;

beforeAll(async () => {
  generato = await generateCustomFunctionsMetadata([SORGENTE]);
  metadati = JSON.parse(generato.metadataJson) as Metadati;
});

describe("functions.json generated from the JSDoc", () => {
  it("generates without errors", () => {
    expect(generato.errors).toEqual([]);
  });

  it("has exactly the six PERF functions, with stable uppercase ids equal to their names", () => {
    expect(metadati.functions.map((f) => f.id)).toEqual(Object.keys(ATTESE));
    for (const f of metadati.functions) {
      expect(f.id).toMatch(/^[A-Z]+$/);
      expect(f.name).toBe(f.id);
    }
  });

  it.each(Object.entries(ATTESE))("%s: parameters, types, dimensionality, descriptions", (id, attesa) => {
    const f = metadati.functions.find((x) => x.id === id) as Funzione;
    expect(f.description).toEqual(expect.any(String));
    expect((f.description as string).length).toBeGreaterThan(20);
    expect(f.parameters.map((p) => [p.name, p.optional === true])).toEqual(attesa.parametri);
    for (const p of f.parameters) {
      // "any" so Italian text numbers ("3.800") reach the function; "matrix" so a cell or a range both work.
      expect(p.type).toBe("any");
      expect(p.dimensionality).toBe("matrix");
      expect(p.repeating).toBeUndefined();
      expect(p.description).toEqual(expect.any(String));
      expect((p.description as string).length).toBeGreaterThan(10);
    }
    expect(f.result.dimensionality ?? "scalar").toBe(attesa.risultato);
    // Plain calculations: not volatile, not streaming.
    expect(f.options).toBeUndefined();
  });

  it("descriptions are in Italian", () => {
    const testo = metadati.functions
      .map((f) => [f.description, ...f.parameters.map((p) => p.description)].join(" "))
      .join(" ");
    expect(testo).toMatch(/raggiungimento/);
    expect(testo).toMatch(/obiettivo/);
    expect(testo).not.toMatch(/\b(the|returns|weighted)\b/i);
  });

  it("helpUrl points to the function's section of the help page served with the add-in, as linked in the task pane", () => {
    for (const f of metadati.functions) {
      // The dev server's address: a production build rewrites it (test/security/csp.test.ts).
      expect(f.helpUrl).toBe(`https://localhost:3000/aiuto.html#perf${f.id.toLowerCase()}`);
    }
    // The task pane's links are relative to its own page, taskpane.html, next to aiuto.html.
    expect(FUNZIONI_PERF.map((v) => [v.id, new URL(v.helpUrl, "https://localhost:3000/taskpane.html").href])).toEqual(
      metadati.functions.map((f) => [f.id, f.helpUrl])
    );
  });

  it("every id is associated with the function the JSDoc annotates", () => {
    const perId = Object.fromEntries(generato.associate.map((a) => [a.id, a.functionName]));
    for (const [id, funzione] of Object.entries(FUNZIONI)) expect(funzione.name).toBe(perId[id]);
    expect(Object.keys(FUNZIONI).sort()).toEqual(Object.keys(perId).sort());
  });
});

describe("README.md, section «Funzioni»", () => {
  const testo = readFileSync(resolve(RADICE, "README.md"), "utf8");
  /** The ids of the help page built from the README (scripts/aiuto.js). */
  const ancore = [...paginaAiuto(testo).matchAll(/<h[1-6] id="([^"]*)"/g)].map((m) => m[1]);

  it("the help page has the «Funzioni» section and one heading per helpUrl anchor", () => {
    expect(ancore).toContain("funzioni");
    for (const f of FUNZIONI_PERF)
      expect(ancore).toContain(new URL(f.helpUrl, "https://localhost:3000/").hash.slice(1));
  });

  it("has a worked example per function, written for Italian Excel", () => {
    for (const f of FUNZIONI_PERF) expect(testo).toMatch(new RegExp(`=PERF\\.${f.id}\\(`));
    // Italian Excel separates arguments with ";" (commas only as decimal commas or inside quotes).
    const formule = [...testo.matchAll(/=PERF\.[A-Z]+\(([^)]*)\)/g)].map((m) =>
      m[1].replace(/"[^"]*"/g, '""').replace(/\d,\d/g, "0")
    );
    expect(formule.length).toBeGreaterThanOrEqual(FUNZIONI_PERF.length);
    for (const argomenti of formule) expect(argomenti).not.toContain(",");
  });
});

const DIST = resolve(RADICE, "dist/functions.json");
(existsSync(DIST) ? describe : describe.skip)("dist/functions.json (after npm run build)", () => {
  it("is the document generated from the current source (a production build: help links on the hosted page)", () => {
    const dist = readFileSync(DIST, "utf8");
    const produzione = JSON.stringify(metadati).replace(/https:\/\/localhost:3000\//g, urlProduzione());
    expect(JSON.parse(dist)).toEqual(dist.includes("localhost") ? metadati : JSON.parse(produzione));
  });
});
