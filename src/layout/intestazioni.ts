import { CampoIndicatore } from "../engine";
import { isEtichettaNormalizzata } from "./sezioni";
import { normalizza, parole, puoContenere, radici, Radici } from "./testo";

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

const RADICI_DI_OGNI_OBBLIGATORIO = CAMPI_OBBLIGATORI.map((campo) => radiciDi(REGOLE.filter((r) => r.campo === campo)));

/** Whether this text may name one of the required columns (one scan: see obbligatoriPossibili). */
export function puoNominareObbligatoria(testo: string): boolean {
  return puoNominare(testo, RADICI_OBBLIGATORIE);
}

/**
 * Which required columns this text may name: one bit per CAMPI_OBBLIGATORI entry, in its order.
 * 0 for most data cells, after a single scan.
 */
export function obbligatoriPossibili(testo: string): number {
  if (!puoNominareObbligatoria(testo)) return 0;
  let campi = 0;
  for (let i = 0; i < RADICI_DI_OGNI_OBBLIGATORIO.length; i++)
    if (puoContenere(testo, RADICI_DI_OGNI_OBBLIGATORIO[i])) campi |= 1 << i;
  return campi;
}

/**
 * How many required columns distinct cells may name at once (cells given by their
 * obbligatoriPossibili): a header needs all four, or three when it stands for the previous header
 * (see the reader). A data row mentioning "indicatori" twice counts one: it is not read as a header.
 */
export function obbligatoriDistinti(campiDelleCelle: readonly number[]): number {
  let unione = 0;
  let celle = 0;
  for (const campi of campiDelleCelle) {
    unione |= campi;
    if (campi !== 0) celle++;
  }
  const limite = Math.min(celle, bitAccesi(unione));
  return limite < 2 ? limite : abbinamentoMassimo(campiDelleCelle);
}

function bitAccesi(x: number): number {
  let n = 0;
  for (let b = x; b !== 0; b &= b - 1) n++;
  return n;
}

/** Largest set of cells each given a different field it may name (augmenting paths; 4 fields). */
function abbinamentoMassimo(campiDelleCelle: readonly number[]): number {
  const cellaDelCampo: number[] = CAMPI_OBBLIGATORI.map(() => -1);
  const assegna = (cella: number, visti: number): boolean => {
    const campi = campiDelleCelle[cella];
    for (let f = 0; f < cellaDelCampo.length; f++) {
      if (!(campi & (1 << f)) || visti & (1 << f)) continue;
      visti |= 1 << f;
      if (cellaDelCampo[f] === -1 || assegna(cellaDelCampo[f], visti)) {
        cellaDelCampo[f] = cella;
        return true;
      }
    }
    return false;
  };
  let n = 0;
  for (let c = 0; c < campiDelleCelle.length && n < cellaDelCampo.length; c++)
    if (campiDelleCelle[c] !== 0 && assegna(c, 0)) n++;
  return n;
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
  if (obbligatoriDistinti(celle.map((c) => obbligatoriPossibili(c.testo))) < CAMPI_OBBLIGATORI.length) return null;
  const colonne = abbinaColonne(celle);
  return CAMPI_OBBLIGATORI.every((campo) => colonne[campo] !== undefined) ? colonne : null;
}

/** The field a single header text names, or null. */
export function campoIntestazione(testo: string): CampoIndicatore | null {
  const campi = Object.keys(abbinaColonne([{ colonna: 0, testo }])) as CampoIndicatore[];
  return campi[0] ?? null;
}
