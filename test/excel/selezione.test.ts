/**
 * The sheet's selection followed (src/excel/selezione.ts) over the fake's Worksheets.onSelectionChanged
 * (ExcelApi 1.9): a selection made in the grid or by Range.select() is told with its sheet's name;
 * nothing before the handler is registered (the context's sync) nor after it is removed.
 */
import { Selezione } from "../../src/app/access";
import { seguiSelezione } from "../../src/excel/selezione";
import { CartellaFinta } from "../../src/excel-finto";

/** Lets the fake's events (queued after the change, as Excel's come after the batch) run. */
const eventi = () => new Promise((r) => setTimeout(r, 0));

function cartella(): CartellaFinta {
  const c = new CartellaFinta();
  c.aggiungiFoglio("Obiettivi 2024").imposta("A1", { valore: "LINEA STRATEGICA SULLO SPORT" });
  c.aggiungiFoglio("Note").imposta("A1", { valore: "appunti" });
  return c;
}

describe("seguiSelezione over the fake's onSelectionChanged", () => {
  it("tells each selection with the sheet's name, from the grid and from Range.select(), until stopped", async () => {
    const c = cartella();
    const viste: Selezione[] = [];
    c.seleziona("Obiettivi 2024", "A1");
    await eventi();
    const smetti = await seguiSelezione(c.run, (s) => viste.push(s));
    expect(viste).toEqual([]); // registered after that selection

    c.seleziona("Obiettivi 2024", "D170");
    await eventi();
    await c.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Note").getRange("B2:C3").select();
      await ctx.sync();
    });
    await eventi();
    await eventi();
    expect(viste).toEqual([
      { foglio: "Obiettivi 2024", indirizzo: "D170" },
      { foglio: "Note", indirizzo: "B2:C3" },
    ]);

    await smetti();
    c.seleziona("Obiettivi 2024", "A1");
    await eventi();
    await eventi();
    expect(viste).toHaveLength(2);
  });

  it("the handler counts from the context's sync (add() is queued, as in Excel), with address and sheet id", async () => {
    const c = cartella();
    const viste: unknown[] = [];
    await c.run(async (ctx) => {
      ctx.workbook.worksheets.onSelectionChanged.add(async (a) => void viste.push(a));
      c.seleziona("Note", "A1"); // before the sync: not told
      await eventi();
      expect(viste).toEqual([]);
      await ctx.sync();
    });
    c.seleziona("Note", "B1:B4");
    await eventi();
    expect(viste).toEqual([{ address: "B1:B4", worksheetId: c.foglio("Note")!.id, type: "WorksheetSelectionChanged" }]);
  });
});
