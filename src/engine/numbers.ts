import { ValoreCella } from "./types";

const THOUSANDS_DOT = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const COMMA_DECIMAL = /^[+-]?\d+(,\d+)?$/;
const DOT_DECIMAL = /^[+-]?\d*\.\d+$/;

/**
 * Reads a number the way Italian staff type it: real numbers, or text such as
 * "3.800", "1.545", "78,5", "92,30%", "80%", " 100 ". A trailing % keeps the 0–100 scale
 * ("80%" → 80). A lone dot followed by exactly three digits is a thousands separator
 * ("3.800" → 3800); otherwise a lone dot is a decimal point ("2.5" → 2.5).
 * Returns null for anything else (empty cells, booleans, dates, words).
 */
export function parseNumero(valore: ValoreCella): number | null {
  if (typeof valore === "number") return Number.isFinite(valore) ? valore : null;
  if (typeof valore !== "string") return null;
  let text = valore.replace(/[\s\u00a0\u202f]/g, "");
  if (text.endsWith("%")) text = text.slice(0, -1);
  if (text === "") return null;
  let normalised: string;
  if (THOUSANDS_DOT.test(text)) normalised = text.replace(/\./g, "").replace(",", ".");
  else if (COMMA_DECIMAL.test(text)) normalised = text.replace(",", ".");
  else if (DOT_DECIMAL.test(text)) normalised = text;
  else return null;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

/** True when the cell holds nothing a person would call a value. */
export function isVuoto(valore: ValoreCella): boolean {
  return valore === null || valore === undefined || (typeof valore === "string" && valore.trim() === "");
}

/** Italian display: 84.444 → "84,44%". */
export function formatPercentuale(valore: number | null, decimali = 2): string {
  if (valore === null) return "—";
  return `${formatNumero(valore, decimali)}%`;
}

export function formatNumero(valore: number, decimali = 2): string {
  return valore.toLocaleString("it-IT", { minimumFractionDigits: decimali, maximumFractionDigits: decimali });
}
