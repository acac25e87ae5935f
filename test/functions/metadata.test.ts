/**
 * functions.json as the webpack build generates it (custom-functions-metadata, the library behind
 * custom-functions-metadata-plugin), from the JSDoc in src/functions/functions.ts, and the file a
 * production build emits (the same document after scripts/metadati-funzioni.js).
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import "./fake-custom-functions";
import { FUNZIONI } from "../../src/functions/functions";
import { FUNZIONI_PERF } from "../../src/functions/catalogo";

const { paginaAiuto } = require("../../scripts/aiuto.js") as { paginaAiuto: (readme: string) => string };
const { metadatiPerExcel, requisitiDeiMetadati } = require("../../scripts/metadati-funzioni.js") as {
  metadatiPerExcel: (testo: string, url?: string | null) => string;
  requisitiDeiMetadati: (metadati: unknown) => Array<[string, string]>;
};

/** Compares two "1.3"-style versions: negative, 0 or positive. */
function confrontaVersioni(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

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

/**
 * The functions.json and manifest.xml of a real production build (one build, into a temporary
 * folder): what Excel downloads. The JSDoc cannot say allowErrorForDataTypeAny, so without the
 * build step (scripts/metadati-funzioni.js) Excel would never call a PERF function over a range
 * holding an error, and the Italian "Riga n: …" messages would be lost.
 */
describe("the built functions.json (npm run build)", () => {
  const URL_TEST = "https://intranet.comune.test/barometro/";
  let cartella: string;
  let costruito: Metadati & Record<string, unknown>;
  let manifest: string;

  beforeAll(() => {
    cartella = mkdtempSync(join(tmpdir(), "barometro-metadati-"));
    try {
      execFileSync("npx", ["webpack", "--mode", "production", "--output-path", cartella], {
        cwd: RADICE,
        env: { ...process.env, BAROMETRO_URL: URL_TEST },
        stdio: "pipe",
        encoding: "utf8",
      });
    } catch (e) {
      const { stdout, stderr } = e as { stdout?: string; stderr?: string };
      const righe = `${stdout ?? ""}\n${stderr ?? ""}`.split("\n").filter((r) => /error/i.test(r));
      throw new Error(`la build non è riuscita:\n${righe.slice(0, 20).join("\n")}`);
    }
    costruito = JSON.parse(readFileSync(join(cartella, "functions.json"), "utf8")) as Metadati &
      Record<string, unknown>;
    manifest = readFileSync(join(cartella, "manifest.xml"), "utf8");
  }, 600_000);

  afterAll(() => {
    if (cartella) rmSync(cartella, { recursive: true, force: true });
  });

  it("carries allowErrorForDataTypeAny at the top level, with every parameter of type any, and no data-type flag", () => {
    expect(costruito.allowErrorForDataTypeAny).toBe(true);
    expect(costruito).not.toHaveProperty("allowCustomDataForDataTypeAny");
    expect(costruito.functions.map((f) => f.id)).toEqual(Object.keys(ATTESE));
    // allowErrorForDataTypeAny reaches only parameters of type "any": all of them, every range and value.
    const parametri = costruito.functions.flatMap((f) => f.parameters);
    expect(parametri).toHaveLength(12);
    for (const p of parametri) {
      expect(p.type).toBe("any");
      expect(p).not.toHaveProperty("cellValueType");
    }
  });

  it("is the document generated from the current source, made ready by the build step, help links on the hosted page", () => {
    const atteso = JSON.parse(metadatiPerExcel(generato.metadataJson, URL_TEST)) as unknown;
    expect(costruito).toEqual(atteso);
    expect(JSON.stringify(costruito)).not.toMatch(/localhost/);
    for (const f of costruito.functions) expect(f.helpUrl).toBe(`${URL_TEST}aiuto.html#perf${f.id.toLowerCase()}`);
  });

  it("asks for nothing beyond the CustomFunctionsRuntime version the built manifest declares", () => {
    const dichiarata = /<Set Name="CustomFunctionsRuntime" MinVersion="([\d.]+)"\s*\/>/.exec(manifest)?.[1];
    expect(dichiarata).toBe("1.3");
    const requisiti = requisitiDeiMetadati(costruito);
    expect(requisiti.map(([, motivo]) => motivo)).toEqual(["allowErrorForDataTypeAny"]);
    for (const [versione] of requisiti)
      expect(confrontaVersioni(versione, dichiarata as string)).toBeLessThanOrEqual(0);
  });
});
