import ExcelJS from "exceljs";
import { CAMPIONE } from "../support/campione";
import { analizza, ricalcola } from "../../src/app/ricalcolo";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { BANDE_PREDEFINITE, fasciaPer } from "../../src/engine";
import { leggiLinee } from "../../src/layout";
import { isFormulaBarometro } from "../../src/layout/patch";
import { isRegolaBarometro } from "../../src/layout/regole-condizionali";
import { worksheetToGrid } from "../support/griglia-exceljs";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { CartellaFinta } from "../../src/excel-finto";
import { calcolaFormula } from "../../src/excel-finto/calcolo-formule";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";

const SEED = require("../fixtures/relazione-performance-2024.json") as {
  linee: { linea: string; publishedPercent: number }[];
};
const FOGLIO = "Obiettivi 2024";

let libro: ExcelJS.Workbook;
beforeAll(async () => {
  libro = new ExcelJS.Workbook();
  await libro.xlsx.readFile(CAMPIONE);
});

function campione(): { cartella: CartellaFinta; accesso: ReturnType<typeof creaAccessoOffice> } {
  // Excel computes the formulas Barometro writes («formule di Excel», the label): so does the fake, for those it knows.
  const cartella = cartellaDaExcelJS(libro, { valutaFormula: calcolaFormula });
  return { cartella, accesso: creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni }) };
}

/** Keys of the snapshot whose entries differ (added, removed or changed). */
function diverse(prima: Map<string, string>, dopo: Map<string, string>): string[] {
  const chiavi = new Set([...prima.keys(), ...dopo.keys()]);
  return [...chiavi].filter((k) => prima.get(k) !== dopo.get(k)).sort();
}

describe("the bundled sample through the Office adapter and the fake Excel", () => {
  it("reads what the CLI reads with ExcelJS: the same lines, objectives and indicators", async () => {
    const { accesso } = campione();
    const lettura = await accesso.leggi();
    expect(leggiLinee(lettura.fogli)).toEqual(leggiLinee(libro.worksheets.map(worksheetToGrid)));
  });

  it("Ricalcola tutto: published percentages, Barometro fills by band, nothing else changed, 2 syncs", async () => {
    const { cartella, accesso } = campione();
    const ws = cartella.foglio(FOGLIO)!;
    await accesso.leggi(); // the task pane's first read
    cartella.azzeraContatori();
    const prima = cartella.istantanea();

    const esito = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(2);
    expect(esito.scrittura.sincronizzazioni).toBe(1);

    // Line percentages: the published ones, computed and written (a % fraction in column A).
    const { linee, risultato } = esito.analisi;
    expect(linee.map((l) => l.nome)).toEqual(SEED.linee.map((l) => l.linea));
    linee.forEach((linea, i) => {
      expect(Math.abs((risultato.linee[i].percentuale ?? NaN) - SEED.linee[i].publishedPercent)).toBeLessThanOrEqual(
        0.01 + 1e-9
      );
      const scritta = ws.cella(linea.percentuale!.cella)!;
      expect(scritta.formato).toBe("0.00%");
      expect(Math.abs((scritta.valore as number) * 100 - SEED.linee[i].publishedPercent)).toBeLessThanOrEqual(
        0.01 + 1e-9
      );
    });
    const sport = linee.findIndex((l) => l.nome === "LINEA STRATEGICA SULLO SPORT");
    expect(risultato.linee[sport].percentuale).toBeCloseTo(84.44, 2);

    // Barometro (column N) coloured by band; neutralised objectives grey.
    const conteggio = new Map<string, number>();
    linee.forEach((linea, l) =>
      linea.obiettivi.forEach((obiettivo, o) => {
        const ro = risultato.linee[l].obiettivi[o];
        obiettivo.indicatori.forEach((ind, i) => {
          const ragg = ro.indicatori[i].ragg;
          const atteso = ro.neutralizzato
            ? BANDE_PREDEFINITE.neutralizzato.colore
            : ragg === null
              ? undefined
              : fasciaPer(ragg).colore;
          expect(ind.celle.barometro).toMatch(/^N\d+$/);
          expect(ws.cella(ind.celle.barometro!)?.colore).toBe(atteso);
          if (atteso) conteggio.set(atteso, (conteggio.get(atteso) ?? 0) + 1);
        });
      })
    );
    expect(conteggio.get(BANDE_PREDEFINITE.fasce[0].colore)).toBeGreaterThan(50);
    expect(conteggio.get(BANDE_PREDEFINITE.fasce[2].colore)).toBeGreaterThan(0);
    expect(conteggio.get(BANDE_PREDEFINITE.neutralizzato.colore)).toBeGreaterThan(0);

    // Nothing else changed: only Scostamento (J), % Ragg (M), the Barometro cells (N: fill and
    // label, Barometro's own label formula or the neutralised label), the line percentage cells and
    // the sheet's conditional formatting, where every rule is Barometro's (marked), on column N.
    const dopo = cartella.istantanea();
    const percentuali = new Set(linee.map((l) => `${FOGLIO}!${l.percentuale!.cella}`));
    const cambiate = diverse(prima, dopo);
    expect(cambiate.length).toBeGreaterThan(100);
    expect(
      cambiate.filter((k) => !/!(J|M|N)\d+$/.test(k) && !percentuali.has(k) && k !== `${FOGLIO}!#formattazioni`)
    ).toEqual([]);
    expect(ws.formattazioni.length).toBeGreaterThan(0);
    expect(ws.formattazioni.every((r) => isRegolaBarometro(r.formula) && r.aree.every((a) => a.left === 13))).toBe(
      true
    );
    for (const k of cambiate.filter((k) => /!N\d+$/.test(k))) {
      const [a, b] = [JSON.parse(prima.get(k) ?? '{"valore":null}'), JSON.parse(dopo.get(k) ?? '{"valore":null}')];
      const resto = (x: Record<string, unknown>) => ({
        ...x,
        colore: undefined,
        formula: undefined,
        valore: undefined,
      });
      expect(resto(a)).toEqual(resto(b));
      expect(
        b.formula === undefined ? b.valore === BANDE_PREDEFINITE.neutralizzato.etichetta : isFormulaBarometro(b.formula)
      ).toBe(true);
    }

    // A second Ricalcola changes nothing and costs 2 syncs again.
    cartella.azzeraContatori();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(2);
    expect(diverse(dopo, cartella.istantanea())).toEqual([]);
    // And Verifica no longer finds wrong Scostamento / % Ragg / line values.
    const codici = analizza(await accesso.leggi()).avvisi.map((a) => a.codice);
    expect(codici.filter((c) => ["SCOSTAMENTO_ERRATO", "RAGG_DIVERSO", "LINEA_DIVERSA"].includes(c))).toEqual([]);
  });

  it("Ricalcola linea from a selection inside the line: 2 syncs, only that line written", async () => {
    const { cartella, accesso } = campione();
    const { linee } = analizza(await accesso.leggi());
    const sport = linee.find((l) => l.nome === "LINEA STRATEGICA SULLO SPORT")!;
    const cella = sport.obiettivi[0].indicatori[0].celle.indicatore!;
    cartella.seleziona(FOGLIO, cella);
    cartella.azzeraContatori();
    const prima = cartella.istantanea();
    const esito = await ricalcola(accesso, { tipo: "selezione" }, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(2);
    expect(esito.messaggio).toMatch(/^LINEA STRATEGICA SULLO SPORT: 84,44%/);
    const righe = sport.obiettivi.flatMap((o) => o.indicatori.map((i) => i.riga));
    righe.push(Number(sport.percentuale!.cella.slice(1)));
    // Only the line's rows: its cells and its own conditional-format rules (marked, on its Barometro cells).
    const cambiate = diverse(prima, cartella.istantanea());
    const fuori = cambiate.filter((k) => k !== `${FOGLIO}!#formattazioni`);
    expect(fuori.filter((k) => !righe.includes(Number(/(\d+)$/.exec(k)![1])))).toEqual([]);
    const regole = cartella.foglio(FOGLIO)!.formattazioni;
    expect(regole).toHaveLength(3);
    expect(regole.every((r) => isRegolaBarometro(r.formula))).toBe(true);
    for (const r of regole)
      for (const a of r.aree) for (let x = a.top; x <= a.bottom; x++) expect(righe).toContain(x + 1);
  });

  it("keeps the user's formulas, in owned columns too", async () => {
    const { cartella, accesso } = campione();
    const ws = cartella.foglio(FOGLIO)!;
    const { linee } = analizza(await accesso.leggi());
    const ind = linee[0].obiettivi[0].indicatori[0];
    const { scostamento, atteso, consuntivo } = ind.celle;
    // Note is the column before Peso in the staff's layout (no address kept for text columns).
    const note = `${String.fromCharCode(ind.celle.peso!.charCodeAt(0) - 1)}${ind.riga}`;
    const sua = `=${consuntivo}-${atteso}`;
    ws.imposta(scostamento!, { valore: 123, formula: sua });
    ws.imposta(note!, { valore: "nota", formula: '="nota"' });
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(ws.cella(scostamento!)).toMatchObject({ valore: 123, formula: sua });
    expect(ws.cella(note!)).toMatchObject({ valore: "nota", formula: '="nota"' });
  });

  it("formula mode writes =PERF.RAGG(…) in % Ragg, English with commas, and a second run changes nothing", async () => {
    const { cartella, accesso } = campione();
    const impostazioni = { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "perf" as const };
    const esito = await ricalcola(accesso, { tipo: "tutto" }, impostazioni);
    const ind = esito.analisi.linee[0].obiettivi[0].indicatori[0];
    expect(cartella.foglio(FOGLIO)!.cella(ind.celle.ragg!)?.formula).toBe(
      `=PERF.RAGG(${ind.celle.atteso},${ind.celle.consuntivo},${ind.celle.polarita})`
    );
    const dopo = cartella.istantanea();
    await ricalcola(accesso, { tipo: "tutto" }, impostazioni);
    expect(diverse(dopo, cartella.istantanea())).toEqual([]);
  });
});
