/**
 * scripts/metadati-funzioni.js: the build step that makes the generated functions.json what Excel
 * must read (allowErrorForDataTypeAny set, allowCustomDataForDataTypeAny removed, production help
 * links), and stops the build when the generated document no longer allows it. The built file itself
 * is checked in metadata.test.ts.
 */
import { resolve } from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const modulo = require("../../scripts/metadati-funzioni.js") as {
  metadatiPerExcel(testo: string, url?: string | null): string;
  MetadatiFunzioniPlugin: new (url?: string | null) => { apply(compiler: unknown): void };
};

const webpackConfig = require("../../webpack.config.js") as (
  env: Record<string, unknown>,
  options: { mode: string }
) => Promise<{ plugins: Array<{ constructor: { name: string }; url?: string | null }> }>;

const { metadatiPerExcel, MetadatiFunzioniPlugin } = modulo;

interface Metadati {
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
  functions: Array<{ id: string; helpUrl?: string; parameters: Array<Record<string, unknown>> }>;
}

/** A minimal document of the generator's shape. */
function documento(modifica: (m: Metadati & Record<string, unknown>) => void = () => undefined): string {
  const m: Metadati & Record<string, unknown> = {
    allowCustomDataForDataTypeAny: true,
    functions: [
      {
        id: "OBIETTIVO",
        helpUrl: "https://localhost:3000/aiuto.html#perfobiettivo",
        parameters: [
          { name: "pesi", type: "any", dimensionality: "matrix" },
          { name: "ragg", type: "any", dimensionality: "matrix" },
        ],
      },
    ],
  };
  modifica(m);
  return JSON.stringify(m);
}

describe("metadatiPerExcel", () => {
  it("sets allowErrorForDataTypeAny at the top level and removes allowCustomDataForDataTypeAny, nothing else", () => {
    const prima = JSON.parse(documento()) as Metadati;
    const dopo = JSON.parse(metadatiPerExcel(documento())) as Metadati;
    expect(dopo.allowErrorForDataTypeAny).toBe(true);
    expect("allowCustomDataForDataTypeAny" in dopo).toBe(false);
    expect(dopo.functions).toEqual(prima.functions);
    expect(Object.keys(dopo).sort()).toEqual(["allowErrorForDataTypeAny", "functions"]);
  });

  it("on the metadata generated from src/functions/functions.ts", async () => {
    const generato = await generateCustomFunctionsMetadata([resolve(__dirname, "../../src/functions/functions.ts")]);
    const grezzo = JSON.parse(generato.metadataJson) as Metadati;
    // What the generator writes on its own: the data-type flag, and not the error one.
    expect(grezzo.allowCustomDataForDataTypeAny).toBe(true);
    expect(grezzo.allowErrorForDataTypeAny).toBeUndefined();
    const pronto = JSON.parse(metadatiPerExcel(generato.metadataJson)) as Metadati;
    expect(pronto).toEqual({ allowErrorForDataTypeAny: true, functions: grezzo.functions });
  });

  it("production: help links on the hosted page; a localhost left over stops the build", () => {
    const dopo = JSON.parse(metadatiPerExcel(documento(), "https://intranet.comune.test/barometro/")) as Metadati;
    expect(dopo.functions[0].helpUrl).toBe("https://intranet.comune.test/barometro/aiuto.html#perfobiettivo");
    const conAltroLocalhost = documento((m) => {
      m.functions[0].helpUrl = "http://localhost:8080/aiuto.html";
    });
    expect(() => metadatiPerExcel(conAltroLocalhost, "https://x.test/")).toThrow(/localhost/);
    // Development keeps the dev server's links.
    expect(metadatiPerExcel(documento())).toContain("https://localhost:3000/aiuto.html#perfobiettivo");
  });

  it.each<[string, (m: Metadati & Record<string, unknown>) => void, RegExp]>([
    [
      "a parameter not of type any",
      (m) => {
        m.functions[0].parameters[1].type = "number";
      },
      /«ragg» di OBIETTIVO è di tipo «number», non «any»/,
    ],
    [
      "a parameter without a type",
      (m) => {
        delete m.functions[0].parameters[0].type;
      },
      /«pesi» di OBIETTIVO è di tipo «undefined»/,
    ],
    [
      "a parameter typed as a data type",
      (m) => {
        m.functions[0].parameters[0].cellValueType = "doublecellvalue";
      },
      /cellValueType.*1\.4/,
    ],
    [
      "no functions",
      (m) => {
        m.functions = [];
      },
      /nessuna funzione/,
    ],
    [
      "a function without parameters list",
      (m) => {
        delete (m.functions[0] as Partial<Metadati["functions"][0]>).parameters;
      },
      /OBIETTIVO non ha l'elenco «parameters»/,
    ],
    [
      "an unknown top-level property",
      (m) => {
        m.allowRichDataForDataTypeAny = true;
      },
      /«allowRichDataForDataTypeAny» sconosciuta/,
    ],
  ])("stops on a change of shape: %s", (_nome, modifica, messaggio) => {
    expect(() => metadatiPerExcel(documento(modifica))).toThrow(messaggio);
  });

  it("stops on a document that is not JSON or not an object", () => {
    expect(() => metadatiPerExcel("{")).toThrow(/non è JSON valido/);
    expect(() => metadatiPerExcel("[]")).toThrow(/non è un oggetto/);
  });
});

/** Runs the plugin's processAssets step on a stand-in compilation holding `assets`. */
function eseguiPlugin(url: string | null, assets: Record<string, { source(): string }>, erroriPrima: unknown[] = []) {
  const errors = [...erroriPrima] as Array<{ message: string }>;
  const aggiornati: Record<string, string> = {};
  let passo: ((a: typeof assets) => void) | undefined;
  const compilation = {
    errors,
    hooks: { processAssets: { tap: (_o: unknown, f: (a: typeof assets) => void) => (passo = f) } },
    updateAsset: (nome: string, sorgente: { source(): Buffer | string }) => {
      aggiornati[nome] = sorgente.source().toString();
    },
  };
  const compiler = { hooks: { thisCompilation: { tap: (_n: string, f: (c: unknown) => void) => f(compilation) } } };
  new MetadatiFunzioniPlugin(url).apply(compiler);
  (passo as (a: typeof assets) => void)(assets);
  return { errors, aggiornati };
}

describe("MetadatiFunzioniPlugin (webpack)", () => {
  it("rewrites functions.json in place", () => {
    const { errors, aggiornati } = eseguiPlugin("https://x.test/", { "functions.json": { source: () => documento() } });
    expect(errors).toEqual([]);
    const dopo = JSON.parse(aggiornati["functions.json"]) as Metadati;
    expect(dopo.allowErrorForDataTypeAny).toBe(true);
    expect(dopo.functions[0].helpUrl).toBe("https://x.test/aiuto.html#perfobiettivo");
  });

  it("a change of shape is a build error (webpack exits non-zero), not a file shipped without the flag", () => {
    const rotto = documento((m) => {
      m.functions[0].parameters[0].type = "string";
    });
    const { errors, aggiornati } = eseguiPlugin(null, { "functions.json": { source: () => rotto } });
    expect(aggiornati).toEqual({});
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/«pesi» di OBIETTIVO è di tipo «string»/)]);
  });

  it("a missing functions.json is a build error too, unless the generator already reported one", () => {
    expect(eseguiPlugin(null, {}).errors.map((e) => e.message)).toEqual(["functions.json non è stato generato."]);
    const giaSegnalato = { message: "src/functions/functions.ts errore nel JSDoc" };
    expect(eseguiPlugin(null, {}, [giaSegnalato]).errors).toEqual([giaSegnalato]);
  });

  it.each([
    ["production", "https://barometro.comune.example.it/"],
    ["development", null],
  ])("webpack.config.js uses it in %s builds", async (mode, url) => {
    const config = await webpackConfig({}, { mode });
    const plugin = config.plugins.filter((p) => p.constructor.name === "MetadatiFunzioniPlugin");
    expect(plugin).toHaveLength(1);
    expect(plugin[0].url).toBe(url);
  });
});
