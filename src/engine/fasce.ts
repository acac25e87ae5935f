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

/**
 * The default fills keep the traffic light (green, amber, red; neutralised light grey) but are
 * chosen to survive a black-and-white printout and colour-blind readers (checked in
 * test/engine/palette.test.ts with src/engine/visione-colori.ts):
 *
 * - a grey print separates them by lightness, darker is worse: neutralised L* 92, Raggiunto 80,
 *   Parzialmente raggiunto 66, Non raggiunto 53 (at least 12 L* apart);
 * - simulated with Machado, Oliveira & Fernandes (IEEE TVCG 2009, severity 1.0), any two differ
 *   by ΔE*ab ≥ 25 (CIEDE2000 ≥ 11) for protanopia, deuteranopia and tritanopia as for normal vision;
 *   Excel's traffic light (#63BE7B / #FFEB84 / #F8696B, grey #BFBFBF, used before) gives green
 *   and red 10 apart for a deuteranope and lightnesses 7 apart;
 * - black text (the band's label in the cell) has a WCAG contrast of at least 5.2 on each.
 */
export const BANDE_PREDEFINITE: Bande = {
  fasce: [
    { id: "raggiunto", etichetta: "Raggiunto", soglia: 90, colore: "#8ED888" },
    { id: "parziale", etichetta: "Parzialmente raggiunto", soglia: 70, colore: "#C89A02" },
    { id: "non_raggiunto", etichetta: "Non raggiunto", soglia: 0, colore: "#D1593F" },
  ],
  neutralizzato: { etichetta: "Neutralizzato", colore: "#E8E8E8" },
};

/**
 * The symbol a Barometro cell shows with «simbolo»: full, half and empty circle (as Harvey
 * balls: how much of the objective is reached), a dash for neutralised. Fixed, unlike the labels.
 */
export const SIMBOLI_FASCE: Readonly<Record<IdFascia | "neutralizzato", string>> = {
  raggiunto: "●",
  parziale: "◐",
  non_raggiunto: "○",
  neutralizzato: "–",
};

/**
 * The default fills before the colour-blind-safe ones (Excel's traffic light). The Impostazioni
 * form saves every colour, so a workbook whose user never chose one carries these: they read as
 * today's defaults (src/app/impostazioni.ts).
 */
export const COLORI_PREDEFINITI_PRECEDENTI: Readonly<Record<IdFascia | "neutralizzato", string>> = {
  raggiunto: "#63BE7B",
  parziale: "#FFEB84",
  non_raggiunto: "#F8696B",
  neutralizzato: "#BFBFBF",
};

/**
 * The band a % Ragg (0–100) falls in: the one with the highest threshold not above it (the first
 * listed among equal thresholds), else the lowest. Called for every indicator: no allocation.
 */
export function fasciaPer(ragg: number, bande: Bande = BANDE_PREDEFINITE): Fascia {
  let scelta: Fascia | undefined;
  let minima: Fascia = bande.fasce[0];
  for (const f of bande.fasce) {
    if (ragg >= f.soglia && (scelta === undefined || f.soglia > scelta.soglia)) scelta = f;
    if (f.soglia <= minima.soglia) minima = f;
  }
  return scelta ?? minima;
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
