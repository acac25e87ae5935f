import * as fs from "fs";
import * as path from "path";
import { leggiLinee, SheetGrid } from "../../src/layout";

/**
 * Fixture folder: each cases/*.json holds sheets ("fogli") and the expected summary
 * ("atteso"): per line its name, sheet, title cell, percentage and objectives with their
 * indicator counts. Files named error.*.json must produce an error ("errore": a fragment
 * the message must contain).
 */
interface CasoAtteso {
  descrizione?: string;
  fogli: SheetGrid[];
  atteso?: {
    linee: {
      nome: string;
      foglio: string;
      cellaTitolo?: string;
      percentuale?: { cella: string; valore: unknown; scala: string };
      obiettivi: { nome: string; indicatori: number; riga: number }[];
      /** Optional spot checks: "obiettivo.indicatore.campo" → A1 address. */
      celle?: Record<string, string>;
    }[];
  };
  errore?: string;
}

const cartella = path.join(__dirname, "cases");
const file = fs
  .readdirSync(cartella)
  .filter((f) => f.endsWith(".json"))
  .sort();

it("la cartella dei casi contiene casi validi e di errore", () => {
  expect(file.filter((f) => f.startsWith("error.")).length).toBeGreaterThanOrEqual(2);
  expect(file.filter((f) => !f.startsWith("error.")).length).toBeGreaterThanOrEqual(4);
});

describe.each(file)("%s", (nome) => {
  const caso = JSON.parse(fs.readFileSync(path.join(cartella, nome), "utf8")) as CasoAtteso;
  const { linee, errore } = leggiLinee(caso.fogli);

  if (nome.startsWith("error.")) {
    it("produce un errore", () => {
      expect(linee).toEqual([]);
      expect(errore).toEqual(expect.any(String));
      expect(errore).toContain(caso.errore ?? "");
    });
    return;
  }

  it("produce le linee attese", () => {
    expect(errore).toBeNull();
    const riassunto = linee.map((l) => {
      const r: Record<string, unknown> = {
        nome: l.nome,
        foglio: l.foglio,
        obiettivi: l.obiettivi.map((o) => ({ nome: o.nome, indicatori: o.indicatori.length, riga: o.riga })),
      };
      if (l.cellaTitolo !== undefined) r.cellaTitolo = l.cellaTitolo;
      if (l.percentuale)
        r.percentuale = { cella: l.percentuale.cella, valore: l.percentuale.valore, scala: l.percentuale.scala };
      return r;
    });
    const atteso = caso.atteso!.linee.map(({ celle, ...l }) => (void celle, l));
    expect(riassunto).toEqual(atteso);
  });

  it("gli indirizzi indicati corrispondono", () => {
    caso.atteso!.linee.forEach((attesa, l) => {
      for (const [chiave, cella] of Object.entries(attesa.celle ?? {})) {
        const [o, i, campo] = chiave.split(".");
        const ind = linee[l].obiettivi[Number(o)].indicatori[Number(i)];
        expect(`${chiave} ${ind.celle[campo as keyof typeof ind.celle]}`).toBe(`${chiave} ${cella}`);
      }
    });
  });
});
