import {
  comeMatrice,
  comeVettore,
  dimensioniComuni,
  ErrorePerf,
  isErrore,
  leggiCella,
  leggiNumero,
  leggiPolarita,
  perCella,
  tutteLeCelle,
} from "../../src/functions/conversioni";

function errore(x: unknown): ErrorePerf {
  if (!isErrore(x)) throw new Error(`atteso un errore, ottenuto ${JSON.stringify(x)}`);
  return x;
}

describe("leggiNumero: numbers as Italian staff type them, as in the engine", () => {
  it.each([
    [3800, 3800],
    ["3.800", 3800],
    ["1.545", 1545],
    ["78,5", 78.5],
    ["92,30%", 92.3],
    ["80%", 80],
    [" 100 ", 100],
    ["2.5", 2.5],
    [-11, -11],
    [0, 0],
  ])("%p → %p", (input, atteso) => {
    expect(leggiNumero(input, "Target atteso")).toBe(atteso);
  });

  it.each([null, undefined, "", "   "])("empty cell %p → null (missing, not 0)", (input) => {
    expect(leggiNumero(input, "Target atteso")).toBeNull();
  });

  it("text that is not a number → #VALUE! quoting the cell", () => {
    const e = errore(leggiNumero("circa 40", "Target consuntivo"));
    expect(e.codice).toBe("#VALUE!");
    expect(e.messaggio).toBe("Target consuntivo «circa 40» non è un numero.");
  });

  it("booleans are not numbers (VERO / FALSO in the message)", () => {
    expect(errore(leggiNumero(true, "Peso")).messaggio).toBe("Peso «VERO» non è un numero.");
    expect(errore(leggiNumero(false, "Peso")).messaggio).toBe("Peso «FALSO» non è un numero.");
  });

  it("Excel data types: the basic value is used", () => {
    expect(leggiNumero({ type: "Double", basicValue: 42 }, "Peso")).toBe(42);
    expect(leggiNumero({ type: "FormattedNumber", basicValue: 0.8, numberFormat: "0%" }, "Peso")).toBe(0.8);
    expect(leggiNumero({ type: "String", basicValue: "3.800" }, "Peso")).toBe(3800);
  });

  it("error values in input cells are passed on, named as Italian Excel shows them", () => {
    expect(errore(leggiNumero({ code: "#N/A", message: "da rilevare" }, "Peso"))).toEqual({
      tipo: "errore",
      codice: "#N/A",
      messaggio: "Peso #N/D in ingresso (da rilevare).",
    });
    expect(errore(leggiNumero({ code: "#N/A" }, "% Ragg")).messaggio).toBe("% Ragg #N/D in ingresso.");
    expect(errore(leggiPolarita({ code: "#VALUE!" })).messaggio).toBe("Polarità #VALORE! in ingresso.");
    expect(errore(leggiNumero({ code: "#DIV/0!" }, "Peso")).codice).toBe("#DIV/0!");
    expect(errore(leggiNumero({ type: "Error", basicValue: "#NUM!" }, "Peso")).codice).toBe("#NUM!");
    // #REF! and #NAME? cannot be returned by a custom function: they become #VALUE!.
    const ref = errore(leggiNumero({ code: "#REF!" }, "Peso"));
    expect(ref.codice).toBe("#VALUE!");
    expect(ref.messaggio).toBe("Peso #RIF! in ingresso.");
    expect(errore(leggiNumero({ code: "#NAME?" }, "Peso"))).toMatchObject({
      codice: "#VALUE!",
      messaggio: "Peso #NOME? in ingresso.",
    });
  });

  it("unknown objects → #VALUE!, never an exception", () => {
    expect(errore(leggiCella({ qualcosa: 1 })).codice).toBe("#VALUE!");
    expect(errore(leggiCella(Symbol("x"))).codice).toBe("#VALUE!");
  });
});

describe("leggiPolarita", () => {
  it.each([
    ["↑", "crescente"],
    ["↓", "decrescente"],
    ["+", "crescente"],
    ["-", "decrescente"],
    ["maggiore", "crescente"],
    ["minore", "decrescente"],
    ["Crescente", "crescente"],
    [" DECRESCENTE ", "decrescente"],
    ["", "crescente"],
    [null, "crescente"],
    [undefined, "crescente"],
  ])("%p → %p", (input, attesa) => {
    expect(leggiPolarita(input)).toBe(attesa);
  });

  it.each(["boh", 1, true])("%p → #VALUE! with the accepted values", (input) => {
    const e = errore(leggiPolarita(input));
    expect(e.codice).toBe("#VALUE!");
    expect(e.messaggio).toMatch(/^Polarità «.*» non riconosciuta: usare ↑ o ↓/);
  });
});

describe("ranges", () => {
  it("comeMatrice: scalar → 1×1, missing → [[null]], 1-D → one row, ragged → #VALUE!", () => {
    expect(comeMatrice(5, "x")).toEqual([[5]]);
    expect(comeMatrice(undefined, "x")).toEqual([[null]]);
    expect(comeMatrice([], "x")).toEqual([[null]]);
    expect(comeMatrice([1, 2], "x")).toEqual([[1, 2]]);
    expect(comeMatrice([[1], [2]], "x")).toEqual([[1], [2]]);
    expect(errore(comeMatrice([[1, 2], [3]], "atteso")).messaggio).toBe("L'intervallo atteso non è rettangolare.");
  });

  it("dimensioniComuni: single cells repeat, other shapes must match", () => {
    expect(
      dimensioniComuni([
        ["a", [[1], [2], [3]]],
        ["b", [[1]]],
      ])
    ).toEqual({ righe: 3, colonne: 1 });
    const e = errore(
      dimensioniComuni([
        ["atteso", Array.from({ length: 34 }, () => [1])],
        ["consuntivo", Array.from({ length: 33 }, () => [1])],
      ])
    );
    expect(e.messaggio).toBe("Gli intervalli devono avere le stesse dimensioni: atteso è 34×1, consuntivo è 33×1.");
  });

  it("perCella applies per cell and keeps the shape", () => {
    expect(
      perCella(
        [
          [
            "a",
            [
              [1, 2],
              [3, 4],
            ],
          ],
          ["b", 10],
        ],
        ([a, b]) => (a as number) * (b as number)
      )
    ).toEqual([
      [10, 20],
      [30, 40],
    ]);
  });

  it("comeVettore: a column or a row; a block is #VALUE!", () => {
    expect(comeVettore([[1], [2]], "pesi")).toEqual([1, 2]);
    expect(comeVettore([[1, 2]], "pesi")).toEqual([1, 2]);
    expect(comeVettore(7, "pesi")).toEqual([7]);
    expect(
      errore(
        comeVettore(
          [
            [1, 2],
            [3, 4],
          ],
          "pesi"
        )
      ).messaggio
    ).toBe("pesi deve essere una sola colonna (o una sola riga), non un blocco 2×2.");
  });

  it("tutteLeCelle flattens row by row", () => {
    expect(
      tutteLeCelle(
        [
          [1, 2],
          [3, 4],
        ],
        "linee"
      )
    ).toEqual([1, 2, 3, 4]);
  });
});
