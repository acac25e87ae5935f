import { calcolaLinea } from "../../src/engine/raggiungimento";
import { verifica } from "../../src/engine/verifiche";
import { Avviso, CodiceAvviso, MESSAGGI } from "../../src/engine/messaggi";
import { Indicatore, Linea, ValoreCella } from "../../src/engine/tipi";
import { FOGLIO, ind, indAC, linea, obiettivo, percentuale, daRiga } from "../support/modello";

beforeEach(() => daRiga());

/** One objective, weights 100 in total, in one line. */
function lineaCon(indicatori: Indicatore[], over: Partial<Linea> = {}): Linea {
  return linea("LINEA DI PROVA", [obiettivo("Obiettivo di prova", indicatori)], over);
}

const codici = (avvisi: Avviso[]) => avvisi.map((a) => a.codice);
const di = (avvisi: Avviso[], codice: CodiceAvviso) => avvisi.filter((a) => a.codice === codice);
/** The findings other than NUMERO_COME_TESTO (figures stored as text are read, and reported on their own). */
const tranneTesto = (avvisi: Avviso[]) => avvisi.filter((a) => a.codice !== "NUMERO_COME_TESTO");
/** The cells reported as numbers stored as text. */
const comeTesto = (avvisi: Avviso[]) => di(avvisi, "NUMERO_COME_TESTO").map((a) => a.cella);

describe("verifica: clean data", () => {
  test("no findings on a consistent line", () => {
    const l = lineaCon(
      [
        ind({
          nome: "Metri di pista",
          atteso: 3800,
          consuntivo: "3.800",
          peso: 50,
          scostamento: 0,
          ragg: 100,
          riga: 7,
        }),
        ind({ nome: "SAL", atteso: 50, consuntivo: 39, peso: "50", scostamento: "-11", ragg: 78, riga: 8 }),
      ],
      { percentuale: percentuale(89) }
    );
    // The figures stored as text are read; they are reported as such only.
    const avvisi = verifica([l]);
    expect(tranneTesto(avvisi)).toEqual([]);
    expect(comeTesto(avvisi)).toEqual(["H7", "K8"]);
  });

  test("no lines → no findings", () => {
    expect(verifica([])).toEqual([]);
  });

  test("every finding names its code, sheet, cell, message and line", () => {
    const l = lineaCon([indAC(null, 5, 100, { riga: 12 })], { foglio: "Ambiente" });
    const [a] = verifica([l]);
    expect(a).toEqual({
      codice: "DATO_MANCANTE",
      foglio: FOGLIO,
      cella: "G12",
      messaggio: MESSAGGI.DATO_MANCANTE("Indicatore di prova", "target atteso"),
      linea: "LINEA DI PROVA",
    });
    expect(a.messaggio).toBe(
      "Indicatore «Indicatore di prova»: target atteso mancante; l'indicatore è da rilevare e la linea è incompleta."
    );
  });

  test("findings of several lines are concatenated in order, each with its line name", () => {
    const l1 = linea("L1", [obiettivo("A", [indAC(null, 1, 100, { riga: 7 })])]);
    const l2 = linea("L2", [obiettivo("B", [indAC(1, null, 100, { riga: 9 })])]);
    const avvisi = verifica([l1, l2]);
    expect(avvisi.map((a) => [a.linea, a.codice, a.cella])).toEqual([
      ["L1", "DATO_MANCANTE", "G7"],
      ["L2", "DATO_MANCANTE", "H9"],
    ]);
  });

  test("precomputed results can be passed in", () => {
    const l = lineaCon([indAC(50, 39, 100, { ragg: 78, riga: 7 })], { percentuale: percentuale(78) });
    expect(verifica([l], [calcolaLinea(l)])).toEqual([]);
  });
});

describe("PESI_NON_100", () => {
  test("weights summing to 93 → one finding on the first indicator's weight cell", () => {
    const l = linea("AMBIENTE", [
      obiettivo("Agenda2030", [indAC(2, 3, 50, { riga: 7 }), indAC(60, 100, 43, { riga: 8 })], { foglio: "Ambiente" }),
    ]);
    const avvisi = verifica([l]);
    expect(codici(avvisi)).toEqual(["PESI_NON_100"]);
    expect(avvisi[0]).toEqual({
      codice: "PESI_NON_100",
      foglio: "Ambiente",
      cella: "K7",
      messaggio: "Obiettivo «Agenda2030»: i pesi degli indicatori sommano a 93 invece di 100.",
      linea: "AMBIENTE",
    });
  });

  test("a long name is cut at a word, never mid-word (the sample's «… verso la transizion…»)", () => {
    const nome = "Agenda2030: SDGs- Azioni e interventi verso la transizione ecologica della città";
    const l = linea("AMBIENTE", [obiettivo(nome, [indAC(2, 3, 50, { riga: 7 }), indAC(60, 100, 43, { riga: 8 })])]);
    const [avviso] = verifica([l]);
    expect(avviso.messaggio).toBe(
      "Obiettivo «Agenda2030: SDGs- Azioni e interventi verso la transizione…»: i pesi degli indicatori sommano a 93 invece di 100."
    );
    const citato = /«(.*)…»/.exec(avviso.messaggio)![1];
    expect(nome.startsWith(citato) && nome[citato.length] === " ").toBe(true);
    expect(citato.length + 1).toBeLessThanOrEqual(60);
  });

  test("weights above 100 are flagged too", () => {
    const avvisi = verifica([lineaCon([indAC(1, 1, 60, { riga: 20 }), indAC(1, 1, 41, { riga: 21 })])]);
    expect(di(avvisi, "PESI_NON_100").map((a) => a.cella)).toEqual(["K20"]);
    expect(avvisi[0].messaggio).toContain("101");
  });

  test("decimal weights that sum to 100 (within rounding) are fine", () => {
    const avvisi = verifica([lineaCon([indAC(1, 1, 33.33), indAC(1, 1, 33.33), indAC(1, 1, "33,34", { riga: 9 })])]);
    expect(tranneTesto(avvisi)).toEqual([]);
    expect(comeTesto(avvisi)).toEqual(["K9"]);
  });

  test("a neutralised objective (weights sum to 0) is not flagged", () => {
    const avvisi = verifica([lineaCon([indAC(1, 0, 0), indAC(20, 0, 0)])]);
    expect(di(avvisi, "PESI_NON_100")).toEqual([]);
  });

  test("a missing weight is reported as DATO_MANCANTE, not PESI_NON_100", () => {
    const avvisi = verifica([lineaCon([indAC(1, 1, 50, { riga: 7 }), indAC(1, 1, "", { riga: 8 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["DATO_MANCANTE", "K8"]]);
  });

  test("one finding per objective", () => {
    const l = linea("L", [
      obiettivo("A", [indAC(1, 1, 50, { riga: 7 })]),
      obiettivo("B", [indAC(1, 1, 100, { riga: 9 })]),
      obiettivo("C", [indAC(1, 1, 70, { riga: 11 }), indAC(1, 1, 16, { riga: 12 })]),
    ]);
    expect(di(verifica([l]), "PESI_NON_100").map((a) => a.cella)).toEqual(["K7", "K11"]);
  });
});

describe("SCOSTAMENTO_ERRATO", () => {
  test("sheet scostamento not equal to consuntivo − atteso → finding on the scostamento cell", () => {
    const avvisi = verifica([
      lineaCon([ind({ nome: "Sportello energia", atteso: 60, consuntivo: 100, scostamento: 35, riga: 8 })]),
    ]);
    expect(avvisi).toHaveLength(1);
    expect(avvisi[0].codice).toBe("SCOSTAMENTO_ERRATO");
    expect(avvisi[0].cella).toBe("I8");
    expect(avvisi[0].messaggio).toBe(
      "Indicatore «Sportello energia»: lo scostamento indicato (35) non è consuntivo - atteso (100 - 60 = 40)."
    );
  });

  test("sign matters: atteso − consuntivo is wrong", () => {
    const avvisi = verifica([lineaCon([ind({ atteso: 3, consuntivo: 1, scostamento: 2, riga: 80 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["SCOSTAMENTO_ERRATO", "I80"]]);
  });

  test.each([
    ["number", 70, 100, 30],
    ["negative", 3, 1, -2],
    ["text", "1.200", "500", "-700"],
    ["decimal comma", "78,5", "80", "1,5"],
    ["floating point noise", 0.1, 0.3, 0.2],
  ])("correct %s scostamento → no finding", (_label, atteso, consuntivo, scostamento) => {
    expect(tranneTesto(verifica([lineaCon([ind({ atteso, consuntivo, scostamento })])]))).toEqual([]);
  });

  test.each([null, "", "n.d."])("no numeric scostamento in the sheet (%p) → not checked", (scostamento) => {
    expect(di(verifica([lineaCon([ind({ atteso: 60, consuntivo: 100, scostamento })])]), "SCOSTAMENTO_ERRATO")).toEqual(
      []
    );
  });

  test("indicator da rilevare → scostamento not checked", () => {
    const avvisi = verifica([lineaCon([ind({ atteso: 60, consuntivo: null, scostamento: 35, riga: 7 })])]);
    expect(codici(avvisi)).toEqual(["DATO_MANCANTE"]);
  });
});

describe("BINARIO_NON_0_1", () => {
  test("formula 1 = fatto 0 = non fatto with consuntivo 100 → finding on the consuntivo cell", () => {
    const avvisi = verifica([
      lineaCon([
        ind({
          nome: "PDND",
          formula: "1 = fatto 0 = non fatto",
          atteso: 1,
          consuntivo: 100,
          scostamento: 99,
          riga: 69,
        }),
      ]),
    ]);
    expect(avvisi).toHaveLength(1);
    expect(avvisi[0]).toMatchObject({ codice: "BINARIO_NON_0_1", cella: "H69", foglio: FOGLIO });
    expect(avvisi[0].messaggio).toContain("target consuntivo è 100");
  });

  test("both atteso and consuntivo out of 0/1 → two findings", () => {
    const avvisi = verifica([
      lineaCon([ind({ formula: "1 = fatto 0 = non fatto", atteso: 2, consuntivo: 100, riga: 5 })]),
    ]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([
      ["BINARIO_NON_0_1", "G5"],
      ["BINARIO_NON_0_1", "H5"],
    ]);
  });

  test.each([
    "1 = fatto 0 = non fatto",
    "1= fatto 0=non fatto",
    "1 = fatto / 0 = non fatto",
    "1 = fatto - 0 = non fatto",
    "Fatto = 1 Non fatto = 0",
  ])("formula %p is recognised as binary", (formula) => {
    const avvisi = verifica([lineaCon([ind({ formula, atteso: 1, consuntivo: 0.5, riga: 3 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["BINARIO_NON_0_1", "H3"]]);
  });

  test.each([
    [1, 1],
    [1, 0],
    [0, 0],
    ["1", "0"],
  ])("values %p/%p are fine", (atteso, consuntivo) => {
    expect(
      tranneTesto(verifica([lineaCon([ind({ formula: "1 = fatto 0 = non fatto", atteso, consuntivo })])]))
    ).toEqual([]);
  });

  test.each([
    "Percentuale stato di avanzamento lavori",
    "1= realizzazione dello strumento digitale",
    "Visualizzazioni 2024 uguale o > 2023 = 1",
  ])("non-binary formula %p → no finding even with 100", (formula) => {
    expect(verifica([lineaCon([ind({ formula, atteso: 1, consuntivo: 100 })])])).toEqual([]);
  });

  test("missing consuntivo in a binary indicator → only DATO_MANCANTE", () => {
    const avvisi = verifica([
      lineaCon([ind({ formula: "1 = fatto 0 = non fatto", atteso: 1, consuntivo: null, riga: 4 })]),
    ]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["DATO_MANCANTE", "H4"]]);
  });
});

describe("POLARITA_SOSPETTA", () => {
  test.each<[string, string, string]>([
    ["tempo medio aggiornamento", "somma giorni / numero aggiornamenti", "tempo medio"],
    ["Tempi di risposta", "numero giorni dalla richiesta", "giorni"],
    ["Riduzione percentuale di raccolta rifiuti indifferenziati", "Percentuale anno in corso", "Riduzione"],
    ["Monitoraggio piscine", "numero mancate conformità rilevate / numero sopralluoghi", "mancate conformità"],
    ["Controlli", "numero mancata conformità", "mancata conformità"],
  ])(
    "%p / %p → flagged with hint %p on the indicator cell when there is no Polarità column",
    (nome, formula, indizio) => {
      const avvisi = verifica([lineaCon([ind({ nome, formula, atteso: 5, consuntivo: 5, riga: 133 })])]);
      expect(avvisi).toHaveLength(1);
      expect(avvisi[0]).toMatchObject({ codice: "POLARITA_SOSPETTA", cella: "D133" });
      expect(avvisi[0].messaggio).toBe(MESSAGGI.POLARITA_SOSPETTA(nome, indizio));
    }
  );

  test("with a Polarità column the finding points at the Polarità cell", () => {
    const avvisi = verifica([
      lineaCon([
        ind({ nome: "tempo medio di risposta", atteso: 5, consuntivo: 5, riga: 14, conPolarita: true, polarita: "↑" }),
      ]),
    ]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["POLARITA_SOSPETTA", "N14"]]);
  });

  test.each(["↓", "decrescente", "minore", "-"])("polarity %p → not flagged", (polarita) => {
    const avvisi = verifica([
      lineaCon([
        ind({ nome: "tempo medio aggiornamento", formula: "somma numero giorni", polarita, atteso: 4, consuntivo: 3 }),
      ]),
    ]);
    expect(avvisi).toEqual([]);
  });

  test("no hint → not flagged", () => {
    expect(
      verifica([
        lineaCon([ind({ nome: "Post pubblicati", formula: "numero post pubblicati", atteso: 200, consuntivo: 554 })]),
      ])
    ).toEqual([]);
  });

  test("a word containing 'giorni' is not a hint on its own", () => {
    expect(
      verifica([lineaCon([ind({ nome: "Buongiorni", formula: "soggiorni registrati", atteso: 1, consuntivo: 1 })])])
    ).toEqual([]);
  });
});

describe("DATO_MANCANTE", () => {
  test.each<[string, keyof Indicatore, string]>([
    ["atteso", "atteso", "G30"],
    ["consuntivo", "consuntivo", "H30"],
    ["peso", "peso", "K30"],
  ])("empty %s → finding on its cell", (_label, campo, cella) => {
    for (const vuoto of [null, undefined, "", "   "]) {
      const avvisi = verifica([lineaCon([ind({ riga: 30, [campo]: vuoto })])]);
      expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["DATO_MANCANTE", cella]]);
    }
  });

  test("all three missing → three findings, in column order", () => {
    const avvisi = verifica([
      lineaCon([ind({ nome: "Report", atteso: null, consuntivo: "", peso: undefined, riga: 2 })]),
    ]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([
      ["DATO_MANCANTE", "G2"],
      ["DATO_MANCANTE", "H2"],
      ["DATO_MANCANTE", "K2"],
    ]);
    expect(avvisi[1].messaggio).toBe(MESSAGGI.DATO_MANCANTE("Report", "target consuntivo"));
  });

  test("unnamed indicator is called by its row", () => {
    const avvisi = verifica([lineaCon([ind({ nome: "", atteso: null, riga: 41 })])]);
    expect(avvisi[0].messaggio).toContain("«riga 41»");
  });

  test("missing data in a neutralised objective is still reported", () => {
    const avvisi = verifica([lineaCon([indAC(1, null, 0, { riga: 7 }), indAC(1, 1, 0, { riga: 8 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["DATO_MANCANTE", "H7"]]);
  });
});

describe("VALORE_NON_NUMERICO", () => {
  test.each<[string, ValoreCella]>([
    ["n.d.", "n.d."],
    ["dash", "—"],
    ["circa 50", "circa 50"],
    ["boolean", true],
  ])("atteso %s → finding on the atteso cell", (_label, valore) => {
    const avvisi = verifica([lineaCon([ind({ nome: "Visite", atteso: valore, riga: 17 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["VALORE_NON_NUMERICO", "G17"]]);
    expect(avvisi[0].messaggio).toBe(MESSAGGI.VALORE_NON_NUMERICO("Visite", "target atteso", String(valore)));
  });

  test("non-numeric consuntivo and peso → findings on their cells", () => {
    const avvisi = verifica([lineaCon([ind({ consuntivo: "in corso", peso: "metà", riga: 18 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([
      ["VALORE_NON_NUMERICO", "H18"],
      ["VALORE_NON_NUMERICO", "K18"],
    ]);
  });

  test("a Date is shown in Italian format in the message", () => {
    const avvisi = verifica([lineaCon([ind({ consuntivo: new Date(2024, 11, 31), riga: 19 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["VALORE_NON_NUMERICO", "H19"]]);
    expect(avvisi[0].messaggio).toContain("31/12/2024");
  });

  test("NaN is not numeric", () => {
    const avvisi = verifica([lineaCon([ind({ atteso: NaN, riga: 3 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["VALORE_NON_NUMERICO", "G3"]]);
  });
});

describe("NUMERO_COME_TESTO", () => {
  test("«n.d.» says the Barometro cell stays without colour or label until there is a number", () => {
    const [a] = verifica([lineaCon([ind({ nome: "Visite", consuntivo: "n.d.", riga: 5 })])]);
    expect(a.codice).toBe("VALORE_NON_NUMERICO");
    expect(a.messaggio).toBe(
      "Indicatore «Visite»: target consuntivo «n.d.» non è un numero; l'indicatore è da rilevare, senza colore né " +
        "etichetta nel Barometro finché non c'è un numero."
    );
  });

  test("one finding per cell holding a number as text, naming the cell, what Barometro read and the stale colour", () => {
    const avvisi = verifica([
      lineaCon([ind({ nome: "Metri", atteso: "1.545", consuntivo: " 78,5 ", peso: 100, riga: 9 })]),
    ]);
    expect(avvisi.map((a) => [a.codice, a.foglio, a.cella])).toEqual([
      ["NUMERO_COME_TESTO", FOGLIO, "G9"],
      ["NUMERO_COME_TESTO", FOGLIO, "H9"],
    ]);
    expect(avvisi[0].messaggio).toBe(
      "Indicatore «Metri»: target atteso «1.545» è un numero scritto come testo, che Barometro legge (1.545) ma le " +
        "formule di Excel no: colore ed etichetta del Barometro di questa riga non seguono i dati fino al prossimo " +
        "Ricalcola. Convertirlo: «Converti in numeri» nella Verifica, o «barometro ricalcola --converti-numeri»."
    );
    expect(avvisi[1].messaggio).toContain("«78,5»");
    expect(avvisi[1].messaggio).toContain("(78,50)");
    // Within what the command line's JSON allows a message (400), with the longest name quoted.
    const lungo = "x".repeat(200);
    expect(
      MESSAGGI.NUMERO_COME_TESTO(lungo, "target consuntivo", "-1.234.567,89", -1_234_567.89, true).length
    ).toBeLessThan(400);
  });

  test("a weight as text: the weighting formulas, not the colour", () => {
    const [a] = verifica([lineaCon([indAC(1, 1, "100", { riga: 4 })])]);
    expect([a.codice, a.cella]).toEqual(["NUMERO_COME_TESTO", "K4"]);
    expect(a.messaggio).toContain("le formule che pesano gli indicatori non lo contano");
    expect(a.messaggio).not.toContain("colore");
  });

  test("a percentage as text is not offered for conversion (Excel would read «80%» as 0,8)", () => {
    const [a] = verifica([lineaCon([indAC("80%", 70, 100, { riga: 4 })])]);
    expect([a.codice, a.cella]).toEqual(["NUMERO_COME_TESTO", "G4"]);
    expect(a.messaggio).toContain("Scriverlo come numero (80, senza %) e ricalcolare.");
    expect(a.messaggio).not.toContain("Converti in numeri");
  });

  test("a lone decimal dot («2.5») is read but not offered for conversion: typed again by hand", () => {
    const [a] = verifica([lineaCon([indAC("2.5", 2, 100, { riga: 4 })])]);
    expect([a.codice, a.cella]).toEqual(["NUMERO_COME_TESTO", "G4"]);
    expect(a.messaggio).toContain("Scriverlo come numero (2,50) e ricalcolare.");
  });

  test("real numbers, empty cells and words are not reported as numbers stored as text", () => {
    const avvisi = verifica([lineaCon([indAC(1545, 78.5, 50, { riga: 4 }), indAC("n.d.", null, 50, { riga: 5 })])]);
    expect(comeTesto(avvisi)).toEqual([]);
  });

  test("a cell with another finding is not reported twice", () => {
    const avvisi = verifica([
      lineaCon([
        indAC(1, 1, 100, { riga: 7 }),
        indAC(1, 1, "-5", { riga: 8 }),
        ind({ formula: "1 = fatto 0 = non fatto", atteso: "1", consuntivo: "100", riga: 9 }),
      ]),
    ]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([
      ["PESO_NON_VALIDO", "K8"],
      ["BINARIO_NON_0_1", "H9"],
      ["NUMERO_COME_TESTO", "G9"],
    ]);
  });
});

describe("PESO_NON_VALIDO", () => {
  test("negative weight → finding on the weight cell", () => {
    const avvisi = verifica([
      lineaCon([indAC(1, 1, 110, { riga: 7 }), indAC(1, 1, -10, { nome: "Negativo", riga: 8 })]),
    ]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["PESO_NON_VALIDO", "K8"]]);
    expect(avvisi[0].messaggio).toBe(MESSAGGI.PESO_NON_VALIDO("Negativo", -10));
  });

  test("negative text weight", () => {
    const avvisi = verifica([lineaCon([indAC(1, 1, 100, { riga: 7 }), indAC(1, 1, "-5", { riga: 8 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["PESO_NON_VALIDO", "K8"]]);
  });

  test("weight 0 is valid", () => {
    const avvisi = verifica([lineaCon([indAC(1, 1, 100), indAC(1, 1, 0)])]);
    expect(avvisi).toEqual([]);
  });
});

describe("POLARITA_NON_VALIDA", () => {
  test("unknown text → finding on the Polarità cell", () => {
    const avvisi = verifica([lineaCon([ind({ nome: "Accessi", polarita: "forse", conPolarita: true, riga: 9 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["POLARITA_NON_VALIDA", "N9"]]);
    expect(avvisi[0].messaggio).toBe(MESSAGGI.POLARITA_NON_VALIDA("Accessi", "forse"));
  });

  test("a number in the Polarità column is not valid", () => {
    const avvisi = verifica([lineaCon([ind({ polarita: 1, conPolarita: true, riga: 10 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["POLARITA_NON_VALIDA", "N10"]]);
  });

  test.each([undefined, null, "", "↑", "↓", "+", "minore"])("%p is valid", (polarita) => {
    const avvisi = verifica([lineaCon([ind({ polarita, conPolarita: true })])]);
    expect(di(avvisi, "POLARITA_NON_VALIDA")).toEqual([]);
  });
});

describe("RAGG_DIVERSO", () => {
  test("sheet % Ragg differing by more than 0.5 → finding on the ragg cell", () => {
    const avvisi = verifica([
      lineaCon([ind({ nome: "Spazi palestre", atteso: 1200, consuntivo: 500, ragg: 41, riga: 132 })]),
    ]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["RAGG_DIVERSO", "L132"]]);
    expect(avvisi[0].messaggio).toBe(MESSAGGI.RAGG_DIVERSO("Spazi palestre", 41, (500 / 1200) * 100));
  });

  test("rounded published value within 0.5 → no finding", () => {
    expect(verifica([lineaCon([ind({ atteso: 1200, consuntivo: 500, ragg: 42 })])])).toEqual([]);
  });

  test.each([62, 63, "62,5%", "62,5"])("exactly 0.5 away or equal (%p vs 62.5) → no finding", (ragg) => {
    expect(verifica([lineaCon([ind({ atteso: 8, consuntivo: 5, ragg })])])).toEqual([]);
  });

  test.each([61.9, 61.95, 63.05, 63.1, 0, 100, "78%"])("%p vs 62.5 → finding", (ragg) => {
    const avvisi = verifica([lineaCon([ind({ atteso: 8, consuntivo: 5, ragg, riga: 6 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["RAGG_DIVERSO", "L6"]]);
  });

  test("polarity ↓ is taken into account", () => {
    expect(verifica([lineaCon([ind({ atteso: 4, consuntivo: 3, polarita: "↓", ragg: 100 })])])).toEqual([]);
    const avvisi = verifica([lineaCon([ind({ atteso: 4, consuntivo: 3, polarita: "↓", ragg: 75, riga: 78 })])]);
    expect(avvisi.map((a) => [a.codice, a.cella])).toEqual([["RAGG_DIVERSO", "L78"]]);
  });

  test("indicator da rilevare or non-numeric sheet ragg → not checked", () => {
    expect(di(verifica([lineaCon([ind({ atteso: 8, consuntivo: null, ragg: 10 })])]), "RAGG_DIVERSO")).toEqual([]);
    expect(verifica([lineaCon([ind({ atteso: 8, consuntivo: 5, ragg: "n.d." })])])).toEqual([]);
  });
});

describe("LINEA_DIVERSA", () => {
  // objectives 100 and (1200→500 @80, 5→34 @20) and 100 → (100 + 53.33 + 100)/3 = 84.444…
  const sport = (valore: ValoreCella, cella = "C3") =>
    linea(
      "LINEA STRATEGICA SULLO SPORT",
      [
        obiettivo("A", [indAC(1, 50, 100)]),
        obiettivo("B", [indAC(1200, 500, 80), indAC(5, 34, 20, { polarita: "↑" })]),
        obiettivo("C", [indAC(1, 1, 100)]),
      ],
      { foglio: "Sport", percentuale: percentuale(valore, cella) }
    );

  test("computed percentage is 84.444…", () => {
    expect(calcolaLinea(sport(84.44)).percentuale).toBeCloseTo(84.4444444, 6);
  });

  test.each([84.44, 84.45, "84,44%", "84,44"])("sheet %p within 0.01 → no finding", (valore) => {
    expect(verifica([sport(valore)])).toEqual([]);
  });

  test.each([84.43, 84.46, 84, 0.8444])("sheet %p → finding on the line cell", (valore) => {
    const avvisi = verifica([sport(valore, "F2")]);
    expect(avvisi).toEqual([
      {
        codice: "LINEA_DIVERSA",
        foglio: "Sport",
        cella: "F2",
        messaggio: MESSAGGI.LINEA_DIVERSA("LINEA STRATEGICA SULLO SPORT", valore, (100 + 160 / 3 + 100) / 3),
        linea: "LINEA STRATEGICA SULLO SPORT",
      },
    ]);
  });

  test("no percentage cell, or a non-numeric one → not checked", () => {
    const senza = sport(0);
    delete senza.percentuale;
    expect(verifica([senza])).toEqual([]);
    expect(verifica([sport("n.d.")])).toEqual([]);
    expect(verifica([sport(null)])).toEqual([]);
  });

  test("line with no computed percentage → not checked", () => {
    const l = linea("Neutra", [obiettivo("A", [indAC(1, 1, 0)])], { percentuale: percentuale(50) });
    expect(verifica([l])).toEqual([]);
  });
});
