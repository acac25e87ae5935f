import { ValoreCella } from "../engine";
import { a1, SheetGrid } from "../layout/griglia";
import { CellWrite, Patch } from "../layout/patch";
import { EsitoScrittura, WorkbookAccess } from "./access";
import { MESSAGGI_APP } from "./messaggi";
import { CHIAVE_MODO, modoDaSalvato } from "./impostazioni";

/** A PERF formula found in the workbook. */
export interface FormulaPerf {
  foglio: string;
  /** Its cell ("M12"); for a formula that spills, the top-left cell. */
  cella: string;
  formula: string;
  /** The area written with values: the cell, or the whole spilled range ("D2:D4"). */
  area: string;
}

/** A PERF formula left as it is, and why (in Italian). */
export interface FormulaEsclusa {
  foglio: string;
  cella: string;
  formula: string;
  motivo: string;
}

export interface EsitoPreparazione {
  /** False after the first call (count only, nothing written); true once replaced. */
  applicato: boolean;
  /** PERF formulas that are (or were) replaced by their value. */
  formule: number;
  /** Sheets holding them, in workbook order. */
  fogli: string[];
  /** The task pane's confirmation: «Sostituire N formule PERF con il loro valore?» (null when N is 0). */
  domanda: string | null;
  /** PERF formulas that cannot be replaced (value not computed, protected sheet, ambiguous spill). */
  escluse: FormulaEsclusa[];
  /** The task pane's message after the call. */
  messaggio: string;
  /** The write (null for the first call, or when there was nothing to replace). */
  scrittura: EsitoScrittura | null;
}

/**
 * Prepara per la condivisione: every PERF.* formula of the workbook (all sheets; formula-mode
 * % Ragg cells included) replaced by its current value, in one write, so a colleague without the
 * add-in sees numbers, never #NAME?.
 *
 *   const conteggio = await preparaCondivisione(access);               // 1 read, nothing written
 *   if (conteggio.formule > 0 && confirm(conteggio.domanda))           // «Sostituire N formule…?»
 *     const esito = await preparaCondivisione(access, { conferma: true }); // 1 read + 1 write
 *
 * The second call reads the workbook again (it may have changed meanwhile) and reports what it
 * replaced: { formule: N, fogli: [...] }. Run again, it finds 0.
 *
 * Values: numbers and text as they are; an error result becomes the same native error (=NA(),
 * =#VALUE!…), which any Excel shows without the add-in. Left as formulas (listed in `escluse`):
 * results the add-in has not computed (#NAME?, #BUSY!…: recalculate with Ctrl+Alt+F9 and retry),
 * cells on protected sheets, and PERF inside another function over ranges, which may spill an
 * unknown area (to replace by hand: Copia › Incolla speciale › Valori).
 */
export async function preparaCondivisione(
  access: WorkbookAccess,
  opzioni: { conferma?: boolean } = {}
): Promise<EsitoPreparazione> {
  const lettura = await access.leggi();
  const { formule, escluse } = trovaFormulePerf(lettura.fogli, lettura.protetti);
  const fogli = lettura.fogli.map((g) => g.name).filter((f) => formule.some((x) => x.foglio === f));
  const domanda = formule.length > 0 ? MESSAGGI_APP.domandaCondivisione(formule.length) : null;
  const nota = (testo: string) => [testo, ...(escluse.length > 0 ? [MESSAGGI_APP.formuleEscluse(escluse.length)] : [])];

  if (!opzioni.conferma || formule.length === 0) {
    const messaggio =
      formule.length > 0
        ? nota(domanda as string)
        : escluse.length > 0
          ? [MESSAGGI_APP.soloFormuleEscluse(escluse.length)]
          : [MESSAGGI_APP.nessunaFormulaPerf];
    return {
      applicato: false,
      formule: formule.length,
      fogli,
      domanda,
      escluse,
      messaggio: messaggio.join(" "),
      scrittura: null,
    };
  }

  const scrittura = await access.scrivi(patchCondivisione(lettura.fogli, formule));
  const messaggio = nota(MESSAGGI_APP.condivisionePronta(formule.length, fogli));
  let modo: unknown = null;
  try {
    modo = access.leggiImpostazioni()[CHIAVE_MODO];
  } catch {
    // the settings are only read for the hint below
  }
  if (modoDaSalvato(modo) === "perf") messaggio.push(MESSAGGI_APP.modoFormuleAttivo);
  return {
    applicato: true,
    formule: formule.length,
    fogli,
    domanda,
    escluse,
    messaggio: messaggio.join(" "),
    scrittura,
  };
}

/** A formula that calls a PERF function (text inside quotes does not count). */
export function isFormulaPerf(formula: string | null | undefined): boolean {
  if (typeof formula !== "string" || !formula.startsWith("=")) return false;
  return /(^|[^A-Za-z0-9_.])(PERF\.[A-Za-z]+\s*\(|_xldudf_PERF_)/i.test(senzaTesti(formula));
}

const RIFERIMENTO = /(?<![A-Za-z0-9_.$])\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?(?![A-Za-z0-9_(])/g;

/** Every PERF formula of these sheets, and those that cannot be replaced. */
export function trovaFormulePerf(
  fogli: SheetGrid[],
  protetti: readonly string[] = []
): { formule: FormulaPerf[]; escluse: FormulaEsclusa[] } {
  const formule: FormulaPerf[] = [];
  const escluse: FormulaEsclusa[] = [];
  for (const g of fogli) {
    const o = g.origin ?? { row: 0, col: 0 };
    (g.formulas ?? []).forEach((riga, i) =>
      riga.forEach((formula, j) => {
        if (!isFormulaPerf(formula)) return;
        const f = formula as string;
        const cella = a1(o.row + i, o.col + j);
        const escludi = (motivo: string) => escluse.push({ foglio: g.name, cella, formula: f, motivo });
        if (protetti.includes(g.name)) return escludi("il foglio è protetto");
        const valore = g.values[i]?.[j];
        if (typeof valore === "string" && NON_CALCOLATI.has(valore.toUpperCase()))
          return escludi(`il valore (${valore}) non è calcolato: ricalcolare (Ctrl+Alt+F9) e riprovare`);
        const dimensioni = espansione(f);
        if (dimensioni === null)
          return escludi(
            "la formula usa PERF su intervalli dentro un'altra funzione: sostituirla a mano (Incolla valori)"
          );
        const fine = a1(o.row + i + dimensioni.righe - 1, o.col + j + dimensioni.colonne - 1);
        formule.push({
          foglio: g.name,
          cella,
          formula: f,
          area: dimensioni.righe * dimensioni.colonne > 1 ? `${cella}:${fine}` : cella,
        });
      })
    );
  }
  return { formule, escluse };
}

/** Results that mean "not computed by the add-in", not a result of the formula. */
const NON_CALCOLATI = new Set([
  "#NAME?",
  "#NOME?",
  "#BUSY!",
  "#OCCUPATO!",
  "#CALC!",
  "#SPILL!",
  "#ESPANSIONE!",
  "#GETTING_DATA",
  "#CONNECT!",
  "#BLOCKED!",
  "#UNKNOWN!",
]);

/** Error results → the native formula that gives the same error without the add-in. */
const ERRORI_NATIVI: Record<string, string> = {
  "#N/A": "=NA()",
  "#N/D": "=NA()",
  "#VALUE!": "=#VALUE!",
  "#VALORE!": "=#VALUE!",
  "#DIV/0!": "=#DIV/0!",
  "#NUM!": "=#NUM!",
  "#REF!": "=#REF!",
  "#RIF!": "=#REF!",
  "#NULL!": "=#NULL!",
  "#NULLO!": "=#NULL!",
};

/**
 * How many rows and columns the formula's result covers: 1×1 without ranges; for a formula that is
 * exactly PERF.RAGG / SCOSTAMENTO / BAROMETRO(…) (one value per cell of their arguments, a single
 * cell applying to every row, as the functions document), the largest range among its arguments;
 * 1×1 for PERF.OBIETTIVO / LINEA / ENTE(…). Null otherwise — PERF inside another function over
 * ranges, or other functions among the arguments: the spill cannot be known from the formula.
 */
export function espansione(formula: string): { righe: number; colonne: number } | null {
  const testo = senzaTesti(formula);
  const intervalli = [...testo.matchAll(RIFERIMENTO)]
    .filter((m) => m[3] !== undefined)
    .map((m) => ({
      righe: Math.abs(Number(m[4]) - Number(m[2])) + 1,
      colonne: Math.abs(colonna(m[3]) - colonna(m[1])) + 1,
    }))
    .filter((d) => d.righe * d.colonne > 1);
  if (intervalli.length === 0) return { righe: 1, colonne: 1 };
  const chiamata = chiamataIntera(testo);
  if (!chiamata) return null;
  if (["OBIETTIVO", "LINEA", "ENTE"].includes(chiamata.nome)) return { righe: 1, colonne: 1 };
  if (!["RAGG", "SCOSTAMENTO", "BAROMETRO"].includes(chiamata.nome)) return null;
  const altre = [...chiamata.argomenti.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1].toUpperCase());
  if (altre.some((n) => !/^(PERF\.|_XLDUDF_PERF_)(RAGG|SCOSTAMENTO|BAROMETRO)$/.test(n))) return null;
  return {
    righe: Math.max(...intervalli.map((d) => d.righe)),
    colonne: Math.max(...intervalli.map((d) => d.colonne)),
  };
}

/** "=PERF.RAGG(A2:A4,B2:B4)" → { nome: "RAGG", argomenti: "A2:A4,B2:B4" }; null unless the formula is that one call. */
function chiamataIntera(testo: string): { nome: string; argomenti: string } | null {
  const m = /^=\s*(?:PERF\.|_xldudf_PERF_)([A-Za-z]+)\s*\(/i.exec(testo);
  if (!m) return null;
  let profondita = 1;
  let i = m[0].length;
  for (; i < testo.length && profondita > 0; i++) {
    if (testo[i] === "(") profondita++;
    else if (testo[i] === ")") profondita--;
  }
  if (profondita !== 0 || testo.slice(i).trim() !== "") return null;
  return { nome: m[1].toUpperCase(), argomenti: testo.slice(m[0].length, i - 1) };
}

function colonna(lettere: string): number {
  return lettere
    .toUpperCase()
    .split("")
    .reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0);
}

function senzaTesti(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""');
}

/** The write: each formula's area gets the values the sheet shows now (errors as native errors). */
export function patchCondivisione(fogli: SheetGrid[], formule: FormulaPerf[]): Patch {
  const scritture: CellWrite[] = [];
  const perNome = new Map(fogli.map((g) => [g.name, g]));
  for (const f of formule) {
    const g = perNome.get(f.foglio) as SheetGrid;
    const o = g.origin ?? { row: 0, col: 0 };
    const [da, a = da] = f.area.split(":");
    const p = indice(da);
    const q = indice(a);
    for (let r = p.row; r <= q.row; r++)
      for (let c = p.col; c <= q.col; c++)
        scritture.push(scrittura(f.foglio, a1(r, c), g.values[r - o.row]?.[c - o.col]));
  }
  return { scritture, colori: [] };
}

function indice(cella: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/i.exec(cella) as RegExpExecArray;
  return { row: Number(m[2]) - 1, col: colonna(m[1]) - 1 };
}

function scrittura(foglio: string, cella: string, valore: ValoreCella): CellWrite {
  if (valore === null || valore === undefined || valore === "") return { foglio, cella, valore: "", formula: "" };
  if (typeof valore === "number") return { foglio, cella, valore };
  if (typeof valore === "boolean")
    return { foglio, cella, valore: String(valore), formula: valore ? "=TRUE" : "=FALSE" };
  if (valore instanceof Date) return { foglio, cella, valore: valore.toISOString() };
  const errore = ERRORI_NATIVI[valore.toUpperCase()];
  if (errore) return { foglio, cella, valore, formula: errore };
  return { foglio, cella, valore };
}
