/**
 * fast-check generators: sheets in the staff's layout with random values and variants (text
 * numbers, blanks, junk, errors, dates), random column orders and extra columns; and pure
 * garbage grids. The layout is built with the layout tests' FoglioBuilder.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import { ValoreCella } from "../../src/engine";
import { SheetGrid } from "../../src/layout/griglia";
import { Colonna, COLONNE_STANDARD, FoglioBuilder, SpecIndicatore, SpecSezione } from "../layout/grid-builder";

/** A real number: small and ordinary mostly, sometimes extreme. */
export const numeroVero: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: -20, max: 5000 }), weight: 6 },
  { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), weight: 2 },
  { arbitrary: fc.constantFrom(0, 1, 100, -1, 0.5, 1e308, -1.7e308, 5e-324, 1e15, 1e-300), weight: 1 }
);

/** Numbers as the staff type them: "3.800", "78,5", "92,30%"… and a few that are not numbers after all. */
export const testoNumero: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("3.800", "1.545", "78,5", "92,30%", "80%", " 100 ", "2.5", "-3", "1.000,5", "0", "0,0", "1.2.3"),
  fc.integer({ min: 0, max: 99_999 }).map((n) => n.toLocaleString("it-IT")),
  fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`)
);

/** What does not belong in a numeric column. */
export const spazzatura: fc.Arbitrary<ValoreCella> = fc.constantFrom<ValoreCella>(
  "n.d.",
  "—",
  "circa 50",
  "",
  "   ",
  "#N/A",
  "#DIV/0!",
  "#REF!",
  "#VALUE!",
  "=1+1",
  '=HYPERLINK("http://x";"y")',
  "x".repeat(300),
  true,
  false,
  new Date(Date.UTC(2024, 5, 30)),
  null,
  undefined
);

/** Any value a numeric cell of the report may hold. */
export const valoreNumerico: fc.Arbitrary<ValoreCella> = fc.oneof(
  { arbitrary: numeroVero, weight: 8 },
  { arbitrary: testoNumero, weight: 2 },
  { arbitrary: spazzatura, weight: 2 }
);

/** Weights: mostly ordinary, some text, some junk, some 0 (neutralised objectives). */
const peso: fc.Arbitrary<ValoreCella> = fc.oneof(
  { arbitrary: fc.constantFrom(0, 10, 20, 25, 30, 50, 70, 100, 1000), weight: 6 },
  { arbitrary: valoreNumerico, weight: 2 }
);

const testo = fc.oneof(
  fc.constantFrom(
    "Report mensili",
    "Tempo medio di risposta (giorni)",
    "Riduzione delle mancate conformità",
    "Percorso formativo",
    "Obiettivi di mandato 2024–2029 (indicatore)",
    "",
    "=1+1",
    "x".repeat(500)
  ),
  fc.string({ maxLength: 30 })
);

const indicatore: fc.Arbitrary<SpecIndicatore> = fc.record(
  {
    nome: testo,
    formula: fc.constantFrom("1 = fatto 0 = non fatto", "numero", "", "giorni"),
    finalita: testo,
    atteso: valoreNumerico,
    consuntivo: valoreNumerico,
    scostamento: valoreNumerico,
    note: testo,
    peso,
    ragg: fc.oneof(valoreNumerico, fc.double({ min: 0, max: 1, noNaN: true })),
    raggFmt: fc.constantFrom(undefined, "0%", "0.00%", "General", "0"),
    polarita: fc.constantFrom<ValoreCella>(undefined, "", "↑", "↓", "-", "minore", "boh", 3),
    formule: fc.option(fc.record({ ragg: fc.constantFrom("=H7/G7*100", "=PERF.RAGG(G7,H7)", "=MIN(100,150)") }), {
      nil: undefined,
    }),
  },
  { requiredKeys: ["atteso", "consuntivo", "peso"] }
);

const sezione: fc.Arbitrary<SpecSezione> = fc.record(
  {
    titolo: fc.option(
      fc.constantFrom("LINEA STRATEGICA SULLO SPORT", "LINEA STRATEGICA SULL'AMBIENTE", "OBIETTIVI DI MANDATO"),
      { nil: undefined }
    ),
    percentuale: fc.option(
      fc.record({
        valore: fc.oneof(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.constantFrom<ValoreCella>(null, "92,30%", 84.44)
        ),
        fmt: fc.constantFrom(undefined, "0.00%", "General"),
        dove: fc.constantFrom("destra" as const, "sotto" as const),
        righeVuote: fc.integer({ min: 0, max: 3 }),
        larghezzaEtichetta: fc.integer({ min: 1, max: 3 }),
      }),
      { nil: undefined }
    ),
    continuazione: fc.constantFrom("unione" as const, "vuota" as const),
    intestazioneRipetuta: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 2 }),
    righeVuote: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 2 }),
    obiettivi: fc.array(
      fc.record({
        settore: fc.constantFrom("Settore Sport", "Settore Ambiente", ""),
        nome: fc.constantFrom("Obiettivo A", "Obiettivo B", "Obiettivo A", "Monitoraggio"),
        definizione: testo,
        indicatori: fc.array(indicatore, { minLength: 1, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 4 }
    ),
  },
  { requiredKeys: ["obiettivi", "continuazione"] }
);

/** A sheet's content: one to three sections, optionally with the Polarità column. */
export interface SpecFoglio {
  sezioni: SpecSezione[];
  polarita: boolean;
}

export const specFoglio: fc.Arbitrary<SpecFoglio> = fc.record({
  sezioni: fc.array(sezione, { minLength: 1, maxLength: 3 }),
  polarita: fc.boolean(),
});

/** Header texts of extra columns no rule recognises, with the values their cells may hold. */
const EXTRA = ["Responsabile", "Codice PEG", "Missione", "Programma", "Anno", "Stakeholder", "Colonna 1"];

/** A column layout: the standard columns (plus Polarità) in some order, with extra columns mixed in. */
export interface Disposizione {
  colonne: Colonna[];
  /** Values of the extra columns, cycled over the indicator rows. */
  valoriExtra: ValoreCella[];
}

export function colonneBase(polarita: boolean): Colonna[] {
  return polarita ? [...COLONNE_STANDARD, { titolo: "Polarità", campo: "polarita" }] : [...COLONNE_STANDARD];
}

export const disposizione = (polarita: boolean): fc.Arbitrary<Disposizione> => {
  const base = colonneBase(polarita);
  return fc
    .record({
      ordine: fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }),
      extra: fc.array(fc.record({ titolo: fc.constantFrom(...EXTRA), posizione: fc.nat() }), { maxLength: 3 }),
      valoriExtra: fc.array(valoreNumerico, { minLength: 1, maxLength: 5 }),
    })
    .map(({ ordine, extra, valoriExtra }) => {
      const colonne = [...ordine];
      const usati = new Set<string>();
      for (const e of extra) {
        if (usati.has(e.titolo)) continue;
        usati.add(e.titolo);
        colonne.splice(e.posizione % (colonne.length + 1), 0, { titolo: e.titolo });
      }
      return { colonne, valoriExtra };
    });
};

/** The sheet a spec describes with the given columns (the standard layout when none). */
export function costruisci(spec: SpecFoglio, d?: Disposizione, nome = "Obiettivi 2024"): SheetGrid {
  const b = new FoglioBuilder(nome);
  const colonne = d?.colonne ?? colonneBase(spec.polarita);
  let k = 0;
  for (const s of spec.sezioni) {
    const obiettivi = s.obiettivi.map((o) => ({
      ...o,
      indicatori: o.indicatori.map((ind) => {
        const extra: Record<string, ValoreCella> = {};
        for (const c of colonne) if (!c.campo && d) extra[c.titolo] = d.valoriExtra[k++ % d.valoriExtra.length];
        return { ...ind, extra };
      }),
    }));
    b.sezione({ ...s, colonne, obiettivi });
    b.vuote(1);
  }
  return b.build();
}

// ───────────────────────────── garbage ─────────────────────────────

const cellaQualsiasi: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...COLONNE_STANDARD.map((c) => c.titolo), "Polarità"), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      "LINEA STRATEGICA SULLO SPORT",
      "OBIETTIVI DI MANDATO",
      "% Raggiungimento obiettivi per area strategica"
    ),
    weight: 1,
  },
  { arbitrary: valoreNumerico, weight: 4 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.date(), weight: 1 },
  { arbitrary: fc.anything({ maxDepth: 1 }), weight: 1 }
);

const area = fc.record({
  top: fc.integer({ min: -3, max: 25 }),
  left: fc.integer({ min: -3, max: 18 }),
  bottom: fc.integer({ min: -3, max: 25 }),
  right: fc.integer({ min: -3, max: 18 }),
});

/** Anything at all shaped roughly like a grid: ragged rows, odd values, odd merges, formats and formulas. */
export const grigliaSpazzatura: fc.Arbitrary<SheetGrid> = fc
  .record({
    name: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(undefined)),
    righe: fc.array(fc.array(cellaQualsiasi, { maxLength: 16 }), { maxLength: 25 }),
    merges: fc.array(fc.oneof({ arbitrary: area, weight: 5 }, { arbitrary: fc.anything({ maxDepth: 1 }), weight: 1 }), {
      maxLength: 6,
    }),
    formato: fc.constantFrom("General", "0.00%", "dd/mm/yyyy", '0"%"', null),
    formula: fc.constantFrom("", "=A1", "=PERF.RAGG(A1,B1)", null),
    origin: fc.option(fc.record({ row: fc.integer({ min: -2, max: 50 }), col: fc.integer({ min: -2, max: 30 }) }), {
      nil: undefined,
    }),
  })
  .map(
    ({ name, righe, merges, formato, formula, origin }) =>
      ({
        name,
        origin,
        values: righe,
        numberFormats: righe.map((r) => r.map((_, j) => (j % 3 === 0 ? formato : "General"))),
        formulas: righe.map((r) => r.map((_, j) => (j % 5 === 4 ? formula : ""))),
        merges,
      }) as unknown as SheetGrid
  );

// ───────────────────────────── grid → .xlsx ─────────────────────────────

/** A SheetGrid (as the builder makes it) written into an ExcelJS worksheet: values, formats, formulas, merges. */
export function inFoglioExcel(wb: ExcelJS.Workbook, grid: SheetGrid): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(grid.name);
  const r0 = grid.origin?.row ?? 0;
  const c0 = grid.origin?.col ?? 0;
  grid.values.forEach((riga, i) =>
    riga.forEach((v, j) => {
      const formula = grid.formulas?.[i]?.[j];
      const formato = grid.numberFormats?.[i]?.[j];
      if (v === null || (v === undefined && !formula && (!formato || formato === "General"))) return;
      const cella = ws.getCell(r0 + i + 1, c0 + j + 1);
      const valore = v === undefined ? null : typeof v === "number" && !Number.isFinite(v) ? null : v;
      cella.value = formula
        ? ({ formula: formula.slice(1), result: valore ?? undefined } as ExcelJS.CellFormulaValue)
        : (valore as ExcelJS.CellValue);
      if (formato && formato !== "General") cella.style = { numFmt: formato };
    })
  );
  for (const m of grid.merges) {
    try {
      ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    } catch {
      // overlapping merges: the builder never makes them; skip
    }
  }
  return ws;
}
