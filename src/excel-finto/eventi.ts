/**
 * Worksheets.onSelectionChanged of the in-memory Excel (ExcelApi 1.9). As in Excel: add() takes
 * effect when the context syncs and remove() at the next sync of the same context; the handlers
 * run after the change, asynchronously, with the address ("B7:D9", no sheet name) and the sheet's
 * id, for a selection made by the user (the workbench's grid) or by Range.select().
 */
import type { ExcelContext, ExcelEventi, ExcelSelezioneCambiata } from "../excel/excel-api";
import { a1DaArea } from "../excel/addresses";
import type { Area } from "../layout/griglia";

type Gestore = (argomenti: ExcelSelezioneCambiata) => Promise<unknown>;

/** What the fake's context offers to queue an operation for its next sync. */
export interface ContestoConCoda extends ExcelContext {
  accoda(tipo: "chiama", oggetto: string, dettaglio: string, argomenti: unknown, esegui: () => unknown): void;
}

const gestori = new WeakMap<object, Set<Gestore>>();

function di(cartella: object): Set<Gestore> {
  let insieme = gestori.get(cartella);
  if (!insieme) gestori.set(cartella, (insieme = new Set()));
  return insieme;
}

/** context.workbook.worksheets.onSelectionChanged of the fake workbook `cartella`. */
export function eventiSelezione(cartella: object, ctx: ContestoConCoda): ExcelEventi<ExcelSelezioneCambiata> {
  return {
    add(gestore) {
      ctx.accoda("chiama", "worksheets", "onSelectionChanged.add", null, () => di(cartella).add(gestore));
      return {
        context: ctx,
        remove: () =>
          ctx.accoda("chiama", "worksheets", "onSelectionChanged.remove", null, () => di(cartella).delete(gestore)),
      };
    },
  };
}

/** The selection of `cartella` is now `area` on the sheet `foglio` (its id): tell the handlers. */
export function selezioneCambiata(cartella: object, foglio: string, area: Area): void {
  const insieme = gestori.get(cartella);
  if (!insieme || insieme.size === 0) return;
  const argomenti: ExcelSelezioneCambiata = {
    address: a1DaArea(area),
    worksheetId: foglio,
    type: "WorksheetSelectionChanged",
  };
  setTimeout(() => {
    for (const g of insieme) void g(argomenti).catch(() => undefined);
  }, 0);
}
