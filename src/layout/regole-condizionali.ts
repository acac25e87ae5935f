/**
 * Barometro's own conditional-format rules, used by both adapters (Office.js and the .xlsx file):
 * their generation from the lines and results (regoleCondizionali), the marker that tells them
 * from the user's rules, and the reconciliation with the rules found in the workbook
 * (pianoFormattazione). Also the one expression of a row's band index (confrontoFasce) that the
 * Barometro cell's label formula shares (patch.ts, formulaBarometro). Pure: no Office, no files.
 */
import {
  Bande,
  BANDE_PREDEFINITE,
  Fascia,
  IdFascia,
  Indicatore,
  isFormulaDellaRegola,
  Linea,
  Polarita,
  RisultatoLinea,
} from "../engine";
import { calcoloDa, sorgenteCellaExcel } from "./formule-celle";
import { a1, parseA1 } from "./griglia";

// ───────────────────── the Barometro as native conditional formatting ─────────────────────

/**
 * Every conditional-format rule Barometro writes ends with `+0*N("barometro:<linea>:<firma>")`.
 * N() of a text is 0, so the marker changes nothing in the result. It lets a later run recognise
 * Barometro's own rules (and delete only those); <linea> tells which line the rule colours (8 hex
 * digits from the sheet, the line's name and its rank among lines so named), and <firma> — a hash
 * of all of that line's rules — whether they are already the right ones.
 */
export const MARCATORE_REGOLE = "barometro";
const MARCATORE_IN_FORMULA = /N\(\s*"barometro(?::([0-9a-f]{8}))?(?::([0-9a-f]{8}))?"\s*\)/i;

/** One conditional-format rule Barometro owns: a solid fill where the formula is true. */
export interface RegolaCondizionale {
  foglio: string;
  /** The line's key, as in the marker (chiaviLinee). */
  linea: string;
  /**
   * Areas of one column, top to bottom, without sheet name ("N7:N9", "N12:N20"). The formula's
   * relative references are relative to the first area's top-left cell, which is also the
   * top-left cell of all the areas together: the reading is the same whichever Excel uses.
   */
  aree: string[];
  /** English, commas, leading "=": as Office.js `rule.formula` takes it (ExcelJS: without "="). */
  formula: string;
  /** Fill "#RRGGBB". */
  colore: string;
  fascia: IdFascia;
}

/** A conditional-format rule found in the workbook (Office.js: ConditionalFormat.id and its custom formula). */
export interface RegolaEsistente {
  foglio: string;
  id: string;
  /** The custom rule's formula; null for other kinds of rules (colour scales, data bars…). */
  formula: string | null;
}

/** What a write does to conditional formatting: Barometro's rules only. */
export interface ModificaFormattazione {
  /**
   * Barometro's rules to delete (recognised by their marker), before adding. Their ids are positions
   * at the time of the read; the adapter goes by their formulas (see office-access.ts).
   */
  elimina: RegolaEsistente[];
  aggiungi: RegolaCondizionale[];
  /** Sheets where Barometro's rules were already exactly these: nothing is sent for them. */
  invariati: string[];
}

/** True when the formula carries Barometro's marker. */
export function isRegolaBarometro(formula: string | null | undefined): boolean {
  return typeof formula === "string" && MARCATORE_IN_FORMULA.test(formula);
}

/** The line key in a Barometro rule's marker; null for other formulas or an older marker without it. */
export function lineaDellaRegola(formula: string | null | undefined): string | null {
  if (typeof formula !== "string") return null;
  return MARCATORE_IN_FORMULA.exec(formula)?.[1]?.toLowerCase() ?? null;
}

/** The firma in a Barometro rule's marker; null for other formulas (or a marker without firma). */
export function firmaDellaRegola(formula: string | null | undefined): string | null {
  if (typeof formula !== "string") return null;
  return MARCATORE_IN_FORMULA.exec(formula)?.[2]?.toLowerCase() ?? null;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable hash. */
function fnv1a(testo: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < testo.length; i++) {
    h ^= testo.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * Each line's key for the marker: from its sheet, its name and its rank among the lines of that
 * sheet with the same name — stable when rows are inserted or values change.
 */
export function chiaviLinee(linee: Linea[]): string[] {
  const visti = new Map<string, number>();
  return linee.map((l) => {
    const base = `${l.foglio}\u0000${l.nome}`;
    const k = visti.get(base) ?? 0;
    visti.set(base, k + 1);
    return fnv1a(`${base}\u0000${k}`);
  });
}

/** Longest list of areas one rule applies to (Office's getRanges takes a list of addresses). */
export const MAX_CARATTERI_AREE_REGOLA = 1_500;

/** How a Barometro cell's rule finds its % Ragg. */
export type Sorgente =
  | { tipo: "regola"; atteso: string; consuntivo: string; polarita: Polarita }
  | { tipo: "cella"; ragg: string; scala: "percento" | "frazione" };

/**
 * The conditional formatting that shows the Barometro with no add-in: for every non-neutralised
 * indicator with a Barometro cell, one rule per band, true when the indicator's % Ragg falls in
 * that band. The formula computes % Ragg from the row's own cells with plain Excel functions, so
 * it follows any edit made without the add-in (Excel on the web included):
 *
 *   V = IF(AND(ISNUMBER(atteso),ISNUMBER(consuntivo)), <the rule, ↑ or ↓>, -1)
 *   ↑: IF(c>=a,100,IF(a=0,0,MAX(0,c/a*100)))    ↓: IF(OR(c<=a,c=0),100,MAX(0,a/c*100))
 *   band k:  =((V>=0)+(V>=70)+(V>=90)=k)+0*N("barometro:<linea>:<firma>")
 *
 * The sum of comparisons over the ascending thresholds (TRUE counts 1) is the band index, and the
 * bands are exclusive (no dependence on rule priority or "stop if true", which ExcelJS cannot
 * write). No array constant ({0,70,90}), union or intersection: Excel refuses them in
 * conditional-formatting formulas ([MS-OI29500] 3.2.3.1.2). V is written once per band (about
 * 360 characters with three bands, far below Excel's 8,192). The lowest threshold is written as 0,
 * so V = -1 (data missing or not numbers) gives 0, which no rule k ≥ 1 matches: no colour, as for
 * an indicator "da rilevare". A custom function cannot be used here: Excel does not evaluate custom
 * functions in conditional formatting (OfficeDev/office-js#6135), and =PERF.RAGG is #NAME?
 * without the add-in anyway.
 *
 * Why not simply compare the % Ragg cell: in values mode it holds a number written by the last
 * Ricalcola and does not change when a colleague edits a consuntivo; in PERF mode it is
 * =PERF.RAGG(…), #NAME? without the add-in. Computing the rule follows every edit in both modes.
 * Two exceptions read that cell, on its own scale (a fraction with a % format is compared with
 * 0.9, not 90): V = IF(ISNUMBER(ragg),ragg,-1) (about 90 characters a rule, 190 a label):
 * - a % Ragg cell holding the user's own formula (not PERF): the engine uses its value;
 * - with `formuleExcel` («formule di Excel»), a row whose % Ragg cell holds Barometro's own plain
 *   Excel formula after the write (sorgenteCellaExcel, the decision celleExcel writes by): it
 *   follows every edit, and reading it keeps % Ragg, colour and label one computation. Not rows
 *   that get values there (numbers stored as text…), nor a % Ragg stored as text.
 *
 * Not covered (the static fill, written too, shows the engine's colour): numbers stored as text
 * ("3.800", "78,5": ISNUMBER is false, so no rule applies), % Ragg as text, and changes of
 * polarity or of weights (neutralised objectives keep their static grey, no rule) until the next
 * Ricalcola. The polarity is the one the engine read, fixed in the formula.
 *
 * Rules are grouped by line, Barometro column and source (columns, polarity or scale): one rule
 * per band covers every row of the group (multi-area, at most MAX_CARATTERI_AREE_REGOLA characters
 * of addresses per rule). Per line, so that recalculating one line touches that line's rules only.
 */
export function regoleCondizionali(
  linee: Linea[],
  risultati: RisultatoLinea[],
  bande: Bande = BANDE_PREDEFINITE,
  formuleExcel = false
): RegolaCondizionale[] {
  const chiavi = chiaviLinee(linee);
  const gruppi = new Map<
    string,
    { foglio: string; linea: string; colonna: number; sorgente: Sorgente; righe: number[] }
  >();
  linee.forEach((linea, l) =>
    linea.obiettivi.forEach((obiettivo, o) => {
      const ro = risultati[l]?.obiettivi[o];
      if (!ro || ro.neutralizzato) return;
      obiettivo.indicatori.forEach((ind, i) => {
        const ri = ro.indicatori[i];
        if (!ind.celle.barometro || !ri) return;
        const sorgente = sorgenteDi(ind, ri.polarita, formuleExcel);
        if (!sorgente) return;
        const { row, col } = parseA1(ind.celle.barometro);
        const chiave = JSON.stringify([ind.foglio, chiavi[l], col, sorgente]);
        const gruppo = gruppi.get(chiave) ?? {
          foglio: ind.foglio,
          linea: chiavi[l],
          colonna: col,
          sorgente,
          righe: [],
        };
        gruppi.set(chiave, gruppo);
        gruppo.righe.push(row);
      });
    })
  );

  const fasce = fasceCrescenti(bande);
  const senzaFirma: (Omit<RegolaCondizionale, "formula"> & { corpo: string })[] = [];
  for (const gruppo of gruppi.values()) {
    for (const aree of spezza(serie(gruppo.righe), gruppo.colonna)) {
      const confronto = confrontoFasce(gruppo.sorgente, parseA1(aree[0].split(":")[0]).row, fasce);
      fasce.forEach((f, k) =>
        senzaFirma.push({
          foglio: gruppo.foglio,
          linea: gruppo.linea,
          aree,
          colore: f.colore.toUpperCase(),
          fascia: f.id,
          corpo: `(${confronto}=${k + 1})`,
        })
      );
    }
  }
  const firme = new Map<string, string>();
  for (const linea of new Set(senzaFirma.map((r) => r.linea))) {
    const sue = senzaFirma
      .filter((r) => r.linea === linea)
      .map((r) => `${r.aree.join(" ")}|${r.corpo}|${r.colore}`)
      .sort();
    firme.set(linea, fnv1a(sue.join("\n")));
  }
  return senzaFirma.map(({ corpo, ...r }) => ({
    ...r,
    formula: `=${corpo}+0*N("${MARCATORE_REGOLE}:${r.linea}:${firme.get(r.linea)}")`,
  }));
}

/**
 * Where a row's rules and label find its % Ragg (see regoleCondizionali). With `formuleExcel` (the
 * write mode «formule di Excel»), the row's % Ragg cell where Barometro's formula computes it; the
 * one decision behind both the rules and the labels, given the same mode.
 */
export function sorgenteDi(ind: Indicatore, polarita: Polarita, formuleExcel = false): Sorgente | null {
  const base = sorgenteCalcolata(ind, polarita);
  return (formuleExcel && sorgenteCellaExcel(ind, polarita, base)) || base;
}

export function sorgenteCalcolata(ind: Indicatore, polarita: Polarita): Sorgente | null {
  const { atteso, consuntivo, ragg } = ind.celle;
  const formulaRagg = ind.formule.ragg;
  if (formulaRagg && !isFormulaDellaRegola(formulaRagg)) {
    // The user's own formula: the engine uses its value, so does the rule.
    if (!ragg || ind.scalaRagg === "testo") return null;
    return { tipo: "cella", ragg: colonnaDi(ragg), scala: ind.scalaRagg };
  }
  if (!atteso || !consuntivo) return null;
  return { tipo: "regola", atteso: colonnaDi(atteso), consuntivo: colonnaDi(consuntivo), polarita };
}

const colonnaDi = (cella: string) => cella.replace(/[$\d]/g, "").toUpperCase();

/** The bands from the lowest threshold up: the order of the band index (1 = the lowest band). */
export const fasceCrescenti = (bande: Bande): Fascia[] => [...bande.fasce].sort((a, b) => a.soglia - b.soglia);

/**
 * (V>=0)+(V>=70)+(V>=90): the 1-based index, in `fasce` (ascending), of the band the row's % Ragg
 * falls in; 0 when it cannot be computed (V = -1). The one expression behind both the
 * conditional-format rules and the Barometro cell's label formula. A sum of comparisons, not
 * MATCH(V,{0,70,90}): Excel refuses array constants in conditional-formatting formulas.
 */
export function confrontoFasce(s: Sorgente, riga: number, fasce: readonly Fascia[]): string {
  const { v, scala } = valoreDa(s, riga);
  return fasce.map((f, k) => `(${v}>=${numero(k === 0 ? 0 : f.soglia * scala)})`).join("+");
}

/** The rule's % Ragg for the anchor row, and the scale its thresholds need (1 or 1/100): calcoloDa's pieces. */
function valoreDa(s: Sorgente, riga: number): { v: string; scala: number } {
  const { condizione, valore, scala } = calcoloDa(s, riga);
  return { v: `IF(${condizione},${valore},-1)`, scala };
}

/** A threshold as a formula writes it: "90", "85.5", "0.855" (no floating-point noise). */
function numero(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/** Sorted 0-based rows → runs of consecutive rows. */
function serie(righe: number[]): { da: number; a: number }[] {
  const ordinate = [...new Set(righe)].sort((x, y) => x - y);
  const runs: { da: number; a: number }[] = [];
  for (const r of ordinate) {
    const ultima = runs[runs.length - 1];
    if (ultima && ultima.a === r - 1) ultima.a = r;
    else runs.push({ da: r, a: r });
  }
  return runs;
}

/** Runs of one column → lists of addresses of at most MAX_CARATTERI_AREE_REGOLA characters. */
function spezza(runs: { da: number; a: number }[], colonna: number): string[][] {
  const liste: string[][] = [];
  let corrente: string[] = [];
  let lunghezza = 0;
  for (const run of runs) {
    const indirizzo = run.da === run.a ? a1(run.da, colonna) : `${a1(run.da, colonna)}:${a1(run.a, colonna)}`;
    if (corrente.length > 0 && lunghezza + 2 + indirizzo.length > MAX_CARATTERI_AREE_REGOLA) {
      liste.push(corrente);
      corrente = [];
      lunghezza = 0;
    }
    lunghezza += (corrente.length > 0 ? 2 : 0) + indirizzo.length;
    corrente.push(indirizzo);
  }
  if (corrente.length > 0) liste.push(corrente);
  return liste;
}

/**
 * Whether Barometro's rules (of a line, or of a sheet) must be replaced: unless their formulas are
 * exactly the wanted ones (the marker's firma covers areas and colours). Then nothing is sent: a
 * second Ricalcola changes nothing, and two people recalculating do not rewrite each other's rules.
 */
export function daSostituire(formuleNostre: (string | null)[], desiderate: RegolaCondizionale[]): boolean {
  if (formuleNostre.length !== desiderate.length) return true;
  const a = formuleNostre.map((f) => f ?? "").sort();
  const b = desiderate.map((r) => r.formula).sort();
  return a.some((f, i) => f !== b[i]);
}

/**
 * The conditional-formatting part of a write, for these sheets: line by line, Barometro's marked
 * rules are deleted and the wanted ones added, unless they are already the wanted ones. With
 * `soloLinee` (Ricalcola linea) only those lines' rules are considered; without, every marked rule
 * of the sheets is (Ricalcola tutto), so the rules of lines that no longer exist are deleted too.
 * Rules without the marker (the user's) are never touched. With `desiderate` empty (the option
 * switched off) Barometro's rules are removed.
 */
export function pianoFormattazione(
  fogli: readonly string[],
  desiderate: RegolaCondizionale[],
  esistenti: RegolaEsistente[],
  soloLinee?: ReadonlySet<string>
): ModificaFormattazione {
  const piano: ModificaFormattazione = { elimina: [], aggiungi: [], invariati: [] };
  const inAmbito = (linea: string | null) => !soloLinee || (linea !== null && soloLinee.has(linea));
  for (const foglio of new Set(fogli)) {
    const nostre = esistenti.filter(
      (r) => r.foglio === foglio && isRegolaBarometro(r.formula) && inAmbito(lineaDellaRegola(r.formula))
    );
    const volute = desiderate.filter((r) => r.foglio === foglio && inAmbito(r.linea));
    let cambiato = false;
    for (const linea of new Set([...nostre.map((r) => lineaDellaRegola(r.formula)), ...volute.map((r) => r.linea)])) {
      const sue = nostre.filter((r) => lineaDellaRegola(r.formula) === linea);
      const vuole = volute.filter((r) => r.linea === linea);
      if (
        !daSostituire(
          sue.map((r) => r.formula),
          vuole
        )
      )
        continue;
      cambiato = true;
      piano.elimina.push(...sue.map((r) => ({ foglio, id: r.id, formula: r.formula })));
      piano.aggiungi.push(...vuole);
    }
    if (!cambiato) piano.invariati.push(foglio);
  }
  return piano;
}
