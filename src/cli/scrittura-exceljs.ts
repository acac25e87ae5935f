import type {
  Cell,
  ConditionalFormattingOptions,
  ConditionalFormattingRule,
  Fill,
  Style,
  Workbook,
  Worksheet,
} from "exceljs";
import { areaDaA1 } from "../excel/addresses";
import { parseA1 } from "../layout/grid";
import {
  isRegolaBarometro,
  lineaDellaRegola,
  ModificaFormattazione,
  Patch,
  PianoRiepilogo,
  RegolaCondizionale,
} from "../layout/patch";
import { formattazioniDi } from "./cartella-exceljs";

/**
 * Writes a Patch (src/layout/patch.ts) into an ExcelJS workbook, in the order the Office.js adapter
 * sends it (src/excel/office-access.ts, accodaLotto): Barometro's rules of the lines replaced
 * deleted; number formats (a cell formatted as Text would keep a number written there as text); the
 * Riepilogo sheet added or cleared; values and formulas; fills; the Riepilogo's number formats;
 * Barometro's new rules, at the top priority. Nothing else in the workbook changes.
 */
export function scriviPatch(workbook: Workbook, patch: Patch): void {
  const fogli = new Map<string, Worksheet | undefined>();
  const foglio = (nome: string) => {
    if (!fogli.has(nome)) fogli.set(nome, workbook.getWorksheet(nome));
    return fogli.get(nome);
  };
  if (patch.formattazione) eliminaRegole(foglio, patch.formattazione);
  // The style object is replaced, never mutated: ExcelJS shares it between cells read with the same style.
  for (const f of patch.formatiNumero ?? []) {
    const ws = foglio(f.foglio);
    if (ws) {
      const c = cella(ws, f.cella);
      c.style = { ...(c.style ?? {}), numFmt: f.formato };
    }
  }
  if (patch.riepilogo) preparaRiepilogo(workbook, patch.riepilogo, fogli);
  for (const w of patch.scritture) {
    const ws = foglio(w.foglio);
    // formula "" empties the cell (Barometro removing its own label).
    if (ws)
      cella(ws, w.cella).value =
        w.formula === "" ? null : w.formula ? { formula: w.formula.slice(1), result: w.valore } : w.valore;
  }
  // Cells that had the same style and get the same colour share the new one too, as ExcelJS shares
  // what it reads: its writer then recognises the object instead of serialising it per cell.
  const stili = new WeakMap<Partial<Style>, Map<string | null, Partial<Style>>>();
  for (const f of patch.colori) {
    const ws = foglio(f.foglio);
    if (!ws) continue;
    const cell = cella(ws, f.cella);
    const prima = cell.style ?? {};
    let perColore = stili.get(prima);
    if (!perColore) stili.set(prima, (perColore = new Map()));
    let dopo = perColore.get(f.colore);
    if (!dopo) perColore.set(f.colore, (dopo = { ...prima, fill: riempimento(f.colore) }));
    cell.style = dopo;
  }
  if (patch.riepilogo) formatiRiepilogo(foglio(patch.riepilogo.foglio), patch.riepilogo);
  if (patch.formattazione) aggiungiRegole(foglio, patch.formattazione.aggiungi);
}

/** ws.getCell("N1234") without ExcelJS parsing the address (it caches addresses of up to 4 characters only). */
function cella(ws: Worksheet, indirizzo: string): Cell {
  const { row, col } = parseA1(indirizzo);
  return ws.getRow(row + 1).getCell(col + 1);
}

function riempimento(colore: string | null): Fill {
  if (colore === null) return { type: "pattern", pattern: "none" };
  const argb = `FF${colore.replace("#", "").toUpperCase()}`;
  return { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
}

type Foglio = (nome: string) => Worksheet | undefined;
type ConFormattazioni = Worksheet & { conditionalFormattings: ConditionalFormattingOptions[] };

/**
 * Deletes Barometro's rules of the lines the plan replaces, sheet by sheet, as the add-in does
 * (src/excel/regole-barometro.ts): by the marker's line key in the formulas found now, never a rule
 * without the marker (the user's). A format left with no rule goes.
 */
function eliminaRegole(foglio: Foglio, piano: ModificaFormattazione): void {
  for (const nome of new Set(piano.elimina.map((e) => e.foglio))) {
    const ws = foglio(nome) as ConFormattazioni | undefined;
    if (!ws) continue;
    const linee = new Set(piano.elimina.filter((e) => e.foglio === nome).map((e) => lineaDellaRegola(e.formula)));
    const daEliminare = (r: ConditionalFormattingRule) => {
      const f = r.type === "expression" ? (r as { formulae?: unknown[] }).formulae?.[0] : null;
      return typeof f === "string" && isRegolaBarometro(f) && linee.has(lineaDellaRegola(f));
    };
    ws.conditionalFormattings = formattazioniDi(ws)
      .map((cf) => ({ ...cf, rules: cf.rules.filter((r) => !daEliminare(r)) }))
      .filter((cf) => cf.rules.length > 0);
  }
}

/**
 * Adds Barometro's rules, each at the top priority as Office.js's conditionalFormats.add does (the
 * last added first); the rules already there keep their order, after them. ExcelJS takes formulas
 * without the leading "=", and a conditional format's solid fill as the pattern's bgColor (fgColor
 * is set too, for readers that look there).
 */
function aggiungiRegole(foglio: Foglio, regole: readonly RegolaCondizionale[]): void {
  for (const nome of new Set(regole.map((r) => r.foglio))) {
    const ws = foglio(nome) as ConFormattazioni | undefined;
    if (!ws) continue;
    const nuove = regole.filter((r) => r.foglio === nome).reverse();
    const altre = formattazioniDi(ws);
    altre
      .flatMap((cf) => cf.rules)
      .sort((a, b) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER))
      .forEach((r, i) => (r.priority = nuove.length + i + 1));
    ws.conditionalFormattings = [
      ...nuove.map((r, i): ConditionalFormattingOptions => ({ ref: r.aree.join(" "), rules: [regola(r, i + 1)] })),
      ...altre,
    ];
  }
}

function regola(r: RegolaCondizionale, priorita: number): ConditionalFormattingRule {
  const argb = `FF${r.colore.replace("#", "").toUpperCase()}`;
  return {
    type: "expression",
    priority: priorita,
    formulae: [r.formula.replace(/^=/, "")],
    style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb }, fgColor: { argb } } },
  };
}

/**
 * The Riepilogo sheet before its values: added, or its previous contents cleared. ExcelJS neither
 * reads nor writes charts: the chart of the plan is left out (the file has none to delete).
 */
function preparaRiepilogo(workbook: Workbook, piano: PianoRiepilogo, fogli: Map<string, Worksheet | undefined>): void {
  if (piano.crea) {
    fogli.set(piano.foglio, workbook.addWorksheet(piano.foglio));
    return;
  }
  const ws = workbook.getWorksheet(piano.foglio);
  if (!ws || !piano.pulisci) return;
  const a = areaDaA1(piano.pulisci);
  for (let r = a.top; r <= a.bottom; r++)
    for (let c = a.left; c <= a.right; c++) {
      const cell = ws.getRow(r + 1).getCell(c + 1);
      cell.value = null;
      cell.style = {};
    }
}

function formatiRiepilogo(ws: Worksheet | undefined, piano: PianoRiepilogo): void {
  if (!ws) return;
  for (const f of piano.formati) {
    const a = areaDaA1(f.indirizzo);
    for (let r = a.top; r <= a.bottom; r++)
      for (let c = a.left; c <= a.right; c++) {
        const cell = ws.getRow(r + 1).getCell(c + 1);
        cell.style = { ...(cell.style ?? {}), numFmt: f.formato };
      }
  }
}
