import {
  Bande,
  BANDE_PREDEFINITE,
  fasciaPer,
  formatPercentuale,
  Linea,
  RisultatoLinea,
  ScalaPercentuale,
} from "../engine";

/** One value Barometro writes into a cell it owns. */
export interface CellWrite {
  foglio: string;
  cella: string;
  valore: number | string;
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

/**
 * The cells a recalculation owns: Scostamento, % Ragg, the line's percentage and the
 * Barometro fill. A cell holding a formula is never written; a missing result leaves the
 * cell as it is.
 */
export function creaPatch(linee: Linea[], risultati: RisultatoLinea[], bande: Bande = BANDE_PREDEFINITE): Patch {
  const patch: Patch = { scritture: [], colori: [] };
  const scrivi = (
    foglio: string,
    cella: string | undefined,
    formula: string | undefined,
    valore: number | string | null
  ) => {
    if (cella && !formula && valore !== null) patch.scritture.push({ foglio, cella, valore });
  };

  linee.forEach((linea, l) => {
    const risultato = risultati[l];
    linea.obiettivi.forEach((obiettivo, o) => {
      const ro = risultato.obiettivi[o];
      obiettivo.indicatori.forEach((ind, i) => {
        const ri = ro.indicatori[i];
        scrivi(ind.foglio, ind.celle.scostamento, ind.formule.scostamento, ri.scostamento);
        scrivi(
          ind.foglio,
          ind.celle.ragg,
          ind.formule.ragg,
          ri.ragg === null ? null : valorePercentuale(ri.ragg, ind.scalaRagg)
        );
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
