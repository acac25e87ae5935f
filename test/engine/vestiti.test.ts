/**
 * The dresses offices write the same figures in (issue 17): binary words and booleans, weights and
 * targets as percentages, polarity in words. Each is read as its plain counterpart, with no false
 * finding; a reading chosen between two is said in Verifica (LETTURA_SCELTA, informational).
 */
import {
  calcolaIndicatore,
  calcolaLinea,
  isInformativo,
  leggiCoppia,
  parsePolarita,
  pesoValido,
  targetComeInExcel,
  valoreBinario,
  verifica,
} from "../../src/engine";
import * as perf from "../../src/functions/perf";
import { testoResoconto, ResocontoJson } from "../../src/cli/resoconto";
import { ind, indAC, linea, obiettivo } from "../support/modello";

const codici = (l = linea("L", [])) => verifica([l]).map((a) => a.codice);

describe("binary values as words", () => {
  test.each([
    ["Sì", 1],
    ["sì", 1],
    ["SI", 1],
    ["si", 1],
    ["Sí", 1],
    [" SÌ ", 1],
    ["Fatto", 1],
    ["VERO", 1],
    ["TRUE", 1],
    [true, 1],
    ["No", 0],
    ["NO", 0],
    ["non fatto", 0],
    ["Non  Fatto", 0],
    ["FALSO", 0],
    [false, 0],
  ] as const)("%p → %p", (cella, atteso) => {
    expect(valoreBinario(cella)).toBe(atteso);
  });

  test.each(["Forse", "sìsì", "1", "", "n.d."])("%p is no binary word", (cella) => {
    expect(valoreBinario(cella)).toBeNull();
  });

  test("a Sì / No row reads as 1 / 0: % Ragg as 1 / 0, no finding", () => {
    expect(calcolaIndicatore(indAC("Sì", "Sì")).ragg).toBe(100);
    expect(calcolaIndicatore(indAC("Sì", "No")).ragg).toBe(0);
    expect(calcolaIndicatore(indAC("SI", true)).ragg).toBe(100);
    expect(calcolaIndicatore(indAC(1, "non fatto")).ragg).toBe(0);
    expect(calcolaIndicatore(indAC(true, false)).scostamento).toBe(-1);
    for (const [a, c] of [
      ["Sì", "No"],
      ["fatto", "Non fatto"],
      [true, false],
      ["sì", 1],
    ] as const) {
      const l = linea("L", [obiettivo("O", [indAC(a, c, 100)])]);
      expect(codici(l)).toEqual([]);
      expect(calcolaLinea(l).incompleta).toBe(false);
    }
  });

  test("a word beside a figure that is not 0 or 1 is no binary value (unless the formula says «1 = fatto»)", () => {
    expect(calcolaIndicatore(indAC(350, "Sì")).daRilevare).toBe(true);
    expect(codici(linea("L", [obiettivo("O", [indAC(350, "Sì")])]))).toEqual(["VALORE_NON_NUMERICO"]);
    const binario = indAC("Sì", 100, 100, { formula: "1 = fatto 0 = non fatto" });
    expect(calcolaIndicatore(binario).ragg).toBe(100);
    expect(codici(linea("L", [obiettivo("O", [binario])]))).toEqual(["BINARIO_NON_0_1"]);
  });

  test("a Sì in a weight is no weight", () => {
    expect(pesoValido(ind({ peso: "Sì" }))).toBeNull();
    expect(codici(linea("L", [obiettivo("O", [ind({ peso: "Sì" })])]))).toEqual(["VALORE_NON_NUMERICO"]);
  });

  test("Excel's formulas cannot read a Sì row: Barometro writes values there", () => {
    expect(targetComeInExcel(indAC("Sì", "No"))).toBe(false);
    expect(targetComeInExcel(indAC(1, 0))).toBe(true);
  });

  test("PERF.RAGG and PERF.SCOSTAMENTO accept the same words", () => {
    expect(perf.ragg("Sì", "Sì")).toEqual([[100]]);
    expect(perf.ragg([["SI"], ["Fatto"]], [["No"], [true]])).toEqual([[0], [100]]);
    expect(perf.scostamento("sì", "no")).toEqual([[-1]]);
    const r = perf.ragg("Forse", "Sì") as unknown as { messaggio: string }[][];
    expect(r[0][0].messaggio).toBe("Target atteso «Forse» non è un numero.");
  });
});

describe("weights as percentages", () => {
  const conPesi = (...pesi: [number | string, boolean][]) =>
    obiettivo(
      "Obiettivo",
      pesi.map(([peso, formato]) =>
        ind({ peso, atteso: 10, consuntivo: 5, percentuali: formato ? { peso: true } : undefined })
      )
    );

  test("fractions with a percentage format summing to 1, and text 25%, are weights summing to 100", () => {
    for (const o of [
      conPesi([0.25, true], [0.75, true]),
      conPesi(["25%", false], ["75 %", false]),
      conPesi([25, false], [75, false]),
    ]) {
      const avvisi = verifica([linea("L", [o])]);
      expect(avvisi.filter((a) => a.codice === "PESI_NON_100")).toEqual([]);
      expect(calcolaLinea(linea("L", [o])).percentuale).toBe(50);
    }
  });

  test("PESI_NON_100 fires when they do not make 100 %, in the sheet's dress", () => {
    const frazioni = verifica([linea("L", [conPesi([0.5, true], [0.43, true])])]);
    expect(frazioni.map((a) => a.messaggio)).toEqual([
      "Obiettivo «Obiettivo»: i pesi degli indicatori sommano a 93 % invece di 100 %.",
    ]);
    const numeri = verifica([linea("L", [conPesi([50, false], [43, false])])]);
    expect(numeri.map((a) => a.messaggio)).toEqual([
      "Obiettivo «Obiettivo»: i pesi degli indicatori sommano a 93 invece di 100.",
    ]);
  });
});

describe("percentages in Target atteso and consuntivo", () => {
  test("fractions with a percentage format read as Excel shows them, alike within a row", () => {
    expect(leggiCoppia(0.8, 0.75, { atteso: true, consuntivo: true })).toMatchObject({ atteso: 80, consuntivo: 75 });
    expect(leggiCoppia("80%", 0.75, { consuntivo: true })).toMatchObject({ atteso: 80, consuntivo: 75 });
    const r = calcolaIndicatore(ind({ atteso: 0.8, consuntivo: 0.6, percentuali: { atteso: true, consuntivo: true } }));
    expect(r.ragg).toBeCloseTo(75, 12);
    // Written beside fractions, in their unit: −0.2, which the % format shows −20 %.
    expect(r.scostamento).toBeCloseTo(-0.2, 12);
    expect(calcolaIndicatore(ind({ atteso: "80%", consuntivo: "60%" })).scostamento).toBe(-20);
  });

  test("a plain fraction beside a percentage: read as a fraction, and said (informational)", () => {
    const i = ind({ nome: "Copertura", atteso: 0.8, consuntivo: 0.75, percentuali: { atteso: true } });
    expect(calcolaIndicatore(i).ragg).toBeCloseTo(93.75, 12);
    const avvisi = verifica([linea("L", [obiettivo("O", [i])])]);
    expect(avvisi.map((a) => [a.codice, a.cella, isInformativo(a)])).toEqual([
      ["LETTURA_SCELTA", i.celle.consuntivo, true],
    ]);
    expect(avvisi[0].messaggio).toBe(
      "Indicatore «Copertura»: target consuntivo «0,75» letto come 75 % (una frazione), perché l'altro target della riga è una percentuale (80 %). Se era 0,75 %, scriverlo con il simbolo %."
    );
  });

  test("no fraction reading in a row its formula declares binary: 1 beside «0%» stays 1", () => {
    const i = indAC(1, "0%", 100, { formula: "1 = fatto 0 = non fatto" });
    expect(calcolaIndicatore(i).ragg).toBe(0);
    expect(codici(linea("L", [obiettivo("O", [i])]))).toEqual(["NUMERO_COME_TESTO"]);
  });

  test("a percentage-formatted target beside a plain one: Excel's formulas read otherwise, values are written", () => {
    expect(targetComeInExcel(ind({ atteso: 0.8, consuntivo: 75, percentuali: { atteso: true } }))).toBe(false);
    expect(
      targetComeInExcel(ind({ atteso: 0.8, consuntivo: 0.75, percentuali: { atteso: true, consuntivo: true } }))
    ).toBe(true);
  });

  test("the sheet's Scostamento of fractions (Excel's =H−G) is no SCOSTAMENTO_ERRATO", () => {
    const i = (scostamento: number, formato: boolean) =>
      ind({
        atteso: 0.8,
        consuntivo: 0.6,
        scostamento,
        percentuali: { atteso: true, consuntivo: true, scostamento: formato },
      });
    expect(codici(linea("L", [obiettivo("O", [i(-0.2, true)])]))).toEqual([]);
    expect(codici(linea("L", [obiettivo("O", [i(-0.2, false)])]))).toEqual([]);
    expect(codici(linea("L", [obiettivo("O", [i(-20, false)])]))).toEqual([]);
    expect(codici(linea("L", [obiettivo("O", [i(-0.3, true)])]))).toEqual(["SCOSTAMENTO_ERRATO"]);
  });
});

describe("polarity in words", () => {
  test.each([
    ["↑", "crescente"],
    ["+", "crescente"],
    ["Crescente", "crescente"],
    ["Positiva", "crescente"],
    ["maggiore è meglio", "crescente"],
    ["Maggiore e meglio.", "crescente"],
    ["↓", "decrescente"],
    ["−", "decrescente"],
    ["Decrescente", "decrescente"],
    ["NEGATIVA", "decrescente"],
    ["minore è meglio", "decrescente"],
    ["Minore  È  meglio", "decrescente"],
  ])("%p → %p", (cella, polarita) => {
    expect(parsePolarita(cella)).toBe(polarita);
  });
});

describe("the command line shows a chosen reading as information", () => {
  test("counted apart from the problems, listed as «informazione»", () => {
    const r: ResocontoJson = {
      file: "x.xlsx",
      linee: [],
      ente: null,
      avvisi: [
        { codice: "PESI_NON_100", foglio: "F", cella: "K7", messaggio: "pesi" },
        { codice: "LETTURA_SCELTA", foglio: "F", cella: "H8", messaggio: "letto", informativo: true },
      ],
    };
    const testo = testoResoconto(r);
    expect(testo).toContain("Verifica: 1 avvisi (PESI_NON_100 1)");
    expect(testo).toContain("Informazioni (1):\n  F!H8  informazione  LETTURA_SCELTA  letto");
  });
});
