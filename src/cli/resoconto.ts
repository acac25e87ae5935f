import { basename } from "path";
import { Bande, BANDE_PREDEFINITE, fasciaPer, formatPercentuale, isInformativo } from "../engine";
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
    avvisi: e.avvisi.map(({ codice, foglio, cella, messaggio }) =>
      isInformativo({ codice })
        ? { codice, foglio, cella, messaggio, informativo: true }
        : { codice, foglio, cella, messaggio }
    ),
  };
}

/** A readable Italian table for the terminal; `dallaCartella`: the bands are the workbook's saved ones. */
export function testoResoconto(r: ResocontoJson, dallaCartella = false): string {
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
  const out = [
    `Barometro — ${basename(r.file)}`,
    "",
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    "",
  ];
  out.push(`Ente (media delle linee): ${formatPercentuale(r.ente)}`);
  if (dallaCartella)
    out.push("Soglie, etichette e colori del Barometro: quelli salvati nella cartella (Impostazioni).");
  out.push("", formatAvvisi(r.avvisi));
  return out.join("\n");
}

function formatAvvisi(avvisi: ResocontoJson["avvisi"]): string {
  if (avvisi.length === 0) return "Verifica: nessun avviso.";
  // Information (a reading chosen) is listed after the problems and counted apart from them.
  const problemi = avvisi.filter((a) => !a.informativo);
  const informazioni = avvisi.filter((a) => a.informativo);
  const perCodice = new Map<string, number>();
  for (const a of problemi) perCodice.set(a.codice, (perCodice.get(a.codice) ?? 0) + 1);
  const conteggi = [...perCodice].map(([codice, n]) => `${codice} ${n}`).join(", ");
  const righe = problemi.map((a) => `  ${a.foglio}!${a.cella || "?"}  ${a.codice}  ${a.messaggio}`);
  const testa =
    problemi.length === 0 ? "Verifica: nessun avviso." : `Verifica: ${problemi.length} avvisi (${conteggi})`;
  if (informazioni.length === 0) return [testa, ...righe].join("\n");
  const info = informazioni.map((a) => `  ${a.foglio}!${a.cella || "?"}  informazione  ${a.codice}  ${a.messaggio}`);
  return [testa, ...righe, `Informazioni (${informazioni.length}):`, ...info].join("\n");
}

/** Writes a file's resoconto: the JSON document with --json, the table otherwise. */
export function scriviResoconto(
  io: Io,
  file: string,
  analisi: Pick<Analisi, "linee" | "risultato" | "avvisi">,
  json: boolean,
  scelte: Pick<ImpostazioniCartella, "bande" | "salvate">
): void {
  const r = resoconto(file, analisi, scelte.bande);
  io.out(json ? JSON.stringify(r, null, 2) : testoResoconto(r, scelte.salvate));
}
