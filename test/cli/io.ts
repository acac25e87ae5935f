import ExcelJS from "exceljs";

/** The CLI's output and error streams, captured: `io` is what main() takes. */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

/** A written .xlsx, read back with ExcelJS. */
export async function leggi(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}
