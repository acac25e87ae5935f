import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join, resolve } from "path";
import { parseArgs } from "util";
import { EsitoDossier, scriviDossier } from "../../app/dossier";
import { ErroreBarometro } from "../../app/ricalcolo";
import { formatPercentuale, Traccia, tracciaEnte } from "../../engine";
import { dossierAltrui } from "../../layout/dossier";
import { apriFile, CartellaFile, erroreDelFile, salvaFile } from "../apri";
import { elabora } from "../elabora";
import { CliError, MESSAGGI_CLI } from "../errors";
import { impostazioniCartella } from "../impostazioni";
import type { Io } from "../main";
import { convertiInPdf } from "../pdf";
import { soloIlFoglio } from "../solo-foglio";

/** The usage lines of `barometro dossier` (main.ts shows them with the others). */
export const USO_DOSSIER = `  barometro dossier   [FILE.xlsx] [--out OUT.xlsx] [--pdf [OUT.pdf]] [--json]`;

export const SPIEGAZIONE_DOSSIER = `dossier    il dossier di validazione per il Nucleo di Valutazione / OIV: il foglio «Dossier di
           validazione» (come si ottiene ogni cifra: obiettivi, indicatori, regole, pesi
           normalizzati, contributi, avvisi con la loro cella) in OUT (predefinito: FILE con
           estensione .dossier.xlsx); con --pdf anche il PDF del solo dossier (predefinito: OUT
           con estensione .pdf; serve LibreOffice). Con --json stampa la traccia del calcolo
           e non scrive nulla, se non sono indicati anche --out o --pdf.`;

/** The `--json` document: the engine's trace, with the file it comes from. */
export type DossierJson = { file: string } & Traccia;

const MESSAGGI = {
  unSoloFile: "«dossier» vuole un solo file .xlsx",
  altrui: (file: string, foglio: string) =>
    `«${file}» ha già un foglio «${foglio}» che non è stato creato da Barometro: rinominarlo (o eliminarlo) e riprovare. Non è stato scritto nulla.`,
};

/** Barometro's version, from its package.json (the same file in src/ and in the compiled lib/). */
export function versioneBarometro(): string {
  try {
    const pacchetto = JSON.parse(readFileSync(resolve(__dirname, "../../../package.json"), "utf8")) as {
      version?: unknown;
    };
    return typeof pacchetto.version === "string" ? pacchetto.version : "sconosciuta";
  } catch {
    return "sconosciuta";
  }
}

/**
 * `barometro dossier`: its own arguments (after the command's name), because `--pdf` may come
 * without a path. `esempio`: the file used when none is given (the bundled sample).
 */
export async function dossierDaArgomenti(argv: string[], io: Io, esempio: string): Promise<number> {
  const { argomenti, pdfSenzaPercorso } = pdfNudo(argv);
  const { values, positionals } = parseArgs({
    args: argomenti,
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      pdf: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(`Uso:\n${USO_DOSSIER}\n\n${SPIEGAZIONE_DOSSIER}`);
    return 0;
  }
  if (positionals.length > 1) throw new CliError(MESSAGGI_CLI.argomenti(MESSAGGI.unSoloFile));
  const file = resolve(positionals[0] ?? esempio);
  if (existsSync(file) && statSync(file).isDirectory()) throw new CliError(MESSAGGI_CLI.argomenti(MESSAGGI.unSoloFile));
  return dossier(io, file, {
    out: values.out,
    pdf: pdfSenzaPercorso ? true : values.pdf,
    json: values.json === true,
  });
}

/** `--pdf` followed by nothing, by another option or by the .xlsx: the PDF beside the output. */
function pdfNudo(argv: string[]): { argomenti: string[]; pdfSenzaPercorso: boolean } {
  const i = argv.indexOf("--pdf");
  if (i < 0) return { argomenti: argv, pdfSenzaPercorso: false };
  const dopo = argv[i + 1];
  if (dopo !== undefined && !dopo.startsWith("-") && !/\.xlsx$/i.test(dopo))
    return { argomenti: argv, pdfSenzaPercorso: false };
  return { argomenti: [...argv.slice(0, i), ...argv.slice(i + 1)], pdfSenzaPercorso: true };
}

export interface OpzioniDossierCli {
  out?: string;
  /** A path, or true: beside OUT with the .pdf extension. */
  pdf?: string | true;
  json: boolean;
  /** For tests: the date written in the dossier. */
  data?: Date;
}

/**
 * `barometro dossier`: the task pane's «Dossier di validazione» (src/app/dossier.ts, scriviDossier)
 * on the file, written to OUT; with --pdf, that very file printed with only the dossier visible.
 * `--json` alone prints the engine's trace and writes nothing.
 */
export async function dossier(io: Io, file: string, opzioni: OpzioniDossierCli): Promise<number> {
  const scrive = !opzioni.json || opzioni.out !== undefined || opzioni.pdf !== undefined;
  if (!scrive) {
    const e = await elabora(file);
    io.out(JSON.stringify({ file, ...tracciaEnte(e.linee, e.risultato) } satisfies DossierJson, null, 2));
    return 0;
  }
  const out = resolve(opzioni.out ?? file.replace(/\.xlsx$/i, "") + ".dossier.xlsx");
  if (out === resolve(file)) throw new CliError(MESSAGGI_CLI.stessoFile());
  const { cartella } = await apriFile(file);
  let esito: EsitoDossier;
  try {
    esito = await scriviDossier(cartella, {
      cartella: basename(file),
      versione: versioneBarometro(),
      data: opzioni.data ?? new Date(),
    });
  } catch (e) {
    throw await erroreDossier(file, cartella, e);
  }
  const scelte = impostazioniCartella(cartella.leggiImpostazioni());
  if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
  await salvaFile(cartella, out);

  const pdf =
    opzioni.pdf === undefined
      ? null
      : opzioni.pdf === true
        ? out.replace(/\.xlsx$/i, "") + ".pdf"
        : resolve(opzioni.pdf);
  if (pdf) await pdfDelDossier(cartella, esito.foglio, pdf);

  const { traccia } = esito;
  if (opzioni.json) io.out(JSON.stringify({ file, ...traccia } satisfies DossierJson, null, 2));
  else {
    io.out(`Barometro — dossier di validazione di ${file}`);
    for (const l of traccia.linee)
      io.out(
        `  ${l.nome}  ${formatPercentuale(l.percentuale)}  (${l.obiettiviConteggiati} obiettivi conteggiati` +
          `${l.neutralizzati > 0 ? `, ${l.neutralizzati} neutralizzati` : ""})` +
          (l.diversa ? `  nel foglio ${formatPercentuale(l.percentualeNelFoglio)}: DIVERSA` : "")
      );
    io.out(`Ente (media delle linee): ${formatPercentuale(traccia.ente.percentuale)}`);
    io.out(
      `Verifica: ${esito.avvisi === 0 ? "nessun avviso" : esito.avvisi === 1 ? "1 avviso" : `${esito.avvisi} avvisi`}, ognuno con la sua cella nel dossier.`
    );
    io.out(`Scritto ${out} (foglio «${esito.foglio}»)${pdf ? ` e ${pdf}` : ""}.`);
  }
  return 0;
}

/**
 * The PDF of the dossier alone, from the workbook the use case has just written (no second writer
 * of the sheet): a temporary copy of its bytes whose list of sheets holds only the dossier
 * (src/cli/solo-foglio.ts, a step on the file like the parts carried over), printed like the annex
 * (convertiInPdf). The dossier holds plain values, so nothing in it refers to the sheets left out.
 * The copy bears the PDF's name (LibreOffice names its output after it).
 */
async function pdfDelDossier(cartella: CartellaFile, foglio: string, pdf: string): Promise<void> {
  const lavoro = mkdtempSync(join(tmpdir(), "barometro-dossier-"));
  try {
    const xlsx = join(lavoro, basename(pdf).replace(/\.pdf$/i, "") + ".xlsx");
    writeFileSync(xlsx, await soloIlFoglio(await cartella.salva(), foglio));
    await convertiInPdf(xlsx, pdf);
  } finally {
    rmSync(lavoro, { recursive: true, force: true });
  }
}

/** The use case's refusal as the command line says it: a user's sheet of the dossier's name named with the file. */
async function erroreDossier(file: string, cartella: CartellaFile, e: unknown): Promise<unknown> {
  if (!(e instanceof ErroreBarometro)) return e;
  const altrui = dossierAltrui((await cartella.leggi()).fogli);
  return altrui ? new CliError(MESSAGGI.altrui(file, altrui)) : erroreDelFile(file, e);
}
