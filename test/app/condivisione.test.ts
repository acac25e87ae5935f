import {
  espansione,
  isFormulaPerf,
  patchCondivisione,
  preparaCondivisione,
  trovaFormulePerf,
} from "../../src/app/condivisione";
import { MESSAGGI_APP } from "../../src/app/messaggi";
import { FOGLIO_RIEPILOGO, TITOLO_RIEPILOGO } from "../../src/layout/fogli-barometro";
import { pianoRiepilogo } from "../../src/app/riepilogo";
import { analizza, ErroreBarometro, ricalcola } from "../../src/app/ricalcolo";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { BANDE_PREDEFINITE } from "../../src/engine";
import { leggiLinee } from "../../src/layout";
import { SheetGrid } from "../../src/layout/griglia";
import { chiaviLinee, isRegolaBarometro } from "../../src/layout/regole-condizionali";
import { AccessoRegistrato } from "../support/accesso-registrato";
import { fogliCampione } from "../support/campione";

let fogli: SheetGrid[];
beforeAll(async () => {
  fogli = await fogliCampione();
});

describe("PERF formulas", () => {
  it("recognised by their functions, not by text in quotes", () => {
    expect(isFormulaPerf("=PERF.RAGG(H7,I7)")).toBe(true);
    expect(isFormulaPerf("=ROUND(perf.ragg(H7, I7), 2)")).toBe(true);
    expect(isFormulaPerf("=_xldudf_PERF_RAGG(H7,I7)")).toBe(true);
    expect(isFormulaPerf('=IF(A1="PERF.RAGG(",1,2)')).toBe(false);
    expect(isFormulaPerf("=SUPERF.RAGG(1)")).toBe(false);
    expect(isFormulaPerf("PERF.RAGG(1,2)")).toBe(false);
    expect(isFormulaPerf(null)).toBe(false);
  });

  it("the area a formula's result covers", () => {
    expect(espansione("=PERF.RAGG(H7,I7)")).toEqual({ righe: 1, colonne: 1 });
    expect(espansione("=PERF.RAGG(A2:A4,B2:B4,C2)")).toEqual({ righe: 3, colonne: 1 });
    expect(espansione("=PERF.SCOSTAMENTO($A$2:$B$5,C2:D5)")).toEqual({ righe: 4, colonne: 2 });
    expect(espansione("=PERF.LINEA(A2:A5,D2:D5,PERF.RAGG(B2:B5,C2:C5))")).toEqual({ righe: 1, colonne: 1 });
    expect(espansione("=PERF.RAGG(B2:B5,PERF.SCOSTAMENTO(B2:B5,C2:C5))")).toEqual({ righe: 4, colonne: 1 });
    expect(espansione("=ROUND(PERF.RAGG(A2:A4,B2:B4),0)")).toBeNull();
    expect(espansione("=PERF.RAGG(A2:A4,B2:B4)+1")).toBeNull();
    expect(espansione("=PERF.RAGG(SUM(A2:A4),1)")).toBeNull();
    expect(espansione("=ROUND(PERF.RAGG(A2,B2),0)")).toEqual({ righe: 1, colonne: 1 });
  });

  it("found on every sheet with their values; errors become native errors", () => {
    const griglia: SheetGrid = {
      name: "F",
      origin: { row: 1, col: 1 },
      values: [
        [78, "#N/A", "Raggiunto", "#NAME?"],
        [41.5, null, null, null],
      ],
      formulas: [
        ["=PERF.RAGG(A1:A2,1)", "=PERF.RAGG(X1,Y1)", "=PERF.BAROMETRO(92)", "=PERF.ENTE(A1:A3)"],
        [null, null, null, null],
      ],
      merges: [],
    };
    const { formule, escluse } = trovaFormulePerf([griglia]);
    expect(formule.map((f) => [f.cella, f.area])).toEqual([
      ["B2", "B2:B3"],
      ["C2", "C2"],
      ["D2", "D2"],
    ]);
    expect(escluse.map((e) => e.cella)).toEqual(["E2"]);
    expect(patchCondivisione([griglia], formule).scritture).toEqual([
      { foglio: "F", cella: "B2", valore: 78 },
      { foglio: "F", cella: "B3", valore: 41.5 },
      { foglio: "F", cella: "C2", valore: "#N/A", formula: "=NA()" },
      { foglio: "F", cella: "D2", valore: "Raggiunto" },
    ]);
  });

  it("through the port: the count reads once and writes nothing; the confirmation writes once", async () => {
    const griglia: SheetGrid = { name: "F", values: [[78]], formulas: [["=PERF.RAGG(50,39)"]], merges: [] };
    const access = new AccessoRegistrato([griglia]);
    const conta = await preparaCondivisione(access);
    expect(conta).toMatchObject({
      applicato: false,
      formule: 1,
      fogli: ["F"],
      domanda: MESSAGGI_APP.domandaCondivisione(1),
    });
    expect(conta.domanda).toBe("Sostituire 1 formula PERF con il suo valore?");
    expect([access.letture, access.scritture.length]).toEqual([1, 0]);
    const esito = await preparaCondivisione(access, { conferma: true });
    expect(esito).toMatchObject({ applicato: true, formule: 1, fogli: ["F"] });
    expect(access.scritture).toEqual([{ scritture: [{ foglio: "F", cella: "A1", valore: 78 }], colori: [] }]);
  });
});

describe("the Riepilogo's write (pure)", () => {
  it("values, fills, formats and chart; the reader does not take the sheet for a table", () => {
    const analisi = analizza({ fogli, selezione: null, protetti: [] });
    const { patch, foglio } = pianoRiepilogo(analisi, BANDE_PREDEFINITE);
    expect(foglio).toBe(FOGLIO_RIEPILOGO);
    expect(patch.riepilogo).toMatchObject({ crea: true, pulisci: null, graficiDaEliminare: 0 });
    expect(patch.riepilogo!.grafico).toMatchObject({ dati: "A5:B14", nome: "Barometro.Riepilogo" });
    expect(patch.riepilogo!.grafico!.colori).toHaveLength(10);

    // The sheet as it would be read back: still the same 10 lines, none on the Riepilogo.
    const celle = new Map(patch.scritture.map((s) => [s.cella, s.valore]));
    const values = Array.from({ length: 15 }, (_, r) =>
      Array.from({ length: 6 }, (_, c) => celle.get(`${"ABCDEF"[c]}${r + 1}`) ?? null)
    );
    const riepilogo: SheetGrid = { name: FOGLIO_RIEPILOGO, values, merges: [] };
    expect(values[0][0]).toBe(TITOLO_RIEPILOGO);
    const conRiepilogo = leggiLinee([...fogli, riepilogo]);
    expect(conRiepilogo).toEqual(leggiLinee(fogli));

    // Refreshing over it: its old area is cleared, its chart replaced.
    const di_nuovo = pianoRiepilogo(
      analizza({
        fogli: [...fogli, riepilogo],
        selezione: null,
        protetti: [],
        grafici: [{ foglio: FOGLIO_RIEPILOGO, nome: "barometro.riepilogo" }],
      }),
      BANDE_PREDEFINITE
    );
    expect(di_nuovo.patch.riepilogo).toMatchObject({ crea: false, pulisci: "A1:F15", graficiDaEliminare: 1 });
  });

  it("refuses a sheet named Riepilogo it did not write, and a workbook without lines", () => {
    const suo: SheetGrid = { name: "Riepilogo", values: [["Totali"]], merges: [] };
    expect(() =>
      pianoRiepilogo(analizza({ fogli: [...fogli, suo], selezione: null, protetti: [] }), BANDE_PREDEFINITE)
    ).toThrow(ErroreBarometro);
    const vuoto: SheetGrid = { name: "Riepilogo", values: [[null]], merges: [] };
    expect(
      pianoRiepilogo(analizza({ fogli: [...fogli, vuoto], selezione: null, protetti: [] }), BANDE_PREDEFINITE).patch
        .riepilogo
    ).toMatchObject({ crea: false, pulisci: null });
    expect(() =>
      pianoRiepilogo(
        analizza({ fogli: [{ name: "X", values: [["x"]], merges: [] }], selezione: null, protetti: [] }),
        BANDE_PREDEFINITE
      )
    ).toThrow(ErroreBarometro);
  });
});

describe("ricalcola and conditional formatting through the port", () => {
  it("an access that cannot read rules gets no conditional formatting (as before)", async () => {
    const access = new AccessoRegistrato(fogli);
    const esito = await ricalcola(access, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(esito.patch.formattazione).toBeUndefined();
    expect(esito.formattazione).toMatchObject({ attiva: true, scritta: false });
  });

  it("with the rules read: replaces Barometro's marked rules of the sheets written, never the user's", async () => {
    const access = new AccessoRegistrato(fogli);
    const [, , , chiave] = chiaviLinee(analizza({ fogli, selezione: null, protetti: [] }).linee);
    access.formattazioni = [
      { foglio: "Obiettivi 2024", id: "mia", formula: "=$H7>0" },
      { foglio: "Obiettivi 2024", id: "vecchia", formula: '=A1+0*N("barometro")' },
      { foglio: "Obiettivi 2024", id: "sua", formula: `=A1+0*N("barometro:${chiave}:00000000")` },
      { foglio: "Altro", id: "altrove", formula: '=A1+0*N("barometro")' },
    ];
    const linea = await ricalcola(access, { tipo: "linea", indice: 3 }, IMPOSTAZIONI_PREDEFINITE);
    // Only line 4's own rules: the unkeyed old one belongs to no line, Ricalcola tutto removes it.
    // (each with its formula as read: the adapter goes by it, ids being positions)
    expect(linea.patch.formattazione!.elimina).toEqual([access.formattazioni[2]]);
    expect(linea.patch.formattazione!.aggiungi).toHaveLength(3);
    expect(linea.patch.formattazione!.aggiungi.every((r) => isRegolaBarometro(r.formula) && r.linea === chiave)).toBe(
      true
    );
    // Ricalcola tutto also cleans Barometro's rules left on sheets that no longer hold a table.
    access.fogli = [...fogli, { name: "Altro", values: [["nota"]], merges: [] }];
    const tutto = await ricalcola(access, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(tutto.patch.formattazione!.elimina).toEqual(access.formattazioni.slice(1));
    // 3 bands × 10 groups: in «formule di Excel» the rules read % Ragg, so a line's ↑ and ↓ rows share theirs.
    expect(tutto.patch.formattazione!.aggiungi).toHaveLength(30);
  });
});
