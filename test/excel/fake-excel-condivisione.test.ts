import ExcelJS from "exceljs";
import { CartellaFinta, CODICI_ERRORE, datiGrafico, ErroreExcelFinto } from "../../src/excel-finto";
import {
  caricaFormattazioni,
  cartellaDaExcelJS,
  coloreCondizionale,
  scriviFormattazioni,
  vistaFoglio,
  vistaGrafici,
} from "../../src/excel-finto/exceljs";

async function fallisce(p: Promise<unknown>): Promise<ErroreExcelFinto> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ErroreExcelFinto) return e;
    throw e;
  }
  throw new Error("Nessun errore");
}

function cartella() {
  const c = new CartellaFinta();
  const f = c.aggiungiFoglio("Dati");
  f.imposta("A1", { valore: "Linea A" }).imposta("B1", { valore: 0.95 });
  f.imposta("A2", { valore: "Linea B" }).imposta("B2", { valore: 0.5 });
  f.imposta("A3", { valore: "Linea C" }).imposta("B3", { valore: 0.8 });
  return { c, f };
}

describe("the fake Excel: conditional formats", () => {
  it("add (top priority) on a range or on RangeAreas, set formula and fill, read them back after a sync", async () => {
    const { c, f } = cartella();
    f.aggiungiRegola({ tipo: "ColorScale", aree: [{ top: 0, left: 2, bottom: 9, right: 2 }] });
    await c.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Dati");
      const cf = ws.getRanges("B1:B2, B3").conditionalFormats.add("Custom");
      cf.custom.rule.formula = "=B1>=0.9";
      cf.custom.format.fill.color = "#63be7b";
      const tutte = ws.getRange().conditionalFormats;
      tutte.load("items/id,items/type,items/customOrNullObject/rule/formula");
      expect(() => tutte.items).toThrow(/not available/); // PropertyNotLoaded before the sync
      await ctx.sync();
      expect(tutte.items.map((x) => x.type)).toEqual(["Custom", "ColorScale"]);
      expect(tutte.items[0].customOrNullObject.isNullObject).toBe(false);
      expect(tutte.items[0].customOrNullObject.rule.formula).toBe("=B1>=0.9");
      expect(tutte.items[1].customOrNullObject.isNullObject).toBe(true);
      // Ids are positions (ConditionalFormat.id: "the priority … in the current collection").
      expect(tutte.items.map((x) => x.id)).toEqual(["0", "1"]);
    });
    expect(f.formattazioni[0]).toMatchObject({ tipo: "Custom", formula: "=B1>=0.9", colore: "#63BE7B" });
    expect(f.formattazioni[0].aree).toHaveLength(2);
    // The colour a person sees: relative to the first area's top-left cell.
    expect([0, 1, 2].map((r) => f.coloreVisto(r, 1))).toEqual(["#63BE7B", null, null]);
    f.imposta("B3", { valore: 0.91 });
    expect(f.coloreVisto(2, 1)).toBe("#63BE7B");
    expect(vistaFoglio(f).righe[2][1]).toMatchObject({ colore: "#63BE7B", riempimento: null, condizionale: true });
  });

  it("delete by id (a position); `custom` on another kind fails the sync; a missing id is ItemNotFound; protected sheets refuse", async () => {
    const { c, f } = cartella();
    const scala = f.aggiungiRegola({ tipo: "ColorScale", aree: [{ top: 0, left: 2, bottom: 9, right: 2 }] });
    f.aggiungiRegola({
      tipo: "Custom",
      aree: [{ top: 0, left: 1, bottom: 0, right: 1 }],
      formula: "=1",
    });
    await c.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Dati").getRange().conditionalFormats.getItem("1").delete();
      await ctx.sync();
    });
    expect(f.formattazioni).toEqual([scala]);
    const e = await fallisce(
      c.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Dati").getRange().conditionalFormats.getItem("0").custom.load("rule");
        await ctx.sync();
      })
    );
    expect(e.code).toBe(CODICI_ERRORE.nonPermesso);
    const manca = await fallisce(
      c.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Dati").getRange().conditionalFormats.getItem("{x}").delete();
        await ctx.sync();
      })
    );
    expect(manca.code).toBe(CODICI_ERRORE.nonTrovato);
    f.protetto = true;
    const protetto = await fallisce(
      c.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Dati").getRange("B1").conditionalFormats.add("Custom");
        await ctx.sync();
      })
    );
    expect(protetto.code).toBe(CODICI_ERRORE.accessoNegato);
    expect(f.formattazioni).toEqual([scala]);
  });

  it("ids are positions when the operation runs: a deletion or an add() moves the rules after it", async () => {
    const { c, f } = cartella();
    const regola = (formula: string) =>
      f.aggiungiRegola({ tipo: "Custom", aree: [{ top: 0, left: 1, bottom: 0, right: 1 }], formula });
    const [a, , cc, d] = [regola("=1"), regola("=2"), regola("=3"), regola("=4")];
    // "1" then "2" in one batch: once "1" is gone, "2" names what was "3" (the 4th rule), not the 3rd.
    await c.run(async (ctx) => {
      const regole = ctx.workbook.worksheets.getItem("Dati").getRange().conditionalFormats;
      regole.getItem("1").delete();
      regole.getItem("2").delete();
      await ctx.sync();
    });
    expect(f.formattazioni).toEqual([a, cc]);
    expect(f.formattazioni).not.toContain(d);
    // Loaded items are positions too; add() puts the new rule at the top, so "0" is then the new one.
    await c.run(async (ctx) => {
      const regole = ctx.workbook.worksheets.getItem("Dati").getRange().conditionalFormats;
      regole.load("items/id");
      await ctx.sync();
      expect(regole.items.map((x) => x.id)).toEqual(["0", "1"]);
      const nuova = regole.add("Custom");
      nuova.custom.rule.formula = "=5";
      regole.items[0].delete();
      await ctx.sync();
    });
    // The item loaded as "0" ("=1") named the new rule when its delete ran.
    expect(f.formattazioni.map((r) => r.formula)).toEqual(["=1", "=3"]);
    // A range's collection holds the rules intersecting it only: its "0" is not the sheet's.
    const altrove = f.aggiungiRegola({
      tipo: "Custom",
      aree: [{ top: 5, left: 0, bottom: 5, right: 0 }],
      formula: "=6",
    });
    await c.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Dati").getRange("A6").conditionalFormats.getItem("0").delete();
      await ctx.sync();
    });
    expect(f.formattazioni).not.toContain(altrove);
    expect(f.formattazioni.map((r) => r.formula)).toEqual(["=1", "=3"]);
  });

  it("the snapshot shows rules (without ids) and charts", () => {
    const { c, f } = cartella();
    f.aggiungiRegola({
      tipo: "Custom",
      aree: [{ top: 0, left: 1, bottom: 2, right: 1 }],
      formula: "=B1>0",
      colore: "#ff0000",
    });
    const voce = JSON.parse(c.istantanea().get("Dati!#formattazioni")!);
    expect(voce).toEqual([{ tipo: "Custom", aree: ["B1:B3"], formula: "=B1>0", colore: "#FF0000" }]);
  });
});

describe("the fake Excel: sheets and charts", () => {
  it("worksheets.add and a chart with coloured points in one sync; getItemOrNullObject; delete", async () => {
    const { c } = cartella();
    await c.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("Riepilogo");
      ws.getRange("A1:B2").values = [
        ["X", 0.5],
        ["Y", 0.9],
      ];
      const g = ws.charts.add("BarClustered", ws.getRange("A1:B2"), "Columns");
      g.name = "Barometro.Riepilogo";
      g.title.text = "Titolo";
      g.legend.visible = false;
      g.axes.categoryAxis.reversePlotOrder = true;
      g.axes.valueAxis.maximum = 1;
      g.setPosition("D2", "K12");
      const serie = g.series.getItemAt(0);
      serie.name = "% raggiungimento";
      serie.points.getItemAt(1).format.fill.setSolidColor("#63be7b");
      const nulla = ws.charts.getItemOrNullObject("Altro");
      const c1 = ws.charts.getItemOrNullObject("barometro.riepilogo");
      c1.load("name");
      serie.points.load("count");
      await ctx.sync();
      expect(nulla.isNullObject).toBe(true);
      expect(c1.isNullObject).toBe(false);
      expect(c1.name).toBe("Barometro.Riepilogo");
      expect(serie.points.count).toBe(2);
    });
    const r = c.foglio("Riepilogo")!;
    expect(c.fogli.map((f) => f.nome)).toEqual(["Dati", "Riepilogo"]);
    expect(vistaGrafici(c, r)).toEqual([
      {
        nome: "Barometro.Riepilogo",
        tipo: "BarClustered",
        titolo: "Titolo",
        legenda: false,
        posizione: { da: "D2", a: "K12" },
        categorieInvertite: true,
        minimo: null,
        massimo: 1,
        categorie: ["X", "Y"],
        serie: [{ nome: "% raggiungimento", valori: [0.5, 0.9], colori: [null, "#63BE7B"], etichette: false }],
      },
    ]);
    // A new chart in Excel has no data labels (etichette: false above); the series' switch shows them.
    await c.run(async (ctx) => {
      ctx.workbook.worksheets
        .getItem("Riepilogo")
        .charts.getItem("Barometro.Riepilogo")
        .series.getItemAt(0).hasDataLabels = true;
      await ctx.sync();
    });
    expect(datiGrafico(c, r.grafici[0]).serie[0].etichette).toBe(true);
    // Data are read from the cells now, as Excel draws them.
    r.imposta("B1", { valore: 0.7 });
    expect(datiGrafico(c, r.grafici[0]).serie[0].valori).toEqual([0.7, 0.9]);

    await c.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Riepilogo");
      ws.charts.getItem("Barometro.Riepilogo").delete();
      await ctx.sync();
    });
    expect(r.grafici).toEqual([]);
    await c.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Riepilogo").delete();
      await ctx.sync();
    });
    expect(c.fogli.map((f) => f.nome)).toEqual(["Dati"]);
  });

  it("errors as Excel: a name already used, a point that does not exist, the last sheet", async () => {
    const { c } = cartella();
    const doppio = await fallisce(
      c.run(async (ctx) => {
        ctx.workbook.worksheets.add("dati");
        await ctx.sync();
      })
    );
    expect(doppio.code).toBe(CODICI_ERRORE.giaEsistente);
    const punto = await fallisce(
      c.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Dati");
        ws.charts
          .add("BarClustered", ws.getRange("A1:B3"))
          .series.getItemAt(0)
          .points.getItemAt(3)
          .format.fill.setSolidColor("#FF0000");
        await ctx.sync();
      })
    );
    expect(punto.code).toBe(CODICI_ERRORE.argomentoNonValido);
    const ultimo = await fallisce(
      c.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Dati").delete();
        await ctx.sync();
      })
    );
    expect(ultimo.code).toBe(CODICI_ERRORE.nonPermesso);
  });

  it("range.clear(): contents, formats or both", async () => {
    const { c, f } = cartella();
    f.imposta("B1", { formato: "0%", colore: "#FF0000" });
    f.imposta("B2", { formato: "0%", colore: "#FF0000" });
    await c.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Dati");
      ws.getRange("B1").clear("Contents");
      ws.getRange("B2").clear("Formats");
      ws.getRange("A3:B3").clear();
      ws.getRange("A:B").format.autofitColumns();
      await ctx.sync();
    });
    expect(f.cella("B1")).toEqual({ valore: null, formato: "0%", colore: "#FF0000" });
    expect(f.cella("B2")).toEqual({ valore: 0.5 });
    expect(f.cella("A3")).toBeUndefined();
  });
});

describe("ExcelJS ⇄ fake: conditional formats", () => {
  it("reads formula rules with their fill (dxf bgColor) in priority order, and writes them back", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Dati");
    ws.getCell("A1").value = 5;
    ws.getCell("A2").value = 50;
    ws.addConditionalFormatting({
      ref: "A1:A2 C1",
      rules: [
        {
          type: "expression",
          priority: 2,
          formulae: ["A1>10"],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FF00FF00" } } },
        },
        {
          type: "colorScale",
          priority: 3,
          cfvo: [{ type: "min" }, { type: "max" }],
          color: [{ argb: "FFFF0000" }, { argb: "FF00FF00" }],
        },
      ],
    });
    ws.addConditionalFormatting({
      ref: "A1",
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: ["A1<0"],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFF0000" } } },
        },
      ],
    });
    const buffer = await wb.xlsx.writeBuffer();
    const letto = new ExcelJS.Workbook();
    await letto.xlsx.load(buffer);
    const c = cartellaDaExcelJS(letto);
    const f = c.foglio("Dati")!;
    expect(f.formattazioni.map((r) => [r.tipo, r.formula, r.colore, r.aree.length])).toEqual([
      ["Custom", "=A1<0", "#FF0000", 1],
      ["Custom", "=A1>10", "#00FF00", 2],
      ["ColorScale", undefined, undefined, 2],
    ]);
    expect([f.coloreVisto(0, 0), f.coloreVisto(1, 0)]).toEqual([null, "#00FF00"]);

    const scritto = new ExcelJS.Workbook();
    const ws2 = scritto.addWorksheet("Dati");
    scriviFormattazioni(f, ws2);
    const riletto = new ExcelJS.Workbook();
    await riletto.xlsx.load(await scritto.xlsx.writeBuffer());
    const f2 = new CartellaFinta().aggiungiFoglio("Dati");
    caricaFormattazioni(riletto.getWorksheet("Dati")!, f2);
    expect(f2.formattazioni.map((r) => [r.tipo, r.formula, r.colore, r.aree])).toEqual(
      f.formattazioni.map((r) => [r.tipo, r.formula, r.colore, r.aree])
    );
  });

  it("a differential fill's colour: bgColor first, fgColor as a fallback", () => {
    expect(coloreCondizionale({ type: "pattern", pattern: "solid", bgColor: { argb: "FF112233" } })).toBe("#112233");
    expect(coloreCondizionale({ type: "pattern", pattern: "solid", fgColor: { argb: "FF445566" } })).toBe("#445566");
    expect(coloreCondizionale(undefined)).toBeNull();
  });
});
