import { CampoIndicatore } from "../engine";
import { isEtichettaNormalizzata } from "./sections";
import { normalizza, parole, puoContenere, radici, Radici } from "./text";

/** Column index (grid coordinates) of each column a table has. */
export type ColonneTabella = Partial<Record<CampoIndicatore, number>>;

/** A row is a table header when it names at least these columns. */
export const CAMPI_OBBLIGATORI: readonly CampoIndicatore[] = ["indicatore", "atteso", "consuntivo", "peso"];

/** Longer cells are data, never headers: this also keeps 20,000-character cells cheap. */
const LUNGHEZZA_MASSIMA = 80;
/** Keyword matches only on short headers, so descriptive sentences are not taken as columns. */
const PAROLE_MASSIME = 5;

export interface Regola {
  campo: CampoIndicatore;
  /**
   * Word pieces every name of the column contains, exact or keyword (checked by a test): a cell
   * with none of them in its normalised text names no column, and is not normalised at all.
   */
  radici: string[];
  /** Normalised header texts that name the column exactly, best first. */
  esatti: string[];
  /** Looser match on the header's words. */
  parole: (p: string[]) => boolean;
}

const inizia = (p: string[], ...radici: string[]) => p.some((w) => radici.some((r) => w.startsWith(r)));
const contiene = (p: string[], ...esatte: string[]) => p.some((w) => esatte.includes(w));

/** Order matters for keyword matches: a header is given to the first rule it satisfies. */
export const REGOLE: readonly Regola[] = [
  {
    campo: "consuntivo",
    radici: ["consuntiv", "raggiunt"],
    esatti: [
      "target consuntivo",
      "consuntivo",
      "valore consuntivo",
      "risultato consuntivo",
      "target raggiunto",
      "valore raggiunto",
      "risultato raggiunto",
    ],
    parole: (p) => (inizia(p, "consuntiv") || contiene(p, "raggiunto")) && !inizia(p, "attes"),
  },
  {
    campo: "atteso",
    radici: ["attes", "target"],
    esatti: ["target atteso", "atteso", "valore atteso", "risultato atteso", "target", "valore target"],
    parole: (p) => inizia(p, "attes") && !inizia(p, "consuntiv"),
  },
  {
    campo: "ragg",
    radici: ["ragg"],
    esatti: [
      "% ragg",
      "ragg",
      "ragg %",
      "% raggiungimento",
      "raggiungimento",
      "raggiungimento %",
      "% di raggiungimento",
      "grado di raggiungimento",
      "percentuale di raggiungimento",
      "percentuale raggiungimento",
    ],
    parole: (p) => contiene(p, "ragg") || inizia(p, "raggiungim"),
  },
  {
    campo: "peso",
    radici: ["pes"],
    esatti: ["peso", "peso %", "% peso", "pesi", "peso indicatore", "peso ponderale"],
    parole: (p) => contiene(p, "peso", "pesi"),
  },
  {
    campo: "indicatore",
    radici: ["indicator"],
    esatti: ["indicatore", "indicatori", "nome indicatore", "descrizione indicatore", "indicatore di risultato"],
    parole: (p) => inizia(p, "indicator"),
  },
  {
    campo: "obiettivo",
    radici: ["obiettiv"],
    esatti: ["obiettivo", "obiettivi", "obiettivo operativo", "titolo obiettivo"],
    parole: (p) => inizia(p, "obiettiv"),
  },
  {
    campo: "definizione",
    radici: ["definizion", "descrizion"],
    esatti: ["definizione", "descrizione", "descrizione obiettivo", "definizione obiettivo"],
    parole: (p) => inizia(p, "definizion"),
  },
  {
    campo: "settore",
    radici: ["settor", "servizio"],
    esatti: ["settore", "settori", "settore responsabile", "servizio"],
    parole: (p) => inizia(p, "settor"),
  },
  {
    campo: "formula",
    radici: ["formul", "modalita", "metodo"],
    esatti: ["formula", "formula di calcolo", "formula indicatore", "modalita di calcolo", "metodo di calcolo"],
    parole: (p) => inizia(p, "formul"),
  },
  {
    campo: "finalita",
    radici: ["finalita"],
    esatti: ["finalita", "finalita indicatore"],
    parole: (p) => inizia(p, "finalita"),
  },
  {
    campo: "scostamento",
    radici: ["scostament"],
    esatti: ["scostamento", "scostamenti"],
    parole: (p) => inizia(p, "scostament"),
  },
  {
    campo: "note",
    radici: ["not", "annotazion", "osservazion"],
    esatti: ["note", "nota", "annotazioni", "osservazioni"],
    parole: (p) => contiene(p, "note", "nota"),
  },
  {
    campo: "barometro",
    radici: ["barometr"],
    esatti: ["barometro"],
    parole: (p) => inizia(p, "barometr"),
  },
  {
    campo: "polarita",
    radici: ["polarita", "verso"],
    esatti: ["polarita", "verso", "polarita indicatore", "verso indicatore"],
    parole: (p) => contiene(p, "polarita", "verso"),
  },
];

const radiciDi = (regole: readonly Regola[]) => radici(regole.flatMap((r) => r.radici));
const RADICI = radiciDi(REGOLE);
const RADICI_OBBLIGATORIE = radiciDi(REGOLE.filter((r) => CAMPI_OBBLIGATORI.includes(r.campo)));

/** Whether a cell's text may name a column at all (cheap: most cells of a big sheet are data). */
function puoNominare(testo: string, pezzi: Radici): boolean {
  return testo.length <= LUNGHEZZA_MASSIMA && puoContenere(testo, pezzi);
}

/**
 * How many of these cells may name one of the required columns: a header needs all four, or
 * three when it stands for the previous header (see the reader); rows with fewer are data.
 */
export function possibiliObbligatori(celle: readonly CellaIntestazione[]): number {
  return celle.reduce((n, c) => (puoNominareObbligatoria(c.testo) ? n + 1 : n), 0);
}

/** Whether this text may name one of the required columns (see possibiliObbligatori). */
export function puoNominareObbligatoria(testo: string): boolean {
  return puoNominare(testo, RADICI_OBBLIGATORIE);
}

/** One candidate header cell: its column and its text (already known to be a string). */
export interface CellaIntestazione {
  colonna: number;
  testo: string;
}

/**
 * Which column is which in a candidate header row. Exact (normalised) names are matched
 * first, then keyword matches, each column and each field used at most once, left to right.
 */
export function abbinaColonne(celle: readonly CellaIntestazione[]): ColonneTabella {
  const candidati = celle
    .filter((c) => puoNominare(c.testo, RADICI))
    .map((c) => ({ colonna: c.colonna, norm: normalizza(c.testo) }))
    .filter((c) => c.norm !== "" && !isEtichettaNormalizzata(c.norm));

  const colonne: ColonneTabella = {};
  const usate = new Set<number>();
  const assegna = (campo: CampoIndicatore, colonna: number) => {
    colonne[campo] = colonna;
    usate.add(colonna);
  };

  for (const regola of REGOLE) {
    // Earlier names are better: "Target atteso" beats a bare "Target".
    for (const esatto of regola.esatti) {
      const trovata = candidati.find((c) => !usate.has(c.colonna) && c.norm === esatto);
      if (trovata) {
        assegna(regola.campo, trovata.colonna);
        break;
      }
    }
  }
  for (const c of candidati) {
    if (usate.has(c.colonna)) continue;
    const p = parole(c.norm);
    if (p.length > PAROLE_MASSIME) continue;
    const regola = REGOLE.find((r) => colonne[r.campo] === undefined && r.parole(p));
    if (regola) assegna(regola.campo, c.colonna);
  }
  return colonne;
}

/** The columns of a header row, or null unless it has Indicatore, Target atteso, Target consuntivo and Peso. */
export function riconosciIntestazione(celle: readonly CellaIntestazione[]): ColonneTabella | null {
  if (possibiliObbligatori(celle) < CAMPI_OBBLIGATORI.length) return null;
  const colonne = abbinaColonne(celle);
  return CAMPI_OBBLIGATORI.every((campo) => colonne[campo] !== undefined) ? colonne : null;
}

/** The field a single header text names, or null. */
export function campoIntestazione(testo: string): CampoIndicatore | null {
  const campi = Object.keys(abbinaColonne([{ colonna: 0, testo }])) as CampoIndicatore[];
  return campi[0] ?? null;
}
