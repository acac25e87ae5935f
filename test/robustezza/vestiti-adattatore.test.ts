/**
 * The sample typed the way many offices type it (issue 17) — binary indicators as Sì / No, weights
 * typed as 25 % (0.25 with a percentage format), polarity in words — saved as a real .xlsx and read
 * by the command line and by the Office.js adapter over the fake Excel: the 10 published line
 * figures, and exactly the report's real findings.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { elabora } from "../../src/cli/elabora";
import { Avviso, verifica } from "../../src/engine";
import { campione, COL, FOGLIO, righeIndicatori } from "./corpus";
import { inExcelFinto, ricalcolaFinto } from "./finto";
import { TMP } from "./strumenti";

const pubblicate: number[] = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "relazione-performance-2024.json"), "utf8")
).linee.map((l: { publishedPercent: number }) => l.publishedPercent);

const REPORT = { PESI_NON_100: 2, SCOSTAMENTO_ERRATO: 5, BINARIO_NON_0_1: 6, POLARITA_SOSPETTA: 2 };

const conta = (avvisi: Avviso[]) =>
  avvisi.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.codice]: (acc[a.codice] ?? 0) + 1 }), {});

let file: string;
const cambiate = { binarie: 0, pesi: 0, polarita: 0 };

beforeAll(async () => {
  const wb = await campione();
  const ws = wb.getWorksheet(FOGLIO)!;
  for (const r of righeIndicatori(ws)) {
    const riga = ws.getRow(r);
    const [atteso, consuntivo, peso] = [COL.atteso, COL.consuntivo, COL.peso].map((c) => riga.getCell(c));
    const binaria = /1\s*=\s*fatto/i.test(String(riga.getCell(COL.formula).value ?? ""));
    if (binaria || ([0, 1].includes(atteso.value as number) && [0, 1].includes(consuntivo.value as number))) {
      for (const cella of [atteso, consuntivo])
        if (cella.value === 1 || cella.value === 0) {
          cella.value = cella.value === 1 ? "Sì" : "No";
          cambiate.binarie++;
        }
    }
    if (typeof peso.value === "number") {
      peso.value = peso.value / 100;
      // A style of its own: ExcelJS shares a loaded style among cells (the % Ragg column's too).
      peso.style = { ...peso.style, numFmt: "0%" };
      cambiate.pesi++;
    }
    const polarita = riga.getCell(COL.polarita);
    polarita.value = polarita.value === "↓" ? "minore è meglio" : "maggiore è meglio";
    cambiate.polarita++;
  }
  file = join(TMP, "campione-vestito.xlsx");
  await wb.xlsx.writeFile(file);
});

test("the dress is put on: Sì / No, 25 % weights, polarity in words", () => {
  expect(cambiate.binarie).toBeGreaterThan(50);
  expect(cambiate.pesi).toBe(140);
  expect(cambiate.polarita).toBe(140);
});

test("command line: the 10 published figures, the report's findings", async () => {
  const e = await elabora(file);
  expect(e.risultato.linee.map((l, i) => Math.abs(l.percentuale! - pubblicate[i]) <= 0.01 + 1e-9)).toEqual(
    Array(10).fill(true)
  );
  expect(e.risultato.linee.map((l) => l.incompleta)).toEqual(Array(10).fill(false));
  expect(conta(e.avvisi)).toEqual(REPORT);
  expect(e.avvisi.find((a) => a.codice === "PESI_NON_100")!.messaggio).toContain("sommano a 93 % invece di 100 %");
});

test("Office.js adapter on the fake Excel: the same figures and findings", async () => {
  const { cartella, accesso } = await inExcelFinto(readFileSync(file));
  const r = await ricalcolaFinto(cartella, accesso);
  if (r.tipo !== "ok") throw new Error(`ricalcola: ${r.tipo}`);
  const { risultato, lettura, linee } = r.esito.analisi;
  expect(risultato.linee.map((l, i) => Math.abs(l.percentuale! - pubblicate[i]) <= 0.01 + 1e-9)).toEqual(
    Array(10).fill(true)
  );
  // The findings before the write (the analysis leaves out those the write settled).
  expect(lettura.fogli.length).toBeGreaterThan(0);
  expect(conta(verifica(linee, risultato.linee))).toEqual(REPORT);
});
