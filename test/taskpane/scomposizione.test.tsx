/** @jest-environment jsdom */
/**
 * «Perché questo numero» in the pane: the breakdown of a line's and of the ente's percentage, on
 * the sample workbook, with the mouse and from the keyboard; every item selects its cell.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { analizza } from "../../src/app/ricalcolo";
import { tracciaEnte, TracciaLinea } from "../../src/engine";
import { SheetGrid } from "../../src/layout/griglia";
import { App } from "../../src/taskpane/App";
import { fogliCampione } from "../support/campione";
import { AccessoRegistrato } from "../support/accesso-registrato";

const SPORT = "LINEA STRATEGICA SULLO SPORT";
const OPERE = "LINEA STRATEGICA SULLE OPERE PUBBLICHE";
const FOGLIO = "Obiettivi 2024";
let fogli: SheetGrid[];

beforeAll(async () => {
  fogli = await fogliCampione();
});

async function apri() {
  const access = new AccessoRegistrato(fogli);
  const utente = userEvent.setup();
  render(<App access={access} />);
  await screen.findByRole("list", { name: "Linee strategiche" });
  const traccia = tracciaEnte(analizza(await access.leggi()).linee);
  const linea = (nome: string): TracciaLinea => traccia.linee.find((l) => l.nome === nome)!;
  return { access, utente, traccia, linea };
}

/** A line's «Perché N%?» button (its description names the line). */
const perche = (testo: string, linea: string) =>
  screen.getByRole("button", { name: `Perché ${testo}?`, description: new RegExp(linea) });

describe("the breakdown of a line's percentage", () => {
  it("opens under the line: Sport's 84,44 as the mean of its three objectives, each with its weights", async () => {
    const { utente } = await apri();
    const pulsante = perche("84,44%", SPORT);
    expect(pulsante.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("region", { name: /Scomposizione.*SPORT/ })).toBeNull();

    await utente.click(pulsante);
    expect(pulsante.getAttribute("aria-expanded")).toBe("true");
    const regione = screen.getByRole("region", { name: `Scomposizione della percentuale di ${SPORT}` });
    expect(pulsante.getAttribute("aria-controls")).toBe(regione.id);
    expect(regione.textContent).toContain("Media aritmetica di 3 obiettivi conteggiati");
    const obiettivi = within(within(regione).getByRole("list", { name: `Obiettivi di ${SPORT}` }))
      .getAllByRole("listitem")
      .filter((li) => li.parentElement?.getAttribute("aria-label") === `Obiettivi di ${SPORT}`);
    expect(obiettivi).toHaveLength(3);
    expect(obiettivi.map((o) => /(\d+,\d\d)%/.exec(o.textContent!)?.[1])).toEqual(["100,00", "100,00", "53,33"]);
    expect(obiettivi.every((o) => o.textContent!.includes("Σ peso 100"))).toBe(true);
  });

  it("expands an objective into its indicators: rule, figures, normalised weight, contribution, findings", async () => {
    const { utente, linea } = await apri();
    await utente.click(perche("84,44%", SPORT));
    const regione = screen.getByRole("region", { name: new RegExp(SPORT) });
    const piscine = linea(SPORT).obiettivi[2];
    // The third objective's indicators, closed until asked for.
    const espandi = within(regione).getAllByRole("button", { name: "2 indicatori" })[0];
    expect(within(regione).queryByRole("list", { name: `Indicatori di ${piscine.nome}` })).toBeNull();
    // The first objectives have one indicator each: the third is the one with two.
    expect(within(regione).getAllByRole("button", { name: /^\d+ indicator[ei]$/ })).toHaveLength(3);
    await utente.click(espandi);
    expect(espandi.getAttribute("aria-expanded")).toBe("true");
    const indicatori = within(regione).getByRole("list", { name: `Indicatori di ${piscine.nome}` });
    const testo = indicatori.textContent!;
    expect(testo).toContain("consuntivo / atteso × 100, massimo 100 (più alto è meglio)");
    expect(testo).toContain("500 / 1.200 × 100 = 41,67");
    expect(testo).toContain("80 (80,00% dell'obiettivo)");
    expect(testo).toContain("33,33 punti");
    expect(testo).toContain("20 (20,00% dell'obiettivo)");
    expect(testo).toContain("20,00 punti");
    // The lower-is-better reading of «mancate conformità» is reported beside the indicator.
    const conformita = piscine.indicatori[1];
    const rilievo = conformita.rilievi.find((r) => r.codice === "POLARITA_SOSPETTA")!;
    expect(within(indicatori).getByRole("button", { name: new RegExp(escape(rilievo.messaggio)) })).toBeTruthy();
  });

  it("selects the cell of what is clicked: the line's percentage, an objective, an indicator, a finding", async () => {
    const { access, utente, linea } = await apri();
    const sport = linea(SPORT);
    await utente.click(perche("84,44%", SPORT));
    const regione = screen.getByRole("region", { name: new RegExp(SPORT) });
    await utente.click(within(regione).getByRole("button", { name: new RegExp(`^${SPORT}`) }));
    const piscine = sport.obiettivi[2];
    await utente.click(within(regione).getByRole("button", { name: new RegExp(`^${escape(piscine.nome)}`) }));
    await utente.click(within(regione).getAllByRole("button", { name: "2 indicatori" })[0]);
    const spazi = piscine.indicatori[0];
    await utente.click(within(regione).getByRole("button", { name: new RegExp(`^${escape(spazi.nome)}`) }));
    const rilievo = piscine.indicatori[1].rilievi[0];
    await utente.click(within(regione).getByRole("button", { name: new RegExp(escape(rilievo.messaggio)) }));
    expect(access.selezioni).toEqual([
      { foglio: FOGLIO, indirizzo: sport.cella },
      { foglio: FOGLIO, indirizzo: piscine.cella },
      { foglio: FOGLIO, indirizzo: spazi.cella },
      { foglio: rilievo.foglio, indirizzo: rilievo.cella },
    ]);
    // Cells of the right rows: the percentage under the title, the objective and indicator on theirs.
    expect(sport.cella).toMatch(/^[A-Z]+\d+$/);
    expect(Number(/\d+$/.exec(spazi.cella!)![0])).toBe(spazi.riga);
    // Choosing a line in the Riepilogo is not what these clicks do.
    expect(screen.getByRole("button", { name: new RegExp(`^${SPORT}`), pressed: false })).toBeTruthy();
  });

  it("shows a neutralised objective with its reason (Opere pubbliche: Σ peso = 0)", async () => {
    const { utente, linea } = await apri();
    await utente.click(perche("92,30%", OPERE));
    const regione = screen.getByRole("region", { name: new RegExp(OPERE) });
    expect(regione.textContent).toContain("Media aritmetica di 2 obiettivi conteggiati; 1 neutralizzato.");
    const neutro = linea(OPERE).obiettivi.find((o) => o.neutralizzato)!;
    const voce = within(regione).getByRole("button", { name: new RegExp(`^${escape(neutro.nome)}`) });
    expect(voce.textContent).toContain("neutralizzato");
    expect(voce.closest("li")!.textContent).toContain(`Neutralizzato: ${neutro.motivo}`);
    expect(neutro.motivo).toMatch(/^Σ peso = 0/);
  });

  it("works from the keyboard: Enter and Space open, Escape closes and gives the focus back", async () => {
    const { access, utente, linea } = await apri();
    const pulsante = perche("84,44%", SPORT);
    pulsante.focus();
    expect(document.activeElement).toBe(pulsante);
    await utente.keyboard("{Enter}");
    expect(pulsante.getAttribute("aria-expanded")).toBe("true");
    expect(document.activeElement).toBe(pulsante);
    // Next in the tab order (the document's: the breakdown sets no tabindex) is the breakdown's first item,
    // the line's percentage (user-event's Tab is not used: Fluent's focus manager takes it in jsdom).
    const pulsanti = [...document.querySelectorAll<HTMLElement>("button")];
    const primo = pulsanti[pulsanti.indexOf(pulsante) + 1];
    expect(primo.textContent).toMatch(new RegExp(`^${SPORT}`));
    primo.focus();
    await utente.keyboard("{Enter}");
    expect(access.selezioni.at(-1)).toEqual({ foglio: FOGLIO, indirizzo: linea(SPORT).cella });
    // Escape from an item inside the breakdown.
    pulsanti[pulsanti.indexOf(pulsante) + 3].focus();
    await utente.keyboard("{Escape}");
    expect(screen.queryByRole("region", { name: new RegExp(SPORT) })).toBeNull();
    expect(document.activeElement).toBe(pulsante);
    expect(pulsante.getAttribute("aria-expanded")).toBe("false");
    await utente.keyboard(" ");
    expect(screen.getByRole("region", { name: new RegExp(SPORT) })).toBeTruthy();
    // «Chiudi la scomposizione» does the same as Escape.
    await utente.click(screen.getByRole("button", { name: "Chiudi la scomposizione" }));
    expect(screen.queryByRole("region", { name: new RegExp(SPORT) })).toBeNull();
    expect(document.activeElement).toBe(pulsante);
  });
});

describe("the breakdown of the ente's percentage", () => {
  it("lists the lines it is the mean of; each selects its percentage cell", async () => {
    const { access, utente, traccia } = await apri();
    const pulsante = screen.getByRole("button", { name: "Perché 92,50%?", description: /dell'ente/ });
    await utente.click(pulsante);
    const regione = screen.getByRole("region", { name: "Scomposizione della percentuale dell'ente" });
    expect(regione.textContent).toContain("Media aritmetica di 10 linee.");
    const voci = within(within(regione).getByRole("list", { name: "Linee strategiche dell'ente" })).getAllByRole(
      "button"
    );
    expect(voci.map((v) => v.textContent)).toEqual(
      traccia.linee.map((l) => expect.stringContaining(l.nome) as unknown as string)
    );
    await utente.click(voci[traccia.linee.findIndex((l) => l.nome === SPORT)]);
    const sport = traccia.linee.find((l) => l.nome === SPORT)!;
    expect(access.selezioni).toEqual([{ foglio: FOGLIO, indirizzo: sport.cella }]);
    await utente.keyboard("{Escape}");
    expect(document.activeElement).toBe(pulsante);
  });
});

function escape(testo: string): string {
  return testo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
