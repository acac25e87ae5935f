import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { basename, join, resolve } from "path";
import { parseArgs } from "util";
import type { Workbook, Worksheet } from "exceljs";
import { formatPercentuale, Traccia, tracciaEnte } from "../engine";
import { dossierAltrui, pianoDossier, tuttiIRilievi } from "../layout/dossier";
import { parseA1 } from "../layout/grid";
import { annoDellaCartella, MARGINI_STAMPA, PianoIndice } from "../layout/indice";
import { CliError, MESSAGGI_CLI } from "./errors";
import { impostazioniCartella, scriviCartella } from "./impostazioni";
import { esaminaPacchetto, ripristinaInterruzioni } from "./non-conservati";
import { convertiInPdf } from "./pdf";
import { elabora } from "./workbook";
import type { Io } from "./main";

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
    const pacchetto = JSON.parse(readFileSync(resolve(__dirname, "../../package.json"), "utf8")) as {
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

export async function dossier(io: Io, file: string, opzioni: OpzioniDossierCli): Promise<number> {
  const e = await elabora(file);
  const traccia = tracciaEnte(e.linee, e.risultato);
  const scrive = !opzioni.json || opzioni.out !== undefined || opzioni.pdf !== undefined;
  if (!scrive) {
    io.out(JSON.stringify({ file, ...traccia } satisfies DossierJson, null, 2));
    return 0;
  }
  const out = resolve(opzioni.out ?? file.replace(/\.xlsx$/i, "") + ".dossier.xlsx");
  if (out === resolve(file)) throw new CliError(MESSAGGI_CLI.stessoFile());
  const altrui = dossierAltrui(e.griglie);
  if (altrui) throw new CliError(MESSAGGI.altrui(file, altrui));
  const { perse, interruzioni, riportate } = await esaminaPacchetto(e.dati);
  if (perse.length > 0) io.err(MESSAGGI_CLI.nonConservati(file, out, perse));
  ripristinaInterruzioni(e.workbook, interruzioni);
  const scelte = impostazioniCartella(riportate);
  if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
  const piano = pianoDossier(traccia, {
    cartella: basename(file),
    data: opzioni.data ?? new Date(),
    versione: versioneBarometro(),
    anno: scelte.anno ?? annoDellaCartella(e.griglie),
  });
  scriviFoglioBarometro(e.workbook, piano);
  await scriviCartella(e.workbook, out, riportate);

  const pdf =
    opzioni.pdf === undefined
      ? null
      : opzioni.pdf === true
        ? out.replace(/\.xlsx$/i, "") + ".pdf"
        : resolve(opzioni.pdf);
  if (pdf) await pdfDelDossier(piano, pdf, e.workbook.constructor as new () => Workbook);

  if (opzioni.json) io.out(JSON.stringify({ file, ...traccia } satisfies DossierJson, null, 2));
  else {
    io.out(`Barometro — dossier di validazione di ${file}`);
    for (const l of traccia.linee)
      io.out(
        `  ${l.nome}  ${formatPercentuale(l.percentuale)}  (${l.obiettiviConteggiati} obiettivi conteggiati` +
          `${l.neutralizzati > 0 ? `, ${l.neutralizzati} neutralizzati` : ""})` +
          (l.diversa ? `  nel foglio ${formatPercentuale(l.percentualeNelFoglio)}: DIVERSA` : "")
      );
    const avvisi = traccia.linee.reduce((n, l) => n + tuttiIRilievi(l).length, 0);
    io.out(`Ente (media delle linee): ${formatPercentuale(traccia.ente.percentuale)}`);
    io.out(
      `Verifica: ${avvisi === 0 ? "nessun avviso" : avvisi === 1 ? "1 avviso" : `${avvisi} avvisi`}, ognuno con la sua cella nel dossier.`
    );
    io.out(`Scritto ${out} (foglio «${piano.foglio}»)${pdf ? ` e ${pdf}` : ""}.`);
  }
  return 0;
}

/** The dossier alone in a workbook of its own, printed by LibreOffice. */
async function pdfDelDossier(piano: PianoIndice, pdf: string, NuovaCartella: new () => Workbook): Promise<void> {
  const lavoro = mkdtempSync(join(tmpdir(), "barometro-dossier-"));
  try {
    const solo = new NuovaCartella();
    scriviFoglioBarometro(solo, piano);
    const xlsx = join(lavoro, basename(pdf).replace(/\.pdf$/i, "") + ".xlsx");
    await solo.xlsx.writeFile(xlsx);
    await convertiInPdf(xlsx, pdf);
  } finally {
    rmSync(lavoro, { recursive: true, force: true });
  }
}

const PUNTI_PER_RIGA_DI_TESTO = 13;
/** Characters of Calibri 11 that fit in one unit of column width, roughly (as src/cli/stampa.ts). */
const CARATTERI_PER_UNITA = 1.15;

/**
 * A sheet of Barometro's own (the dossier) written from its plan with ExcelJS: an existing one is
 * replaced in its place, a new one goes last. Values, number formats, fills, bold, column widths,
 * wrapped texts (their rows grown to show them: files carry no autofit), page setup and footer.
 */
export function scriviFoglioBarometro(workbook: Workbook, piano: PianoIndice): Worksheet {
  const ordine = (w: Worksheet) => (w as Worksheet & { orderNo: number }).orderNo;
  const vecchio = workbook.worksheets.find((w) => w.name.toLowerCase() === piano.foglio.toLowerCase());
  const posto = vecchio ? ordine(vecchio) : null;
  const nome = vecchio?.name ?? piano.foglio;
  if (vecchio) workbook.removeWorksheet(vecchio.id);
  const ws = workbook.addWorksheet(nome, {
    pageSetup: {
      orientation: piano.orientamento === "Landscape" ? "landscape" : "portrait",
      paperSize: 9, // A4
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      ...(piano.margini ? { margins: { ...MARGINI_STAMPA } } : {}),
    },
  });
  if (posto !== null) (ws as Worksheet & { orderNo: number }).orderNo = posto;
  const pie = `&C${piano.piePagina}`;
  ws.headerFooter = { oddFooter: pie, evenFooter: pie };
  ws.columns = piano.larghezze.map((width) => ({ width }));
  for (const r of piano.righe) {
    const row = ws.getRow(r.riga);
    r.celle.forEach((c, j) => {
      if (c.valore === "") return;
      const cell = row.getCell(j + 1);
      cell.value = c.valore;
      if (c.formato) cell.numFmt = c.formato;
      if (c.riempimento) {
        const argb = `FF${c.riempimento.slice(1).toUpperCase()}`;
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
      }
      if (c.grassetto || c.dimensione || r.grassetto)
        // The workbook's default font by name: without one, a bold cell prints in a serif face.
        cell.font = { name: "Calibri", bold: c.grassetto || r.grassetto, size: c.dimensione ?? 11 };
    });
    r.celle.forEach((c, j) => {
      if (c.riempimento && c.valore === "") {
        const argb = `FF${c.riempimento.slice(1).toUpperCase()}`;
        row.getCell(j + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
      }
    });
  }
  // ExcelJS breaks the page after a row: the row above each new page.
  for (const riga of piano.nuovePagine ?? []) if (riga > 1) ws.getRow(riga - 1).addPageBreak();
  const aCapo = (piano.aCapo ?? []).map((area) => {
    const [da, a = da] = area.split(":").map(parseA1);
    return { colonne: [da.col, a.col], righe: [da.row + 1, a.row + 1] };
  });
  for (const r of piano.righe) {
    let righe = 1;
    const row = ws.getRow(r.riga);
    for (const area of aCapo) {
      if (r.riga < area.righe[0] || r.riga > area.righe[1]) continue;
      for (let c = area.colonne[0]; c <= area.colonne[1]; c++) {
        const cell = row.getCell(c + 1);
        if (typeof cell.value !== "string" || cell.value === "") continue;
        cell.alignment = { wrapText: true, vertical: "top" };
        const larghezza = (piano.larghezze[c] ?? 9) * CARATTERI_PER_UNITA;
        const linee = cell.value.split("\n").reduce((n, t) => n + Math.max(1, Math.ceil(t.length / larghezza)), 0);
        righe = Math.max(righe, linee);
      }
    }
    if (righe > 1) {
      row.height = righe * PUNTI_PER_RIGA_DI_TESTO + 2;
      // The row's other cells read from its top line too.
      row.eachCell((cell) => {
        if (!cell.alignment?.wrapText) cell.alignment = { ...cell.alignment, vertical: "top" };
      });
    }
  }
  return ws;
}
