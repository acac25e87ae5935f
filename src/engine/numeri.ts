import { ValoreCella } from "./tipi";

const THOUSANDS_DOT = /^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
const COMMA_DECIMAL = /^[+-]?\d+(,\d+)?$/;
const DOT_DECIMAL = /^[+-]?\d*\.\d+$/;

/**
 * Reads a number the way Italian staff type it: real numbers, or text such as
 * "3.800", "1.545", "78,5", "92,30%", "80%", " 100 ". Spaces count only around the text
 * and before the % sign. A trailing % keeps the 0–100 scale
 * ("80%" → 80). A lone dot followed by exactly three digits is a thousands separator
 * ("3.800" → 3800); otherwise a lone dot is a decimal point ("2.5" → 2.5).
 * Returns null for anything else (empty cells, booleans, dates, words).
 */
export function numeroDaCella(valore: ValoreCella): number | null {
  if (typeof valore === "number") return Number.isFinite(valore) ? valore : null;
  if (typeof valore !== "string") return null;
  let text = valore.trim();
  if (text.endsWith("%")) text = text.slice(0, -1).trimEnd();
  if (text === "") return null;
  let normalised: string;
  if (THOUSANDS_DOT.test(text)) normalised = text.replace(/\./g, "").replace(",", ".");
  else if (COMMA_DECIMAL.test(text)) normalised = text.replace(",", ".");
  else if (DOT_DECIMAL.test(text)) normalised = text;
  else return null;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

/**
 * The number a text holds when it is written the Italian way and reads one way only: "1.545" →
 * 1545, "1.545,5", "78,5", " 100 ", "-3". What «Converti in numeri» writes in its place. Null for
 * anything else: non-text, words, a percentage ("80%": Barometro reads 80, Excel would read 0.8),
 * a lone decimal dot ("2.5": English, or a slip), more than 15 digits (beyond Excel's precision).
 */
export function numeroDaTesto(valore: ValoreCella): number | null {
  if (typeof valore !== "string") return null;
  const text = valore.trim();
  if (!THOUSANDS_DOT.test(text) && !COMMA_DECIMAL.test(text)) return null;
  if (text.replace(/\D/g, "").length > 15) return null;
  return numeroDaCella(text);
}

/** True when the cell holds nothing a person would call a value. */
export function cellaVuota(valore: ValoreCella): boolean {
  return valore === null || valore === undefined || (typeof valore === "string" && valore.trim() === "");
}

/** Italian display: 84.444 → "84,44%". */
export function formatPercentuale(valore: number | null, decimali = 2): string {
  if (valore === null) return "—";
  return `${formatNumero(valore, decimali)}%`;
}

/** Italian number text: 3800 → "3.800", 78.5 → "78,50" (always grouped, as the sheets show it). */
export function formatNumero(valore: number, decimali = 2): string {
  if (!Number.isFinite(valore)) return Number.isNaN(valore) ? "—" : valore > 0 ? "∞" : "-∞";
  // Beyond 15 digits the rounding below overflows (1e307 × 100) and toFixed turns exponential.
  if (Math.abs(valore) >= 1e15) return valore.toExponential(decimali).replace(".", ",");
  // Half away from zero on the decimal value people see: 79.225 → "79,23", though in binary it is 79.22499…
  const factor = 10 ** decimali;
  const scalato = Math.round(Math.abs(valore) * factor + 1e-7);
  let int: string;
  let dec: string;
  // Integer arithmetic where it is exact (up to 10^12 hundredths: any real figure); toFixed beyond.
  if (scalato < 1e12) {
    const intero = Math.floor(scalato / factor);
    int = String(intero);
    dec = decimali > 0 ? String(scalato - intero * factor).padStart(decimali, "0") : "";
  } else [int, dec = ""] = (scalato / factor).toFixed(decimali).split(".");
  const negative = valore < 0 && scalato !== 0;
  let gruppi = int.slice(0, ((int.length - 1) % 3) + 1);
  for (let i = gruppi.length; i < int.length; i += 3) gruppi += `.${int.slice(i, i + 3)}`;
  return `${negative ? "-" : ""}${gruppi}${dec ? `,${dec}` : ""}`;
}
