import {
  bandeDaSalvate,
  CHIAVE_ANNO_RELAZIONE,
  CHIAVE_APERTURA_AUTOMATICA,
  CHIAVE_BANDE,
  CHIAVE_FORMATTAZIONE,
  CHIAVE_MODO,
  CHIAVI_IMPOSTAZIONI,
  condivisioneDi,
  formattazioneAttiva,
  IMPOSTAZIONI_PREDEFINITE,
  leggiImpostazioni,
  PREDEFINITE_CONDIVISIONE,
  valoriDaImpostazioni,
} from "../../src/app/impostazioni";
import { BANDE_PREDEFINITE, fasciaPer } from "../../src/engine";
import { CHIAVE_CONTENUTO_BAROMETRO, contenutoAttivo, contenutoDaSalvato } from "../../src/app/impostazioni";

describe("settings stored in the workbook", () => {
  it("default to the engine's bands and «formule di Excel»", () => {
    expect(leggiImpostazioni({})).toEqual({ impostazioni: IMPOSTAZIONI_PREDEFINITE, errore: null });
  });

  it("round-trip thresholds, colours, labels and write mode", () => {
    const bande = bandeDaSalvate({
      raggiunto: 95,
      parziale: 60,
      colori: { raggiunto: "#00aa00", neutralizzato: "#cccccc" },
      etichette: { parziale: "In corso" },
    });
    if (typeof bande === "string") throw new Error(bande);
    expect(fasciaPer(94, bande).etichetta).toBe("In corso");
    expect(fasciaPer(95, bande).colore).toBe("#00AA00");
    expect(bande.neutralizzato.colore).toBe("#CCCCCC");
    const valori = valoriDaImpostazioni({ bande, modoScrittura: "perf" });
    expect(valori[CHIAVE_MODO]).toBe("formule");
    expect(leggiImpostazioni(JSON.parse(JSON.stringify(valori)))).toEqual({
      impostazioni: { bande, modoScrittura: "perf" },
      errore: null,
    });
  });

  it("accept JSON text (older saves) and ignore malformed colours and blank labels", () => {
    const bande = bandeDaSalvate(
      JSON.stringify({ raggiunto: 90, parziale: 70, colori: { parziale: "giallo" }, etichette: { raggiunto: "  " } })
    );
    expect(bande).toEqual(BANDE_PREDEFINITE);
  });

  it("read the old default colours saved by the form as today's colour-blind-safe defaults; a chosen colour stays", () => {
    const vecchie = bandeDaSalvate({
      raggiunto: 90,
      parziale: 70,
      colori: { raggiunto: "#63be7b", parziale: "#FFEB84", non_raggiunto: "#F8696B", neutralizzato: "#123456" },
    });
    if (typeof vecchie === "string") throw new Error(vecchie);
    expect(vecchie.fasce.map((f) => f.colore)).toEqual(BANDE_PREDEFINITE.fasce.map((f) => f.colore));
    expect(vecchie.neutralizzato.colore).toBe("#123456");
  });

  it("report invalid settings in Italian and fall back to the defaults", () => {
    expect(bandeDaSalvate("{")).toMatch(/non sono valide: il testo non è JSON/);
    expect(bandeDaSalvate({ raggiunto: "90" })).toMatch(/servono due numeri/);
    expect(bandeDaSalvate({ raggiunto: 60, parziale: 70 })).toMatch(/soglie/);
    const letto = leggiImpostazioni({ [CHIAVE_BANDE]: { raggiunto: 60, parziale: 70 }, [CHIAVE_MODO]: "formule" });
    expect(letto.impostazioni).toEqual({ ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "perf" });
    expect(letto.errore).toMatch(/soglie/);
  });
});

describe("sharing settings", () => {
  it("conditional formatting on and auto-open off by default; present only when stored", () => {
    expect(leggiImpostazioni({}).impostazioni).not.toHaveProperty("formattazioneCondizionale");
    expect(condivisioneDi(leggiImpostazioni({}).impostazioni)).toEqual(PREDEFINITE_CONDIVISIONE);
    expect(PREDEFINITE_CONDIVISIONE).toEqual({ formattazioneCondizionale: true, aperturaAutomatica: false });
    const letto = leggiImpostazioni({ [CHIAVE_FORMATTAZIONE]: false, [CHIAVE_APERTURA_AUTOMATICA]: true });
    expect(letto.impostazioni).toMatchObject({ formattazioneCondizionale: false, aperturaAutomatica: true });
    expect(CHIAVE_APERTURA_AUTOMATICA).toBe("Office.AutoShowTaskpaneWithDocument");
    expect(CHIAVI_IMPOSTAZIONI.slice(0, 4)).toEqual([
      CHIAVE_BANDE,
      CHIAVE_MODO,
      CHIAVE_FORMATTAZIONE,
      CHIAVE_APERTURA_AUTOMATICA,
    ]);
    // Prepara stampa's year is read back from the document too (Office cannot list the keys).
    expect(CHIAVI_IMPOSTAZIONI).toContain(CHIAVE_ANNO_RELAZIONE);
  });

  it("round-trip; auto-open off removes Office's key; a form without the options leaves them alone", () => {
    const tutte = { ...IMPOSTAZIONI_PREDEFINITE, formattazioneCondizionale: false, aperturaAutomatica: true };
    const valori = valoriDaImpostazioni(tutte);
    expect(valori).toMatchObject({ [CHIAVE_FORMATTAZIONE]: false, [CHIAVE_APERTURA_AUTOMATICA]: true });
    expect(leggiImpostazioni(JSON.parse(JSON.stringify(valori)))).toEqual({ impostazioni: tutte, errore: null });
    expect(valoriDaImpostazioni({ ...tutte, aperturaAutomatica: false })[CHIAVE_APERTURA_AUTOMATICA]).toBeNull();
    const senza = valoriDaImpostazioni(IMPOSTAZIONI_PREDEFINITE);
    expect(Object.keys(senza).sort()).toEqual([CHIAVE_BANDE, CHIAVE_MODO].sort());
  });

  it("a Ricalcola without the option uses the workbook's; an unreadable store means on", () => {
    expect(formattazioneAttiva(IMPOSTAZIONI_PREDEFINITE, () => ({}))).toBe(true);
    expect(formattazioneAttiva(IMPOSTAZIONI_PREDEFINITE, () => ({ [CHIAVE_FORMATTAZIONE]: false }))).toBe(false);
    expect(
      formattazioneAttiva({ ...IMPOSTAZIONI_PREDEFINITE, formattazioneCondizionale: true }, () => ({
        [CHIAVE_FORMATTAZIONE]: false,
      }))
    ).toBe(true);
    expect(
      formattazioneAttiva(IMPOSTAZIONI_PREDEFINITE, () => {
        throw new Error("Office non pronto");
      })
    ).toBe(true);
  });
});

describe("the Barometro cell's content (label, symbol or colour only)", () => {
  it("absent by default (the label then applies); read back when stored; unknown values ignored", () => {
    expect(leggiImpostazioni({}).impostazioni).not.toHaveProperty("contenutoBarometro");
    expect(CHIAVI_IMPOSTAZIONI).toContain(CHIAVE_CONTENUTO_BAROMETRO);
    expect(CHIAVE_CONTENUTO_BAROMETRO).toBe("barometro.contenutoBarometro");
    for (const c of ["etichetta", "simbolo", "colore"] as const) {
      expect(contenutoDaSalvato(c)).toBe(c);
      expect(leggiImpostazioni({ [CHIAVE_CONTENUTO_BAROMETRO]: c }).impostazioni.contenutoBarometro).toBe(c);
    }
    for (const x of ["Etichetta", "simboli", "", 1, null, undefined, true])
      expect(leggiImpostazioni({ [CHIAVE_CONTENUTO_BAROMETRO]: x }).impostazioni).not.toHaveProperty(
        "contenutoBarometro"
      );
  });

  it("round-trips with the other settings; a form without it leaves the stored value alone", () => {
    const tutte = {
      ...IMPOSTAZIONI_PREDEFINITE,
      formattazioneCondizionale: true,
      contenutoBarometro: "simbolo" as const,
    };
    const valori = valoriDaImpostazioni(tutte);
    expect(valori[CHIAVE_CONTENUTO_BAROMETRO]).toBe("simbolo");
    expect(leggiImpostazioni(JSON.parse(JSON.stringify(valori)))).toEqual({ impostazioni: tutte, errore: null });
    expect(valoriDaImpostazioni(IMPOSTAZIONI_PREDEFINITE)).not.toHaveProperty(CHIAVE_CONTENUTO_BAROMETRO);
    // Invalid bands do not lose it.
    const letto = leggiImpostazioni({ [CHIAVE_BANDE]: "{", [CHIAVE_CONTENUTO_BAROMETRO]: "colore" });
    expect(letto.errore).not.toBeNull();
    expect(letto.impostazioni.contenutoBarometro).toBe("colore");
  });

  it("a Ricalcola uses the given choice, else the workbook's, else the label", () => {
    expect(contenutoAttivo(IMPOSTAZIONI_PREDEFINITE, () => ({}))).toBe("etichetta");
    expect(contenutoAttivo(IMPOSTAZIONI_PREDEFINITE, () => ({ [CHIAVE_CONTENUTO_BAROMETRO]: "colore" }))).toBe(
      "colore"
    );
    expect(
      contenutoAttivo({ ...IMPOSTAZIONI_PREDEFINITE, contenutoBarometro: "simbolo" }, () => ({
        [CHIAVE_CONTENUTO_BAROMETRO]: "colore",
      }))
    ).toBe("simbolo");
    expect(
      contenutoAttivo(IMPOSTAZIONI_PREDEFINITE, () => {
        throw new Error("Office non pronto");
      })
    ).toBe("etichetta");
  });
});

describe("write mode: «formule di Excel» the default, an old saved «formule» still PERF", () => {
  it("reads what is stored, the old «formule» as PERF, anything else as the default", () => {
    const letto = (v: unknown) => leggiImpostazioni({ [CHIAVE_MODO]: v }).impostazioni.modoScrittura;
    expect([undefined, null, "excel", "formule", "perf", "valori", "boh", 3].map(letto)).toEqual([
      "excel",
      "excel",
      "excel",
      "perf",
      "perf",
      "valori",
      "excel",
      "excel",
    ]);
    expect(IMPOSTAZIONI_PREDEFINITE.modoScrittura).toBe("excel");
  });

  it("saves PERF as «formule» (what an older Barometro reads as PERF too), and reads back each mode", () => {
    for (const modo of ["excel", "valori", "perf"] as const) {
      const salvato = valoriDaImpostazioni({ ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: modo })[CHIAVE_MODO];
      expect(salvato).toBe(modo === "perf" ? "formule" : modo);
      expect(leggiImpostazioni({ [CHIAVE_MODO]: salvato }).impostazioni.modoScrittura).toBe(modo);
    }
  });
});
