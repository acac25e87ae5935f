import { calcolaEnte, pesoValido } from "./raggiungimento";
import { PosizioneAvviso, verificaLineaConPosizioni } from "./verifiche";
import { FORMULA_BINARIA, leggiPeso, leggiTarget } from "./lettura";
import { Avviso, CodiceAvviso, isInformativo } from "./messaggi";
import { formatNumero, cellaVuota, numeroDaCella } from "./numeri";
import { parsePolarita } from "./polarita";
import {
  CampoCella,
  Indicatore,
  Linea,
  Obiettivo,
  Polarita,
  RisultatoEnte,
  RisultatoIndicatore,
  RisultatoLinea,
  RisultatoObiettivo,
  ValoreCella,
} from "./tipi";

/**
 * «Perché questo numero»: how every figure of the ente, its lines, objectives and indicators was
 * obtained, built from what calcolaEnte and verifica compute (never a second computation): the
 * same numbers, each with its cells, the rule in words and the findings attached. One structure
 * for the task pane's breakdown, the «Dossier di validazione» sheet and `barometro dossier --json`.
 *
 * The sums hold by construction: within an objective the counted indicators' `pesoNormalizzato`
 * add up to 1 and their `contributo` (pesoNormalizzato × ragg) to the objective's `percentuale`;
 * a line's `percentuale` is the mean of its counted objectives', the ente's of its lines'.
 */

/** Where an indicator's polarity came from. The engine takes it from the Polarità column only. */
export type OriginePolarita = "colonna" | "predefinita" | "non-riconosciuta";

/** Which rule gave an indicator's % Ragg. */
export type CodiceRegola = "crescente" | "decrescente" | "binaria" | "formula-utente" | "da-rilevare";

/** A Verifica finding as the trace shows it beside its item. */
export interface RilievoTraccia {
  codice: CodiceAvviso;
  foglio: string;
  cella: string;
  messaggio: string;
  /** Information (a reading chosen), not a problem. */
  informativo: boolean;
}

export interface TracciaIndicatore {
  nome: string;
  foglio: string;
  riga: number;
  /** The cell that selects the indicator: its Indicatore cell, else the first cell of its row. */
  cella: string | null;
  /** The row's cells by column (atteso, consuntivo, peso, ragg, polarita …). */
  celle: Partial<Record<CampoCella, string>>;
  /** Target atteso and consuntivo as read (80 % is 80, «Sì» is 1); null when missing or no number. */
  atteso: number | null;
  consuntivo: number | null;
  polarita: Polarita;
  originePolarita: OriginePolarita;
  /** In words: «colonna Polarità (N12: «↓»)», «predefinita (↑): …». */
  originePolaritaTesto: string;
  codiceRegola: CodiceRegola;
  /** The rule in words: «consuntivo / atteso × 100, massimo 100». */
  regola: string;
  /** The rule applied to this row's figures: «45 / 50 × 100 = 90». Null when there is nothing to compute. */
  calcolo: string | null;
  /** How the targets were read, when not as plain numbers (percentages, words as 1 / 0); null otherwise. */
  lettura: string | null;
  /** % Ragg used (0–100, unrounded), as the engine computed it. */
  ragg: number | null;
  /** % Ragg by the rule (differs from `ragg` only under a user's formula). */
  raggRegola: number | null;
  /** The weight as read (25 % is 25); null when missing, not a number or negative. */
  peso: number | null;
  /** The Peso cell as written (a number, or its text). */
  pesoNelFoglio: string | number | boolean | null;
  /** peso ÷ Σ peso of the counted indicators of the objective; null when not counted. */
  pesoNormalizzato: number | null;
  /** pesoNormalizzato × ragg: this indicator's share of the objective's figure; null when not counted. */
  contributo: number | null;
  /** Counted in the objective's weighted mean. */
  conteggiato: boolean;
  /** Why it is not counted (Italian); null when counted. */
  motivo: string | null;
  avvisi: CodiceAvviso[];
  rilievi: RilievoTraccia[];
}

export interface TracciaObiettivo {
  nome: string;
  foglio: string;
  riga: number;
  /** The Obiettivo cell, else the first indicator's cell. */
  cella: string | null;
  neutralizzato: boolean;
  /** Counted in the line's mean (it has a figure). */
  conteggiato: boolean;
  /** Why it is neutralised or not counted (Italian); null when counted. */
  motivo: string | null;
  /** Weighted achievement on 0–100, unrounded (the engine's); null when not counted. */
  percentuale: number | null;
  /** Σ of the valid weights as written. */
  sommaPesi: number;
  /** Some indicator is still to be measured or has no valid weight. */
  incompleto: boolean;
  indicatori: TracciaIndicatore[];
  avvisi: CodiceAvviso[];
  rilievi: RilievoTraccia[];
}

export interface TracciaLinea {
  nome: string;
  foglio: string;
  /** The cell that selects the line: its percentage cell, else its title cell. */
  cella: string | null;
  cellaTitolo: string | null;
  cellaPercentuale: string | null;
  /** Mean of the counted objectives (the engine's), unrounded. */
  percentuale: number | null;
  /** The percentage written in the workbook, on 0–100; null when none or no number. */
  percentualeNelFoglio: number | null;
  /** The workbook's percentage differs from the computed one (Verifica's LINEA_DIVERSA). */
  diversa: boolean;
  incompleta: boolean;
  obiettiviConteggiati: number;
  neutralizzati: number;
  obiettivi: TracciaObiettivo[];
  avvisi: CodiceAvviso[];
  rilievi: RilievoTraccia[];
}

export interface TracciaEnte {
  /** Mean of the lines that have a percentage. */
  percentuale: number | null;
  incompleta: boolean;
  lineeConteggiate: number;
}

export interface Traccia {
  ente: TracciaEnte;
  linee: TracciaLinea[];
}

/** The rules, in plain Italian, once (the dossier prints them at the top). */
export const REGOLE_CALCOLO: readonly string[] = [
  "% Ragg di un indicatore (più alto è meglio, ↑, la polarità predefinita): consuntivo / atteso × 100, massimo 100; 100 se il consuntivo raggiunge l'atteso; 0 se il rapporto è negativo; con atteso 0, 100 se il consuntivo è almeno 0.",
  "% Ragg di un indicatore con polarità ↓ (più basso è meglio): atteso / consuntivo × 100, massimo 100; 100 se il consuntivo non supera l'atteso.",
  "Indicatore binario (formula «1 = fatto 0 = non fatto», o Sì/No, Fatto/Non fatto): 1 = fatto, 0 = non fatto; consuntivo / atteso × 100, cioè 100 se fatto e 0 se non fatto. Un 100 al posto di 1 è segnalato.",
  "La polarità è quella della colonna Polarità (↑ / ↓, + / −, maggiore / minore …); vuota o senza colonna vale ↑. La Verifica segnala gli indicatori il cui testo fa pensare a ↓ (tempo medio, giorni, riduzione …).",
  "Una % Ragg con una formula dell'utente non è mai sovrascritta: si usa il suo risultato (fra 0 e 100).",
  "Obiettivo: media pesata Σ(peso × % Ragg) / Σ peso sugli indicatori con i dati e un peso valido (un numero ≥ 0), massimo 100. Peso normalizzato = peso / Σ peso di quegli indicatori; contributo = peso normalizzato × % Ragg; i contributi sommano alla percentuale dell'obiettivo.",
  "Obiettivo neutralizzato: tutti i pesi sono numeri e la loro somma è 0. È mostrato ma non conta nella linea; così pure un obiettivo senza alcun indicatore con i dati (da rilevare).",
  "Linea: media aritmetica degli obiettivi conteggiati. Ente: media aritmetica delle linee.",
];

const n = (x: number) => formatNumero(x, Number.isInteger(x) ? 0 : 2);

const REGOLA: Record<CodiceRegola, string> = {
  crescente: "consuntivo / atteso × 100, massimo 100 (più alto è meglio)",
  decrescente: "atteso / consuntivo × 100, massimo 100 (più basso è meglio)",
  binaria: "binario (1 = fatto, 0 = non fatto): 100 se fatto, 0 se non fatto",
  "formula-utente": "formula dell'utente nella cella % Ragg: si usa il suo risultato, fra 0 e 100",
  "da-rilevare": "da rilevare: senza target atteso e consuntivo non c'è % Ragg",
};

/** The trace of every line of the workbook, and of the ente. */
export function tracciaEnte(linee: Linea[], risultato: RisultatoEnte = calcolaEnte(linee)): Traccia {
  const tracce = linee.map((linea, i) => tracciaLinea(linea, risultato.linee[i]));
  return {
    ente: {
      percentuale: risultato.percentuale,
      incompleta: risultato.incompleta,
      lineeConteggiate: risultato.linee.filter((l) => l.percentuale !== null).length,
    },
    linee: tracce,
  };
}

/** The trace of one line, from its engine result (and Verifica's findings for it). */
export function tracciaLinea(linea: Linea, risultato: RisultatoLinea): TracciaLinea {
  const perLinea: Avviso[] = [];
  const perObiettivo = new Map<number, Avviso[]>();
  const perIndicatore = new Map<string, Avviso[]>();
  for (const { avviso, posizione } of verificaLineaConPosizioni(linea, risultato)) {
    const lista = listaPer(posizione, perLinea, perObiettivo, perIndicatore);
    lista.push(avviso);
  }
  const obiettivi = linea.obiettivi.map((o, i) =>
    tracciaObiettivo(o, risultato.obiettivi[i], perObiettivo.get(i) ?? [], (k) => perIndicatore.get(`${i}:${k}`) ?? [])
  );
  const rilievi = perLinea.map(rilievo);
  const nelFoglio = linea.percentuale ? numeroDaCella(linea.percentuale.valore) : null;
  const cellaPercentuale = linea.percentuale?.cella ?? null;
  return {
    nome: linea.nome,
    foglio: linea.foglio,
    cella: cellaPercentuale ?? linea.cellaTitolo ?? null,
    cellaTitolo: linea.cellaTitolo ?? null,
    cellaPercentuale,
    percentuale: risultato.percentuale,
    percentualeNelFoglio: nelFoglio,
    diversa: rilievi.some((r) => r.codice === "LINEA_DIVERSA"),
    incompleta: risultato.incompleta,
    obiettiviConteggiati: obiettivi.filter((o) => o.conteggiato).length,
    neutralizzati: risultato.neutralizzati,
    obiettivi,
    avvisi: rilievi.map((r) => r.codice),
    rilievi,
  };
}

function listaPer(
  p: PosizioneAvviso,
  perLinea: Avviso[],
  perObiettivo: Map<number, Avviso[]>,
  perIndicatore: Map<string, Avviso[]>
): Avviso[] {
  if (p.obiettivo === null) return perLinea;
  const [mappa, chiave] =
    p.indicatore === null
      ? [perObiettivo as Map<number | string, Avviso[]>, p.obiettivo]
      : [perIndicatore as Map<number | string, Avviso[]>, `${p.obiettivo}:${p.indicatore}`];
  let lista = mappa.get(chiave);
  if (!lista) mappa.set(chiave, (lista = []));
  return lista;
}

function rilievo(a: Avviso): RilievoTraccia {
  return { codice: a.codice, foglio: a.foglio, cella: a.cella, messaggio: a.messaggio, informativo: isInformativo(a) };
}

function tracciaObiettivo(
  obiettivo: Obiettivo,
  risultato: RisultatoObiettivo,
  avvisi: Avviso[],
  avvisiIndicatore: (k: number) => Avviso[]
): TracciaObiettivo {
  const pesi = obiettivo.indicatori.map(pesoValido);
  // The indicators the engine's weighted mean used: a % Ragg and a valid weight.
  const conteggiati = risultato.indicatori.map(
    (r, k) => !risultato.neutralizzato && r.ragg !== null && pesi[k] !== null
  );
  // Normalised on the largest weight first, as the engine's mean does for weights whose sum overflows.
  const scala = pesi.reduce<number>((m, p, k) => (conteggiati[k] && p !== null && p > m ? p : m), 0);
  const sommaScalata = pesi.reduce<number>((s, p, k) => (conteggiati[k] && p !== null ? s + p / scala : s), 0);
  const normalizzabile = scala > 0 && sommaScalata > 0;

  const indicatori = obiettivo.indicatori.map((ind, k) => {
    const r = risultato.indicatori[k];
    const pesoNormalizzato = conteggiati[k] && normalizzabile ? (pesi[k] as number) / scala / sommaScalata : null;
    return tracciaIndicatore(ind, r, {
      pesoNormalizzato,
      contributo: pesoNormalizzato !== null && r.ragg !== null ? pesoNormalizzato * r.ragg : null,
      conteggiato: conteggiati[k] && normalizzabile,
      motivo: risultato.neutralizzato
        ? "obiettivo neutralizzato (Σ peso = 0)"
        : conteggiati[k] && !normalizzabile
          ? "gli indicatori con i dati hanno tutti peso 0"
          : motivoIndicatore(ind, r, pesi[k]),
      avvisi: avvisiIndicatore(k),
    });
  });
  const conteggiato = risultato.ragg !== null;
  const rilievi = avvisi.map(rilievo);
  const primo = indicatori[0];
  return {
    nome: obiettivo.nome,
    foglio: obiettivo.foglio,
    riga: obiettivo.riga,
    cella: obiettivo.cella ?? primo?.cella ?? null,
    neutralizzato: risultato.neutralizzato,
    conteggiato,
    motivo: conteggiato ? null : motivoObiettivo(risultato, indicatori),
    percentuale: risultato.ragg,
    sommaPesi: risultato.sommaPesi,
    incompleto: !risultato.neutralizzato && risultato.indicatori.some((r, k) => r.daRilevare || pesi[k] === null),
    indicatori,
    avvisi: rilievi.map((r) => r.codice),
    rilievi,
  };
}

function motivoObiettivo(risultato: RisultatoObiettivo, indicatori: TracciaIndicatore[]): string {
  if (risultato.neutralizzato)
    return "Σ peso = 0: tutti i pesi degli indicatori sono 0; obiettivo neutralizzato, non conteggiato nella linea.";
  if (indicatori.length === 0) return "nessun indicatore; non conteggiato nella linea.";
  if (risultato.indicatori.every((r) => r.daRilevare))
    return "tutti i dati mancanti: nessun indicatore ha target atteso e consuntivo; da rilevare, non conteggiato nella linea.";
  if (indicatori.some((i) => i.ragg !== null && i.peso !== null))
    return "gli indicatori con i dati hanno tutti peso 0; non conteggiato nella linea.";
  return "nessun indicatore con i dati e un peso valido; non conteggiato nella linea.";
}

function motivoIndicatore(ind: Indicatore, r: RisultatoIndicatore, peso: number | null): string | null {
  const mancanti: string[] = [];
  if (r.ragg === null) {
    const { atteso, consuntivo } = leggiTarget(ind);
    if (atteso === null)
      mancanti.push(cellaVuota(ind.atteso) ? "manca il target atteso" : "target atteso non numerico");
    if (consuntivo === null)
      mancanti.push(cellaVuota(ind.consuntivo) ? "manca il target consuntivo" : "target consuntivo non numerico");
  }
  if (peso === null) {
    const letto = leggiPeso(ind);
    mancanti.push(cellaVuota(ind.peso) ? "manca il peso" : letto !== null ? "peso negativo" : "peso non numerico");
  }
  return mancanti.length === 0 ? null : `${r.ragg === null ? "da rilevare: " : ""}${mancanti.join(", ")}`;
}

interface Pesatura {
  pesoNormalizzato: number | null;
  contributo: number | null;
  conteggiato: boolean;
  motivo: string | null;
  avvisi: Avviso[];
}

function tracciaIndicatore(ind: Indicatore, r: RisultatoIndicatore, pesatura: Pesatura): TracciaIndicatore {
  const target = leggiTarget(ind);
  const codiceRegola: CodiceRegola = r.daFormula
    ? "formula-utente"
    : r.daRilevare
      ? "da-rilevare"
      : r.polarita === "decrescente"
        ? "decrescente"
        : target.binaria || FORMULA_BINARIA.test(ind.formula)
          ? "binaria"
          : "crescente";
  const rilievi = pesatura.avvisi.map(rilievo);
  const origine = originePolarita(ind, r.polarita, rilievi);
  return {
    nome: ind.nome,
    foglio: ind.foglio,
    riga: ind.riga,
    cella: ind.celle.indicatore ?? primaCella(ind.celle),
    celle: ind.celle,
    atteso: target.atteso,
    consuntivo: target.consuntivo,
    polarita: r.polarita,
    originePolarita: origine.origine,
    originePolaritaTesto: origine.testo,
    codiceRegola,
    regola: REGOLA[codiceRegola],
    calcolo: calcolo(codiceRegola, target.atteso, target.consuntivo, r),
    lettura: target.binaria
      ? "target letti come 1 = fatto, 0 = non fatto"
      : target.inPercentuale
        ? "target letti come percentuali (0–100)"
        : null,
    ragg: r.ragg,
    raggRegola: r.raggRegola,
    peso: pesoValido(ind),
    pesoNelFoglio: scritto(ind.peso),
    pesoNormalizzato: pesatura.pesoNormalizzato,
    contributo: pesatura.contributo,
    conteggiato: pesatura.conteggiato,
    motivo: pesatura.conteggiato ? null : (pesatura.motivo ?? "non conteggiato"),
    avvisi: rilievi.map((a) => a.codice),
    rilievi,
  };
}

function originePolarita(
  ind: Indicatore,
  polarita: Polarita,
  rilievi: RilievoTraccia[]
): { origine: OriginePolarita; testo: string } {
  const cella = ind.celle.polarita;
  const sospetta = rilievi.some((a) => a.codice === "POLARITA_SOSPETTA")
    ? "; il testo dell'indicatore fa pensare a ↓ (avviso POLARITA_SOSPETTA)"
    : "";
  if (ind.polarita === undefined)
    return { origine: "predefinita", testo: `↑ predefinita: la tabella non ha la colonna Polarità${sospetta}` };
  if (cellaVuota(ind.polarita))
    return {
      origine: "predefinita",
      testo: `↑ predefinita: cella Polarità vuota${cella ? ` (${cella})` : ""}${sospetta}`,
    };
  const testo = String(scritto(ind.polarita));
  if (parsePolarita(ind.polarita) === null)
    return {
      origine: "non-riconosciuta",
      testo: `«${testo}»${cella ? ` in ${cella}` : ""} non riconosciuta: si usa ↑ (avviso POLARITA_NON_VALIDA)${sospetta}`,
    };
  return {
    origine: "colonna",
    testo: `${polarita === "decrescente" ? "↓" : "↑"} dalla colonna Polarità (${cella ? `${cella}: ` : ""}«${testo}»)${sospetta}`,
  };
}

function calcolo(
  regola: CodiceRegola,
  atteso: number | null,
  consuntivo: number | null,
  r: RisultatoIndicatore
): string | null {
  if (regola === "formula-utente")
    return `risultato della formula: ${r.ragg === null ? "—" : n(r.ragg)}${
      r.raggRegola === null ? "" : ` (per la regola: ${n(r.raggRegola)})`
    }`;
  if (atteso === null || consuntivo === null || r.raggRegola === null) return null;
  const a = n(atteso);
  const c = n(consuntivo);
  const esito = n(r.raggRegola);
  if (regola === "binaria" && atteso === 1 && (consuntivo === 0 || consuntivo === 1))
    return `${consuntivo === 1 ? "fatto" : "non fatto"} (consuntivo ${c} su atteso 1): ${esito}`;
  if (regola === "decrescente") {
    if (consuntivo <= atteso || consuntivo === 0) return `consuntivo ${c} ≤ atteso ${a}: ${esito}`;
    return `${a} / ${c} × 100 = ${esito}`;
  }
  if (consuntivo >= atteso) return `consuntivo ${c} ≥ atteso ${a}: ${esito}`;
  if (atteso === 0) return `atteso 0, consuntivo ${c} < 0: ${esito}`;
  const rapporto = (consuntivo / atteso) * 100;
  return rapporto < 0 ? `${c} / ${a} × 100 < 0: ${esito}` : `${c} / ${a} × 100 = ${esito}`;
}

/** A cell's value for JSON: a date as its Italian text. */
function scritto(v: ValoreCella): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toLocaleDateString("it-IT");
  return v;
}

function primaCella(celle: Partial<Record<CampoCella, string>>): string | null {
  const tutte = Object.values(celle).filter((c): c is string => typeof c === "string");
  return tutte.length === 0 ? null : tutte.sort(perColonna)[0];
}

/** A1 addresses of one row, left to right (B before AA). */
function perColonna(a: string, b: string): number {
  const col = (x: string) => x.replace(/\d+$/, "");
  return col(a).length - col(b).length || (col(a) < col(b) ? -1 : col(a) > col(b) ? 1 : 0);
}
