import { basename } from "path";
import { Avviso, Bande, BANDE_PREDEFINITE, fasciaPer, formatPercentuale, isInformativo } from "../engine";
import { Analisi } from "../app/ricalcolo";
import type { ImpostazioniCartella } from "./impostazioni";
import type { Io } from "./main";

/**
 * What `ricalcola` and `verifica` report of a file (not the Riepilogo sheet, src/app/riepilogo.ts):
 * the `--json` document, whose shape is part of the command line's contract.
 */
export interface ResocontoJson {
  file: string;
  linee: {
    nome: string;
    foglio: string;
    percentuale: number | null;
    /** The band's label, with the workbook's thresholds and labels (null without a percentage). */
    fascia: string | null;
    incompleta: boolean;
    obiettivi: number;
    neutralizzati: number;
  }[];
  ente: number | null;
  /** `informativo`: information (the reader chose one of two readings), not a problem; absent otherwise. */
  avvisi: { codice: string; foglio: string; cella: string; messaggio: string; informativo?: true }[];
}

export function resoconto(
  file: string,
  e: Pick<Analisi, "linee" | "risultato" | "avvisi">,
  bande: Bande = BANDE_PREDEFINITE
): ResocontoJson {
  return { ...sommario(file, e, bande), avvisi: e.avvisi.map(voceJson) };
}

/** The document but its findings: the file, each line's figure and band, the ente. */
function sommario(file: string, e: Pick<Analisi, "linee" | "risultato">, bande: Bande): Omit<ResocontoJson, "avvisi"> {
  return {
    file,
    linee: e.linee.map((linea, i) => {
      const { percentuale, incompleta, neutralizzati } = e.risultato.linee[i];
      return {
        nome: linea.nome,
        foglio: linea.foglio,
        percentuale,
        fascia: percentuale === null ? null : fasciaPer(percentuale, bande).etichetta,
        incompleta,
        obiettivi: linea.obiettivi.length,
        neutralizzati,
      };
    }),
    ente: e.risultato.percentuale,
  };
}

/** A finding as the document lists it. */
function voceJson({ codice, foglio, cella, messaggio }: Avviso): ResocontoJson["avvisi"][number] {
  return isInformativo({ codice })
    ? { codice, foglio, cella, messaggio, informativo: true }
    : { codice, foglio, cella, messaggio };
}

/** A readable Italian table for the terminal; `dallaCartella`: the bands are the workbook's saved ones. */
export function testoResoconto(r: ResocontoJson, dallaCartella = false): string {
  return [...righeResoconto(r, dallaCartella, r.avvisi, (a) => a.informativo === true)].join("\n");
}

/** testoResoconto's lines, one at a time: a report of 100,000s of findings is never held whole. */
function* righeResoconto<A extends AvvisoResoconto>(
  r: Pick<ResocontoJson, "file" | "linee" | "ente">,
  dallaCartella: boolean,
  avvisi: readonly A[],
  informativo: (a: A) => boolean
): Generator<string> {
  const rows = r.linee.map((l) => [
    l.nome,
    l.foglio,
    formatPercentuale(l.percentuale),
    l.fascia ?? "—",
    String(l.obiettivi),
    String(l.neutralizzati),
    l.incompleta ? "incompleta" : "completa",
  ]);
  const header = ["Linea", "Foglio", "% Ragg.", "Barometro", "Obiettivi", "Neutralizzati", "Dati"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 2 || c === 4 || c === 5 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  yield `Barometro — ${basename(r.file)}`;
  yield "";
  yield line(header);
  yield widths.map((w) => "-".repeat(w)).join("  ");
  for (const row of rows) yield line(row);
  yield "";
  yield `Ente (media delle linee): ${formatPercentuale(r.ente)}`;
  if (dallaCartella) yield "Soglie, etichette e colori del Barometro: quelli salvati nella cartella (Impostazioni).";
  yield "";
  yield* righeAvvisi(avvisi, informativo);
}

/** A finding as the report lists it (the engine's Avviso, or the JSON document's). */
type AvvisoResoconto = Pick<ResocontoJson["avvisi"][number], "codice" | "foglio" | "cella" | "messaggio">;

function* righeAvvisi<A extends AvvisoResoconto>(
  avvisi: readonly A[],
  informativo: (a: A) => boolean
): Generator<string> {
  if (avvisi.length === 0) {
    yield "Verifica: nessun avviso.";
    return;
  }
  // Information (a reading chosen) is listed after the problems and counted apart from them.
  const perCodice = new Map<string, number>();
  let problemi = 0;
  for (const a of avvisi)
    if (!informativo(a)) {
      problemi++;
      perCodice.set(a.codice, (perCodice.get(a.codice) ?? 0) + 1);
    }
  const conteggi = [...perCodice].map(([codice, n]) => `${codice} ${n}`).join(", ");
  yield problemi === 0 ? "Verifica: nessun avviso." : `Verifica: ${problemi} avvisi (${conteggi})`;
  for (const a of avvisi) if (!informativo(a)) yield `  ${a.foglio}!${a.cella || "?"}  ${a.codice}  ${a.messaggio}`;
  const informazioni = avvisi.length - problemi;
  if (informazioni === 0) return;
  yield `Informazioni (${informazioni}):`;
  for (const a of avvisi)
    if (informativo(a)) yield `  ${a.foglio}!${a.cella || "?"}  informazione  ${a.codice}  ${a.messaggio}`;
}

/**
 * Characters written together to the terminal: one write for a few hundred findings, not one each,
 * and each block below the size V8 allocates apart from the young generation (128 KB), where
 * garbage stays until a full collection.
 */
export const CARATTERI_PER_SCRITTURA = 1 << 15;

/** Writes a file's resoconto: the JSON document with --json, the table otherwise. */
export function scriviResoconto(
  io: Io,
  file: string,
  analisi: Pick<Analisi, "linee" | "risultato" | "avvisi">,
  json: boolean,
  scelte: Pick<ImpostazioniCartella, "bande" | "salvate">
): void {
  // The lines' summary; the findings straight from the analysis (no copy of each), a line at a time.
  const testa = sommario(file, analisi, scelte.bande);
  const righe = json
    ? righeJson(testa, analisi.avvisi)
    : righeResoconto(testa, scelte.salvate, analisi.avvisi, isInformativo);
  let blocco: string[] = [];
  let caratteri = 0;
  for (const riga of righe) {
    if (blocco.length > 0 && caratteri + riga.length > CARATTERI_PER_SCRITTURA) {
      io.out(blocco.join("\n"));
      blocco = [];
      caratteri = 0;
    }
    blocco.push(riga);
    caratteri += riga.length + 1;
  }
  if (blocco.length > 0) io.out(blocco.join("\n"));
}

/**
 * The JSON document (`JSON.stringify(resoconto(…), null, 2)`, character for character) as its lines,
 * each finding serialised when its turn comes: 200,000 findings are 46 MB of JSON.
 */
function* righeJson(r: Omit<ResocontoJson, "avvisi">, avvisi: readonly Avviso[]): Generator<string> {
  const testa = JSON.stringify({ ...r, avvisi: [] } satisfies ResocontoJson, null, 2).split("\n");
  if (avvisi.length === 0) {
    yield* testa;
    return;
  }
  // The head ends with «  "avvisi": []» and «}».
  yield* testa.slice(0, -2);
  yield '  "avvisi": [';
  for (let i = 0; i < avvisi.length; i++) {
    const righe = JSON.stringify(voceJson(avvisi[i]), null, 2).split("\n");
    for (let k = 0; k < righe.length; k++)
      yield `    ${righe[k]}${k === righe.length - 1 && i < avvisi.length - 1 ? "," : ""}`;
  }
  yield "  ]";
  yield "}";
}
