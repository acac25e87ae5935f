/**
 * The arithmetic behind PERF.*, without Office: every function takes what Excel passes (scalars
 * or 2-D ranges of raw cell values) and returns values or typed errors (ErrorePerf). The numbers
 * come from the engine (src/engine), so a cell, the task pane and the CLI agree.
 *
 * Error values in the inputs (Excel passes them: functions.json sets allowErrorForDataTypeAny):
 *  - per-cell functions (RAGG, SCOSTAMENTO, BAROMETRO): that cell's result is the same error, the
 *    other cells are computed; codes a function cannot return (#REF!, #NAME?) become #VALUE!;
 *  - single-cell results (OBIETTIVO, LINEA, ENTE): an error in a counted input is the result, never
 *    a mean of the other rows: #N/A stays #N/A, any other code becomes #VALUE!, so that the message
 *    can name the row ("Riga 3: % Ragg #N/D in ingresso."). A neutralised objective (every weight 0)
 *    stays «Neutralizzato» whatever its % Ragg, as in the engine.
 */
import {
  BANDE_PREDEFINITE,
  Bande,
  calcolaRagg,
  calcolaScostamento,
  combinaIndicatori,
  fasciaPer,
  formatNumero,
  numeroDaCella,
  percentualeMedia,
} from "../engine";
import {
  CODICI_CON_MESSAGGIO,
  ErrorePerf,
  comeVettore,
  conContesto,
  erroreMancante,
  erroreValore,
  isErrore,
  leggiCella,
  leggiNumero,
  leggiPolarita,
  leggiTarget,
  perCella,
  testoCella,
  tutteLeCelle,
  vuota,
} from "./conversioni";

/** What PERF.OBIETTIVO / PERF.LINEA return for a neutralised objective: text, so it is never averaged. */
export const NEUTRALIZZATO = BANDE_PREDEFINITE.neutralizzato.etichetta;

export type Griglia<T> = Array<Array<T | ErrorePerf>>;

const fmt = (x: number) => formatNumero(x, Number.isInteger(x) ? 0 : 2);

function isNeutralizzato(valore: unknown): boolean {
  return typeof valore === "string" && valore.trim().toLowerCase() === NEUTRALIZZATO.toLowerCase();
}

function mancanti(atteso: number | null, consuntivo: number | null): ErrorePerf | null {
  if (atteso === null && consuntivo === null)
    return erroreMancante("Target atteso e consuntivo mancanti: indicatore da rilevare.");
  if (atteso === null) return erroreMancante("Target atteso mancante: indicatore da rilevare.");
  if (consuntivo === null) return erroreMancante("Target consuntivo mancante: indicatore da rilevare.");
  return null;
}

/**
 * A single-cell result (PERF.OBIETTIVO, LINEA, ENTE) must say where its error comes from, and only
 * #VALUE! and #N/A carry a message: an input error with another code (#DIV/0!, #NUM!, #NULL!)
 * becomes #VALUE!, its message naming the row and the original code. #N/A stays #N/A.
 */
function conMessaggio<T>(risultato: T | ErrorePerf): T | ErrorePerf {
  if (!isErrore(risultato) || CODICI_CON_MESSAGGIO.has(risultato.codice)) return risultato;
  return erroreValore(risultato.messaggio);
}

/** PERF.RAGG: % Ragg on 0–100 (unrounded), one value per cell of the inputs. */
export function ragg(atteso: unknown, consuntivo: unknown, polarita?: unknown): Griglia<number> | ErrorePerf {
  return perCella(
    [
      ["atteso", atteso],
      ["consuntivo", consuntivo],
      ["polarità", polarita],
    ],
    ([a, c, p]) => {
      const target = leggiTarget(a, c);
      if (isErrore(target)) return target;
      const { atteso: at, consuntivo: co } = target;
      const pol = leggiPolarita(p);
      if (isErrore(pol)) return pol;
      if (at === null || co === null) return mancanti(at, co) as ErrorePerf;
      return calcolaRagg(at, co, pol);
    }
  );
}

/** PERF.SCOSTAMENTO: consuntivo − atteso, one value per cell of the inputs. */
export function scostamento(atteso: unknown, consuntivo: unknown): Griglia<number> | ErrorePerf {
  return perCella(
    [
      ["atteso", atteso],
      ["consuntivo", consuntivo],
    ],
    ([a, c]) => {
      const target = leggiTarget(a, c);
      if (isErrore(target)) return target;
      const { atteso: at, consuntivo: co } = target;
      if (at === null || co === null) return mancanti(at, co) as ErrorePerf;
      return calcolaScostamento(at, co);
    }
  );
}

interface RigaIndicatore {
  /** 1-based position in the range, for messages. */
  riga: number;
  peso: unknown;
  ragg: unknown;
}

/**
 * One objective from its indicator rows, by the engine's combinaIndicatori (the same value, the same
 * overflow guard). Differences, because a cell cannot carry the engine's "incompleta" flag: a missing
 * % Ragg on a row with a positive weight, or a missing weight, is #N/A naming the row instead of a
 * partial value; a negative weight is #VALUE! instead of being left out with a warning.
 */
function valutaObiettivo(righe: RigaIndicatore[]): number | string | ErrorePerf {
  const lette: Array<{ riga: number; peso: number | null; ragg: number | null | ErrorePerf }> = [];
  for (const r of righe) {
    const peso = leggiNumero(r.peso, "Peso");
    if (isErrore(peso)) return conContesto(peso, `Riga ${r.riga}`);
    if (peso !== null && peso < 0)
      return erroreValore(`Riga ${r.riga}: peso ${fmt(peso)} non valido (deve essere ≥ 0).`);
    let rg = leggiNumero(r.ragg, "% Ragg");
    if (!isErrore(rg) && rg !== null && rg < 0) rg = erroreValore(`% Ragg ${fmt(rg)} non valida (deve essere ≥ 0).`);
    if (peso === null && rg === null) continue; // empty row (padding, merged cells)
    lette.push({ riga: r.riga, peso, ragg: rg });
  }
  if (lette.length === 0) return erroreMancante("Nessun indicatore: pesi e % Ragg sono vuoti.");

  const esito = combinaIndicatori(lette.map((l) => ({ peso: l.peso, ragg: isErrore(l.ragg) ? null : l.ragg })));
  if (esito.neutralizzato) return NEUTRALIZZATO;
  // The first row in order that is an input error or leaves the value partial gives the answer.
  // On one row a missing weight is reported before an error in its % Ragg.
  const errata = lette.findIndex((l) => isErrore(l.ragg));
  const m = esito.mancante;
  if (errata >= 0 && (!m || errata < m.indice || (errata === m.indice && m.dato === "ragg"))) {
    const l = lette[errata];
    return conContesto(l.ragg as ErrorePerf, `Riga ${l.riga}`);
  }
  if (esito.mancante) {
    const riga = lette[esito.mancante.indice].riga;
    return esito.mancante.dato === "peso"
      ? erroreMancante(`Riga ${riga}: peso mancante.`)
      : erroreMancante(`Riga ${riga}: % Ragg mancante (indicatore da rilevare).`);
  }
  // Complete and not neutralised: some weight is > 0 and has its % Ragg, so there is a value.
  return esito.ragg as number;
}

function stessaLunghezza(colonne: Array<[string, unknown[]]>): ErrorePerf | null {
  const n = colonne[0][1].length;
  if (colonne.every(([, c]) => c.length === n)) return null;
  const elenco = colonne.map(([nome, c]) => `${nome} ${c.length}`).join(", ");
  return erroreValore(`Gli intervalli devono avere lo stesso numero di righe (${elenco}).`);
}

/** PERF.OBIETTIVO: weighted achievement of one objective, or "Neutralizzato". */
export function obiettivo(pesi: unknown, ragg: unknown): number | string | ErrorePerf {
  const p = comeVettore(pesi, "pesi");
  if (isErrore(p)) return p;
  const r = comeVettore(ragg, "ragg");
  if (isErrore(r)) return r;
  const diverse = stessaLunghezza([
    ["pesi", p],
    ["ragg", r],
  ]);
  if (diverse) return diverse;
  return conMessaggio(valutaObiettivo(p.map((peso, i) => ({ riga: i + 1, peso, ragg: r[i] }))));
}

/**
 * PERF.LINEA: a line's percentage from three equally long columns laid out as in the sheet: an
 * objective starts on each row with a name and runs until the next name (blank or merged name
 * cells continue it). Mean of the objectives' values; neutralised objectives are left out.
 */
export function linea(obiettivi: unknown, pesi: unknown, ragg: unknown): number | string | ErrorePerf {
  const o = comeVettore(obiettivi, "obiettivi");
  if (isErrore(o)) return o;
  const p = comeVettore(pesi, "pesi");
  if (isErrore(p)) return p;
  const r = comeVettore(ragg, "ragg");
  if (isErrore(r)) return r;
  const diverse = stessaLunghezza([
    ["obiettivi", o],
    ["pesi", p],
    ["ragg", r],
  ]);
  if (diverse) return diverse;

  const gruppi: Array<{ nome: string; righe: RigaIndicatore[] }> = [];
  for (let i = 0; i < o.length; i++) {
    const nome = leggiCella(o[i], "Obiettivo");
    if (isErrore(nome)) return conMessaggio(conContesto(nome, `Riga ${i + 1}`));
    const riga = { riga: i + 1, peso: p[i], ragg: r[i] };
    if (!vuota(nome)) {
      gruppi.push({ nome: testoCella(nome), righe: [riga] });
    } else if (gruppi.length > 0) {
      gruppi[gruppi.length - 1].righe.push(riga);
    } else if (!vuota(leggiCella(p[i])) || !vuota(leggiCella(r[i]))) {
      return erroreValore(`Riga ${i + 1}: manca il nome dell'obiettivo (va nella prima riga di ogni obiettivo).`);
    }
  }
  if (gruppi.length === 0) return erroreMancante("Nessun obiettivo: la colonna degli obiettivi è vuota.");

  const valori: Array<number | null> = [];
  for (const g of gruppi) {
    const v = valutaObiettivo(g.righe);
    if (isErrore(v)) return conMessaggio(conContesto(v, `Obiettivo «${g.nome}»`));
    valori.push(typeof v === "number" ? v : null); // neutralised: left out, as in the engine's calcolaLinea
  }
  return percentualeMedia(valori) ?? NEUTRALIZZATO;
}

/** PERF.ENTE: overall achievement, the mean of the line percentages (blank cells and "Neutralizzato" skipped). */
export function ente(linee: unknown): number | ErrorePerf {
  const celle = tutteLeCelle(linee, "linee");
  if (isErrore(celle)) return celle;
  const valori: Array<number | null> = [];
  for (let i = 0; i < celle.length; i++) {
    const c = leggiCella(celle[i], "Percentuale di linea");
    if (isErrore(c)) return conMessaggio(conContesto(c, `Valore ${i + 1}`));
    if (vuota(c) || isNeutralizzato(c)) continue;
    const n = numeroDaCella(c);
    if (n === null) return erroreValore(`Valore ${i + 1}: «${testoCella(c)}» non è una percentuale di linea.`);
    if (n < 0 || n > 100) return erroreValore(`Valore ${i + 1}: ${fmt(n)} è fuori dalla scala 0–100.`);
    valori.push(n);
  }
  return percentualeMedia(valori) ?? erroreMancante("Nessuna percentuale di linea da mediare.");
}

/** PERF.BAROMETRO: the band label of each % Ragg (0–100), with the given bands. */
export function barometro(ragg: unknown, bande: Bande = BANDE_PREDEFINITE): Griglia<string> | ErrorePerf {
  return perCella([["ragg", ragg]], ([x]) => {
    const c = leggiCella(x, "% Ragg");
    if (isErrore(c)) return c;
    if (vuota(c)) return erroreMancante("% Ragg mancante.");
    if (isNeutralizzato(c)) return bande.neutralizzato.etichetta;
    const n = numeroDaCella(c);
    if (n === null) return erroreValore(`% Ragg «${testoCella(c)}» non è un numero.`);
    if (n < 0) return erroreValore(`% Ragg ${fmt(n)} non valida (deve essere ≥ 0).`);
    return fasciaPer(n, bande).etichetta;
  });
}
