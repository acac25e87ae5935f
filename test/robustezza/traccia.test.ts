/**
 * The trace on the sample .xlsx and on every hostile workbook of the corpus that Barometro
 * processes, read as the command line reads them: the sums hold and the numbers are calcolaEnte's
 * (test/engine/traccia-somme.ts); on the sample, the 10 published line figures. `barometro dossier`
 * on each: exit 0, its sheet written, no sign of a crash.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { elabora } from "../../src/cli/elabora";
import { tracciaEnte } from "../../src/engine";
import { FOGLIO_DOSSIER } from "../../src/layout/dossier";
import { seed } from "../engine/seed-modello";
import { sommeRotte } from "../engine/traccia-somme";
import { bytesDi, CORPUS } from "./corpus";
import { CAMPIONE } from "../support/campione";
import { cli, TMP, TRACCIA } from "./strumenti";

jest.setTimeout(60_000);

test("the sample: the 10 published line figures, decomposed, the sums holding", async () => {
  const e = await elabora(CAMPIONE);
  const traccia = tracciaEnte(e.linee, e.risultato);
  expect(traccia.linee.map((l) => l.nome)).toEqual(seed.linee.map((l) => l.linea));
  traccia.linee.forEach((l, i) =>
    expect(Math.abs(l.percentuale! - seed.linee[i].publishedPercent)).toBeLessThanOrEqual(0.01 + 1e-9)
  );
  expect(sommeRotte(e.linee, traccia, e.risultato)).toEqual([]);
  // Every cell the trace points at is on the sheet the line is on.
  const sport = traccia.linee.find((l) => /SPORT/.test(l.nome))!;
  expect(sport.obiettivi.map((o) => o.cella)).toEqual(sport.obiettivi.map((o) => `B${o.riga}`));
  expect(sport.cella).toMatch(/^[A-Z]+\d+$/);
});

describe.each(CORPUS.filter((c) => c.atteso === "elaborato").map((c) => [c.nome, c] as const))(
  "hostile workbook %s",
  (nome, caso) => {
    test("the sums hold and the numbers are the engine's; `dossier` writes its sheet, no trace of a crash", async () => {
      const file = join(TMP, `traccia-${nome}.xlsx`);
      writeFileSync(file, await bytesDi(caso));
      const e = await elabora(file);
      expect(sommeRotte(e.linee, tracciaEnte(e.linee, e.risultato), e.risultato)).toEqual([]);
      const out = join(TMP, `traccia-${nome}.dossier.xlsx`);
      const r = await cli(["dossier", file, "--out", out]);
      expect(r.eccezione).toBeUndefined();
      expect(`${r.out}\n${r.err}`).not.toMatch(TRACCIA);
      expect(r.err).toBe("");
      expect(r.codice).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(wb.getWorksheet(FOGLIO_DOSSIER)?.getCell("A1").value).toMatch(/^Dossier di validazione/);
    });
  }
);
