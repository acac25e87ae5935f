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
