import { existsSync, statSync } from "fs";
import { basename, join, resolve } from "path";
import { parseArgs } from "util";
import { CONTENUTI_BAROMETRO, ContenutoBarometro } from "../layout/patch";
import { comandoRicalcola } from "./comandi/ricalcola";
import { comandoVerifica } from "./comandi/verifica";
import { CliError, MESSAGGI_CLI } from "./errors";
import { elaboraTutti, fileDaElaborare } from "./piu-file";

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
      return await (await import("./comandi/dossier")).dossierDaArgomenti(argv.slice(1), io, SAMPLE);
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

    // Each command is a use case of the task pane (src/app) run on the file: see src/cli/comandi/.
    const elaboraFile = async (file: string, io: Io): Promise<number> => {
      if (comando === "verifica") return comandoVerifica(io, file, json);
      if (comando === "ricalcola")
        return comandoRicalcola(io, file, {
          out: values.out,
          json,
          senzaFormattazione: values["senza-formattazione"],
          contenuto,
          convertiNumeri: values["converti-numeri"] === true,
        });
      // Required here: the page layout, the Indice and the PDF are only for «stampa».
      return (await import("./comandi/stampa")).comandoStampa(io, file, values.out, pdfDi(file), json);
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
