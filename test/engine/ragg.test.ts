import { calcolaRagg, calcolaScostamento } from "../../src/engine/ragg";

describe("calcolaRagg ↑ (crescente, default)", () => {
  test.each<[number, number, number]>([
    [100, 100, 100],
    [100, 120, 100],
    [70, 100, 100],
    [3800, 3800, 100],
    [50, 39, 78],
    [1200, 500, (500 / 1200) * 100],
    [3, 1, (1 / 3) * 100],
    [100, 85, 85],
    [100, 0, 0],
    [8, 5, 62.5],
  ])("atteso %p, consuntivo %p → %p", (atteso, consuntivo, expected) => {
    expect(calcolaRagg(atteso, consuntivo)).toBeCloseTo(expected, 10);
    expect(calcolaRagg(atteso, consuntivo, "crescente")).toBeCloseTo(expected, 10);
  });

  test("result is unrounded", () => {
    expect(calcolaRagg(1200, 500)).toBeCloseTo(41.6666667, 6);
    expect(calcolaRagg(1200, 500)).not.toBe(42);
  });

  test("negative consuntivo is floored at 0", () => {
    expect(calcolaRagg(100, -10)).toBe(0);
  });

  test("atteso 0: 100 when consuntivo ≥ 0, otherwise 0", () => {
    expect(calcolaRagg(0, 0)).toBe(100);
    expect(calcolaRagg(0, 5)).toBe(100);
    expect(calcolaRagg(0, -5)).toBe(0);
  });

  test("binary indicators (1 = fatto 0 = non fatto) follow the same rule", () => {
    expect(calcolaRagg(1, 1)).toBe(100);
    expect(calcolaRagg(1, 0)).toBe(0);
    expect(calcolaRagg(0, 1)).toBe(100);
  });
});

describe("calcolaRagg ↓ (decrescente)", () => {
  test.each<[number, number, number]>([
    [4, 3, 100],
    [4, 4, 100],
    [10, 20, 50],
    [5, 34, (5 / 34) * 100],
    [3, 4, 75],
    [0, 0, 100],
    [0, 5, 0],
    [5, 0, 100],
  ])("atteso %p, consuntivo %p → %p", (atteso, consuntivo, expected) => {
    expect(calcolaRagg(atteso, consuntivo, "decrescente")).toBeCloseTo(expected, 10);
  });

  test("consuntivo 0 → 100 even when atteso is negative", () => {
    expect(calcolaRagg(-5, 0, "decrescente")).toBe(100);
  });

  test("polarity changes the result", () => {
    expect(calcolaRagg(4, 3, "crescente")).toBeCloseTo(75, 10);
    expect(calcolaRagg(4, 3, "decrescente")).toBe(100);
    expect(calcolaRagg(5, 34, "crescente")).toBe(100);
    expect(calcolaRagg(5, 34, "decrescente")).toBeCloseTo(14.7058824, 6);
  });
});

describe("calcolaRagg range", () => {
  const valori = [-100, -3.5, -1, 0, 0.5, 1, 2, 3, 50, 99.9, 100, 1e6];
  test.each(["crescente", "decrescente"] as const)("%s always returns a finite number in [0, 100]", (polarita) => {
    for (const a of valori) {
      for (const c of valori) {
        const r = calcolaRagg(a, c, polarita);
        expect(Number.isFinite(r)).toBe(true);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe("calcolaScostamento", () => {
  test.each<[number, number, number]>([
    [70, 100, 30],
    [3, 1, -2],
    [60, 100, 40],
    [1, 1, 0],
    [1.5, 2.25, 0.75],
  ])("consuntivo − atteso: atteso %p, consuntivo %p → %p", (atteso, consuntivo, expected) => {
    expect(calcolaScostamento(atteso, consuntivo)).toBeCloseTo(expected, 10);
  });
});
