import type { Cell, Fill, Style, Workbook, Worksheet } from "exceljs";
import { parseA1 } from "../layout/griglia";
import { Patch } from "../layout/patch";

/** Writes a patch into an ExcelJS workbook: values of owned cells, fills of Barometro cells. */
export function applyPatch(workbook: Workbook, patch: Patch): void {
  const fogli = new Map<string, Worksheet | undefined>();
  const foglio = (nome: string) => {
    if (!fogli.has(nome)) fogli.set(nome, workbook.getWorksheet(nome));
    return fogli.get(nome);
  };
  // Number formats first (Converti in numeri), as the add-in sets them; the style object is replaced, never mutated.
  for (const f of patch.formatiNumero ?? []) {
    const ws = foglio(f.foglio);
    if (ws) {
      const c = cella(ws, f.cella);
      c.style = { ...(c.style ?? {}), numFmt: f.formato };
    }
  }
  for (const w of patch.scritture) {
    const ws = foglio(w.foglio);
    // formula "" empties the cell (Barometro removing its own label).
    if (ws)
      cella(ws, w.cella).value =
        w.formula === "" ? null : w.formula ? { formula: w.formula.slice(1), result: w.valore } : w.valore;
  }
  // ExcelJS shares one style object between cells read with the same style: replace it, never mutate
  // it. Cells that had the same style and get the same colour share the new one too, as ExcelJS
  // shares what it reads: its writer then recognises the object instead of serialising it per cell.
  const stili = new WeakMap<Partial<Style>, Map<string | null, Partial<Style>>>();
  for (const f of patch.colori) {
    const ws = foglio(f.foglio);
    if (!ws) continue;
    const cell = cella(ws, f.cella);
    const prima = cell.style ?? {};
    let perColore = stili.get(prima);
    if (!perColore) stili.set(prima, (perColore = new Map()));
    let dopo = perColore.get(f.colore);
    if (!dopo) perColore.set(f.colore, (dopo = { ...prima, fill: fillFor(f.colore) }));
    cell.style = dopo;
  }
}

/** ws.getCell("N1234") without ExcelJS parsing the address (it caches addresses of up to 4 characters only). */
function cella(ws: Worksheet, indirizzo: string): Cell {
  const { row, col } = parseA1(indirizzo);
  return ws.getRow(row + 1).getCell(col + 1);
}

function fillFor(colore: string | null): Fill {
  if (colore === null) return { type: "pattern", pattern: "none" };
  const argb = `FF${colore.replace("#", "").toUpperCase()}`;
  return { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
}
