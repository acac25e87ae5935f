import { CAMPI_TESTO, CampoCella, Linea } from "../../src/engine";
import { SheetGrid } from "../../src/layout/griglia";
import { leggiLinee } from "../../src/layout";
import { COLONNE_STANDARD, Colonna, FoglioBuilder, obiettiviSemplici, SpecObiettivo } from "./grid-builder";

function leggi(...fogli: SheetGrid[]): Linea[] {
  const { linee, errore } = leggiLinee(fogli);
  expect(errore).toBeNull();
  return linee;
}

/** Line name → objective names with their indicator counts. */
function riassunto(linee: Linea[]) {
  return linee.map((l) => ({ linea: l.nome, obiettivi: l.obiettivi.map((o) => `${o.nome} (${o.indicatori.length})`) }));
}

describe("layout standard: più linee in un foglio", () => {
  const b = new FoglioBuilder("Obiettivi 2024");
  const ambiente = b.sezione({
    titolo: "LINEA STRATEGICA SULL'AMBIENTE",
    percentuale: { valore: 0.923, fmt: "0.00%", dove: "sotto" },
    obiettivi: [
      {
        settore: "Settore Urbanistica",
        nome: "Approvazione della Variante al PGT",
        definizione: "Conclusione delle attività per la Variante",
        indicatori: [
          {
            nome: "Approvazione della Variante",
            formula: "1 = fatto 0 = non fatto",
            finalita: "Approvare la Variante",
            atteso: 1,
            consuntivo: 1,
            scostamento: 0,
            note: "",
            peso: 100,
            ragg: 1,
            raggFmt: "0%",
          },
        ],
      },
      {
        settore: "Settore Mobilità",
        nome: "Piste ciclabili in via Boschetto",
        definizione: "Due piste monodirezionali",
        indicatori: [
          {
            nome: "Metri lineari",
            atteso: "3.800",
            consuntivo: "3.800",
            scostamento: 0,
            peso: 50,
            ragg: 100,
            note: "nessuna",
          },
          { nome: "Stato avanzamento lavori", atteso: 70, consuntivo: 100, scostamento: 30, peso: 50, ragg: 100 },
        ],
      },
    ],
  });
  const mandato = b.sezione({
    titolo: "OBIETTIVI DI MANDATO",
    percentuale: { valore: 96.77, dove: "sotto", righeVuote: 3 },
    obiettivi: obiettiviSemplici(["Formazione personale assegnato", 1], ["Coordinamento bilancio", 3]),
  });
  const linee = leggi(b.build());

  it("trova le linee con i loro obiettivi e indicatori", () => {
    expect(riassunto(linee)).toEqual([
      {
        linea: "LINEA STRATEGICA SULL'AMBIENTE",
        obiettivi: ["Approvazione della Variante al PGT (1)", "Piste ciclabili in via Boschetto (2)"],
      },
      {
        linea: "OBIETTIVI DI MANDATO",
        obiettivi: ["Formazione personale assegnato (1)", "Coordinamento bilancio (3)"],
      },
    ]);
  });

  it("registra foglio e cella del titolo e la percentuale della linea", () => {
    expect(linee[0]).toMatchObject({ foglio: "Obiettivi 2024", cellaTitolo: "A2" });
    expect(linee[0].percentuale).toEqual({ cella: "A5", valore: 92.3, scala: "frazione" });
    expect(linee[1].cellaTitolo).toBe(mandato.cellaTitolo);
    expect(linee[1].percentuale).toEqual({ cella: mandato.cellaPercentuale, valore: 96.77, scala: "percento" });
  });

  it("legge obiettivo e indicatore con indirizzi esatti", () => {
    expect(ambiente.righeIntestazione).toEqual([6]);
    const obiettivo = linee[0].obiettivi[0];
    expect(obiettivo).toMatchObject({
      nome: "Approvazione della Variante al PGT",
      settore: "Settore Urbanistica",
      definizione: "Conclusione delle attività per la Variante",
      foglio: "Obiettivi 2024",
      riga: 8,
    });
    const ind = obiettivo.indicatori[0];
    expect(ind).toMatchObject({
      nome: "Approvazione della Variante",
      formula: "1 = fatto 0 = non fatto",
      finalita: "Approvare la Variante",
      note: "",
      atteso: 1,
      consuntivo: 1,
      peso: 100,
      scostamento: 0,
      ragg: 100,
      scalaRagg: "frazione",
      polarita: undefined,
      foglio: "Obiettivi 2024",
      riga: 8,
      formule: {},
    });
    // Text columns (Settore … Note) keep no address per row: their values are checked above.
    expect(ind.celle).toEqual({
      indicatore: "D8",
      atteso: "G8",
      consuntivo: "H8",
      scostamento: "I8",
      peso: "K8",
      ragg: "L8",
      barometro: "M8",
    });
  });

  it("le righe successive dell'obiettivo prendono settore e obiettivo dalle celle unite", () => {
    const piste = linee[0].obiettivi[1];
    expect(piste).toMatchObject({ settore: "Settore Mobilità", riga: 9 });
    expect(piste.indicatori.map((i) => [i.nome, i.riga, i.celle.ragg])).toEqual([
      ["Metri lineari", 9, "L9"],
      ["Stato avanzamento lavori", 10, "L10"],
    ]);
    expect(piste.indicatori[0]).toMatchObject({
      atteso: "3.800",
      consuntivo: "3.800",
      note: "nessuna",
      scalaRagg: "percento",
    });
  });
});

describe("colonne", () => {
  const obiettivi: SpecObiettivo[] = [
    {
      settore: "Settore Cultura",
      nome: "Mostre",
      definizione: "Organizzare mostre",
      indicatori: [
        {
          nome: "Numero mostre",
          formula: "n. mostre",
          finalita: "Attrattività",
          atteso: 4,
          consuntivo: 5,
          scostamento: 1,
          note: "n",
          peso: 60,
          ragg: 100,
        },
        {
          nome: "Visitatori",
          formula: "n. visitatori",
          finalita: "Pubblico",
          atteso: 1000,
          consuntivo: 800,
          scostamento: -200,
          peso: 40,
          ragg: 80,
        },
      ],
    },
  ];
  const attesi = [
    {
      nome: "Numero mostre",
      formula: "n. mostre",
      finalita: "Attrattività",
      atteso: 4,
      consuntivo: 5,
      scostamento: 1,
      note: "n",
      peso: 60,
      ragg: 100,
    },
    {
      nome: "Visitatori",
      formula: "n. visitatori",
      finalita: "Pubblico",
      atteso: 1000,
      consuntivo: 800,
      scostamento: -200,
      peso: 40,
      ragg: 80,
    },
  ];

  function verifica(colonne: Colonna[], colonna = 0) {
    const b = new FoglioBuilder("Cultura", { row: 0, col: 0 });
    b.vuote(3);
    const layout = b.sezione({
      titolo: "Linea strategica su formazione, ricerca, cultura",
      colonne,
      colonna,
      obiettivi,
    });
    const [linea] = leggi(b.build());
    const [obiettivo] = linea.obiettivi;
    expect(obiettivo).toMatchObject({ nome: "Mostre", settore: "Settore Cultura", definizione: "Organizzare mostre" });
    expect(obiettivo.indicatori).toMatchObject(attesi);
    obiettivo.indicatori.forEach((ind, i) => {
      const conIndirizzo = colonne.flatMap((c) =>
        c.campo && !(CAMPI_TESTO as readonly string[]).includes(c.campo) ? [c.campo as CampoCella] : []
      );
      for (const campo of conIndirizzo) expect(ind.celle[campo]).toBe(layout.cella(campo, 0, i));
      expect(Object.keys(ind.celle).sort()).toEqual([...conIndirizzo].sort());
    });
    return linea;
  }

  it("in qualsiasi ordine", () => {
    verifica([...COLONNE_STANDARD].reverse());
    verifica([8, 3, 11, 0, 6, 1, 12, 5, 2, 10, 4, 9, 7].map((i) => COLONNE_STANDARD[i]));
  });

  it("ignorando le colonne sconosciute", () => {
    const colonne: Colonna[] = [
      { titolo: "Codice" },
      ...COLONNE_STANDARD.slice(0, 4),
      { titolo: "Responsabile" },
      ...COLONNE_STANDARD.slice(4, 9),
      { titolo: "Stakeholder" },
      ...COLONNE_STANDARD.slice(9),
      { titolo: "Missione / Programma" },
    ];
    const linea = verifica(colonne, 2);
    expect(linea.obiettivi[0].indicatori[0].celle.ragg).toBe("Q8");
  });

  it("con una tabella ridotta alle colonne obbligatorie", () => {
    const b = new FoglioBuilder("Minima");
    b.sezione({
      colonne: [
        { titolo: "Indicatore", campo: "indicatore" },
        { titolo: "Atteso", campo: "atteso" },
        { titolo: "Consuntivo", campo: "consuntivo" },
        { titolo: "Peso", campo: "peso" },
      ],
      obiettivi: [
        {
          nome: "ignorato",
          indicatori: [
            { nome: "A", atteso: 1, consuntivo: 1, peso: 50 },
            { nome: "B", peso: 50 },
          ],
        },
      ],
    });
    const [linea] = leggi(b.build());
    // Without an Obiettivo column every row belongs to one unnamed objective.
    expect(riassunto([linea])).toEqual([{ linea: "Minima", obiettivi: [" (2)"] }]);
    expect(linea.obiettivi[0].indicatori[1]).toMatchObject({
      nome: "B",
      ragg: undefined,
      scalaRagg: "percento",
      formula: "",
      note: "",
    });
    expect(linea.obiettivi[0].indicatori[1].celle).toEqual({
      indicatore: "A3",
      atteso: "B3",
      consuntivo: "C3",
      peso: "D3",
    });
  });
});

describe("varianti dei titoli di colonna", () => {
  const varianti: Record<string, string[]> = {
    ragg: ["% Ragg.", "% raggiungimento", "% Ragg", "Raggiungimento %", "%RAGG", " % ragg. "],
    finalita: ["Finalita'", "Finalità", "FINALITA’"],
    peso: ["Peso %", "Peso (%)", "PESO"],
    consuntivo: ["Target\nconsuntivo", "Consuntivo", "Valore consuntivo", "Target  Consuntivo:"],
    atteso: ["Target atteso", "Atteso", "Valore atteso", "TARGET\r\nATTESO"],
    polarita: ["Polarità", "Polarita", "Verso"],
    indicatore: ["Indicatore", "INDICATORI", "Indicatore:"],
  };
  const campi = Object.keys(varianti);
  const n = Math.max(...Object.values(varianti).map((v) => v.length));

  it.each(Array.from({ length: n }, (_, i) => i))("combinazione %i", (i) => {
    const colonne: Colonna[] = [
      { titolo: "Settore", campo: "settore" },
      { titolo: "Obiettivo", campo: "obiettivo" },
      ...campi.map((campo) => ({
        titolo: varianti[campo][i % varianti[campo].length],
        campo: campo as Colonna["campo"],
      })),
      { titolo: "Formula", campo: "formula" },
    ];
    const b = new FoglioBuilder("Varianti");
    const layout = b.sezione({
      colonne,
      obiettivi: [
        {
          nome: "Ob",
          indicatori: [{ nome: "I", finalita: "F", peso: 30, atteso: 2, consuntivo: 1, ragg: 50, polarita: "↑" }],
        },
      ],
    });
    const [linea] = leggi(b.build());
    const ind = linea.obiettivi[0].indicatori[0];
    expect(ind).toMatchObject({
      nome: "I",
      finalita: "F",
      peso: 30,
      atteso: 2,
      consuntivo: 1,
      ragg: 50,
      polarita: "↑",
    });
    // The text columns' mapping shows in the values above; the others in their addresses.
    for (const campo of campi.filter((c) => !(CAMPI_TESTO as readonly string[]).includes(c)))
      expect(ind.celle[campo as keyof typeof ind.celle]).toBe(layout.cella(campo as never, 0, 0));
  });
});

describe("una linea per foglio e layout misti", () => {
  it("senza titolo la linea prende il nome del foglio", () => {
    const ambiente = new FoglioBuilder("Ambiente");
    ambiente.sezione({
      percentuale: { valore: "100,00%", dove: "destra" },
      obiettivi: obiettiviSemplici(["A1", 2], ["A2", 1]),
    });
    const sport = new FoglioBuilder("Sport");
    sport.sezione({ obiettivi: obiettiviSemplici(["S1", 1]) });
    const linee = leggi(ambiente.build(), sport.build());
    expect(riassunto(linee)).toEqual([
      { linea: "Ambiente", obiettivi: ["A1 (2)", "A2 (1)"] },
      { linea: "Sport", obiettivi: ["S1 (1)"] },
    ]);
    expect(linee[0]).toMatchObject({
      foglio: "Ambiente",
      percentuale: { cella: "B1", valore: "100,00%", scala: "testo" },
    });
    expect(linee[0].cellaTitolo).toBeUndefined();
    expect(linee[1].percentuale).toBeUndefined();
    expect(linee[1].obiettivi[0].indicatori[0]).toMatchObject({ foglio: "Sport", riga: 2, celle: { ragg: "L2" } });
  });

  it("un foglio con una tabella senza titolo seguita da sezioni con titolo, più un foglio per linea", () => {
    const misto = new FoglioBuilder("Misto");
    misto.sezione({ obiettivi: obiettiviSemplici(["Senza titolo", 1]) });
    misto.vuote(2);
    misto.sezione({
      titolo: "LINEA STRATEGICA SULLO SPORT",
      relazione: false,
      obiettivi: obiettiviSemplici(["Sport", 2]),
    });
    misto.sezione({
      titolo: "Linea strategica sull'efficientamento dei servizi",
      obiettivi: obiettiviSemplici(["Servizi", 1]),
    });
    const solo = new FoglioBuilder("Mandato");
    solo.sezione({ obiettivi: obiettiviSemplici(["M", 3]) });
    const vuoto = new FoglioBuilder("Note");
    vuoto.cella("A1", "Appunti vari");
    expect(riassunto(leggi(misto.build(), vuoto.build(), solo.build()))).toEqual([
      { linea: "Misto", obiettivi: ["Senza titolo (1)"] },
      { linea: "LINEA STRATEGICA SULLO SPORT", obiettivi: ["Sport (2)"] },
      { linea: "Linea strategica sull'efficientamento dei servizi", obiettivi: ["Servizi (1)"] },
      { linea: "Mandato", obiettivi: ["M (3)"] },
    ]);
  });

  it("un indice con i nomi delle linee ma senza tabelle non produce linee", () => {
    const indice = new FoglioBuilder("Indice");
    indice.riga(0, 0, ["Linea strategica sull'ambiente", "pag. 3"]);
    indice.riga(1, 0, ["Obiettivo di mandato", "pag. 19"]);
    const dati = new FoglioBuilder("Dati");
    dati.sezione({ titolo: "LINEA STRATEGICA SULL'AMBIENTE", obiettivi: obiettiviSemplici(["X", 1]) });
    expect(riassunto(leggi(indice.build(), dati.build()))).toEqual([
      { linea: "LINEA STRATEGICA SULL'AMBIENTE", obiettivi: ["X (1)"] },
    ]);
  });

  it("il titolo su più righe o con spazi è letto compatto", () => {
    const b = new FoglioBuilder("T");
    b.sezione({
      titolo: "  LINEA STRATEGICA\nSU SMART CITY  E PA EFFICIENTE ",
      obiettivi: obiettiviSemplici(["X", 1]),
    });
    expect(leggi(b.build())[0].nome).toBe("LINEA STRATEGICA SU SMART CITY E PA EFFICIENTE");
  });
});

describe("continuazione degli obiettivi", () => {
  const obiettivi: SpecObiettivo[] = [
    {
      settore: "Settore Cultura e Turismo",
      nome: "Formazione personale assegnato",
      definizione: "Direttiva",
      indicatori: [
        { nome: "Ore", peso: 50 },
        { nome: "Corsi", peso: 50 },
      ],
    },
    {
      settore: "Unità Segretario Generale",
      nome: "Formazione personale assegnato",
      definizione: "Direttiva",
      indicatori: [{ nome: "Ore", peso: 100 }],
    },
    {
      nome: "Formazione personale assegnato",
      definizione: "Direttiva",
      indicatori: [
        { nome: "Ore", peso: 30 },
        { nome: "Corsi", peso: 30 },
        { nome: "Test", peso: 40 },
      ],
    },
    {
      settore: "Settore Polizia Locale",
      nome: "Formazione personale assegnato",
      definizione: "Direttiva",
      indicatori: [{ nome: "Ore", peso: 100 }],
    },
  ];

  it.each(["unione", "vuota"] as const)("con celle %s: nomi identici restano obiettivi distinti", (continuazione) => {
    const b = new FoglioBuilder("Mandato");
    const layout = b.sezione({ titolo: "OBIETTIVI DI MANDATO", continuazione, obiettivi });
    const [linea] = leggi(b.build());
    expect(
      linea.obiettivi.map((o) => [o.nome, o.settore, o.definizione, o.riga, o.indicatori.map((i) => i.nome)])
    ).toEqual([
      [
        "Formazione personale assegnato",
        "Settore Cultura e Turismo",
        "Direttiva",
        layout.righe[0][0] + 1,
        ["Ore", "Corsi"],
      ],
      ["Formazione personale assegnato", "Unità Segretario Generale", "Direttiva", layout.righe[1][0] + 1, ["Ore"]],
      // Blank Settore carries over from the rows above.
      [
        "Formazione personale assegnato",
        "Unità Segretario Generale",
        "Direttiva",
        layout.righe[2][0] + 1,
        ["Ore", "Corsi", "Test"],
      ],
      ["Formazione personale assegnato", "Settore Polizia Locale", "Direttiva", layout.righe[3][0] + 1, ["Ore"]],
    ]);
  });

  it("celle unite e celle vuote danno lo stesso modello", () => {
    const leggiCon = (continuazione: "unione" | "vuota") => {
      const b = new FoglioBuilder("F");
      b.sezione({ titolo: "LINEA STRATEGICA SULLO SPORT", continuazione, obiettivi });
      const { linee } = leggiLinee([b.build()]);
      return linee;
    };
    expect(leggiCon("unione")).toEqual(leggiCon("vuota"));
  });

  it("una cella Obiettivo unita su due obiettivi non li separa, celle unite non allineate sì", () => {
    const b = new FoglioBuilder("F");
    b.riga(0, 0, ["Settore", "Obiettivo", "Indicatore", "Target atteso", "Target consuntivo", "Peso"]);
    b.riga(1, 0, ["S", "Primo", "a", 1, 1, 50]);
    b.riga(2, 0, [null, null, "b", 1, 1, 50]);
    b.riga(3, 0, [null, "Secondo", "c", 1, 1, 100]);
    b.riga(4, 0, [null, "Secondo", "d", 1, 1, 100]);
    b.unisci("B2:B3");
    const [linea] = leggi(b.build());
    // The text repeated on row 5 is not merged with row 4: it is a new objective.
    expect(riassunto([linea])[0].obiettivi).toEqual(["Primo (2)", "Secondo (1)", "Secondo (1)"]);
    expect(linea.obiettivi.map((o) => o.settore)).toEqual(["S", "S", "S"]);
  });

  it("righe con dati prima di qualsiasi obiettivo formano un obiettivo senza nome", () => {
    const b = new FoglioBuilder("F");
    b.riga(0, 0, ["Obiettivo", "Indicatore", "Target atteso", "Target consuntivo", "Peso"]);
    b.riga(1, 0, [null, "orfano", 1, 1, 100]);
    b.riga(2, 0, ["Ob", "x", 1, 1, 100]);
    b.riga(3, 0, [null, null, null, null, 7]);
    const [linea] = leggi(b.build());
    expect(riassunto([linea])[0].obiettivi).toEqual([" (1)", "Ob (2)"]);
    expect(linea.obiettivi[1].indicatori[1]).toMatchObject({ nome: "", peso: 7, riga: 4 });
  });

  it("un obiettivo su una riga propria, con gli indicatori sotto, inizia da quella riga", () => {
    const b = new FoglioBuilder("F");
    b.riga(0, 0, ["Settore", "Obiettivo", "Definizione", "Indicatore", "Target atteso", "Target consuntivo", "Peso"]);
    b.riga(1, 0, ["S", "Ob", "Def"]);
    b.riga(2, 0, [null, null, null, "i1", 1, 1, 100]);
    b.riga(3, 0, [null, "Nota a piè di tabella"]);
    const [linea] = leggi(b.build());
    expect(linea.obiettivi).toHaveLength(1);
    expect(linea.obiettivi[0]).toMatchObject({ nome: "Ob", settore: "S", definizione: "Def", riga: 2 });
  });
});

describe("intestazioni ripetute e righe vuote", () => {
  const obiettivi = obiettiviSemplici(["Uno", 2], ["Due", 3], ["Tre", 1]);

  it.each(["unione", "vuota"] as const)(
    "con celle %s l'intestazione ripetuta non è un indicatore e l'obiettivo prosegue",
    (continuazione) => {
      const b = new FoglioBuilder("F");
      // Before indicator 2 (first of "Due"), 4 (middle of "Due") and 5 (first of "Tre").
      const layout = b.sezione({
        titolo: "LINEA STRATEGICA SULLO SPORT",
        continuazione,
        intestazioneRipetuta: [2, 4, 5],
        obiettivi,
      });
      expect(layout.righeIntestazione).toHaveLength(4);
      const [linea] = leggi(b.build());
      expect(riassunto([linea])[0].obiettivi).toEqual(["Uno (2)", "Due (3)", "Tre (1)"]);
      expect(linea.obiettivi[1].indicatori.map((i) => i.riga)).toEqual(layout.righe[1].map((r) => r + 1));
      expect(linea.obiettivi[1].indicatori[2]).toMatchObject({
        nome: "Due – indicatore 3",
        celle: { ragg: layout.cella("ragg", 1, 2) },
      });
    }
  );

  it("un'intestazione ripetuta senza una colonna obbligatoria vale la precedente; tre parole chiave fuori posto sono dati", () => {
    const b = new FoglioBuilder("F");
    const testata = [
      "Settore",
      "Obiettivo",
      "Definizione",
      "Indicatore",
      "Target atteso",
      "Target consuntivo",
      "Peso",
      "Note",
    ];
    b.riga(0, 0, testata);
    b.riga(1, 0, ["S", "Ob", "Def", "i1", 1, 1, 50]);
    // Indicator text, objective text and a "raggiunto" note: three keywords, none under its column.
    b.riga(2, 0, [null, "Obiettivo raggiunto", null, "Indicatore di pesatura", 2, 2, 50, "Target raggiunto"]);
    // The header repeated on a new page with «Peso» deleted.
    b.riga(
      3,
      0,
      testata.map((t) => (t === "Peso" ? null : t))
    );
    b.riga(4, 0, [null, null, null, "i3", 3, 3, 100]);
    const [linea] = leggi(b.build());
    expect(linea.obiettivi.flatMap((o) => o.indicatori.map((i) => [i.nome, i.riga]))).toEqual([
      ["i1", 2],
      ["Indicatore di pesatura", 3],
      ["i3", 5],
    ]);
  });

  it("le righe vuote di separazione sono saltate, anche a metà obiettivo", () => {
    const b = new FoglioBuilder("F");
    const layout = b.sezione({
      titolo: "LINEA STRATEGICA SULLO SPORT",
      continuazione: "vuota",
      righeVuote: [1, 2, 4],
      obiettivi,
    });
    const [linea] = leggi(b.build());
    expect(riassunto([linea])[0].obiettivi).toEqual(["Uno (2)", "Due (3)", "Tre (1)"]);
    expect(linea.obiettivi[0].indicatori[1].riga).toBe(layout.righe[0][1] + 1);
    expect(layout.righe[0][1] - layout.righe[0][0]).toBe(2);
  });
});

describe("valori", () => {
  it("i numeri scritti come testo all'italiana restano grezzi", () => {
    const b = new FoglioBuilder("F");
    b.sezione({
      obiettivi: [
        {
          nome: "Ob",
          indicatori: [
            { nome: "i", atteso: "3.800", consuntivo: "1.545", scostamento: "-2.255", peso: "50", ragg: "40,66%" },
            { nome: "j", atteso: " 78,5 ", consuntivo: "da rilevare", peso: 50, ragg: "" },
          ],
        },
      ],
    });
    const [i, j] = leggi(b.build())[0].obiettivi[0].indicatori;
    expect(i).toMatchObject({
      atteso: "3.800",
      consuntivo: "1.545",
      scostamento: "-2.255",
      peso: "50",
      ragg: "40,66%",
      scalaRagg: "testo",
    });
    expect(j).toMatchObject({ atteso: " 78,5 ", consuntivo: "da rilevare", ragg: "", scalaRagg: "percento" });
  });

  it("% Ragg: frazione con formato %, numero 0–100, testo, vuoto", () => {
    const b = new FoglioBuilder("F");
    b.sezione({
      obiettivi: [
        {
          nome: "Ob",
          indicatori: [
            { nome: "a", ragg: 0.923, raggFmt: "0.00%" },
            { nome: "b", ragg: 92.3, raggFmt: "0.00" },
            { nome: "c", ragg: "92,30%" },
            { nome: "d", ragg: null, raggFmt: "0%" },
            { nome: "e", ragg: null },
            { nome: "f", ragg: 85, raggFmt: '0.0"%"' },
            { nome: "g", ragg: 1.5, raggFmt: "0%" },
          ],
        },
      ],
    });
    const indicatori = leggi(b.build())[0].obiettivi[0].indicatori;
    expect(indicatori.map((i) => [i.nome, i.ragg, i.scalaRagg])).toEqual([
      ["a", 92.3, "frazione"],
      ["b", 92.3, "percento"],
      ["c", "92,30%", "testo"],
      // A blank cell formatted as % will show a fraction correctly: write it back as one.
      ["d", null, "frazione"],
      ["e", null, "percento"],
      // A quoted "%" is literal text: the number is already 0–100.
      ["f", 85, "percento"],
      ["g", 150, "frazione"],
    ]);
  });

  it("booleani e date nelle celle arrivano come sono", () => {
    const data = new Date(Date.UTC(2024, 11, 31));
    const b = new FoglioBuilder("F");
    b.sezione({
      obiettivi: [
        {
          nome: "Ob",
          indicatori: [{ nome: 42, formula: true, atteso: data, consuntivo: false, peso: 100, ragg: true }],
        },
      ],
    });
    const [ind] = leggi(b.build())[0].obiettivi[0].indicatori;
    expect(ind).toMatchObject({
      nome: "42",
      formula: "true",
      atteso: data,
      consuntivo: false,
      ragg: true,
      scalaRagg: "testo",
    });
  });

  it("un titolo dentro una riga con dati è un indicatore, non una nuova linea", () => {
    const b = new FoglioBuilder("F");
    b.sezione({
      titolo: "LINEA STRATEGICA SULLO SPORT",
      obiettivi: [
        {
          nome: "Obiettivo di mandato",
          indicatori: [{ nome: "Obiettivi di mandato raggiunti", atteso: 1, consuntivo: 1, peso: 100 }],
        },
      ],
    });
    expect(riassunto(leggi(b.build()))).toEqual([
      { linea: "LINEA STRATEGICA SULLO SPORT", obiettivi: ["Obiettivo di mandato (1)"] },
    ]);
  });
});

describe("percentuale della linea", () => {
  function percentuale(
    p: Parameters<FoglioBuilder["sezione"]>[0]["percentuale"],
    titolo: string | undefined = "LINEA STRATEGICA SULLO SPORT"
  ) {
    const b = new FoglioBuilder("F");
    const layout = b.sezione({ titolo, percentuale: p, obiettivi: obiettiviSemplici(["X", 1]) });
    return { percentuale: leggi(b.build())[0].percentuale, layout };
  }

  it("a destra dell'etichetta", () => {
    const { percentuale: p, layout } = percentuale({ valore: 0.8444, fmt: "0.00%", dove: "destra" });
    expect(layout.cellaPercentuale).toBe("B4");
    expect(p).toEqual({ cella: "B4", valore: 84.44, scala: "frazione" });
  });

  it("a destra di un'etichetta unita su più colonne", () => {
    const { percentuale: p } = percentuale({ valore: 84.44, dove: "destra", larghezzaEtichetta: 6 });
    expect(p).toEqual({ cella: "G4", valore: 84.44, scala: "percento" });
  });

  it("sotto l'etichetta, anche dopo qualche riga vuota", () => {
    expect(percentuale({ valore: "79,23%", dove: "sotto" }).percentuale).toEqual({
      cella: "A5",
      valore: "79,23%",
      scala: "testo",
    });
    expect(percentuale({ valore: 0.7923, fmt: "0.00%", dove: "sotto", righeVuote: 6 }).percentuale).toEqual({
      cella: "A11",
      valore: 79.23,
      scala: "frazione",
    });
  });

  it("registra la formula della cella", () => {
    const { percentuale: p } = percentuale({ valore: 1, fmt: "0.00%", dove: "sotto", formula: "=AVERAGE(L8:L9)" });
    expect(p).toEqual({ cella: "A5", valore: 100, scala: "frazione", formula: "=AVERAGE(L8:L9)" });
  });

  it("etichetta senza valore: la cella vuota sotto l'etichetta", () => {
    const b = new FoglioBuilder("F");
    b.riga(0, 0, ["LINEA STRATEGICA SULLO SPORT"]);
    b.riga(1, 0, ["% Raggiungimento obiettivi per area strategica"]);
    b.cella("A3", null, { fmt: "0.00%" });
    b.riga(4, 0, ["Obiettivo", "Indicatore", "Target atteso", "Target consuntivo", "Peso"]);
    b.riga(5, 0, ["Ob", "i", 1, 1, 100]);
    expect(leggi(b.build())[0].percentuale).toEqual({ cella: "A3", valore: null, scala: "frazione" });
  });

  it("etichetta senza valore subito sopra l'intestazione: la cella a destra, in testo", () => {
    const b = new FoglioBuilder("F");
    b.riga(0, 0, ["% Raggiungimento obiettivi per area strategica"]);
    b.riga(1, 0, ["Obiettivo", "Indicatore", "Target atteso", "Target consuntivo", "Peso"]);
    b.riga(2, 0, ["Ob", "i", 1, 1, 100]);
    const [linea] = leggi(b.build());
    expect(linea.percentuale).toEqual({ cella: "B1", valore: null, scala: "testo" });
    expect(linea.obiettivi).toHaveLength(1);
  });

  it("l'etichetta non è presa per la colonna % Ragg né per un'intestazione", () => {
    const b = new FoglioBuilder("F");
    b.riga(0, 0, ["% Raggiungimento obiettivi per area strategica", null, null, null, null, 0.5]);
    b.riga(2, 0, ["Obiettivo", "Indicatore", "Target atteso", "Target consuntivo", "Peso", "% Raggiungimento"]);
    b.riga(3, 0, ["Ob", "i", 1, 1, 100, 100]);
    const [linea] = leggi(b.build());
    expect(linea.percentuale).toEqual({ cella: "F1", valore: 0.5, scala: "percento" });
    expect(linea.obiettivi[0].indicatori[0].celle.ragg).toBe("F4");
  });

  it("l'etichetta sopra il titolo passa alla linea del titolo", () => {
    const b = new FoglioBuilder("F");
    b.riga(0, 0, ["% Raggiungimento obiettivi per area strategica", "88,88%"]);
    b.riga(1, 0, ["LINEA STRATEGICA SU SMART CITY E PA EFFICIENTE"]);
    b.riga(2, 0, ["Obiettivo", "Indicatore", "Target atteso", "Target consuntivo", "Peso"]);
    b.riga(3, 0, ["Ob", "i", 1, 1, 100]);
    const linee = leggi(b.build());
    expect(linee).toHaveLength(1);
    expect(linee[0]).toMatchObject({
      nome: "LINEA STRATEGICA SU SMART CITY E PA EFFICIENTE",
      percentuale: { cella: "B1", valore: "88,88%", scala: "testo" },
    });
  });

  it("titolo ed etichetta sulla stessa riga", () => {
    const b = new FoglioBuilder("F");
    b.riga(0, 0, ["LINEA STRATEGICA SULLO SPORT", null, "% Raggiungimento obiettivi per area strategica", null, 84.44]);
    b.riga(1, 0, ["Obiettivo", "Indicatore", "Target atteso", "Target consuntivo", "Peso"]);
    b.riga(2, 0, ["Ob", "i", 1, 1, 100]);
    expect(leggi(b.build())[0]).toMatchObject({
      cellaTitolo: "A1",
      percentuale: { cella: "E1", valore: 84.44, scala: "percento" },
    });
  });
});

describe("polarità", () => {
  it("legge la colonna Polarità, grezza", () => {
    const colonne: Colonna[] = [
      ...COLONNE_STANDARD.slice(0, 7),
      { titolo: "Polarità", campo: "polarita" },
      ...COLONNE_STANDARD.slice(7),
    ];
    const b = new FoglioBuilder("F");
    const layout = b.sezione({
      colonne,
      obiettivi: [
        {
          nome: "Ob",
          indicatori: [
            { nome: "tempo medio", polarita: "↓", peso: 50 },
            { nome: "pratiche", polarita: "↑", peso: 25 },
            { nome: "x", peso: 25 },
          ],
        },
      ],
    });
    const indicatori = leggi(b.build())[0].obiettivi[0].indicatori;
    expect(indicatori.map((i) => i.polarita)).toEqual(["↓", "↑", null]);
    expect(indicatori[2].celle.polarita).toBe(layout.cella("polarita", 0, 2));
    expect(indicatori[2].celle.polarita).toBe("H4");
    expect(indicatori[2].celle.consuntivo).toBe("I4");
  });

  it("senza colonna Polarità è undefined e non ha cella", () => {
    const b = new FoglioBuilder("F");
    b.sezione({ obiettivi: obiettiviSemplici(["Ob", 1]) });
    const [ind] = leggi(b.build())[0].obiettivi[0].indicatori;
    expect(ind.polarita).toBeUndefined();
    expect(ind.celle.polarita).toBeUndefined();
  });
});

describe("origine non nulla e formule", () => {
  it("gli indirizzi tengono conto dell'origine della griglia", () => {
    const b = new FoglioBuilder("F", { row: 4, col: 2 });
    const layout = b.sezione({
      titolo: "LINEA STRATEGICA SULL'AMBIENTE",
      percentuale: { valore: 1, fmt: "0%", dove: "sotto" },
      obiettivi: obiettiviSemplici(["Uno", 2], ["Due", 1]),
    });
    const grid = b.build();
    expect(grid.origin).toEqual({ row: 4, col: 2 });
    expect(grid.values[0][0]).toBe("Relazione sulla Performance 2024");
    const [linea] = leggi(grid);
    expect(linea).toMatchObject({ cellaTitolo: "C6", percentuale: { cella: "C9", valore: 100, scala: "frazione" } });
    expect(linea.obiettivi.map((o) => o.riga)).toEqual([12, 14]);
    const ind = linea.obiettivi[0].indicatori[1];
    expect(ind).toMatchObject({ riga: 13, celle: { indicatore: "F13", ragg: "N13", barometro: "O13" } });
    expect(layout.cella("ragg", 0, 1)).toBe("N13");
    expect(linea.obiettivi[0]).toMatchObject({ settore: "Settore 1", nome: "Uno" });
  });

  it("registra le formule delle celle che ne hanno una, non le costanti", () => {
    const b = new FoglioBuilder("F");
    b.sezione({
      obiettivi: [
        {
          nome: "Ob",
          indicatori: [
            {
              nome: "i",
              atteso: 10,
              consuntivo: 8,
              scostamento: -2,
              peso: 100,
              ragg: 80,
              formule: { scostamento: "=H2-G2", ragg: "=MIN(100,H2/G2*100)" },
            },
            { nome: "j", atteso: 1, consuntivo: 1, peso: 0 },
          ],
        },
      ],
    });
    const grid = b.build();
    // Office.js puts constants in `formulas` too: they are not formulas.
    (grid.formulas as unknown[][])[2][6] = 1;
    grid.formulas![2][3] = "j";
    const [i, j] = leggi(grid)[0].obiettivi[0].indicatori;
    expect(i.formule).toEqual({ scostamento: "=H2-G2", ragg: "=MIN(100,H2/G2*100)" });
    expect(i).toMatchObject({ scostamento: -2, ragg: 80 });
    expect(j.formule).toEqual({});
  });
});
