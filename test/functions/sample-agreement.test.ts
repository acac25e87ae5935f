/**
 * Agreement over the bundled sample workbook: the columns of each line, read from the .xlsx
 * exactly as a person would select them in Excel (merged Obiettivo cells arrive empty), fed to
 * PERF.RAGG row by row, PERF.OBIETTIVO per objective and PERF.LINEA per line, give the engine's
 * numbers and the published figures.
 */
import ExcelJS from "exceljs";
import "./fake-custom-functions";
import * as F from "../../src/functions/functions";
import { worksheetToGrid } from "../support/griglia-exceljs";
import { calcolaLinea, CampoCella, CampoIndicatore, Linea, numeroDaCella } from "../../src/engine";
import { riconosciIntestazione } from "../../src/layout/intestazioni";
import { leggiLinee, parseA1, SheetGrid } from "../../src/layout";
import { CAMPIONE } from "../support/campione";

let grids: SheetGrid[];
let linee: Linea[];

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(CAMPIONE);
  grids = wb.worksheets.map(worksheetToGrid);
  const lettura = leggiLinee(grids);
  expect(lettura.errore).toBeNull();
  linee = lettura.linee;
});

/** The cells of one column over the given indicator rows, as Excel passes a range: [[v], [v], …]. */
function colonna(linea: Linea, campo: CampoIndicatore): unknown[][] {
  const grid = grids.find((g) => g.name === linea.foglio)!;
  // Text columns keep no address per row: their column is the table header's.
  const testata = grid.values
    .map((r) => r.flatMap((v, c) => (typeof v === "string" ? [{ colonna: c, testo: v }] : [])))
    .map((celle) => (celle.length >= 4 ? riconosciIntestazione(celle) : null))
    .find((c) => c !== null)!;
  return linea.obiettivi.flatMap((o) =>
    o.indicatori.map((ind) => {
      const indirizzo = ind.celle[campo as CampoCella];
      const { row, col } = indirizzo ? parseA1(indirizzo) : { row: ind.riga - 1, col: testata[campo]! };
      return [grid.values[row]?.[col] ?? ""];
    })
  );
}

describe("PERF.* over assets/relazione-performance-2024.xlsx", () => {
  it("reads the 10 lines and 140 indicators", () => {
    expect(linee).toHaveLength(10);
    expect(linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori))).toHaveLength(140);
  });

  it("PERF.RAGG row by row equals the engine and rounds to the published % Ragg", () => {
    for (const linea of linee) {
      const risultato = F.ragg(colonna(linea, "atteso"), colonna(linea, "consuntivo"), colonna(linea, "polarita"));
      const engine = calcolaLinea(linea).obiettivi.flatMap((o) => o.indicatori.map((i) => i.ragg));
      const published = colonna(linea, "ragg").map((r) => r[0]);
      expect(risultato.map((r) => r[0])).toEqual(engine.map((v) => expect.closeTo(v!, 10)));
      expect(risultato.map((r) => Math.round(r[0] as number))).toEqual(published);
    }
  });

  it("PERF.OBIETTIVO per objective equals the engine, neutralised objectives as «Neutralizzato»", () => {
    let neutralizzati = 0;
    for (const linea of linee) {
      const engine = calcolaLinea(linea);
      linea.obiettivi.forEach((o, k) => {
        const sub: Linea = { ...linea, obiettivi: [o] };
        const ragg = F.ragg(colonna(sub, "atteso"), colonna(sub, "consuntivo"), colonna(sub, "polarita"));
        const risultato = F.obiettivo(colonna(sub, "peso"), ragg);
        if (engine.obiettivi[k].neutralizzato) {
          neutralizzati++;
          expect(risultato).toBe("Neutralizzato");
        } else expect(risultato).toBeCloseTo(engine.obiettivi[k].ragg!, 10);
      });
    }
    expect(neutralizzati).toBe(1);
  });

  it("PERF.LINEA per line equals the engine and the sheet's published percentage within 0.01", () => {
    for (const linea of linee) {
      const ragg = F.ragg(colonna(linea, "atteso"), colonna(linea, "consuntivo"), colonna(linea, "polarita"));
      const obiettivi = colonna(linea, "obiettivo");
      expect(obiettivi.filter((r) => r[0] === null || r[0] === "").length).toBeGreaterThan(0); // merged rows arrive empty
      const risultato = F.linea(obiettivi, colonna(linea, "peso"), ragg) as number;
      expect(risultato).toBeCloseTo(calcolaLinea(linea).percentuale!, 10);
      const published = numeroDaCella(linea.percentuale!.valore)!;
      expect(Math.abs(risultato - published)).toBeLessThanOrEqual(0.01 + 1e-9);
    }
  });
});
