/** @jest-environment jsdom */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { pubblica } from "../../src/app/eventi";
import { analizza, ErroreBarometro, intervalloDellaLinea, righeDellaLinea } from "../../src/app/ricalcolo";
import { CHIAVE_BANDE, CHIAVE_MODO, leggiImpostazioni } from "../../src/app/settings";
import { SheetGrid } from "../../src/layout/grid";
import { App } from "../../src/taskpane/App";
import { fogliCampione } from "./campione";
import { FakeAccess } from "./fake-access";

const SPORT = "LINEA STRATEGICA SULLO SPORT";
const FOGLIO = "Obiettivi 2024";
let fogli: SheetGrid[];

beforeAll(async () => {
  fogli = await fogliCampione();
});

async function apri(access: FakeAccess) {
  const utente = userEvent.setup();
  render(<App access={access} />);
  await screen.findByRole("list", { name: "Linee strategiche" });
  return utente;
}

const linea = (nome: string | RegExp) => screen.getByRole("button", { name: nome });
const riga = (cella: string) => Number(/\d+$/.exec(cella)![0]);

describe("Riepilogo", () => {
  it("reads the workbook once on open and lists the ten lines with their percentage and band", async () => {
    const access = new FakeAccess(fogli);
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
    const access = new FakeAccess(fogli);
    const utente = await apri(access);
    const analisi = analizza(await access.leggi());
    const sport = analisi.linee.find((l) => l.nome === SPORT)!;
    await utente.click(linea(new RegExp(SPORT)));
    expect(access.selezioni).toEqual([intervalloDellaLinea(sport)]);
    expect(access.selezioni[0]).toEqual({ foglio: FOGLIO, indirizzo: "168:177" });
    expect(linea(new RegExp(SPORT)).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByText(`Linea scelta: ${SPORT}.`)).toBeTruthy();

    linea(/OPERE PUBBLICHE/).focus();
    await utente.keyboard("{Enter}");
    linea(/SULL'AMBIENTE/).focus();
    await utente.keyboard(" ");
    expect(access.selezioni.slice(1).map((s) => s.indirizzo)).toEqual(["56:67", "6:25"]);
    expect(linea(/SULL'AMBIENTE/).getAttribute("aria-pressed")).toBe("true");
    expect(linea(new RegExp(SPORT)).getAttribute("aria-pressed")).toBe("false");
  });

  it("Ricalcola linea writes once, only the chosen line's cells, and shows the result", async () => {
    const access = new FakeAccess(fogli);
    const utente = await apri(access);
    const analisi = analizza(await access.leggi());
    const { prima, ultima } = righeDellaLinea(analisi.linee.find((l) => l.nome === SPORT)!);
    await utente.click(linea(new RegExp(SPORT)));

    // Hold the write to see the pane while it works.
    let sblocca: () => void = () => undefined;
    const scrivi = access.scrivi.bind(access);
    access.scrivi = (patch) => new Promise((fatto) => (sblocca = () => fatto(scrivi(patch))));
    await utente.click(screen.getByRole("button", { name: "Ricalcola linea" }));
    expect(await screen.findByText("Ricalcolo in corso…")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("Ricalcolo in corso…");
    for (const nome of ["Ricalcola linea", "Ricalcola tutto", /^Aggiorna/])
      // Disabled but still focusable: the keyboard user's focus stays on the button pressed.
      expect(screen.getByRole("button", { name: nome }).getAttribute("aria-disabled")).toBe("true");
    await utente.click(screen.getByRole("button", { name: "Ricalcola tutto" })); // disabled: nothing happens
    await act(async () => sblocca());

    const messaggio = await screen.findByText(new RegExp(`^${SPORT}: 84,44% — `));
    expect(screen.getByRole("status").contains(messaggio)).toBe(true);
    expect(access.patch).toHaveLength(1);
    const [patch] = access.patch;
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
    const access = new FakeAccess(fogli, { foglio: FOGLIO, indirizzo: "C170" });
    const utente = await apri(access);
    await utente.click(screen.getByRole("button", { name: "Ricalcola linea" }));
    expect(await screen.findByText(new RegExp(`^${SPORT}: 84,44%`))).toBeTruthy();
    expect(access.patch).toHaveLength(1);
    expect(access.patch[0].scritture.every((s) => riga(s.cella) >= 168 && riga(s.cella) <= 177)).toBe(true);
    // The line written becomes the chosen one.
    expect(linea(new RegExp(SPORT)).getAttribute("aria-pressed")).toBe("true");
  });

  it("Ricalcola tutto writes every line in one patch; Aggiorna reads again", async () => {
    const access = new FakeAccess(fogli);
    const utente = await apri(access);
    await utente.click(screen.getByRole("button", { name: "Ricalcola tutto" }));
    expect(await screen.findByText(/^10 linee ricalcolate, ente 92,50% — 10 avvisi$/)).toBeTruthy();
    expect(access.patch).toHaveLength(1);
    // The five wrong Scostamento cells were just overwritten: Verifica no longer lists them.
    expect(screen.getByRole("tab", { name: /Verifica/ }).getAttribute("aria-label")).toBe("Verifica, 10 avvisi");
    await utente.click(screen.getByRole("button", { name: /^Aggiorna/ }));
    await waitFor(() => expect(access.letture).toBe(3)); // on open, Ricalcola's read, Aggiorna
  });
});

describe("Verifica", () => {
  it("shows the number of findings on its tab and selects a finding's cell", async () => {
    const access = new FakeAccess(fogli);
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
    const voce = screen.getByRole("button", { name: new RegExp(`^${FOGLIO}!${primo.cella} ${primo.codice}`) });
    expect(voce.textContent).toContain(primo.messaggio);
    await utente.click(voce);
    expect(access.selezioni).toEqual([{ foglio: FOGLIO, indirizzo: primo.cella }]);

    const ultimo = analisi.avvisi[analisi.avvisi.length - 1];
    screen.getByRole("button", { name: new RegExp(`^${FOGLIO}!${ultimo.cella} ${ultimo.codice}`) }).focus();
    await utente.keyboard("{Enter}");
    expect(access.selezioni[1]).toEqual({ foglio: FOGLIO, indirizzo: ultimo.cella });
  });

  it("says «Nessun avviso» when there is nothing to report", async () => {
    const access = new FakeAccess([]);
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
    const access = new FakeAccess(fogli);
    const utente = await apri(access);
    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    const raggiunto = screen.getByRole("textbox", { name: "Raggiunto ≥" });
    const parziale = screen.getByRole("textbox", { name: "Parzialmente raggiunto ≥" });
    expect((raggiunto as HTMLInputElement).value).toBe("90");
    await utente.clear(parziale);
    await utente.type(parziale, "95");
    await utente.click(screen.getByRole("button", { name: "Salva" }));
    expect(screen.getByText("Le soglie devono essere 0 < Parzialmente raggiunto < Raggiunto ≤ 100.")).toBeTruthy();
    const avviso = screen.getByText("Correggere i campi evidenziati, poi salvare.");
    expect(screen.getAllByRole("alert").some((a) => a.contains(avviso))).toBe(true);
    expect(parziale.getAttribute("aria-invalid")).toBe("true");
    expect(access.salvate).toEqual([]);

    const neutro = screen.getByRole("group", { name: "Neutralizzato" });
    const colore = within(neutro).getByRole("textbox", { name: "Colore (#RRGGBB)" });
    await utente.clear(colore);
    await utente.type(colore, "grigio");
    await utente.click(screen.getByRole("button", { name: "Salva" }));
    expect(within(neutro).getByText("Colore non valido: usare il formato #RRGGBB (es. #63BE7B).")).toBeTruthy();
    expect(screen.getByText("Correggere i campi evidenziati, poi salvare.")).toBeTruthy();
    expect(access.salvate).toEqual([]);
  });

  it("saves the bands and the write mode in the workbook, and every Ricalcola uses them", async () => {
    const access = new FakeAccess(fogli);
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

    expect(await screen.findByText("Impostazioni salvate nella cartella di lavoro.")).toBeTruthy();
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
    const [patch] = access.patch;
    expect(patch.colori.some((c) => c.colore === "#00AA00")).toBe(true);
    expect(patch.colori.some((c) => c.colore === "#63BE7B")).toBe(false);
    expect(patch.scritture.some((s) => s.formula?.startsWith("=PERF.RAGG("))).toBe(true);
  });

  it("loads the workbook's settings on open and warns when they are invalid", async () => {
    const access = new FakeAccess(fogli, null, [], { [CHIAVE_BANDE]: "{non json", [CHIAVE_MODO]: "formule" });
    const utente = await apri(access);
    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    expect(screen.getByText(/il testo non è JSON\. Si usano le impostazioni predefinite\./)).toBeTruthy();
    expect((screen.getByRole("radio", { name: "Formule PERF.RAGG" }) as HTMLInputElement).checked).toBe(true);
  });
});

describe("errors", () => {
  it("shows Barometro's Italian message when the sheet is protected, and writes nothing", async () => {
    const access = new FakeAccess(fogli, null, [FOGLIO]);
    const utente = await apri(access);
    await utente.click(screen.getByRole("button", { name: "Ricalcola tutto" }));
    const allarme = await screen.findByText(/^Il foglio «Obiettivi 2024» è protetto/);
    expect(screen.getAllByRole("alert").some((a) => a.contains(allarme))).toBe(true);
    expect(access.patch).toEqual([]);
    expect(screen.getByRole("button", { name: "Ricalcola linea" }).getAttribute("aria-disabled")).toBeNull();
  });

  it("asks to select a line when neither the pane nor the sheet has one", async () => {
    const access = new FakeAccess(fogli, { foglio: "Altro", indirizzo: "A1" });
    const utente = await apri(access);
    await utente.click(screen.getByRole("button", { name: "Ricalcola linea" }));
    expect(await screen.findByText(/^Selezionare una cella nella tabella di una linea strategica/)).toBeTruthy();
    expect(access.patch).toEqual([]);
  });

  it("shows anything else thrown as an unexpected Excel error, in Italian", async () => {
    const access = new FakeAccess(fogli);
    access.errori.leggi = new Error("GeneralException");
    render(<App access={access} />);
    expect(await screen.findByText("Errore inatteso di Excel: GeneralException")).toBeTruthy();
    access.errori.leggi = new ErroreBarometro("Excel è in modalità modifica di una cella.");
    await userEvent.setup().click(screen.getByRole("button", { name: /^Aggiorna/ }));
    expect(await screen.findByText("Excel è in modalità modifica di una cella.")).toBeTruthy();
  });

  it("shows the ribbon's result and errors", async () => {
    const access = new FakeAccess(fogli);
    await apri(access);
    act(() => pubblica({ tipo: "errore", messaggio: "Dalla barra: errore." }));
    expect(screen.getByText("Dalla barra: errore.")).toBeTruthy();
  });
});

describe("security", () => {
  it("renders cell text as text: a line named like HTML is shown literally", async () => {
    const XSS = "LINEA STRATEGICA <img src=x onerror=alert(1)>";
    const modificati = fogli.map((f) => ({ ...f, values: f.values.map((r) => r.map((v) => (v === SPORT ? XSS : v))) }));
    const access = new FakeAccess(modificati);
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
