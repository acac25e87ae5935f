/**
 * «Diagnostica»: proves, in the user's own Excel, that every capability Barometro uses works.
 *
 * The use case owns the list of capabilities, the order they run in, their isolation (one failure
 * never hides the others), the temporary sheet's life (always deleted, whatever happens) and the
 * report (one line per capability, the host, the requirement sets; the same as plain text for
 * «Copia»). How each capability is exercised is the adapter's (src/excel/diagnostica.ts, Office.js),
 * behind the BancoDiagnostica port: the tests drive this file with a fake bench.
 */

/** The capabilities Barometro uses, in the order they are tried. */
export type IdCapacita =
  "foglio" | "valori" | "riempimenti" | "formattazione" | "unioni" | "stampa" | "grafico" | "impostazioni" | "perf";

export interface Capacita {
  id: IdCapacita;
  /** One line in the report. */
  nome: string;
  /** What in Barometro depends on it. */
  uso: string;
  /** True when it runs on the temporary sheet (so it cannot run when no sheet can be added). */
  suFoglio: boolean;
}

export const CAPACITA: readonly Capacita[] = [
  {
    id: "foglio",
    nome: "Aggiungere ed eliminare un foglio",
    uso: "«Aggiorna riepilogo» e «Prepara stampa» creano i fogli Riepilogo e Indice.",
    suFoglio: true,
  },
  {
    id: "valori",
    nome: "Scrivere valori e formule (blocchi 2-D) e rileggerli",
    uso: "Ricalcola scrive Scostamento, % Ragg, percentuali ed etichette.",
    suFoglio: true,
  },
  {
    id: "riempimenti",
    nome: "Colori su un intervallo di più aree",
    uso: "Ricalcola colora le celle Barometro con un intervallo multi-area per colore.",
    suFoglio: true,
  },
  {
    id: "formattazione",
    nome: "Regola di formattazione condizionale come la scrive Ricalcola",
    uso: "«Colori che seguono i dati anche senza Barometro».",
    suFoglio: true,
  },
  {
    id: "unioni",
    nome: "Lettura delle celle unite",
    uso: "La lettura delle tabelle (Obiettivo e Definizione su più righe).",
    suFoglio: true,
  },
  {
    id: "stampa",
    nome: "Impostazione di pagina e righe da ripetere",
    uso: "«Prepara stampa».",
    suFoglio: true,
  },
  {
    id: "grafico",
    nome: "Grafico con etichette dei dati",
    uso: "Il grafico del foglio Riepilogo.",
    suFoglio: true,
  },
  {
    id: "impostazioni",
    nome: "Impostazioni del documento (salvare, rileggere, togliere)",
    uso: "Soglie, colori, etichette e opzioni salvate nella cartella.",
    suFoglio: false,
  },
  {
    id: "perf",
    nome: "Funzione PERF.RAGG calcolata in una cella",
    uso: "Le funzioni PERF.* e la % Ragg scritta come formula.",
    suFoglio: true,
  },
];

export type StatoEsito = "riuscito" | "non riuscito" | "non verificato";

export interface EsitoCapacita {
  id: IdCapacita;
  nome: string;
  stato: StatoEsito;
  /** Excel's error code ("InvalidArgument"…), when Excel gave one. */
  codice?: string;
  /** Excel's message, or why the check failed or could not run. */
  messaggio?: string;
  /** Where Excel says the error happened (debugInfo.errorLocation), when it says. */
  posizione?: string;
}

/** Office.context.diagnostics. */
export interface AmbienteOffice {
  /** "Excel". */
  host: string;
  /** "PC", "OfficeOnline", "Mac"… */
  piattaforma: string;
  /** "16.0.17928.20114". */
  versione: string;
}

/** A requirement set, the versions to probe (ascending) and the one Barometro's manifest requires. */
export interface InsiemeRequisiti {
  nome: string;
  versioni: readonly string[];
  richiesta?: string;
}

const versioni = (da: number, a: number) => Array.from({ length: a - da + 1 }, (_, i) => `1.${da + i}`);

/**
 * The requirement sets the report names. The minima are manifest.xml's <Requirements> (a test
 * keeps them equal). ExcelApi is probed up to the newest version the Office.js typings know.
 */
export const INSIEMI_REQUISITI: readonly InsiemeRequisiti[] = [
  { nome: "ExcelApi", versioni: versioni(1, 21), richiesta: "1.13" },
  // Task pane, PERF functions and ribbon commands in one runtime.
  { nome: "SharedRuntime", versioni: versioni(1, 2), richiesta: "1.1" },
  { nome: "CustomFunctionsRuntime", versioni: versioni(1, 4), richiesta: "1.3" },
  // Ribbon buttons; 1.1 also opens the task pane with the workbook (AutoShowTaskpaneWithDocument).
  { nome: "AddinCommands", versioni: versioni(1, 3) },
  // Document settings (the Common API set, 1.1 only).
  { nome: "Settings", versioni: versioni(1, 1) },
];

export interface RequisitoRilevato {
  nome: string;
  /** The highest version reported as supported; null when none is. */
  massima: string | null;
  richiesta: string | null;
  /** Whether the required version is supported (null when Barometro requires none). */
  soddisfatto: boolean | null;
}

/**
 * The port the adapter implements. Every method may throw an Office error (code, message,
 * debugInfo.errorLocation) or an Error whose message says what did not match.
 */
export interface BancoDiagnostica {
  /** Host, platform and version; null when Office does not say. */
  ambiente(): AmbienteOffice | null;
  /** Office.context.requirements.isSetSupported(nome, versione). */
  supporta(nome: string, versione: string): boolean;
  /** True when the workbook's structure is protected: no sheet can be added. */
  cartellaProtetta(): Promise<boolean>;
  /** Adds the temporary sheet; returns its name. */
  creaFoglio(): Promise<string>;
  /** Exercises one capability (on `foglio` when it needs one) and checks what Excel gives back. */
  prova(id: Exclude<IdCapacita, "foglio">, foglio: string | null): Promise<void>;
  eliminaFoglio(foglio: string): Promise<void>;
}

export interface RapportoDiagnostica {
  /** ISO 8601. */
  data: string;
  ambiente: AmbienteOffice | null;
  requisiti: RequisitoRilevato[];
  esiti: EsitoCapacita[];
  /** Set when the workbook is protected: what could not be tested, and why. */
  nota: string | null;
  /** The temporary sheet's name when it could not be deleted (the person must delete it). */
  foglioRimasto: string | null;
}

export interface Avanzamento {
  fatte: number;
  totale: number;
  /** The capability being tried. */
  corrente: string;
}

export const MESSAGGI_DIAGNOSTICA = {
  cartellaProtetta:
    "La struttura della cartella è protetta: non si può aggiungere il foglio temporaneo, quindi le prove sui fogli non sono state eseguite. Per provarle: Revisione › Proteggi cartella (togliere la protezione), oppure aprire una cartella nuova e rifare la diagnostica.",
  nonVerificatoProtetta: "Non verificato: la struttura della cartella è protetta.",
  nonVerificatoSenzaFoglio: "Non verificato: il foglio temporaneo non è stato creato (vedi la prima riga).",
  foglioRimasto: (nome: string) =>
    `Il foglio temporaneo «${nome}» non è stato eliminato: eliminarlo a mano (clic destro sulla scheda › Elimina).`,
} as const;

const sulFoglio = CAPACITA.filter((c) => c.suFoglio && c.id !== "foglio");

/** Code, message and location of whatever was thrown (Office errors carry all three). */
export function descriviErrore(e: unknown): Pick<EsitoCapacita, "codice" | "messaggio" | "posizione"> {
  if (typeof e === "object" && e !== null) {
    const o = e as {
      code?: unknown;
      message?: unknown;
      debugInfo?: { errorLocation?: unknown };
    };
    const out: Pick<EsitoCapacita, "codice" | "messaggio" | "posizione"> = {};
    if (typeof o.code === "string" && o.code !== "") out.codice = o.code;
    else if (typeof o.code === "number") out.codice = String(o.code);
    out.messaggio = typeof o.message === "string" && o.message !== "" ? o.message : String(e);
    const luogo = o.debugInfo?.errorLocation;
    if (typeof luogo === "string" && luogo !== "") out.posizione = luogo;
    return out;
  }
  return { messaggio: String(e) };
}

/** Compares "1.13" with "1.9" as versions (numerically, part by part). */
export function confrontaVersioni(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A capability that could not be tried, and why. */
function nonVerificato(c: Capacita, messaggio: string): EsitoCapacita {
  return { id: c.id, nome: c.nome, stato: "non verificato", messaggio };
}

/** Probes every version of every set; a probe that throws counts as not supported. */
export function rilevaRequisiti(
  supporta: (nome: string, versione: string) => boolean,
  insiemi: readonly InsiemeRequisiti[] = INSIEMI_REQUISITI
): RequisitoRilevato[] {
  return insiemi.map((s) => {
    const presenti = s.versioni.filter((v) => {
      try {
        return supporta(s.nome, v) === true;
      } catch {
        return false;
      }
    });
    const massima = presenti.length > 0 ? presenti.reduce((m, v) => (confrontaVersioni(v, m) > 0 ? v : m)) : null;
    const richiesta = s.richiesta ?? null;
    let soddisfatto: boolean | null = null;
    if (richiesta !== null) {
      try {
        soddisfatto = supporta(s.nome, richiesta) === true;
      } catch {
        soddisfatto = false;
      }
    }
    return { nome: s.nome, massima, richiesta, soddisfatto };
  });
}

async function tenta(c: Capacita, corpo: () => Promise<void>): Promise<EsitoCapacita> {
  try {
    await corpo();
    return { id: c.id, nome: c.nome, stato: "riuscito" };
  } catch (e) {
    return {
      id: c.id,
      nome: c.nome,
      stato: "non riuscito",
      ...descriviErrore(e),
    };
  }
}

const capacita = (id: IdCapacita) => CAPACITA.find((c) => c.id === id) as Capacita;

/** What in Barometro depends on a capability (shown beside a failure). */
export const usoDi = (id: IdCapacita): string => capacita(id).uso;

/**
 * Runs every capability, each isolated (its own try: a failure is recorded and the next one runs),
 * on a temporary sheet that is deleted at the end in every case. On a protected workbook the
 * capabilities that need a sheet are reported «non verificato», and the others still run.
 */
export async function eseguiDiagnostica(
  banco: BancoDiagnostica,
  opzioni: { avanzamento?: (a: Avanzamento) => void; ora?: () => Date } = {}
): Promise<RapportoDiagnostica> {
  const data = (opzioni.ora ?? (() => new Date()))().toISOString();
  let ambiente: AmbienteOffice | null;
  try {
    ambiente = banco.ambiente();
  } catch {
    ambiente = null;
  }
  const requisiti = rilevaRequisiti((n, v) => banco.supporta(n, v));
  const totale = CAPACITA.length;
  let fatte = 0;
  const avanza = (c: Capacita) => opzioni.avanzamento?.({ fatte, totale, corrente: c.nome });

  const esiti = new Map<IdCapacita, EsitoCapacita>();
  let nota: string | null = null;
  let foglioRimasto: string | null = null;

  const cFoglio = capacita("foglio");
  avanza(cFoglio);
  let protetta = false;
  try {
    protetta = await banco.cartellaProtetta();
  } catch {
    // Not known: adding the sheet will tell.
  }
  let foglio: string | null = null;
  if (protetta) {
    nota = MESSAGGI_DIAGNOSTICA.cartellaProtetta;
    for (const c of [cFoglio, ...sulFoglio])
      esiti.set(c.id, nonVerificato(c, MESSAGGI_DIAGNOSTICA.nonVerificatoProtetta));
  } else {
    const creato = await tenta(cFoglio, async () => {
      foglio = await banco.creaFoglio();
    });
    if (foglio === null) esiti.set("foglio", creato);
  }
  fatte++;

  try {
    for (const c of CAPACITA) {
      if (c.id === "foglio" || esiti.has(c.id)) continue;
      avanza(c);
      if (c.suFoglio && foglio === null) {
        esiti.set(c.id, nonVerificato(c, MESSAGGI_DIAGNOSTICA.nonVerificatoSenzaFoglio));
      } else {
        const id = c.id;
        esiti.set(id, await tenta(c, () => banco.prova(id, c.suFoglio ? foglio : null)));
      }
      fatte++;
    }
  } finally {
    if (foglio !== null) {
      const daEliminare: string = foglio;
      const eliminato = await tenta(cFoglio, () => banco.eliminaFoglio(daEliminare));
      esiti.set("foglio", eliminato);
      if (eliminato.stato !== "riuscito") foglioRimasto = daEliminare;
    }
  }
  opzioni.avanzamento?.({ fatte: totale, totale, corrente: "" });

  return {
    data,
    ambiente,
    requisiti,
    esiti: CAPACITA.map((c) => esiti.get(c.id) as EsitoCapacita),
    nota,
    foglioRimasto,
  };
}

/** "riuscito", "NON RIUSCITO", "non verificato": the failure stands out in plain text too. */
const PAROLA: Record<StatoEsito, string> = {
  riuscito: "riuscito",
  "non riuscito": "NON RIUSCITO",
  "non verificato": "non verificato",
};

/** "InvalidArgument: The argument is invalid… (in ConditionalFormat.rule)". */
export function dettaglioEsito(e: EsitoCapacita): string {
  const parti = [e.codice, e.messaggio].filter((p): p is string => typeof p === "string" && p !== "");
  const testo = parti.join(": ");
  return e.posizione ? `${testo} (in ${e.posizione})` : testo;
}

/** "ExcelApi 1.17 (richiesta 1.13: sì)", "AddinCommands: non supportato". */
export function testoRequisito(r: RequisitoRilevato): string {
  const base = r.massima === null ? `${r.nome}: non supportato` : `${r.nome} ${r.massima}`;
  if (r.richiesta === null) return base;
  return `${base} (Barometro richiede ${r.richiesta}: ${r.soddisfatto ? "sì" : "NO"})`;
}

/** Counts for the summary line: "8 riuscite, 1 non riuscita". */
export function riassunto(esiti: readonly EsitoCapacita[]): string {
  const n = (s: StatoEsito) => esiti.filter((e) => e.stato === s).length;
  const parti = [
    `${n("riuscito")} ${n("riuscito") === 1 ? "riuscita" : "riuscite"}`,
    `${n("non riuscito")} ${n("non riuscito") === 1 ? "non riuscita" : "non riuscite"}`,
  ];
  if (n("non verificato") > 0) parti.push(`${n("non verificato")} non verificate`);
  return `${parti.join(", ")} su ${esiti.length}`;
}

/** The report as plain text, for «Copia» (one capability a line). */
export function testoRapporto(r: RapportoDiagnostica): string {
  const righe = [`Barometro — Diagnostica (${r.data})`];
  righe.push(
    r.ambiente
      ? `Excel: ${r.ambiente.host}, piattaforma ${r.ambiente.piattaforma}, versione ${r.ambiente.versione}`
      : "Excel: host, piattaforma e versione non disponibili"
  );
  righe.push("Requisiti supportati:");
  for (const q of r.requisiti) righe.push(`  ${testoRequisito(q)}`);
  righe.push(`Prove: ${riassunto(r.esiti)}`);
  for (const e of r.esiti) {
    const dettaglio = dettaglioEsito(e);
    righe.push(`  ${PAROLA[e.stato]} — ${e.nome}${dettaglio ? ` — ${dettaglio}` : ""}`);
    if (e.stato === "non riuscito") righe.push(`      serve per: ${usoDi(e.id)}`);
  }
  if (r.nota) righe.push(r.nota);
  if (r.foglioRimasto) righe.push(MESSAGGI_DIAGNOSTICA.foglioRimasto(r.foglioRimasto));
  return righe.join("\n");
}
