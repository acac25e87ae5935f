import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../../src/cli/main";
import { elabora } from "../../src/cli/elabora";
import { BANDE_PREDEFINITE, Indicatore } from "../../src/engine";
import { parseA1 } from "../../src/layout/griglia";
import { calcolaFormula, ricalcolaFormule } from "../../src/excel-finto/calcolo-formule";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";
import { capture, leggi } from "./io";
import { CAMPIONE } from "../support/campione";

const FOGLIO = "Obiettivi 2024";
const PALESTRE = "Aumento spazi palestre cittadine"; // atteso 1200, consuntivo 500: Non raggiunto
const [VERDE, , ROSSO] = BANDE_PREDEFINITE.fasce.map((f) => f.colore);
const tmp = mkdtempSync(join(tmpdir(), "barometro-numeri-"));

let palestre: Indicatore;
let input: string;

/** The sample with the Palestre row's atteso typed as text («1.200») in a cell formatted as Text. */
beforeAll(async () => {
  const { linee } = await elabora(CAMPIONE);
  palestre = linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori)).find((i) => i.nome === PALESTRE)!;
  const wb = await leggi(CAMPIONE);
  const ws = wb.getWorksheet(FOGLIO)!;
  ws.getCell(palestre.celle.atteso!).value = "1.200";
  ws.getCell(palestre.celle.atteso!).style = { ...ws.getCell(palestre.celle.atteso!).style, numFmt: "@" };
  input = join(tmp, "testo.xlsx");
  await wb.xlsx.writeFile(input);
});

/** The written file opened in the fake Excel: the colour a person sees in Palestre's Barometro cell, after an edit. */
async function coloreDopoModifica(file: string, consuntivo: number): Promise<string | null> {
  // A colleague types the consuntivo; Excel recalculates (% Ragg, which the rules read in «formule di Excel»).
  const cartella = cartellaDaExcelJS(await leggi(file), { valutaFormula: calcolaFormula });
  const ws = cartella.foglio(FOGLIO)!;
  ws.imposta(palestre.celle.consuntivo!, { valore: consuntivo });
  ricalcolaFormule(cartella);
  const { row, col } = parseA1(palestre.celle.barometro!);
  return ws.coloreVisto(row, col);
}

describe("barometro ricalcola --converti-numeri", () => {
  it("without it: Verifica reports the cell and says how to convert it; the colour does not follow an edit", async () => {
    const out = join(tmp, "senza.xlsx");
    const c = capture();
    expect(await main(["ricalcola", input, "--out", out], c.io)).toBe(0);
    expect(c.err).toEqual([]);
    expect(c.out.join("\n")).toContain("NUMERO_COME_TESTO");
    expect(c.out.join("\n")).toContain("«barometro ricalcola --converti-numeri»");
    expect((await leggi(out)).getWorksheet(FOGLIO)!.getCell(palestre.celle.atteso!).value).toBe("1.200");
    expect(await coloreDopoModifica(out, 1200)).toBe(ROSSO); // stale: the rule cannot read text
  });

  it("with it: the number (with a number format), no finding left, and the colour follows an edit", async () => {
    const out = join(tmp, "con.xlsx");
    const c = capture();
    expect(await main(["ricalcola", input, "--out", out, "--converti-numeri"], c.io)).toBe(0);
    expect(c.out.join("\n")).toContain("1 cella convertita da testo a numero (--converti-numeri).");
    expect(c.out.join("\n")).not.toContain("NUMERO_COME_TESTO");
    expect(c.err).toEqual([]);
    const scritto = (await leggi(out)).getWorksheet(FOGLIO)!;
    expect(scritto.getCell(palestre.celle.atteso!).value).toBe(1200);
    expect(scritto.getCell(palestre.celle.atteso!).numFmt).toBe("#,##0");
    expect(await coloreDopoModifica(out, 500)).toBe(ROSSO);
    expect(await coloreDopoModifica(out, 1200)).toBe(VERDE);

    // With --json, stdout stays one JSON document.
    const j = capture();
    expect(await main(["ricalcola", input, "--out", join(tmp, "json.xlsx"), "--converti-numeri", "--json"], j.io)).toBe(
      0
    );
    expect(JSON.parse(j.out.join("\n")).avvisi.some((a: { codice: string }) => a.codice === "NUMERO_COME_TESTO")).toBe(
      false
    );
    expect(j.err.join("\n")).toContain("1 cella convertita");
  });

  it("is for ricalcola only, and the help says what it does", async () => {
    const c = capture();
    expect(await main(["verifica", input, "--converti-numeri"], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain("--converti-numeri vale solo per «ricalcola»");
    const h = capture();
    expect(await main(["--help"], h.io)).toBe(0);
    expect(h.out.join("\n")).toMatch(/--converti-numeri\s+\(ricalcola\) scrive come numeri/);
  });
});
