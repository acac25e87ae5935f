import { cellaVuota, ScalaPercentuale, ValoreCella } from "../engine";

/**
 * True when a number format shows numbers as percentages (Excel multiplies by 100).
 * A "%" inside quotes or escaped with a backslash is literal text and does not scale.
 */
export function isFormatoPercentuale(formato: string): boolean {
  if (formato === "" || formato === "General") return false;
  let percentuale = formatiPercentuale.get(formato);
  if (percentuale === undefined) {
    percentuale = formato
      .replace(/"[^"]*"/g, "")
      .replace(/\\./g, "")
      .includes("%");
    // Asked for on every figure of every row (the dresses of issue 17): remembered, a bounded few.
    if (formatiPercentuale.size < 1_000) formatiPercentuale.set(formato, percentuale);
  }
  return percentuale;
}
const formatiPercentuale = new Map<string, boolean>();

/**
 * A percentage cell read on the 0–100 scale, and how it is stored:
 * a number with a % format is a fraction (0.923 → 92.3, "frazione"), another number is
 * already 0–100 ("percento"), text such as "92,30%" stays as it is ("testo").
 * A blank cell keeps its raw value; its scale follows the format ("frazione" with a %
 * format, `vuota` otherwise) so a value written there later shows correctly.
 */
export function leggiPercentuale(
  valore: ValoreCella,
  formato: string,
  vuota: ScalaPercentuale = "percento"
): { valore: ValoreCella; scala: ScalaPercentuale } {
  const percentuale = isFormatoPercentuale(formato);
  if (cellaVuota(valore)) return { valore, scala: percentuale ? "frazione" : vuota };
  if (typeof valore === "number") {
    if (!Number.isFinite(valore)) return { valore, scala: "percento" };
    return percentuale ? { valore: senzaRumore(valore * 100), scala: "frazione" } : { valore, scala: "percento" };
  }
  return { valore, scala: "testo" };
}

/** 0.923 * 100 is 92.30000000000001 in floating point: keep 15 significant digits. */
function senzaRumore(n: number): number {
  return Number(n.toPrecision(15));
}

/**
 * True when a number format shows numbers as dates or times ("dd/mm/yyyy", "h:mm", "mmm-yy"):
 * the test ExcelJS uses to read such cells as dates, so that Office.js (which gives the serial
 * number) and the command line (which gets a Date) read the same cell the same way.
 */
export function isFormatoData(formato: string): boolean {
  let data = formatiData.get(formato);
  if (data === undefined) {
    data = /[ymdhMsb]/.test(formato.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
    // A workbook has a handful of formats, asked for on every figure: remembered (a bounded few).
    if (formatiData.size < 1_000) formatiData.set(formato, data);
  }
  return data;
}
const formatiData = new Map<string, boolean>();

/** An Excel serial number (days since 1899-12-30) → the Date it stands for, as ExcelJS converts it. */
export function dataDaSeriale(seriale: number): Date {
  return new Date(Math.round((seriale - 25569) * 86_400_000));
}
