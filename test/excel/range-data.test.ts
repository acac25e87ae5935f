import { areeUnite, grigliaDaDati, righeUsate, selezioneDaIndirizzo, valoreCella } from "../../src/excel/range-data";

describe("range-data: Office's loaded data → SheetGrid", () => {
  it("takes the origin from the used range's address, empty strings as blanks, formulas from the formula areas", () => {
    const grid = grigliaDaDati({
      nome: "Obiettivi 2024",
      usato: {
        address: "'Obiettivi 2024'!C5:E6",
        values: [
          ["Indicatore", 10, ""],
          [true, "#DIV/0!", 3],
        ],
        numberFormat: [
          ["General", "#,##0", "General"],
          ["General", "General", "0.00%"],
        ],
      },
      formule: [
        { address: "'Obiettivi 2024'!D6:E6", formulas: [["=1/0", "=A1+2"]] },
        { address: "'Obiettivi 2024'!Z99", formulas: [["=fuori"]] },
      ],
      unioni: ["'Obiettivi 2024'!C5:C6, 'Obiettivi 2024'!A1:B1", "'Obiettivi 2024'!C5:C6"],
    });
    expect(grid.name).toBe("Obiettivi 2024");
    expect(grid.origin).toEqual({ row: 4, col: 2 });
    expect(grid.values).toEqual([
      ["Indicatore", 10, null],
      [true, "#DIV/0!", 3],
    ]);
    expect(grid.numberFormats).toEqual([
      ["General", "#,##0", "General"],
      ["General", "General", "0.00%"],
    ]);
    expect(grid.formulas).toEqual([
      [null, null, null],
      [null, "=1/0", "=A1+2"],
    ]);
    expect(grid.merges).toEqual([
      { top: 4, left: 2, bottom: 5, right: 2 },
      { top: 0, left: 0, bottom: 0, right: 1 },
    ]);
  });

  it("gives an empty grid for a blank sheet and skips unreadable merge lists", () => {
    expect(grigliaDaDati({ nome: "Vuoto", usato: null, formule: [], unioni: ["'rotto!A1"] })).toEqual({
      name: "Vuoto",
      values: [],
      numberFormats: [],
      formulas: [],
      merges: [],
    });
    expect(areeUnite(["", "Foglio1!A1:A2"])).toEqual([{ top: 0, left: 0, bottom: 1, right: 0 }]);
  });

  it("converts values", () => {
    expect(valoreCella("")).toBeNull();
    expect(valoreCella(0)).toBe(0);
    expect(valoreCella(false)).toBe(false);
    expect(valoreCella({})).toBeNull();
  });

  it("reads the selection's sheet and first area", () => {
    expect(selezioneDaIndirizzo("'Obiettivi 2024'!B7:D9, 'Obiettivi 2024'!F3")).toEqual({
      foglio: "Obiettivi 2024",
      indirizzo: "B7:D9",
    });
    expect(selezioneDaIndirizzo("Foglio1!7:7")).toEqual({ foglio: "Foglio1", indirizzo: "A7:XFD7" });
    expect(selezioneDaIndirizzo("B7")).toBeNull();
    expect(selezioneDaIndirizzo("")).toBeNull();
    expect(selezioneDaIndirizzo("'rotto")).toBeNull();
  });

  it("gives the used rows", () => {
    expect(righeUsate({ address: "Foglio1!B3:N140", values: [], numberFormat: [] })).toEqual({ top: 2, bottom: 139 });
    expect(righeUsate(null)).toBeNull();
  });
});
