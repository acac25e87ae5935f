/**
 * What the robustness tests share: the command line run in-process, before/after snapshots of
 * an .xlsx, and the "only owned cells change" check against a Patch (finto.ts: the same for the
 * fake Excel behind the Office.js adapter).
 */
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { a1, parseA1 } from "../../src/layout/griglia";
import { isRegolaBarometro } from "../../src/layout/regole-condizionali";
import { Patch } from "../../src/layout/patch";
import { CellSnapshot, snapshot } from "../cli/workbook-snapshot";

export const TMP = mkdtempSync(join(tmpdir(), "barometro-robustezza-"));

export interface EsitoCli {
  codice: number;
  out: string;
  err: string;
  /** An exception that escaped main(): never acceptable. */
  eccezione?: unknown;
}

/** Runs `barometro …` in-process, capturing stdout and stderr. */
export async function cli(argv: string[]): Promise<EsitoCli> {
  const out: string[] = [];
  const err: string[] = [];
  try {
    const codice = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { codice, out: out.join("\n"), err: err.join("\n") };
  } catch (eccezione) {
    return { codice: NaN, out: out.join("\n"), err: err.join("\n"), eccezione };
  }
}

/** Signs of a crash leaking to the user: stack frames, JavaScript error names, "undefined". */
export const TRACCIA =
  /\n\s+at |\bat .+\.(ts|js):\d+|TypeError|ReferenceError|RangeError|SyntaxError|\bundefined\b|\[object /;

export interface IstantaneaFile {
  celle: Map<string, CellSnapshot>;
  /** Per sheet: merges, hidden rows and columns, protection, state. */
  fogli: Map<string, string>;
}

const istantanee = new Map<string, Promise<IstantaneaFile>>();

/**
 * Every cell (value with formula, style, note) and every sheet's layout of an .xlsx; read once
 * per path (the tests never rewrite a file).
 */
export function istantaneaFile(file: string): Promise<IstantaneaFile> {
  let fatta = istantanee.get(file);
  if (!fatta) istantanee.set(file, (fatta = leggiIstantanea(file)));
  return fatta;
}

async function leggiIstantanea(file: string): Promise<IstantaneaFile> {
  const { cells, merges } = await snapshot(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const fogli = new Map<string, string>();
  for (const ws of wb.worksheets) {
    const nascoste: number[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.hidden) nascoste.push(r);
    });
    const altezze: [number, number][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.height !== undefined) altezze.push([r, row.height]);
    });
    const colonne = (ws.columns ?? []).map((c) => [c.hidden === true, c.width ?? null]);
    const modello = ws.model as unknown as Record<string, unknown>;
    fogli.set(
      ws.name,
      JSON.stringify({
        merges: merges.get(ws.name),
        nascoste,
        altezze,
        colonne,
        protezione: modello.sheetProtection ?? null,
        stato: ws.state,
        convalide: modello.dataValidations ?? null,
        formattazioni: dellUtente(modello.conditionalFormattings),
        viste: ws.views,
        filtro: ws.autoFilter ?? null,
        stampa: impostazioniStampa(ws.pageSetup),
      })
    );
  }
  fogli.set("#nomi", JSON.stringify(wb.definedNames.model));
  return { celle: cells, fogli };
}

/**
 * The user's conditional formatting: Barometro's own rules (marked, see isRegolaBarometro) are
 * owned and left out; priorities are renumbered when rules are added, so only the order counts.
 */
function dellUtente(formattazioni: unknown): unknown {
  if (!Array.isArray(formattazioni)) return formattazioni ?? null;
  return formattazioni
    .map((f: { ref: string; rules: { formulae?: string[]; priority?: number }[] }) => ({
      ref: f.ref,
      rules: f.rules
        .filter((r) => !(r.formulae ?? []).some((x) => isRegolaBarometro(x)))
        .map((r) => ({ ...r, priority: undefined })),
    }))
    .filter((f) => f.rules.length > 0);
}

/**
 * Page setup as printed. ExcelJS writes useFirstPageNumber="1" whenever firstPageNumber is set,
 * so a file saved by Excel with firstPageNumber 1 comes back with the flag on: the same pages.
 */
function impostazioniStampa(p: Partial<ExcelJS.PageSetup>): unknown {
  return p.firstPageNumber === 1 ? { ...p, useFirstPageNumber: undefined } : p;
}

/** Keys whose entries differ between two maps (added, removed or changed). */
export function diverse<V>(prima: Map<string, V>, dopo: Map<string, V>): string[] {
  const chiavi = new Set([...prima.keys(), ...dopo.keys()]);
  return [...chiavi].filter((k) => JSON.stringify(prima.get(k)) !== JSON.stringify(dopo.get(k))).sort();
}

export const chiave = (foglio: string, cella: string) => `${foglio}!${cella}`;

/** The cells a patch owns: values written, Barometro cells filled. */
export function proprie(patch: Patch): { scritte: Set<string>; colorate: Set<string>; formati: Map<string, string> } {
  return {
    scritte: new Set(patch.scritture.map((s) => chiave(s.foglio, s.cella))),
    colorate: new Set(patch.colori.map((c) => chiave(c.foglio, c.cella))),
    // Number formats the patch sets (Patch.formatiNumero): that cell's format may become this one.
    formati: new Map((patch.formatiNumero ?? []).map((f) => [chiave(f.foglio, f.cella), f.formato])),
  };
}

const VUOTA: CellSnapshot = { value: "null", style: "{}", note: "null" };

/** The font ExcelJS gives, on reading, to any styled cell that names no font (fontId 0 of styles.xml). */
const FONT_PREDEFINITO = JSON.stringify({
  color: { theme: 1 },
  family: 2,
  scheme: "minor",
  size: 11,
  name: "Calibri",
});

/**
 * A Barometro cell's style without its fill. A cell that had no style at all gets, once filled,
 * the workbook's default font and an empty border when ExcelJS reads it back: the same look.
 */
function senzaRiempimento(style: string): unknown {
  const s = JSON.parse(style) as Record<string, unknown>;
  delete s.fill;
  if (JSON.stringify(s.font) === FONT_PREDEFINITO) delete s.font;
  if (JSON.stringify(s.border) === "{}") delete s.border;
  return s;
}

/** The same style, but for a number format the patch sets there (and nothing else). */
function stessoStile(a: string, b: string, formato: string | undefined): boolean {
  if (a === b) return true;
  if (formato === undefined) return false;
  const x = senzaRiempimento(a) as Record<string, unknown>;
  const y = senzaRiempimento(b) as Record<string, unknown>;
  if (y.numFmt !== formato) return false;
  delete x.numFmt;
  delete y.numFmt;
  return JSON.stringify(x) === JSON.stringify(y);
}

/**
 * What changed in an .xlsx outside what the patch owns; [] when only owned cells changed:
 * a written cell may change its value only (style and note stay), a Barometro cell its fill only,
 * or its fill and its value when the patch writes its label too.
 */
export function fuoriDallaPatchFile(prima: IstantaneaFile, dopo: IstantaneaFile, patch: Patch): string[] {
  const { scritte, colorate, formati } = proprie(patch);
  const fuori = diverse(prima.fogli, dopo.fogli).map((f) => `${f} (foglio)`);
  // ExcelJS reads a merged area's covered cells with the top-left cell's value: a formula written
  // there (formule di Excel) shows in them too.
  const principale = new Map<string, string>();
  for (const [foglio, json] of prima.fogli) {
    for (const area of (JSON.parse(json) as { merges?: string[] }).merges ?? []) {
      const [da, a = da] = area.split(":");
      const { row: r0, col: c0 } = parseA1(da);
      const { row: r1, col: c1 } = parseA1(a);
      for (let r = r0; r <= r1; r++)
        for (let c = c0; c <= c1; c++) principale.set(chiave(foglio, a1(r, c)), chiave(foglio, da));
    }
  }
  for (const k of diverse(prima.celle, dopo.celle)) {
    const a = prima.celle.get(k) ?? VUOTA;
    const b = dopo.celle.get(k) ?? VUOTA;
    // A write further right on a row makes ExcelJS list the empty cells before it: not a change.
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const scritta = scritte.has(k) || scritte.has(principale.get(k) ?? "");
    if (scritta && stessoStile(a.style, b.style, formati.get(k)) && a.note === b.note) continue;
    if (
      colorate.has(k) &&
      (a.value === b.value || scritte.has(k)) &&
      a.note === b.note &&
      JSON.stringify(senzaRiempimento(a.style)) === JSON.stringify(senzaRiempimento(b.style))
    )
      continue;
    fuori.push(`${k}: ${JSON.stringify(a).slice(0, 300)} → ${JSON.stringify(b).slice(0, 300)}`);
  }
  return fuori;
}

/** Every percentage of a result: null or a number within 0–100 (never NaN). */
export function percentualiFuoriScala(valori: (number | null | undefined)[]): (number | null | undefined)[] {
  return valori.filter((v) => v !== null && !(typeof v === "number" && v >= 0 && v <= 100));
}
