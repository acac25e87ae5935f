import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { BANDE_PREDEFINITE, creaBande } from "../../src/engine";
import { contrasto } from "../../src/engine/visione-colori";
import { Analisi, analizza, ErroreBarometro, EsitoRicalcolo, righeDellaLinea } from "../../src/app/ricalcolo";
import { Patch } from "../../src/layout/patch";
import { EsitoPreparazione } from "../../src/app/condivisione";
import { MESSAGGI_APP } from "../../src/app/messaggi";
import {
  CHIAVE_APERTURA_AUTOMATICA,
  CHIAVE_FORMATTAZIONE,
  condivisioneDi,
  IMPOSTAZIONI_PREDEFINITE,
  leggiImpostazioni,
  valoriDaImpostazioni,
} from "../../src/app/impostazioni";
import {
  ambitoRicalcolaLinea,
  conteggio,
  fasciaVista,
  gruppiAvvisi,
  messaggioDiErrore,
  occupato,
  riduttore,
  problemi,
  righeLinee,
  statoIniziale,
} from "../../src/taskpane/stato-riquadro";
import { bozzaDaImpostazioni, validaBozza } from "../../src/taskpane/modulo-impostazioni";
import { luminanza } from "../../src/engine/visione-colori";
import { temaDaOffice } from "../../src/taskpane/tema";
import { StatoBarometro } from "../../src/taskpane/tipi";
import { fogliCampione } from "../support/campione";

const SPORT = "LINEA STRATEGICA SULLO SPORT";
let analisi: Analisi;

beforeAll(async () => {
  analisi = analizza({ fogli: await fogliCampione(), selezione: null, protetti: [] });
});

/** A Ricalcola's result over the sample: nothing written unless `patch` says so. */
const esito = (linee: number[], messaggio: string, patch: Patch = { scritture: [], colori: [] }): EsitoRicalcolo => ({
  analisi,
  avvisiLetti: analisi.avvisi,
  linee,
  patch,
  scrittura: { sincronizzazioni: 1, byte: 0 },
  messaggio,
});

const conAnalisi = (parziale: Partial<StatoBarometro> = {}): StatoBarometro => ({
  ...statoIniziale(),
  analisi,
  ...parziale,
});

describe("riduttore", () => {
  it("starts on the Riepilogo with the default settings, nothing read and nothing running", () => {
    const s = statoIniziale();
    expect(s).toMatchObject({ scheda: "riepilogo", analisi: null, lineaScelta: null, lavoro: null, notifica: null });
    expect(s.impostazioni).toBe(IMPOSTAZIONI_PREDEFINITE);
    expect(occupato(s)).toBe(false);
  });

  it("marks the pane busy and clears the previous message when an operation starts", () => {
    const s = riduttore(conAnalisi({ notifica: { intento: "successo", testo: "ok" } }), {
      tipo: "avvio",
      lavoro: { tipo: "ricalcolo", ambito: { tipo: "tutto" } },
    });
    expect(occupato(s)).toBe(true);
    expect(s.notifica).toBeNull();
  });

  it("stores a read, ends the work and keeps the chosen line only while it exists", () => {
    const avviato = { ...conAnalisi({ lineaScelta: 7 }), lavoro: { tipo: "lettura" as const } };
    const letto = riduttore(avviato, { tipo: "letto", analisi });
    expect(letto.analisi).toBe(analisi);
    expect(letto.lavoro).toBeNull();
    expect(letto.lineaScelta).toBe(7);
    const vuota: Analisi = { ...analisi, linee: [], errore: "Nessuna tabella degli obiettivi trovata." };
    const senza = riduttore(avviato, { tipo: "letto", analisi: vuota });
    expect(senza.lineaScelta).toBeNull();
    expect(senza.notifica).toEqual({ intento: "avviso", testo: "Nessuna tabella degli obiettivi trovata." });
  });

  it("after a Ricalcola of one line: that line is chosen and the result message shown", () => {
    const s = riduttore(
      { ...conAnalisi(), lavoro: { tipo: "ricalcolo", ambito: { tipo: "selezione" } } },
      { tipo: "ricalcolato", esito: esito([7], `${SPORT}: 84,44% — nessun avviso`) }
    );
    expect(s.lineaScelta).toBe(7);
    expect(s.lavoro).toBeNull();
    expect(s.notifica).toEqual({ intento: "successo", testo: `${SPORT}: 84,44% — nessun avviso` });
    const tutto = riduttore(conAnalisi({ lineaScelta: 2 }), {
      tipo: "ricalcolato",
      esito: esito(
        analisi.linee.map((_, i) => i),
        "10 linee ricalcolate"
      ),
    });
    expect(tutto.lineaScelta).toBe(2);
  });

  it("ends the work with an error message", () => {
    const s = riduttore({ ...conAnalisi(), lavoro: { tipo: "salvataggio" } }, { tipo: "errore", messaggio: "No" });
    expect(s.lavoro).toBeNull();
    // Shown where the work was asked for: Salva's error by Salva.
    expect(s.notifica).toEqual({ intento: "errore", testo: "No", luogo: "impostazioni" });
  });

  it("shows a ribbon result without ending the pane's own work", () => {
    const lavoro = { tipo: "lettura" as const };
    const s = riduttore({ ...statoIniziale(), lavoro }, { tipo: "esitoEsterno", esito: esito([0], "fatto") });
    expect(s.lavoro).toBe(lavoro);
    expect(s.analisi).toBe(analisi);
    expect(s.notifica).toEqual({ intento: "successo", testo: "fatto" });
    expect(riduttore(s, { tipo: "erroreEsterno", messaggio: "no" }).lavoro).toBe(lavoro);
  });

  it("chooses a line only among those read", () => {
    expect(riduttore(statoIniziale(), { tipo: "scegliLinea", indice: 0 }).lineaScelta).toBeNull();
    expect(riduttore(conAnalisi(), { tipo: "scegliLinea", indice: 3 }).lineaScelta).toBe(3);
    expect(riduttore(conAnalisi(), { tipo: "scegliLinea", indice: 10 }).lineaScelta).toBeNull();
    expect(riduttore(conAnalisi({ lineaScelta: 3 }), { tipo: "scegliLinea", indice: null }).lineaScelta).toBeNull();
  });

  it("switches tab, stores settings and closes the message", () => {
    expect(riduttore(statoIniziale(), { tipo: "scheda", scheda: "verifica" }).scheda).toBe("verifica");
    const letto = riduttore(statoIniziale(), {
      tipo: "impostazioniLette",
      impostazioni: IMPOSTAZIONI_PREDEFINITE,
      errore: "non valide",
    });
    expect(letto.erroreImpostazioni).toBe("non valide");
    const bande = creaBande({ raggiunto: 80, parziale: 50 }) as typeof BANDE_PREDEFINITE;
    const salvate = riduttore(letto, {
      tipo: "impostazioniSalvate",
      impostazioni: { bande, modoScrittura: "perf" },
    });
    expect(salvate.impostazioni.modoScrittura).toBe("perf");
    expect(salvate.erroreImpostazioni).toBeNull();
    expect(salvate.notifica?.intento).toBe("successo");
    expect(riduttore(salvate, { tipo: "chiudiNotifica" }).notifica).toBeNull();
  });
});

describe("riduttore: Prepara per la condivisione and Aggiorna riepilogo", () => {
  const preparazione = (parziale: Partial<EsitoPreparazione>): EsitoPreparazione => ({
    applicato: false,
    formule: 0,
    fogli: [],
    domanda: null,
    escluse: [],
    messaggio: "",
    scrittura: null,
    ...parziale,
  });
  const esclusa = { foglio: "Appunti", cella: "B2", formula: "=PERF.RAGG(A1:A3,B1:B3)+0", motivo: "a mano" };
  const contando = { ...conAnalisi(), lavoro: { tipo: "condivisione" as const, conferma: false } };

  it("a count with formulas asks (the dialog opens), with no message and the pane free", () => {
    const s = riduttore(contando, {
      tipo: "condivisioneContata",
      esito: preparazione({ formule: 3, fogli: ["A", "B"], domanda: "Sostituire 3 formule PERF con il loro valore?" }),
    });
    expect(s.conferma).toEqual({
      domanda: "Sostituire 3 formule PERF con il loro valore?",
      formule: 3,
      fogli: ["A", "B"],
    });
    expect(s.lavoro).toBeNull();
    expect(s.notifica).toBeNull();
    expect(riduttore(s, { tipo: "condivisioneAnnullata" }).conferma).toBeNull();
    // Confirming starts the second call: the dialog closes as the work starts.
    const avviato = riduttore(s, { tipo: "avvio", lavoro: { tipo: "condivisione", conferma: true } });
    expect(avviato.conferma).toBeNull();
    expect(occupato(avviato)).toBe(true);
  });

  it("a count of 0: only the message, no dialog; a warning when some formulas cannot be replaced", () => {
    const nessuna = riduttore(contando, {
      tipo: "condivisioneContata",
      esito: preparazione({ messaggio: MESSAGGI_APP.nessunaFormulaPerf }),
    });
    expect(nessuna.conferma).toBeNull();
    expect(nessuna.lavoro).toBeNull();
    expect(nessuna.notifica).toEqual({ intento: "successo", testo: MESSAGGI_APP.nessunaFormulaPerf });
    const conEscluse = riduttore(contando, {
      tipo: "condivisioneContata",
      esito: preparazione({ escluse: [esclusa], messaggio: "x" }),
    });
    expect(conEscluse.notifica?.intento).toBe("avviso");
    expect(conEscluse.escluse).toEqual([esclusa]);
  });

  it("confirmed: the result message, a warning when % Ragg is still written as formulas", () => {
    const fatto = riduttore(contando, {
      tipo: "condivisionePreparata",
      esito: preparazione({ applicato: true, formule: 3, messaggio: "3 formule PERF sostituite" }),
    });
    expect(fatto).toMatchObject({ lavoro: null, conferma: null, escluse: [] });
    expect(fatto.notifica).toEqual({ intento: "successo", testo: "3 formule PERF sostituite" });
    const formule = riduttore(contando, {
      tipo: "condivisionePreparata",
      esito: preparazione({ applicato: true, formule: 3, messaggio: `fatto. ${MESSAGGI_APP.modoFormuleAttivo}` }),
    });
    expect(formule.notifica?.intento).toBe("avviso");
  });

  it("an error closes the question; the Riepilogo's message ends its work", () => {
    const chiesto = { ...conAnalisi(), conferma: { domanda: "?", formule: 1, fogli: ["A"] } };
    expect(riduttore(chiesto, { tipo: "errore", messaggio: "no" }).conferma).toBeNull();
    const s = riduttore(
      { ...conAnalisi(), lavoro: { tipo: "foglioRiepilogo" } },
      { tipo: "riepilogoAggiornato", messaggio: "Creato il foglio «Riepilogo»" }
    );
    expect(s.lavoro).toBeNull();
    expect(s.notifica).toEqual({ intento: "successo", testo: "Creato il foglio «Riepilogo»" });
  });
});

describe("band swatches", () => {
  it("their edge is ≥ 3:1 against the pane's background in the light and the dark theme (WCAG 1.4.11)", () => {
    for (const t of [webLightTheme, webDarkTheme])
      expect(contrasto(t.colorNeutralStrokeAccessible, t.colorNeutralBackground1)).toBeGreaterThanOrEqual(3);
    // The edge they had: 1.5:1 on white.
    expect(contrasto(webLightTheme.colorNeutralStroke1, webLightTheme.colorNeutralBackground1)).toBeLessThan(3);
  });
});

describe("derived data", () => {
  it("Ricalcola linea: the line shown (chosen, or where the sheet's selection is); none: no guess", () => {
    expect(ambitoRicalcolaLinea(conAnalisi({ lineaScelta: 4 }))).toEqual({
      tipo: "linea",
      indice: 4,
      nome: analisi.linee[4].nome,
    });
    expect(ambitoRicalcolaLinea(conAnalisi())).toBeNull();
  });

  it("the line shown follows the sheet's selection: another line's cell moves it, the title rows clear it", () => {
    const { prima } = righeDellaLinea(analisi.linee[4]);
    const scelta = conAnalisi({ lineaScelta: 2 });
    const segue = riduttore(scelta, {
      tipo: "selezioneFoglio",
      selezione: { foglio: analisi.linee[4].foglio, indirizzo: `D${prima + 2}` },
    });
    expect(segue.lineaScelta).toBe(4);
    const titolo = riduttore(segue, {
      tipo: "selezioneFoglio",
      selezione: { foglio: analisi.linee[4].foglio, indirizzo: "A1" },
    });
    expect(titolo.lineaScelta).toBeNull();
  });

  it("gives Barometro's own errors as they are and anything else as unexpected", () => {
    expect(messaggioDiErrore(new ErroreBarometro("Il foglio è protetto."))).toBe("Il foglio è protetto.");
    expect(messaggioDiErrore(new Error("GeneralException"))).toBe("Errore inatteso di Excel: GeneralException");
    expect(messaggioDiErrore("boh")).toBe("Errore inatteso di Excel: boh");
  });

  it("lists the ten lines of the sample with Italian percentages, bands and counts", () => {
    const righe = righeLinee(analisi, BANDE_PREDEFINITE);
    expect(righe).toHaveLength(10);
    const sport = righe.find((r) => r.nome === SPORT)!;
    expect(sport).toMatchObject({ testo: "84,44%", obiettivi: 3, neutralizzati: 0, incompleta: false });
    expect(sport.fascia).toEqual({ etichetta: "Parzialmente raggiunto", colore: BANDE_PREDEFINITE.fasce[1].colore });
    expect(righe.find((r) => r.nome === "LINEA STRATEGICA SULLE OPERE PUBBLICHE")).toMatchObject({
      testo: "92,30%",
      neutralizzati: 1,
    });
    expect(righe.reduce((n, r) => n + r.avvisi, 0)).toBe(analisi.avvisi.length);
    // A reading Barometro chose (information) is listed in Verifica but not counted as a problem.
    const conInformazione = {
      ...analisi,
      avvisi: [
        ...analisi.avvisi,
        { codice: "LETTURA_SCELTA" as const, foglio: "F", cella: "I7", messaggio: "letto come 75 %", linea: SPORT },
      ],
    };
    expect(righeLinee(conInformazione, BANDE_PREDEFINITE).find((r) => r.nome === SPORT)!.avvisi).toBe(sport.avvisi);
    expect(problemi(conInformazione.avvisi)).toBe(analisi.avvisi.length);
    const severe = creaBande({ raggiunto: 95, parziale: 85 }) as typeof BANDE_PREDEFINITE;
    expect(righeLinee(analisi, severe).find((r) => r.nome === SPORT)!.fascia?.etichetta).toBe("Non raggiunto");
  });

  it("shows no band without a percentage, the neutralised band when every objective is neutralised", () => {
    expect(fasciaVista(null, BANDE_PREDEFINITE)).toBeNull();
    expect(fasciaVista(null, BANDE_PREDEFINITE, true)).toEqual(BANDE_PREDEFINITE.neutralizzato);
    expect(fasciaVista(90, BANDE_PREDEFINITE)?.etichetta).toBe("Raggiunto");
  });

  it("groups the findings by line, in workbook order", () => {
    const gruppi = gruppiAvvisi(analisi);
    expect(gruppi.reduce((n, g) => n + g.avvisi.length, 0)).toBe(analisi.avvisi.length);
    const ordine = analisi.linee.map((l) => l.nome);
    expect(gruppi.map((g) => ordine.indexOf(g.linea))).toEqual(
      [...gruppi.map((g) => ordine.indexOf(g.linea))].sort((a, b) => a - b)
    );
    for (const g of gruppi) expect(g.avvisi.every((a) => a.linea === g.linea)).toBe(true);
    expect(gruppiAvvisi({ ...analisi, avvisi: [] })).toEqual([]);
  });

  it("counts in Italian", () => {
    expect(conteggio(0, "avviso", "avvisi")).toBe("nessun avviso");
    expect(conteggio(1, "avviso", "avvisi")).toBe("1 avviso");
    expect(conteggio(15, "avviso", "avvisi")).toBe("15 avvisi");
  });
});

describe("Impostazioni form", () => {
  it("round-trips the defaults", () => {
    const bozza = bozzaDaImpostazioni(IMPOSTAZIONI_PREDEFINITE);
    expect(bozza).toMatchObject({ raggiunto: "90", parziale: "70", modoScrittura: "excel" });
    expect(bozza.colori.neutralizzato).toBe(BANDE_PREDEFINITE.neutralizzato.colore);
    // The form shows the sharing options and the Barometro cell's content resolved (their
    // defaults), and saves them as shown.
    expect(bozza).toMatchObject({
      formattazioneCondizionale: true,
      aperturaAutomatica: false,
      contenutoBarometro: "etichetta",
    });
    expect(validaBozza(bozza)).toEqual({
      impostazioni: {
        ...IMPOSTAZIONI_PREDEFINITE,
        formattazioneCondizionale: true,
        aperturaAutomatica: false,
        contenutoBarometro: "etichetta",
      },
    });
  });

  it("shows and saves the two sharing switches; auto-open off removes Office's key", () => {
    const salvate = { ...IMPOSTAZIONI_PREDEFINITE, formattazioneCondizionale: false, aperturaAutomatica: true };
    const bozza = bozzaDaImpostazioni(salvate);
    expect(bozza).toMatchObject({ formattazioneCondizionale: false, aperturaAutomatica: true });
    const esito = validaBozza(bozza);
    if (!("impostazioni" in esito)) throw new Error(JSON.stringify(esito));
    expect(valoriDaImpostazioni(esito.impostazioni)).toMatchObject({
      [CHIAVE_FORMATTAZIONE]: false,
      [CHIAVE_APERTURA_AUTOMATICA]: true,
    });
    expect(leggiImpostazioni(valoriDaImpostazioni(esito.impostazioni)).impostazioni).toEqual(esito.impostazioni);
    const spente = validaBozza({ ...bozza, formattazioneCondizionale: true, aperturaAutomatica: false });
    if (!("impostazioni" in spente)) throw new Error(JSON.stringify(spente));
    expect(valoriDaImpostazioni(spente.impostazioni)).toMatchObject({
      [CHIAVE_FORMATTAZIONE]: true,
      [CHIAVE_APERTURA_AUTOMATICA]: null,
    });
  });

  it("reads Italian decimals, upper-cases colours and trims labels; the result survives the workbook", () => {
    const bozza = bozzaDaImpostazioni(IMPOSTAZIONI_PREDEFINITE);
    const esito = validaBozza({
      ...bozza,
      raggiunto: "92,5",
      parziale: " 75 ",
      colori: { ...bozza.colori, raggiunto: "#00aa00" },
      etichette: { ...bozza.etichette, neutralizzato: "  Escluso " },
      modoScrittura: "perf",
    });
    if (!("impostazioni" in esito)) throw new Error(JSON.stringify(esito));
    const { bande, modoScrittura } = esito.impostazioni;
    expect(bande.fasce.map((f) => f.soglia)).toEqual([92.5, 75, 0]);
    expect(bande.fasce[0].colore).toBe("#00AA00");
    expect(bande.neutralizzato.etichetta).toBe("Escluso");
    expect(modoScrittura).toBe("perf");
    // Auto-open off is stored as no key at all: it reads back as absent, which means off.
    const letto = leggiImpostazioni(valoriDaImpostazioni(esito.impostazioni));
    expect(letto).toEqual({ impostazioni: { ...esito.impostazioni, aperturaAutomatica: undefined }, errore: null });
    expect(condivisioneDi(letto.impostazioni)).toEqual(condivisioneDi(esito.impostazioni));
  });

  it("explains in Italian what is wrong", () => {
    const bozza = bozzaDaImpostazioni(IMPOSTAZIONI_PREDEFINITE);
    expect(validaBozza({ ...bozza, raggiunto: "70", parziale: "80" })).toEqual({
      errori: { soglie: "Le soglie devono essere 0 < Parzialmente raggiunto < Raggiunto ≤ 100." },
    });
    expect(validaBozza({ ...bozza, raggiunto: "101" })).toHaveProperty("errori.soglie");
    expect(validaBozza({ ...bozza, parziale: "0" })).toHaveProperty("errori.soglie");
    const errato = validaBozza({
      ...bozza,
      raggiunto: "novanta",
      colori: { ...bozza.colori, parziale: "giallo" },
      etichette: { ...bozza.etichette, non_raggiunto: "  " },
    });
    expect(errato).toEqual({
      errori: {
        raggiunto: "Inserire un numero tra 0 e 100 (es. 90 oppure 72,5).",
        "colore.parziale": `Colore non valido: usare il formato #RRGGBB (es. ${BANDE_PREDEFINITE.fasce[0].colore}).`,
        "etichetta.non_raggiunto": "L'etichetta non può essere vuota.",
      },
    });
  });
});

describe("tema", () => {
  it("follows Office: isDarkTheme when given, else the background's luminance", () => {
    expect(temaDaOffice({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe(webDarkTheme);
    expect(temaDaOffice({ isDarkTheme: false })).toBe(webLightTheme);
    expect(temaDaOffice({ bodyBackgroundColor: "#262626" })).toBe(webDarkTheme);
    expect(temaDaOffice({ bodyBackgroundColor: "#F3F2F1" })).toBe(webLightTheme);
    expect(temaDaOffice({ bodyBackgroundColor: "nero" })).toBe(webLightTheme);
    expect(temaDaOffice(undefined)).toBe(webLightTheme);
    expect(luminanza("#000000")).toBe(0);
    expect(luminanza("FFFFFF")).toBeCloseTo(1, 10);
  });
});
