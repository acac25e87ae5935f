import { resolve } from "path";
import { convertiNumeri } from "../../app/numeri";
import { EsitoRicalcolo, ricalcola } from "../../app/ricalcolo";
import { Impostazioni } from "../../app/impostazioni";
import { ContenutoBarometro } from "../../layout/patch";
import { apriFile, CartellaFile, erroreDelFile, salvaFile } from "../apri";
import { CliError, MESSAGGI_CLI } from "../errors";
import { impostazioniCartella } from "../impostazioni";
import type { Io } from "../main";
import { scriviResoconto } from "../resoconto";

export interface OpzioniRicalcola {
  /** --out; absent: FILE.ricalcolato.xlsx. */
  out?: string;
  json: boolean;
  /** --senza-formattazione. */
  senzaFormattazione?: boolean;
  /** --barometro; absent: as saved in the workbook, else the default. */
  contenuto?: ContenutoBarometro;
  /** --converti-numeri. */
  convertiNumeri?: boolean;
}

/**
 * `barometro ricalcola`: the task pane's «Ricalcola tutto» (src/app/ricalcolo.ts) on the file, with
 * the choices saved in it by the pane (the command's options take precedence), then the file written
 * to OUT. With --converti-numeri, the pane's «Converti in numeri» (src/app/numeri.ts) first.
 */
export async function comandoRicalcola(io: Io, file: string, opzioni: OpzioniRicalcola): Promise<number> {
  const { json } = opzioni;
  const out = resolve(opzioni.out ?? file.replace(/\.xlsx$/i, "") + ".ricalcolato.xlsx");
  if (out === file) throw new CliError(MESSAGGI_CLI.stessoFile());
  const { cartella } = await apriFile(file);
  const scelte = impostazioniCartella(cartella.leggiImpostazioni());
  // Off (switched off in the pane, or --senza-formattazione): Barometro's marked rules are removed,
  // as the pane does, and the labels are plain values. The user's own rules are never touched.
  const formattazione = !opzioni.senzaFormattazione && scelte.formattazione;
  const impostazioni: Impostazioni = {
    ...scelte.impostazioni,
    // =PERF.RAGG needs the add-in to compute it: the command line writes the values instead.
    modoScrittura: scelte.formule ? "valori" : scelte.impostazioni.modoScrittura,
    formattazioneCondizionale: formattazione,
    contenutoBarometro: opzioni.contenuto ?? scelte.contenuto,
  };
  const { convertite, resoconto, conteggi, avvisi } = await calcola(file, cartella, impostazioni, opzioni, (io, a) =>
    // The report is Verifica's on the file as read (what `barometro verifica` says of it), the findings
    // about cells this write has just rewritten included: the task pane leaves those out of its message.
    scriviResoconto(io, file, { linee: a.linee, risultato: a.risultato, avvisi: a.avvisiLetti }, json, scelte)
  );
  if (convertite > 0) (json ? io.err : io.out)(MESSAGGI_CLI.numeriConvertiti(convertite));
  if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
  if (scelte.formule) io.err(MESSAGGI_CLI.modoFormule());
  for (const a of avvisi) io.err(a);
  resoconto(io);
  await salvaFile(cartella, out);
  if (!json) {
    const { regole, tolte } = conteggi;
    io.out(
      `\nScritto ${out}: ${conteggi.scritture} ${scelte.formuleExcel ? "celle (formule di Excel)" : "valori"}, ` +
        `${conteggi.colori} celle Barometro colorate` +
        (formattazione
          ? `, ${regole} regole di formattazione condizionale.`
          : `, nessuna regola di formattazione condizionale (${
              opzioni.senzaFormattazione ? "--senza-formattazione" : "spenta nelle impostazioni della cartella"
            }${tolte > 0 ? `; ${tolte === 1 ? "tolta 1 regola" : `tolte ${tolte} regole`} di Barometro` : ""}).`)
    );
  }
  return 0;
}

/**
 * Converti in numeri (when asked) and Ricalcola tutto. The report is made here and printed later,
 * what it needs of the patch counted here: neither the model nor the patch (a few hundred bytes a
 * row each) is held while the file is saved.
 */
async function calcola(
  file: string,
  cartella: CartellaFile,
  impostazioni: Impostazioni,
  opzioni: OpzioniRicalcola,
  riporta: (io: Io, analisi: EsitoRicalcolo["analisi"] & Pick<EsitoRicalcolo, "avvisiLetti">) => void
): Promise<{
  convertite: number;
  /** Prints the report made from the analysis. */
  resoconto: (io: Io) => void;
  conteggi: { scritture: number; colori: number; regole: number; tolte: number };
  /** Warnings about cells not written (a user's Barometro text, a formula too long for Excel). */
  avvisi: string[];
}> {
  let convertite = 0;
  let esito: EsitoRicalcolo;
  try {
    // Figures stored as text: converted first when asked (the results do not change, the findings
    // about them go); otherwise Verifica's NUMERO_COME_TESTO findings say how.
    if (opzioni.convertiNumeri) {
      const conversione = await convertiNumeri(cartella, { conferma: true });
      if (conversione.applicato) convertite = conversione.celle.length;
    }
    esito = await ricalcola(cartella, { tipo: "tutto" }, impostazioni);
  } catch (e) {
    throw erroreDelFile(file, e);
  }
  const { patch } = esito;
  const avvisi: string[] = [];
  if (patch.barometroDellUtente)
    avvisi.push(MESSAGGI_CLI.barometroDellUtente(patch.barometroDellUtente.map((c) => `${c.foglio}!${c.cella}`)));
  for (const f of patch.formuleNonScritte ?? [])
    avvisi.push(MESSAGGI_CLI.formulaNonScritta(`${f.foglio}!${f.cella}`, f.motivo));
  // What the report needs (the model as read and its findings), not the patch; let go once printed.
  let letta: Parameters<typeof riporta>[1] | null = { ...esito.analisi, avvisiLetti: esito.avvisiLetti };
  return {
    avvisi,
    convertite,
    resoconto: (io) => {
      if (letta) riporta(io, letta);
      letta = null;
    },
    conteggi: {
      scritture: patch.scritture.length,
      colori: patch.colori.length,
      regole: esito.formattazione?.regole ?? 0,
      tolte: patch.formattazione?.elimina.length ?? 0,
    },
  };
}
