/** @jest-environment jsdom */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import { CAMPIONE } from "../support/campione";
import userEvent from "@testing-library/user-event";
import ExcelJS from "exceljs";
import { MESSAGGI_APP } from "../../src/app/messaggi";
import { analizza } from "../../src/app/ricalcolo";
import { CHIAVE_ANNO_RELAZIONE } from "../../src/app/impostazioni";
import { EsitoStampa, preparaStampa } from "../../src/app/stampa";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { App } from "../../src/taskpane/App";
import { riduttore, statoIniziale } from "../../src/taskpane/stato-riquadro";
import { CartellaFinta } from "../../src/excel-finto";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";
import { fogliCampione } from "../support/campione";
import { AccessoRegistrato } from "../support/accesso-registrato";

const FOGLIO = "Obiettivi 2024";
let libro: ExcelJS.Workbook;

beforeAll(async () => {
  libro = new ExcelJS.Workbook();
  await libro.xlsx.readFile(CAMPIONE);
});

/** The pane over the Office adapter and the fake Excel loaded from the sample, on the Condivisione tab. */
async function apri(cartella: CartellaFinta = cartellaDaExcelJS(libro)) {
  const access = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });
  const utente = userEvent.setup();
  render(<App access={access} />);
  await screen.findByRole("list", { name: "Linee strategiche" });
  await utente.click(screen.getByRole("tab", { name: "Condivisione" }));
  return { utente, access, cartella };
}

const bottone = () => screen.getByRole("button", { name: "Prepara stampa" });

describe("Prepara stampa in the task pane", () => {
  it("lays out the sheet and writes the Indice in one read and one write, then says what it did", async () => {
    const { utente, access, cartella } = await apri();
    expect(bottone().getAttribute("aria-describedby")).toBe("barometro-stampa-descrizione");
    expect(screen.getByText(/I numeri di pagina dell'Indice sono stimati/)).toBeTruthy();
    expect(screen.getByText("Vuoto: 2024, letto dalla cartella.")).toBeTruthy();
    cartella.azzeraContatori();

    // Hold the write to see the pane while it works.
    let sblocca: () => void = () => undefined;
    const impagina = access.impagina!.bind(access);
    access.impagina = (piano) => new Promise((fatto) => (sblocca = () => fatto(impagina(piano))));
    await utente.click(bottone());
    expect(await screen.findByText("Impaginazione e Indice in corso…")).toBeTruthy();
    expect(bottone().getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByRole("button", { name: "Aggiorna riepilogo" }).getAttribute("aria-disabled")).toBe("true");
    await act(async () => sblocca());
    access.impagina = impagina;

    const messaggio = await screen.findByText(
      /^Impaginato 1 foglio, 10 linee; Indice creato \(pagine stimate: \d+\)\./
    );
    // Under Prepara stampa, in its own live region (the top one, far above, stays empty).
    const [alto, qui] = screen.getAllByRole("status");
    expect(qui.contains(messaggio)).toBe(true);
    expect(alto.textContent).toBe("");
    expect(screen.getByRole("region", { name: "Stampa dell'allegato" }).contains(messaggio)).toBe(true);
    expect(bottone().getAttribute("aria-disabled")).toBeNull();
    expect(cartella.sincronizzazioni).toBe(2);
    expect(cartella.fogli.map((f) => f.nome)).toEqual(["Indice", FOGLIO]);
    expect(cartella.foglio(FOGLIO)!.pagina).toMatchObject({ orientamento: "Landscape", righeTitoli: null });
    expect(cartella.foglio(FOGLIO)!.interruzioni).toHaveLength(19);

    // Again: the same workbook, the Indice updated.
    const prima = cartella.istantanea();
    await utente.click(bottone());
    expect(await screen.findByText(/Indice aggiornato/)).toBeTruthy();
    expect(cartella.istantanea()).toEqual(prima);
  });

  it("a year typed in the pane goes into the footer and is saved in the workbook", async () => {
    const { utente, cartella } = await apri();
    const campo = screen.getByRole("textbox", { name: "Anno della Relazione" });
    await utente.type(campo, "20x");
    expect(screen.getByText("Un anno di quattro cifre, per esempio 2024.")).toBeTruthy();
    await utente.click(bottone());
    expect(cartella.fogli.map((f) => f.nome)).toEqual([FOGLIO]); // nothing written with an invalid year
    await utente.clear(campo);
    await utente.type(campo, "2025");
    await utente.click(bottone());
    await screen.findByText(/^Impaginato 1 foglio/);
    expect(cartella.foglio(FOGLIO)!.pagina.piePagina).toBe("Relazione sulla Performance 2025 — pag. &P di &N");
    expect(cartella.impostazioniNelFile()[CHIAVE_ANNO_RELAZIONE]).toBe(2025);
    await waitFor(() => expect((campo as HTMLInputElement).value).toBe("2025"));
  });

  it("shows the year saved in the workbook when it opens", async () => {
    const cartella = cartellaDaExcelJS(libro);
    // Saved in the document (the pane reloads the settings from it when it opens).
    cartella.impostazioni.set(CHIAVE_ANNO_RELAZIONE, 2023);
    await new Promise<void>((resolve) => cartella.impostazioni.saveAsync(() => resolve()));
    await apri(cartella);
    await waitFor(() =>
      expect((screen.getByRole("textbox", { name: "Anno della Relazione" }) as HTMLInputElement).value).toBe("2023")
    );
  });

  it("a protected sheet: the Italian message in the error bar, nothing written", async () => {
    const cartella = cartellaDaExcelJS(libro);
    cartella.foglio(FOGLIO)!.protetto = true;
    const { utente } = await apri(cartella);
    const prima = cartella.istantanea();
    await utente.click(bottone());
    const allarme = await screen.findByText(MESSAGGI_APP.foglioProtetto(FOGLIO));
    expect(screen.getAllByRole("alert").some((a) => a.contains(allarme))).toBe(true);
    expect(cartella.istantanea()).toEqual(prima);
  });

  it("an access that cannot lay out pages: the button is disabled and the pane says why", async () => {
    const utente = userEvent.setup();
    render(<App access={new AccessoRegistrato(await fogliCampione())} />);
    await screen.findByRole("list", { name: "Linee strategiche" });
    await utente.click(screen.getByRole("tab", { name: "Condivisione" }));
    expect(bottone().getAttribute("aria-disabled")).toBe("true");
    const perche = screen.getByText(/^Non disponibile qui: serve Excel per Microsoft 365.*barometro stampa/);
    expect(bottone().getAttribute("aria-describedby")).toBe(perche.id);
    expect(within(screen.getByRole("tabpanel")).getByRole("button", { name: "Aggiorna riepilogo" })).toBeTruthy();
  });
});

describe("state", () => {
  const esito = (anno: number | null, fonteAnno: EsitoStampa["fonteAnno"]) =>
    ({ anno, fonteAnno, messaggio: "fatto" }) as EsitoStampa;

  it("stampaPreparata ends the work with the message; a saved year is kept, a missing one warns", () => {
    const lavoro = { ...statoIniziale(), lavoro: { tipo: "stampa" as const } };
    expect(riduttore(lavoro, { tipo: "stampaPreparata", esito: esito(2025, "impostazione") })).toMatchObject({
      lavoro: null,
      annoRelazione: 2025,
      notifica: { intento: "successo", testo: "fatto" },
    });
    expect(riduttore(lavoro, { tipo: "stampaPreparata", esito: esito(2024, "cartella") }).annoRelazione).toBeNull();
    expect(riduttore(lavoro, { tipo: "stampaPreparata", esito: esito(null, null) }).notifica?.intento).toBe("avviso");
    expect(riduttore(statoIniziale(), { tipo: "annoLetto", anno: 2023 }).annoRelazione).toBe(2023);
  });

  it("the use case's summary is what the pane shows (over the fake, not mocked)", async () => {
    const cartella = cartellaDaExcelJS(libro);
    const access = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });
    const e = await preparaStampa(access, IMPOSTAZIONI_PREDEFINITE);
    const s = riduttore({ ...statoIniziale(), lavoro: { tipo: "stampa" } }, { tipo: "stampaPreparata", esito: e });
    expect(s.notifica?.testo).toBe(e.messaggio);
    expect(analizza(await access.leggi()).linee).toHaveLength(10);
  });
});
