/**
 * The staff's workbook as the bundled sample, the test generators and the hostile corpus lay it
 * out, and the shape of the published report (test/fixtures/relazione-performance-2024.json).
 */

/** The header row, column A onwards (Polarità is Barometro's optional column). */
export const INTESTAZIONE_STAFF = [
  "Settore",
  "Obiettivo",
  "Definizione",
  "Indicatore",
  "Formula",
  "Finalità",
  "Polarità",
  "Target atteso",
  "Target Consuntivo",
  "Scostamento",
  "Note",
  "Peso",
  "% Ragg",
  "Barometro",
] as const;

export interface SeedIndicatore {
  indicatore: string;
  formula: string;
  finalita: string;
  targetAtteso: number;
  targetConsuntivo: number;
  publishedScostamento: number;
  note: string;
  peso: number;
  publishedRagg: number;
}

export interface SeedObiettivo {
  settore: string;
  obiettivo: string;
  definizione: string;
  indicatori: SeedIndicatore[];
}

export interface SeedLinea {
  linea: string;
  publishedPercent: number;
  obiettivi: SeedObiettivo[];
}
