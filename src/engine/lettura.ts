import { numeroDaCella } from "./numeri";
import { Indicatore, ValoreCella } from "./tipi";

/**
 * How the figures of an indicator row are read, whatever dress the office wrote them in:
 * - binary values as words: Sì / No (any accent, any case), SI / NO, Fatto / Non fatto, Vero / Falso,
 *   Excel booleans (TRUE / FALSE) → 1 / 0. A reading of the whole row: only when Target atteso and
 *   consuntivo are each a word, a boolean, 0, 1 or blank (a "Sì" beside 350 is no figure);
 * - percentages: a number with a percentage number format reads as Excel shows it (0.8 → 80), as
 *   does text "80%" / "80 %"; a plain fraction beside a percentage in the same row (80 % and 0,75)
 *   is read as a fraction too (75), and the choice is reported (LETTURA_SCELTA), never made silently;
 * - weights: a fraction with a percentage format (0.25 shown 25 %) is 25, like text "25%".
 */

/** The figure columns whose cells can be dressed as percentages. */
export type CampoCifra = "atteso" | "consuntivo" | "peso" | "scostamento";

/** A formula that declares the indicator binary: «1 = fatto 0 = non fatto». */
export const FORMULA_BINARIA = /\b1\s*=\s*fatto\b|\bfatto\s*=\s*1\b/i;

const SI = new Set(["si", "si'", "fatto", "vero", "true"]);
const NO = new Set(["no", "non fatto", "falso", "false"]);

/** A binary word or an Excel boolean as 1 / 0; null for anything else. */
export function valoreBinario(valore: ValoreCella): 0 | 1 | null {
  if (typeof valore === "boolean") return valore ? 1 : 0;
  if (typeof valore !== "string" || valore.length > 20) return null;
  const parola = normalizzaParola(valore);
  if (SI.has(parola)) return 1;
  if (NO.has(parola)) return 0;
  return null;
}

/** True for text that is a binary word ("Sì", "non fatto"): a word, never a number stored as text. */
export function isParolaBinaria(valore: ValoreCella): boolean {
  return typeof valore === "string" && valoreBinario(valore) !== null;
}

/** Lower case, accents off, inner spaces collapsed: "  Sì " → "si", "Non  Fatto" → "non fatto". */
export function normalizzaParola(testo: string): string {
  return testo
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’`´]/g, "'")
    .replace(/\s+/g, " ");
}

/** A choice between two readings of a cell, which Verifica reports (LETTURA_SCELTA). */
export interface SceltaLettura {
  campo: "atteso" | "consuntivo";
  /** The value in the cell as the user sees it ("0,75"). */
  testo: string;
  /** The value read, on the row's scale (75). */
  letto: number;
  /** The other cell of the row, as read (80), which decided the reading. */
  altro: number;
}

export interface CoppiaLetta {
  atteso: number | null;
  consuntivo: number | null;
  /** The row was read as a binary one (words or booleans as 1 / 0). */
  binaria: boolean;
  /** The row's targets were read on the 0–100 scale from percentage-dressed cells. */
  inPercentuale: boolean;
  /**
   * Both targets are stored as fractions behind a percentage format (0.8 shown 80 %): the cells
   * hold the read values ÷ 100, and so should a Scostamento written beside them (−0.05 shown −5 %).
   */
  frazioni: boolean;
  scelta?: SceltaLettura;
}

/** Which cells of a row are shown with a percentage number format. */
export type Percentuali = Partial<Record<CampoCifra, boolean>>;

/** A number in a cell shown as a percentage → its 0–100 value (0.923 → 92.3, no float noise). */
function cento(n: number): number {
  return Number((n * 100).toPrecision(15));
}

const isBinarioNumerico = (v: ValoreCella) => {
  const n = numeroDaCella(v);
  return n === 0 || n === 1;
};

const vuoto = (v: ValoreCella) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * Target atteso and consuntivo of one row, read together (see the file header). `binaria`: the row's
 * formula declares it binary («1 = fatto»), so its words are 1 / 0 whatever the other cell holds
 * (a 100 there is then a real BINARIO_NON_0_1).
 */
export function leggiCoppia(
  atteso: ValoreCella,
  consuntivo: ValoreCella,
  percentuali?: Percentuali,
  binaria = false
): CoppiaLetta {
  // Fast path: two plain numbers without a percentage format (most rows).
  if (typeof atteso === "number" && typeof consuntivo === "number" && !percentuali?.atteso && !percentuali?.consuntivo)
    return {
      atteso: numeroDaCella(atteso),
      consuntivo: numeroDaCella(consuntivo),
      binaria: false,
      inPercentuale: false,
      frazioni: false,
    };

  const ba = valoreBinario(atteso);
  const bc = valoreBinario(consuntivo);
  if (
    (ba !== null || bc !== null) &&
    (binaria ||
      ((ba !== null || vuoto(atteso) || isBinarioNumerico(atteso)) &&
        (bc !== null || vuoto(consuntivo) || isBinarioNumerico(consuntivo))))
  )
    return {
      atteso: ba ?? numeroDaCella(atteso),
      consuntivo: bc ?? numeroDaCella(consuntivo),
      binaria: true,
      inPercentuale: false,
      frazioni: false,
    };

  const a = leggiCifra(atteso, percentuali?.atteso);
  const c = leggiCifra(consuntivo, percentuali?.consuntivo);
  const coppia: CoppiaLetta = {
    atteso: a.numero,
    consuntivo: c.numero,
    binaria: false,
    inPercentuale: a.percentuale || c.percentuale,
    frazioni: typeof atteso === "number" && typeof consuntivo === "number" && a.percentuale && c.percentuale,
  };
  // A plain fraction beside a percentage: 80 % and 0,75 → 75, said in Verifica. Not in a row its
  // formula declares binary: there a 1 is «fatto», never 100 %.
  if (!binaria && a.percentuale !== c.percentuale && a.numero !== null && c.numero !== null) {
    const [campo, semplice, altro, valore] = a.percentuale
      ? (["consuntivo", c.numero, a.numero, consuntivo] as const)
      : (["atteso", a.numero, c.numero, atteso] as const);
    if (semplice !== 0 && Math.abs(semplice) <= 1) {
      coppia[campo] = cento(semplice);
      coppia.scelta = {
        campo,
        testo: typeof valore === "number" ? String(valore).replace(".", ",") : String(valore).trim(),
        letto: cento(semplice),
        altro,
      };
    }
  }
  return coppia;
}

/** One figure cell: its number, and whether it is dressed as a percentage (format or trailing %). */
function leggiCifra(
  valore: ValoreCella,
  formatoPercentuale?: boolean
): { numero: number | null; percentuale: boolean } {
  if (typeof valore === "number") {
    const numero = numeroDaCella(valore);
    return formatoPercentuale && numero !== null
      ? { numero: cento(numero), percentuale: true }
      : { numero, percentuale: false };
  }
  const numero = numeroDaCella(valore);
  return { numero, percentuale: numero !== null && typeof valore === "string" && valore.trim().endsWith("%") };
}

/** A weight: a number, text "25%", or a fraction with a percentage format (0.25 → 25). Never a word. */
export function leggiPeso(ind: Indicatore): number | null {
  return leggiCifra(ind.peso, ind.percentuali?.peso).numero;
}

/** True when the weight is dressed as a percentage (a percentage format, or text ending in %). */
export function pesoInPercentuale(ind: Indicatore): boolean {
  const v = ind.peso;
  if (typeof v === "number") return ind.percentuali?.peso === true;
  return typeof v === "string" && v.trim().endsWith("%") && numeroDaCella(v) !== null;
}

/** An indicator's Target atteso and consuntivo, read together. */
export function leggiTarget(ind: Indicatore): CoppiaLetta {
  return leggiCoppia(
    ind.atteso,
    ind.consuntivo,
    ind.percentuali,
    ind.formula !== "" && FORMULA_BINARIA.test(ind.formula)
  );
}

/**
 * The Scostamento in the sheet on the targets' scale, in each way it can be meant; empty when it is
 * no number. Beside targets read from percentages, a fraction with a percentage format is scaled
 * (−0.05 → −5), and a plain number may be either points (−5) or the difference of the stored
 * fractions (−0.05, what Excel's =C−B gives): both readings are accepted.
 */
export function lettureScostamento(ind: Indicatore, target: CoppiaLetta): number[] {
  const v = ind.scostamento;
  const numero = numeroDaCella(v);
  if (numero === null) return [];
  if (typeof v !== "number" || !target.inPercentuale) return [numero];
  return ind.percentuali?.scostamento ? [cento(numero)] : [numero, cento(numero)];
}

/**
 * True when Excel's formulas, which see stored values (0.8 for 80 %, text for "Sì"), read the row's
 * targets as the engine does, up to a common scale: no binary word, and both targets or neither
 * stored as fractions behind a percentage format. Otherwise Barometro writes values, not formulas.
 */
export function targetComeInExcel(ind: Indicatore): boolean {
  if (isParolaBinaria(ind.atteso) || isParolaBinaria(ind.consuntivo)) return false;
  return (ind.percentuali?.atteso ?? false) === (ind.percentuali?.consuntivo ?? false);
}
