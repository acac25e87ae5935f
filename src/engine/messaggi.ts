import { formatNumero } from "./numeri";

/** Every finding Verifica can report. */
export type CodiceAvviso =
  | "PESI_NON_100"
  | "SCOSTAMENTO_ERRATO"
  | "BINARIO_NON_0_1"
  | "POLARITA_SOSPETTA"
  | "POLARITA_NON_VALIDA"
  | "DATO_MANCANTE"
  | "VALORE_NON_NUMERICO"
  | "NUMERO_COME_TESTO"
  | "PESO_NON_VALIDO"
  | "RAGG_DIVERSO"
  | "LINEA_DIVERSA"
  | "LETTURA_SCELTA";

/**
 * Findings that inform rather than warn: the reader chose one of two readings of a cell and says
 * which. Nothing to fix; the pane and the command line show them as information.
 */
export const AVVISI_INFORMATIVI: ReadonlySet<CodiceAvviso> = new Set<CodiceAvviso>(["LETTURA_SCELTA"]);

/** True for a finding that is information, not a problem (AVVISI_INFORMATIVI). */
export function isInformativo(avviso: Pick<Avviso, "codice">): boolean {
  return AVVISI_INFORMATIVI.has(avviso.codice);
}

export interface Avviso {
  codice: CodiceAvviso;
  foglio: string;
  cella: string;
  messaggio: string;
  /** Name of the line the finding belongs to, for grouping. */
  linea: string;
}

const n = (x: number) => formatNumero(x, Number.isInteger(x) ? 0 : 2);
/** A name in quotes; a long one cut at a word (never mid-word), within 60 characters with the "…". */
const q = (text: string) => {
  if (text.length <= 60) return `«${text}»`;
  const parte = text.slice(0, 59);
  const spazio = parte.lastIndexOf(" ");
  // A single word longer than the room (rare): cut where it must.
  const taglio = spazio >= 20 ? parte.slice(0, spazio) : text.slice(0, 57);
  return `«${taglio.replace(/[\s,;:.–-]+$/, "")}…»`;
};

/**
 * A finding's text, joined into one flat string. A template literal leaves V8 a rope of its pieces,
 * kept alive as long as the finding: a big sheet has hundreds of thousands (measured on 100,000
 * rows: Verifica ~20% faster, less for the collector to copy).
 */
function piatto(parti: TemplateStringsArray, ...valori: string[]): string {
  const pezzi: string[] = [parti[0]];
  for (let i = 0; i < valori.length; i++) pezzi.push(valori[i], parti[i + 1]);
  return pezzi.join("");
}

/** The Italian text of each finding, in one place. */
export const MESSAGGI = {
  PESI_NON_100: (obiettivo: string, somma: number, inPercentuale = false) =>
    inPercentuale
      ? piatto`Obiettivo ${q(obiettivo)}: i pesi degli indicatori sommano a ${n(somma)} % invece di 100 %.`
      : piatto`Obiettivo ${q(obiettivo)}: i pesi degli indicatori sommano a ${n(somma)} invece di 100.`,
  SCOSTAMENTO_ERRATO: (indicatore: string, foglio: number, atteso: number, consuntivo: number) =>
    piatto`Indicatore ${q(indicatore)}: lo scostamento indicato (${n(foglio)}) non è consuntivo - atteso (${n(consuntivo)} - ${n(atteso)} = ${n(consuntivo - atteso)}).`,
  BINARIO_NON_0_1: (indicatore: string, campo: string, valore: number) =>
    piatto`Indicatore ${q(indicatore)}: la formula è «1 = fatto 0 = non fatto» ma il ${campo} è ${n(valore)}: ammessi solo 0 o 1.`,
  POLARITA_SOSPETTA: (indicatore: string, indizio: string) =>
    piatto`Indicatore ${q(indicatore)}: «${indizio}» fa pensare che un valore più basso sia migliore, ma la polarità non è ↓.`,
  POLARITA_NON_VALIDA: (indicatore: string, testo: string) =>
    piatto`Indicatore ${q(indicatore)}: polarità ${q(testo)} non riconosciuta (usare ↑ o ↓); si usa ↑.`,
  DATO_MANCANTE: (indicatore: string, campo: string) =>
    piatto`Indicatore ${q(indicatore)}: ${campo} mancante; l'indicatore è da rilevare e la linea è incompleta.`,
  VALORE_NON_NUMERICO: (indicatore: string, campo: string, testo: string) =>
    piatto`Indicatore ${q(indicatore)}: ${campo} ${q(testo)} non è un numero; l'indicatore è da rilevare, senza colore né etichetta nel Barometro finché non c'è un numero.`,
  NUMERO_COME_TESTO: (indicatore: string, campo: string, testo: string, valore: number, convertibile: boolean) =>
    piatto`Indicatore ${q(indicatore)}: ${campo} ${q(testo)} è un numero scritto come testo, che Barometro legge (${n(valore)}) ma le formule di Excel no: ${
      campo === NOMI_CAMPI.peso
        ? "le formule che pesano gli indicatori non lo contano"
        : "colore ed etichetta del Barometro di questa riga non seguono i dati fino al prossimo Ricalcola"
    }. ${
      convertibile
        ? "Convertirlo: «Converti in numeri» nella Verifica, o «barometro ricalcola --converti-numeri»."
        : `Scriverlo come numero (${n(valore)}${testo.endsWith("%") ? ", senza %" : ""}) e ricalcolare.`
    }`,
  PESO_NON_VALIDO: (indicatore: string, valore: number) =>
    piatto`Indicatore ${q(indicatore)}: peso ${n(valore)} non valido (deve essere ≥ 0); l'indicatore non è conteggiato.`,
  RAGG_DIVERSO: (indicatore: string, foglio: number, calcolato: number) =>
    piatto`Indicatore ${q(indicatore)}: % Ragg nel foglio ${n(foglio)}, calcolata ${formatNumero(calcolato, 2)}.`,
  LINEA_DIVERSA: (linea: string, foglio: number, calcolata: number) =>
    piatto`Linea ${q(linea)}: % di raggiungimento nel foglio ${formatNumero(foglio, 2)}%, calcolata ${formatNumero(calcolata, 2)}%.`,
  LETTURA_SCELTA: (indicatore: string, campo: string, testo: string, letto: number, altro: number) =>
    piatto`Indicatore ${q(indicatore)}: ${campo} ${q(testo)} letto come ${n(letto)} % (una frazione), perché l'altro target della riga è una percentuale (${n(altro)} %). Se era ${testo} %, scriverlo con il simbolo %.`,
} satisfies Record<CodiceAvviso, (...args: never[]) => string>;

/** Italian names of the columns, as used in messages. */
export const NOMI_CAMPI = {
  atteso: "target atteso",
  consuntivo: "target consuntivo",
  peso: "peso",
} as const;
