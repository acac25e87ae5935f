import { Indicatore, Obiettivo } from "../../src/engine";

let riga = 7;

/** The next indicator goes on this row (7 by default). */
export function daRiga(r = 7): void {
  riga = r;
}

/** Leaves the next row blank. */
export function saltaRiga(): void {
  riga++;
}

/** An indicator on the next row of sheet "F" (atteso G, consuntivo H, scostamento I, peso K, % Ragg L, Barometro M). */
export function ind(over: Partial<Indicatore> = {}): Indicatore {
  const r = riga++;
  return {
    nome: `ind ${r}`,
    formula: "",
    finalita: "",
    note: "",
    atteso: 100,
    consuntivo: 100,
    peso: 50,
    scostamento: null,
    ragg: null,
    scalaRagg: "percento",
    polarita: undefined,
    foglio: "F",
    riga: r,
    celle: {
      atteso: `G${r}`,
      consuntivo: `H${r}`,
      scostamento: `I${r}`,
      peso: `K${r}`,
      ragg: `L${r}`,
      barometro: `M${r}`,
    },
    formule: {},
    ...over,
  };
}

/** An objective on its first indicator's sheet and row. */
export const obj = (indicatori: Indicatore[]): Obiettivo => ({
  nome: "o",
  settore: "",
  definizione: "",
  foglio: indicatori[0].foglio,
  riga: indicatori[0].riga,
  indicatori,
});
