import fc from "fast-check";
import type { Area } from "../../src/layout/griglia";
import { IndiceUnioni } from "../../src/layout/unioni";

/** What areaDi must answer, straight from the definition: the first listed area holding the cell. */
function attesa(aree: Area[], origine: { row: number; col: number }, righe: number, colonne: number) {
  return (riga: number, colonna: number) => {
    for (const a of aree) {
      const top = Math.min(a.top, a.bottom) - origine.row;
      const bottom = Math.min(righe - 1, Math.max(a.top, a.bottom) - origine.row);
      const left = Math.min(a.left, a.right) - origine.col;
      const right = Math.min(colonne - 1, Math.max(a.left, a.right) - origine.col);
      if (riga >= Math.max(0, top) && riga <= bottom && colonna >= Math.max(0, left) && colonna <= right)
        return { top, left, bottom, right };
    }
    return undefined;
  };
}

const area = fc.record({
  top: fc.integer({ min: -3, max: 14 }),
  bottom: fc.integer({ min: -3, max: 14 }),
  left: fc.integer({ min: -3, max: 9 }),
  right: fc.integer({ min: -3, max: 9 }),
});

describe("IndiceUnioni", () => {
  test("finds the first listed area holding each cell, by cell index or by row lists alike", () => {
    fc.assert(
      fc.property(
        fc.array(area, { maxLength: 8 }),
        fc.record({ row: fc.integer({ min: 0, max: 2 }), col: fc.integer({ min: 0, max: 2 }) }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 7 }),
        (aree, origine, righe, colonne) => {
          const perCella = new IndiceUnioni(aree, origine, righe, colonne);
          const perRiga = new IndiceUnioni(aree, origine, righe, colonne, 0);
          const atteso = attesa(aree, origine, righe, colonne);
          for (let r = -1; r <= righe; r++)
            for (let c = -1; c <= colonne; c++) {
              expect(perCella.areaDi(r, c)).toEqual(atteso(r, c));
              expect(perRiga.areaDi(r, c)).toEqual(atteso(r, c));
            }
        }
      ),
      { numRuns: 500 }
    );
  });

  test("a merge over a whole column of a million rows costs the grid's rows, not a million", () => {
    const indice = new IndiceUnioni([{ top: 0, left: 2, bottom: 1_048_575, right: 2 }], { row: 0, col: 0 }, 10, 5);
    expect(indice.areaDi(9, 2)).toEqual({ top: 0, left: 2, bottom: 9, right: 2 });
    expect(indice.areaDi(10, 2)).toBeUndefined();
    expect(indice.coperta(9, 2)).toBe(true);
    expect(indice.coperta(0, 2)).toBe(false);
  });

  test("malformed areas are dropped, not thrown on", () => {
    const indice = new IndiceUnioni(
      [null, 7, { top: NaN, left: 0, bottom: 1, right: 1 }, { top: 1, left: 1, bottom: 0, right: 0 }],
      { row: 0, col: 0 },
      3,
      3
    );
    expect(indice.areaDi(0, 0)).toEqual({ top: 0, left: 0, bottom: 1, right: 1 });
    expect(indice.areaDi(2, 2)).toBeUndefined();
  });
});
