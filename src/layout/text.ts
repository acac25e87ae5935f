import { ValoreCella } from "../engine";

/**
 * Loose form of a label for matching: lower case, no accents, apostrophes and punctuation
 * turned into spaces, "%" kept as its own word, spaces collapsed.
 * "Finalita'" → "finalita", "% Ragg." → "% ragg", "Peso (%)" → "peso %", "Target\nconsuntivo" → "target consuntivo".
 */
export function normalizza(testo: string): string {
  return testo
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/%/g, " % ")
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
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
