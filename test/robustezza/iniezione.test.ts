/**
 * Formula injection: nothing from a cell is ever written back as a formula unless it was one.
 * A text cell starting with "=" stays text after ricalcola, in the command line's output and
 * through the adapter; what Barometro writes itself is never a formula outside formula mode, but
 * the band's label in the Barometro cell, its own formula (marked), when conditional formatting is on.
 */
import { isFormulaDiBarometro } from "../../src/engine";
import { writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { pianoScrittura } from "../../src/excel/write-plan";
import { isFormulaBarometro } from "../../src/layout/patch";
import { campione, COL, FOGLIO, righeIndicatori } from "./corpus";
import { inExcelFinto, ricalcolaFinto } from "./finto";
import { cli, TMP } from "./strumenti";

const IPERLINK = '=HYPERLINK("http://x";"y")';
const TESTI = [IPERLINK, "=1+1", "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"];

interface Piantato {
  cella: string;
  testo: string;
}

/** The sample with formula-looking texts (as TEXT) in Note, Indicatore, Finalità, Formula, Settore and a line title. */
async function conTestiFormula(): Promise<{ bytes: Uint8Array; piantati: Piantato[] }> {
  const wb = await campione();
  const ws = wb.getWorksheet(FOGLIO)!;
  const righe = righeIndicatori(ws);
  const piantati: Piantato[] = [];
  const pianta = (riga: number, colonna: number, testo: string) => {
    const cella = ws.getCell(riga, colonna);
    cella.value = testo;
    piantati.push({ cella: cella.address, testo });
  };
  TESTI.forEach((testo, i) => {
    pianta(righe[i], COL.note, testo);
    pianta(righe[i + 10], COL.indicatore, testo);
    pianta(righe[i + 20], COL.finalita, testo);
    pianta(righe[i + 30], COL.formula, testo);
  });
  pianta(righe[40], COL.polarita, "=1+1");
  // An owned cell holding such a text: Barometro overwrites it with its value (it owns the cell).
  pianta(righe[41], COL.scostamento, "=1+1");
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), piantati };
}

describe("a text that looks like a formula stays text", () => {
  let dati: { bytes: Uint8Array; piantati: Piantato[] };
  beforeAll(async () => {
    dati = await conTestiFormula();
  });

  it("ExcelJS keeps the planted texts as strings (the test's premise)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dati.bytes as unknown as ExcelJS.Buffer);
    for (const p of dati.piantati) {
      const cella = wb.getWorksheet(FOGLIO)!.getCell(p.cella);
      expect([cella.value, cella.formula, cella.type]).toEqual([p.testo, undefined, ExcelJS.ValueType.String]);
    }
  });

  it("command line: after ricalcola (twice) every planted text is still a string, not a formula", async () => {
    const file = join(TMP, "iniezione.xlsx");
    const uno = join(TMP, "iniezione.uno.xlsx");
    const due = join(TMP, "iniezione.due.xlsx");
    writeFileSync(file, dati.bytes);
    expect((await cli(["ricalcola", file, "--out", uno, "--json"])).codice).toBe(0);
    expect((await cli(["ricalcola", uno, "--out", due, "--json"])).codice).toBe(0);
    for (const out of [uno, due]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.getWorksheet(FOGLIO)!;
      for (const p of dati.piantati.filter((x) => !x.cella.startsWith("J"))) {
        const cella = ws.getCell(p.cella);
        expect({ cella: p.cella, valore: cella.value, formula: cella.formula, tipo: cella.type }).toEqual({
          cella: p.cella,
          valore: p.testo,
          formula: undefined,
          tipo: ExcelJS.ValueType.String,
        });
      }
      // The Scostamento cell that held "=1+1" as text now holds Barometro's formula and number.
      const owned = ws.getCell(dati.piantati.find((x) => x.cella.startsWith("J"))!.cella);
      expect(isFormulaDiBarometro(`=${owned.formula}`)).toBe(true);
      expect(typeof owned.result).toBe("number");
      // No cell of the output holds a formula the input did not have, but Barometro's own
      // (the label formula, «formule di Excel»).
      ws.eachRow((row) =>
        row.eachCell((c) => {
          const nostra =
            (Number(c.col) === COL.barometro && isFormulaBarometro(c.formula)) || isFormulaDiBarometro(`=${c.formula}`);
          if (!nostra) expect(c.formula).toBeUndefined();
        })
      );
    }
  });

  it("adapter: the fake keeps each planted text as a value, never a formula, after two Ricalcola", async () => {
    const { cartella, accesso } = await inExcelFinto(dati.bytes);
    const ws = cartella.foglio(FOGLIO)!;
    for (let volta = 0; volta < 2; volta++) {
      const esito = await ricalcolaFinto(cartella, accesso);
      expect(esito.tipo).toBe("ok");
      for (const p of dati.piantati.filter((x) => !x.cella.startsWith("J")))
        expect({ cella: p.cella, ...ws.cella(p.cella) }).toEqual({ cella: p.cella, valore: p.testo, formattata: true });
      for (const { cella, colonna } of ws.celle())
        if (!(
          (colonna === COL.barometro - 1 && isFormulaBarometro(cella.formula)) ||
          isFormulaDiBarometro(cella.formula)
        ))
          expect(cella.formula).toBeUndefined();
    }
  });
});

describe("what Barometro writes itself", () => {
  it("text it writes (a percentage as «84,44%») goes to Excel with a leading apostrophe: never parsed as a formula", () => {
    const piano = pianoScrittura({
      scritture: [
        { foglio: "F", cella: "A1", valore: "84,44%" },
        { foglio: "F", cella: "A2", valore: "=1+1" },
        { foglio: "F", cella: "B1", valore: 3 },
      ],
      colori: [],
    });
    const blocchi = piano.lotti.flatMap((l) => l.valori);
    expect(blocchi.every((b) => b.proprieta === "values")).toBe(true);
    const testi = blocchi.flatMap((b) => b.dati.flat()).filter((d): d is string => typeof d === "string");
    expect(testi).toEqual(["'84,44%", "'=1+1"]);
  });

  it("value mode: no formula after Ricalcola on the sample but the Barometro label's; formula mode: =PERF.RAGG in % Ragg too", async () => {
    const wb = await campione();
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    for (const modo of ["valori", "perf"] as const) {
      const { cartella, accesso } = await inExcelFinto(bytes);
      const esito = await ricalcolaFinto(cartella, accesso, { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: modo });
      expect(esito.tipo).toBe("ok");
      const tutte = [...cartella.foglio(FOGLIO)!.celle()].filter((c) => c.cella.formula !== undefined);
      // The label that follows the data (conditional formatting is on by default): Barometro's own, in column N.
      const etichette = tutte.filter((c) => isFormulaBarometro(c.cella.formula));
      expect(etichette.length).toBeGreaterThan(100);
      for (const e of etichette) expect(e.colonna).toBe(COL.barometro - 1);
      const formule = tutte.filter((c) => !isFormulaBarometro(c.cella.formula));
      if (modo === "valori") expect(formule).toEqual([]);
      else {
        expect(formule.length).toBeGreaterThan(100);
        for (const f of formule) {
          expect(f.colonna).toBe(COL.ragg - 1);
          expect(f.cella.formula).toMatch(/^=PERF\.RAGG\([A-Z]+\d+,[A-Z]+\d+(,[A-Z]+\d+)?\)$/);
        }
      }
    }
  });
});
