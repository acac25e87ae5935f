/** @jest-environment jsdom */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { leggiLinee } from "../../src/layout";
import { parseA1, SheetGrid } from "../../src/layout/griglia";
import { App } from "../../src/taskpane/App";
import { fogliCampione } from "../support/campione";
import { AccessoRegistrato } from "../support/accesso-registrato";

const FOGLIO = "Obiettivi 2024";
const PALESTRE = "Aumento spazi palestre cittadine";

/** The sample with two figures typed as text: Palestre's atteso «1.200» (cell formatted as Text), another consuntivo. */
async function conNumeriComeTesto(): Promise<{ fogli: SheetGrid[]; celle: string[] }> {
  const fogli = await fogliCampione();
  const g = fogli.find((f) => f.name === FOGLIO)!;
  const indicatori = leggiLinee(fogli).linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori));
  const palestre = indicatori.find((i) => i.nome === PALESTRE)!;
  const altro = indicatori.find((i) => i.foglio === FOGLIO && i !== palestre && typeof i.consuntivo === "number")!;
  const imposta = (cella: string, valore: string, formato?: string) => {
    const { row, col } = parseA1(cella);
    g.values[row][col] = valore;
    if (formato) {
      g.numberFormats![row] = [...g.numberFormats![row]];
      g.numberFormats![row][col] = formato;
    }
  };
  imposta(palestre.celle.atteso!, "1.200", "@");
  imposta(altro.celle.consuntivo!, String(altro.consuntivo).replace(".", ","));
  return { fogli, celle: [palestre.celle.atteso!, altro.celle.consuntivo!] };
}

async function apriVerifica(access: AccessoRegistrato) {
  const utente = userEvent.setup();
  render(<App access={access} />);
  await screen.findByRole("list", { name: "Linee strategiche" });
  await utente.click(screen.getByRole("tab", { name: /^Verifica/ }));
  return utente;
}

/** The open dialog, once focus is inside it (see App.test.tsx: queried with hidden: true in jsdom). */
const dialogoPronto = () =>
  waitFor(() => {
    const dialogo = screen.getByRole("alertdialog", { hidden: true });
    expect(dialogo.contains(document.activeElement)).toBe(true);
    return dialogo;
  });
const bottoneDel = (dialogo: HTMLElement, nome: string) =>
  within(dialogo).getByRole("button", { name: nome, hidden: true });
const dialogoChiuso = () => waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).toBeNull());
const converti = () => screen.queryByRole("button", { name: /^Converti in numeri/ });

describe("Verifica: Converti in numeri", () => {
  it("no number stored as text (the sample): no button", async () => {
    await apriVerifica(new AccessoRegistrato(await fogliCampione()));
    expect(screen.getByRole("tab", { name: /^Verifica/ }).getAttribute("aria-selected")).toBe("true");
    expect(converti()).toBeNull();
  });

  it("shows the count, asks naming what changes, writes on Conferma and the findings go", async () => {
    const { fogli, celle } = await conNumeriComeTesto();
    const access = new AccessoRegistrato(fogli);
    const utente = await apriVerifica(access);
    const segnalate = screen
      .getAllByRole("button")
      .map((b) => b.textContent ?? "")
      .filter((t) => t.includes("NUMERO_COME_TESTO"));
    // Each finding: its message, then the cell and the code.
    expect(segnalate.map((t) => /([^.»]+![A-Z]+\d+)codice NUMERO_COME_TESTO$/.exec(t)?.[1]).sort()).toEqual(
      celle.map((c) => `${FOGLIO}!${c}`).sort()
    );
    const bottone = converti()!;
    expect(bottone.textContent).toBe("Converti in numeri (2 celle)");

    await utente.click(bottone);
    const dialogo = await dialogoPronto();
    expect(
      within(dialogo).getByText("Convertire in numeri 2 celle che contengono numeri scritti come testo?")
    ).toBeTruthy();
    expect(dialogo.textContent).toContain(`${FOGLIO}!${celle[0]}: «1.200» → 1.200`);
    expect(
      within(dialogo)
        .getAllByRole("button", { hidden: true })
        .map((b) => b.textContent)
    ).toEqual(["Annulla", "Conferma"]);
    expect(access.scritture).toEqual([]);
    expect(access.letture).toBe(1); // the question comes from the last read

    await utente.click(bottoneDel(dialogo, "Conferma"));
    await dialogoChiuso();
    expect(
      await screen.findByText(/^2 celle convertite da testo a numero \(«Obiettivi 2024»\)\. Ricalcolare/)
    ).toBeTruthy();
    expect(access.letture).toBe(2); // read again before writing
    expect(access.scritture).toHaveLength(1);
    const scritte = new Map(access.scritture[0].scritture.map((s) => [s.cella, s.valore]));
    expect([...scritte.keys()].sort()).toEqual([...celle].sort());
    expect(scritte.get(celle[0])).toBe(1200);
    expect(typeof scritte.get(celle[1])).toBe("number");
    expect(access.scritture[0].formatiNumero).toEqual([{ foglio: FOGLIO, cella: celle[0], formato: "#,##0" }]);
    // The pane shows the workbook as it is now: no finding left about them, no button.
    await waitFor(() => expect(converti()).toBeNull());
    expect(screen.getAllByRole("button").some((b) => b.textContent?.includes("NUMERO_COME_TESTO"))).toBe(false);
  });

  it("Annulla, or Esc, writes nothing", async () => {
    const { fogli } = await conNumeriComeTesto();
    const access = new AccessoRegistrato(fogli);
    const utente = await apriVerifica(access);
    await utente.click(converti()!);
    await utente.click(bottoneDel(await dialogoPronto(), "Annulla"));
    await dialogoChiuso();
    await utente.click(converti()!);
    await dialogoPronto();
    await utente.keyboard("{Escape}");
    await dialogoChiuso();
    expect(access.scritture).toEqual([]);
    expect(access.letture).toBe(1);
    expect(converti()).toBeTruthy();
  });
});
