/**
 * The published "Relazione sulla Performance 2024" (test/fixtures, the seed) as an engine model:
 * shared by the seed acceptance test and the trace's tests.
 */
import * as fs from "fs";
import * as path from "path";
import { SeedLinea } from "../../scripts/staff-layout";
import { Indicatore, Linea } from "../../src/engine/tipi";

export const seed: { linee: SeedLinea[] } = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "fixtures", "relazione-performance-2024.json"), "utf8")
);

export const TEMPO_MEDIO = "tempo medio aggiornamento";

/**
 * Engine model built straight from the JSON: one sheet per line, an objective row followed by its
 * indicator rows (fake but unique addresses), the published figures as the sheet's values.
 */
export function costruisciModello(conPubblicati: boolean): Linea[] {
  return seed.linee.map((l, li) => {
    const foglio = `Linea ${li + 1}`;
    let riga = 4;
    return {
      nome: l.linea,
      foglio,
      cellaTitolo: "A1",
      percentuale: conPubblicati ? { cella: "C2", valore: l.publishedPercent, scala: "percento" } : undefined,
      obiettivi: l.obiettivi.map((o) => ({
        nome: o.obiettivo,
        settore: o.settore,
        definizione: o.definizione,
        foglio,
        riga: ++riga,
        indicatori: o.indicatori.map((i): Indicatore => {
          const r = ++riga;
          return {
            nome: i.indicatore,
            formula: i.formula,
            finalita: i.finalita,
            note: i.note,
            atteso: i.targetAtteso,
            consuntivo: i.targetConsuntivo,
            peso: i.peso,
            scostamento: i.publishedScostamento,
            ragg: conPubblicati ? i.publishedRagg : null,
            scalaRagg: "percento",
            polarita: i.indicatore === TEMPO_MEDIO ? "↓" : undefined,
            foglio,
            riga: r,
            celle: {
              indicatore: `D${r}`,
              atteso: `G${r}`,
              consuntivo: `H${r}`,
              scostamento: `I${r}`,
              peso: `K${r}`,
              ragg: `L${r}`,
            },
            formule: {},
          };
        }),
      })),
    };
  });
}
