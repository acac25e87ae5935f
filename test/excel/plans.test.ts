import { Patch } from "../../src/layout/patch";
import {
  blocchiMancanti,
  blocchiPrevisti,
  blocchiTra,
  byteDelleFette,
  byteJson,
  celleDaDensita,
  celleDelGruppo,
  densitaMassima,
  Fetta,
  FettaLetta,
  prossimoGruppo,
  restoDopo,
  RIGHE_MAX_PER_BLOCCO,
  RIGHE_PER_BLOCCO,
  RIGHE_PRIMA_LETTURA,
  righePerBlocco,
  AREE_PER_BLOCCO,
  densitaUnioni,
  quanteAree,
} from "../../src/excel/read-plan";
import { Area } from "../../src/layout/griglia";
import {
  BYTE_PER_OPERAZIONE,
  dividiLotto,
  MAX_CARATTERI_INDIRIZZI,
  pianoScrittura,
  raggruppa,
  spezzaIndirizzi,
} from "../../src/excel/write-plan";

const F = "Obiettivi 2024";

describe("read plan", () => {
  it("cuts rows into blocks for the merged areas, sized by the areas per row the last read found", () => {
    expect(blocchiTra(250, 600, 256)).toEqual([
      { da: 250, a: 505 },
      { da: 506, a: 600 },
    ]);
    // A sheet never read: RIGHE_PER_BLOCCO rows a block (4 areas a row stay within 512).
    expect(blocchiPrevisti(undefined)).toHaveLength(RIGHE_PRIMA_LETTURA / RIGHE_PER_BLOCCO);
    expect(RIGHE_PER_BLOCCO * 4).toBeLessThanOrEqual(512);
    // 10,000 used rows: + 2,500 rows of margin; 3 areas a row: 85 rows, 255 areas a block.
    expect(righePerBlocco(3)).toBe(85);
    expect(blocchiPrevisti({ righe: { top: 0, bottom: 9_999 }, densitaUnioni: 3 })).toEqual(blocchiTra(0, 12_499, 85));
    expect(righePerBlocco(3) * 3).toBeLessThanOrEqual(AREE_PER_BLOCCO);
    // No merges last time: high blocks; after Excel refused one, 4 times lower each time.
    expect(righePerBlocco(0)).toBe(RIGHE_MAX_PER_BLOCCO);
    expect(righePerBlocco(0, 4)).toBe(RIGHE_MAX_PER_BLOCCO / 4);
    expect(righePerBlocco(3, 1_024)).toBe(1);
    expect(blocchiPrevisti({ righe: null })).toEqual(blocchiTra(0, 1_023, RIGHE_PER_BLOCCO));
    expect(blocchiPrevisti({ righe: { top: 1_048_000, bottom: 1_048_575 } }).at(-1)).toEqual({
      da: 1_048_576 - 64,
      a: 1_048_575,
    });
  });

  it("finds the blocks a grown sheet still needs; densities of what was read", () => {
    const letti = blocchiTra(0, 511, 256);
    expect(blocchiMancanti({ top: 0, bottom: 700 }, letti, 100)).toEqual([
      { da: 512, a: 611 },
      { da: 612, a: 700 },
    ]);
    expect(blocchiMancanti({ top: 0, bottom: 511 }, letti, 100)).toEqual([]);
    // Rows used above the blocks queued (the table moved up) are read too.
    expect(blocchiMancanti({ top: 0, bottom: 300 }, blocchiTra(100, 400, 256), 64)).toEqual(blocchiTra(0, 99, 64));
    expect(blocchiMancanti(null, [], 1)).toEqual([]);
    expect(
      densitaUnioni([
        { da: 0, a: 99, aree: 50 },
        { da: 100, a: 109, aree: 30 },
      ])
    ).toBe(3);
    expect(densitaUnioni([])).toBe(0);
    expect(quanteAree("'Obiettivi 2024'!A7:A9, 'Obiettivi 2024'!B7:B9")).toBe(2);
  });

  /** Every group prossimoGruppo gives, reading the whole of `aree` at celleMax cells per sync. */
  const tuttiIGruppi = (aree: (Area | null)[], celleMax: number): Fetta[][] => {
    const gruppi: Fetta[][] = [];
    for (let resto = aree, g = prossimoGruppo(resto, celleMax); g.length > 0; g = prossimoGruppo(resto, celleMax)) {
      gruppi.push(g);
      resto = restoDopo(resto, g);
    }
    return gruppi;
  };

  it("groups row slices into syncs of at most celleMax cells, filling each sync across sheets", () => {
    const gruppi = tuttiIGruppi(
      [{ top: 0, left: 0, bottom: 999, right: 9 }, null, { top: 5, left: 2, bottom: 104, right: 3 }],
      3_000
    );
    expect(gruppi.map((g) => g.map((f) => [f.foglio, f.area.top, f.area.bottom]))).toEqual([
      [[0, 0, 299]],
      [[0, 300, 599]],
      [[0, 600, 899]],
      [
        [0, 900, 999],
        [2, 5, 104],
      ],
    ]);
    for (const g of gruppi) expect(celleDelGruppo(g)).toBeLessThanOrEqual(3_000);
    // A remainder of a sheet shares its sync with the next sheet's first rows.
    expect(
      tuttiIGruppi(
        [
          { top: 0, left: 0, bottom: 9, right: 9 },
          { top: 0, left: 0, bottom: 99, right: 4 },
        ],
        60
      ).map((g) => g.map((f) => [f.foglio, f.area.top, f.area.bottom]))[1]
    ).toEqual([
      [0, 6, 9],
      [1, 0, 3],
    ]);
    // A row wider than celleMax stands alone.
    expect(tuttiIGruppi([{ top: 0, left: 0, bottom: 2, right: 99 }], 50)).toHaveLength(3);
    expect(prossimoGruppo([null, null], 100)).toEqual([]);
  });

  it("measures a value's JSON bytes: JSON.stringify's length, more for escapes and non-ASCII text", () => {
    const righe = [
      ["Indicatore 1: numero di pratiche evase", 0.923, null, 1_250, true],
      ["General", "0.00%", "#,##0", "", "0"],
    ];
    // A comma after every value and array: one more per array than JSON writes, and one after the whole.
    const virgole = 3 + 1;
    expect(byteJson(righe)).toBe(JSON.stringify(righe).length + virgole);
    const formula = '=IF(M7="";"";"Barometro: "&TEXT(M7;"0%")&"\\ ok")';
    expect(byteJson(formula)).toBe(JSON.stringify(formula).length + 1);
    expect(byteJson("perché ↓")).toBe(Buffer.byteLength(JSON.stringify("perché ↓")) + 1);
    expect(byteJson("a\nb")).toBeGreaterThanOrEqual(JSON.stringify("a\nb").length);
  });

  it("sizes by the densest part of what was read, never below the average", () => {
    // 2,000 rows × 10 columns: the last 1,000 rows hold a 300-character formula in one column.
    const righe = 2_000;
    const values = Array.from({ length: righe }, () => Array.from({ length: 10 }, () => 1));
    const numberFormat = values.map((r) => r.map(() => "General"));
    const formula = `=${"A".repeat(299)}`;
    const fetta: FettaLetta = {
      foglio: 0,
      area: { top: 0, left: 0, bottom: righe - 1, right: 9 },
      values,
      numberFormat,
      formule: [{ address: "'Obiettivi 2024'!J1001:J2000", formulas: Array.from({ length: 1_000 }, () => [formula]) }],
      unioni: [{ riga: 6, fino: 100, address: "'Obiettivi 2024'!A7:A9, 'Obiettivi 2024'!B7:B9" }],
    };
    const leggera = JSON.stringify(values[0]).length + JSON.stringify(numberFormat[0]).length;
    const media = byteDelleFette([fetta]) / (righe * 10);
    const densa = densitaMassima([fetta]);
    expect(byteDelleFette([fetta])).toBeGreaterThanOrEqual(JSON.stringify(fetta).length);
    expect(byteDelleFette([fetta]) - byteDelleFette([{ ...fetta, unioni: [] }])).toBeGreaterThan(
      fetta.unioni[0].address.length
    );
    expect(densa).toBeGreaterThan(media * 1.5);
    expect(densa).toBeGreaterThanOrEqual((leggera + formula.length) / 10);
    expect(densa).toBeLessThan(((leggera + formula.length) / 10) * 1.2);
    // The same cells without the formulas: the average is the densest part.
    const uniforme = { ...fetta, formule: [], unioni: [] };
    expect(densitaMassima([uniforme])).toBeCloseTo(byteDelleFette([uniforme]) / (righe * 10), 0);
    expect(celleDaDensita(4_000_000, densa)).toBe(Math.floor(4_000_000 / densa));
    expect(celleDaDensita(100, 1_000)).toBe(1);
  });
});

describe("write plan", () => {
  const patch = (scritture: Patch["scritture"], colori: Patch["colori"] = []): Patch => ({ scritture, colori });

  it("groups consecutive cells of a column into one 2-D write, then neighbours on a row", () => {
    const piano = pianoScrittura(
      patch([
        { foglio: F, cella: "J7", valore: 1 },
        { foglio: F, cella: "J8", valore: 2 },
        { foglio: F, cella: "J9", valore: 3 },
        { foglio: F, cella: "J12", valore: 4 },
        { foglio: F, cella: "M7", valore: 90 },
        { foglio: F, cella: "A5", valore: 0.8444 },
        { foglio: F, cella: "B5", valore: "84,44%" },
      ])
    );
    expect(piano.lotti).toHaveLength(1);
    expect(piano.lotti[0].valori.map((b) => [b.indirizzo, b.proprieta, b.dati])).toEqual([
      ["A5:B5", "values", [[0.8444, "'84,44%"]]],
      ["J7:J9", "values", [[1], [2], [3]]],
      ["J12", "values", [[4]]],
      ["M7", "values", [[90]]],
    ]);
    expect(piano.fogli).toEqual([F]);
  });

  it("writes a run holding a formula through `formulas`, English with commas as given", () => {
    const piano = pianoScrittura(
      patch([
        { foglio: F, cella: "M7", valore: 100, formula: "=PERF.RAGG(H7,I7)" },
        { foglio: F, cella: "M8", valore: 80 },
      ])
    );
    expect(piano.lotti[0].valori).toEqual([
      expect.objectContaining({ indirizzo: "M7:M8", proprieta: "formulas", dati: [["=PERF.RAGG(H7,I7)"], [80]] }),
    ]);
  });

  it("keeps the last value of a cell written twice, per sheet", () => {
    const piano = pianoScrittura(
      patch([
        { foglio: F, cella: "J7", valore: 1 },
        { foglio: F, cella: "J7", valore: 2 },
        { foglio: "Altro", cella: "J7", valore: 3 },
      ])
    );
    expect(piano.lotti[0].valori.map((b) => [b.foglio, b.dati])).toEqual([
      [F, [[2]]],
      ["Altro", [[3]]],
    ]);
  });

  it("gives one multi-area fill per sheet and colour, clears for null, split at the address limit", () => {
    const colori: Patch["colori"] = [];
    for (let r = 7; r < 2_007; r += 2) colori.push({ foglio: F, cella: `N${r}`, colore: "#63be7b" });
    colori.push({ foglio: F, cella: "N8", colore: null }, { foglio: F, cella: "N9", colore: null });
    const piano = pianoScrittura(patch([], colori));
    const verdi = piano.lotti[0].colori.filter((c) => c.colore === "#63BE7B");
    expect(verdi.length).toBeGreaterThan(1);
    for (const v of verdi) expect(v.indirizzi.length).toBeLessThanOrEqual(MAX_CARATTERI_INDIRIZZI);
    expect(verdi.reduce((s, v) => s + v.celle, 0)).toBe(999); // 1,000 odd rows, N9 then cleared
    expect(verdi[0].indirizzi.startsWith("N7, N11, N13")).toBe(true); // N9 became null
    expect(piano.lotti[0].colori.filter((c) => c.colore === null)).toEqual([
      expect.objectContaining({ indirizzi: "N8:N9", celle: 2 }),
    ]);
  });

  it("splits a refused lot in two halves that together write exactly what it wrote", () => {
    const scritture: Patch["scritture"] = [];
    for (let r = 7; r < 60; r += 3)
      scritture.push({ foglio: F, cella: `J${r}`, valore: r }, { foglio: F, cella: `K${r}`, valore: "x" });
    const colori: Patch["colori"] = [
      { foglio: F, cella: "N7", colore: "#63BE7B" },
      { foglio: F, cella: "N8", colore: null },
    ];
    const regola = {
      foglio: F,
      linea: "00000001",
      aree: ["N7:N9"],
      formula: "=TRUE",
      colore: "#63BE7B",
      fascia: "raggiunto" as const,
    };
    const [lotto] = pianoScrittura({
      scritture,
      colori,
      formattazione: {
        elimina: [{ foglio: F, id: "7", formula: `=TRUE+0*N("barometro:0000000a:00000000")` }],
        aggiungi: [regola, { ...regola, colore: "#F8696B" }],
        invariati: [],
      },
    }).lotti;
    const meta = dividiLotto(lotto)!;
    expect(meta).not.toBeNull();
    expect([...meta[0].valori, ...meta[1].valori]).toEqual(lotto.valori);
    expect([...meta[0].colori, ...meta[1].colori]).toEqual(lotto.colori);
    expect(meta[0].valori.length + meta[0].colori.length).toBeGreaterThan(0);
    expect(meta[1].valori.length + meta[1].colori.length).toBeGreaterThan(0);
    // Deletions first, new rules last: as in the plan.
    expect(meta[0].eliminaRegole).toEqual(lotto.eliminaRegole);
    expect(meta[1].eliminaRegole).toEqual([]);
    expect(meta[1].aggiungiRegole).toEqual(lotto.aggiungiRegole);
    expect(meta[0].byte + meta[1].byte).toBeLessThanOrEqual(lotto.byte);

    // One block alone: the block is halved.
    const colonna: Patch["scritture"] = Array.from({ length: 40 }, (_, i) => ({
      foglio: F,
      cella: `M${i + 7}`,
      valore: i,
    }));
    const [solo] = pianoScrittura(patch(colonna)).lotti;
    expect(solo.valori).toHaveLength(1);
    const [a, b] = dividiLotto(solo)!;
    expect([...a.valori, ...b.valori].map((v) => v.indirizzo)).toEqual(["M7:M26", "M27:M46"]);
    expect([...a.valori, ...b.valori].flatMap((v) => v.dati)).toEqual(solo.valori[0].dati);

    // A single cell cannot be split.
    expect(dividiLotto(pianoScrittura(patch([{ foglio: F, cella: "J7", valore: 1 }])).lotti[0])).toBeNull();
  });

  it("estimates the payload as the JSON length of names, addresses, values and colours", () => {
    const piano = pianoScrittura(
      patch([{ foglio: F, cella: "J7", valore: 12 }], [{ foglio: F, cella: "N7", colore: "#63BE7B" }])
    );
    const attesi =
      2 * BYTE_PER_OPERAZIONE +
      JSON.stringify(F).length * 2 +
      '"J7"'.length +
      "[[12]]".length +
      '"N7"'.length +
      '"#63BE7B"'.length;
    expect(piano.byte).toBe(attesi);
    expect(pianoScrittura(patch([])).lotti).toEqual([]);
  });

  it("splits into several syncs only above the limit, and a long run into halves", () => {
    const scritture: Patch["scritture"] = [];
    for (let r = 1; r <= 20_000; r++) scritture.push({ foglio: F, cella: `J${r}`, valore: r * 1.5 });
    const uno = pianoScrittura(patch(scritture));
    expect(uno.lotti).toHaveLength(1);
    const molti = pianoScrittura(patch(scritture), { maxByteLotto: 50_000 });
    expect(molti.lotti.length).toBeGreaterThan(2);
    for (const l of molti.lotti) expect(l.byte).toBeLessThanOrEqual(50_000);
    expect(molti.lotti.flatMap((l) => l.valori).reduce((s, b) => s + b.dati.length, 0)).toBe(20_000);
  });

  it("helpers: raggruppa and spezzaIndirizzi", () => {
    const c = (riga: number, colonna: number) => ({ riga, colonna, dato: 0, formula: false });
    expect(raggruppa([c(1, 1), c(0, 1), c(5, 0), c(5, 2), c(5, 3)]).map((g) => g.area)).toEqual([
      { top: 5, bottom: 5, left: 0, right: 0 },
      { top: 0, bottom: 1, left: 1, right: 1 },
      { top: 5, bottom: 5, left: 2, right: 3 },
    ]);
    expect(
      spezzaIndirizzi(
        [
          { indirizzo: "N7:N9", celle: 3 },
          { indirizzo: "N12", celle: 1 },
          { indirizzo: "N15", celle: 1 },
        ],
        10
      )
    ).toEqual([
      { indirizzi: "N7:N9, N12", celle: 4 },
      { indirizzi: "N15", celle: 1 },
    ]);
  });
});
