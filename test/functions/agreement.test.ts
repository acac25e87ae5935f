/**
 * Agreement: the PERF.* functions, fed with the columns of the Relazione sulla Performance 2024
 * laid out as in the sheet, give the engine's numbers and the published figures.
 * Data: test/fixtures/relazione-performance-2024.json (lines → objectives → indicators).
 */
import "./fake-custom-functions";
import { SeedIndicatore as IndicatoreSeed, SeedLinea as LineaSeed } from "../../scripts/staff-layout";
import * as F from "../../src/functions/functions";
import {
  calcolaEnte,
  calcolaIndicatore,
  calcolaLinea,
  calcolaObiettivo,
  calcolaScostamento,
  fasciaPer,
  Linea,
} from "../../src/engine";
import { costruisciModello, seed, TEMPO_MEDIO } from "../engine/seed-modello";

/** The one indicator of the report where lower is better. */
const polaritaDi = (i: IndicatoreSeed) => (i.indicatore === TEMPO_MEDIO ? "↓" : "");

// ---- The engine's model of the same data (the seed acceptance test's) ----

const modello: Linea[] = costruisciModello(true);

// ---- The same data as sheet columns, one row per indicator ----

type Colonna = unknown[][];
interface Foglio {
  obiettivi: Colonna;
  atteso: Colonna;
  consuntivo: Colonna;
  peso: Colonna;
  polarita: Colonna;
  /** [first row, row count] of each objective in the columns. */
  blocchi: Array<[number, number]>;
}

/** Italian text as staff type it: 3800 → "3.800", 78.5 → "78,5". */
function italiano(n: number): string {
  const [intera, decimali] = String(Math.abs(n)).split(".");
  const gruppi = intera.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${n < 0 ? "-" : ""}${gruppi}${decimali ? `,${decimali}` : ""}`;
}

function foglio(l: LineaSeed, comeTesto: boolean): Foglio {
  const v = (n: number) => [comeTesto ? italiano(n) : n];
  const f: Foglio = { obiettivi: [], atteso: [], consuntivo: [], peso: [], polarita: [], blocchi: [] };
  for (const o of l.obiettivi) {
    f.blocchi.push([f.obiettivi.length, o.indicatori.length]);
    o.indicatori.forEach((i, k) => {
      f.obiettivi.push([k === 0 ? o.obiettivo : ""]); // name on the first row, blank (merged) after
      f.atteso.push(v(i.targetAtteso));
      f.consuntivo.push(v(i.targetConsuntivo));
      f.peso.push(v(i.peso));
      f.polarita.push([polaritaDi(i)]);
    });
  }
  return f;
}

const numero = (x: unknown): number => {
  expect(typeof x).toBe("number");
  return x as number;
};

describe.each([
  ["numbers", false],
  ["Italian text numbers", true],
])("over the Relazione 2024 seed, cells as %s", (_nome, comeTesto) => {
  const indicatori = seed.linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori));
  const modelloIndicatori = modello.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori));
  const fogli = seed.linee.map((l) => foglio(l, comeTesto));
  const raggPerLinea = fogli.map((f) => F.ragg(f.atteso, f.consuntivo, f.polarita));

  it("the seed is the whole report: 10 lines, 82 objectives, 140 indicators", () => {
    expect(seed.linee).toHaveLength(10);
    expect(modello.flatMap((l) => l.obiettivi)).toHaveLength(82);
    expect(indicatori).toHaveLength(140);
  });

  it("PERF.RAGG, one call per line, row by row: the engine's value and the published % Ragg", () => {
    const calcolate = raggPerLinea.flatMap((colonna) => colonna.map((r) => numero(r[0])));
    expect(calcolate).toHaveLength(indicatori.length);
    calcolate.forEach((v, k) => {
      expect(v).toBe(calcolaIndicatore(modelloIndicatori[k]).ragg);
      // The report publishes % Ragg rounded to an integer.
      expect(Math.abs(v - indicatori[k].publishedRagg)).toBeLessThanOrEqual(0.5);
    });
  });

  it("PERF.SCOSTAMENTO row by row: the engine's value; it differs from the report only where the report is wrong", () => {
    const diversi: string[] = [];
    const calcolati = fogli.flatMap((f) => F.scostamento(f.atteso, f.consuntivo).map((r) => numero(r[0])));
    calcolati.forEach((v, k) => {
      expect(v).toBe(calcolaScostamento(indicatori[k].targetAtteso, indicatori[k].targetConsuntivo));
      if (Math.abs(v - indicatori[k].publishedScostamento) > 1e-9) diversi.push(indicatori[k].indicatore);
    });
    // The report's own arithmetic mistakes (Verifica flags them as SCOSTAMENTO_ERRATO).
    expect(diversi).toEqual([
      "Sportello energia",
      "Incremento delle attività di controllo del benessere animale mediante servizio del Garante",
      "Percentuale di utenza soddisfatta del servizio rilascio Spid",
      "Post pubblicati",
      "Report mensili",
    ]);
  });

  it("PERF.OBIETTIVO per objective: the engine's value, «Neutralizzato» where the engine neutralises", () => {
    let neutralizzati = 0;
    fogli.forEach((f, l) => {
      const ragg = raggPerLinea[l];
      f.blocchi.forEach(([inizio, righe], o) => {
        const v = F.obiettivo(f.peso.slice(inizio, inizio + righe), ragg.slice(inizio, inizio + righe));
        const motore = calcolaObiettivo(modello[l].obiettivi[o]);
        if (motore.neutralizzato) {
          neutralizzati++;
          expect(v).toBe("Neutralizzato");
        } else {
          expect(numero(v)).toBeCloseTo(motore.ragg as number, 9);
        }
      });
    });
    expect(neutralizzati).toBe(1); // Linea opere pubbliche, third PINQuA objective (weights 0 and 0)
  });

  it("PERF.LINEA per line: the engine's percentage and the published one (within 0.01 points)", () => {
    fogli.forEach((f, l) => {
      const v = numero(F.linea(f.obiettivi, f.peso, raggPerLinea[l]));
      expect(v).toBeCloseTo(calcolaLinea(modello[l]).percentuale as number, 9);
      expect(Math.abs(v - seed.linee[l].publishedPercent)).toBeLessThanOrEqual(0.01);
    });
  });

  it("PERF.LINEA straight from atteso and consuntivo (nested PERF.RAGG), as in the README example", () => {
    fogli.forEach((f, l) => {
      const v = numero(F.linea(f.obiettivi, f.peso, F.ragg(f.atteso, f.consuntivo, f.polarita)));
      expect(Math.abs(v - seed.linee[l].publishedPercent)).toBeLessThanOrEqual(0.01);
    });
  });

  it("PERF.ENTE over the line results: the engine's overall percentage", () => {
    const linee = fogli.map((f, l) => [F.linea(f.obiettivi, f.peso, raggPerLinea[l])]);
    expect(numero(F.ente(linee))).toBeCloseTo(calcolaEnte(modello).percentuale as number, 9);
  });

  it("PERF.BAROMETRO on the spilled % Ragg: the engine's band for every row", () => {
    raggPerLinea.forEach((colonna) => {
      const bande = F.barometro(colonna);
      colonna.forEach((r, k) => expect(bande[k][0]).toBe(fasciaPer(numero(r[0])).etichetta));
    });
  });
});
