/** @jest-environment jsdom */
/**
 * Condivisione ▸ «Dossier di validazione» in the task pane: the sheet written through the Office
 * adapter over the fake Excel loaded from the sample; the result under the button, announced.
 */
import { CAMPIONE } from "../support/campione";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import ExcelJS from "exceljs";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { App } from "../../src/taskpane/App";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";
import { fogliCampione } from "../support/campione";
import { AccessoRegistrato } from "../support/accesso-registrato";

const FOGLIO = "Obiettivi 2024";
const DOSSIER = "Dossier di validazione";
let libro: ExcelJS.Workbook;

beforeAll(async () => {
  libro = new ExcelJS.Workbook();
  await libro.xlsx.readFile(CAMPIONE);
});

const bottone = () => screen.getByRole("button", { name: DOSSIER });

it("writes the sheet, says so under the button, rewrites it the second time and goes to it", async () => {
  const cartella = cartellaDaExcelJS(libro);
  const access = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });
  const utente = userEvent.setup();
  render(<App access={access} />);
  await screen.findByRole("list", { name: "Linee strategiche" });
  await utente.click(screen.getByRole("tab", { name: "Condivisione" }));
  expect(bottone().getAttribute("aria-describedby")).toBe("barometro-dossier-descrizione");

  await utente.click(bottone());
  // The live region under the button (announced without a status role of its own).
  const stato = screen.getByRole("region", { name: DOSSIER }).querySelector<HTMLElement>("[aria-live='polite']")!;
  await within(stato).findByText(/^Creato il foglio «Dossier di validazione»: 10 linee/);
  expect(cartella.fogli.map((f) => f.nome)).toEqual([FOGLIO, DOSSIER]);

  await utente.click(bottone());
  await within(stato).findByText(/^Aggiornato il foglio «Dossier di validazione»: 10 linee/);
  expect(cartella.fogli.map((f) => f.nome)).toEqual([FOGLIO, DOSSIER]);

  await utente.click(within(stato).getByRole("button", { name: "Vai al foglio" }));
  await screen.findByText(/^Aggiornato il foglio/);
  expect(cartella.fogli.find((f) => f.id === cartella.selezione?.foglio)?.nome).toBe(DOSSIER);
});

it("where the access cannot write it, the button is disabled and says why", async () => {
  const utente = userEvent.setup();
  render(<App access={new AccessoRegistrato(await fogliCampione())} />);
  await screen.findByRole("list", { name: "Linee strategiche" });
  await utente.click(screen.getByRole("tab", { name: "Condivisione" }));
  expect(bottone().getAttribute("aria-disabled")).toBe("true");
  const sezione = screen.getByRole("region", { name: DOSSIER });
  expect(within(sezione).getByText(/Non disponibile qui: serve Excel per Microsoft 365/)).toBeTruthy();
});
