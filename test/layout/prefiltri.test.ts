/**
 * The reader's cheap first looks (src/layout/testo.ts puoContenere / puoIniziareCon, the column
 * rules' word pieces) must never reject a text the full normalised match would accept: they only
 * spare the normalisation of data cells. Checked here on arbitrary texts, accents and combining
 * marks included.
 */
import fc from "fast-check";
import {
  abbinaColonne,
  CAMPI_OBBLIGATORI,
  obbligatoriDistinti,
  obbligatoriPossibili,
  REGOLE,
} from "../../src/layout/intestazioni";
import { isEtichettaPercentuale, isTitolo } from "../../src/layout/sezioni";
import { normalizza, parole, puoContenere, puoIniziareCon, radici } from "../../src/layout/testo";

const PEZZI = ["raggiungim", "consuntiv", "pes", "indicator", "note"];
const FRASI = ["linea strategica", "obiettivo di mandato"];

/** Texts made of pieces that normalise into the words looked for, in disguise, and noise. */
const travestimenti = (parola: string) =>
  fc
    .array(fc.constantFrom("", "\u0301", "\u0300"), { minLength: parola.length, maxLength: parola.length })
    .chain((segni) =>
      fc.array(fc.boolean(), { minLength: parola.length, maxLength: parola.length }).map((maiuscole) =>
        [...parola]
          .map((l, i) => {
            const accentata = { a: "à", e: "é", i: "ì", o: "ò", u: "ù" }[l];
            const lettera = accentata && segni[i] === "\u0300" ? accentata : l;
            return (maiuscole[i] ? lettera.toUpperCase() : lettera) + (segni[i] === "\u0301" ? "\u0301" : "");
          })
          .join("")
      )
    );
const rumore = fc.string({ unit: fc.constantFrom("a", "Z", " ", "%", "'", "-", "\n", "è", "\u0301", "1", "—", "İ") });
const testi = (parole: readonly string[]) =>
  fc.oneof(
    rumore,
    fc
      .tuple(rumore, fc.constantFrom(...parole), rumore, fc.constantFrom(" ", "  ", "_", "'", "\t"))
      .chain(([prima, parola, dopo, sep]) =>
        fc
          .array(
            travestimenti(parola).map((t) => t),
            { minLength: 1, maxLength: 1 }
          )
          .map(([t]) => `${prima}${sep}${t.replace(/ /g, sep)}${dopo}`)
      )
  );

test("puoContenere never rejects a text whose normalised form holds a piece", () => {
  const r = radici(PEZZI);
  fc.assert(
    fc.property(testi(PEZZI), (testo) => {
      const norma = normalizza(testo);
      if (PEZZI.some((p) => norma.includes(p))) expect(puoContenere(testo, r)).toBe(true);
    }),
    { numRuns: 3000 }
  );
});

test("puoContenere finds pieces in upper case, with accents and combining marks", () => {
  const r = radici(["raggiungim"]);
  expect(puoContenere("% RAGGIUNGIMENTO obiettivi", r)).toBe(true);
  expect(puoContenere("% raggìungimento", r)).toBe(true);
  expect(puoContenere("% raggi\u0301ungimento", r)).toBe(true);
  expect(puoContenere("numero di pratiche evase", r)).toBe(false);
  expect(puoContenere("qualità dei servizi", r)).toBe(false);
});

test("puoIniziareCon never rejects a text whose normalised form starts with a phrase", () => {
  fc.assert(
    fc.property(
      fc.tuple(fc.constantFrom("", " ", "— ", "'", "\u0301", "1 "), testi(FRASI), rumore),
      ([prima, testo, dopo]) => {
        const t = `${prima}${testo}${dopo}`;
        const norma = normalizza(t);
        if (FRASI.some((f) => norma.startsWith(f))) expect(puoIniziareCon(t, FRASI)).toBe(true);
      }
    ),
    { numRuns: 3000 }
  );
  expect(puoIniziareCon("  LINEA   STRATEGICA sull'ambiente", FRASI)).toBe(true);
  expect(puoIniziareCon("Obiettivo 1.1: migliorare la qualità", FRASI)).toBe(false);
  expect(puoIniziareCon("«Obiettivo» di mandato", FRASI)).toBe(true);
});

test("titles and the percentage label are still found in disguise", () => {
  expect(isTitolo("OBIETTIVI  DI MANDATO")).toBe(true);
  expect(isTitolo("Linea\nstrategica: smart city")).toBe(true);
  expect(isTitolo("ÒBIETTIVI DI MANDATO")).toBe(true);
  expect(isTitolo("Obiettivi di mandatori")).toBe(false);
  expect(isEtichettaPercentuale("% RAGGIUNGIMENTO OBIETTIVI PER AREA STRATEGICA")).toBe(true);
  expect(isEtichettaPercentuale("% Raggiùngimento obiettivi")).toBe(true);
});

describe("every name a column rule accepts holds one of its word pieces", () => {
  test.each(REGOLE.map((r) => [r.campo, r] as const))("%s: exact names", (_campo, regola) => {
    for (const esatto of regola.esatti) expect(regola.radici.some((r) => esatto.includes(r))).toBe(true);
  });

  test.each(REGOLE.map((r) => [r.campo, r] as const))("%s: keyword matches", (_campo, regola) => {
    const vocabolario = REGOLE.flatMap((r) => r.esatti.flatMap((e) => parole(e))).concat(["di", "x", "notevole"]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabolario), { minLength: 1, maxLength: 5 }), (p) => {
        if (regola.parole(p)) expect(regola.radici.some((r) => p.join(" ").includes(r))).toBe(true);
      }),
      { numRuns: 500 }
    );
  });
});

describe("how many required columns a row's cells may name (obbligatoriDistinti)", () => {
  const campiDi = (testi: string[]) => testi.map(obbligatoriPossibili);

  test("never fewer than the required columns abbinaColonne finds", () => {
    const nomi = REGOLE.flatMap((r) => r.esatti).concat(["Indicatore 1: pratiche evase", "qualità", "n.d."]);
    const cella = fc.oneof(fc.constantFrom(...nomi), testi(["indicator", "attes", "consuntiv", "pes", "target"]));
    fc.assert(
      fc.property(fc.array(cella, { maxLength: 14 }), (testi) => {
        const colonne = abbinaColonne(testi.map((testo, colonna) => ({ colonna, testo })));
        const trovate = CAMPI_OBBLIGATORI.filter((c) => colonne[c] !== undefined).length;
        expect(obbligatoriDistinti(campiDi(testi))).toBeGreaterThanOrEqual(trovate);
      }),
      { numRuns: 2000 }
    );
  });

  test("a data row that mentions one column in several cells is not a header candidate", () => {
    // The benchmark's rows: Obiettivo «… tempestività …» (pes), Definizione «… indicatori …», Indicatore.
    const riga = ["Obiettivo 1.1: la tempestività", "garantire gli indicatori", "Indicatore 1: pratiche", "n.d."];
    expect(campiDi(riga)).toEqual([8, 1, 1, 0]);
    expect(obbligatoriDistinti(campiDi(riga))).toBe(2);
    expect(obbligatoriDistinti(campiDi(["Indicatore", "Target atteso", "Target consuntivo", "Peso"]))).toBe(4);
    // One cell naming two columns counts once; a third cell can take the other.
    expect(obbligatoriDistinti(campiDi(["consuntivo / atteso", "Indicatore"]))).toBe(2);
    expect(obbligatoriDistinti(campiDi(["consuntivo / atteso", "atteso", "Indicatore"]))).toBe(3);
  });
});

test("word pieces must be lower-case letters: puoContenere relies on it", () => {
  expect(() => radici(["% ragg"])).toThrow();
  expect(() => radici(["ragg"])).not.toThrow();
});
