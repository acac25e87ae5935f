/**
 * PERF.OBIETTIVO / PERF.LINEA and the engine combine an objective's indicators with one function
 * (combinaIndicatori): beyond the sample, on generated weights — huge (1e308, Number.MAX_VALUE),
 * tiny (1e-300, Number.MIN_VALUE), zero — and values, they give the same number, the same
 * «Neutralizzato», and #N/A exactly where the engine's value is partial.
 */
import fc from "fast-check";
import "./fake-custom-functions";
import * as F from "../../src/functions/functions";
import { calcolaIndicatore, calcolaLinea, calcolaObiettivo, combinaIndicatori, Indicatore } from "../../src/engine";
import { ind, linea, obiettivo } from "../support/modello";

const pesoGenerato = fc.oneof(
  fc.constantFrom(0, 1, 1e308, Number.MAX_VALUE, 1e-300, Number.MIN_VALUE),
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: 0, max: 1e6, noNaN: true })
);

/** A row: weight (or missing) and consuntivo against an atteso of 100 (or missing), never both missing. */
const rigaGenerata = fc
  .record({
    peso: fc.option(pesoGenerato, { nil: null, freq: 6 }),
    consuntivo: fc.option(fc.double({ min: 0, max: 150, noNaN: true }), { nil: null, freq: 6 }),
  })
  .filter((r) => r.peso !== null || r.consuntivo !== null);

const obiettivoGenerato = fc.array(rigaGenerata, { minLength: 1, maxLength: 6 });

function indicatori(righe: Array<{ peso: number | null; consuntivo: number | null }>): Indicatore[] {
  return righe.map((r) => ind({ atteso: 100, consuntivo: r.consuntivo, peso: r.peso }));
}

/** PERF.OBIETTIVO fed as a sheet would: the weight column and the engine's % Ragg of each row (blank when missing). */
function perfObiettivo(inds: Indicatore[]): unknown {
  const pesi = inds.map((i) => [i.peso ?? ""]);
  const ragg = inds.map((i) => [calcolaIndicatore(i).ragg ?? ""]);
  return F.obiettivo(pesi, ragg);
}

describe("PERF and the engine: one combination of an objective's indicators", () => {
  it("weights 1e308 and 1e308 with % Ragg 80 and 60: 70 from PERF.OBIETTIVO and from the engine (no overflow, no NaN)", () => {
    expect(F.obiettivo([[1e308], [1e308]], [[80], [60]])).toBe(70);
    const o = obiettivo("Grande", [
      ind({ atteso: 100, consuntivo: 80, peso: 1e308 }),
      ind({ atteso: 100, consuntivo: 60, peso: 1e308 }),
    ]);
    expect(calcolaObiettivo(o).ragg).toBe(70);
    expect(
      combinaIndicatori([
        { peso: 1e308, ragg: 80 },
        { peso: 1e308, ragg: 60 },
      ]).ragg
    ).toBe(70);
  });

  it("combinaIndicatori names the first row that leaves the value partial", () => {
    expect(
      combinaIndicatori([
        { peso: 50, ragg: 80 },
        { peso: 0, ragg: null },
        { peso: 50, ragg: null },
      ])
    ).toEqual({
      ragg: 80,
      neutralizzato: false,
      sommaPesi: 100,
      mancante: { indice: 2, dato: "ragg" },
    });
    expect(
      combinaIndicatori([
        { peso: null, ragg: 40 },
        { peso: 10, ragg: 90 },
      ]).mancante
    ).toEqual({ indice: 0, dato: "peso" });
    expect(
      combinaIndicatori([
        { peso: 0, ragg: 40 },
        { peso: 0, ragg: null },
      ])
    ).toMatchObject({ neutralizzato: true, ragg: null });
  });

  it("PERF.OBIETTIVO: a missing weight is reported before an error in the same row's % Ragg, an error before a later gap", () => {
    const testo = "n.d."; // not a number: #VALUE! for that row
    expect(F.obiettivo([[""], [10]], [[testo], [50]])).toMatchObject({
      code: "#N/A",
      message: expect.stringContaining("Riga 1: peso mancante"),
    });
    expect(F.obiettivo([[10], [10]], [[testo], [""]])).toMatchObject({
      code: "#VALUE!",
      message: expect.stringContaining("Riga 1"),
    });
    expect(F.obiettivo([[10], [10]], [[50], [""]])).toMatchObject({
      message: expect.stringContaining("Riga 2: % Ragg mancante"),
    });
  });

  it("generated objectives: PERF.OBIETTIVO gives the engine's value, «Neutralizzato» and #N/A where the engine agrees", () => {
    fc.assert(
      fc.property(obiettivoGenerato, (righe) => {
        const inds = indicatori(righe);
        const motore = calcolaObiettivo(obiettivo("Generato", inds));
        const perf = perfObiettivo(inds);
        const combinato = combinaIndicatori(
          inds.map((i) => ({ peso: i.peso as number | null, ragg: calcolaIndicatore(i).ragg }))
        );
        if (motore.neutralizzato) {
          expect(perf).toBe("Neutralizzato");
        } else if (combinato.mancante) {
          expect(perf).toMatchObject({ code: "#N/A" });
          expect((perf as { message: string }).message).toContain(`Riga ${combinato.mancante.indice + 1}:`);
        } else {
          expect(perf).toBe(motore.ragg);
        }
        if (motore.ragg !== null) {
          expect(Number.isFinite(motore.ragg)).toBe(true);
          expect(motore.ragg).toBeGreaterThanOrEqual(0);
          expect(motore.ragg).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 500 }
    );
  });

  it("generated objectives with normal weights: the value lies between the smallest and the largest % Ragg counted", () => {
    const normale = fc.oneof(
      fc.constantFrom(1e308, Number.MAX_VALUE, 1e-300),
      fc.double({ min: 1e-6, max: 1e6, noNaN: true })
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(normale, fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 1, maxLength: 6 }),
        (righe) => {
          const v = F.obiettivo(
            righe.map(([p]) => [p]),
            righe.map(([, r]) => [r])
          ) as number;
          const ragg = righe.map(([, r]) => r);
          const margine = 1e-9 * Math.max(1, ...ragg);
          expect(v).toBeGreaterThanOrEqual(Math.min(...ragg) - margine);
          expect(v).toBeLessThanOrEqual(Math.max(...ragg) + margine);
        }
      ),
      { numRuns: 500 }
    );
  });

  it("generated lines of complete objectives: PERF.LINEA gives the engine's percentage", () => {
    const completa = fc.array(
      fc.array(fc.record({ peso: pesoGenerato, consuntivo: fc.double({ min: 0, max: 150, noNaN: true }) }), {
        minLength: 1,
        maxLength: 4,
      }),
      { minLength: 1, maxLength: 5 }
    );
    fc.assert(
      fc.property(completa, (gruppi) => {
        const obiettivi = gruppi.map((g, k) => obiettivo(`Obiettivo ${k + 1}`, indicatori(g)));
        const righe = obiettivi.flatMap((o) =>
          o.indicatori.map((i, k) => ({ nome: k === 0 ? o.nome : "", peso: i.peso, ragg: calcolaIndicatore(i).ragg }))
        );
        const perf = F.linea(
          righe.map((r) => [r.nome]),
          righe.map((r) => [r.peso]),
          righe.map((r) => [r.ragg])
        );
        const motore = calcolaLinea(linea("Generata", obiettivi)).percentuale;
        expect(perf).toBe(motore ?? "Neutralizzato");
      }),
      { numRuns: 300 }
    );
  });
});
