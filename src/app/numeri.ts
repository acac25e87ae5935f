import { formatNumero, Linea, numeroDaTesto, ValoreCella } from "../engine";
import { leggiLinee } from "../layout";
import { parseA1, SheetGrid } from "../layout/griglia";
import { Patch } from "../layout/patch";
import { EsitoScrittura, Lettura, WorkbookAccess } from "./access";
import { MESSAGGI_APP } from "./messaggi";

/**
 * Converti in numeri: the Target atteso, Target consuntivo and Peso cells that hold a number as
 * text ("1.545", "78,5") get the number itself, so that Excel's own formulas — Barometro's
 * conditional-format rules and label formula (ISNUMBER), a colleague's SUM — read it too. Until
 * then Verifica reports them (NUMERO_COME_TESTO): the colour of their row does not follow the data.
 *
 * Only what converts one way: text the engine reads and that is written the Italian way
 * (numeroDaTesto: no "80%", no "2.5"), in a cell without a formula, on a sheet that is not
 * protected. The value written is the one the engine already uses, so no result changes. The cell's
 * number format stays, except Text ("@"), where Excel would keep the number as text, and General
 * for a text with thousands separators ("1.545" keeps showing 1.545: "#,##0").
 */

/** A cell to convert. */
export interface NumeroDaConvertire {
  foglio: string;
  /** "G12". */
  cella: string;
  /** The text it holds now. */
  testo: string;
  /** The number written in its place. */
  valore: number;
  /** The number format set with it; undefined: the cell's own stays. */
  formato?: string;
}

export interface EsitoConversione {
  /** False for the count (nothing written); true once written. */
  applicato: boolean;
  celle: NumeroDaConvertire[];
  /** Sheets holding them, in workbook order. */
  fogli: string[];
  /** The pane's question («Convertire 3 celle da testo a numero?»); null when there is nothing to convert. */
  domanda: string | null;
  messaggio: string;
  scrittura: EsitoScrittura | null;
  /** The read the cells were found in; letturaDopo(lettura, celle) is the workbook after the write. */
  lettura: Lettura;
}

const CIFRE = ["atteso", "consuntivo", "peso"] as const;

/** The cells of these lines that Converti in numeri would change, in workbook order. */
export function numeriDaConvertire(lettura: Pick<Lettura, "fogli" | "protetti">, linee: Linea[]): NumeroDaConvertire[] {
  const griglie = new Map(lettura.fogli.map((g) => [g.name, g]));
  const viste = new Set<string>();
  const celle: NumeroDaConvertire[] = [];
  for (const linea of linee)
    for (const obiettivo of linea.obiettivi)
      for (const ind of obiettivo.indicatori)
        for (const campo of CIFRE) {
          const cella = ind.celle[campo];
          const griglia = griglie.get(ind.foglio);
          if (!cella || !griglia || lettura.protetti.includes(ind.foglio)) continue;
          const chiave = `${ind.foglio}\u0000${cella}`;
          if (viste.has(chiave)) continue;
          viste.add(chiave);
          const { valore: testo, formula, formato } = cellaDi(griglia, cella);
          // The cell as read now (never a formula's result, never anything but text).
          if (formula || typeof testo !== "string") continue;
          const valore = numeroDaTesto(testo);
          if (valore === null) continue;
          const nuovo = formatoDopo(testo, formato);
          celle.push({ foglio: ind.foglio, cella, testo, valore, ...(nuovo ? { formato: nuovo } : {}) });
        }
  return celle;
}

/**
 * The write: each number in place of its text, and the number formats that must change, set
 * first. Nothing else.
 */
export function patchNumeri(celle: readonly NumeroDaConvertire[]): Patch {
  const formatiNumero = celle.flatMap((c) =>
    c.formato ? [{ foglio: c.foglio, cella: c.cella, formato: c.formato }] : []
  );
  return {
    scritture: celle.map((c) => ({ foglio: c.foglio, cella: c.cella, valore: c.valore })),
    colori: [],
    ...(formatiNumero.length > 0 ? { formatiNumero } : {}),
  };
}

/**
 * Converti in numeri, as Prepara per la condivisione: without `conferma` one read and a count;
 * with it the workbook is read again (it may have changed since) and the cells written, in one
 * write. A Ricalcola afterwards gives those rows their rules and label formula (rules already
 * written by an earlier Ricalcola start following the data at once).
 */
export async function convertiNumeri(
  access: WorkbookAccess,
  opzioni: { conferma?: boolean } = {}
): Promise<EsitoConversione> {
  const lettura = await access.leggi();
  const { linee } = leggiLinee(lettura.fogli);
  const celle = numeriDaConvertire(lettura, linee);
  const fogli = lettura.fogli.map((g) => g.name).filter((f) => celle.some((c) => c.foglio === f));
  const domanda = celle.length > 0 ? MESSAGGI_APP.domandaNumeri(celle.length) : null;
  if (!opzioni.conferma || celle.length === 0)
    return {
      applicato: false,
      celle,
      fogli,
      domanda,
      messaggio: domanda ?? MESSAGGI_APP.nessunNumeroDaConvertire,
      scrittura: null,
      lettura,
    };
  const scrittura = await access.scrivi(patchNumeri(celle));
  return {
    applicato: true,
    celle,
    fogli,
    domanda,
    messaggio: MESSAGGI_APP.numeriConvertiti(celle.length, fogli),
    scrittura,
    lettura,
  };
}

/** The read as it is after the conversion (values and number formats), to show without reading again. */
export function letturaDopo<L extends Lettura>(lettura: L, celle: readonly NumeroDaConvertire[]): L {
  if (celle.length === 0) return lettura;
  const perFoglio = new Map<string, NumeroDaConvertire[]>();
  for (const c of celle) (perFoglio.get(c.foglio) ?? perFoglio.set(c.foglio, []).get(c.foglio)!).push(c);
  const fogli = lettura.fogli.map((g) => {
    const sue = perFoglio.get(g.name);
    if (!sue) return g;
    const values = g.values.slice();
    const numberFormats = g.numberFormats?.slice();
    const o = g.origin ?? { row: 0, col: 0 };
    for (const c of sue) {
      const { row, col } = parseA1(c.cella);
      const i = row - o.row;
      const j = col - o.col;
      if (!values[i]) continue;
      values[i] = values[i].slice();
      values[i][j] = c.valore;
      if (c.formato && numberFormats?.[i]) {
        numberFormats[i] = numberFormats[i].slice();
        numberFormats[i][j] = c.formato;
      }
    }
    return { ...g, values, ...(numberFormats ? { numberFormats } : {}) };
  });
  return { ...lettura, fogli };
}

/** A short list of what will change, for the confirmation: «G12: «1.545» → 1.545». */
export function anteprimaNumeri(celle: readonly NumeroDaConvertire[], massimo = 8): string[] {
  const righe = celle
    .slice(0, massimo)
    .map((c) => `${c.foglio}!${c.cella}: «${c.testo.trim()}» → ${formatNumero(c.valore, decimali(c.valore))}`);
  if (celle.length > massimo) righe.push(`… e ${celle.length - massimo} altre`);
  return righe;
}

const decimali = (n: number) => {
  const parte = String(n).split(".")[1];
  return parte ? Math.min(parte.length, 6) : 0;
};

/** What a cell holds as read: value, formula, number format. */
function cellaDi(g: SheetGrid, cella: string): { valore: ValoreCella; formula: string | null; formato: string | null } {
  const { row, col } = parseA1(cella);
  const i = row - (g.origin?.row ?? 0);
  const j = col - (g.origin?.col ?? 0);
  return {
    valore: g.values[i]?.[j],
    formula: g.formulas?.[i]?.[j] || null,
    formato: g.numberFormats?.[i]?.[j] ?? null,
  };
}

/**
 * The number format a converted cell gets, or undefined to keep its own. Text ("@") must go, or
 * Excel keeps the number as text; a text written with thousands separators keeps them shown
 * ("#,##0", with its decimals), where the cell has no format of its own (General or Text).
 */
export function formatoDopo(testo: string, formato: string | null | undefined): string | undefined {
  const f = (formato ?? "").trim();
  const testuale = f === "@";
  const generale = f === "" || /^general$/i.test(f);
  if (!testuale && !generale) return undefined;
  const t = testo.trim();
  if (t.includes(".")) {
    const decimali = t.split(",")[1]?.length ?? 0;
    return decimali > 0 ? `#,##0.${"0".repeat(decimali)}` : "#,##0";
  }
  return testuale ? "General" : undefined;
}
