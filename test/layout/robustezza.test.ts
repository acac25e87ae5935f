import { ValoreCella } from "../../src/engine";
import { leggiLinee, SheetGrid } from "../../src/layout";
import { FoglioBuilder, obiettiviSemplici } from "./grid-builder";

/** Small deterministic PRNG (mulberry32), so failures can be replayed. */
function prng(seme: number) {
  let a = seme >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LUNGO = "x".repeat(20000);
const VALORI: unknown[] = [
  null,
  undefined,
  "",
  "   ",
  "Indicatore",
  "Target atteso",
  "Target consuntivo",
  "Peso",
  "% Ragg",
  "Obiettivo",
  "Settore",
  "Polarità",
  "LINEA STRATEGICA SULL'AMBIENTE",
  "OBIETTIVI DI MANDATO",
  "% Raggiungimento obiettivi per area strategica",
  "92,30%",
  "3.800",
  LUNGO,
  `Indicatore ${LUNGO}`,
  0,
  1,
  -1,
  0.923,
  100,
  NaN,
  Infinity,
  true,
  false,
  new Date(2024, 0, 1),
  new Date(NaN),
  {},
  [],
  { richText: [{ text: "Peso" }] },
  { formula: "A1", result: 3 },
  Symbol("s"),
  () => 1,
  BigInt(7),
];

function grigliaCasuale(caso: () => number): SheetGrid {
  const scegli = <T>(xs: T[]) => xs[Math.floor(caso() * xs.length)];
  const righe = Math.floor(caso() * 30);
  const values = Array.from({ length: righe }, () => {
    if (caso() < 0.05) return undefined;
    const lunghezza = Math.floor(caso() * 16);
    return Array.from({ length: lunghezza }, () => scegli(VALORI));
  });
  const numero = () => scegli<unknown>([0, 1, 2, 5, 10, 40, -3, NaN, Infinity, 1e9, 2.5, undefined, "3"]);
  const merges = Array.from({ length: Math.floor(caso() * 8) }, () =>
    caso() < 0.1
      ? scegli<unknown>([null, 5, "A1:B2", {}])
      : { top: numero(), left: numero(), bottom: numero(), right: numero() }
  );
  const formati = values.map((r) =>
    Array.isArray(r) ? r.map(() => scegli<unknown>(["0%", "General", null, 5, '0"%"'])) : r
  );
  const formule = values.map((r) =>
    Array.isArray(r) ? r.map(() => scegli<unknown>(["", "=A1", null, 3, "=1/0"])) : r
  );
  const grid = {
    name: scegli<unknown>(["Foglio1", "", undefined, 42]),
    origin: scegli<unknown>([undefined, { row: 3, col: 2 }, { row: -1, col: NaN }, null]),
    values,
    numberFormats: scegli<unknown>([formati, undefined, [[1]], "x"]),
    formulas: scegli<unknown>([formule, undefined, null]),
    merges: scegli<unknown>([merges, merges, undefined, null]),
  };
  return grid as unknown as SheetGrid;
}

describe("nessuna tabella", () => {
  it("messaggio che nomina i fogli", () => {
    const a = new FoglioBuilder("Copertina");
    a.riga(0, 0, ["Relazione sulla Performance 2024"]);
    a.riga(1, 0, ["LINEA STRATEGICA SULL'AMBIENTE"]);
    a.riga(2, 0, ["% Raggiungimento obiettivi per area strategica"]);
    a.riga(3, 0, [1]);
    const b = new FoglioBuilder("Dati");
    b.riga(0, 0, ["Settore", "Obiettivo", "Indicatore", "Target atteso", "Target consuntivo"]);
    const { linee, errore } = leggiLinee([a.build(), b.build()]);
    expect(linee).toEqual([]);
    expect(errore).toContain('"Copertina"');
    expect(errore).toContain('"Dati"');
    expect(errore).toMatch(/Nessuna tabella degli obiettivi/);
    expect(errore).toMatch(/Peso/);
  });

  it("nessun foglio o fogli vuoti", () => {
    expect(leggiLinee([])).toEqual({ linee: [], errore: expect.stringMatching(/Nessun foglio/) });
    const { errore } = leggiLinee([
      { name: "Vuoto", values: [], merges: [] },
      { name: "Righe vuote", values: [[], [], []], merges: [] },
    ]);
    expect(errore).toMatch(/"Vuoto", "Righe vuote"/);
  });

  it("elenca al più dieci fogli", () => {
    const fogli = Array.from({ length: 13 }, (_, i) => ({ name: `F${i}`, values: [["x"]], merges: [] }));
    expect(leggiLinee(fogli).errore).toMatch(/"F9" e altri 3\./);
  });

  it("un foglio con una tabella basta: gli altri senza tabella non sono un errore", () => {
    const a = new FoglioBuilder("Note");
    a.cella("A1", "appunti");
    const b = new FoglioBuilder("Dati");
    b.sezione({ obiettivi: obiettiviSemplici(["Ob", 1]) });
    expect(leggiLinee([a.build(), b.build()]).errore).toBeNull();
  });
});

describe("input strani non fanno mai eccezione", () => {
  it.each(Array.from({ length: 300 }, (_, i) => i))("griglia casuale %i", (seme) => {
    const caso = prng(seme);
    const fogli = Array.from({ length: 1 + Math.floor(caso() * 3) }, () => grigliaCasuale(caso));
    const risultato = leggiLinee(fogli);
    expect(Array.isArray(risultato.linee)).toBe(true);
    expect(risultato.errore === null || typeof risultato.errore === "string").toBe(true);
    if (risultato.errore !== null) expect(risultato.errore).not.toMatch(/inatteso/);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["una stringa", "Foglio1"],
    ["fogli null", [null, undefined, 3, "x"]],
    ["values non array", [{ name: "A", values: "ciao", merges: [] }]],
    ["righe non array", [{ name: "A", values: [null, "abc", 5, { length: 3 }], merges: [] }]],
    [
      "merges strani",
      [{ name: "A", values: [["a"]], merges: [{ top: 1e12, left: -1e12, bottom: -5, right: 1e12 }, { top: "a" }] }],
    ],
  ])("%s", (_, fogli) => {
    const risultato = leggiLinee(fogli as SheetGrid[]);
    expect(risultato.linee).toEqual([]);
    expect(typeof risultato.errore).toBe("string");
    expect(risultato.errore).not.toMatch(/inatteso/);
  });

  it("una tabella vera con celle strane, righe irregolari e unioni assurde", () => {
    const b = new FoglioBuilder("Strano");
    const layout = b.sezione({
      titolo: "LINEA STRATEGICA SULLO SPORT",
      obiettivi: obiettiviSemplici(["Uno", 2], ["Due", 2]),
    });
    const grid = b.build();
    const [r1, r2] = layout.righe[0];
    const [r3, r4] = layout.righe[1];
    grid.values[r1][6] = new Date(2024, 11, 31);
    grid.values[r1][3] = LUNGO;
    grid.values[r2] = grid.values[r2].slice(0, 5) as ValoreCella[];
    (grid.values as unknown[])[r3 + 1] = undefined;
    grid.values.push([undefined, null, "", "coda", 1]);
    grid.merges.push(
      { top: 0, left: 0, bottom: 1e7, right: 0 },
      { top: NaN, left: 0, bottom: 3, right: 3 },
      { top: r2, left: 3, bottom: r1, right: 1 },
      { top: -4, left: -4, bottom: -1, right: -1 }
    );
    const { linee, errore } = leggiLinee([grid]);
    expect(errore === null || !/inatteso/.test(errore)).toBe(true);
    expect(Array.isArray(linee)).toBe(true);
    void r4;
  });

  it("celle con valori strani dentro la tabella restano leggibili", () => {
    const b = new FoglioBuilder("F");
    b.sezione({ obiettivi: obiettiviSemplici(["Ob", 2]) });
    const grid = b.build();
    grid.values[1][6] = LUNGO;
    grid.values[1][7] = new Date(NaN);
    (grid.values[2] as unknown[])[3] = { richText: [{ text: "Ricco " }, { text: "testo" }] };
    (grid.values[2] as unknown[])[6] = { formula: "1+1", result: 2 };
    const { linee, errore } = leggiLinee([grid]);
    expect(errore).toBeNull();
    const [a, c] = linee[0].obiettivi[0].indicatori;
    expect(a.atteso).toBe(LUNGO);
    expect(Number.isNaN((a.consuntivo as Date).getTime())).toBe(true);
    expect(c).toMatchObject({ nome: "Ricco testo", atteso: 2 });
  });

  it("una griglia grande con un'unione su tutta la colonna resta veloce", () => {
    const b = new FoglioBuilder("Grande");
    b.sezione({
      obiettivi: obiettiviSemplici(...Array.from({ length: 1500 }, (_, i) => [`Ob ${i}`, 2] as [string, number])),
    });
    const grid = b.build();
    grid.merges.push({ top: 0, left: 40, bottom: 1048575, right: 16383 });
    const inizio = Date.now();
    const { linee } = leggiLinee([grid]);
    expect(Date.now() - inizio).toBeLessThan(5000);
    expect(linee[0].obiettivi).toHaveLength(1500);
  });
});
