/** @jest-environment jsdom */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { pubblica } from "../../src/app/eventi";
import { analizza, ErroreBarometro, intervalloDellaLinea, righeDellaLinea } from "../../src/app/ricalcolo";
import { MESSAGGI_APP } from "../../src/app/messaggi";
import { NOME_GRAFICO_RIEPILOGO } from "../../src/layout/riepilogo";
import {
  CHIAVE_APERTURA_AUTOMATICA,
  CHIAVE_BANDE,
  CHIAVE_FORMATTAZIONE,
  CHIAVE_MODO,
  leggiImpostazioni,
} from "../../src/app/impostazioni";
import { BANDE_PREDEFINITE } from "../../src/engine";
import { SheetGrid } from "../../src/layout/griglia";
import { App } from "../../src/taskpane/App";
import { fogliCampione } from "../support/campione";
import { AccessoRegistrato } from "../support/accesso-registrato";

const SPORT = "LINEA STRATEGICA SULLO SPORT";
const FOGLIO = "Obiettivi 2024";
let fogli: SheetGrid[];

beforeAll(async () => {
  fogli = await fogliCampione();
});

async function apri(access: AccessoRegistrato) {
  const utente = userEvent.setup();
  render(<App access={access} />);
  await screen.findByRole("list", { name: "Linee strategiche" });
  return utente;
}

const linea = (nome: string | RegExp) => screen.getByRole("button", { name: nome });
const riga = (cella: string) => Number(/\d+$/.exec(cella)![0]);

describe("Riepilogo", () => {
  it("reads the workbook once on open and lists the ten lines with their percentage and band", async () => {
    const access = new AccessoRegistrato(fogli);
    await apri(access);
    expect(access.letture).toBe(1);
    const voci = within(screen.getByRole("list", { name: "Linee strategiche" })).getAllByRole("listitem");
    expect(voci).toHaveLength(10);
    const sport = linea(new RegExp(SPORT));
    expect(sport.textContent).toContain("84,44%");
    expect(sport.textContent).toContain("Parzialmente raggiunto");
    expect(sport.textContent).toContain("3 obiettivi");
    expect(linea(/OPERE PUBBLICHE/).textContent).toContain("1 neutralizzato");
    // The ente figure on top, with its band label.
    const ente = screen.getByRole("group", { name: /complessivo dell'ente/ });
    expect(ente.textContent).toContain("92,50%");
    expect(ente.textContent).toContain("Raggiunto");
    expect(screen.getByRole("heading", { level: 1, name: "Barometro" })).toBeTruthy();
  });

  it("selects a line's table in the sheet on click, and with Enter or Space from the keyboard", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apri(access);
    const analisi = analizza(await access.leggi());
    const sport = analisi.linee.find((l) => l.nome === SPORT)!;
    await utente.click(linea(new RegExp(SPORT)));
    expect(access.selezioni).toEqual([intervalloDellaLinea(sport)]);
    expect(access.selezioni[0]).toEqual({ foglio: FOGLIO, indirizzo: "168:177" });
    expect(linea(new RegExp(SPORT)).getAttribute("aria-pressed")).toBe("true");
    expect(document.getElementById("barometro-ambito")?.textContent).toBe(`Ricalcola linea: ${SPORT}`);

    linea(/OPERE PUBBLICHE/).focus();
    await utente.keyboard("{Enter}");
    linea(/SULL'AMBIENTE/).focus();
    await utente.keyboard(" ");
    expect(access.selezioni.slice(1).map((s) => s.indirizzo)).toEqual(["56:67", "6:25"]);
    expect(linea(/SULL'AMBIENTE/).getAttribute("aria-pressed")).toBe("true");
    expect(linea(new RegExp(SPORT)).getAttribute("aria-pressed")).toBe("false");
  });

  it("Ricalcola linea writes once, only the chosen line's cells, and shows the result", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apri(access);
    const analisi = analizza(await access.leggi());
    const { prima, ultima } = righeDellaLinea(analisi.linee.find((l) => l.nome === SPORT)!);
    await utente.click(linea(new RegExp(SPORT)));

    // Hold the write to see the pane while it works.
    let sblocca: () => void = () => undefined;
    const scrivi = access.scrivi.bind(access);
    access.scrivi = (patch) => new Promise((fatto) => (sblocca = () => fatto(scrivi(patch))));
    await utente.click(screen.getByRole("button", { name: "Ricalcola linea" }));
    // Each step painted, with its counts («lettura…», «calcolo di N righe…», «scrittura di 1 linea (N celle)…»).
    expect(await screen.findByText(/^Ricalcolo: scrittura di 1 linea \(\d+ celle\)…$/)).toBeTruthy();
    expect(screen.getAllByRole("status")[0].textContent).toMatch(/^Ricalcolo: scrittura di 1 linea/);
    for (const nome of ["Ricalcola linea", "Ricalcola tutto", /^Aggiorna/])
      // Disabled but still focusable: the keyboard user's focus stays on the button pressed.
      expect(screen.getByRole("button", { name: nome }).getAttribute("aria-disabled")).toBe("true");
    await utente.click(screen.getByRole("button", { name: "Ricalcola tutto" })); // disabled: nothing happens
    await act(async () => sblocca());

    const messaggio = await screen.findByText(new RegExp(`^${SPORT}: 84,44% — `));
    expect(screen.getByRole("status").contains(messaggio)).toBe(true);
    expect(access.scritture).toHaveLength(1);
    const [patch] = access.scritture;
    const celle = [...patch.scritture, ...patch.colori];
    expect(patch.scritture.length).toBeGreaterThan(0);
    for (const c of celle) {
      expect(c.foglio).toBe(FOGLIO);
      expect(riga(c.cella)).toBeGreaterThanOrEqual(prima);
      expect(riga(c.cella)).toBeLessThanOrEqual(ultima);
    }
    expect(screen.getByRole("button", { name: "Ricalcola linea" }).getAttribute("aria-disabled")).toBeNull();
    expect(linea(new RegExp(SPORT)).textContent).toContain("84,44%");
  });

  it("without a chosen line, Ricalcola linea recalculates the line holding the sheet's selection", async () => {
    const access = new AccessoRegistrato(fogli, { foglio: FOGLIO, indirizzo: "C170" });
    const utente = await apri(access);
    await utente.click(screen.getByRole("button", { name: "Ricalcola linea" }));
    expect(await screen.findByText(new RegExp(`^${SPORT}: 84,44%`))).toBeTruthy();
    expect(access.scritture).toHaveLength(1);
    expect(access.scritture[0].scritture.every((s) => riga(s.cella) >= 168 && riga(s.cella) <= 177)).toBe(true);
    // The line written becomes the chosen one.
    expect(linea(new RegExp(SPORT)).getAttribute("aria-pressed")).toBe("true");
  });

  it("Ricalcola tutto writes every line in one patch; Aggiorna reads again", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apri(access);
    await utente.click(screen.getByRole("button", { name: "Ricalcola tutto" }));
    expect(await screen.findByText(/^10 linee ricalcolate, ente 92,50% — 10 avvisi$/)).toBeTruthy();
    expect(access.scritture).toHaveLength(1);
    // The five wrong Scostamento cells were just overwritten: Verifica no longer lists them.
    expect(screen.getByRole("tab", { name: /Verifica/ }).getAttribute("aria-label")).toBe("Verifica, 10 avvisi");
    await utente.click(screen.getByRole("button", { name: /^Aggiorna/ }));
    await waitFor(() => expect(access.letture).toBe(3)); // on open, Ricalcola's read, Aggiorna
  });
});

describe("Verifica", () => {
  it("shows the number of findings on its tab and selects a finding's cell", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apri(access);
    const scheda = screen.getByRole("tab", { name: /Verifica/ });
    expect(scheda.textContent).toContain("15");
    expect(scheda.getAttribute("aria-label")).toBe("Verifica, 15 avvisi");
    await utente.click(scheda);

    const analisi = analizza(await access.leggi());
    const gruppi = screen.getAllByRole("heading", { level: 3 });
    expect(gruppi.length).toBe(new Set(analisi.avvisi.map((a) => a.linea)).size);
    expect(gruppi[0].textContent).toBe(
      `${analisi.avvisi[0].linea} (${analisi.avvisi.filter((a) => a.linea === analisi.avvisi[0].linea).length})`
    );
    const primo = analisi.avvisi[0];
    // The plain message first; the cell, then the developer's code, after it.
    const nomeDi = (a: typeof primo) => (n: string) =>
      n.startsWith(a.messaggio) && n.includes(`${FOGLIO}!${a.cella}`) && n.endsWith(`codice ${a.codice}`);
    const voce = screen.getByRole("button", { name: nomeDi(primo) });
    expect(voce.textContent).toContain(primo.messaggio);
    await utente.click(voce);
    expect(access.selezioni).toEqual([{ foglio: FOGLIO, indirizzo: primo.cella }]);

    const ultimo = analisi.avvisi[analisi.avvisi.length - 1];
    screen.getAllByRole("button", { name: nomeDi(ultimo) })[0].focus();
    await utente.keyboard("{Enter}");
    expect(access.selezioni[1]).toEqual({ foglio: FOGLIO, indirizzo: ultimo.cella });
  });

  it("says «Nessun avviso» when there is nothing to report", async () => {
    const access = new AccessoRegistrato([]);
    const { errore } = analizza(await access.leggi());
    expect(errore).toMatch(/^Nessun foglio/);
    const utente = userEvent.setup();
    render(<App access={access} />);
    expect(await screen.findByText(errore!)).toBeTruthy();
    expect(screen.getByText("Nessuna linea strategica trovata.")).toBeTruthy();
    const scheda = screen.getByRole("tab", { name: /Verifica/ });
    expect(scheda.textContent).not.toMatch(/\d/);
    expect(scheda.getAttribute("aria-label")).toBe("Verifica, nessun avviso");
    await utente.click(scheda);
    expect(screen.getByText("Nessun avviso")).toBeTruthy();
  });
});

describe("Impostazioni", () => {
  it("checks the thresholds in Italian and saves nothing until they are right", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apri(access);
    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    const raggiunto = screen.getByRole("textbox", { name: "Raggiunto ≥" });
    const parziale = screen.getByRole("textbox", { name: "Parzialmente raggiunto ≥" });
    expect((raggiunto as HTMLInputElement).value).toBe("90");
    await utente.clear(parziale);
    await utente.type(parziale, "95");
    await utente.click(screen.getByRole("button", { name: "Salva" }));
    expect(screen.getByText("Le soglie devono essere 0 < Parzialmente raggiunto < Raggiunto ≤ 100.")).toBeTruthy();
    // By Salva, the fields named; the focus on the first one, wherever it is in the long form.
    const avviso = screen.getByText("Da correggere prima di salvare: soglia di «Parzialmente raggiunto».");
    expect(screen.getAllByRole("alert").some((a) => a.contains(avviso))).toBe(true);
    expect(parziale.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(parziale);
    expect(access.salvate).toEqual([]);

    await utente.clear(parziale);
    await utente.type(parziale, "70");
    const neutro = screen.getByRole("group", { name: "Neutralizzato" });
    const colore = within(neutro).getByRole("textbox", { name: "Colore (#RRGGBB)" });
    await utente.clear(colore);
    await utente.type(colore, "grigio");
    await utente.click(screen.getByRole("button", { name: "Salva" }));
    expect(
      within(neutro).getByText(
        `Colore non valido: usare il formato #RRGGBB (es. ${BANDE_PREDEFINITE.fasce[0].colore}).`
      )
    ).toBeTruthy();
    expect(screen.getByText("Da correggere prima di salvare: colore di «Neutralizzato».")).toBeTruthy();
    expect(document.activeElement).toBe(colore);
    expect(access.salvate).toEqual([]);
  });

  it("saves the bands and the write mode in the workbook, and every Ricalcola uses them", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apri(access);
    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    const parziale = screen.getByRole("textbox", { name: "Parzialmente raggiunto ≥" });
    await utente.clear(parziale);
    await utente.type(parziale, "85,5");
    const alto = screen.getByRole("group", { name: "Raggiunto" });
    const colore = within(alto).getByRole("textbox", { name: "Colore (#RRGGBB)" });
    await utente.clear(colore);
    await utente.type(colore, "#00aa00");
    const etichetta = within(alto).getByRole("textbox", { name: "Etichetta" });
    await utente.clear(etichetta);
    await utente.type(etichetta, "Centrato");
    await utente.click(screen.getByRole("radio", { name: "Formule PERF.RAGG" }));
    await utente.click(screen.getByRole("button", { name: "Salva" }));

    const salvate = await screen.findByText("Impostazioni salvate nella cartella di lavoro.");
    // By Salva, at the foot of the form, in a live region (not at the top of the pane, out of sight).
    const modulo = screen.getByRole("form", { name: "Fasce del Barometro" });
    expect(modulo.contains(salvate)).toBe(true);
    expect(screen.getAllByRole("status").some((s) => modulo.contains(s) && s.contains(salvate))).toBe(true);
    expect(access.salvate).toHaveLength(1);
    const { impostazioni, errore } = leggiImpostazioni(access.salvate[0]);
    expect(errore).toBeNull();
    expect(access.salvate[0][CHIAVE_MODO]).toBe("formule");
    expect(access.salvate[0][CHIAVE_BANDE]).toMatchObject({ raggiunto: 90, parziale: 85.5 });
    expect(impostazioni.bande.fasce[0]).toMatchObject({ etichetta: "Centrato", colore: "#00AA00" });

    // The Riepilogo uses the new bands: 84,44% is now below «Parzialmente raggiunto» (85,5).
    await utente.click(screen.getByRole("tab", { name: "Riepilogo" }));
    expect(linea(new RegExp(SPORT)).textContent).toContain("Non raggiunto");
    expect(screen.getByRole("group", { name: /complessivo dell'ente/ }).textContent).toContain("Centrato");
    await utente.click(screen.getByRole("button", { name: "Ricalcola tutto" }));
    await screen.findByText(/^10 linee ricalcolate/);
    const [patch] = access.scritture;
    expect(patch.colori.some((c) => c.colore === "#00AA00")).toBe(true);
    expect(patch.colori.some((c) => c.colore === BANDE_PREDEFINITE.fasce[0].colore)).toBe(false);
    expect(patch.scritture.some((s) => s.formula?.startsWith("=PERF.RAGG("))).toBe(true);
  });

  it("loads the workbook's settings on open and warns when they are invalid", async () => {
    const access = new AccessoRegistrato(fogli, null, [], { [CHIAVE_BANDE]: "{non json", [CHIAVE_MODO]: "formule" });
    const utente = await apri(access);
    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    expect(screen.getByText(/il testo non è JSON\. Si usano le impostazioni predefinite\./)).toBeTruthy();
    expect((screen.getByRole("radio", { name: "Formule PERF.RAGG" }) as HTMLInputElement).checked).toBe(true);
  });

  it("reloads the document's settings before showing them (a colleague may have saved newer ones)", async () => {
    const access = new AccessoRegistrato(fogli, null, [], {});
    const ricaricate: string[] = [];
    // The access's in-memory copy is stale until refreshed from the document.
    const conAggiornamento = Object.assign(access, {
      aggiornaImpostazioni: async () => {
        ricaricate.push("refresh");
        access.impostazioni = { [CHIAVE_MODO]: "formule" };
      },
    });
    const utente = await apri(conAggiornamento);
    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    expect(ricaricate).toEqual(["refresh"]);
    expect((screen.getByRole("radio", { name: "Formule PERF.RAGG" }) as HTMLInputElement).checked).toBe(true);
  });
});

/** A sheet of notes with two PERF formulas, and one the add-in has not computed (left as it is). */
const APPUNTI: SheetGrid = {
  name: "Appunti",
  values: [
    [50, 39, 78],
    [4, 3, 100],
    [1, 2, "#NOME?"],
  ],
  formulas: [
    [null, null, "=PERF.RAGG(A1,B1)"],
    [null, null, '=PERF.RAGG(A2,B2,"↓")'],
    [null, null, "=PERF.RAGG(A3,B3)"],
  ],
  merges: [],
};

/**
 * The open dialog, once focus is inside it (Esc goes to it). Its buttons are queried with
 * `hidden: true`: in jsdom, tabster's modalizer toggles aria-hidden on a new modal on timers, and
 * under load the dialog can read as hidden for seconds. What a screen reader gets (focus on
 * Annulla, the rest of the pane hidden) is checked in Chromium, test/e2e.
 */
const dialogoPronto = () =>
  waitFor(() => {
    const dialogo = screen.getByRole("alertdialog", { hidden: true });
    expect(dialogo.contains(document.activeElement)).toBe(true);
    return dialogo;
  });
const bottoniDel = (dialogo: HTMLElement) => within(dialogo).getAllByRole("button", { hidden: true });
const bottoneDel = (dialogo: HTMLElement, nome: string) =>
  within(dialogo).getByRole("button", { name: nome, hidden: true });
const dialogoChiuso = () => waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());

async function apriCondivisione(access: AccessoRegistrato) {
  const utente = await apri(access);
  await utente.click(screen.getByRole("tab", { name: "Condivisione" }));
  return utente;
}

describe("Condivisione", () => {
  it("is a tab reached from the keyboard, after Verifica", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apri(access);
    expect(screen.getAllByRole("tab").map((t) => t.id)).toEqual(
      ["riepilogo", "verifica", "condivisione", "impostazioni"].map((s) => `barometro-scheda-${s}`)
    );
    // (Arrow keys between tabs are tabster's, which needs a layout: checked in Chromium, test/e2e.)
    screen.getByRole("tab", { name: "Condivisione" }).focus();
    await utente.keyboard("{Enter}");
    expect(screen.getByRole("tab", { name: "Condivisione" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe("barometro-scheda-condivisione");
    expect(screen.getByRole("button", { name: "Prepara per la condivisione" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Aggiorna riepilogo" })).toBeTruthy();
  });

  it("Prepara per la condivisione: counts, asks in a dialog, replaces on Conferma and says what it did", async () => {
    const access = new AccessoRegistrato([...fogli, APPUNTI]);
    const utente = await apriCondivisione(access);
    const prepara = screen.getByRole("button", { name: "Prepara per la condivisione" });
    await utente.click(prepara);

    // The count writes nothing; the question is a dialog, Annulla first so Enter does not replace.
    const dialogo = await dialogoPronto();
    expect(within(dialogo).getByText("Sostituire 2 formule PERF con il loro valore?")).toBeTruthy();
    expect(dialogo.textContent).toContain("Nel foglio «Appunti»");
    expect(bottoniDel(dialogo).map((b) => b.textContent)).toEqual(["Annulla", "Conferma"]);
    // (Where focus lands, on Annulla, and goes back to the button: checked in Chromium, test/e2e.)
    expect(access.scritture).toEqual([]);
    expect(access.letture).toBe(2); // on open, the count

    // Hold the write to see the pane while it works.
    let sblocca: () => void = () => undefined;
    const scrivi = access.scrivi.bind(access);
    access.scrivi = (patch) => new Promise((fatto) => (sblocca = () => fatto(scrivi(patch))));
    await utente.click(bottoneDel(dialogo, "Conferma"));
    expect(await screen.findByText("Sostituzione delle formule PERF in corso…")).toBeTruthy();
    await dialogoChiuso();
    for (const nome of ["Prepara per la condivisione", "Aggiorna riepilogo"])
      expect(screen.getByRole("button", { name: nome }).getAttribute("aria-disabled")).toBe("true");
    await act(async () => sblocca());

    const messaggio = await screen.findByText(/^2 formule PERF sostituite con il valore \(«Appunti»\)/);
    // At the top (Prepara stampa, further down the tab, has its own live region).
    expect(screen.getAllByRole("status")[0].contains(messaggio)).toBe(true);
    expect(messaggio.textContent).toContain("1 formula PERF non sostituita (vedere l'elenco).");
    expect(access.letture).toBe(3); // the confirmation reads again before writing
    expect(access.scritture).toHaveLength(1);
    expect(access.scritture[0].scritture).toEqual([
      { foglio: "Appunti", cella: "C1", valore: 78 },
      { foglio: "Appunti", cella: "C2", valore: 100 },
    ]);
    expect(prepara.getAttribute("aria-disabled")).toBeNull();

    // The one left as it is is listed, and selects its cell.
    const esclusa = screen.getByRole("button", { name: /^Appunti!C3/ });
    expect(esclusa.textContent).toContain("=PERF.RAGG(A3,B3)");
    expect(esclusa.textContent).toContain("non è calcolato");
    await utente.click(esclusa);
    expect(access.selezioni).toEqual([{ foglio: "Appunti", indirizzo: "C3" }]);
  });

  it("Annulla, or Esc, writes nothing", async () => {
    const access = new AccessoRegistrato([...fogli, APPUNTI]);
    const utente = await apriCondivisione(access);
    const prepara = screen.getByRole("button", { name: "Prepara per la condivisione" });
    await utente.click(prepara);
    await utente.click(bottoneDel(await dialogoPronto(), "Annulla"));
    await dialogoChiuso();

    // The button is disabled (disabledFocusable) until the pane is idle again: a click before is lost.
    await waitFor(() => expect(prepara.getAttribute("aria-disabled")).not.toBe("true"));
    await utente.click(prepara);
    await dialogoPronto();
    await utente.keyboard("{Escape}");
    await dialogoChiuso();
    expect(access.scritture).toEqual([]);
    expect(access.letture).toBe(3);
  });

  it("with no PERF formula: only the message, no dialog", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apriCondivisione(access);
    await utente.click(screen.getByRole("button", { name: "Prepara per la condivisione" }));
    expect(await screen.findByText(MESSAGGI_APP.nessunaFormulaPerf)).toBeTruthy();
    expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull();
    expect(access.scritture).toEqual([]);
  });

  it("reminds that formula mode brings PERF.RAGG back", async () => {
    const access = new AccessoRegistrato(fogli, null, [], { [CHIAVE_MODO]: "formule" });
    await apriCondivisione(access);
    expect(screen.getByText(/il prossimo Ricalcola la rimetterà/)).toBeTruthy();
  });

  it("Aggiorna riepilogo writes the Riepilogo sheet and its chart in one write, then says so", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apriCondivisione(access);
    let sblocca: () => void = () => undefined;
    const scrivi = access.scrivi.bind(access);
    access.scrivi = (patch) => new Promise((fatto) => (sblocca = () => fatto(scrivi(patch))));
    await utente.click(screen.getByRole("button", { name: "Aggiorna riepilogo" }));
    expect(await screen.findByText("Aggiornamento del foglio «Riepilogo» in corso…")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Aggiorna riepilogo" }).getAttribute("aria-disabled")).toBe("true");
    await act(async () => sblocca());
    expect(await screen.findByText("Creato il foglio «Riepilogo»: 10 linee, ente 92,50%.")).toBeTruthy();
    expect(access.scritture).toHaveLength(1);
    expect(access.scritture[0].riepilogo).toMatchObject({ foglio: "Riepilogo", crea: true });
    expect(access.scritture[0].riepilogo?.grafico?.nome).toBe(NOME_GRAFICO_RIEPILOGO);
    expect(access.scritture[0].riepilogo?.grafico?.colori).toHaveLength(10);
  });

  it("shows Excel's error in the error bar", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apriCondivisione(access);
    access.errori.scrivi = new Error("AccessDenied");
    await utente.click(screen.getByRole("button", { name: "Aggiorna riepilogo" }));
    const allarme = await screen.findByText("Errore inatteso di Excel: AccessDenied");
    expect(screen.getAllByRole("alert").some((a) => a.contains(allarme))).toBe(true);
    expect(screen.getByRole("button", { name: "Aggiorna riepilogo" }).getAttribute("aria-disabled")).toBeNull();
  });
});

describe("Impostazioni: sharing switches", () => {
  const FORMATTAZIONE = "Colori che seguono i dati anche senza Barometro (formattazione condizionale)";
  const APERTURA = "Apri Barometro all'apertura della cartella";

  it("start on and off, and are saved with the other settings", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apri(access);
    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    const colori = screen.getByRole("switch", { name: FORMATTAZIONE }) as HTMLInputElement;
    const apertura = screen.getByRole("switch", { name: APERTURA }) as HTMLInputElement;
    expect(colori.checked).toBe(true);
    expect(apertura.checked).toBe(false);
    expect(colori.getAttribute("aria-describedby")).toBeTruthy(); // the hint is read with it
    await utente.click(colori);
    await utente.click(apertura);
    expect(access.salvate).toEqual([]); // only Salva saves
    await utente.click(screen.getByRole("button", { name: "Salva" }));
    expect(await screen.findByText("Impostazioni salvate nella cartella di lavoro.")).toBeTruthy();
    expect(access.salvate).toHaveLength(1);
    expect(access.salvate[0]).toMatchObject({
      [CHIAVE_FORMATTAZIONE]: false,
      [CHIAVE_APERTURA_AUTOMATICA]: true,
      [CHIAVE_MODO]: "excel",
    });
    expect(access.salvate[0][CHIAVE_BANDE]).toMatchObject({ raggiunto: 90, parziale: 70 });

    // The Condivisione tab says the colours no longer follow the data; switched back, Office's key goes.
    await utente.click(screen.getByRole("tab", { name: "Condivisione" }));
    expect(screen.getByText(/la formattazione condizionale è disattivata/)).toBeTruthy();
    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    expect((screen.getByRole("switch", { name: FORMATTAZIONE }) as HTMLInputElement).checked).toBe(false);
    await utente.click(screen.getByRole("switch", { name: APERTURA }));
    await utente.click(screen.getByRole("button", { name: "Salva" }));
    await waitFor(() => expect(access.salvate).toHaveLength(2));
    expect(access.salvate[1][CHIAVE_APERTURA_AUTOMATICA]).toBeNull();
    expect(access.salvate[1][CHIAVE_FORMATTAZIONE]).toBe(false);
  });

  it("show what the workbook stores", async () => {
    const access = new AccessoRegistrato(fogli, null, [], {
      [CHIAVE_FORMATTAZIONE]: false,
      [CHIAVE_APERTURA_AUTOMATICA]: true,
    });
    const utente = await apri(access);
    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    expect((screen.getByRole("switch", { name: FORMATTAZIONE }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole("switch", { name: APERTURA }) as HTMLInputElement).checked).toBe(true);
  });
});

describe("errors", () => {
  it("shows Barometro's Italian message when the sheet is protected, and writes nothing", async () => {
    const access = new AccessoRegistrato(fogli, null, [FOGLIO]);
    const utente = await apri(access);
    await utente.click(screen.getByRole("button", { name: "Ricalcola tutto" }));
    const allarme = await screen.findByText(/^Il foglio «Obiettivi 2024» è protetto/);
    expect(screen.getAllByRole("alert").some((a) => a.contains(allarme))).toBe(true);
    expect(access.scritture).toEqual([]);
    expect(screen.getByRole("button", { name: "Ricalcola tutto" }).getAttribute("aria-disabled")).toBeNull();
  });

  it.each([
    ["on another sheet", { foglio: "Altro", indirizzo: "A1" }],
    ["in the title rows above the first line", { foglio: FOGLIO, indirizzo: "A1" }],
  ])("with the selection %s and no line chosen: says so by the button, which waits (no guess)", async (_, sel) => {
    const access = new AccessoRegistrato(fogli, sel);
    const utente = await apri(access);
    const bottone = screen.getByRole("button", { name: "Ricalcola linea" });
    expect(bottone.getAttribute("aria-disabled")).toBe("true");
    expect(document.getElementById("barometro-ambito")?.textContent).toMatch(/^Ricalcola linea: nessuna linea\./);
    await utente.click(bottone);
    expect(access.scritture).toEqual([]);
    // Chosen in the pane: shown by the button, which acts on it.
    await utente.click(linea(new RegExp(SPORT)));
    expect(document.getElementById("barometro-ambito")?.textContent).toBe(`Ricalcola linea: ${SPORT}`);
    await utente.click(bottone);
    expect(await screen.findByText(new RegExp(`^${SPORT}: 84,44%`))).toBeTruthy();
  });

  it("shows anything else thrown as an unexpected Excel error, in Italian", async () => {
    const access = new AccessoRegistrato(fogli);
    access.errori.leggi = new Error("GeneralException");
    render(<App access={access} />);
    expect(await screen.findByText("Errore inatteso di Excel: GeneralException")).toBeTruthy();
    access.errori.leggi = new ErroreBarometro("Excel è in modalità modifica di una cella.");
    await userEvent.setup().click(screen.getByRole("button", { name: /^Aggiorna/ }));
    expect(await screen.findByText("Excel è in modalità modifica di una cella.")).toBeTruthy();
  });

  it("shows the ribbon's result and errors", async () => {
    const access = new AccessoRegistrato(fogli);
    await apri(access);
    act(() => pubblica({ tipo: "errore", messaggio: "Dalla barra: errore." }));
    expect(screen.getByText("Dalla barra: errore.")).toBeTruthy();
  });
});

describe("security", () => {
  it("renders cell text as text: a line named like HTML is shown literally", async () => {
    const XSS = "LINEA STRATEGICA <img src=x onerror=alert(1)>";
    const modificati = fogli.map((f) => ({ ...f, values: f.values.map((r) => r.map((v) => (v === SPORT ? XSS : v))) }));
    const access = new AccessoRegistrato(modificati);
    const utente = await apri(access);
    const voce = linea(/onerror/);
    expect(voce.textContent).toContain(XSS);
    expect(document.querySelector("img")).toBeNull();
    await utente.click(voce);
    await utente.click(screen.getByRole("button", { name: "Ricalcola linea" }));
    expect(await screen.findByText(`${XSS}: 84,44% — 1 avviso`)).toBeTruthy();
    await utente.click(screen.getByRole("tab", { name: /Verifica/ }));
    expect(screen.getByRole("heading", { level: 3, name: `${XSS} (1)` })).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();
  });
});
