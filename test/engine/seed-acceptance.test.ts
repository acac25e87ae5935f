/**
 * Acceptance test on the published "Relazione sulla Performance 2024" (Comune di Cremona, All. B):
 * the engine must reproduce every published % Ragg and line percentage, and Verifica must find
 * exactly the known inconsistencies of the document.
 */
import { calcolaEnte, calcolaLinea } from "../../src/engine/raggiungimento";
import { verifica } from "../../src/engine/verifiche";
import { Avviso, CodiceAvviso } from "../../src/engine/messaggi";
import { SeedIndicatore } from "../../scripts/staff-layout";
import { Indicatore, Linea, RisultatoIndicatore, RisultatoLinea } from "../../src/engine/tipi";
import { costruisciModello, seed, TEMPO_MEDIO } from "./seed-modello";

interface Coppia {
  linea: number;
  seed: SeedIndicatore;
  modello: Indicatore;
  risultato: RisultatoIndicatore;
}

function coppie(linee: Linea[], risultati: RisultatoLinea[]): Coppia[] {
  return linee.flatMap((l, li) =>
    l.obiettivi.flatMap((o, oi) =>
      o.indicatori.map((ind, ii) => ({
        linea: li,
        seed: seed.linee[li].obiettivi[oi].indicatori[ii],
        modello: ind,
        risultato: risultati[li].obiettivi[oi].indicatori[ii],
      }))
    )
  );
}

const contaPer = (avvisi: Avviso[]) =>
  avvisi.reduce<Partial<Record<CodiceAvviso, number>>>(
    (acc, a) => ({ ...acc, [a.codice]: (acc[a.codice] ?? 0) + 1 }),
    {}
  );

describe("Relazione sulla Performance 2024 (seed)", () => {
  const spie: jest.SpyInstance[] = [];
  let linee: Linea[];
  let risultati: RisultatoLinea[];
  let avvisi: Avviso[];
  let tutti: Coppia[];

  beforeAll(() => {
    for (const metodo of ["log", "info", "warn", "error", "debug"] as const) {
      spie.push(jest.spyOn(console, metodo).mockImplementation(() => undefined));
    }
    linee = costruisciModello(true);
    risultati = linee.map(calcolaLinea);
    avvisi = verifica(linee, risultati);
    tutti = coppie(linee, risultati);
  });

  afterAll(() => spie.forEach((s) => s.mockRestore()));

  test("the engine prints nothing", () => {
    calcolaEnte(linee);
    verifica(linee);
    for (const s of spie) expect(s).not.toHaveBeenCalled();
  });

  test("10 lines, 82 objectives, 140 indicators, all with data", () => {
    expect(linee).toHaveLength(10);
    expect(linee.reduce((n, l) => n + l.obiettivi.length, 0)).toBe(82);
    expect(tutti).toHaveLength(140);
    expect(tutti.every((c) => !c.risultato.daRilevare && c.risultato.ragg !== null)).toBe(true);
  });

  test("only 'tempo medio aggiornamento' has polarity ↓", () => {
    const decrescenti = tutti.filter((c) => c.risultato.polarita === "decrescente").map((c) => c.modello.nome);
    expect(decrescenti).toEqual([TEMPO_MEDIO]);
    const tm = tutti.find((c) => c.modello.nome === TEMPO_MEDIO)!;
    expect([tm.seed.targetAtteso, tm.seed.targetConsuntivo]).toEqual([4, 3]);
    expect(tm.risultato.ragg).toBe(100);
  });

  test("every published % Ragg equals the rounded computed % Ragg", () => {
    const diversi = tutti
      .filter((c) => Math.round(c.risultato.ragg!) !== c.seed.publishedRagg)
      .map((c) => `${c.seed.indicatore}: published ${c.seed.publishedRagg}, computed ${c.risultato.ragg}`);
    expect(diversi).toEqual([]);
    // spot checks of the non-trivial values
    const ragg = (nome: string, atteso: number) =>
      tutti.find((c) => c.seed.indicatore === nome && c.seed.targetAtteso === atteso)!.risultato.ragg;
    expect(ragg("Aumento spazi palestre cittadine", 1200)).toBeCloseTo(41.6666667, 6);
    expect(ragg("Report mensili", 3)).toBeCloseTo(33.3333333, 6);
    expect(ragg("Stato avanzamento lavori", 50)).toBeCloseTo(78, 10);
  });

  test("every published line percentage matches the computed one within 0.01", () => {
    expect(risultati).toHaveLength(10);
    seed.linee.forEach((l, i) => {
      const calcolata = risultati[i].percentuale;
      expect(calcolata).not.toBeNull();
      expect({ linea: l.linea, ok: Math.abs(calcolata! - l.publishedPercent) <= 0.01 + 1e-9 }).toEqual({
        linea: l.linea,
        ok: true,
      });
    });
    expect(risultati.map((r) => r.percentuale)).toEqual([
      100,
      100,
      expect.closeTo(92.3, 10),
      100,
      expect.closeTo(88.8888889, 6),
      expect.closeTo(83.3333333, 6),
      expect.closeTo(79.225, 10),
      expect.closeTo(84.4444444, 6),
      100,
      expect.closeTo(96.7741935, 6),
    ]);
  });

  test("no line is incompleta; one neutralised objective (PINQuA Intervento 82)", () => {
    expect(risultati.map((r) => r.incompleta)).toEqual(Array(10).fill(false));
    expect(risultati.map((r) => r.neutralizzati)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    const neutri = linee.flatMap((l, li) =>
      l.obiettivi.filter((_, oi) => risultati[li].obiettivi[oi].neutralizzato).map((o) => o.nome)
    );
    expect(neutri).toHaveLength(1);
    expect(neutri[0]).toMatch(/ID Intervento 82/);
  });

  test("ente = mean of the 10 computed line percentages", () => {
    const ente = calcolaEnte(linee);
    const media = risultati.reduce((s, r) => s + r.percentuale!, 0) / 10;
    expect(ente.percentuale).toBeCloseTo(media, 10);
    expect(ente.percentuale).toBeCloseTo(92.496586, 6);
    expect(ente.incompleta).toBe(false);
    expect(ente.linee).toHaveLength(10);
  });

  test("Verifica finds exactly the known problems and nothing else", () => {
    expect(contaPer(avvisi)).toEqual({
      PESI_NON_100: 2,
      SCOSTAMENTO_ERRATO: 5,
      BINARIO_NON_0_1: 6,
      POLARITA_SOSPETTA: 2,
    });
  });

  /** The model indicator whose name (and optionally atteso) matches. */
  const trova = (nome: string, atteso?: number) => {
    const trovati = tutti.filter(
      (c) => c.modello.nome === nome && (atteso === undefined || c.seed.targetAtteso === atteso)
    );
    expect(trovati).toHaveLength(1);
    return trovati[0].modello;
  };

  test("PESI_NON_100: Agenda2030 (93) and Benessere animale (86), on the first indicator's weight cell", () => {
    const attesi = linee.flatMap((l) =>
      l.obiettivi
        .filter((o) => /^Agenda2030|^Benessere animale/.test(o.nome))
        .map((o) => ({ codice: "PESI_NON_100", foglio: o.foglio, cella: o.indicatori[0].celle.peso, linea: l.nome }))
    );
    expect(attesi).toHaveLength(2);
    const trovati = avvisi.filter((a) => a.codice === "PESI_NON_100");
    expect(trovati.map(({ codice, foglio, cella, linea }) => ({ codice, foglio, cella, linea }))).toEqual(attesi);
    expect(trovati[0].messaggio).toContain("Agenda2030");
    expect(trovati[0].messaggio).toContain("sommano a 93 ");
    expect(trovati[1].messaggio).toContain("Benessere animale");
    expect(trovati[1].messaggio).toContain("sommano a 86 ");
    expect(trovati.map((a) => a.linea)).toEqual([
      "LINEA STRATEGICA SULL'AMBIENTE",
      "LINEA STRATEGICA SULLA RIGENERAZIONE URBANA",
    ]);
  });

  test("SCOSTAMENTO_ERRATO: the five rows whose published scostamento is not consuntivo − atteso", () => {
    const attese = [
      trova("Sportello energia"),
      trova("Incremento delle attività di controllo del benessere animale mediante servizio del Garante"),
      trova("Percentuale di utenza soddisfatta del servizio rilascio Spid"),
      trova("Post pubblicati"),
      trova("Report mensili", 3),
    ].map((i) => ({ foglio: i.foglio, cella: i.celle.scostamento }));
    const trovati = avvisi
      .filter((a) => a.codice === "SCOSTAMENTO_ERRATO")
      .map((a) => ({ foglio: a.foglio, cella: a.cella }));
    expect(trovati).toEqual(attese);
  });

  test("BINARIO_NON_0_1: the six PNRR rows of SMART CITY with consuntivo 100, on the consuntivo cell", () => {
    const smart = linee.find((l) => l.nome === "LINEA STRATEGICA SU SMART CITY E PA EFFICIENTE")!;
    const pnrr = smart.obiettivi.find((o) => o.nome === "Attuazione progetti di digitalizzazione PNRR")!;
    expect(pnrr.indicatori).toHaveLength(6);
    expect(pnrr.indicatori.every((i) => i.consuntivo === 100)).toBe(true);
    const trovati = avvisi.filter((a) => a.codice === "BINARIO_NON_0_1");
    expect(trovati.map((a) => ({ foglio: a.foglio, cella: a.cella, linea: a.linea }))).toEqual(
      pnrr.indicatori.map((i) => ({ foglio: smart.foglio, cella: i.celle.consuntivo, linea: smart.nome }))
    );
  });

  test("POLARITA_SOSPETTA: 'mancate conformità' in SPORT and 'Riduzione percentuale…' in OBIETTIVI DI MANDATO only", () => {
    const trovati = avvisi.filter((a) => a.codice === "POLARITA_SOSPETTA");
    const nomi = trovati.map(
      (a) => tutti.find((c) => c.modello.foglio === a.foglio && c.modello.celle.indicatore === a.cella)?.modello.nome
    );
    expect(nomi).toEqual([
      "Monitoraggio gestione complessiva piscine comunali",
      "Riduzione percentuale di raccolta rifiuti indifferenziati negli uffici comunali",
    ]);
    expect(trovati.map((a) => a.linea)).toEqual(["LINEA STRATEGICA SULLO SPORT", "OBIETTIVI DI MANDATO"]);
    expect(trovati[0].messaggio).toContain("«mancate conformità»");
    expect(trovati[1].messaggio).toContain("«Riduzione»");
    expect(nomi).not.toContain(TEMPO_MEDIO);
    // the formula of "tempo medio aggiornamento" mentions "giorni": not flagged because it has ↓
    expect(
      trovati.some((a) => a.cella === trova(TEMPO_MEDIO).celle.indicatore && a.foglio === trova(TEMPO_MEDIO).foglio)
    ).toBe(false);
  });

  test("without the ↓ on 'tempo medio aggiornamento' it would be flagged and its % Ragg would drop to 75", () => {
    const senza = costruisciModello(true);
    for (const l of senza)
      for (const o of l.obiettivi) for (const i of o.indicatori) if (i.nome === TEMPO_MEDIO) i.polarita = undefined;
    const a = verifica(senza);
    expect(contaPer(a).POLARITA_SOSPETTA).toBe(3);
    expect(a.filter((x) => x.codice === "RAGG_DIVERSO")).toHaveLength(1);
    expect(a.find((x) => x.codice === "RAGG_DIVERSO")!.messaggio).toContain(TEMPO_MEDIO);
    expect(a.filter((x) => x.codice === "LINEA_DIVERSA").map((x) => x.linea)).toEqual([
      "LINEA STRATEGICA SU SMART CITY E PA EFFICIENTE",
    ]);
  });

  test("no RAGG_DIVERSO and no LINEA_DIVERSA with the published figures in the sheet", () => {
    expect(avvisi.filter((a) => a.codice === "RAGG_DIVERSO")).toEqual([]);
    expect(avvisi.filter((a) => a.codice === "LINEA_DIVERSA")).toEqual([]);
    // the published figures are really there to be compared
    expect(linee.every((l) => typeof l.percentuale?.valore === "number")).toBe(true);
    expect(tutti.every((c) => typeof c.modello.ragg === "number")).toBe(true);
  });

  test("without published figures the same structural problems are found", () => {
    expect(contaPer(verifica(costruisciModello(false)))).toEqual(contaPer(avvisi));
  });
});
