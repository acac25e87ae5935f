import { BANDE_PREDEFINITE, Bande } from "../../src/engine";
import { bandeDaImpostazione, CHIAVE_BANDE, leggiBandeCartella } from "../../src/functions/impostazione-fasce";
import { isErrore } from "../../src/functions/conversioni";

const soglie = (b: Bande | unknown) => (b as Bande).fasce.map((f) => [f.id, f.soglia]);

describe("bandeDaImpostazione", () => {
  it.each([null, undefined, ""])("%p → the engine's defaults", (valore) => {
    expect(bandeDaImpostazione(valore)).toBe(BANDE_PREDEFINITE);
  });

  it("an object with the two thresholds", () => {
    expect(soglie(bandeDaImpostazione({ raggiunto: 80, parziale: 50 }))).toEqual([
      ["raggiunto", 80],
      ["parziale", 50],
      ["non_raggiunto", 0],
    ]);
  });

  it("the same as JSON text", () => {
    expect(soglie(bandeDaImpostazione('{"raggiunto":95,"parziale":75}'))).toEqual([
      ["raggiunto", 95],
      ["parziale", 75],
      ["non_raggiunto", 0],
    ]);
  });

  it.each([
    ["{non json", "il testo non è JSON."],
    [{ raggiunto: "90", parziale: 70 }, 'servono due numeri, { "raggiunto": …, "parziale": … }.'],
    [42, 'servono due numeri, { "raggiunto": …, "parziale": … }.'],
    [{ raggiunto: 70, parziale: 90 }, "Le soglie devono essere 0 < Parzialmente raggiunto < Raggiunto ≤ 100."],
    [{ raggiunto: 120, parziale: 70 }, "Le soglie devono essere 0 < Parzialmente raggiunto < Raggiunto ≤ 100."],
  ])("invalid %p → #VALUE! explaining why", (valore, dettaglio) => {
    const b = bandeDaImpostazione(valore);
    expect(isErrore(b)).toBe(true);
    if (isErrore(b)) {
      expect(b.codice).toBe("#VALUE!");
      expect(b.messaggio).toBe(
        `Le soglie del Barometro salvate nella cartella («barometro.bande») non sono valide: ${dettaglio}`
      );
    }
  });
});

describe("leggiBandeCartella", () => {
  it("reads the key barometro.bande", () => {
    const chiesti: string[] = [];
    const b = leggiBandeCartella({
      get: (nome) => {
        chiesti.push(nome);
        return { raggiunto: 85, parziale: 60 };
      },
    });
    expect(chiesti).toEqual([CHIAVE_BANDE]);
    expect(soglie(b)[0]).toEqual(["raggiunto", 85]);
  });

  it("defaults outside Office and when the settings cannot be read", () => {
    expect(leggiBandeCartella()).toBe(BANDE_PREDEFINITE);
    expect(leggiBandeCartella(undefined)).toBe(BANDE_PREDEFINITE);
    expect(
      leggiBandeCartella({
        get: () => {
          throw new Error("non disponibile");
        },
      })
    ).toBe(BANDE_PREDEFINITE);
  });

  it("uses Office.context.document.settings when Office is there", () => {
    const g = globalThis as { Office?: unknown };
    g.Office = { context: { document: { settings: { get: () => ({ raggiunto: 75, parziale: 40 }) } } } };
    try {
      expect(soglie(leggiBandeCartella())[1]).toEqual(["parziale", 40]);
    } finally {
      delete g.Office;
    }
  });
});
