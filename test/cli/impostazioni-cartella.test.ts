import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { formattazioniDi } from "../support/exceljs";
import JSZip from "jszip";
import { apriCartella } from "../../src/xlsx";
import { main } from "../../src/cli/main";
import { isRegolaBarometro } from "../../src/layout/regole-condizionali";
import { conComponente, conProprieta, partiComponente, TIPO_RIQUADRI } from "./con-componente";
import { CAMPIONE } from "../support/campione";

const FOGLIO = "Obiettivi 2024";
const BAROMETRO = 14; // column N
const tmp = mkdtempSync(join(tmpdir(), "barometro-impostazioni-"));
let n = 0;

/** Thresholds 80 / 60 (defaults 90 / 70), the top band renamed and recoloured, as the pane saves them. */
const BANDE = { raggiunto: 80, parziale: 60, colori: { raggiunto: "#1B9E77" }, etichette: { raggiunto: "Ottimo" } };

async function cartella(impostazioni: Record<string, unknown>, base = CAMPIONE, opzioni = {}): Promise<string> {
  const file = join(tmp, `in-${n++}.xlsx`);
  await conComponente(base, file, impostazioni, opzioni);
  return file;
}

async function esegui(...argomenti: string[]) {
  const righe = { out: [] as string[], err: [] as string[] };
  const codice = await main(argomenti, { out: (t) => righe.out.push(t), err: (t) => righe.err.push(t) });
  return { codice, out: righe.out.join("\n"), err: righe.err.join("\n") };
}

async function ricalcola(file: string, ...argomenti: string[]) {
  const scritto = join(tmp, `out-${n++}.xlsx`);
  return { ...(await esegui("ricalcola", file, "--out", scritto, ...argomenti)), scritto };
}

async function leggi(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

interface CellaBarometro {
  testo: string | null;
  formula: string | null;
  colore: string | undefined;
}

/** The Barometro column of the indicators' rows: shown text, formula, fill. */
async function barometro(file: string): Promise<CellaBarometro[]> {
  const ws = (await leggi(file)).getWorksheet(FOGLIO)!;
  const celle: CellaBarometro[] = [];
  ws.eachRow((row) => {
    const ind = row.getCell(4);
    if (ind.isMerged || typeof ind.value !== "string" || ind.value === "Indicatore") return;
    const cella = row.getCell(BAROMETRO);
    const v = cella.value;
    const formula = v !== null && typeof v === "object" && "formula" in v;
    celle.push({
      testo: formula ? ((v.result as string | undefined) ?? null) : v === null ? null : String(v),
      formula: formula ? (v.formula ?? null) : null,
      colore: (cella.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb,
    });
  });
  return celle;
}

/** The add-in as the package holds it: its parts, their content types, the relationship to the task panes. */
async function componente(file: string) {
  const parti = await partiComponente(file);
  const tipi = parti.get("[Content_Types].xml")!;
  const relazioni = [...parti.get("_rels/.rels")!.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]);
  return {
    parti: new Map(
      [...parti].filter(([nome]) => nome.startsWith("xl/webextensions/") || nome === "docProps/custom.xml")
    ),
    override: (parte: string) => tipi.split(`PartName="/${parte}"`).length - 1,
    riquadri: relazioni.filter((r) => r.includes(TIPO_RIQUADRI)),
    id: relazioni.map((r) => /\sId="([^"]*)"/.exec(r)![1]),
  };
}

describe("the command line applies the settings the task pane saved in the workbook", () => {
  let input: string;
  let r: Awaited<ReturnType<typeof ricalcola>>;

  beforeAll(async () => {
    input = await cartella({ "barometro.bande": BANDE, "Office.AutoShowTaskpaneWithDocument": true });
    r = await ricalcola(input);
  });

  it("bands, labels and colours are the workbook's, in the summary and in the Barometro cells", async () => {
    expect(r.codice).toBe(0);
    // FORMAZIONE 83,33%: «Parzialmente raggiunto» with the defaults (90), «Ottimo» with 80.
    expect(r.out).toMatch(/FORMAZIONE, RICERCA, CULTURA .*83,33%\s+Ottimo/);
    expect(r.out).toContain("quelli salvati nella cartella");
    const celle = await barometro(r.scritto);
    expect(celle).toHaveLength(140);
    const ottimi = celle.filter((c) => c.testo === "Ottimo");
    expect(ottimi.length).toBeGreaterThan(50);
    expect(celle.some((c) => c.testo === "Raggiunto")).toBe(false);
    expect(ottimi.every((c) => c.colore === "FF1B9E77")).toBe(true);
    // The labels that follow the data carry the same thresholds as the colours.
    const conFormula = ottimi.filter((c) => c.formula);
    expect(conFormula.length).toBeGreaterThan(50);
    for (const { formula } of conFormula) {
      expect(formula).toMatch(/>=0\)\+\(.*>=60\)\+\(.*>=80\)/);
      expect(formula).not.toMatch(/>=(70|90)\)/);
    }
  });

  it("the file written keeps the add-in: its parts as they were, one content type and one relationship each", async () => {
    const prima = await componente(input);
    const dopo = await componente(r.scritto);
    expect(dopo.parti).toEqual(prima.parti);
    expect(dopo.parti.size).toBe(3);
    for (const parte of ["xl/webextensions/taskpanes.xml", "xl/webextensions/webextension1.xml"])
      expect(dopo.override(parte)).toBe(1);
    expect(dopo.riquadri).toHaveLength(1);
    expect(new Set(dopo.id).size).toBe(dopo.id.length);

    // Again over the output: still once each, and the settings still apply.
    const due = await ricalcola(r.scritto);
    const ancora = await componente(due.scritto);
    expect(ancora.parti).toEqual(prima.parti);
    expect(ancora.override("xl/webextensions/webextension1.xml")).toBe(1);
    expect(ancora.riquadri).toHaveLength(1);
    expect(due.out).toMatch(/83,33%\s+Ottimo/);
  });

  it("the package's relationships and the add-in's parts are copied as they are, byte for byte", async () => {
    const file = await cartella({ "barometro.bande": BANDE }, CAMPIONE, { idRelazione: "rId9" });
    const { scritto } = await ricalcola(file);
    const [prima, dopo] = await Promise.all([file, scritto].map(async (f) => JSZip.loadAsync(readFileSync(f))));
    for (const parte of [
      "_rels/.rels",
      "xl/webextensions/taskpanes.xml",
      "xl/webextensions/_rels/taskpanes.xml.rels",
      "xl/webextensions/webextension1.xml",
    ])
      expect(await dopo.file(parte)!.async("nodebuffer")).toEqual(await prima.file(parte)!.async("nodebuffer"));
  });

  it("the Barometro cell as saved (symbol); --barometro still decides when given", async () => {
    const file = await cartella({ "barometro.contenutoBarometro": "simbolo" });
    const simboli = new Set((await barometro((await ricalcola(file)).scritto)).map((c) => c.testo));
    expect(simboli).toEqual(new Set(["●", "◐", "○", "–"]));
    const etichette = new Set(
      (await barometro((await ricalcola(file, "--barometro", "etichetta")).scritto)).map((c) => c.testo)
    );
    expect(etichette).toEqual(new Set(["Raggiunto", "Parzialmente raggiunto", "Non raggiunto", "Neutralizzato"]));
  });

  it("conditional formatting switched off in the pane: Barometro's rules removed, plain labels, fixed colours", async () => {
    const conRegole = (await ricalcola(CAMPIONE)).scritto;
    const nostre = async (file: string) =>
      formattazioniDi((await leggi(file)).getWorksheet(FOGLIO)!).filter((cf) =>
        cf.rules.some((regola) => isRegolaBarometro((regola as { formulae?: string[] }).formulae?.[0]))
      ).length;
    expect(await nostre(conRegole)).toBeGreaterThan(0);

    const spenta = await ricalcola(await cartella({ "barometro.formattazioneCondizionale": false }, conRegole));
    expect(spenta.codice).toBe(0);
    expect(spenta.out).toContain("spenta nelle impostazioni della cartella");
    expect(await nostre(spenta.scritto)).toBe(0);
    const celle = await barometro(spenta.scritto);
    expect(celle.every((c) => c.formula === null && c.testo !== null && c.colore !== undefined)).toBe(true);
  });

  it("formula mode: values are written, and the output says so", async () => {
    const { codice, err, scritto } = await ricalcola(await cartella({ "barometro.modoScrittura": "formule" }));
    expect(codice).toBe(0);
    expect(err).toContain("la riga di comando scrive i valori");
    const ws = (await leggi(scritto)).getWorksheet(FOGLIO)!;
    expect(typeof ws.getCell("L12").value).toBe("number");
  });

  it("settings that are not valid: an Italian warning, the default bands, the file still written", async () => {
    const { codice, err, out } = await ricalcola(
      await cartella({ "barometro.bande": { raggiunto: 50, parziale: 80 } })
    );
    expect(codice).toBe(0);
    expect(err).toContain("Le soglie del Barometro salvate nella cartella («barometro.bande») non sono valide");
    expect(err).toContain("Uso le soglie predefinite");
    expect(out).toMatch(/83,33%\s+Parzialmente raggiunto/);
  });

  it("another add-in's settings: Barometro's defaults, and that add-in kept", async () => {
    const file = await cartella({ "altro.componente": { x: 1 } });
    const { out, scritto } = await ricalcola(file);
    expect(out).toMatch(/83,33%\s+Parzialmente raggiunto/);
    expect(out).not.toContain("salvati nella cartella");
    expect((await componente(scritto)).parti).toEqual((await componente(file)).parti);
  });

  it("custom document properties (SharePoint's columns) are kept too, alone or with the add-in", async () => {
    const sole = join(tmp, `proprieta-${n++}.xlsx`);
    await conProprieta(CAMPIONE, sole, { Stato: "Approvato", "Responsabile & ufficio": "Controllo di Gestione" });
    const conEntrambe = join(tmp, `proprieta-${n++}.xlsx`);
    await conProprieta(input, conEntrambe, { Stato: "In revisione" });
    for (const file of [sole, conEntrambe]) {
      for (const comando of ["ricalcola", "stampa"]) {
        const out = join(tmp, `out-${n++}.xlsx`);
        expect((await esegui(comando, file, "--out", out)).codice).toBe(0);
        const [prima, dopo] = [await componente(file), await componente(out)];
        expect(dopo.parti.get("docProps/custom.xml")).toBe(prima.parti.get("docProps/custom.xml"));
        expect(dopo.parti).toEqual(prima.parti);
        expect(dopo.override("docProps/custom.xml")).toBe(1);
        expect(new Set(dopo.id).size).toBe(dopo.id.length);
      }
    }
    expect((await componente(sole)).parti.get("docProps/custom.xml")).toContain("Approvato");
    // The custom properties alone say nothing of Barometro's settings.
    expect((await ricalcola(sole)).out).not.toContain("salvati nella cartella");
  });

  it("verifica --json gives each line's band with the workbook's labels", async () => {
    const { codice, out } = await esegui("verifica", input, "--json");
    expect(codice).toBe(0);
    const linee = (JSON.parse(out) as { linee: { nome: string; fascia: string | null }[] }).linee;
    expect(linee.find((l) => l.nome.includes("FORMAZIONE"))!.fascia).toBe("Ottimo");
    expect(linee.find((l) => l.nome.includes("COMUNITA"))!.fascia).toBe("Parzialmente raggiunto");
  });

  it("stampa: the year chosen in the pane in the footers and the Indice, the bands in the Indice, the add-in kept", async () => {
    const file = await cartella({ "barometro.bande": BANDE, "barometro.annoRelazione": 2025 });
    const out = join(tmp, `stampa-${n++}.xlsx`);
    const { codice } = await esegui("stampa", file, "--out", out);
    expect(codice).toBe(0);
    const wb = await leggi(out);
    expect(wb.getWorksheet(FOGLIO)!.headerFooter.oddFooter).toContain("Relazione sulla Performance 2025 — pag.");
    const indice = wb.getWorksheet("Indice")!;
    expect(String(indice.getCell("A1").value)).toContain("2025");
    const testi: string[] = [];
    indice.eachRow((row) => row.eachCell((c) => testi.push(String(c.value))));
    expect(testi).toContain("Ottimo");
    expect((await componente(out)).parti).toEqual((await componente(file)).parti);
  });
});

describe("the file access reads a web extension's properties as Office saves them", () => {
  const parte = (proprieta: string) =>
    `<?xml version="1.0"?><we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11"><we:properties>${proprieta}</we:properties></we:webextension>`;
  /** The settings the file access reads from the sample carrying this web extension part. */
  const impostazioniDa = async (xml: string) => {
    const conParte = join(mkdtempSync(join(tmpdir(), "barometro-we-")), "con-parte.xlsx");
    await conComponente(CAMPIONE, conParte, {});
    const zip = await JSZip.loadAsync(readFileSync(conParte));
    zip.file("xl/webextensions/webextension1.xml", xml);
    const cartella = await apriCartella(await zip.generateAsync({ type: "nodebuffer" }), conParte);
    return cartella.leggiImpostazioni();
  };

  it("values are JSON inside XML attributes", async () => {
    expect(
      await impostazioniDa(
        parte(
          '<we:property name="barometro.bande" value="{&quot;raggiunto&quot;:95,&quot;etichette&quot;:{&quot;raggiunto&quot;:&quot;Sì &amp; bene&quot;}}"/>' +
            '<we:property name="barometro.contenutoBarometro" value="&quot;simbolo&quot;"/>' +
            '<we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>' +
            '<we:property name="barometro.annoRelazione" value="2025"/>'
        )
      )
    ).toEqual({
      "barometro.bande": { raggiunto: 95, etichette: { raggiunto: "Sì & bene" } },
      "barometro.contenutoBarometro": "simbolo",
      "Office.AutoShowTaskpaneWithDocument": true,
      "barometro.annoRelazione": 2025,
    });
  });

  it("a value that is not JSON stays text; another add-in's part or a broken part give no settings, and the file still opens", async () => {
    expect(await impostazioniDa(parte('<we:property name="barometro.a" value="non json"/>'))).toEqual({
      "barometro.a": "non json",
    });
    expect(await impostazioniDa(parte('<we:property name="altro.a" value="1"/>'))).toEqual({});
    const troncata = parte('<we:property name="barometro.a" value="1"/><we:property name="b" value="2"/>');
    expect(await impostazioniDa(troncata.slice(0, troncata.indexOf('name="b"')))).toEqual({});
  });
});
