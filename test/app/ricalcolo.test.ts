import {
  analizza,
  ErroreBarometro,
  intervalloDellaLinea,
  lineaDellaSelezione,
  ricalcola,
  righeDellaLinea,
} from "../../src/app/ricalcolo";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { isFormulaDiBarometro } from "../../src/engine";
import { parseA1, SheetGrid } from "../../src/layout/griglia";
import { AccessoRegistrato } from "../support/accesso-registrato";
import { fogliCampione } from "../support/campione";

const FOGLIO = "Obiettivi 2024";
let fogli: SheetGrid[];
beforeAll(async () => {
  fogli = await fogliCampione();
});

describe("analizza", () => {
  it("reads the sample's 10 lines with their results and findings", () => {
    const a = analizza({ fogli, selezione: null, protetti: [] });
    expect(a.errore).toBeNull();
    expect(a.linee).toHaveLength(10);
    expect(a.risultato.linee[7].percentuale).toBeCloseTo(84.444, 3);
    expect(a.avvisi.filter((x) => x.codice === "PESI_NON_100")).toHaveLength(2);
  });

  it("reports a workbook without tables", () => {
    const a = analizza({ fogli: [{ name: "Vuoto", values: [["nulla"]], merges: [] }], selezione: null, protetti: [] });
    expect(a.linee).toEqual([]);
    expect(a.errore).toContain("Vuoto");
  });
});

describe("lineaDellaSelezione", () => {
  it("finds the line whose section holds the selected row, also on a title or header row", () => {
    const { linee } = analizza({ fogli, selezione: null, protetti: [] });
    const sport = linee.findIndex((l) => l.nome === "LINEA STRATEGICA SULLO SPORT");
    const { prima, ultima } = righeDellaLinea(linee[sport]);
    expect(lineaDellaSelezione(linee, { foglio: FOGLIO, indirizzo: `D${ultima}` })).toBe(sport);
    expect(lineaDellaSelezione(linee, { foglio: FOGLIO, indirizzo: `A${prima}:C${prima + 2}` })).toBe(sport);
    expect(lineaDellaSelezione(linee, { foglio: FOGLIO, indirizzo: `B${prima - 1}` })).toBe(sport - 1);
    // The sheet's title rows: no line (it used to be the first one, recalculated unasked).
    expect(lineaDellaSelezione(linee, { foglio: FOGLIO, indirizzo: "A1" })).toBeNull();
    expect(lineaDellaSelezione(linee, { foglio: "Altro", indirizzo: "A1" })).toBeNull();
    // Whole rows, as Excel writes a row selection's address; whole columns hold no row.
    expect(lineaDellaSelezione(linee, { foglio: FOGLIO, indirizzo: `${prima}:${ultima}` })).toBe(sport);
    expect(lineaDellaSelezione(linee, { foglio: FOGLIO, indirizzo: "C:D" })).toBeNull();
    expect(lineaDellaSelezione(linee, null)).toBeNull();
    expect(intervalloDellaLinea(linee[sport])).toEqual({ foglio: FOGLIO, indirizzo: `${prima}:${ultima}` });
  });
});

describe("ricalcola", () => {
  it("writes only the selected line's cells, in one read and one write", async () => {
    const access = new AccessoRegistrato(fogli);
    const { linee } = analizza({ fogli, selezione: null, protetti: [] });
    const sport = linee.findIndex((l) => l.nome === "LINEA STRATEGICA SULLO SPORT");
    const { prima, ultima } = righeDellaLinea(linee[sport]);
    access.selezione = { foglio: FOGLIO, indirizzo: `H${prima + 8}` };
    const esito = await ricalcola(access, { tipo: "selezione" }, IMPOSTAZIONI_PREDEFINITE);
    expect(access.letture).toBe(1);
    expect(access.scritture).toHaveLength(1);
    expect(esito.linee).toEqual([sport]);
    expect(esito.messaggio).toBe("LINEA STRATEGICA SULLO SPORT: 84,44% — 1 avviso");
    const righe = [...esito.patch.scritture, ...esito.patch.colori].map((c) => Number(/\d+$/.exec(c.cella)![0]));
    expect(Math.min(...righe)).toBeGreaterThanOrEqual(prima);
    expect(Math.max(...righe)).toBeLessThanOrEqual(ultima);
    expect(esito.patch.colori).toHaveLength(4);
  });

  it("counts problems only in its message: a reading Barometro chose is information", async () => {
    const { linee } = analizza({ fogli, selezione: null, protetti: [] });
    const sport = linee.find((l) => l.nome === "LINEA STRATEGICA SULLO SPORT")!;
    const ind = sport.obiettivi[0].indicatori[0];
    // Atteso 0,8 shown as 80 % beside a plain consuntivo 0,75: read as 80 and 75 (LETTURA_SCELTA).
    const vestiti = fogli.map((g) => ({
      ...g,
      values: g.values.map((r) => [...r]),
      numberFormats: g.numberFormats?.map((r) => [...r]),
    }));
    const g = vestiti.find((x) => x.name === ind.foglio)!;
    const a = parseA1(ind.celle.atteso!);
    const c = parseA1(ind.celle.consuntivo!);
    g.values[a.row][a.col] = 0.8;
    g.values[c.row][c.col] = 0.75;
    g.numberFormats![a.row][a.col] = "0%";
    g.numberFormats![c.row][c.col] = "General";
    const analisi = analizza({ fogli: vestiti, selezione: null, protetti: [] });
    const informazioni = analisi.avvisi.filter((x) => x.linea === sport.nome && x.codice === "LETTURA_SCELTA");
    expect(informazioni.length).toBeGreaterThan(0);
    const access = new AccessoRegistrato(vestiti);
    access.selezione = { foglio: FOGLIO, indirizzo: ind.celle.atteso! };
    const esito = await ricalcola(access, { tipo: "selezione" }, IMPOSTAZIONI_PREDEFINITE);
    const aperti = esito.analisi.avvisi.filter((x) => x.linea === sport.nome);
    expect(aperti.some((x) => x.codice === "LETTURA_SCELTA")).toBe(true);
    const problemi = aperti.filter((x) => x.codice !== "LETTURA_SCELTA").length;
    expect(problemi).toBeLessThan(aperti.length);
    const conteggio = problemi === 0 ? "nessun avviso" : problemi === 1 ? "1 avviso" : `${problemi} avvisi`;
    expect(esito.messaggio.endsWith(` — ${conteggio}`)).toBe(true);
  });

  it("recalculates everything and summarises the ente", async () => {
    const access = new AccessoRegistrato(fogli);
    const esito = await ricalcola(access, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(esito.linee).toHaveLength(10);
    expect(esito.patch.colori).toHaveLength(140);
    expect(esito.messaggio).toMatch(/^10 linee ricalcolate, ente 92,50% — 10 avvisi$/);
  });

  it("«formule di Excel» by default: Scostamento, % Ragg and the line as formulas; a line that cannot have one says why", async () => {
    const esito = await ricalcola(new AccessoRegistrato(fogli), { tipo: "linea", indice: 0 }, IMPOSTAZIONI_PREDEFINITE);
    const linea = esito.analisi.linee[0];
    const indicatori = linea.obiettivi.flatMap((o) => o.indicatori);
    const nostre = new Set(esito.patch.scritture.filter((w) => isFormulaDiBarometro(w.formula)).map((w) => w.cella));
    expect(nostre).toEqual(
      new Set([...indicatori.flatMap((i) => [i.celle.scostamento, i.celle.ragg]), linea.percentuale!.cella])
    );
    expect(esito.patch.formuleNonScritte).toBeUndefined();

    // A user's own formula in one % Ragg cell: kept, and the line gets its value, with the reason.
    const copia = structuredClone(fogli);
    const { row, col } = parseA1(indicatori[0].celle.ragg!);
    const g = copia.find((x) => x.name === FOGLIO)!;
    g.formulas![row - (g.origin?.row ?? 0)][col - (g.origin?.col ?? 0)] = "=100";
    const conFormula = await ricalcola(
      new AccessoRegistrato(copia),
      { tipo: "linea", indice: 0 },
      IMPOSTAZIONI_PREDEFINITE
    );
    const cellaLinea = conFormula.patch.scritture.find((w) => w.cella === linea.percentuale!.cella)!;
    expect(cellaLinea.formula).toBeUndefined();
    expect(conFormula.messaggio).toContain(
      `1 percentuale di linea scritta come valore, non come formula di Excel: ${linea.percentuale!.cella}, la % Ragg in ${indicatori[0].celle.ragg} è una formula dell'utente`
    );
  });

  it("writes PERF.RAGG formulas in formula mode", async () => {
    const access = new AccessoRegistrato(fogli);
    const esito = await ricalcola(
      access,
      { tipo: "linea", indice: 0 },
      { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "perf" }
    );
    const formule = esito.patch.scritture.filter((w) => w.formula);
    expect(formule).toHaveLength(12);
    expect(formule[0].formula).toMatch(/^=PERF\.RAGG\(H\d+,I\d+,G\d+\)$/);
  });

  it("writes nothing into a protected sheet, or without a line to recalculate", async () => {
    const protetto = new AccessoRegistrato(fogli, null, [FOGLIO]);
    await expect(ricalcola(protetto, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE)).rejects.toThrow(
      /«Obiettivi 2024» è protetto/
    );
    expect(protetto.scritture).toEqual([]);

    const fuori = new AccessoRegistrato(fogli, { foglio: "Altro", indirizzo: "A1" });
    await expect(ricalcola(fuori, { tipo: "selezione" }, IMPOSTAZIONI_PREDEFINITE)).rejects.toBeInstanceOf(
      ErroreBarometro
    );
    await expect(ricalcola(fuori, { tipo: "linea", indice: 99 }, IMPOSTAZIONI_PREDEFINITE)).rejects.toThrow(
      /Selezionare una cella/
    );
    expect(fuori.scritture).toEqual([]);

    const vuota = new AccessoRegistrato([{ name: "Note", values: [["x"]], merges: [] }]);
    await expect(ricalcola(vuota, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE)).rejects.toThrow(/«?Note»?|"Note"/);
  });
});

describe("after the write", () => {
  it("leaves out the findings the write has settled, and counts only the open ones", async () => {
    const access = new AccessoRegistrato(fogli);
    const prima = analizza({ fogli, selezione: null, protetti: [] });
    const esito = await ricalcola(access, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const scritte = new Set(esito.patch.scritture.map((s) => `${s.foglio}!${s.cella}`));
    const risolti = prima.avvisi.filter((a) => scritte.has(`${a.foglio}!${a.cella}`));
    expect(risolti.map((a) => a.codice)).toEqual(Array(5).fill("SCOSTAMENTO_ERRATO"));
    expect(esito.analisi.avvisi).toEqual(prima.avvisi.filter((a) => !risolti.includes(a)));
    expect(esito.messaggio).toMatch(/— 10 avvisi$/);
  });

  it("finds a line chosen in the pane by its name when the lines have moved since", async () => {
    const access = new AccessoRegistrato(fogli);
    const esito = await ricalcola(
      access,
      { tipo: "linea", indice: 0, nome: "LINEA STRATEGICA SULLO SPORT" },
      IMPOSTAZIONI_PREDEFINITE
    );
    expect(esito.messaggio).toMatch(/^LINEA STRATEGICA SULLO SPORT: 84,44%/);
    await expect(
      ricalcola(access, { tipo: "linea", indice: 0, nome: "LINEA CHE NON C'È" }, IMPOSTAZIONI_PREDEFINITE)
    ).rejects.toBeInstanceOf(ErroreBarometro);
  });
});
