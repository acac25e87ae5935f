import { execFile } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import { pathToFileURL } from "url";
import { promisify } from "util";
import { CliError } from "./errors";
import { CONVERTI_IN_PDF, copiaConTitolo, profiloItaliano } from "./pdf-metadati";

const run = promisify(execFile);

/** The first program of the list found on PATH, or null. */
async function trova(programmi: string[]): Promise<string | null> {
  for (const p of programmi) {
    try {
      if (process.platform === "win32") await run("where", [p]);
      else await run("sh", ["-c", `command -v ${p}`]);
      return p;
    } catch {
      // not on PATH: try the next one
    }
  }
  return null;
}

/**
 * Converts an .xlsx into a PDF with LibreOffice (soffice --headless --convert-to pdf): tagged,
 * declaring PDF/UA-1 and PDF/A-2b, with a title and the language it-IT (pdf-metadati.ts).
 */
export async function convertiInPdf(xlsx: string, pdf: string): Promise<void> {
  // BAROMETRO_SOFFICE names LibreOffice where it is not on PATH (e.g. C:\Program Files\LibreOffice\program\soffice.exe).
  const indicato = process.env.BAROMETRO_SOFFICE;
  const soffice = indicato ? (existsSync(indicato) ? indicato : null) : await trova(["soffice", "libreoffice"]);
  if (!soffice) {
    throw new CliError(
      `LibreOffice non è installato${indicato ? ` (non trovato in «${indicato}»)` : ""}: per il PDF serve «soffice» (Debian/Ubuntu: sudo apt-get install libreoffice-calc; altrove indicarne il percorso in BAROMETRO_SOFFICE). Il file .xlsx è stato scritto comunque.`
    );
  }
  const lavoro = mkdtempSync(join(tmpdir(), "barometro-pdf-"));
  try {
    // A profile of its own: a LibreOffice already open on the desktop would otherwise take the job.
    // Its locale is it-IT: the PDF's language.
    profiloItaliano(join(lavoro, "profilo"));
    const profilo = pathToFileURL(join(lavoro, "profilo")).href;
    // A copy with the document title, converted from a folder of its own (the PDF takes its name).
    const origine = join(lavoro, "origine");
    mkdirSync(origine);
    const { file: copia } = await copiaConTitolo(xlsx, origine);
    await run(
      soffice,
      [`-env:UserInstallation=${profilo}`, "--headless", "--convert-to", CONVERTI_IN_PDF, "--outdir", lavoro, copia],
      {
        timeout: 180_000,
        // Italian number formats whatever the machine's locale: "84,44%" and "1.200", as in Excel.
        env: { ...process.env, LC_ALL: "it_IT.UTF-8", LANG: "it_IT.UTF-8", LANGUAGE: "it" },
      }
    );
    const prodotto = join(lavoro, basename(xlsx).replace(/\.xlsx$/i, "") + ".pdf");
    if (!existsSync(prodotto)) throw new CliError(`LibreOffice non ha prodotto il PDF di «${xlsx}».`);
    renameSync(prodotto, pdf);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Conversione in PDF non riuscita: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    rmSync(lavoro, { recursive: true, force: true });
  }
}

/** The text of each page of a PDF (pdftotext, from poppler-utils), or null when it is not installed. */
export async function testoPagine(pdf: string): Promise<string[] | null> {
  if (!(await trova(["pdftotext"]))) return null;
  const { stdout } = await run("pdftotext", ["-layout", pdf, "-"], { maxBuffer: 64 * 1024 * 1024 });
  const pagine = stdout.split("\f");
  if (pagine.length > 1 && pagine[pagine.length - 1].trim() === "") pagine.pop();
  return pagine;
}

/** Text compared as printed: whitespace runs as one space, any case. */
const normale = (t: string) => t.replace(/\s+/g, " ").trim().toUpperCase();

/**
 * The page (1-based) where each title first appears, searching in order from `daPagina` on (the
 * index lists every title too, so it is skipped), or null.
 */
export function pagineDeiTitoli(pagine: string[], titoli: string[], daPagina = 1): (number | null)[] {
  const testi = pagine.map(normale);
  let da = daPagina - 1;
  return titoli.map((titolo) => {
    const cercato = normale(titolo);
    const i = testi.findIndex((t, k) => k >= da && t.includes(cercato));
    if (i < 0) return null;
    da = i;
    return i + 1;
  });
}

/**
 * Pages (1-based) from `da` to `a` whose text lacks one of `parole` (a header row's texts): where a
 * sheet's own headers did not start the page. Whitespace and case do not matter.
 */
export function pagineSenza(pagine: string[], parole: string[], da: number, a: number): number[] {
  const cercate = parole.map(normale).filter((p) => p !== "");
  const senza: number[] = [];
  for (let p = da; p <= a; p++) {
    const testo = normale(pagine[p - 1] ?? "");
    if (!cercate.every((c) => testo.includes(c))) senza.push(p);
  }
  return senza;
}
