/**
 * Property-based tests (fast-check) of the layout reader and the engine on random grids:
 * they never throw, every percentage is within 0–100 or missing, and the result does not depend
 * on the order of the columns or on extra columns.
 */
import fc from "fast-check";
import {
  Avviso,
  calcolaEnte,
  calcolaObiettivo,
  calcolaRagg,
  formatNumero,
  formatPercentuale,
  Indicatore,
  Linea,
  numeroDaCella,
  RisultatoEnte,
  ValoreCella,
  verifica,
} from "../../src/engine";
import { creaPatch, leggiLinee, parseA1 } from "../../src/layout";
import { ind, obiettivo } from "../support/modello";
import { costruisci, disposizione, grigliaSpazzatura, specFoglio, valoreNumerico } from "./generatori";
import { percentualiFuoriScala } from "./strumenti";

/** BAROMETRO_FC_RUNS=2000 for a longer search. */
const RUNS = { numRuns: Number(process.env.BAROMETRO_FC_RUNS ?? 150) };

function tutteLePercentuali(r: RisultatoEnte): (number | null)[] {
  return [
    r.percentuale,
    ...r.linee.flatMap((l) => [
      l.percentuale,
      ...l.obiettivi.flatMap((o) => [o.ragg, ...o.indicatori.flatMap((i) => [i.ragg, i.raggRegola])]),
    ]),
  ];
}

/** What a person reads in the results, whatever the columns: names, counts, every percentage, the findings by row. */
function sintesi(linee: Linea[], r: RisultatoEnte, avvisi: Avviso[]) {
  return {
    ente: r.percentuale,
    linee: linee.map((l, i) => ({
      nome: l.nome,
      percentuale: r.linee[i].percentuale,
      incompleta: r.linee[i].incompleta,
      neutralizzati: r.linee[i].neutralizzati,
      obiettivi: l.obiettivi.map((o, k) => ({
        nome: o.nome,
        riga: o.riga,
        ragg: r.linee[i].obiettivi[k].ragg,
        indicatori: o.indicatori.map((x, j) => ({
          nome: x.nome,
          riga: x.riga,
          ragg: r.linee[i].obiettivi[k].indicatori[j].ragg,
          scostamento: r.linee[i].obiettivi[k].indicatori[j].scostamento,
        })),
      })),
    })),
    avvisi: avvisi.map((a) => `${a.codice} ${a.linea} riga ${a.cella ? parseA1(a.cella).row + 1 : "?"}`).sort(),
  };
}

function leggiECalcola(grid: Parameters<typeof leggiLinee>[0][number]) {
  const { linee, errore } = leggiLinee([grid]);
  const risultato = calcolaEnte(linee);
  return { linee, errore, risultato, avvisi: verifica(linee, risultato.linee) };
}

describe("the reader and the engine on sheets in the staff's layout", () => {
  it("never throw, always find the table, and every percentage is within 0–100 or missing", () => {
    fc.assert(
      fc.property(specFoglio, (spec) => {
        const { linee, errore, risultato } = leggiECalcola(costruisci(spec));
        expect(errore).toBeNull();
        expect(linee.length).toBeGreaterThan(0);
        expect(percentualiFuoriScala(tutteLePercentuali(risultato))).toEqual([]);
        // What Barometro would write is finite, and never text that Excel would take for a formula.
        for (const s of creaPatch(linee, risultato.linee).scritture) {
          if (typeof s.valore === "number") expect(Number.isFinite(s.valore)).toBe(true);
          else expect(s.valore).not.toMatch(/^[=+\-@]/);
        }
      }),
      RUNS
    );
  });

  it("give the same result whatever the order of the columns and with extra columns", () => {
    const caso = specFoglio.chain((spec) => fc.tuple(fc.constant(spec), disposizione(spec.polarita)));
    fc.assert(
      fc.property(caso, ([spec, d]) => {
        const base = leggiECalcola(costruisci(spec));
        const permutata = leggiECalcola(costruisci(spec, d));
        expect(permutata.errore).toBeNull();
        expect(sintesi(permutata.linee, permutata.risultato, permutata.avvisi)).toEqual(
          sintesi(base.linee, base.risultato, base.avvisi)
        );
      }),
      RUNS
    );
  });

  it("read every column where the permuted header says it is", () => {
    const caso = specFoglio.chain((spec) => fc.tuple(fc.constant(spec), disposizione(spec.polarita)));
    fc.assert(
      fc.property(caso, ([spec, d]) => {
        const { linee } = leggiECalcola(costruisci(spec, d));
        const lettera = (campo: string) => {
          const i = d.colonne.findIndex((c) => c.campo === campo);
          return String.fromCharCode(65 + i);
        };
        for (const x of linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori)))
          for (const campo of ["atteso", "consuntivo", "peso", "indicatore"] as const)
            expect(x.celle[campo]).toBe(`${lettera(campo)}${x.riga}`);
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 3) }
    );
  });
});

describe("garbage grids", () => {
  it("the reader, the engine, Verifica and the patch never throw; percentages stay within 0–100", () => {
    fc.assert(
      fc.property(fc.array(grigliaSpazzatura, { minLength: 0, maxLength: 3 }), (fogli) => {
        const { linee, errore } = leggiLinee(fogli);
        expect(Array.isArray(linee)).toBe(true);
        if (errore !== null) expect(errore).not.toMatch(/inatteso/);
        const risultato = calcolaEnte(linee);
        expect(percentualiFuoriScala(tutteLePercentuali(risultato))).toEqual([]);
        verifica(linee, risultato.linee);
        creaPatch(linee, risultato.linee);
      }),
      { numRuns: 2 * RUNS.numRuns }
    );
  });
});

describe("the engine on random values", () => {
  const finito = fc.double({ noNaN: true, noDefaultInfinity: true });

  it("% Ragg is within 0–100 for any finite atteso and consuntivo, either polarity", () => {
    fc.assert(
      fc.property(finito, finito, fc.constantFrom("crescente" as const, "decrescente" as const), (a, c, p) => {
        const r = calcolaRagg(a, c, p);
        expect(r >= 0 && r <= 100).toBe(true);
      }),
      { numRuns: 3 * RUNS.numRuns }
    );
  });

  it("an objective is within 0–100 or missing, whatever its weights and values (huge ones included)", () => {
    const indicatore = fc.record({
      atteso: valoreNumerico,
      consuntivo: valoreNumerico,
      peso: fc.oneof(valoreNumerico, fc.constantFrom(1e308, 1.7e308, Number.MAX_VALUE)),
      formulaRagg: fc.option(fc.tuple(fc.constant("=A1*2"), valoreNumerico), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(indicatore, { minLength: 1, maxLength: 5 }), (righe) => {
        const o = obiettivo(
          "O",
          righe.map((x) =>
            ind({
              atteso: x.atteso,
              consuntivo: x.consuntivo,
              peso: x.peso,
              ragg: x.formulaRagg?.[1],
              formule: x.formulaRagg ? { ragg: x.formulaRagg[0] } : {},
            } as Partial<Indicatore>)
          )
        );
        const r = calcolaObiettivo(o);
        expect(percentualiFuoriScala([r.ragg, ...r.indicatori.flatMap((i) => [i.ragg, i.raggRegola])])).toEqual([]);
        for (const i of r.indicatori) if (i.scostamento !== null) expect(Number.isFinite(i.scostamento)).toBe(true);
      }),
      RUNS
    );
  });

  it("numeroDaCella gives a finite number or null, for anything", () => {
    fc.assert(
      fc.property(fc.oneof(valoreNumerico, fc.string(), fc.double()), (v) => {
        const n = numeroDaCella(v as ValoreCella);
        expect(n === null || Number.isFinite(n)).toBe(true);
      }),
      { numRuns: 3 * RUNS.numRuns }
    );
  });

  it("formatNumero and formatPercentuale never print NaN or Infinity, and group ordinary numbers the Italian way", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const t = formatNumero(x);
        expect(t).not.toMatch(/NaN|Infinity/);
        expect(formatPercentuale(x)).not.toMatch(/NaN|Infinity/);
        if (Number.isFinite(x) && Math.abs(x) < 1e15) expect(t).toMatch(/^-?\d{1,3}(\.\d{3})*,\d{2}$/);
      }),
      { numRuns: 3 * RUNS.numRuns }
    );
  });
});
