import { resolve } from "path";
import { convertiNumeri } from "../../app/numeri";
import { EsitoRicalcolo, ricalcola } from "../../app/ricalcolo";
import { Impostazioni } from "../../app/impostazioni";
import { verifica } from "../../engine";
import { ContenutoBarometro } from "../../layout/patch";
import { apriFile, erroreDelFile, salvaFile } from "../apri";
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
  if (convertite > 0) (json ? io.err : io.out)(MESSAGGI_CLI.numeriConvertiti(convertite));
  if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
  if (scelte.formule) io.err(MESSAGGI_CLI.modoFormule());
  const { patch } = esito;
  if (patch.barometroDellUtente)
    io.err(MESSAGGI_CLI.barometroDellUtente(patch.barometroDellUtente.map((c) => `${c.foglio}!${c.cella}`)));
  for (const f of patch.formuleNonScritte ?? [])
    io.err(MESSAGGI_CLI.formulaNonScritta(`${f.foglio}!${f.cella}`, f.motivo));
  await salvaFile(cartella, out);
  // The report is Verifica's on the file as read (what `barometro verifica` says of it), the findings
  // about cells this write has just rewritten included: the task pane leaves those out of its message.
  const { linee, risultato } = esito.analisi;
  scriviResoconto(io, file, { linee, risultato, avvisi: verifica(linee, risultato.linee) }, json, scelte);
  if (!json) {
    const regole = esito.formattazione?.regole ?? 0;
    const tolte = patch.formattazione?.elimina.length ?? 0;
    io.out(
      `\nScritto ${out}: ${patch.scritture.length} ${scelte.formuleExcel ? "celle (formule di Excel)" : "valori"}, ` +
        `${patch.colori.length} celle Barometro colorate` +
        (formattazione
          ? `, ${regole} regole di formattazione condizionale.`
          : `, nessuna regola di formattazione condizionale (${
              opzioni.senzaFormattazione ? "--senza-formattazione" : "spenta nelle impostazioni della cartella"
            }${tolte > 0 ? `; ${tolte === 1 ? "tolta 1 regola" : `tolte ${tolte} regole`} di Barometro` : ""}).`)
    );
  }
  return 0;
}
