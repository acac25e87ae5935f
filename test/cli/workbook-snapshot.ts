import ExcelJS from "exceljs";

/** Everything a person could see of a cell: value, formula, style and note. */
export interface CellSnapshot {
  value: string;
  style: string;
  note: string;
}

/** Every cell of every sheet, keyed "Sheet!A1", plus each sheet's merges. */
export async function snapshot(
  file: string
): Promise<{ cells: Map<string, CellSnapshot>; merges: Map<string, string[]> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cells = new Map<string, CellSnapshot>();
  const merges = new Map<string, string[]>();
  for (const ws of wb.worksheets) {
    merges.set(ws.name, [...((ws.model as { merges?: string[] }).merges ?? [])].sort());
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells.set(`${ws.name}!${cell.address}`, {
          value: JSON.stringify(cell.value),
          style: JSON.stringify(cell.style ?? {}),
          note: JSON.stringify(cell.note ?? null),
        });
      })
    );
  }
  return { cells, merges };
}
