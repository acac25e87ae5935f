import { creaBande, Bande } from "../../src/engine";
import { ErrorePerf, isErrore } from "../../src/functions/conversioni";
import * as perf from "../../src/functions/perf";

function errore(x: unknown, codice?: string): ErrorePerf {
  if (!isErrore(x)) throw new Error(`atteso un errore, ottenuto ${JSON.stringify(x)}`);
  if (codice) expect(x.codice).toBe(codice);
  return x;
}

/** The top-left cell of a result grid (fails when the whole call is an error). */
function primo(g: unknown[][] | ErrorePerf): unknown {
  if (isErrore(g)) throw new Error(`attesa una griglia, ottenuto ${JSON.stringify(g)}`);
  return g[0][0];
}

/** A column as Excel passes it: [[a], [b], …]. */
const col = (...valori: unknown[]) => valori.map((v) => [v]);

describe("PERF.RAGG", () => {
  describe("scalar form", () => {
    it.each([
      [100, 80, undefined, 80],
      [50, 39, undefined, 78],
      [1200, 500, undefined, (500 / 1200) * 100],
      [70, 100, undefined, 100], // over target: capped at 100
      [3800, 3800, undefined, 100],
      [1, 0, undefined, 0],
      [0, 0, undefined, 100], // atteso 0: achieved when consuntivo ≥ 0
      [100, -5, undefined, 0], // never below 0
      [4, 3, "↓", 100], // lower is better, and lower it is
      [4, 5, "↓", 80],
      [4, 5, "-", 80],
      [4, 5, "minore", 80],
      [4, 5, "decrescente", 80],
      [4, 5, "↑", 100],
      [4, 5, "+", 100],
      [4, 5, "maggiore", 100],
      [4, 5, "crescente", 100],
      [4, 5, "", 100], // blank polarity = ↑
    ])("atteso %p, consuntivo %p, polarità %p → %p", (a, c, p, atteso) => {
      const r = perf.ragg([[a]], [[c]], p === undefined ? undefined : [[p]]);
      expect(r).toEqual([[expect.closeTo(atteso as number, 10)]]);
    });

    it("accepts Italian text numbers as the engine does", () => {
      expect(perf.ragg("3.800", "3.800")).toEqual([[100]]);
      expect(perf.ragg("78,5", "62,8")).toEqual([[expect.closeTo(80, 10)]]);
      expect(perf.ragg("80%", "40%")).toEqual([[50]]);
      expect(perf.ragg(" 1.545 ", "1.545")).toEqual([[100]]);
    });

    it("bad input → #VALUE! with an Italian message, never a silent 0", () => {
      expect(errore(primo(perf.ragg([["abc"]], [[5]])), "#VALUE!").messaggio).toBe(
        "Target atteso «abc» non è un numero."
      );
      expect(errore(primo(perf.ragg([[5]], [[true]])), "#VALUE!").messaggio).toBe(
        "Target consuntivo «VERO» non è un numero."
      );
      expect(errore(primo(perf.ragg([[5]], [[6]], [["boh"]])), "#VALUE!").messaggio).toMatch(
        /^Polarità «boh» non riconosciuta/
      );
    });

    it("missing data → #N/A (indicatore da rilevare)", () => {
      expect(errore(primo(perf.ragg([[null]], [[5]])), "#N/A").messaggio).toBe(
        "Target atteso mancante: indicatore da rilevare."
      );
      expect(errore(primo(perf.ragg([[5]], [[""]])), "#N/A").messaggio).toBe(
        "Target consuntivo mancante: indicatore da rilevare."
      );
      expect(errore(primo(perf.ragg([[null]], [[null]])), "#N/A").messaggio).toBe(
        "Target atteso e consuntivo mancanti: indicatore da rilevare."
      );
    });

    it("bad input wins over missing input", () => {
      errore(primo(perf.ragg([["abc"]], [[null]])), "#VALUE!");
    });

    it("an error in an input cell is passed on", () => {
      expect(errore(primo(perf.ragg([[{ code: "#DIV/0!" }]], [[5]]))).codice).toBe("#DIV/0!");
    });
  });

  describe("range form", () => {
    it("spills one value per row, with a per-cell error where a row is bad", () => {
      const r = perf.ragg(col(100, 50, "abc", null, "3.800"), col(80, 39, 1, 5, "3.800")) as unknown[][];
      expect(r).toHaveLength(5);
      expect(r[0][0]).toBeCloseTo(80, 10);
      expect(r[1][0]).toBeCloseTo(78, 10);
      errore(r[2][0], "#VALUE!");
      errore(r[3][0], "#N/A");
      expect(r[4][0]).toBe(100);
    });

    it("a single polarity applies to every row; a polarity column applies row by row", () => {
      expect(perf.ragg(col(4, 10), col(5, 20), "↓")).toEqual([[80], [50]]);
      expect(perf.ragg(col(4, 10), col(5, 20), col("↓", ""))).toEqual([[80], [100]]);
    });

    it("a single atteso applies to a whole consuntivo column", () => {
      expect(perf.ragg(100, col(50, 100, 120))).toEqual([[50], [100], [100]]);
    });

    it("works on rows and blocks too", () => {
      expect(
        perf.ragg(
          [
            [100, 100],
            [10, 10],
          ],
          [
            [50, 100],
            [5, 20],
          ]
        )
      ).toEqual([
        [50, 100],
        [50, 100],
      ]);
    });

    it("ranges of different sizes → one #VALUE! for the whole call", () => {
      const e = errore(perf.ragg(col(1, 2, 3), col(1, 2)), "#VALUE!");
      expect(e.messaggio).toBe("Gli intervalli devono avere le stesse dimensioni: atteso è 3×1, consuntivo è 2×1.");
      errore(perf.ragg(col(1, 2), col(1, 2), col("↑", "↑", "↓")), "#VALUE!");
    });
  });
});

describe("PERF.SCOSTAMENTO", () => {
  it("scalar: consuntivo − atteso", () => {
    expect(perf.scostamento(70, 100)).toEqual([[30]]);
    expect(perf.scostamento(50, 39)).toEqual([[-11]]);
    expect(perf.scostamento("3.800", "3.500")).toEqual([[-300]]);
    expect(perf.scostamento("78,5", "80")).toEqual([[expect.closeTo(1.5, 10)]]);
  });

  it("range: one value per row, per-cell errors", () => {
    const r = perf.scostamento(col(70, "x", 1, null), col(100, 1, null, null)) as unknown[][];
    expect(r[0][0]).toBe(30);
    expect(errore(r[1][0], "#VALUE!").messaggio).toBe("Target atteso «x» non è un numero.");
    errore(r[2][0], "#N/A");
    errore(r[3][0], "#N/A");
  });

  it("different sizes → #VALUE!", () => {
    errore(perf.scostamento(col(1, 2), col(1, 2, 3)), "#VALUE!");
  });
});

describe("PERF.OBIETTIVO", () => {
  it("weighted mean of the indicators", () => {
    expect(perf.obiettivo(col(30, 70), col(100, 78))).toBeCloseTo(84.6, 10);
    expect(perf.obiettivo(col(80, 20), col(500 / 12, 100))).toBeCloseTo(53.3333333, 6);
    expect(perf.obiettivo(col(100), col(33.333))).toBeCloseTo(33.333, 10);
  });

  it("weights that do not sum to 100 are renormalised", () => {
    expect(perf.obiettivo(col(50, 43), col(100, 100))).toBe(100);
    expect(perf.obiettivo(col(1, 1), col(50, 100))).toBe(75);
  });

  it("capped at 100", () => {
    expect(perf.obiettivo(col(50, 50), col(150, 100))).toBe(100);
  });

  it("all weights 0 → «Neutralizzato» (text, so it is never averaged)", () => {
    expect(perf.obiettivo(col(0, 0), col(0, 0))).toBe("Neutralizzato");
    expect(perf.obiettivo(col(0, "0"), col(null, "abc"))).toBe("Neutralizzato");
  });

  it("scalar form: one indicator", () => {
    expect(perf.obiettivo(100, 80)).toBe(80);
    expect(perf.obiettivo(0, 80)).toBe("Neutralizzato");
  });

  it("Italian text numbers", () => {
    expect(perf.obiettivo(col("30", "70%"), col("100", "78,0"))).toBeCloseTo(84.6, 10);
  });

  it("empty rows (padding, merged cells) are skipped; a 0-weight row without % Ragg does not count", () => {
    expect(perf.obiettivo(col(50, null, 50, ""), col(100, null, 80, ""))).toBe(90);
    expect(perf.obiettivo(col(100, 0), col(80, null))).toBe(80);
  });

  it("bad input → #VALUE!", () => {
    expect(errore(perf.obiettivo(col(50, "tanto"), col(100, 80)), "#VALUE!").messaggio).toBe(
      "Riga 2: Peso «tanto» non è un numero."
    );
    expect(errore(perf.obiettivo(col(50, -10), col(100, 80)), "#VALUE!").messaggio).toBe(
      "Riga 2: peso -10 non valido (deve essere ≥ 0)."
    );
    expect(errore(perf.obiettivo(col(50, 50), col(100, "n.d.")), "#VALUE!").messaggio).toBe(
      "Riga 2: % Ragg «n.d.» non è un numero."
    );
    expect(errore(perf.obiettivo(col(50, 50), col(100, -1)), "#VALUE!").messaggio).toBe(
      "Riga 2: % Ragg -1 non valida (deve essere ≥ 0)."
    );
  });

  it("missing data → #N/A, not a partial value", () => {
    expect(errore(perf.obiettivo(col(50, 50), col(100, null)), "#N/A").messaggio).toBe(
      "Riga 2: % Ragg mancante (indicatore da rilevare)."
    );
    expect(errore(perf.obiettivo(col(50, null), col(100, 80)), "#N/A").messaggio).toBe("Riga 2: peso mancante.");
    expect(errore(perf.obiettivo(col(null, null), col(null, null)), "#N/A").messaggio).toBe(
      "Nessun indicatore: pesi e % Ragg sono vuoti."
    );
  });

  it("an error from PERF.RAGG in the % Ragg column is passed on with the row", () => {
    const e = errore(
      perf.obiettivo(col(50, 50), col(100, { code: "#N/A", message: "Target consuntivo mancante." })),
      "#N/A"
    );
    expect(e.messaggio).toBe("Riga 2: % Ragg #N/D in ingresso (Target consuntivo mancante).");
  });

  it("shapes: same length, one column", () => {
    expect(errore(perf.obiettivo(col(50, 50), col(100)), "#VALUE!").messaggio).toBe(
      "Gli intervalli devono avere lo stesso numero di righe (pesi 2, ragg 1)."
    );
    errore(
      perf.obiettivo(
        [
          [1, 2],
          [3, 4],
        ],
        col(1, 2)
      ),
      "#VALUE!"
    );
  });
});

describe("PERF.LINEA", () => {
  // A: two indicators (90), B: one (60), C: neutralised.
  const nomi = col("A", "", "B", "C", null);
  const pesi = col(50, 50, 100, 0, 0);
  const ragg = col(100, 80, 60, 0, 0);

  it("mean of the objectives, neutralised ones left out", () => {
    expect(perf.linea(nomi, pesi, ragg)).toBe(75);
  });

  it("a neutralised objective does not pull the line down", () => {
    expect(perf.linea(col("A", "B"), col(100, 0), col(80, 0))).toBe(80);
  });

  it("a name on every row makes every row its own objective", () => {
    expect(perf.linea(col("A", "B"), col(50, 50), col(100, 50))).toBe(75);
  });

  it("leading and trailing blank rows are ignored", () => {
    expect(perf.linea(col(null, "A", "", null), col(null, 50, 50, null), col(null, 100, 80, null))).toBe(90);
  });

  it("also accepts rows instead of columns", () => {
    expect(perf.linea([["A", "", "B"]], [[50, 50, 100]], [[100, 80, 60]])).toBe(75);
  });

  it("only neutralised objectives → «Neutralizzato»", () => {
    expect(perf.linea(col("A", "B"), col(0, 0), col(10, 20))).toBe("Neutralizzato");
  });

  it("data before the first objective name → #VALUE!", () => {
    expect(errore(perf.linea(col("", "A"), col(50, 50), col(100, 80)), "#VALUE!").messaggio).toBe(
      "Riga 1: manca il nome dell'obiettivo (va nella prima riga di ogni obiettivo)."
    );
  });

  it("an objective's error names the objective and the row", () => {
    const e = errore(perf.linea(col("A", "B", ""), col(100, 50, 50), col(80, 60, null)), "#N/A");
    expect(e.messaggio).toBe("Obiettivo «B»: Riga 3: % Ragg mancante (indicatore da rilevare).");
    expect(errore(perf.linea(col("A", "B"), col(100, "x"), col(80, 60)), "#VALUE!").messaggio).toBe(
      "Obiettivo «B»: Riga 2: Peso «x» non è un numero."
    );
  });

  it("an objective with a name and nothing else → #N/A", () => {
    errore(perf.linea(col("A", "B"), col(100, null), col(80, null)), "#N/A");
  });

  it("empty columns → #N/A; columns of different length → #VALUE!", () => {
    expect(errore(perf.linea(col(null, ""), col(null, null), col(null, null)), "#N/A").messaggio).toBe(
      "Nessun obiettivo: la colonna degli obiettivi è vuota."
    );
    expect(errore(perf.linea(col("A", ""), col(50, 50), col(100)), "#VALUE!").messaggio).toBe(
      "Gli intervalli devono avere lo stesso numero di righe (obiettivi 2, pesi 2, ragg 1)."
    );
  });
});

describe("PERF.ENTE", () => {
  it("mean of the line percentages", () => {
    expect(perf.ente(col(100, 92.3, 88.88))).toBeCloseTo((100 + 92.3 + 88.88) / 3, 10);
    expect(perf.ente(80)).toBe(80);
  });

  it("blank cells and «Neutralizzato» are skipped; Italian text accepted; any shape", () => {
    expect(perf.ente(col(100, null, "Neutralizzato", "92,30%", ""))).toBeCloseTo(96.15, 10);
    expect(
      perf.ente([
        [100, 80],
        [null, 60],
      ])
    ).toBe(80);
  });

  it("bad input → #VALUE!", () => {
    expect(errore(perf.ente(col("% raggiungimento", 100)), "#VALUE!").messaggio).toBe(
      "Valore 1: «% raggiungimento» non è una percentuale di linea."
    );
    expect(errore(perf.ente(col(100, 120)), "#VALUE!").messaggio).toBe("Valore 2: 120 è fuori dalla scala 0–100.");
    errore(perf.ente(col(-1)), "#VALUE!");
  });

  it("nothing to average → #N/A; an error in a line is passed on", () => {
    expect(errore(perf.ente(col(null, "")), "#N/A").messaggio).toBe("Nessuna percentuale di linea da mediare.");
    expect(errore(perf.ente(col(100, { code: "#N/A", message: "linea incompleta" })), "#N/A").messaggio).toBe(
      "Valore 2: Percentuale di linea #N/D in ingresso (linea incompleta)."
    );
  });
});

describe("PERF.BAROMETRO", () => {
  it.each([
    [100, "Raggiunto"],
    [95, "Raggiunto"],
    [90, "Raggiunto"],
    [89.99, "Parzialmente raggiunto"],
    [70, "Parzialmente raggiunto"],
    [69.99, "Non raggiunto"],
    [0, "Non raggiunto"],
    ["92,3", "Raggiunto"],
    ["Neutralizzato", "Neutralizzato"],
  ])("%p → %p (default bands 90 / 70)", (ragg, etichetta) => {
    expect(perf.barometro(ragg)).toEqual([[etichetta]]);
  });

  it("range in, range out, with per-cell errors", () => {
    const r = perf.barometro(col(95, 75, 10, "", "abc", -3)) as unknown[][];
    expect(r.slice(0, 3)).toEqual([["Raggiunto"], ["Parzialmente raggiunto"], ["Non raggiunto"]]);
    expect(errore(r[3][0], "#N/A").messaggio).toBe("% Ragg mancante.");
    expect(errore(r[4][0], "#VALUE!").messaggio).toBe("% Ragg «abc» non è un numero.");
    expect(errore(r[5][0], "#VALUE!").messaggio).toBe("% Ragg -3 non valida (deve essere ≥ 0).");
  });

  it("uses the bands it is given", () => {
    const bande = creaBande({ raggiunto: 80, parziale: 50 }) as Bande;
    expect(perf.barometro(col(85, 60, 40), bande)).toEqual([
      ["Raggiunto"],
      ["Parzialmente raggiunto"],
      ["Non raggiunto"],
    ]);
  });
});
