import { ValoreCella } from "../engine";

/** Merged Settore / Obiettivo / Definizione texts repeat on every row of their area: remembered. */
const normalizzate = new Map<string, string>();
const VOCI_IN_MEMORIA = 10_000;
const LUNGHEZZA_IN_MEMORIA = 200;
/** Anything but printable ASCII, tab and line breaks. */
const NON_ASCII = /[^ -~\t\n\r]/;

/**
 * Loose form of a label for matching: lower case, no accents, apostrophes and punctuation
 * turned into spaces, "%" kept as its own word, spaces collapsed.
 * "Finalita'" → "finalita", "% Ragg." → "% ragg", "Peso (%)" → "peso %", "Target\nconsuntivo" → "target consuntivo".
 */
export function normalizza(testo: string): string {
  if (testo.length > LUNGHEZZA_IN_MEMORIA) return normalizzaSempre(testo);
  let norma = normalizzate.get(testo);
  if (norma === undefined) {
    norma = normalizzaSempre(testo);
    if (normalizzate.size >= VOCI_IN_MEMORIA) normalizzate.clear();
    normalizzate.set(testo, norma);
  }
  return norma;
}

function normalizzaSempre(testo: string): string {
  // Decomposing plain ASCII changes nothing: skip it (most cells of a sheet).
  return (NON_ASCII.test(testo) ? testo.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : testo)
    .toLowerCase()
    .replace(/%/g, " % ")
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}

/** Lower-case ASCII word pieces to look for in raw texts wherever normalizza would show them. */
export interface Radici {
  /**
   * The pieces as they are, any case — enough for plain ASCII texts — or a non-ASCII character
   * (then `lasche` decides): one scan for most texts.
   */
  esatte: RegExp;
  /**
   * The pieces with every letter also allowed to be any non-ASCII character (an accented letter
   * normalises to its base) followed by combining accents: a superset, tried only on texts that
   * hold non-ASCII characters and where the fast search found nothing.
   */
  lasche: RegExp;
}

export function radici(pezzi: readonly string[]): Radici {
  if (pezzi.some((p) => !/^[a-z]+$/.test(p))) throw new Error(`Radici di sole lettere minuscole: ${pezzi.join(", ")}`);
  const lettera = (l: string) => `(?:${l}|${NON_ASCII.source})[\u0300-\u036f]*`;
  return {
    esatte: new RegExp(`${pezzi.join("|")}|${NON_ASCII.source}`, "i"),
    lasche: new RegExp(pezzi.map((p) => [...p].map(lettera).join("")).join("|"), "i"),
  };
}

/**
 * False when normalizza(testo) cannot contain any of these pieces; true when it may. Costs a scan
 * of the raw text, no normalisation and no allocation: most cells of a big sheet are data.
 */
export function puoContenere(testo: string, r: Radici): boolean {
  const dove = testo.search(r.esatte);
  if (dove < 0) return false;
  // Pieces begin with a letter, which NON_ASCII never matches: anything else found is non-ASCII.
  if (lettera(testo.charCodeAt(dove))) return true;
  return r.lasche.test(testo);
}

function lettera(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * False when normalizza(testo) cannot start with one of these phrases (lower-case ASCII words
 * separated by one space), decided on the raw text while it is plain ASCII: there normalizza
 * keeps letters and digits as they are (lower-cased) and turns every run of other characters
 * into one space (none at the start). Reaching any other character first leaves it to normalizza.
 */
export function puoIniziareCon(testo: string, frasi: readonly string[]): boolean {
  let inizio = 0;
  while (inizio < testo.length && !alfanumerico(testo.charCodeAt(inizio))) {
    if (testo.charCodeAt(inizio) > 126) return true;
    inizio++;
  }
  return frasi.some((frase) => {
    let i = inizio;
    for (let k = 0; k < frase.length; k++) {
      if (frase[k] === " ") {
        const da = i;
        while (i < testo.length && !alfanumerico(testo.charCodeAt(i)) && testo.charCodeAt(i) <= 126) i++;
        if (i < testo.length && testo.charCodeAt(i) > 126) return true;
        if (i === da) return false;
        continue;
      }
      const c = testo.charCodeAt(i++);
      if (c > 126) return true;
      if (Number.isNaN(c) || (c >= 65 && c <= 90 ? c + 32 : c) !== frase.charCodeAt(k)) return false;
    }
    return true;
  });
}

function alfanumerico(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 37;
}

export function parole(normalizzato: string): string[] {
  return normalizzato === "" ? [] : normalizzato.split(" ");
}

/** A cell as text for the model's string fields: trimmed, "" when blank. */
export function testoDi(valore: ValoreCella): string {
  if (valore === null || valore === undefined) return "";
  if (typeof valore === "string") return valore.trim();
  if (valore instanceof Date) return Number.isNaN(valore.getTime()) ? "" : valore.toLocaleDateString("it-IT");
  return String(valore);
}

/** Titles are read as a person sees them: line breaks and runs of spaces become one space. */
export function testoCompatto(valore: ValoreCella): string {
  return testoDi(valore).replace(/\s+/g, " ");
}
