import { posizioniDaEliminare } from "../../src/excel/regole-barometro";

const nostra = (linea: string | null) =>
  linea === null ? '=A1+0*N("barometro")' : `=A1+0*N("barometro:${linea}:00000000")`;

describe("posizioniDaEliminare: which rules a write deletes, by position", () => {
  it("only rules with Barometro's marker, of the lines replaced, highest position first", () => {
    const formule = [
      "=$H7>0", // the user's
      nostra("0000000a"),
      null, // a colour scale
      nostra("0000000b"),
      nostra("0000000a"),
      '=A1&"barometro"', // the word alone is not the marker
      nostra(null), // an old marker without a line
    ];
    expect(posizioniDaEliminare(formule, new Set(["0000000a"]))).toEqual([4, 1]);
    expect(posizioniDaEliminare(formule, new Set(["0000000a", "0000000b", null]))).toEqual([6, 4, 3, 1]);
    expect(posizioniDaEliminare(formule, new Set([null]))).toEqual([6]);
    expect(posizioniDaEliminare(formule, new Set())).toEqual([]);
  });
});
