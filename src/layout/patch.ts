import {
  Bande,
  BANDE_PREDEFINITE,
  fasciaPer,
  formatPercentuale,
  Indicatore,
  Linea,
  RisultatoLinea,
  ScalaPercentuale,
} from "../engine";

/** One value Barometro writes into a cell it owns. */
export interface CellWrite {
  foglio: string;
  cella: string;
  /** The value, or with `formula` the value the formula computes today. */
  valore: number | string;
  /** A formula (English separators, as Office.js `formulas` takes it) to write instead of the value. */
  formula?: string;
}

/** One fill Barometro gives a Barometro cell; null clears Barometro's fill. */
export interface CellFill {
  foglio: string;
  cella: string;
  colore: string | null;
}

/** Everything a recalculation changes in a workbook: nothing outside these cells. */
export interface Patch {
  scritture: CellWrite[];
  colori: CellFill[];
}

/** A percentage written back the way the cell already stores it. */
export function valorePercentuale(percentuale: number, scala: ScalaPercentuale): number | string {
  if (scala === "frazione") return percentuale / 100;
  if (scala === "testo") return formatPercentuale(percentuale);
  return percentuale;
}

export interface OpzioniPatch {
  bande?: Bande;
  /** Write % Ragg as =PERF.RAGG(atteso,consuntivo[,polarità]) instead of its value. */
  formule?: boolean;
}

/** The formula Barometro writes into a % Ragg cell in formula mode (English separators, as Office.js takes it). */
export function formulaRagg(ind: Indicatore): string | null {
  const { atteso, consuntivo, polarita } = ind.celle;
  if (!atteso || !consuntivo) return null;
  return `=PERF.RAGG(${atteso},${consuntivo}${polarita ? `,${polarita}` : ""})`;
}

const compatta = (formula: string) => formula.replace(/\s/g, "").toUpperCase();

/**
 * The cells a recalculation owns: Scostamento, % Ragg, the line's percentage and the
 * Barometro fill. A cell holding a user's formula is never written (in formula mode only
 * Barometro's own =PERF.RAGG formula may stand there); a missing result leaves the cell as it is.
 */
export function creaPatch(linee: Linea[], risultati: RisultatoLinea[], opzioni: OpzioniPatch = {}): Patch {
  const bande = opzioni.bande ?? BANDE_PREDEFINITE;
  const patch: Patch = { scritture: [], colori: [] };
  const scrivi = (
    foglio: string,
    cella: string | undefined,
    formula: string | undefined,
    valore: number | string | null
  ) => {
    if (cella && !formula && valore !== null) patch.scritture.push({ foglio, cella, valore });
  };
  const scriviRagg = (ind: Indicatore, valore: number | string | null) => {
    const nostra = opzioni.formule ? formulaRagg(ind) : null;
    const esistente = ind.formule.ragg;
    if (ind.celle.ragg && valore !== null && nostra && (!esistente || compatta(esistente) === compatta(nostra))) {
      patch.scritture.push({ foglio: ind.foglio, cella: ind.celle.ragg, valore, formula: nostra });
    } else scrivi(ind.foglio, ind.celle.ragg, esistente, valore);
  };

  linee.forEach((linea, l) => {
    const risultato = risultati[l];
    linea.obiettivi.forEach((obiettivo, o) => {
      const ro = risultato.obiettivi[o];
      obiettivo.indicatori.forEach((ind, i) => {
        const ri = ro.indicatori[i];
        scrivi(ind.foglio, ind.celle.scostamento, ind.formule.scostamento, ri.scostamento);
        scriviRagg(ind, ri.ragg === null ? null : valorePercentuale(ri.ragg, ind.scalaRagg));
        if (ind.celle.barometro) {
          const colore = ro.neutralizzato
            ? bande.neutralizzato.colore
            : ri.ragg === null
              ? null
              : fasciaPer(ri.ragg, bande).colore;
          patch.colori.push({ foglio: ind.foglio, cella: ind.celle.barometro, colore });
        }
      });
    });
    const p = linea.percentuale;
    if (p && risultato.percentuale !== null)
      scrivi(linea.foglio, p.cella, p.formula, valorePercentuale(risultato.percentuale, p.scala));
  });
  return patch;
}
