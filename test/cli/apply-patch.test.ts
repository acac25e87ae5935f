import ExcelJS from "exceljs";
import JSZip from "jszip";
import { applyPatch } from "../../src/cli/apply-patch";
import { applicaFormattazione } from "../../src/cli/conditional-format";
import { elabora } from "../../src/cli/workbook";
import { creaPatch, Patch } from "../../src/layout/patch";
import { CAMPIONE } from "../support/campione";

/** applyPatch as first written: ws.getCell(address), and a style object of its own for every coloured cell. */
function applyPatchCellaPerCella(workbook: ExcelJS.Workbook, patch: Patch): void {
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

describe("applyPatch", () => {
  it("writes, byte for byte, the file a style copied for every cell gives (cells with the same style and colour share one)", async () => {
    const scrivi = async (applica: (wb: ExcelJS.Workbook, patch: Patch) => void) => {
      const e = await elabora(CAMPIONE);
      const patch = creaPatch(e.linee, e.risultato.linee, { condizionale: true, fogli: e.griglie });
      expect(patch.colori.length).toBeGreaterThan(100);
      applica(e.workbook, patch);
      applicaFormattazione(e.workbook, e.linee, e.risultato.linee);
      return parti(e.workbook);
    };
    const [condivisi, copiati] = [await scrivi(applyPatch), await scrivi(applyPatchCellaPerCella)];
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
    applyPatch(wb, patch);
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
