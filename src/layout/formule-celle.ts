import {
  formatPercentuale,
  Indicatore,
  isFormulaDiBarometro,
  Linea,
  MARCATORE_FORMULA,
  numeroDaCella,
  Polarita,
  RisultatoIndicatore,
  RisultatoLinea,
  ScalaPercentuale,
  targetComeInExcel,
  ValoreCella,
} from "../engine";
import { columnName, parseA1 } from "./griglia";
import type { CellWrite } from "./patch";
import type { Sorgente } from "./regole-condizionali";

/**
 * «Formule di Excel»: Scostamento, % Ragg and the line's percentage written as ordinary Excel
 * formulas (English names, commas, as Office.js `formulas` takes them), so that a colleague who
 * edits a consuntivo without the add-in — Excel on the web, LibreOffice — sees the whole row follow,
 * as the Barometro's colour and label already do. Each formula computes exactly what the engine
 * computes (src/engine/ragg.ts, raggiungimento.ts), from the same pieces as the conditional-format
 * rules (calcoloDa), and ends its number with MARCATORE_FORMULA so that Barometro recognises it as
 * its own (and rewrites it) while never touching a user's formula.
 *
 *   Scostamento  =IF(AND(ISNUMBER($G7),ISNUMBER($H7)),$H7-$G7+0*N("barometro"),"")
 *   % Ragg       =IF(AND(ISNUMBER($G7),ISNUMBER($H7)),MIN(100,<rule>)[/100]+0*N("barometro"),"")
 *   line         =IFERROR((Σ objectives IFERROR(MIN(100,num/den),0))/(Σ objectives (den>0))[/100]+0*N("barometro"),"")
 *                num = SUMPRODUCT(--(P>=0),P,R)  den = SUMIFS(P,P,">0",R,">=0")  (P weights, R % Ragg)
 *
 * Data missing: the cell shows "" (the engine has no value either) until the data are there.
 * A row whose atteso or consuntivo the engine reads as a number but Excel does not (numbers stored
 * as text, "1.545", "78,5"; dates; TRUE/FALSE) gets values, as in «valori»: a formula there would
 * not compute what the engine computes.
 */

/** A percentage written back the way the cell already stores it. */
export function valorePercentuale(percentuale: number, scala: ScalaPercentuale): number | string {
  if (scala === "frazione") return percentuale / 100;
  if (scala === "testo") return formatPercentuale(percentuale);
  return percentuale;
}

/** The formula Barometro writes into a % Ragg cell in PERF mode (English separators, as Office.js takes it). */
export function formulaRagg(ind: Indicatore): string | null {
  const { atteso, consuntivo, polarita } = ind.celle;
  if (!atteso || !consuntivo) return null;
  return `=PERF.RAGG(${atteso},${consuntivo}${polarita ? `,${polarita}` : ""})`;
}

const compatta = (formula: string) => formula.replace(/\s/g, "").toUpperCase();

/** True when the % Ragg cell holds exactly the =PERF.RAGG formula PERF mode writes there (Barometro's own). */
export function isFormulaRaggPerf(ind: Indicatore, formula: string): boolean {
  const nostra = formulaRagg(ind);
  return nostra !== null && compatta(formula) === compatta(nostra);
}

/** Excel's longest formula (characters, "=" included). */
export const MAX_CARATTERI_FORMULA = 8_192;

/** The pieces of the rule's % Ragg for one row: see calcoloDa. */
export interface Calcolo {
  condizione: string;
  valore: string;
  scala: number;
  atteso?: string;
  consuntivo?: string;
}

/**
 * The rule's % Ragg for a row (0-based), in pieces: when it can be computed (`condizione`), how
 * (`valore`: 0–100 for a "regola", the cell itself for a "cella"), the scale of the thresholds
 * (1 or 1/100) and, for a "regola", the references it reads. The one expression behind the
 * conditional-format rules and the label formula (patch.ts, valoreDa) and the cell formulas here.
 */
export function calcoloDa(s: Sorgente, riga: number): Calcolo {
  const r = riga + 1;
  if (s.tipo === "cella") {
    const m = `$${s.ragg}${r}`;
    return {
      condizione: `ISNUMBER(${m})`,
      valore: m,
      scala: s.scala === "frazione" ? 0.01 : 1,
    };
  }
  const a = `$${s.atteso}${r}`;
  const c = `$${s.consuntivo}${r}`;
  const regola =
    s.polarita === "decrescente"
      ? `IF(OR(${c}<=${a},${c}=0),100,MAX(0,${a}/${c}*100))`
      : `IF(${c}>=${a},100,IF(${a}=0,0,MAX(0,${c}/${a}*100)))`;
  return {
    condizione: `AND(ISNUMBER(${a}),ISNUMBER(${c}))`,
    valore: regola,
    scala: 1,
    atteso: a,
    consuntivo: c,
  };
}

/** Scostamento: consuntivo − atteso, "" while either is missing. */
export function formulaScostamento(c: Calcolo): string {
  return `=IF(${c.condizione},${c.consuntivo}-${c.atteso}${MARCATORE_FORMULA},"")`;
}

/** % Ragg by the rule, capped at 100 as the engine does, on the cell's scale; "" while data are missing. */
export function formulaRaggExcel(c: Calcolo, scala: "percento" | "frazione"): string {
  return `=IF(${c.condizione},MIN(100,${c.valore})${scala === "frazione" ? "/100" : ""}${MARCATORE_FORMULA},"")`;
}

/**
 * True when a cell value gives, in an Excel formula, what the engine reads from it: a number is a
 * number to both, and what the engine does not read as a number (empty, words, errors) Excel's
 * ISNUMBER refuses too. Not so for numbers stored as text ("1.545", "78,5": numbers to the engine,
 * text to Excel), dates (numbers to Excel) and TRUE/FALSE (numbers to LibreOffice).
 */
function comeInExcel(v: ValoreCella): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "number") return Number.isFinite(v);
  return typeof v === "string" && numeroDaCella(v) === null;
}

/** A weight as the line's formula reads it: as comeInExcel, and no error value (it would propagate). */
const pesoComeInExcel = (v: ValoreCella) => comeInExcel(v) && !(typeof v === "string" && v.trim().startsWith("#"));

/**
 * What a % Ragg cell holds after the write, on 0–100, for the line's formula: a number, null for
 * no number ("", text), undefined when the line's formula cannot rely on it (see percentualeExcel).
 */
export type LettureRagg = Map<Indicatore, number | null | undefined>;

/**
 * One indicator's Scostamento and % Ragg in «formule di Excel». A user's formula is never touched
 * (Barometro's own — with the marker, or =PERF.RAGG as PERF mode writes it — is rewritten); a row
 * whose inputs Excel would read otherwise than the engine (comeInExcel), or a % Ragg stored as
 * text, gets values, as in «valori». A cell already holding exactly the formula is not written.
 */
export function celleExcel(
  ind: Indicatore,
  ri: RisultatoIndicatore,
  sorgente: Sorgente | null
): { scritture: CellWrite[]; letto: number | null | undefined } {
  const scritture: CellWrite[] = [];
  const { foglio } = ind;
  const calcolo = calcoloExcel(ind, ri.polarita, sorgente);
  /** Writes the formula, or the value; null: empties a cell of Barometro's, leaves any other. */
  const scrivi = (
    cella: string,
    esistente: string | undefined,
    formula: string | null,
    valore: number | string | null
  ) => {
    if (formula) {
      if (esistente !== formula) scritture.push({ foglio, cella, valore: valore ?? "", formula });
    } else if (valore !== null) scritture.push({ foglio, cella, valore });
    else if (esistente) scritture.push({ foglio, cella, valore: "", formula: "" });
  };

  const s = ind.celle.scostamento;
  if (s && (!ind.formule.scostamento || isFormulaDiBarometro(ind.formule.scostamento)))
    scrivi(s, ind.formule.scostamento, calcolo && formulaScostamento(calcolo), ri.scostamento);

  const r = ind.celle.ragg;
  if (!r) return { scritture, letto: undefined };
  const esistente = ind.formule.ragg;
  if (!sostituibile(ind, esistente)) {
    // The user's formula: the line reads what it gives, which the engine used when it is a number.
    return { scritture, letto: typeof ind.ragg === "number" ? ind.ragg : null };
  }
  const scala = ind.scalaRagg;
  const valore = ri.ragg === null ? null : valorePercentuale(ri.ragg, scala);
  if (scala === "testo") {
    scrivi(r, esistente, null, valore);
    return {
      scritture,
      letto: ri.ragg === null && !esistente && typeof ind.ragg === "number" ? ind.ragg : null,
    };
  }
  scrivi(r, esistente, formulaRaggDi(ind, calcolo), valore);
  // A missing value leaves a plain cell as it is: the line then reads the number it keeps.
  const lasciata = !calcolo && ri.ragg === null && !esistente;
  return {
    scritture,
    letto: lasciata ? (typeof ind.ragg === "number" ? ind.ragg : null) : ri.ragg,
  };
}

/**
 * The rule's pieces for a row in «formule di Excel»: from atteso and consuntivo (also beside a
 * user's own % Ragg formula, for Scostamento), null where there is no rule or a row's inputs are
 * read otherwise by Excel than by the engine (comeInExcel: the row gets values).
 */
function calcoloExcel(ind: Indicatore, polarita: Polarita, sorgente: Sorgente | null): Calcolo | null {
  const { atteso, consuntivo } = ind.celle;
  const regola: Sorgente | null =
    sorgente?.tipo === "regola"
      ? sorgente
      : sorgente && atteso && consuntivo
        ? { tipo: "regola", atteso: colonnaDi(atteso), consuntivo: colonnaDi(consuntivo), polarita }
        : null;
  return regola && comeInExcel(ind.atteso) && comeInExcel(ind.consuntivo) && targetComeInExcel(ind)
    ? calcoloDa(regola, ind.riga - 1)
    : null;
}

/** A % Ragg cell Barometro may write: no formula, its own (marker) or =PERF.RAGG as PERF mode writes it. */
const sostituibile = (ind: Indicatore, formula: string | undefined) =>
  !formula || isFormulaDiBarometro(formula) || isFormulaRaggPerf(ind, formula);

/**
 * The % Ragg formula celleExcel gives the row's % Ragg cell (written now, or already there); null
 * where the cell gets a value, keeps its text or holds the user's formula.
 */
function formulaRaggDi(ind: Indicatore, calcolo: Calcolo | null): string | null {
  const scala = ind.scalaRagg;
  if (!calcolo || !ind.celle.ragg || !sostituibile(ind, ind.formule.ragg) || scala === "testo") return null;
  return formulaRaggExcel(calcolo, scala);
}

/**
 * «Formule di Excel»: where the row's % Ragg cell holds Barometro's own % Ragg formula after the
 * write (formulaRaggDi, the decision celleExcel writes by), the conditional-format rules and the
 * Barometro label read that cell — V = IF(ISNUMBER($M7),$M7,-1) on the cell's scale — instead of
 * computing % Ragg again: one computation in the sheet, so % Ragg, colour and label agree by
 * construction, and each rule and label formula is several times shorter. Null elsewhere (a value,
 * text, the user's formula, no rule): they compute from atteso and consuntivo (`sorgente`, as
 * patch.ts's sorgenteDi gives it outside this mode).
 */
export function sorgenteCellaExcel(ind: Indicatore, polarita: Polarita, sorgente: Sorgente | null): Sorgente | null {
  const r = ind.celle.ragg;
  const scala = ind.scalaRagg;
  if (!r || scala === "testo" || !formulaRaggDi(ind, calcoloExcel(ind, polarita, sorgente))) return null;
  return { tipo: "cella", ragg: colonnaDi(r), scala };
}

/** One block of consecutive indicator rows of an objective, read by ranges. */
interface Blocco {
  da: number;
  a: number;
  peso: string;
  ragg: string;
  frazione: boolean;
}

/**
 * The line's percentage in «formule di Excel»: the mean of its objectives that have a value, each
 * objective the weighted mean Σ(peso × % Ragg) / Σ peso over its indicators with data (weights
 * ≥ 0), capped at 100 — as calcolaLinea. A neutralised objective (weights all 0) has Σ peso = 0
 * and drops out as in the engine. The objectives have no cell of their own: their means live in
 * the line's formula, which reads the Peso and % Ragg cells by ranges of consecutive rows.
 *
 * A value is written instead, with the reason, when the formula could not give the engine's
 * figure: a % Ragg cell that will not hold the engine's value (a user's formula outside 0–100, a
 * number left by an older run, text), a weight Excel reads otherwise (a number stored as text,
 * TRUE/FALSE, a date, an error), a missing Peso or % Ragg column, an indicator on another sheet,
 * a percentage stored as text, or a formula longer than Excel's 8,192 characters.
 */
export function percentualeExcel(
  linea: Linea,
  risultato: RisultatoLinea,
  letture: LettureRagg
): { scrittura?: CellWrite; motivo?: string } {
  const p = linea.percentuale;
  if (!p || (p.formula && !isFormulaDiBarometro(p.formula))) return {};
  const valore = risultato.percentuale === null ? null : valorePercentuale(risultato.percentuale, p.scala);
  const { formula, motivo } = formulaLinea(linea, risultato, letture);
  const cella = { foglio: linea.foglio, cella: p.cella };
  let scrittura: CellWrite | undefined;
  if (formula) {
    if (p.formula !== formula) scrittura = { ...cella, valore: valore ?? "", formula };
  } else if (valore !== null) scrittura = { ...cella, valore };
  else if (p.formula) scrittura = { ...cella, valore: "", formula: "" };
  return { scrittura, motivo };
}

/** The line's formula, or why there is none. */
export function formulaLinea(
  linea: Linea,
  risultato: RisultatoLinea,
  letture: LettureRagg
): { formula?: string; motivo?: string } {
  const p = linea.percentuale;
  if (!p) return {};
  if (p.scala === "testo") return { motivo: "la percentuale della linea è scritta come testo" };
  const termini: string[] = [];
  const conteggi: string[] = [];
  for (const [o, obiettivo] of linea.obiettivi.entries()) {
    const blocchi: Blocco[] = [];
    for (const [i, ind] of obiettivo.indicatori.entries()) {
      const { peso, ragg } = ind.celle;
      if (!peso || !ragg)
        return {
          motivo: `manca la colonna ${peso ? "% Ragg" : "Peso"} (riga ${ind.riga})`,
        };
      if (ind.foglio !== linea.foglio)
        return {
          motivo: `l'indicatore della riga ${ind.riga} è su un altro foglio`,
        };
      const f = ind.formule.ragg;
      // The engine uses a user's formula's value clamped to 0–100, or the rule when it is no number:
      // a range cannot say that for one cell.
      if (f && !isFormulaDiBarometro(f) && !isFormulaRaggPerf(ind, f))
        return { motivo: `la % Ragg in ${ragg} è una formula dell'utente` };
      if (!pesoComeInExcel(ind.peso))
        return {
          motivo: `il peso in ${peso} non è un numero per Excel (numero scritto come testo, data o VERO/FALSO)`,
        };
      const atteso = risultato.obiettivi[o]?.indicatori[i]?.ragg ?? null;
      const letto = letture.get(ind);
      const uguali =
        letto !== undefined &&
        (letto === null || atteso === null
          ? letto === atteso
          : Math.abs(letto - atteso) <= 1e-9 * Math.max(1, Math.abs(atteso)));
      if (!uguali)
        return {
          motivo:
            ind.scalaRagg === "testo"
              ? `la % Ragg in ${ragg} è scritta come testo`
              : `la % Ragg in ${ragg} non è quella calcolata da Barometro (una formula dell'utente o un valore rimasto)`,
        };
      const colonnaPeso = colonnaDi(peso);
      const colonnaRagg = colonnaDi(ragg);
      const frazione = ind.scalaRagg === "frazione";
      const ultimo = blocchi[blocchi.length - 1];
      if (
        ultimo &&
        ultimo.a === ind.riga - 1 &&
        ultimo.peso === colonnaPeso &&
        ultimo.ragg === colonnaRagg &&
        ultimo.frazione === frazione
      )
        ultimo.a = ind.riga;
      else
        blocchi.push({
          da: ind.riga,
          a: ind.riga,
          peso: colonnaPeso,
          ragg: colonnaRagg,
          frazione,
        });
    }
    const somma = (parti: string[]) => (parti.length === 1 ? parti[0] : `(${parti.join("+")})`);
    const num = somma(
      blocchi.map((b) => {
        const [pe, ra] = [area(b.peso, b), area(b.ragg, b)];
        return `${b.frazione ? "100*" : ""}SUMPRODUCT(--(${pe}>=0),${pe},${ra})`;
      })
    );
    const den = somma(
      blocchi.map((b) => `SUMIFS(${area(b.peso, b)},${area(b.peso, b)},">0",${area(b.ragg, b)},">=0")`)
    );
    termini.push(`IFERROR(MIN(100,${num}/${den}),0)`);
    conteggi.push(`(${den}>0)`);
  }
  if (termini.length === 0) return {};
  const scala = p.scala === "frazione" ? "/100" : "";
  const formula = `=IFERROR((${termini.join("+")})/(${conteggi.join("+")})${scala}${MARCATORE_FORMULA},"")`;
  if (formula.length > MAX_CARATTERI_FORMULA)
    return {
      motivo: `la formula sarebbe di ${formula.length.toLocaleString("it-IT")} caratteri, oltre gli 8.192 di Excel (${linea.obiettivi.length} obiettivi)`,
    };
  return { formula };
}

const colonnaDi = (cella: string) => columnName(parseA1(cella).col);

/** "K7" or "K7:K9": relative references, the formula is never copied. */
const area = (colonna: string, b: { da: number; a: number }) =>
  b.da === b.a ? `${colonna}${b.da}` : `${colonna}${b.da}:${colonna}${b.a}`;
