import { Polarita, ValoreCella } from "./types";

const DECRESCENTE = new Set(["↓", "-", "−", "–", "minore", "decrescente", "min", "diminuzione", "basso"]);
const CRESCENTE = new Set(["↑", "+", "maggiore", "crescente", "max", "aumento", "alto"]);

/**
 * Reads a "Polarità" cell: ↑ / ↓, + / −, maggiore / minore, crescente / decrescente.
 * Blank means the default (↑, higher is better); anything unknown is null.
 */
export function parsePolarita(valore: ValoreCella): Polarita | null {
  if (valore === null || valore === undefined) return "crescente";
  if (typeof valore !== "string") return null;
  const text = valore.trim().toLowerCase();
  if (text === "") return "crescente";
  if (DECRESCENTE.has(text)) return "decrescente";
  if (CRESCENTE.has(text)) return "crescente";
  return null;
}
