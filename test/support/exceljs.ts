import type { ConditionalFormattingOptions, Worksheet } from "exceljs";

/** A worksheet's conditional formats as ExcelJS reads them back from a written file (worksheet.conditionalFormattings). */
export function formattazioniDi(ws: Worksheet): ConditionalFormattingOptions[] {
  return (ws as Worksheet & { conditionalFormattings?: ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
}
