// The fake CustomFunctions global must exist before functions.ts is loaded.
import {
  associati,
  FakeCustomFunctionsError,
  installaCustomFunctions,
  rimuoviCustomFunctions,
} from "./fake-custom-functions";
import * as F from "../../src/functions/functions";

type OfficeGlobale = { Office?: unknown };

function impostaBande(valore: unknown): void {
  (globalThis as OfficeGlobale).Office = {
    context: { document: { settings: { get: (nome: string) => (nome === "barometro.bande" ? valore : null) } } },
  };
}

afterEach(() => {
  delete (globalThis as OfficeGlobale).Office;
});

function erroreExcel(x: unknown, codice: string): FakeCustomFunctionsError {
  expect(x).toBeInstanceOf(FakeCustomFunctionsError);
  const e = x as FakeCustomFunctionsError;
  expect(e.code).toBe(codice);
  return e;
}

describe("registration", () => {
  it("every PERF function is associated with its metadata id", () => {
    expect(Object.keys(associati).sort()).toEqual(["BAROMETRO", "ENTE", "LINEA", "OBIETTIVO", "RAGG", "SCOSTAMENTO"]);
    expect(associati.RAGG).toBe(F.ragg);
    expect(associati.SCOSTAMENTO).toBe(F.scostamento);
    expect(associati.OBIETTIVO).toBe(F.obiettivo);
    expect(associati.LINEA).toBe(F.linea);
    expect(associati.ENTE).toBe(F.ente);
    expect(associati.BAROMETRO).toBe(F.barometro);
  });

  it("outside Office (no CustomFunctions global) loading functions.ts does nothing and does not throw", () => {
    rimuoviCustomFunctions();
    try {
      jest.isolateModules(() => {
        const isolato = require("../../src/functions/functions") as typeof F;
        expect(isolato.registraFunzioni()).toBe(false);
        // The pure parts still work; only the conversion to CustomFunctions.Error needs Excel.
        expect(isolato.ragg([[100]], [[80]])).toEqual([[80]]);
      });
    } finally {
      installaCustomFunctions();
    }
  });
});

describe("errors reach Excel as CustomFunctions.Error with the Italian message", () => {
  it("PERF.RAGG: per-cell #VALUE! and #N/A in a spilled column", () => {
    const r = F.ragg([[100], ["abc"], [null]], [[80], [1], [5]]);
    expect(r[0][0]).toBe(80);
    expect(erroreExcel(r[1][0], "#VALUE!").message).toBe("Target atteso «abc» non è un numero.");
    expect(erroreExcel(r[2][0], "#N/A").message).toBe("Target atteso mancante: indicatore da rilevare.");
  });

  it("PERF.RAGG: a whole-call error is a single cell", () => {
    const r = F.ragg([[1], [2]], [[1]].concat([[2], [3]]));
    expect(r).toHaveLength(1);
    expect(erroreExcel(r[0][0], "#VALUE!").message).toMatch(/stesse dimensioni/);
  });

  it("PERF.SCOSTAMENTO", () => {
    expect(F.scostamento([[70]], [[100]])).toEqual([[30]]);
    erroreExcel(F.scostamento([[70]], [["?"]])[0][0], "#VALUE!");
  });

  it("PERF.OBIETTIVO: number, «Neutralizzato» or an error", () => {
    expect(F.obiettivo([[30], [70]], [[100], [78]])).toBeCloseTo(84.6, 10);
    expect(F.obiettivo([[0], [0]], [[0], [0]])).toBe("Neutralizzato");
    expect(erroreExcel(F.obiettivo([[50], [50]], [[100], [null]]), "#N/A").message).toBe(
      "Riga 2: % Ragg mancante (indicatore da rilevare)."
    );
  });

  it("PERF.LINEA and PERF.ENTE", () => {
    expect(F.linea([["A"], [""], ["B"]], [[50], [50], [100]], [[100], [80], [60]])).toBe(75);
    erroreExcel(F.linea([[""], ["A"]], [[50], [50]], [[100], [80]]), "#VALUE!");
    expect(F.ente([[100], [80]])).toBe(90);
    erroreExcel(F.ente([[null]]), "#N/A");
  });

  it("error codes without a custom message (#DIV/0!) are passed on without one", () => {
    const e = erroreExcel(F.ragg([[{ code: "#DIV/0!" }]], [[1]])[0][0], "#DIV/0!");
    expect(e.message).toBeUndefined();
  });

  it("never throws: an unexpected exception becomes #VALUE! with a message", () => {
    const esplosivo = new Proxy([[1]], {
      get(target, prop, receiver) {
        if (prop === "length") throw new Error("boom");
        return Reflect.get(target, prop, receiver);
      },
    });
    let r: unknown;
    expect(() => {
      r = F.ragg(esplosivo, [[1]]);
    }).not.toThrow();
    expect(erroreExcel((r as unknown[][])[0][0], "#VALUE!").message).toBe("Errore imprevisto in PERF.RAGG: boom");
    expect(erroreExcel(F.ente(esplosivo), "#VALUE!").message).toBe("Errore imprevisto in PERF.ENTE: boom");
  });
});

describe("PERF.BAROMETRO and the workbook's bands", () => {
  it("defaults outside Office", () => {
    expect(F.barometro([[95], [75], [10]])).toEqual([["Raggiunto"], ["Parzialmente raggiunto"], ["Non raggiunto"]]);
  });

  it("defaults when the setting is not there", () => {
    impostaBande(null);
    expect(F.barometro([[85]])).toEqual([["Parzialmente raggiunto"]]);
  });

  it("the workbook's thresholds when set", () => {
    impostaBande({ raggiunto: 80, parziale: 50 });
    expect(F.barometro([[85], [60], [40]])).toEqual([["Raggiunto"], ["Parzialmente raggiunto"], ["Non raggiunto"]]);
    impostaBande('{"raggiunto": 95, "parziale": 60}');
    expect(F.barometro([[92]])).toEqual([["Parzialmente raggiunto"]]);
  });

  it("an invalid setting is reported, not silently replaced", () => {
    impostaBande({ raggiunto: 50, parziale: 80 });
    const e = erroreExcel(F.barometro([[85]])[0][0], "#VALUE!");
    expect(e.message).toMatch(/^Le soglie del Barometro salvate nella cartella \(«barometro\.bande»\) non sono valide/);
  });
});

describe("error values in the inputs, as Excel passes them (functions.json sets allowErrorForDataTypeAny)", () => {
  // What Excel hands a parameter of type "any" for a cell holding an error: a CustomFunctions.Error.
  const ND = () => new FakeCustomFunctionsError("#N/A");
  const chiama = (id: string, ...argomenti: unknown[]) => (associati[id] as (...a: unknown[]) => unknown)(...argomenti);

  it("PERF.RAGG: only the row with the error gets it, with the same code; the other rows are computed", () => {
    const r = chiama(
      "RAGG",
      [[100], [ND()], [50]],
      [[80], [40], [new FakeCustomFunctionsError("#DIV/0!")]]
    ) as unknown[][];
    expect(r[0][0]).toBe(80);
    expect(erroreExcel(r[1][0], "#N/A").message).toBe("Target atteso #N/D in ingresso.");
    // #DIV/0! stays #DIV/0! (Excel takes no message with it), as a built-in function would pass it on.
    expect(erroreExcel(r[2][0], "#DIV/0!").message).toBeUndefined();
    const polarita = chiama("RAGG", [[4]], [[3]], [[ND()]]) as unknown[][];
    expect(erroreExcel(polarita[0][0], "#N/A").message).toBe("Polarità #N/D in ingresso.");
  });

  it("PERF.SCOSTAMENTO: #REF! cannot be returned by a custom function: #VALUE! naming the code", () => {
    const r = chiama("SCOSTAMENTO", [[70], [70]], [[new FakeCustomFunctionsError("#REF!")], [100]]) as unknown[][];
    expect(erroreExcel(r[0][0], "#VALUE!").message).toBe("Target consuntivo #RIF! in ingresso.");
    expect(r[1][0]).toBe(30);
  });

  it("PERF.OBIETTIVO: a #N/D in the % Ragg column is #N/D naming the row, never a mean of the other rows", () => {
    expect(erroreExcel(chiama("OBIETTIVO", [[30], [50], [20]], [[100], [80], [ND()]]), "#N/A").message).toBe(
      "Riga 3: % Ragg #N/D in ingresso."
    );
    expect(erroreExcel(chiama("OBIETTIVO", [[ND()], [50]], [[100], [80]]), "#N/A").message).toBe(
      "Riga 1: Peso #N/D in ingresso."
    );
    // The message another PERF function gave the error, when Excel passes it along.
    const daRagg = new FakeCustomFunctionsError("#N/A", "Target consuntivo mancante: indicatore da rilevare.");
    expect(erroreExcel(chiama("OBIETTIVO", [[50], [50]], [[100], [daRagg]]), "#N/A").message).toBe(
      "Riga 2: % Ragg #N/D in ingresso (Target consuntivo mancante: indicatore da rilevare)."
    );
  });

  it("PERF.OBIETTIVO: other codes become #VALUE!, so the message can say which row", () => {
    const e = erroreExcel(
      chiama("OBIETTIVO", [[50], [50]], [[new FakeCustomFunctionsError("#DIV/0!")], [80]]),
      "#VALUE!"
    );
    expect(e.message).toBe("Riga 1: % Ragg #DIV/0! in ingresso.");
  });

  it("PERF.OBIETTIVO: every weight 0 is «Neutralizzato» whatever the % Ragg, as in the engine", () => {
    expect(chiama("OBIETTIVO", [[0], [0]], [[ND()], [80]])).toBe("Neutralizzato");
  });

  it("PERF.LINEA: the objective and the row", () => {
    const r = chiama("LINEA", [["A"], [""], ["B"]], [[50], [50], [100]], [[100], [80], [ND()]]);
    expect(erroreExcel(r, "#N/A").message).toBe("Obiettivo «B»: Riga 3: % Ragg #N/D in ingresso.");
    const nome = chiama("LINEA", [["A"], [new FakeCustomFunctionsError("#NUM!")]], [[50], [50]], [[100], [80]]);
    expect(erroreExcel(nome, "#VALUE!").message).toBe("Riga 2: Obiettivo #NUM! in ingresso.");
  });

  it("PERF.ENTE: the position of the line percentage", () => {
    expect(erroreExcel(chiama("ENTE", [[100], [ND()], [80]]), "#N/A").message).toBe(
      "Valore 2: Percentuale di linea #N/D in ingresso."
    );
    expect(erroreExcel(chiama("ENTE", [[new FakeCustomFunctionsError("#NULL!")]]), "#VALUE!").message).toBe(
      "Valore 1: Percentuale di linea #NULLO! in ingresso."
    );
  });

  it("PERF.BAROMETRO: per cell, the error stays in its row", () => {
    const r = chiama("BAROMETRO", [[95], [ND()], [10]]) as unknown[][];
    expect(r[0][0]).toBe("Raggiunto");
    expect(erroreExcel(r[1][0], "#N/A").message).toBe("% Ragg #N/D in ingresso.");
    expect(r[2][0]).toBe("Non raggiunto");
  });
});
