import fc from "fast-check";
import { a1, parseA1 } from "../../src/layout/griglia";

describe("parseA1", () => {
  test("reads back every address a1 writes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_048_575 }), fc.integer({ min: 0, max: 16_383 }), (row, col) => {
        expect(parseA1(a1(row, col))).toEqual({ row, col });
      }),
      { numRuns: 2000 }
    );
  });

  test("absolute, lower-case and padded addresses", () => {
    expect(parseA1("$B$7")).toEqual({ row: 6, col: 1 });
    expect(parseA1("b7")).toEqual({ row: 6, col: 1 });
    expect(parseA1(" XFD1048576 ")).toEqual({ row: 1_048_575, col: 16_383 });
    expect(parseA1("AA$10")).toEqual({ row: 9, col: 26 });
  });

  test.each(["", "B", "7", "7B", "B7C", "B$", "$$B7", "B-7", "B7:C8", "Foglio!B7", "É7"])(
    "«%s» is no cell address",
    (indirizzo) => {
      expect(() => parseA1(indirizzo)).toThrow(`Indirizzo di cella non valido: ${indirizzo}`);
    }
  );
});
