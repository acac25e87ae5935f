/**
 * The trace (src/engine/traccia.ts): the same numbers as calcolaEnte, decomposed. On the published
 * Relazione 2024 (the seed) it reproduces the 10 line figures and breaks Sport, Smart City and
 * Opere pubbliche down as published; on small cases each rule, origin and reason; on random models
 * the sums hold.
 */
import fc from "fast-check";
import { calcolaEnte, tracciaEnte, TracciaLinea, verifica } from "../../src/engine";
import { leggiLinee } from "../../src/layout";
import { costruisci, grigliaSpazzatura, specFoglio, valoreNumerico } from "../robustezza/generatori";
import { daRiga as resetRighe, ind, indAC, linea, obiettivo, percentuale } from "../support/modello";
import { costruisciModello, seed, TEMPO_MEDIO } from "./seed-modello";
import { sommeRotte } from "./traccia-somme";

const RUNS = { numRuns: Number(process.env.BAROMETRO_FC_RUNS ?? 150) };

describe("on the published Relazione 2024 (seed)", () => {
  const linee = costruisciModello(true);
  const traccia = tracciaEnte(linee);
  const per = (re: RegExp): TracciaLinea => traccia.linee.find((l) => re.test(l.nome))!;

  test("the 10 published line figures, and the ente, as calcolaEnte gives them", () => {
    const risultato = calcolaEnte(linee);
    expect(traccia.linee.map((l) => l.percentuale)).toEqual(risultato.linee.map((l) => l.percentuale));
    traccia.linee.forEach((l, i) => {
      expect(l.nome).toBe(seed.linee[i].linea);
      expect(Math.abs(l.percentuale! - seed.linee[i].publishedPercent)).toBeLessThanOrEqual(0.01 + 1e-9);
    });
    expect(traccia.ente.percentuale).toBe(risultato.percentuale);
    expect(traccia.ente.lineeConteggiate).toBe(10);
    expect(sommeRotte(linee, traccia, risultato)).toEqual([]);
  });

  test("every indicator's % Ragg rounds to the published one", () => {
    const diversi = traccia.linee.flatMap((l, li) =>
      l.obiettivi.flatMap((o, oi) =>
        o.indicatori
          .filter((x, ii) => Math.round(x.ragg!) !== seed.linee[li].obiettivi[oi].indicatori[ii].publishedRagg)
          .map((x) => x.nome)
      )
    );
    expect(diversi).toEqual([]);
  });

  test("Sport's 84,44: three objectives, 100 + 100 + 53,33 over 3, the last 0,8 × 41,67 + 0,2 × 100", () => {
    const sport = per(/SPORT/);
    expect(sport.percentuale).toBeCloseTo(84.4444, 4);
    expect(sport.obiettiviConteggiati).toBe(3);
    expect(sport.obiettivi.map((o) => o.percentuale)).toEqual([100, 100, expect.closeTo(53.3333, 4)]);
    const [, monitoraggio, piscine] = sport.obiettivi;
    expect(monitoraggio.indicatori[0].codiceRegola).toBe("binaria");
    expect(monitoraggio.indicatori[0].calcolo).toBe("fatto (consuntivo 1 su atteso 1): 100");
    const [spazi, conformita] = piscine.indicatori;
    expect([spazi.atteso, spazi.consuntivo, spazi.peso, conformita.peso]).toEqual([1200, 500, 80, 20]);
    expect(spazi.regola).toBe("consuntivo / atteso × 100, massimo 100 (più alto è meglio)");
    expect(spazi.calcolo).toBe("500 / 1.200 × 100 = 41,67");
    expect(spazi.pesoNormalizzato).toBeCloseTo(0.8, 12);
    expect(spazi.contributo).toBeCloseTo(33.3333, 4);
    expect(conformita.pesoNormalizzato).toBeCloseTo(0.2, 12);
    expect(conformita.contributo).toBeCloseTo(20, 12);
    // «mancate conformità» reads lower-is-better, but the polarity is ↑: published 100, and said so.
    expect(conformita.ragg).toBe(100);
    expect(conformita.avvisi).toEqual(["POLARITA_SOSPETTA"]);
    expect(conformita.originePolaritaTesto).toMatch(/POLARITA_SOSPETTA/);
  });

  test("Smart City's 88,89, with its lower-is-better indicator scored ↓", () => {
    const smart = per(/SMART CITY/);
    expect(smart.percentuale).toBeCloseTo(88.8889, 4);
    const tempo = smart.obiettivi.flatMap((o) => o.indicatori).find((x) => x.nome === TEMPO_MEDIO)!;
    expect(tempo.polarita).toBe("decrescente");
    expect(tempo.originePolarita).toBe("colonna");
    expect(tempo.codiceRegola).toBe("decrescente");
    expect(tempo.regola).toBe("atteso / consuntivo × 100, massimo 100 (più basso è meglio)");
    expect(tempo.calcolo).toBe("consuntivo 3 ≤ atteso 4: 100");
    // The binary indicators entered as 100 are attached to their cells.
    const binari = smart.obiettivi.flatMap((o) => o.indicatori).filter((x) => x.avvisi.includes("BINARIO_NON_0_1"));
    expect(binari).toHaveLength(6);
    expect(binari.every((x) => x.rilievi[0].cella === x.celle.consuntivo)).toBe(true);
  });

  test("Opere pubbliche: one objective neutralised (Σ peso = 0), the line the mean of the other two", () => {
    const opere = per(/OPERE PUBBLICHE/);
    expect(opere.percentuale).toBeCloseTo(92.3, 10);
    expect(opere.neutralizzati).toBe(1);
    expect(opere.obiettiviConteggiati).toBe(2);
    const neutro = opere.obiettivi.find((o) => o.neutralizzato)!;
    expect(neutro.nome).toMatch(/ID Intervento 82/);
    expect(neutro.conteggiato).toBe(false);
    expect(neutro.percentuale).toBeNull();
    expect(neutro.motivo).toMatch(/^Σ peso = 0/);
    expect(neutro.indicatori.every((x) => x.pesoNormalizzato === null && x.contributo === null)).toBe(true);
    const contate = opere.obiettivi.filter((o) => o.conteggiato).map((o) => o.percentuale!);
    expect(contate).toEqual([100, expect.closeTo(84.6, 10)]);
  });

  test("the weights that do not sum to 100 are reported on their objective", () => {
    const pesi = traccia.linee.flatMap((l) => l.obiettivi.filter((o) => o.avvisi.includes("PESI_NON_100")));
    expect(pesi.map((o) => o.sommaPesi)).toEqual([93, 86]);
    // Renormalised all the same: 93 of weight is the whole objective.
    for (const o of pesi) expect(o.indicatori.reduce((s, x) => s + x.pesoNormalizzato!, 0)).toBeCloseTo(1, 12);
  });
});

describe("small cases", () => {
  beforeEach(() => resetRighe());

  test("a line percentage in the sheet that differs is said, with both numbers", () => {
    const l = linea("L", [obiettivo("O", [indAC(100, 50)])], { percentuale: percentuale(80, "C3") });
    const t = tracciaEnte([l]).linee[0];
    expect(t).toMatchObject({ percentuale: 50, percentualeNelFoglio: 80, diversa: true, cella: "C3" });
    expect(t.rilievi).toEqual([expect.objectContaining({ codice: "LINEA_DIVERSA", cella: "C3" })]);
  });

  test("all data missing: not counted, with the reason; a missing weight: the indicator left out", () => {
    const vuoto = obiettivo("Vuoto", [indAC(null, null, 50), indAC("", undefined, 50)]);
    const senzaPeso = obiettivo("Senza peso", [indAC(100, 80, 60), indAC(100, 100, "")]);
    const t = tracciaEnte([linea("L", [vuoto, senzaPeso])]).linee[0];
    expect(t.obiettivi[0]).toMatchObject({ conteggiato: false, neutralizzato: false, percentuale: null });
    expect(t.obiettivi[0].motivo).toMatch(/^tutti i dati mancanti/);
    expect(t.obiettivi[0].indicatori[0].motivo).toBe("da rilevare: manca il target atteso, manca il target consuntivo");
    expect(t.obiettivi[1]).toMatchObject({ conteggiato: true, percentuale: 80, incompleto: true });
    expect(t.obiettivi[1].indicatori.map((x) => [x.pesoNormalizzato, x.motivo])).toEqual([
      [1, null],
      [null, "manca il peso"],
    ]);
    expect(t.percentuale).toBe(80);
    expect(t.obiettiviConteggiati).toBe(1);
  });

  test("weights as written and renormalised: 25 % and 75 % text, 30 and 10", () => {
    const o = obiettivo("O", [indAC(100, 50, "25%"), indAC(100, 100, "75 %")]);
    const x = tracciaEnte([linea("L", [o])]).linee[0].obiettivi[0].indicatori;
    expect(x.map((i) => [i.pesoNelFoglio, i.peso, i.pesoNormalizzato, i.contributo])).toEqual([
      ["25%", 25, 0.25, 12.5],
      ["75 %", 75, 0.75, 75],
    ]);
  });

  test("polarity: from the column, default, unrecognised", () => {
    const o = obiettivo("O", [
      indAC(5, 8, 1, { polarita: "minore è meglio", conPolarita: true }),
      indAC(5, 8, 1, { polarita: "", conPolarita: true }),
      indAC(5, 8, 1),
      indAC(5, 8, 1, { polarita: "boh", conPolarita: true }),
    ]);
    const x = tracciaEnte([linea("L", [o])]).linee[0].obiettivi[0].indicatori;
    expect(x.map((i) => i.originePolarita)).toEqual(["colonna", "predefinita", "predefinita", "non-riconosciuta"]);
    expect(x[0].originePolaritaTesto).toBe("↓ dalla colonna Polarità (N7: «minore è meglio»)");
    expect(x[0].calcolo).toBe("5 / 8 × 100 = 62,50");
    expect(x[1].originePolaritaTesto).toBe("↑ predefinita: cella Polarità vuota (N8)");
    expect(x[2].originePolaritaTesto).toBe("↑ predefinita: la tabella non ha la colonna Polarità");
    expect(x[3].avvisi).toEqual(["POLARITA_NON_VALIDA"]);
    expect(x[3].calcolo).toBe("consuntivo 8 ≥ atteso 5: 100");
  });

  test("a user's formula in % Ragg: its value, and the rule's beside it", () => {
    const i = ind({ atteso: 100, consuntivo: 80, ragg: 90, formule: { ragg: "=0.9*100" } });
    const x = tracciaEnte([linea("L", [obiettivo("O", [i])])]).linee[0].obiettivi[0].indicatori[0];
    expect(x).toMatchObject({ codiceRegola: "formula-utente", ragg: 90, raggRegola: 80, contributo: 90 });
    expect(x.calcolo).toBe("risultato della formula: 90 (per la regola: 80)");
  });

  test("weights of 1e308: normalised without overflow, as the engine's mean", () => {
    const o = obiettivo("O", [indAC(100, 50, 1e308), indAC(100, 100, 1e308)]);
    const l = linea("L", [o]);
    const t = tracciaEnte([l]);
    expect(t.linee[0].obiettivi[0].indicatori.map((x) => x.pesoNormalizzato)).toEqual([0.5, 0.5]);
    expect(t.linee[0].percentuale).toBe(75);
    expect(sommeRotte([l], t)).toEqual([]);
  });

  test("the findings attached are verifica's, each once", () => {
    const o = obiettivo("O", [indAC(100, "n.d.", 40), indAC(1, 100, 50, { formula: "1 = fatto 0 = non fatto" })]);
    const l = linea("L", [o]);
    const t = tracciaEnte([l]).linee[0].obiettivi[0];
    expect(t.avvisi).toEqual(["PESI_NON_100"]);
    expect(t.indicatori.map((x) => x.avvisi)).toEqual([["VALORE_NON_NUMERICO"], ["BINARIO_NON_0_1"]]);
    expect(verifica([l])).toHaveLength(3);
  });
});

describe("the sums hold on random models (property)", () => {
  test("generated workbooks in the staff's layout", () => {
    fc.assert(
      fc.property(specFoglio, (spec) => {
        const { linee } = leggiLinee([costruisci(spec)]);
        expect(sommeRotte(linee, tracciaEnte(linee))).toEqual([]);
      }),
      RUNS
    );
  });

  test("garbage grids", () => {
    fc.assert(
      fc.property(fc.array(grigliaSpazzatura, { minLength: 1, maxLength: 3 }), (griglie) => {
        const { linee } = leggiLinee(griglie);
        expect(sommeRotte(linee, tracciaEnte(linee))).toEqual([]);
      }),
      RUNS
    );
  });

  test("any values in the figure cells", () => {
    const valore = fc.oneof(valoreNumerico, fc.double(), fc.constantFrom(0, 1e308, -1, "25%", "Sì", null));
    const indicatore = fc
      .record({ atteso: valore, consuntivo: valore, peso: valore, polarita: fc.constantFrom(undefined, "↓", "", "x") })
      .map((v) => ind({ ...v, conPolarita: v.polarita !== undefined }));
    const modello = fc.array(fc.array(fc.array(indicatore, { maxLength: 4 }), { maxLength: 4 }), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(modello, (m) => {
        const linee = m.map((os, i) =>
          linea(
            `L${i}`,
            os.map((xs, k) => obiettivo(`O${k}`, xs))
          )
        );
        expect(sommeRotte(linee, tracciaEnte(linee))).toEqual([]);
      }),
      RUNS
    );
  });
});
