import { EseguiExcel, ExcelContext } from "./excel-api";

/**
 * The protected sheets among these, asked to Excel in one sync: only after Excel refused a write
 * with AccessDenied, to name the sheet in the message. None when Excel cannot say.
 */
export async function fogliProtetti(esegui: EseguiExcel, nomi: readonly string[]): Promise<string[]> {
  try {
    return await esegui(async (context: ExcelContext) => {
      const fogli = nomi.map((nome) => {
        const foglio = context.workbook.worksheets.getItemOrNullObject(nome);
        foglio.load("name,protection/protected");
        return { nome, foglio };
      });
      await context.sync();
      return fogli.filter((f) => !f.foglio.isNullObject && f.foglio.protection.protected).map((f) => f.nome);
    });
  } catch {
    return [];
  }
}
