import { calcolaIndicatore, calcolaObiettivo } from "../../src/engine/raggiungimento";
import { verifica } from "../../src/engine/verifiche";
import { ind, linea, obiettivo } from "../support/modello";

describe("a % Ragg cell holding the user's own formula", () => {
  it("uses the formula's numeric result, and keeps the rule's value beside it", () => {
    const r = calcolaIndicatore(
      ind({ atteso: 100, consuntivo: 100, ragg: 50, formule: { ragg: "=MIN(100;H7/G7*50)" } })
    );
    expect(r).toMatchObject({ ragg: 50, raggRegola: 100, daFormula: true, daRilevare: false });
  });

  it("counts the formula's value in the objective, and Verifica reports the difference from the rule", () => {
    const a = ind({ atteso: 100, consuntivo: 100, peso: 50, ragg: 50, formule: { ragg: "=H7/G7*50" } });
    const b = ind({ atteso: 10, consuntivo: 10, peso: 50 });
    const o = obiettivo("O", [a, b]);
    expect(calcolaObiettivo(o).ragg).toBeCloseTo(75, 10);
    const avvisi = verifica([linea("L", [o])]);
    expect(avvisi.map((x) => [x.codice, x.cella])).toEqual([["RAGG_DIVERSO", a.celle.ragg]]);
  });

  it("falls back to the rule when the formula's result is not a number (an error, text)", () => {
    for (const valore of ["#VALUE!", "n.d.", null]) {
      const r = calcolaIndicatore(
        ind({ atteso: 3, consuntivo: 1, ragg: valore, formule: { ragg: "=PERF.RAGG(G7,H7)" } })
      );
      expect(r.ragg).toBeCloseTo(100 / 3, 10);
      expect(r.daFormula).toBe(false);
    }
  });

  it("ignores the value of a plain % Ragg cell: the rule decides", () => {
    const r = calcolaIndicatore(ind({ atteso: 3, consuntivo: 1, ragg: 90 }));
    expect(r).toMatchObject({
      ragg: expect.closeTo(100 / 3, 10),
      raggRegola: expect.closeTo(100 / 3, 10),
      daFormula: false,
    });
  });
});

test("=PERF.RAGG(…) is the rule itself: the rule's value is used, not a possibly stale cached one", () => {
  const r = calcolaIndicatore(ind({ atteso: 3, consuntivo: 1, ragg: 100, formule: { ragg: "=perf.ragg(G7,H7)" } }));
  expect(r.ragg).toBeCloseTo(100 / 3, 10);
  expect(r.daFormula).toBe(false);
});
