import { CampoIndicatore } from "../../src/engine";
import {
  abbinaColonne,
  campoIntestazione,
  isEtichettaPercentuale,
  isTitolo,
  normalizza,
  riconosciIntestazione,
} from "../../src/layout";

const celle = (...testi: string[]) => testi.map((testo, colonna) => ({ colonna, testo }));

describe("normalizza", () => {
  it.each([
    ["Finalita'", "finalita"],
    ["Finalità", "finalita"],
    ["% Ragg.", "% ragg"],
    ["%Ragg", "% ragg"],
    ["Peso (%)", "peso %"],
    ["Target\nconsuntivo", "target consuntivo"],
    ["  POLARITÀ  ", "polarita"],
    ["LINEA STRATEGICA SULL'AMBIENTE", "linea strategica sull ambiente"],
  ])("%j → %j", (testo, atteso) => expect(normalizza(testo)).toBe(atteso));
});

describe("campoIntestazione", () => {
  const casi: [string, CampoIndicatore | null][] = [
    ["Settore", "settore"],
    ["Obiettivo", "obiettivo"],
    ["Definizione", "definizione"],
    ["Indicatore", "indicatore"],
    ["Formula", "formula"],
    ["Finalità", "finalita"],
    ["Finalita'", "finalita"],
    ["Target atteso", "atteso"],
    ["Atteso", "atteso"],
    ["Valore atteso", "atteso"],
    ["Target Consuntivo", "consuntivo"],
    ["Target\nconsuntivo", "consuntivo"],
    ["Consuntivo", "consuntivo"],
    ["Valore consuntivo", "consuntivo"],
    ["Consuntivo al 31/12", "consuntivo"],
    ["Scostamento", "scostamento"],
    ["Note", "note"],
    ["Peso", "peso"],
    ["Peso %", "peso"],
    ["Peso (%)", "peso"],
    ["% Ragg", "ragg"],
    ["% Ragg.", "ragg"],
    ["% raggiungimento", "ragg"],
    ["Raggiungimento %", "ragg"],
    ["Grado di raggiungimento", "ragg"],
    ["Barometro", "barometro"],
    ["Polarità", "polarita"],
    ["Polarita", "polarita"],
    ["Verso", "polarita"],
    ["% Raggiungimento obiettivi per area strategica", null],
    ["Relazione sulla Performance 2024", null],
    ["Responsabile", null],
    ["", null],
  ];
  it.each(casi)("%j → %s", (testo, campo) => expect(campoIntestazione(testo)).toBe(campo));
});

describe("riconosciIntestazione", () => {
  it("riconosce la riga standard", () => {
    expect(
      riconosciIntestazione(
        celle(
          "Settore",
          "Obiettivo",
          "Definizione",
          "Indicatore",
          "Formula",
          "Finalità",
          "Target atteso",
          "Target Consuntivo",
          "Scostamento",
          "Note",
          "Peso",
          "% Ragg",
          "Barometro"
        )
      )
    ).toEqual({
      settore: 0,
      obiettivo: 1,
      definizione: 2,
      indicatore: 3,
      formula: 4,
      finalita: 5,
      atteso: 6,
      consuntivo: 7,
      scostamento: 8,
      note: 9,
      peso: 10,
      ragg: 11,
      barometro: 12,
    });
  });

  it("richiede Indicatore, Target atteso, Target consuntivo e Peso", () => {
    expect(riconosciIntestazione(celle("Obiettivo", "Indicatore", "Target atteso", "Target consuntivo"))).toBeNull();
    expect(riconosciIntestazione(celle("Indicatore", "Target atteso", "Peso", "% Ragg"))).toBeNull();
    expect(riconosciIntestazione(celle("Indicatore", "Atteso", "Consuntivo", "Peso"))).toEqual({
      indicatore: 0,
      atteso: 1,
      consuntivo: 2,
      peso: 3,
    });
  });

  it("preferisce le corrispondenze esatte e usa ogni colonna una volta", () => {
    // "Target" alone is the expected value, but only if no column says "Target atteso".
    expect(abbinaColonne(celle("Target consuntivo", "Target", "Target atteso"))).toEqual({ consuntivo: 0, atteso: 2 });
    expect(abbinaColonne(celle("Target consuntivo", "Target"))).toEqual({ consuntivo: 0, atteso: 1 });
    // A keyword match never takes a field already matched exactly.
    expect(abbinaColonne(celle("Peso ponderato indicatore", "Peso"))).toEqual({ peso: 1, indicatore: 0 });
    // The same header twice: the first one wins; between two names of a field, the usual one.
    expect(abbinaColonne(celle("Obiettivo", "Obiettivo", "Raggiungimento %", "% Ragg."))).toEqual({
      obiettivo: 0,
      ragg: 3,
    });
  });

  it("non confonde atteso, consuntivo e l'etichetta della percentuale di linea", () => {
    expect(abbinaColonne(celle("Valore atteso 2024", "Valore consuntivo 2024"))).toEqual({ atteso: 0, consuntivo: 1 });
    expect(
      riconosciIntestazione(
        celle(
          "Indicatore",
          "Target atteso",
          "Target consuntivo",
          "Peso",
          "% Raggiungimento obiettivi per area strategica"
        )
      )
    ).toEqual({ indicatore: 0, atteso: 1, consuntivo: 2, peso: 3 });
  });

  it("ignora testi lunghi", () => {
    expect(abbinaColonne(celle("Indicatore ".repeat(20)))).toEqual({});
    expect(abbinaColonne(celle("Numero di indicatori raccolti nel corso dell'anno"))).toEqual({});
  });
});

describe("titoli ed etichette", () => {
  it.each([
    ["LINEA STRATEGICA SULL'AMBIENTE", true],
    ["Linea strategica su sviluppo / lavoro / imprese", true],
    ["OBIETTIVI DI MANDATO", true],
    ["Obiettivo di mandato", true],
    ["Relazione sulla Performance 2024", false],
    ["Obiettivo", false],
    ["Obiettivi di mandatorio", false],
    ["LINEA STRATEGICA ".repeat(20), false],
  ])("isTitolo(%j) = %s", (testo, atteso) => expect(isTitolo(testo)).toBe(atteso));

  it.each([
    ["% Raggiungimento obiettivi per area strategica", true],
    ["%  raggiungimento OBIETTIVI per area strategica:", true],
    ["Percentuale di raggiungimento della linea", true],
    ["% Raggiungimento", false],
    ["% di raggiungimento", false],
    ["Raggiungimento %", false],
  ])("isEtichettaPercentuale(%j) = %s", (testo, atteso) => expect(isEtichettaPercentuale(testo)).toBe(atteso));
});
