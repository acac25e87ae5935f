import { ascolta, Evento } from "../../src/app/eventi";
import { analizza, righeDellaLinea } from "../../src/app/ricalcolo";
import { registraComandi, ricalcolaLineaDaBarra } from "../../src/commands/commands";
import { AccessoRegistrato } from "../support/accesso-registrato";
import { fogliCampione } from "../support/campione";

describe("ribbon «Ricalcola linea»", () => {
  let eventi: Evento[];
  let smetti: () => void;
  beforeEach(() => {
    eventi = [];
    smetti = ascolta((e) => eventi.push(e));
  });
  afterEach(() => smetti());

  it("recalculates the line holding the selection and shows the result in the task pane", async () => {
    const fogli = await fogliCampione();
    const { linee } = analizza({ fogli, selezione: null, protetti: [] });
    const sport = linee.find((l) => l.nome === "LINEA STRATEGICA SULLO SPORT")!;
    const access = new AccessoRegistrato(fogli, {
      foglio: sport.foglio,
      indirizzo: `C${righeDellaLinea(sport).ultima}`,
    });
    const mostra = jest.fn(async () => undefined);
    await ricalcolaLineaDaBarra(access, mostra);
    expect(access.scritture).toHaveLength(1);
    expect(eventi).toHaveLength(1);
    expect(eventi[0].tipo === "esito" && eventi[0].esito.messaggio).toBe(
      "LINEA STRATEGICA SULLO SPORT: 84,44% — 1 avviso"
    );
    expect(mostra).toHaveBeenCalledTimes(1);
  });

  it("reports an error in Italian, writes nothing and still opens the pane", async () => {
    const access = new AccessoRegistrato(await fogliCampione(), { foglio: "Altro", indirizzo: "A1" });
    const mostra = jest.fn(async () => undefined);
    await ricalcolaLineaDaBarra(access, mostra);
    expect(access.scritture).toEqual([]);
    expect(eventi).toEqual([{ tipo: "errore", messaggio: expect.stringContaining("Selezionare una cella") }]);
    expect(mostra).toHaveBeenCalledTimes(1);
  });

  it("is registered under the manifest's FunctionName and always completes the event", async () => {
    const handlers: Record<string, (e: { completed: () => void }) => void> = {};
    const completed = jest.fn();
    (globalThis as unknown as { Office: unknown }).Office = {
      actions: { associate: (nome: string, h: (e: { completed: () => void }) => void) => (handlers[nome] = h) },
      addin: { showAsTaskpane: jest.fn(async () => undefined) },
    };
    try {
      registraComandi(new AccessoRegistrato([{ name: "Vuoto", values: [], merges: [] }]));
      expect(Object.keys(handlers)).toEqual(["ricalcolaLinea"]);
      handlers.ricalcolaLinea({ completed });
      await new Promise((r) => setTimeout(r, 20));
      expect(completed).toHaveBeenCalledTimes(1);
      expect(eventi[0]).toEqual({ tipo: "errore", messaggio: expect.stringContaining("Vuoto") });
    } finally {
      delete (globalThis as unknown as { Office?: unknown }).Office;
    }
  });
});
