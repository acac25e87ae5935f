/**
 * A % Ragg cell left blank and unformatted among fractions shown as percentages (0,85 shown 85 %):
 * Barometro writes it in the line's dress — a fraction with the others' format — not 85 among 0,85s.
 */
import { analizza, ricalcola } from "../../src/app/ricalcolo";
import { IMPOSTAZIONI_PREDEFINITE, ModoScrittura } from "../../src/app/impostazioni";
import { parseA1, SheetGrid } from "../../src/layout/griglia";
import { AccessoRegistrato } from "../support/accesso-registrato";
import { fogliCampione } from "../support/campione";

const SPORT = "LINEA STRATEGICA SULLO SPORT";

/** The sample with Sport's % Ragg cells as fractions shown "0%", but its first one blank and unformatted. */
async function vestita(): Promise<{ fogli: SheetGrid[]; vuota: string; altre: string[] }> {
  const fogli = (await fogliCampione()).map((g) => ({
    ...g,
    values: g.values.map((r) => [...r]),
    numberFormats: g.numberFormats?.map((r) => [...r]),
  }));
  const { linee } = analizza({ fogli, selezione: null, protetti: [] });
  const sport = linee.find((l) => l.nome === SPORT)!;
  const celle = sport.obiettivi.flatMap((o) => o.indicatori).map((i) => ({ foglio: i.foglio, cella: i.celle.ragg! }));
  const g = fogli.find((x) => x.name === celle[0].foglio)!;
  celle.forEach(({ cella }, k) => {
    const { row, col } = parseA1(cella);
    const v = g.values[row][col];
    g.values[row][col] = k === 0 ? null : typeof v === "number" ? v / 100 : v;
    g.numberFormats![row][col] = k === 0 ? "General" : "0%";
  });
  return { fogli, vuota: celle[0].cella, altre: celle.slice(1).map((c) => c.cella) };
}

describe.each<ModoScrittura>(["excel", "valori"])("a blank %% Ragg cell among fractions («%s»)", (modo) => {
  it("is written as a fraction with the line's % format", async () => {
    const { fogli, vuota, altre } = await vestita();
    const access = new AccessoRegistrato(fogli);
    await ricalcola(access, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: modo });
    const [patch] = access.scritture;
    const scritta = patch.scritture.find((w) => w.cella === vuota)!;
    expect(typeof scritta.valore).toBe("number");
    expect(scritta.valore as number).toBeLessThanOrEqual(1);
    if (modo === "excel") expect(scritta.formula).toMatch(/\/100/);
    else expect(scritta.formula).toBeUndefined();
    expect(patch.formatiNumero).toEqual([expect.objectContaining({ cella: vuota, formato: "0%" })]);
    // The cells already dressed keep their format: nothing is set on them.
    expect(patch.formatiNumero!.some((f) => altre.includes(f.cella))).toBe(false);
  });
});

it("a line whose % Ragg cells are numbers 0–100 leaves a blank one on 0–100, with no format set", async () => {
  const fogli = await fogliCampione();
  const access = new AccessoRegistrato(fogli);
  await ricalcola(access, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "valori" });
  expect(access.scritture[0].formatiNumero).toBeUndefined();
});
