import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { formattazioniDi } from "../support/exceljs";
import { main } from "../../src/cli/main";
import { elabora } from "../../src/cli/elabora";
import { costruttiVietati } from "../../src/excel-finto/formula-condizionale";
import { BANDE_PREDEFINITE } from "../../src/engine";
import { parseA1 } from "../../src/layout/griglia";
import { isRegolaBarometro, regoleCondizionali } from "../../src/layout/regole-condizionali";
import { calcolaFormula, ricalcolaFormule } from "../../src/excel-finto/calcolo-formule";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";
import { snapshot } from "./workbook-snapshot";
import { capture, leggi } from "./io";
import { CAMPIONE } from "../support/campione";

const FOGLIO = "Obiettivi 2024";
const tmp = mkdtempSync(join(tmpdir(), "barometro-condivisione-"));
const [VERDE, GIALLO, ROSSO] = BANDE_PREDEFINITE.fasce.map((f) => f.colore);
const argb = (hex: string) => `FF${hex.slice(1)}`;
/**
 * Barometro's rules on the sample: 3 bands × 10 groups of rows. In «formule di Excel» (the default)
 * they read the % Ragg cells, so a line's rows of either polarity share one group (33 when they
 * computed % Ragg, one group per polarity).
 */
const REGOLE = 30;

/** The sample's Barometro cells (one per indicator row), and how many are not in a neutralised objective. */
let barometri: string[] = [];
let nonNeutralizzati = 0;
beforeAll(async () => {
  const e = await elabora(CAMPIONE);
  e.linee.forEach((l, li) =>
    l.obiettivi.forEach((o, oi) =>
      o.indicatori.forEach((i) => {
        if (!i.celle.barometro) return;
        barometri.push(i.celle.barometro);
        if (!e.risultato.linee[li].obiettivi[oi].neutralizzato) nonNeutralizzati++;
      })
    )
  );
});
const celleBarometro = (ws: ExcelJS.Worksheet) => barometri.map((cella) => ws.getCell(cella).value);

const nostre = (ws: ExcelJS.Worksheet) =>
  formattazioniDi(ws).filter((cf) =>
    cf.rules.some((r) => isRegolaBarometro((r as { formulae?: string[] }).formulae?.[0]))
  );

/** A copy of the sample with a rule of the user's on the Target atteso column. */
async function conRegolaUtente(): Promise<string> {
  const wb = await leggi(CAMPIONE);
  wb.getWorksheet(FOGLIO)!.addConditionalFormatting({
    ref: "H12:H30",
    rules: [
      {
        type: "expression",
        priority: 1,
        formulae: ["$H12>1000"],
        style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FF0000FF" } } },
      },
    ],
  });
  const file = join(tmp, "con-regola-utente.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

describe("barometro ricalcola writes the Barometro as conditional formatting", () => {
  const out = join(tmp, "ricalcolato.xlsx");
  let testo: string[];

  beforeAll(async () => {
    const c = capture();
    expect(await main(["ricalcola", CAMPIONE, "--out", out], c.io)).toBe(0);
    expect(c.err).toEqual([]);
    testo = c.out;
  });

  it("the saved file holds Barometro's rules, read back with ExcelJS: formulas without '=', fills, column N", async () => {
    expect(testo.join("\n")).toMatch(
      new RegExp(`140 celle Barometro colorate, ${REGOLE} regole di formattazione condizionale\\.$`)
    );
    const ws = (await leggi(out)).getWorksheet(FOGLIO)!;
    const { linee, risultato } = await elabora(CAMPIONE);
    const attese = regoleCondizionali(linee, risultato.linee, BANDE_PREDEFINITE, true);
    const lette = nostre(ws).flatMap((cf) =>
      cf.rules.map((r) => {
        const fill = r.style?.fill as ExcelJS.FillPattern;
        return [cf.ref, (r as { formulae: string[] }).formulae[0], fill.bgColor?.argb, r.type];
      })
    );
    expect(lette.sort()).toEqual(
      attese.map((r) => [r.aree.join(" "), r.formula.slice(1), argb(r.colore), "expression"]).sort()
    );
    expect(lette.every(([ref]) => (ref as string).split(" ").every((a) => /^N\d+(:N\d+)?$/.test(a)))).toBe(true);
    expect(formattazioniDi(ws)).toHaveLength(REGOLE);
    // Excel refuses array constants, unions and intersections in conditional formats (it would
    // "repair" the file): none of the rules holds an array constant.
    expect(lette).toHaveLength(REGOLE);
    expect(lette.filter(([, formula]) => (formula as string).includes("{"))).toEqual([]);
    expect(lette.every(([, formula]) => costruttiVietati(`=${formula as string}`).length === 0)).toBe(true);
  });

  it("opened in any Excel, the colours are the fills' and follow the data with no add-in", async () => {
    const cartella = cartellaDaExcelJS(await leggi(out), { valutaFormula: calcolaFormula });
    const ws = cartella.foglio(FOGLIO)!;
    const { linee } = await elabora(CAMPIONE);
    let regolate = 0;
    for (const ind of linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori))) {
      const { row, col } = parseA1(ind.celle.barometro!);
      if (ws.regolaVisibile(row, col)) regolate++;
      expect(ws.coloreVisto(row, col)).toBe(ws.cellaIn(row, col)?.colore ?? null);
    }
    expect(regolate).toBe(138);
    const palestre = linee
      .flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori))
      .find((i) => i.nome === "Aumento spazi palestre cittadine")!;
    const n = parseA1(palestre.celle.barometro!);
    expect(ws.coloreVisto(n.row, n.col)).toBe(ROSSO);
    // A colleague types a consuntivo; Excel recalculates % Ragg, which the rule reads.
    ws.imposta(palestre.celle.consuntivo!, { valore: 1000 }); // 83,3 %
    ricalcolaFormule(cartella);
    expect(ws.coloreVisto(n.row, n.col)).toBe(GIALLO);
    ws.imposta(palestre.celle.consuntivo!, { valore: 1200 });
    ricalcolaFormule(cartella);
    expect(ws.coloreVisto(n.row, n.col)).toBe(VERDE);
  });

  it("run again on its own output: the same rules, the same cells", async () => {
    const due = join(tmp, "due-volte.xlsx");
    const c = capture();
    expect(await main(["ricalcola", out, "--out", due], c.io)).toBe(0);
    const [a, b] = await Promise.all([leggi(out), leggi(due)]);
    expect(JSON.stringify(formattazioniDi(b.getWorksheet(FOGLIO)!))).toBe(
      JSON.stringify(formattazioniDi(a.getWorksheet(FOGLIO)!))
    );
    const [sa, sb] = await Promise.all([snapshot(out), snapshot(due)]);
    expect([...sb.cells].filter(([k, v]) => JSON.stringify(sa.cells.get(k)) !== JSON.stringify(v))).toEqual([]);
  });
});

describe("the user's own conditional formatting", () => {
  it("survives: only Barometro's marked rules are replaced, the user's keep formula, range and fill", async () => {
    const input = await conRegolaUtente();
    const once = join(tmp, "utente-1.xlsx");
    const twice = join(tmp, "utente-2.xlsx");
    expect(await main(["ricalcola", input, "--out", once], capture().io)).toBe(0);
    expect(await main(["ricalcola", once, "--out", twice], capture().io)).toBe(0);
    for (const file of [once, twice]) {
      const ws = (await leggi(file)).getWorksheet(FOGLIO)!;
      const cfs = formattazioniDi(ws);
      const sua = cfs.filter((cf) => cf.ref === "H12:H30");
      expect(sua).toHaveLength(1);
      expect(sua[0].rules).toEqual([
        expect.objectContaining({
          type: "expression",
          formulae: ["$H12>1000"],
          style: expect.objectContaining({ fill: expect.objectContaining({ bgColor: { argb: "FF0000FF" } }) }),
        }),
      ]);
      expect(nostre(ws)).toHaveLength(REGOLE);
      // Barometro's first, the user's after; priorities unique.
      const priorita = cfs.flatMap((cf) => cf.rules.map((r) => r.priority));
      expect(new Set(priorita).size).toBe(priorita.length);
      expect(sua[0].rules[0].priority).toBe(REGOLE + 1);
    }
  });

  it("--senza-formattazione on a file with Barometro's rules removes them (only them) and writes plain labels", async () => {
    const input = await conRegolaUtente();
    const conRegole = join(tmp, "con-regole.xlsx");
    expect(await main(["ricalcola", input, "--out", conRegole], capture().io)).toBe(0);
    const prima = (await leggi(conRegole)).getWorksheet(FOGLIO)!;
    expect(nostre(prima)).toHaveLength(REGOLE);
    // Labels as formulas that follow the data (a neutralised objective's rows keep their static label).
    const formulePrima = celleBarometro(prima).filter((v) => typeof v === "object" && v !== null && "formula" in v);
    expect(formulePrima).toHaveLength(nonNeutralizzati);
    expect(nonNeutralizzati).toBeGreaterThan(100);

    const senza = join(tmp, "senza.xlsx");
    const c = capture();
    expect(await main(["ricalcola", conRegole, "--out", senza, "--senza-formattazione"], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(
      new RegExp(
        `140 celle Barometro colorate, nessuna regola di formattazione condizionale \\(--senza-formattazione; tolte ${REGOLE} regole di Barometro\\)\\.$`
      )
    );
    const ws = (await leggi(senza)).getWorksheet(FOGLIO)!;
    // No Barometro rule left; the user's rule as it was (formula, range, fill).
    expect(nostre(ws)).toEqual([]);
    expect(formattazioniDi(ws).map((cf) => cf.ref)).toEqual(["H12:H30"]);
    expect(formattazioniDi(ws)[0].rules).toEqual([
      expect.objectContaining({
        type: "expression",
        formulae: ["$H12>1000"],
        style: expect.objectContaining({ fill: expect.objectContaining({ bgColor: { argb: "FF0000FF" } }) }),
      }),
    ]);
    // The labels are plain text: the formulas that followed the data are gone with the rules.
    const etichette = celleBarometro(ws);
    expect(etichette).toHaveLength(140);
    expect(etichette.every((v) => typeof v === "string" && v !== "")).toBe(true);
    expect(new Set(etichette)).toEqual(
      new Set(["Raggiunto", "Parzialmente raggiunto", "Non raggiunto", "Neutralizzato"])
    );

    const err = capture();
    expect(await main(["verifica", input, "--senza-formattazione"], err.io)).toBe(2);
    expect(err.err.join("\n")).toContain("--senza-formattazione vale solo per «ricalcola»");
  });
});
