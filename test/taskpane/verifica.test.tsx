/** @jest-environment jsdom */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Avviso } from "../../src/engine";
import { AVVISI_PER_VOLTA, Verifica } from "../../src/taskpane/components/Verifica";

const avvisi = (linea: string, n: number): Avviso[] =>
  Array.from({ length: n }, (_, i) => ({
    codice: "RAGG_DIVERSO",
    foglio: "Obiettivi",
    cella: `M${i + 12}`,
    messaggio: `Indicatore «${i + 1}»: % Ragg nel foglio 0, calcolata 75,00.`,
    linea,
  }));

const mostra = (gruppi: { linea: string; avvisi: Avviso[] }[], onVai = jest.fn()) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <Verifica gruppi={gruppi} onVai={onVai} />
    </FluentProvider>
  );

const voci = (linea: string) =>
  within(screen.getByRole("region", { name: new RegExp(`^${linea}`) })).getAllByRole("listitem");

describe("Verifica on a big sheet", () => {
  it("draws the first findings of each line and adds more on request, down to the last", async () => {
    const utente = userEvent.setup();
    const totale = 2 * AVVISI_PER_VOLTA + 7;
    mostra([
      { linea: "Linea 1", avvisi: avvisi("Linea 1", totale) },
      { linea: "Linea 2", avvisi: avvisi("Linea 2", 3) },
    ]);
    expect(screen.getByText(`${totale + 3} avvisi: scegliere un avviso per selezionare la sua cella nel foglio.`));
    expect(screen.getByRole("heading", { name: `Linea 1 (${totale})` })).toBeTruthy();
    expect(voci("Linea 1")).toHaveLength(AVVISI_PER_VOLTA);
    expect(voci("Linea 2")).toHaveLength(3);
    // Only the line with more than fit has the button.
    const altri = screen.getByRole("button", {
      name: `Mostra altri ${AVVISI_PER_VOLTA} (${totale - AVVISI_PER_VOLTA} avvisi non mostrati)`,
    });
    expect(screen.getAllByRole("button", { name: /^Mostra altri/ })).toHaveLength(1);

    await utente.click(altri);
    expect(voci("Linea 1")).toHaveLength(2 * AVVISI_PER_VOLTA);
    await utente.click(
      screen.getByRole("button", {
        name: "Mostra altri 7 (7 avvisi non mostrati)",
      })
    );
    expect(voci("Linea 1")).toHaveLength(totale);
    expect(screen.queryByRole("button", { name: /^Mostra altri/ })).toBeNull();
    expect(voci("Linea 1").at(-1)!.textContent).toContain(`Obiettivi!M${totale + 11}`);
  });

  it("200,000 findings render as 50 per line, the count in Italian", () => {
    mostra([{ linea: "Linea 1", avvisi: avvisi("Linea 1", 200_000) }]);
    expect(voci("Linea 1")).toHaveLength(AVVISI_PER_VOLTA);
    expect(screen.getByRole("button", { name: /avvisi non mostrati\)$/ }).textContent).toBe(
      `Mostra altri ${AVVISI_PER_VOLTA} (199.950 avvisi non mostrati)`
    );
    expect(screen.getByText(/^200\.000 avvisi: scegliere/)).toBeTruthy();
  });
});

describe("Verifica shows a chosen reading as information", () => {
  it("tags LETTURA_SCELTA «Informazione», and only it", () => {
    const informazione: Avviso = {
      codice: "LETTURA_SCELTA",
      foglio: "Obiettivi",
      cella: "I7",
      messaggio: "Indicatore «Copertura»: target consuntivo «0,75» letto come 75 % (una frazione)…",
      linea: "Linea 1",
    };
    mostra([{ linea: "Linea 1", avvisi: [informazione, ...avvisi("Linea 1", 1)] }]);
    const [prima, seconda] = voci("Linea 1");
    expect(within(prima).getByText("Informazione")).toBeTruthy();
    expect(within(seconda).queryByText("Informazione")).toBeNull();
  });
});
