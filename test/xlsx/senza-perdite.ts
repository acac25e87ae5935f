/**
 * The lossless checks shared by the tests on workbooks of other writers: Ricalcola, Prepara stampa
 * and the Dossier through the app's use cases (with the settings the workbook holds), then every
 * zip entry Barometro does not own byte-identical, every relationship and content type still
 * there, and inside the parts it changes every cell and element it does not own keeps its XML.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { basename, join } from "path";
import { ricalcola } from "../../src/app/ricalcolo";
import { preparaStampa } from "../../src/app/stampa";
import { scriviDossier } from "../../src/app/dossier";
import { leggiImpostazioni } from "../../src/app/impostazioni";
import { a1, parseA1 } from "../../src/layout/griglia";
import { Patch } from "../../src/layout/patch";
import { PianoStampaCartella } from "../../src/layout/stampa";
import { apriCartella } from "../../src/xlsx";
import { percorri } from "../../src/xlsx/xml";
import { celleXml, figli, liste, voci } from "./supporto";

/** Top-level elements of a worksheet that a write of Barometro may change. */
const ELEMENTI_NOSTRI = new Set([
  "sheetPr",
  "dimension",
  "cols",
  "sheetData",
  "conditionalFormatting",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "extLst",
]);

/** Top-level elements of the workbook part that Barometro may change. */
const ELEMENTI_NOSTRI_CARTELLA = new Set(["bookViews", "sheets", "definedNames"]);

export interface Esito {
  prima: Buffer;
  dopo: Buffer;
  cambiate: string[];
  patch: Patch;
  piani: PianoStampaCartella[];
  /** The output file. */
  out: string;
}

/** Ricalcola tutto, Prepara stampa and the Dossier with the workbook's own settings; the output saved beside. */
export async function elabora(file: string, nomeCartella = basename(file)): Promise<Esito> {
  const prima = readFileSync(file);
  const cartella = await apriCartella(prima, file);
  const { impostazioni, errore } = leggiImpostazioni(cartella.leggiImpostazioni());
  expect(errore).toBeNull();
  const { patch } = await ricalcola(cartella, { tipo: "tutto" }, impostazioni);
  const { piano } = await preparaStampa(cartella, impostazioni);
  const dossier = await scriviDossier(cartella, {
    cartella: nomeCartella,
    versione: "0.0.0-test",
    data: new Date(Date.UTC(2025, 0, 31)),
  });
  const dopo = await cartella.salva();
  const out = file.replace(/\.xls[xm]$/, "-barometro$&");
  writeFileSync(out, dopo);
  return { prima, dopo, cambiate: cartella.partiCambiate(), patch, piani: [piano, dossier.piano], out };
}

/** The cells a write owns on each sheet: written, filled, formatted, wrapped. */
function celleNostre(e: Esito): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const aggiungi = (foglio: string, cella: string) => {
    if (!out.has(foglio)) out.set(foglio, new Set());
    out.get(foglio)!.add(cella);
  };
  for (const w of e.patch.scritture) aggiungi(w.foglio, w.cella);
  for (const f of e.patch.colori) aggiungi(f.foglio, f.cella);
  for (const f of e.patch.formatiNumero ?? []) aggiungi(f.foglio, f.cella);
  for (const piano of e.piani)
    for (const f of piano.fogli)
      for (const area of f.testi) {
        const [a, b] = area.split(":");
        const p = parseA1(a);
        const q = parseA1(b ?? a);
        for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) aggiungi(f.foglio, a1(r, c));
      }
  return out;
}

/** Elements of a part by local name, each as its attributes (in document order). */
function elementi(xml: string, nome: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  percorri(xml, {
    apre: (el) => {
      if (el.nome === nome) out.push({ ...el.attributi });
    },
  });
  return out;
}

/** Resolves a relationship target from its .rels entry name (as the package does). */
function destinazione(rels: string, target: string): string {
  const sorgente = rels.replace(/_rels\/([^/]*)\.rels$/, "$1");
  const base = target.startsWith("/") ? [] : sorgente.split("/").slice(0, -1);
  for (const p of decodeURIComponent(target).split("/")) {
    if (p === "..") base.pop();
    else if (p !== "." && p !== "") base.push(p);
  }
  return base.join("/");
}

/** The x14 conditional formats' extension: Barometro's rules go there. */
const EXT_FORMATTAZIONE = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";

/** A worksheet's extLst entries, as XML text, but the conditional formats'. */
function estensioni(xml: string): string[] {
  const out: string[] = [];
  let inExtLst = false;
  percorri(xml, {
    apre: (el, p) => {
      if (p === 1 && el.nome === "extLst") inExtLst = true;
    },
    chiude: (el, fine, p) => {
      if (p === 1 && el.nome === "extLst") inExtLst = false;
      if (inExtLst && p === 2 && el.nome === "ext" && el.attributi.uri !== EXT_FORMATTAZIONE)
        out.push(xml.slice(el.inizio, fine));
    },
  });
  return out;
}

const testo = (m: Map<string, { testo: Buffer }>, nome: string) => m.get(nome)!.testo.toString("utf8");

export async function verificaSenzaPerdite(e: Esito, parteFoglio: Record<string, string>): Promise<void> {
  const prima = await voci(e.prima);
  const dopo = await voci(e.dopo);
  // Every entry of the input is in the output; the ones not changed are the very same bytes.
  for (const [nome, v] of prima) {
    if (nome === "xl/calcChain.xml" && !dopo.has(nome)) continue;
    expect({ nome, presente: dopo.has(nome) }).toEqual({ nome, presente: true });
    if (e.cambiate.includes(nome)) continue;
    expect({ nome, uguale: dopo.get(nome)!.testo.equals(v.testo) }).toEqual({ nome, uguale: true });
    if (v.crudo && dopo.get(nome)!.crudo)
      expect({ nome, crudo: dopo.get(nome)!.crudo!.equals(v.crudo) }).toEqual({ nome, crudo: true });
  }
  // Only parts Barometro owns were changed.
  for (const nome of e.cambiate)
    expect(nome).toMatch(
      /^(xl\/worksheets\/sheet\d+\.xml|xl\/styles\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml)$/
    );
  // Every part still referenced: each relationship of the input is in the output, with its target
  // there; every content type of the input is still declared.
  for (const nome of [...prima.keys()].filter((n) => n.endsWith(".rels"))) {
    const r0 = elementi(testo(prima, nome), "Relationship");
    const r1 = elementi(testo(dopo, nome), "Relationship");
    expect({ nome, id: new Set(r1.map((r) => r.Id)).size }).toEqual({ nome, id: r1.length });
    for (const r of r0) {
      expect({ nome, relazione: r1.find((x) => x.Id === r.Id) }).toEqual({ nome, relazione: r });
      if (r.TargetMode !== "External") {
        const parte = destinazione(nome, r.Target);
        if (parte !== "xl/calcChain.xml")
          expect({ nome, parte, esiste: dopo.has(parte) }).toEqual({ nome, parte, esiste: true });
      }
    }
  }
  const t0 = testo(prima, "[Content_Types].xml");
  const t1 = testo(dopo, "[Content_Types].xml");
  const parti = elementi(t1, "Override").map((o) => o.PartName);
  expect(new Set(parti).size).toBe(parti.length);
  for (const tipo of ["Default", "Override"]) {
    const dopoTipi = elementi(t1, tipo);
    for (const t of elementi(t0, tipo)) if (t.PartName !== "/xl/calcChain.xml") expect(dopoTipi).toContainEqual(t);
  }
  // The workbook part: what Barometro does not own keeps its XML (pivot caches, external
  // references, properties…); every name not Barometro's keeps its text and its sheet.
  const w0 = testo(prima, "xl/workbook.xml");
  const w1 = testo(dopo, "xl/workbook.xml");
  expect(figli(w1).filter(([n]) => !ELEMENTI_NOSTRI_CARTELLA.has(n))).toEqual(
    figli(w0).filter(([n]) => !ELEMENTI_NOSTRI_CARTELLA.has(n))
  );
  const nomi = (xml: string) => {
    const fogli = elementi(xml, "sheet").map((s) => s.name);
    const out: { nome: string; foglio: string | null; testo: string }[] = [];
    let corrente: { nome: string; foglio: string | null; testo: string } | null = null;
    percorri(xml, {
      apre: (el) => {
        if (el.nome !== "definedName") return;
        const id = el.attributi.localSheetId;
        corrente = { nome: el.attributi.name, foglio: id === undefined ? null : fogli[Number(id)], testo: "" };
      },
      testo: (t) => {
        if (corrente) corrente.testo += t;
      },
      chiude: (el) => {
        if (el.nome === "definedName" && corrente) out.push(corrente);
        if (el.nome === "definedName") corrente = null;
      },
    });
    return out.filter((n) => !n.nome.startsWith("_xlnm.Print_Titles"));
  };
  const n0 = nomi(w0);
  expect(nomi(w1)).toEqual(n0);
  // Inside the sheets: the cells not owned keep their XML; so do the elements not owned.
  const nostre = celleNostre(e);
  for (const [foglio, parte] of Object.entries(parteFoglio)) {
    const x0 = testo(prima, parte);
    const x1 = testo(dopo, parte);
    const c0 = celleXml(x0);
    const c1 = celleXml(x1);
    let confrontate = 0;
    for (const [ind, xml] of c0) {
      if (nostre.get(foglio)?.has(ind)) continue;
      expect({ foglio, ind, xml: c1.get(ind) }).toEqual({ foglio, ind, xml });
      confrontate++;
    }
    expect(confrontate).toBeGreaterThan(0);
    // extLst: every extension but the x14 conditional formats (where Barometro's rules go) as it was.
    expect(estensioni(x1)).toEqual(estensioni(x0));
    const e0 = figli(x0).filter(([n]) => !ELEMENTI_NOSTRI.has(n));
    const e1 = figli(x1).filter(([n]) => !ELEMENTI_NOSTRI.has(n));
    expect(e1).toEqual(e0);
  }
  // styles.xml: every entry of every list is where it was, new ones only appended.
  const s0 = liste(testo(prima, "xl/styles.xml"));
  const s1 = liste(testo(dopo, "xl/styles.xml"));
  for (const [lista, voci0] of s0) expect(s1.get(lista)!.slice(0, voci0.length)).toEqual(voci0);
}

/** LibreOffice headless converts the file (recalculating it); returns the output's path. */
export function soffice(file: string, formato: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  execFileSync("soffice", ["--headless", "--convert-to", formato, "--outdir", dir, file], { stdio: "pipe" });
  const out = join(dir, basename(file).replace(/\.xls[xm]$/, `.${formato.split(":")[0]}`));
  expect(existsSync(out)).toBe(true);
  return out;
}

/** LibreOffice headless writes every sheet as CSV (recalculated): sheet name → its text. */
export function fogliCsv(file: string, dir: string): Map<string, string> {
  mkdirSync(dir, { recursive: true });
  execFileSync(
    "soffice",
    [
      "--headless",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
      "--outdir",
      dir,
      file,
    ],
    { stdio: "pipe" }
  );
  const base = basename(file).replace(/\.xls[xm]$/, "");
  const out = new Map<string, string>();
  for (const f of readdirSync(dir))
    if (f.startsWith(`${base}-`) && f.endsWith(".csv"))
      out.set(f.slice(base.length + 1, -4), readFileSync(join(dir, f), "utf8"));
  return out;
}

/** These parts are in the input (the fixture made them) and in the output, byte for byte. */
export async function conservate(e: Esito, parti: string[]): Promise<void> {
  const prima = await voci(e.prima);
  const dopo = await voci(e.dopo);
  for (const parte of parti)
    expect({ parte, uguale: prima.has(parte) && dopo.get(parte)?.testo.equals(prima.get(parte)!.testo) }).toEqual({
      parte,
      uguale: true,
    });
}
