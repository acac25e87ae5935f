import { isFormulaDellaRegola } from "./formule";
import { leggiPeso, leggiTarget } from "./lettura";
import { numeroDaCella } from "./numeri";
import { parsePolarita } from "./polarita";
import { calcolaRagg, calcolaScostamento } from "./ragg";
import {
  Indicatore,
  Linea,
  Obiettivo,
  RisultatoEnte,
  RisultatoIndicatore,
  RisultatoLinea,
  RisultatoObiettivo,
} from "./tipi";

/**
 * One indicator. A % Ragg cell holding the user's own formula is never overwritten, and its
 * numeric result is the value used (Verifica still compares it with the rule's).
 */
export function calcolaIndicatore(indicatore: Indicatore): RisultatoIndicatore {
  const target = leggiTarget(indicatore);
  const { atteso, consuntivo } = target;
  const polarita = parsePolarita(indicatore.polarita) ?? "crescente";
  const daRilevare = atteso === null || consuntivo === null;
  const raggRegola = daRilevare ? null : calcolaRagg(atteso, consuntivo, polarita);
  const formula = indicatore.formule.ragg;
  // =PERF.RAGG(…) and Barometro's own formula compute the rule: their cached value may lag behind.
  const daFormula = formula && !isFormulaDellaRegola(formula) ? numeroDaCella(indicatore.ragg) : null;
  // consuntivo − atteso can overflow (1.7e308 − −1.7e308): no Infinity is ever written to a cell.
  // In the unit of the cells: between targets stored as fractions (80 % is 0.8), a fraction too.
  const scostamento = daRilevare
    ? null
    : target.frazioni
      ? calcolaScostamento(atteso, consuntivo) / 100
      : calcolaScostamento(atteso, consuntivo);
  return {
    // A user's formula may give anything (150, −20): like the rule, a % Ragg stays within 0–100.
    ragg: daFormula === null ? raggRegola : Math.max(0, Math.min(100, daFormula)),
    raggRegola,
    daFormula: daFormula !== null,
    scostamento: scostamento !== null && Number.isFinite(scostamento) ? scostamento : null,
    daRilevare,
    polarita,
  };
}

/** A weight counts when it is a number ≥ 0 (25 % is 25); anything else leaves the indicator out. */
export function pesoValido(indicatore: Indicatore): number | null {
  const peso = leggiPeso(indicatore);
  return peso !== null && peso >= 0 ? peso : null;
}

/** One indicator row as an objective combines it: its weight (≥ 0) and % Ragg, either possibly missing. */
export interface RigaPesata {
  peso: number | null;
  ragg: number | null;
}

/** What combinaIndicatori gives: the objective's value, or why there is none. */
export interface CombinazioneIndicatori {
  /** Σ(peso × ragg) / Σ peso over the rows that have both, capped at 100; null when neutralised or nothing measured. */
  ragg: number | null;
  /** Every weight a number and their sum 0: shown, never counted. */
  neutralizzato: boolean;
  sommaPesi: number;
  /**
   * The first row (0-based) that leaves the value partial: a missing weight, or a missing % Ragg under a
   * positive weight. null when complete or neutralised. The engine marks the objective incomplete and
   * averages the rest; PERF.OBIETTIVO, whose cell cannot carry that flag, answers #N/A naming the row.
   */
  mancante: { indice: number; dato: "peso" | "ragg" } | null;
}

/**
 * The one place where an objective's indicators are combined (the engine, PERF.OBIETTIVO and
 * PERF.LINEA call it): Σ(peso × ragg) / Σ peso over the rows with both, capped at 100;
 * neutralised when every weight is a number and they sum to 0.
 */
export function combinaIndicatori(righe: readonly RigaPesata[]): CombinazioneIndicatori {
  const sommaPesi = righe.reduce<number>((sum, r) => sum + (r.peso ?? 0), 0);
  const neutralizzato = righe.length > 0 && righe.every((r) => r.peso !== null) && sommaPesi === 0;
  if (neutralizzato) return { ragg: null, neutralizzato, sommaPesi, mancante: null };

  let mancante: CombinazioneIndicatori["mancante"] = null;
  const pesiMisurati: number[] = [];
  const raggMisurati: number[] = [];
  for (let indice = 0; indice < righe.length; indice++) {
    const { peso, ragg } = righe[indice];
    if (peso !== null && ragg !== null) {
      pesiMisurati.push(peso);
      raggMisurati.push(ragg);
    } else if (mancante === null && (peso === null || peso > 0)) {
      mancante = { indice, dato: peso === null ? "peso" : "ragg" };
    }
  }
  const ragg = mediaPesata(pesiMisurati, raggMisurati);
  return { ragg: ragg === null ? null : Math.min(100, ragg), neutralizzato, sommaPesi, mancante };
}

/**
 * Objective: its indicators combined by combinaIndicatori. A weight that is not a number ≥ 0
 * leaves its indicator out (pesoValido).
 */
export function calcolaObiettivo(obiettivo: Obiettivo): RisultatoObiettivo {
  const indicatori = obiettivo.indicatori.map(calcolaIndicatore);
  const { ragg, neutralizzato, sommaPesi } = combinaIndicatori(
    obiettivo.indicatori.map((ind, i) => ({ peso: pesoValido(ind), ragg: indicatori[i].ragg }))
  );
  return { ragg, neutralizzato, sommaPesi, indicatori };
}

/**
 * Σ(peso × ragg) / Σ peso over parallel lists; null when no weight is > 0. Weights so large that a
 * sum overflows (two weights of 1e308: Σ peso is Infinity even when Σ peso × ragg is not, for a
 * small % Ragg) are scaled down by the largest first, and so are weights so small that their
 * products lose digits: the same mean, never NaN nor a false 0.
 */
function mediaPesata(pesi: number[], ragg: number[]): number | null {
  /** undefined: a sum overflowed at this scale. */
  const media = (scala: number): number | null | undefined => {
    let pesato = 0;
    let pesoMisurato = 0;
    for (let i = 0; i < pesi.length; i++) {
      pesato += (pesi[i] / scala) * ragg[i];
      pesoMisurato += pesi[i] / scala;
    }
    if (!Number.isFinite(pesato) || !Number.isFinite(pesoMisurato)) return undefined;
    return pesoMisurato > 0 ? pesato / pesoMisurato : null;
  };
  const massimo = pesi.reduce((m, p) => Math.max(m, p), 0);
  // Weights so small that peso × ragg falls below the normal doubles (5e-324) lose their digits:
  // scaled as well. Ordinary weights (0.3, 1, 40) are used as they are, to the last digit.
  const diretta = massimo === 0 || massimo >= PESO_MINIMO_DIRETTO ? media(1) : undefined;
  if (diretta !== undefined) return diretta;
  return media(massimo) ?? null;
}

/** Below this largest weight the mean is taken on weights scaled by the largest (mediaPesata). */
const PESO_MINIMO_DIRETTO = 1e-250;

/** Whether anything in the objective is still to be measured (missing data or weight). */
function obiettivoIncompleto(obiettivo: Obiettivo, risultato: RisultatoObiettivo): boolean {
  if (risultato.neutralizzato) return false;
  return risultato.indicatori.some((r, i) => r.daRilevare || pesoValido(obiettivo.indicatori[i]) === null);
}

/** Line: arithmetic mean of its non-neutralised objectives that have a value. */
export function calcolaLinea(linea: Linea): RisultatoLinea {
  const obiettivi = linea.obiettivi.map(calcolaObiettivo);
  return {
    percentuale: percentualeMedia(obiettivi.map((o) => o.ragg)),
    incompleta: linea.obiettivi.some((o, i) => obiettivoIncompleto(o, obiettivi[i])),
    neutralizzati: obiettivi.filter((o) => o.neutralizzato).length,
    obiettivi,
  };
}

/** Overall (ente): arithmetic mean of the line percentages. */
export function calcolaEnte(linee: Linea[]): RisultatoEnte {
  const risultati = linee.map(calcolaLinea);
  return {
    percentuale: percentualeMedia(risultati.map((l) => l.percentuale)),
    incompleta: risultati.some((l) => l.incompleta || l.percentuale === null),
    linee: risultati,
  };
}

/**
 * A line's percentage from its objectives' values, and the ente's from its lines' (the engine, PERF.LINEA
 * and PERF.ENTE call it): the arithmetic mean of the values present; null (neutralised, not measured)
 * are left out; null when none is left.
 */
export function percentualeMedia(valori: ReadonlyArray<number | null>): number | null {
  return media(valori.filter((v): v is number => v !== null));
}

export function media(valori: number[]): number | null {
  if (valori.length === 0) return null;
  return valori.reduce((a, b) => a + b, 0) / valori.length;
}
