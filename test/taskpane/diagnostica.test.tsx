/** @jest-environment jsdom */
/**
 * Impostazioni › Diagnostica: the button, progress while it runs, one line per capability with a
 * symbol and a word, host and requirement sets, «Copia» (and its fallback when the clipboard is refused).
 */
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { BancoDiagnostica, IdCapacita } from "../../src/app/diagnostica";
import { App } from "../../src/taskpane/App";
import { AccessoRegistrato } from "../support/accesso-registrato";

class BancoFinto implements BancoDiagnostica {
  errori: Partial<Record<IdCapacita, unknown>> = {};
  /** When set, each capability waits for it. */
  attesa: Promise<void> | null = null;
  esecuzioni = 0;
  ambiente() {
    return { host: "Excel", piattaforma: "OfficeOnline", versione: "16.0.19000.10000" };
  }
  supporta(nome: string, versione: string) {
    return nome === "ExcelApi" ? Number(versione.split(".")[1]) <= 15 : nome === "SharedRuntime";
  }
  async cartellaProtetta() {
    this.esecuzioni++;
    return false;
  }
  async creaFoglio() {
    return "Barometro diagnostica x";
  }
  async prova(id: Exclude<IdCapacita, "foglio">) {
    if (this.attesa) await this.attesa;
    if (this.errori[id]) throw this.errori[id];
  }
  async eliminaFoglio() {}
}

async function apri(banco?: BancoDiagnostica) {
  const utente = userEvent.setup();
  render(<App access={new AccessoRegistrato([])} diagnostica={banco} />);
  await utente.click(await screen.findByRole("tab", { name: "Impostazioni" }));
  return utente;
}

const esiti = () => within(screen.getByRole("list", { name: "Esiti della diagnostica" })).getAllByRole("listitem");

describe("Impostazioni › Diagnostica", () => {
  it("runs on a click: every line «riuscito» (a symbol and the word), host, version and requirement sets", async () => {
    const banco = new BancoFinto();
    const utente = await apri(banco);
    expect(screen.getByRole("heading", { name: "Diagnostica" })).toBeTruthy();
    await utente.click(screen.getByRole("button", { name: "Esegui diagnostica" }));
    await screen.findByRole("list", { name: "Esiti della diagnostica" });
    expect(esiti()).toHaveLength(9);
    for (const riga of esiti()) expect(riga.textContent).toMatch(/^✓riuscito — /);
    expect(screen.getByText("Esito: 9 riuscite, 0 non riuscite su 9")).toBeTruthy();
    expect(screen.getByText("Excel: Excel, piattaforma OfficeOnline, versione 16.0.19000.10000")).toBeTruthy();
    expect(screen.getByText("ExcelApi 1.15 (Barometro richiede 1.13: sì)")).toBeTruthy();
    expect(screen.getByText("CustomFunctionsRuntime: non supportato (Barometro richiede 1.3: NO)")).toBeTruthy();
    expect(screen.getByText("Diagnostica: 9 riuscite, 0 non riuscite su 9.")).toBeTruthy();
  });

  it("a failing capability: «non riuscito» with Excel's code and message; a warning message on top", async () => {
    const banco = new BancoFinto();
    banco.errori.formattazione = Object.assign(
      new Error("The argument is invalid or missing or has an incorrect format."),
      {
        code: "InvalidArgument",
      }
    );
    const utente = await apri(banco);
    await utente.click(screen.getByRole("button", { name: "Esegui diagnostica" }));
    await screen.findByRole("list", { name: "Esiti della diagnostica" });
    const riga = esiti().find((r) => r.textContent?.includes("formattazione condizionale"))!;
    expect(riga.textContent).toBe(
      "✗non riuscito — Regola di formattazione condizionale come la scrive RicalcolaInvalidArgument: The argument is invalid or missing or has an incorrect format.Serve per: «Colori che seguono i dati anche senza Barometro»."
    );
    expect(esiti().filter((r) => r.textContent?.includes("✓riuscito"))).toHaveLength(8);
    expect(screen.getByText("Diagnostica: 8 riuscite, 1 non riuscita su 9.")).toBeTruthy();
  });

  it("shows progress while it runs, and the button waits (one operation at a time)", async () => {
    const banco = new BancoFinto();
    let sblocca: () => void = () => undefined;
    banco.attesa = new Promise<void>((r) => (sblocca = r));
    const utente = await apri(banco);
    const bottone = screen.getByRole("button", { name: "Esegui diagnostica" });
    await utente.click(bottone);
    const barra = await screen.findByRole("progressbar", { name: /^Prova 2 di 9/ });
    expect(screen.getByText("Prova 2 di 9: Scrivere valori e formule (blocchi 2-D) e rileggerli")).toBeTruthy();
    expect(barra.getAttribute("aria-valuenow")).toBe("1");
    expect(bottone.getAttribute("aria-disabled")).toBe("true");
    await utente.click(bottone);
    expect(banco.esecuzioni).toBe(1);
    await act(async () => sblocca());
    await screen.findByRole("list", { name: "Esiti della diagnostica" });
    expect(screen.queryByRole("progressbar", { name: /^Prova/ })).toBeNull();
  });

  it("keyboard: the button takes focus and Enter runs it", async () => {
    const banco = new BancoFinto();
    const utente = await apri(banco);
    const bottone = screen.getByRole("button", { name: "Esegui diagnostica" });
    bottone.focus();
    expect(document.activeElement).toBe(bottone);
    await utente.keyboard("{Enter}");
    await screen.findByRole("list", { name: "Esiti della diagnostica" });
    expect(banco.esecuzioni).toBe(1);
  });

  it("«Copia» writes the plain-text report to the clipboard", async () => {
    const banco = new BancoFinto();
    const utente = await apri(banco);
    const scritto: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: async (t: string) => void scritto.push(t) },
    });
    await utente.click(screen.getByRole("button", { name: "Esegui diagnostica" }));
    await utente.click(await screen.findByRole("button", { name: "Copia" }));
    expect(await screen.findByText("Rapporto copiato negli appunti.")).toBeTruthy();
    expect(scritto).toHaveLength(1);
    expect(scritto[0]).toMatch(/^Barometro — Diagnostica \(/);
    expect(scritto[0]).toContain("Prove: 9 riuscite, 0 non riuscite su 9");
  });

  it("clipboard refused in the add-in's frame: the text shown selected in a read-only box, «premi Ctrl+C»", async () => {
    const banco = new BancoFinto();
    const utente = await apri(banco);
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: async () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")) },
    });
    await utente.click(screen.getByRole("button", { name: "Esegui diagnostica" }));
    await utente.click(await screen.findByRole("button", { name: "Copia" }));
    expect(await screen.findByText(/il testo qui sotto è selezionato, premi Ctrl\+C\./)).toBeTruthy();
    const casella = screen.getByRole("textbox", { name: "Rapporto della diagnostica" }) as HTMLTextAreaElement;
    expect(casella.readOnly).toBe(true);
    expect(document.activeElement).toBe(casella);
    expect(casella.selectionStart).toBe(0);
    expect(casella.selectionEnd).toBe(casella.value.length);
    expect(casella.value).toMatch(/^Barometro — Diagnostica \(/);
    // Header, Excel, «Requisiti supportati:», 5 sets, the summary, 9 capabilities.
    expect(casella.value.split("\n")).toHaveLength(18);
    expect(casella.value).toContain("Prove: 9 riuscite, 0 non riuscite su 9");
  });

  it("without a bench (outside Excel): the button is disabled and says why", async () => {
    await apri(undefined);
    const bottone = screen.getByRole("button", { name: "Esegui diagnostica" });
    expect(bottone.getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByText(/Non disponibile qui/)).toBeTruthy();
  });
});
