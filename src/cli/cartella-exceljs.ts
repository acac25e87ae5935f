import type ExcelJS from "exceljs";
import type { ConditionalFormattingOptions, Worksheet } from "exceljs";
import { EsitoScrittura, Lettura, ValoriImpostazioni, WorkbookAccess } from "../app/access";
import { SheetGrid } from "../layout/grid";
import { RegolaEsistente } from "../layout/patch";
import { CliError, MESSAGGI_CLI } from "./errors";
import { impaginaCartella } from "./impaginazione-exceljs";
import { esaminaPacchetto, ripristinaInterruzioni } from "./non-conservati";
import { riportaParti } from "./parti-riportate";
import { scriviPatch } from "./scrittura-exceljs";
import { worksheetToGrid } from "./xlsx-grid";

/**
 * An .xlsx file behind the interface the task pane uses (WorkbookAccess): the command line runs
 * the app's own use cases (src/app) on it, then saves it. This is the contract of the file access
 * (src/xlsx, lossless, implements it too):
 */
export interface CartellaFile extends WorkbookAccess {
  /** The workbook as it is now, as the bytes of an .xlsx. */
  salva(): Promise<Buffer>;
}

/**
 * The ExcelJS-backed file access: ExcelJS reads and writes the sheets; what it drops is carried
 * over from the original package (the add-ins saved in it with Barometro's document settings, the
 * custom properties, the manual page breaks, which it writes but does not read). What it cannot
 * keep (charts, pivot tables…) is listed in `nonConservate`, for the command line to warn.
 */
export interface CartellaExcelJS extends CartellaFile {
  /** The parts of the original that the file written will lack (non-conservati.ts), in Italian. */
  nonConservate: readonly string[];
  /** The ExcelJS workbook itself (tests and benchmarks look inside). */
  workbook: ExcelJS.Workbook;
}

/**
 * ExcelJS's Workbook class, required from its own module: the package's entry point also loads the
 * streaming reader and writer (unzipper, archiver, …), about 130 ms of start-up the CLI never uses.
 * The class is the very one the entry point exports (same module, same cache entry).
 */
const Workbook = caricaWorkbook();

function caricaWorkbook(): typeof ExcelJS.Workbook {
  try {
    return require("exceljs/lib/doc/workbook");
  } catch {
    return require("exceljs").Workbook;
  }
}

/**
 * Opens the bytes of an .xlsx. Throws when ExcelJS cannot read them (the caller says why in
 * Italian, apri.ts) and a CliError when the workbook has no sheet; `nomeFile` names the file in messages.
 */
export async function apriCartella(dati: Buffer, nomeFile: string): Promise<CartellaExcelJS> {
  const workbook = new Workbook();
  await workbook.xlsx.load(dati as unknown as ArrayBuffer);
  if (workbook.worksheets.length === 0) throw new CliError(MESSAGGI_CLI.nessunFoglio(nomeFile));
  const { perse, interruzioni, riportate } = await esaminaPacchetto(dati);
  // The other sheets keep their manual page breaks (those of the sheets laid out are laid out anew).
  ripristinaInterruzioni(workbook, interruzioni);
  let impostazioni: ValoriImpostazioni = { ...(riportate?.impostazioni ?? {}) };
  /** The sheets of the last read: their merged areas size the rows the print layout grows. */
  let griglie: SheetGrid[] = [];
  const nessunCosto: EsitoScrittura = { sincronizzazioni: 0, byte: 0 };

  return {
    nonConservate: perse,
    workbook,
    async leggi(): Promise<Lettura> {
      griglie = workbook.worksheets.map((ws) => {
        try {
          return worksheetToGrid(ws);
        } catch (e) {
          throw new CliError(
            MESSAGGI_CLI.foglioIllegibile(nomeFile, ws.name, e instanceof Error ? e.message : String(e))
          );
        }
      });
      // No selection in a file; sheet protection does not stop a program writing the file.
      return { fogli: griglie, selezione: null, protetti: [], formattazioni: regoleDellaCartella(workbook) };
    },
    async scrivi(patch) {
      scriviPatch(workbook, patch);
      return nessunCosto;
    },
    async impagina(piano) {
      impaginaCartella(workbook, piano, griglie);
      return nessunCosto;
    },
    async seleziona() {
      // A file has no selection.
    },
    leggiImpostazioni: () => impostazioni,
    async salvaImpostazioni(valori) {
      // Kept for this run (the command line never saves settings: the file keeps the pane's as they were).
      impostazioni = { ...impostazioni, ...valori };
      for (const [k, v] of Object.entries(valori)) if (v === null) delete impostazioni[k];
    },
    async salva() {
      const scritto = Buffer.from(await workbook.xlsx.writeBuffer());
      return riportate ? riportaParti(scritto, riportate) : scritto;
    },
  };
}

/** A worksheet's conditional formats as ExcelJS read them (worksheet.conditionalFormattings). */
export function formattazioniDi(ws: Worksheet): ConditionalFormattingOptions[] {
  return (ws as Worksheet & { conditionalFormattings?: ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
}

/**
 * Every sheet's conditional-format rules as Office.js lists them: custom (expression) rules with
 * their formula, led by "=" as Office.js gives it; other kinds with none. The id is the rule's
 * position on its sheet.
 */
function regoleDellaCartella(workbook: ExcelJS.Workbook): RegolaEsistente[] {
  return workbook.worksheets.flatMap((ws) =>
    formattazioniDi(ws)
      .flatMap((cf) => cf.rules)
      .map((r, k) => {
        const f = r.type === "expression" ? (r as { formulae?: unknown[] }).formulae?.[0] : undefined;
        return { foglio: ws.name, id: String(k), formula: typeof f === "string" ? `=${f.replace(/^=/, "")}` : null };
      })
  );
}
