import { resolve } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync } from "fs";
import { analizza } from "../../src/app/ricalcolo";
import { apriCartella } from "../../src/cli/cartella-exceljs";
import { scriviPatch } from "../../src/cli/scrittura-exceljs";
import { creaPatch, Patch, pianoFormattazione, regoleCondizionali } from "../../src/layout/patch";

const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");

/** scriviPatch as first written: ws.getCell(address), and a style object of its own for every coloured cell. */
function scriviPatchCellaPerCella(workbook: ExcelJS.Workbook, patch: Patch): void {
  for (const w of patch.scritture) {
    const ws = workbook.getWorksheet(w.foglio);
    if (ws)
      ws.getCell(w.cella).value =
        w.formula === "" ? null : w.formula ? { formula: w.formula.slice(1), result: w.valore } : w.valore;
  }
  for (const f of patch.colori) {
    const ws = workbook.getWorksheet(f.foglio);
    if (!ws) continue;
    const argb = f.colore === null ? null : `FF${f.colore.replace("#", "").toUpperCase()}`;
    const fill: ExcelJS.Fill =
      argb === null
        ? { type: "pattern", pattern: "none" }
        : { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
    ws.getCell(f.cella).style = { ...ws.getCell(f.cella).style, fill };
  }
}

/** The parts of the written file a reader sees (docProps/core.xml holds the time of writing). */
async function parti(workbook: ExcelJS.Workbook): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const testi = new Map<string, string>();
  for (const [nome, voce] of Object.entries(zip.files).sort(([a], [b]) => a.localeCompare(b)))
    if (!voce.dir && nome !== "docProps/core.xml") testi.set(nome, await voce.async("string"));
  return testi;
}

describe("scriviPatch", () => {
  it("writes, byte for byte, the file a style copied for every cell gives (cells with the same style and colour share one)", async () => {
    const scrivi = async (applica: (wb: ExcelJS.Workbook, patch: Patch) => void) => {
      const cartella = await apriCartella(readFileSync(SAMPLE), SAMPLE);
      const e = analizza(await cartella.leggi());
      const patch = creaPatch(e.linee, e.risultato.linee, { condizionale: true, fogli: e.lettura.fogli });
      expect(patch.colori.length).toBeGreaterThan(100);
      applica(cartella.workbook, patch);
      // Barometro's rules through the write, as Ricalcola sends them.
      const fogli = e.lettura.fogli.map((g) => g.name);
      const regole = regoleCondizionali(e.linee, e.risultato.linee);
      scriviPatch(cartella.workbook, {
        scritture: [],
        colori: [],
        formattazione: pianoFormattazione(fogli, regole, e.lettura.formattazioni ?? []),
      });
      return parti(cartella.workbook);
    };
    const [condivisi, copiati] = [await scrivi(scriviPatch), await scrivi(scriviPatchCellaPerCella)];
    expect([...condivisi.keys()]).toEqual([...copiati.keys()]);
    for (const [nome, testo] of condivisi) expect({ nome, testo }).toEqual({ nome, testo: copiati.get(nome) });
  });

  it("finds cells by address as ws.getCell does, to column XFD and row 1,048,576", () => {
    const indirizzi = ["A1", "Z9", "AA10", "AZ27", "BA1", "XFD3", "C1048576", "$D$4", "E$5"];
    const patch: Patch = {
      scritture: indirizzi.map((cella, i) => ({ foglio: "Dati", cella, valore: i + 1 })),
      colori: [{ foglio: "Dati", cella: "AB12", colore: "#00B050" }],
    };
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Dati");
    scriviPatch(wb, patch);
    indirizzi.forEach((cella, i) => expect([cella, ws.getCell(cella).value]).toEqual([cella, i + 1]));
    expect(ws.getCell("AB12").fill).toEqual({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FF00B050" },
      bgColor: { argb: "FF00B050" },
    });
    const scritte: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => scritte.push(cell.address)));
    expect(scritte.sort()).toEqual(["A1", "Z9", "AA10", "AZ27", "BA1", "XFD3", "C1048576", "D4", "E5"].sort());
  });
});
