import { normalizzaParola } from "./lettura";
import { Polarita, ValoreCella } from "./tipi";

const DECRESCENTE = new Set([
  "↓",
  "-",
  "−",
  "–",
  "minore",
  "decrescente",
  "min",
  "diminuzione",
  "basso",
  "negativa",
  "minore e meglio",
  "piu basso e meglio",
]);
const CRESCENTE = new Set([
  "↑",
  "+",
  "maggiore",
  "crescente",
  "max",
  "aumento",
  "alto",
  "positiva",
  "maggiore e meglio",
  "piu alto e meglio",
]);

/**
 * Reads a "Polarità" cell: ↑ / ↓, + / −, maggiore / minore, crescente / decrescente, positiva /
 * negativa, «maggiore è meglio» / «minore è meglio» (any case, with or without accents).
 * Blank means the default (↑, higher is better); anything unknown is null.
 */
export function parsePolarita(valore: ValoreCella): Polarita | null {
  if (valore === null || valore === undefined) return "crescente";
  if (typeof valore !== "string") return null;
  const text = valore.trim().toLowerCase();
  if (text === "") return "crescente";
  if (DECRESCENTE.has(text)) return "decrescente";
  if (CRESCENTE.has(text)) return "crescente";
  if (text.length > 40) return null;
  // Accents off, spaces collapsed, a closing full stop dropped: "Minore  è meglio." → "minore e meglio".
  const parole = normalizzaParola(text).replace(/\.$/, "");
  if (DECRESCENTE.has(parole)) return "decrescente";
  if (CRESCENTE.has(parole)) return "crescente";
  return null;
}
