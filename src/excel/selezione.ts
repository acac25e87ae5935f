/**
 * The sheet's selection, followed as it changes: Worksheets.onSelectionChanged (ExcelApi 1.9;
 * Barometro requires 1.13) gives the selected address and the sheet's id; the sheet's name is read
 * in one more batch. The task pane shows which line «Ricalcola linea» will act on from it.
 */
import type { Selezione } from "../app/access";
import type { EseguiExcel, ExcelContext, ExcelSelezioneCambiata } from "./excel-api";

/** Stops following the selection. */
export type SmettiDiSeguire = () => Promise<void>;

/** Calls `avvisa` with each new selection (a range on a sheet) until the returned function is called. */
export async function seguiSelezione(
  esegui: EseguiExcel,
  avvisa: (selezione: Selezione) => void
): Promise<SmettiDiSeguire> {
  const gestore = async ({ address, worksheetId }: ExcelSelezioneCambiata) => {
    try {
      // address is "B7" or "B7:D9" (no sheet name); the name comes from the id.
      const foglio = await esegui(async (context: ExcelContext) => {
        const f = context.workbook.worksheets.getItem(worksheetId);
        f.load("name");
        await context.sync();
        return f.name;
      });
      avvisa({ foglio, indirizzo: address.replace(/^.*!/, "") });
    } catch {
      // The sheet went away meanwhile (ItemNotFound), or Excel is editing a cell: the next change tells.
    }
  };
  const registrato = await esegui(async (context: ExcelContext) => {
    const r = context.workbook.worksheets.onSelectionChanged.add(gestore);
    await context.sync();
    return r;
  });
  return async () => {
    registrato.remove();
    await registrato.context.sync();
  };
}
