import { ExcelPageLayout } from "../../src/excel/excel-api";
import { CartellaFinta, CODICI_ERRORE, ErroreExcelFinto } from "../../src/excel-finto";

/** Sets one page-layout value on a fresh sheet: Excel's error code, or "ok". */
async function imposta(scrivi: (p: ExcelPageLayout, foglio: string) => void): Promise<string> {
  const c = new CartellaFinta();
  c.aggiungiFoglio("Dati").imposta("A1", { valore: 1 });
  try {
    await c.run(async (ctx) => {
      scrivi(ctx.workbook.worksheets.getItem("Dati").pageLayout, "Dati");
      await ctx.sync();
    });
    return "ok";
  } catch (e) {
    return e instanceof ErroreExcelFinto ? e.code : `non Office: ${String(e)}`;
  }
}

const NON_VALIDO = CODICI_ERRORE.argomentoNonValido;

describe("the fake Excel's page layout accepts documented values only (InvalidArgument otherwise)", () => {
  it("zoom: a scale 10–400 alone, or whole page counts ≥ 1 without a scale", async () => {
    const zoom = (z: unknown) => imposta((p) => (p.zoom = z as ExcelPageLayout["zoom"]));
    expect(await zoom({ horizontalFitToPages: 1 })).toBe("ok");
    expect(await zoom({ horizontalFitToPages: 1, scale: null })).toBe("ok");
    expect(await zoom({ horizontalFitToPages: 1, verticalFitToPages: 3 })).toBe("ok");
    expect(await zoom({ scale: 85 })).toBe("ok");
    // What Prepara stampa used to send: 0 pages tall ("as many as needed") is not documented.
    expect(await zoom({ horizontalFitToPages: 1, verticalFitToPages: 0, scale: null })).toBe(NON_VALIDO);
    expect(await zoom({ horizontalFitToPages: 1, verticalFitToPages: null })).toBe(NON_VALIDO);
    expect(await zoom({ horizontalFitToPages: 1.5 })).toBe(NON_VALIDO);
    expect(await zoom({ scale: 5 })).toBe(NON_VALIDO);
    expect(await zoom({ scale: 401 })).toBe(NON_VALIDO);
    expect(await zoom({ scale: 100, horizontalFitToPages: 1 })).toBe(NON_VALIDO);
    expect(await zoom({})).toBe(NON_VALIDO);
    expect(await zoom({ fitToWidth: 1 })).toBe(NON_VALIDO);
    expect(await zoom(null)).toBe(NON_VALIDO);
  });

  it("firstPageNumber: a whole number, or null for automatic; not the empty string", async () => {
    const prima = (v: unknown) => imposta((p) => (p.firstPageNumber = v as number | null));
    expect(await prima(2)).toBe("ok");
    expect(await prima(null)).toBe("ok");
    expect(await prima("")).toBe(NON_VALIDO);
    expect(await prima(1.5)).toBe(NON_VALIDO);
    expect(await prima("2")).toBe(NON_VALIDO);
  });

  it("orientation, paperSize and headersFooters.state: the documented enum values, spelled as documented", async () => {
    expect(await imposta((p) => (p.orientation = "Landscape"))).toBe("ok");
    expect(await imposta((p) => (p.orientation = "landscape"))).toBe(NON_VALIDO);
    expect(await imposta((p) => (p.paperSize = "A4"))).toBe("ok");
    expect(await imposta((p) => (p.paperSize = "Letter"))).toBe("ok");
    expect(await imposta((p) => (p.paperSize = "ISO_A4"))).toBe(NON_VALIDO);
    expect(await imposta((p) => (p.paperSize = "a4"))).toBe(NON_VALIDO);
    expect(await imposta((p) => (p.headersFooters.state = "Default"))).toBe("ok");
    expect(await imposta((p) => (p.headersFooters.state = "Predefinito"))).toBe(NON_VALIDO);
  });

  it('print title rows: whole rows only, as an address or a range ("The range must span the entire row")', async () => {
    expect(await imposta((p) => p.setPrintTitleRows("$11:$11"))).toBe("ok");
    expect(await imposta((p) => p.setPrintTitleRows("11:12"))).toBe("ok");
    expect(await imposta((p) => p.setPrintTitleRows("A11:C11"))).toBe(NON_VALIDO);
    const c = new CartellaFinta();
    c.aggiungiFoglio("Dati");
    const conRange = async (indirizzo: string) => {
      try {
        await c.run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem("Dati");
          ws.pageLayout.setPrintTitleRows(ws.getRange(indirizzo));
          await ctx.sync();
        });
        return "ok";
      } catch (e) {
        return e instanceof ErroreExcelFinto ? e.code : String(e);
      }
    };
    expect(await conRange("11:11")).toBe("ok");
    expect(c.foglio("Dati")!.pagina.righeTitoli).toBe("$11:$11");
    expect(await conRange("A11:C11")).toBe(NON_VALIDO);
    expect(c.foglio("Dati")!.pagina.righeTitoli).toBe("$11:$11");
  });
});
