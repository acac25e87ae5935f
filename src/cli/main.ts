import { existsSync, statSync } from "fs";
import { basename, join, resolve } from "path";
import { parseArgs } from "util";
import { letturaDopo, NumeroDaConvertire, numeriDaConvertire, patchNumeri } from "../app/numeri";
import { calcolaEnte, verifica } from "../engine";
import { leggiLinee } from "../layout";
import { CONTENUTI_BAROMETRO, ContenutoBarometro, creaPatch } from "../layout/patch";
import { applyPatch } from "./apply-patch";
import { applicaFormattazione } from "./conditional-format";
import { CliError, MESSAGGI_CLI } from "./errors";
import { formatTesto, riepilogo } from "./summary";
import { impostazioniCartella, ImpostazioniCartella, scriviCartella } from "./impostazioni";
import { esaminaPacchetto, ripristinaInterruzioni } from "./non-conservati";
import { elaboraTutti, fileDaElaborare } from "./piu-file";
import { Elaborazione, elabora } from "./workbook";

export const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");

const USO = `Uso:
  barometro ricalcola [FILE.xlsx …] [--out OUT.xlsx] [--json] [--senza-formattazione]
                      [--barometro etichetta|simbolo|colore] [--converti-numeri]
  barometro verifica  [FILE.xlsx …] [--json]
  barometro stampa    [FILE.xlsx …] [--out OUT.xlsx] [--pdf OUT.pdf] [--json]
  barometro dossier   [FILE.xlsx] [--out OUT.xlsx] [--pdf [OUT.pdf]] [--json]

ricalcola  calcola % Ragg, scostamenti, percentuali di linea e colori del Barometro e li scrive
           in OUT (predefinito: FILE con estensione .ricalcolato.xlsx); nient'altro cambia.
           Scostamento, % Ragg e percentuale della linea sono formule di Excel (seguono i dati
           anche senza il componente), o valori se così è scelto nelle Impostazioni del riquadro.
verifica   controlla i dati e stampa gli avvisi, senza scrivere nulla.
stampa     prepara l'allegato da pubblicare: impaginazione (orizzontale, una pagina in larghezza,
           intestazione ripetuta, una linea per pagina, piè di pagina numerato) e foglio «Indice»,
           in OUT (predefinito: FILE con estensione .stampa.xlsx); con --pdf anche il PDF
           (serve LibreOffice; se --pdf è una cartella, il PDF di ogni file va lì con il suo nome).
dossier    il dossier di validazione per il Nucleo di Valutazione / OIV: il foglio «Dossier di
           validazione» (come si ottiene ogni cifra, con le celle; regole; avvisi) in OUT
           (predefinito: FILE con estensione .dossier.xlsx); con --pdf anche il PDF del solo
           dossier (predefinito: OUT con estensione .pdf). Con --json stampa la traccia del
           calcolo e, senza --out né --pdf, non scrive nulla.
FILE       uno o più file .xlsx, o una cartella (i suoi file .xlsx); predefinito: la cartella di
           esempio inclusa (${SAMPLE}). Con più file ognuno è scritto accanto al suo (--out vale
           con un solo file, --pdf con più file è una cartella); un file che non si può elaborare
           è segnalato e gli altri proseguono.
--json     stampa un solo documento JSON su stdout (con più file, l'elenco dei loro documenti).
--senza-formattazione  (ricalcola) non scrive la formattazione condizionale del Barometro (i colori
           che seguono i dati anche senza il componente): solo i colori fissi e le etichette come
           testo; toglie le regole scritte prima da Barometro (quelle dell'utente restano).
--barometro  (ricalcola) che cosa scrivere nella cella Barometro oltre al colore, perché la fascia
           si legga anche in bianco e nero: «etichetta» (Raggiunto, Parzialmente raggiunto, Non
           raggiunto, Neutralizzato), «simbolo» (● ◐ ○, – per i neutralizzati) o «colore» (solo il
           colore). Predefinito: la scelta salvata nella cartella, altrimenti «etichetta».
--converti-numeri  (ricalcola) scrive come numeri i Target atteso, Target consuntivo e Peso
           scritti come testo che si leggono in un solo modo («1.545», «78,5»; non «80%», non
           «n.d.», mai una formula), con un formato numerico se la cella era in formato Testo: così
           colore ed etichetta del Barometro di quelle righe seguono i dati anche in Excel (la
           Verifica li segnala con NUMERO_COME_TESTO). I risultati non cambiano.

Le scelte salvate nella cartella dal riquadro di Barometro (Impostazioni: soglie, colori ed
etichette delle fasce, cella Barometro, formattazione condizionale; anno della Relazione) valgono
anche qui, e il file scritto le conserva insieme al componente.`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const consoleIo: Io = { out: (t) => process.stdout.write(t + "\n"), err: (t) => process.stderr.write(t + "\n") };

/** Runs the command line; returns the exit code (0 processed, 2 bad file or arguments). */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  try {
    // «dossier» reads its own arguments: its --pdf may come without a path.
    if (argv[0] === "dossier")
      return await (await import("./dossier-comando")).dossierDaArgomenti(argv.slice(1), io, SAMPLE);
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string", short: "o" },
        pdf: { type: "string" },
        json: { type: "boolean" },
        "senza-formattazione": { type: "boolean" },
        "converti-numeri": { type: "boolean" },
        barometro: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    const [comando, ...argomentiFile] = positionals;
    if (values.help || comando === undefined) {
      io.out(USO);
      return comando === undefined && !values.help ? 2 : 0;
    }
    if (!COMANDI.includes(comando)) throw new CliError(MESSAGGI_CLI.comandoSconosciuto(comando));
    if (values["senza-formattazione"] && comando !== "ricalcola")
      throw new CliError(MESSAGGI_CLI.argomenti("--senza-formattazione vale solo per «ricalcola»"));
    if (values["converti-numeri"] && comando !== "ricalcola")
      throw new CliError(MESSAGGI_CLI.argomenti("--converti-numeri vale solo per «ricalcola»"));
    if (values.barometro !== undefined && comando !== "ricalcola")
      throw new CliError(MESSAGGI_CLI.argomenti("--barometro vale solo per «ricalcola»"));
    if (values.out && comando === "verifica")
      throw new CliError(MESSAGGI_CLI.argomenti("--out vale solo per «ricalcola»"));
    if (values.pdf && comando !== "stampa") throw new CliError(MESSAGGI_CLI.argomenti("--pdf vale solo per «stampa»"));
    const contenuto = contenutoDaArgomento(values.barometro);
    const files = argomentiFile.length === 0 ? [SAMPLE] : fileDaElaborare(argomentiFile);
    if (files.length > 1 && values.out) throw new CliError(MESSAGGI_CLI.argomenti("--out vale con un solo file"));
    // --pdf naming a folder: each file's PDF goes there, under the file's name.
    const cartellaPdf = values.pdf !== undefined && isCartella(values.pdf) ? resolve(values.pdf) : null;
    if (files.length > 1 && values.pdf !== undefined && !cartellaPdf)
      throw new CliError(
        MESSAGGI_CLI.argomenti("con più file --pdf vuole una cartella, dove scrivere un PDF per file")
      );
    const pdfDi = (file: string) =>
      cartellaPdf ? join(cartellaPdf, basename(file).replace(/\.xlsx$/i, "") + ".pdf") : values.pdf;
    const json = values.json === true;

    const elaboraFile = async (file: string, io: Io): Promise<number> => {
      if (comando === "verifica") {
        const elaborazione = await elabora(file);
        const { riportate } = await esaminaPacchetto(elaborazione.dati, { interruzioni: false });
        const scelte = impostazioniCartella(riportate);
        if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
        return stampa(io, file, elaborazione, json, scelte);
      }
      if (comando === "ricalcola")
        return await ricalcola(io, file, values.out, json, values["senza-formattazione"], contenuto, {
          convertiNumeri: values["converti-numeri"] === true,
        });
      // Required here: the page layout, the Indice and the PDF are only for «stampa».
      return await (await import("./stampa-comando")).stampa(io, file, values.out, pdfDi(file), json);
    };
    return files.length === 1 ? await elaboraFile(files[0], io) : await elaboraTutti(files, elaboraFile, io, json);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(e.message);
      return e.exitCode;
    }
    if (isParseArgsError(e)) {
      io.err(`${MESSAGGI_CLI.argomenti(e.message)}\n\n${USO}`);
      return 2;
    }
    throw e;
  }
}

// Duck-typed: errors thrown by Node's own modules may come from another realm (e.g. under jest).
function isParseArgsError(e: unknown): e is Error {
  return typeof e === "object" && e !== null && String((e as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");
}

const COMANDI = ["ricalcola", "verifica", "stampa", "dossier"];

const isCartella = (percorso: string) => existsSync(percorso) && statSync(percorso).isDirectory();

/** The --barometro value; absent (undefined): as saved in the workbook, else the default. */
function contenutoDaArgomento(valore: string | undefined): ContenutoBarometro | undefined {
  if (valore === undefined) return undefined;
  const trovato = CONTENUTI_BAROMETRO.find((c) => c === valore.trim().toLowerCase());
  if (!trovato)
    throw new CliError(
      MESSAGGI_CLI.argomenti(
        `--barometro vuole ${CONTENUTI_BAROMETRO.map((c) => `«${c}»`).join(", ")}, non «${valore}»`
      )
    );
  return trovato;
}

async function ricalcola(
  io: Io,
  file: string,
  outArg: string | undefined,
  json: boolean,
  senzaFormattazione = false,
  contenutoScelto?: ContenutoBarometro,
  opzioni: { convertiNumeri?: boolean } = {}
): Promise<number> {
  const out = resolve(outArg ?? file.replace(/\.xlsx$/i, "") + ".ricalcolato.xlsx");
  if (out === file) throw new CliError(MESSAGGI_CLI.stessoFile());
  const letta = await elabora(file);
  // Figures stored as text: converted first when asked (the results do not change, the findings
  // about them go); otherwise Verifica's NUMERO_COME_TESTO findings say how.
  const convertiti = opzioni.convertiNumeri
    ? numeriDaConvertire({ fogli: letta.griglie, protetti: [] }, letta.linee)
    : [];
  const elaborazione = convertiti.length > 0 ? convertiNumeriIn(letta, convertiti) : letta;
  const { perse, interruzioni, riportate } = await esaminaPacchetto(elaborazione.dati);
  if (perse.length > 0) io.err(MESSAGGI_CLI.nonConservati(file, out, perse));
  ripristinaInterruzioni(elaborazione.workbook, interruzioni);
  if (convertiti.length > 0) {
    applyPatch(elaborazione.workbook, patchNumeri(convertiti));
    (json ? io.err : io.out)(MESSAGGI_CLI.numeriConvertiti(convertiti.length));
  }
  // The choices saved by the task pane apply here too; the command's options take precedence.
  const scelte = impostazioniCartella(riportate);
  if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
  if (scelte.formule) io.err(MESSAGGI_CLI.modoFormule());
  // Off (switched off in the pane, or --senza-formattazione): Barometro's marked rules are removed,
  // as the pane does, and the labels are plain values; left in place, the old rules would follow an
  // edit while the labels stayed put. The user's own rules are never touched.
  const formattazione = !senzaFormattazione && scelte.formattazione;
  const contenuto = contenutoScelto ?? scelte.contenuto;
  const { bande } = scelte;
  // With the conditional formatting, the Barometro cell's label is a formula that follows the data too.
  const patch = creaPatch(elaborazione.linee, elaborazione.risultato.linee, {
    bande,
    contenuto,
    condizionale: formattazione,
    formuleExcel: scelte.formuleExcel,
    fogli: elaborazione.griglie,
  });
  applyPatch(elaborazione.workbook, patch);
  if (patch.barometroDellUtente)
    io.err(MESSAGGI_CLI.barometroDellUtente(patch.barometroDellUtente.map((c) => `${c.foglio}!${c.cella}`)));
  for (const f of patch.formuleNonScritte ?? [])
    io.err(MESSAGGI_CLI.formulaNonScritta(`${f.foglio}!${f.cella}`, f.motivo));
  // The Barometro as conditional formatting too (only Barometro's own rules are replaced).
  const { regole, tolte } = applicaFormattazione(
    elaborazione.workbook,
    elaborazione.linee,
    elaborazione.risultato.linee,
    bande,
    formattazione,
    scelte.formuleExcel
  );
  await scriviCartella(elaborazione.workbook, out, riportate);
  stampa(io, file, elaborazione, json, scelte);
  if (!json)
    io.out(
      `\nScritto ${out}: ${patch.scritture.length} ${scelte.formuleExcel ? "celle (formule di Excel)" : "valori"}, ` +
        `${patch.colori.length} celle Barometro colorate` +
        (formattazione
          ? `, ${regole} regole di formattazione condizionale.`
          : `, nessuna regola di formattazione condizionale (${
              senzaFormattazione ? "--senza-formattazione" : "spenta nelle impostazioni della cartella"
            }${tolte > 0 ? `; ${tolte === 1 ? "tolta 1 regola" : `tolte ${tolte} regole`} di Barometro` : ""}).`)
    );
  return 0;
}

/** The workbook read again as it is after the conversion: same results, no finding about those cells. */
function convertiNumeriIn(e: Elaborazione, celle: NumeroDaConvertire[]): Elaborazione {
  const griglie = letturaDopo({ fogli: e.griglie, selezione: null, protetti: [] }, celle).fogli;
  const { linee } = leggiLinee(griglie);
  const risultato = calcolaEnte(linee);
  return { ...e, griglie, linee, risultato, avvisi: verifica(linee, risultato.linee) };
}

function stampa(
  io: Io,
  file: string,
  elaborazione: Awaited<ReturnType<typeof elabora>>,
  json: boolean,
  scelte: ImpostazioniCartella
): number {
  const r = riepilogo(file, elaborazione, scelte.bande);
  io.out(json ? JSON.stringify(r, null, 2) : formatTesto(r, scelte.salvate));
  return 0;
}
