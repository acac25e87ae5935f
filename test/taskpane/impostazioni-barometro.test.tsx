/** @jest-environment jsdom */
/**
 * Impostazioni: «Nella cella Barometro» — colour and label (default), colour and symbol, colour
 * only — saved in the workbook and used by every Ricalcola (issue #7).
 */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CHIAVE_CONTENUTO_BAROMETRO, leggiImpostazioni } from "../../src/app/impostazioni";
import { SheetGrid } from "../../src/layout/griglia";
import { Patch } from "../../src/layout/patch";
import { App } from "../../src/taskpane/App";
import { fogliCampione } from "../support/campione";
import { AccessoRegistrato } from "../support/accesso-registrato";

const ETICHETTA = "Colore ed etichetta (es. «Raggiunto»)";
const SIMBOLO = "Colore e simbolo (● raggiunto, ◐ parzialmente, ○ non raggiunto, – neutralizzato)";
const COLORE = "Solo colore";

let fogli: SheetGrid[];
beforeAll(async () => {
  fogli = await fogliCampione();
});

async function apriImpostazioni(access: AccessoRegistrato) {
  const utente = userEvent.setup();
  render(<App access={access} />);
  await screen.findByRole("list", { name: "Linee strategiche" });
  await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
  return utente;
}

const radio = (nome: string) => screen.getByRole("radio", { name: nome }) as HTMLInputElement;
/** What a Ricalcola wrote in the sample's Barometro column (N). */
const nelBarometro = (patch: Patch) => patch.scritture.filter((s) => s.cella.startsWith("N"));

describe("Impostazioni: the Barometro cell's content", () => {
  it("a labelled group of three choices, the label by default, with a hint read with it", async () => {
    await apriImpostazioni(new AccessoRegistrato(fogli));
    const gruppo = screen.getByRole("radiogroup", { name: "Nella cella Barometro" });
    expect(gruppo).toBeTruthy();
    expect([ETICHETTA, SIMBOLO, COLORE].map((n) => radio(n).checked)).toEqual([true, false, false]);
    expect(gruppo.getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText(/si legge anche in una stampa in bianco e nero/)).toBeTruthy();
  });

  it("saves the choice in the workbook, and Ricalcola tutto writes the symbols", async () => {
    const access = new AccessoRegistrato(fogli);
    const utente = await apriImpostazioni(access);
    await utente.click(radio(SIMBOLO));
    expect(access.salvate).toEqual([]); // only Salva saves
    await utente.click(screen.getByRole("button", { name: "Salva" }));
    expect(await screen.findByText("Impostazioni salvate nella cartella di lavoro.")).toBeTruthy();
    expect(access.salvate).toHaveLength(1);
    expect(access.salvate[0][CHIAVE_CONTENUTO_BAROMETRO]).toBe("simbolo");
    expect(leggiImpostazioni(access.salvate[0]).impostazioni.contenutoBarometro).toBe("simbolo");

    await utente.click(screen.getByRole("tab", { name: "Riepilogo" }));
    await utente.click(screen.getByRole("button", { name: "Ricalcola tutto" }));
    await screen.findByText(/^10 linee ricalcolate/);
    const scritte = nelBarometro(access.scritture[0]);
    expect(scritte.length).toBeGreaterThan(100);
    expect(new Set(scritte.map((s) => s.valore))).toEqual(new Set(["●", "◐", "○", "–"]));
  });

  it("shows what the workbook stores; colour only writes nothing in the cells; Ripristina brings the label back", async () => {
    const access = new AccessoRegistrato(fogli, null, [], { [CHIAVE_CONTENUTO_BAROMETRO]: "colore" });
    const utente = await apriImpostazioni(access);
    expect(radio(COLORE).checked).toBe(true);
    await utente.click(screen.getByRole("tab", { name: "Riepilogo" }));
    await utente.click(screen.getByRole("button", { name: "Ricalcola tutto" }));
    await screen.findByText(/^10 linee ricalcolate/);
    expect(nelBarometro(access.scritture[0])).toEqual([]);
    expect(access.scritture[0].colori.length).toBe(140);

    await utente.click(screen.getByRole("tab", { name: "Impostazioni" }));
    await utente.click(screen.getByRole("button", { name: "Ripristina predefinite" }));
    await waitFor(() => expect(radio(ETICHETTA).checked).toBe(true));
    await utente.click(screen.getByRole("button", { name: "Salva" }));
    await waitFor(() => expect(access.salvate).toHaveLength(1));
    expect(access.salvate[0][CHIAVE_CONTENUTO_BAROMETRO]).toBe("etichetta");
  });
});
