/**
 * Dress invariance on the sample (issue 17): the bundled workbook with any column re-dressed the
 * way offices write it reads to the 10 published line figures, the same bands and % Ragg, and
 * exactly the report's real findings; nothing more than the informational LETTURA_SCELTA.
 */
import * as fs from "fs";
import * as path from "path";
import { numeriDaConvertire } from "../../src/app/numeri";
import { worksheetToGrid } from "../support/griglia-exceljs";
import { calcolaLinea } from "../../src/engine";
import { creaPatch } from "../../src/layout/patch";
import { leggiLinee, SheetGrid } from "../../src/layout";
import { campione } from "../robustezza/corpus";
import { dove, esito, Esito, quasiUguali, reali, vesti, VESTITI, VESTITI_TESTO } from "./vestiti";

const pubblicate: number[] = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "fixtures", "relazione-performance-2024.json"), "utf8")
).linee.map((l: { publishedPercent: number }) => l.publishedPercent);

let fogli: SheetGrid[];
let originale: Esito;

beforeAll(async () => {
  const wb = await campione();
  fogli = wb.worksheets.map(worksheetToGrid);
  originale = esito(fogli);
});

/** The report's real findings (seed-acceptance.test.ts): counted by code. */
const contaPer = (avvisi: string[]) =>
  avvisi.reduce<Record<string, number>>(
    (acc, a) => ({ ...acc, [a.split(" ")[0]]: (acc[a.split(" ")[0]] ?? 0) + 1 }),
    {}
  );

test("the sample as bundled: 10 lines, the report's findings", () => {
  expect(originale.linee).toHaveLength(10);
  expect(contaPer(originale.avvisi.map(dove))).toEqual({
    PESI_NON_100: 2,
    SCOSTAMENTO_ERRATO: 5,
    BINARIO_NON_0_1: 6,
    POLARITA_SOSPETTA: 2,
  });
});

describe.each(VESTITI)("the sample dressed «%s»", (vestito) => {
  let vestiti: ReturnType<typeof vesti>;
  let e: Esito;
  beforeAll(() => {
    vestiti = vesti(fogli, leggiLinee(fogli).linee, vestito);
    e = esito(vestiti.fogli);
  });

  test("the dress changes cells", () => {
    expect(vestiti.cambiate.size).toBeGreaterThan(0);
  });

  test("the 10 published line figures", () => {
    expect(e.linee.map((l) => Math.abs(l.percentuale! - pubblicate[e.linee.indexOf(l)]) <= 0.01 + 1e-9)).toEqual(
      Array(10).fill(true)
    );
  });

  test("the same 10 line figures, bands and completeness, the same % Ragg on every indicator", () => {
    expect(e.linee.map((l) => [l.nome, l.fascia, l.incompleta])).toEqual(
      originale.linee.map((l) => [l.nome, l.fascia, l.incompleta])
    );
    e.linee.forEach((l, i) => expect(quasiUguali(l.percentuale, originale.linee[i].percentuale)).toBe(true));
    expect(e.ragg).toHaveLength(originale.ragg.length);
    e.ragg.forEach((r, i) => expect([i, quasiUguali(r, originale.ragg[i])]).toEqual([i, true]));
  });

  test("exactly the report's real findings, nothing but information beyond them", () => {
    expect(reali(e.avvisi, vestito, vestiti.cambiate)).toEqual(originale.avvisi.map(dove).sort());
    if (!VESTITI_TESTO.has(vestito)) expect(e.avvisi.filter((a) => a.codice === "NUMERO_COME_TESTO")).toEqual([]);
  });
});

describe("what Barometro offers to write on a dressed sample", () => {
  test("a Sì / No row gets values, not Excel formulas (Excel's ISNUMBER is false there); a 0 / 1 row gets formulas", () => {
    const { fogli: vestiti, cambiate } = vesti(fogli, leggiLinee(fogli).linee, "binario-si-no");
    const scritture = (g: SheetGrid[]) => {
      const { linee } = leggiLinee(g);
      const patch = creaPatch(linee, linee.map(calcolaLinea), { formuleExcel: true, fogli: g });
      return { linee, patch };
    };
    const prima = scritture(fogli);
    const dopo = scritture(vestiti);
    const righeSi = dopo.linee
      .flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori))
      .filter(
        (i) => cambiate.has(`${i.foglio}!${i.celle.atteso}`) || cambiate.has(`${i.foglio}!${i.celle.consuntivo}`)
      );
    expect(righeSi.length).toBeGreaterThan(0);
    const scostamentoDi = (patch: typeof dopo.patch, i: (typeof righeSi)[number]) =>
      patch.scritture.find((w) => w.foglio === i.foglio && w.cella === i.celle.scostamento);
    for (const i of righeSi) {
      // Before: a formula (=I−H) in the Scostamento of the same row; after: the value the engine reads.
      expect(scostamentoDi(prima.patch, i)?.formula).toBeTruthy();
      const w = scostamentoDi(dopo.patch, i);
      expect(w?.formula).toBeUndefined();
      expect(typeof w?.valore).toBe("number");
    }
  });

  test("beside targets stored as fractions (80 % is 0.8) Scostamento is written as a fraction too", () => {
    const { fogli: vestiti, cambiate } = vesti(fogli, leggiLinee(fogli).linee, "target-frazione");
    const scostamenti = (g: SheetGrid[]) => {
      const { linee } = leggiLinee(g);
      const patch = creaPatch(linee, linee.map(calcolaLinea), { fogli: g });
      const celle = new Set(
        linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori.map((i) => `${i.foglio}!${i.celle.scostamento}`)))
      );
      return new Map(
        patch.scritture
          .filter((w) => celle.has(`${w.foglio}!${w.cella}`))
          .map((w) => [`${w.foglio}!${w.cella}`, w.valore])
      );
    };
    const prima = scostamenti(fogli);
    const dopo = scostamenti(vestiti);
    expect(dopo.size).toBe(prima.size);
    expect(dopo.size).toBeGreaterThan(0);
    for (const [cella, valore] of prima) {
      expect(cambiate.has(cella)).toBe(true);
      expect(quasiUguali(dopo.get(cella) as number, (valore as number) / 100)).toBe(true);
    }
  });

  test("«Converti in numeri» offers no Sì, Fatto or TRUE: they are words, not numbers stored as text", () => {
    for (const vestito of ["binario-si-no", "binario-fatto", "binario-booleani"] as const) {
      const { fogli: vestiti } = vesti(fogli, leggiLinee(fogli).linee, vestito);
      expect(numeriDaConvertire({ fogli: vestiti, protetti: [] }, leggiLinee(vestiti).linee)).toEqual([]);
    }
  });
});
