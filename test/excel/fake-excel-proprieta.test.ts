/**
 * The fake's writable properties, one table row each: every one is unreadable before load + sync,
 * reads back what was written, refuses what Excel refuses (InvalidArgument) and is refused on a
 * protected sheet or in a read-only workbook (AccessDenied; a sheet's position: the workbook's
 * protected structure). The table must list every writable property the fake describes
 * (src/excel-finto/proprieta.ts): one added without a row here fails the last test.
 */
import { CartellaFinta, CODICI_ERRORE, ErroreExcelFinto } from "../../src/excel-finto";
import { descrizioneDi } from "../../src/excel-finto/proprieta";
import type { ProxyFinto } from "../../src/excel-finto/proxy";
import type { ExcelContext } from "../../src/excel/excel-api";

/** A sheet "Dati" with a custom rule on A1:A3 and a chart of A1:B3, and a second sheet. */
function cartella(): CartellaFinta {
  const c = new CartellaFinta();
  const ws = c.aggiungiFoglio("Dati");
  ws.imposta("A1", { valore: "a" }).imposta("A2", { valore: "b" }).imposta("B1", { valore: 1 });
  ws.imposta("B2", { valore: 2 });
  ws.aggiungiRegola({
    tipo: "Custom",
    aree: [{ top: 0, left: 0, bottom: 2, right: 0 }],
    formula: "=A1<>0",
    colore: "#FFFF00",
  });
  ws.grafici.push({
    id: "{CH-T}",
    nome: "Grafico 1",
    tipo: "BarClustered",
    origine: { foglio: ws.id, area: { top: 0, left: 0, bottom: 1, right: 1 } },
    serieDa: "Columns",
    titolo: null,
    legenda: true,
    posizione: null,
    categorieInvertite: false,
    minimo: null,
    massimo: null,
    nomiSerie: {},
    coloriPunti: {},
  });
  c.aggiungiFoglio("Altro");
  return c;
}

type Oggetto = any;

interface Caso {
  oggetto: (ctx: ExcelContext) => Oggetto;
  nome: string;
  valido: unknown;
  /** What a load reads after the write, when not `valido` itself. */
  letto?: unknown;
  /** Where to read it back, when the write changes how the object is found (a chart renamed). */
  rilettoDa?: (ctx: ExcelContext) => Oggetto;
  /** A value Excel refuses; absent where the fake (like Office.js's typings) takes any value. */
  rifiutato?: unknown;
  /** A sheet's position is refused by the workbook's protected structure, not by the sheet's. */
  struttura?: true;
}

const foglio = (ctx: ExcelContext) => ctx.workbook.worksheets.getItem("Dati");
const range = (ctx: ExcelContext) => foglio(ctx).getRange("A1");
const regola = (ctx: ExcelContext) => foglio(ctx).getRange("A1").conditionalFormats.getItem("0");
const grafico = (ctx: ExcelContext) => foglio(ctx).charts.getItem("Grafico 1");
const pagina = (ctx: ExcelContext) => foglio(ctx).pageLayout;

const CASI: Caso[] = [
  { oggetto: foglio, nome: "position", valido: 1, rifiutato: -1, struttura: true },
  { oggetto: range, nome: "values", valido: [["x"]], rifiutato: [["x", "y"]] },
  { oggetto: range, nome: "formulas", valido: [["=1+1"]], rifiutato: [[{}]] },
  { oggetto: range, nome: "numberFormat", valido: [["0%"]], rifiutato: [[1]] },
  { oggetto: (ctx) => range(ctx).format, nome: "wrapText", valido: true, rifiutato: "sì" },
  { oggetto: (ctx) => range(ctx).format, nome: "verticalAlignment", valido: "Top", rifiutato: "Alto" },
  { oggetto: (ctx) => range(ctx).format, nome: "columnWidth", valido: 60, rifiutato: -1 },
  { oggetto: (ctx) => range(ctx).format.fill, nome: "color", valido: "#ff0000", letto: "#FF0000", rifiutato: "rosso" },
  { oggetto: (ctx) => range(ctx).format.font, nome: "bold", valido: true, rifiutato: 1 },
  { oggetto: (ctx) => range(ctx).format.font, nome: "size", valido: 14, rifiutato: 500 },
  { oggetto: regola, nome: "stopIfTrue", valido: true },
  { oggetto: (ctx) => regola(ctx).custom.rule, nome: "formula", valido: "=A1>0", rifiutato: "A1>0" },
  { oggetto: (ctx) => regola(ctx).custom.format.fill, nome: "color", valido: "#00FF00", rifiutato: "verde" },
  {
    oggetto: grafico,
    nome: "name",
    valido: "Andamento",
    rilettoDa: (ctx) => foglio(ctx).charts.getItem("Andamento"),
  },
  { oggetto: (ctx) => grafico(ctx).title, nome: "text", valido: "Titolo" },
  { oggetto: (ctx) => grafico(ctx).legend, nome: "visible", valido: false },
  { oggetto: (ctx) => grafico(ctx).axes.categoryAxis, nome: "reversePlotOrder", valido: true },
  { oggetto: (ctx) => grafico(ctx).axes.valueAxis, nome: "minimum", valido: 0, rifiutato: "0" },
  { oggetto: (ctx) => grafico(ctx).axes.valueAxis, nome: "maximum", valido: 100, rifiutato: "100" },
  { oggetto: (ctx) => grafico(ctx).series.getItemAt(0), nome: "name", valido: "Valori" },
  { oggetto: (ctx) => grafico(ctx).series.getItemAt(0), nome: "hasDataLabels", valido: true },
  { oggetto: pagina, nome: "orientation", valido: "Landscape", rifiutato: "Diagonale" },
  { oggetto: pagina, nome: "paperSize", valido: "A4", rifiutato: "A0" },
  { oggetto: pagina, nome: "zoom", valido: { scale: 50 }, rifiutato: { scale: 5 } },
  { oggetto: pagina, nome: "centerHorizontally", valido: true },
  { oggetto: pagina, nome: "firstPageNumber", valido: 3, rifiutato: "" },
  ...["leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"].map((nome): Caso => ({
    oggetto: pagina,
    nome,
    valido: 20,
    rifiutato: -1,
  })),
  { oggetto: (ctx) => pagina(ctx).headersFooters, nome: "state", valido: "OddAndEven", rifiutato: "Tutte" },
  {
    oggetto: (ctx) => pagina(ctx).headersFooters.defaultForAllPages,
    nome: "centerFooter",
    valido: "Pagina &P",
    rifiutato: "x".repeat(256),
  },
];

const etichetta = (caso: Caso) => `${caso.nome} (${JSON.stringify(caso.valido)})`;

/** The error code of a batch that writes `valore`, or "nessun errore". */
async function scrivi(c: CartellaFinta, caso: Caso, valore: unknown): Promise<string> {
  try {
    await c.run(async (ctx) => {
      caso.oggetto(ctx)[caso.nome] = valore;
      await ctx.sync();
    });
  } catch (e) {
    return e instanceof ErroreExcelFinto ? e.code : `non Office: ${String(e)}`;
  }
  return "nessun errore";
}

describe("fake Excel: every writable property, from its description", () => {
  it.each(CASI.map((caso) => [etichetta(caso), caso]))(
    "%s: PropertyNotLoaded before load + sync, then the value written",
    async (_, caso) => {
      const c = cartella();
      await c.run(async (ctx) => {
        const o = caso.oggetto(ctx);
        o[caso.nome] = caso.valido;
        expect(() => o[caso.nome]).toThrow(expect.objectContaining({ code: CODICI_ERRORE.proprietaNonCaricata }));
        const letto = caso.rilettoDa?.(ctx) ?? o;
        letto.load(caso.nome);
        await ctx.sync();
        expect(letto[caso.nome]).toEqual(caso.letto ?? caso.valido);
      });
    }
  );

  it.each(CASI.filter((caso) => caso.rifiutato !== undefined).map((caso) => [etichetta(caso), caso]))(
    "%s: a value Excel refuses fails with InvalidArgument",
    async (_, caso) => {
      const c = cartella();
      const prima = c.istantanea();
      expect(await scrivi(c, caso, caso.rifiutato)).toBe(CODICI_ERRORE.argomentoNonValido);
      expect(c.istantanea()).toEqual(prima);
    }
  );

  it.each(CASI.map((caso) => [etichetta(caso), caso]))(
    "%s: AccessDenied on a protected sheet (or structure) and in a read-only workbook",
    async (_, caso) => {
      const protetta = cartella();
      if (caso.struttura) protetta.strutturaProtetta = true;
      else protetta.foglio("Dati")!.protetto = true;
      const prima = protetta.istantanea();
      expect(await scrivi(protetta, caso, caso.valido)).toBe(CODICI_ERRORE.accessoNegato);
      expect(protetta.istantanea()).toEqual(prima);

      const solaLettura = cartella();
      solaLettura.solaLettura = true;
      expect(await scrivi(solaLettura, caso, caso.valido)).toBe(CODICI_ERRORE.accessoNegato);
    }
  );

  it("the table lists every writable property the fake describes on these objects", async () => {
    const c = cartella();
    const descritte = new Set<string>();
    const elencate = new Set<string>();
    await c.run(async (ctx) => {
      for (const caso of CASI) {
        const o = caso.oggetto(ctx) as ProxyFinto<unknown>;
        const classe = o.constructor.name;
        elencate.add(`${classe}.${caso.nome}`);
        for (const [nome, p] of Object.entries(descrizioneDi(o).proprieta ?? {}))
          if (p.scrivi) descritte.add(`${classe}.${nome}`);
      }
    });
    expect([...elencate].sort()).toEqual([...descritte].sort());
    expect(descritte.size).toBe(34);
  });
});
