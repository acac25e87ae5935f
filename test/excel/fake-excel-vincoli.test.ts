import ExcelJS from "exceljs";
import { CartellaFinta, CODICI_ERRORE, ErroreExcelFinto } from "../../src/excel-finto";
import { MAX_AREE_UNITE, MAX_CARATTERI_FORMULA, POSIZIONE_ERRORE_UNIONI } from "../../src/excel-finto/vincoli";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";

/** The error a batch fails with (an Office-like error, not a crash of the fake). */
async function fallisce(p: Promise<unknown>): Promise<ErroreExcelFinto> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ErroreExcelFinto) return e;
    throw e;
  }
  throw new Error("Nessun errore");
}

/** The rule Barometro wrote before issue 12: MATCH over an array constant. */
const REGOLA_VECCHIA =
  "=(MATCH(IF(AND(ISNUMBER($G7),ISNUMBER($H7)),IF($H7>=$G7,100,IF($G7=0,0,MAX(0,$H7/$G7*100))),-1),{0,70,90})=3)" +
  '+0*N("barometro:7a3cba9c:358344f3")';
const V = "IF(AND(ISNUMBER($G7),ISNUMBER($H7)),IF($H7>=$G7,100,IF($G7=0,0,MAX(0,$H7/$G7*100))),-1)";
const REGOLA_NUOVA = `=((${V}>=0)+(${V}>=70)+(${V}>=90)=3)+0*N("barometro:7a3cba9c:fc20d8e4")`;

function cartella() {
  const c = new CartellaFinta();
  const f = c.aggiungiFoglio("F");
  f.imposta("G7", { valore: 100 }).imposta("H7", { valore: 95 });
  return { c, f };
}

/** Adds a custom rule with this formula on M7 (one sync). */
const aggiungiRegola = (c: CartellaFinta, formula: string) =>
  c.run(async (context) => {
    const cf = context.workbook.worksheets.getItem("F").getRange("M7").conditionalFormats.add("Custom");
    cf.custom.rule.formula = formula;
    cf.custom.format.fill.color = "#63BE7B";
    await context.sync();
  });

describe("the fake refuses in a conditional format what Excel refuses", () => {
  it("the old rule, with MATCH over an array constant, is refused with InvalidArgument; the new one is accepted", async () => {
    const { c, f } = cartella();
    const e = await fallisce(aggiungiRegola(c, REGOLA_VECCHIA));
    expect(e.code).toBe(CODICI_ERRORE.argomentoNonValido);
    expect(e.message).toMatch(/costante di matrice/);
    expect(e.debugInfo.errorLocation).toMatch(/custom\.rule$/);
    // Excel has no rollback: the rule added before the refused formula stays, without a formula.
    expect(f.formattazioni.map((r) => r.formula)).toEqual([undefined]);

    const { c: c2, f: f2 } = cartella();
    await aggiungiRegola(c2, REGOLA_NUOVA);
    expect(f2.formattazioni.map((r) => r.formula)).toEqual([REGOLA_NUOVA]);
    expect(f2.coloreVisto(6, 12)).toBe("#63BE7B");
  });

  it("unions and intersections are refused too; a rule loaded from a file with one never colours", async () => {
    for (const [formula, motivo] of [
      ["=SUM((G7,H7))>0", /unione/],
      ["=SUM(G7:H7 H7:H9)>0", /intersezione/],
    ] as const) {
      const { c } = cartella();
      const e = await fallisce(aggiungiRegola(c, formula));
      expect(e.code).toBe(CODICI_ERRORE.argomentoNonValido);
      expect(e.message).toMatch(motivo);
    }
    const { f } = cartella();
    f.aggiungiRegola({ tipo: "Custom", aree: [{ top: 6, left: 12, bottom: 6, right: 12 }], formula: REGOLA_VECCHIA });
    f.formattazioni[0].colore = "#63BE7B";
    expect(f.coloreVisto(6, 12)).toBeNull();
  });
});

describe("the fake refuses formulas over 8,192 characters", () => {
  const lunga = (n: number) => `=${"1+".repeat((n - 2) / 2)}1`;

  it("in cells (formulas and values) and in conditional formats", async () => {
    expect(lunga(MAX_CARATTERI_FORMULA)).toHaveLength(MAX_CARATTERI_FORMULA);
    const { c, f } = cartella();
    await c.run(async (context) => {
      context.workbook.worksheets.getItem("F").getRange("A1").formulas = [[lunga(MAX_CARATTERI_FORMULA)]];
      await context.sync();
    });
    expect(f.cella("A1")?.formula).toHaveLength(MAX_CARATTERI_FORMULA);
    const scrivi = (proprieta: "formulas" | "values") =>
      fallisce(
        c.run(async (context) => {
          context.workbook.worksheets.getItem("F").getRange("A2")[proprieta] = [[lunga(MAX_CARATTERI_FORMULA + 2)]];
          await context.sync();
        })
      );
    const errori = [await scrivi("formulas"), await scrivi("values")];
    expect(errori.map((e) => e.code)).toEqual([CODICI_ERRORE.argomentoNonValido, CODICI_ERRORE.argomentoNonValido]);
    expect(f.cella("A2")).toBeUndefined();
    const e = await fallisce(aggiungiRegola(c, `=(${lunga(MAX_CARATTERI_FORMULA).slice(1)})>0`));
    expect(e.code).toBe(CODICI_ERRORE.argomentoNonValido);
    expect(e.message).toMatch(/8192/);
  });
});

describe("the fake's reads are as strict as Excel's", () => {
  it("getMergedAreasOrNullObject: 512 areas are read, 513 fail with Excel's error location", async () => {
    const c = new CartellaFinta();
    const f = c.aggiungiFoglio("F");
    for (let r = 1; r <= MAX_AREE_UNITE + 1; r++) f.imposta(`A${r}`, { valore: r }).unisci(`A${r}:B${r}`);
    await c.run(async (context) => {
      const aree = context.workbook.worksheets
        .getItem("F")
        .getRange(`1:${MAX_AREE_UNITE}`)
        .getMergedAreasOrNullObject();
      aree.load("areaCount");
      await context.sync();
      expect(aree.areaCount).toBe(MAX_AREE_UNITE);
    });
    const e = await fallisce(
      c.run(async (context) => {
        context.workbook.worksheets.getItem("F").getRange("1:1000").getMergedAreasOrNullObject().load("address");
        await context.sync();
      })
    );
    expect(e.debugInfo.errorLocation).toBe(POSIZIONE_ERRORE_UNIONI);
    expect(e.code).toBe(CODICI_ERRORE.generico);
  });

  it("a range read is limited to 5,000,000 cells (values, number formats, formulas)", async () => {
    const c = new CartellaFinta();
    const f = c.aggiungiFoglio("F");
    f.imposta("A1", { valore: 1 }).imposta("E1000001", { valore: 1 }); // used range A1:E1000001: 5,000,005 cells
    const leggi = (proprieta: string) =>
      fallisce(
        c.run(async (context) => {
          context.workbook.worksheets.getItem("F").getUsedRangeOrNullObject(false).load(proprieta);
          await context.sync();
        })
      );
    const errori = [await leggi("values"), await leggi("numberFormat"), await leggi("formulas")];
    expect(errori.map((e) => e.code)).toEqual(Array(3).fill(CODICI_ERRORE.generico));
    for (const e of errori) expect(e.message).toMatch(/5000000/);
    await c.run(async (context) => {
      const r = context.workbook.worksheets.getItem("F").getRange("A999999:E1000001");
      r.load("values,address");
      await context.sync();
      expect(r.values[2]).toEqual(["", "", "", "", 1]);
    });
  });

  it("values as Office.js gives them: '' for empty cells, serial numbers for dates, error strings; 'General' by default", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("F");
    ws.getCell("A1").value = new Date(Date.UTC(2024, 11, 31));
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    ws.getCell("B1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("C1").value = { formula: "1/0", result: { error: "#DIV/0!" } } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell("E1").value = "testo";
    const c = cartellaDaExcelJS(wb);
    await c.run(async (context) => {
      const r = context.workbook.worksheets.getItem("F").getRange("A1:E1");
      r.load("values,numberFormat,formulas");
      await context.sync();
      expect(r.values).toEqual([[45657, "#N/A", "#DIV/0!", "", "testo"]]);
      expect(r.numberFormat).toEqual([["dd/mm/yyyy", "General", "General", "General", "General"]]);
      expect(r.formulas).toEqual([[45657, "#N/A", "=1/0", "", "testo"]]);
    });
  });
});
