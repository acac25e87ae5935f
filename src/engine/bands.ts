export type IdFascia = "raggiunto" | "parziale" | "non_raggiunto";

export interface Fascia {
  id: IdFascia;
  etichetta: string;
  /** Lowest % Ragg (0–100, inclusive) that falls in this band. */
  soglia: number;
  /** Fill colour as #RRGGBB. */
  colore: string;
}

export interface Bande {
  /** Ordered from the highest threshold down; the last one has threshold 0. */
  fasce: Fascia[];
  neutralizzato: { etichetta: string; colore: string };
}

export const BANDE_PREDEFINITE: Bande = {
  fasce: [
    { id: "raggiunto", etichetta: "Raggiunto", soglia: 90, colore: "#63BE7B" },
    { id: "parziale", etichetta: "Parzialmente raggiunto", soglia: 70, colore: "#FFEB84" },
    { id: "non_raggiunto", etichetta: "Non raggiunto", soglia: 0, colore: "#F8696B" },
  ],
  neutralizzato: { etichetta: "Neutralizzato", colore: "#BFBFBF" },
};

/** The band a % Ragg (0–100) falls in. */
export function fasciaPer(ragg: number, bande: Bande = BANDE_PREDEFINITE): Fascia {
  const ordinate = [...bande.fasce].sort((a, b) => b.soglia - a.soglia);
  return ordinate.find((f) => ragg >= f.soglia) ?? ordinate[ordinate.length - 1];
}

/**
 * Builds bands from the user's settings, falling back to the defaults for anything missing.
 * Returns an Italian error message instead when the thresholds are not strictly decreasing.
 */
export function creaBande(
  soglie: { raggiunto: number; parziale: number },
  base: Bande = BANDE_PREDEFINITE
): Bande | string {
  if (!(soglie.raggiunto > soglie.parziale && soglie.parziale > 0 && soglie.raggiunto <= 100)) {
    return "Le soglie devono essere 0 < Parzialmente raggiunto < Raggiunto ≤ 100.";
  }
  return {
    ...base,
    fasce: base.fasce.map((f) =>
      f.id === "raggiunto"
        ? { ...f, soglia: soglie.raggiunto }
        : f.id === "parziale"
          ? { ...f, soglia: soglie.parziale }
          : f
    ),
  };
}
