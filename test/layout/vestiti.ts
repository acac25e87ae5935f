/**
 * Re-dressing a sheet's figures the ways offices write them (issue 17), on a grid read from a
 * workbook: the same figures as Sì / No, percentages with a percentage format or as text, polarity
 * in words. Used by the dress-invariance tests on the sample and on generated workbooks.
 */
import {
  Avviso,
  BANDE_PREDEFINITE,
  calcolaLinea,
  fasciaPer,
  FORMULA_BINARIA,
  Indicatore,
  isInformativo,
  Linea,
  parsePolarita,
  ValoreCella,
  verifica,
} from "../../src/engine";
import { leggiLinee, parseA1, SheetGrid } from "../../src/layout";

export type NomeVestito =
  | "binario-si-no"
  | "binario-SI-NO"
  | "binario-accento"
  | "binario-fatto"
  | "binario-booleani"
  | "binario-solo-consuntivo"
  | "pesi-frazione"
  | "pesi-testo"
  | "pesi-testo-spazio"
  | "target-frazione"
  | "target-testo"
  | "polarita-parole"
  | "polarita-segni"
  | "polarita-positiva"
  | "polarita-meglio";

export const VESTITI: NomeVestito[] = [
  "binario-si-no",
  "binario-SI-NO",
  "binario-accento",
  "binario-fatto",
  "binario-booleani",
  "binario-solo-consuntivo",
  "pesi-frazione",
  "pesi-testo",
  "pesi-testo-spazio",
  "target-frazione",
  "target-testo",
  "polarita-parole",
  "polarita-segni",
  "polarita-positiva",
  "polarita-meglio",
];

/** Dresses that store numbers as text: Verifica rightly adds NUMERO_COME_TESTO on the cells changed. */
export const VESTITI_TESTO: ReadonlySet<NomeVestito> = new Set(["pesi-testo", "pesi-testo-spazio", "target-testo"]);

const PAROLE: Partial<Record<NomeVestito, [ValoreCella, ValoreCella]>> = {
  "binario-si-no": ["Sì", "No"],
  "binario-SI-NO": ["SI", "NO"],
  "binario-accento": ["si", "no"],
  "binario-fatto": ["Fatto", "Non fatto"],
  "binario-booleani": [true, false],
  "binario-solo-consuntivo": ["sì", "NO"],
};

const POLARITA: Partial<Record<NomeVestito, [string, string]>> = {
  "polarita-parole": ["Crescente", "Decrescente"],
  "polarita-segni": ["+", "−"],
  "polarita-positiva": ["Positiva", "Negativa"],
  "polarita-meglio": ["maggiore è meglio", "minore è meglio"],
};

const copia = (g: SheetGrid): SheetGrid => ({
  ...g,
  values: g.values.map((r) => [...r]),
  numberFormats: g.values.map((r, i) => Array.from(r, (_, j) => g.numberFormats?.[i]?.[j] ?? "General")),
});

/** Row and column of an A1 address in the grid's arrays. */
function posizione(g: SheetGrid, cella: string): [number, number] {
  const { row, col } = parseA1(cella);
  return [row - (g.origin?.row ?? 0), col - (g.origin?.col ?? 0)];
}

/**
 * A number a dress can hold without changing it: ÷100 neither underflows nor loses digits (no
 * subnormals), and as text it is plain digits (no exponent: "1e+308%" is no number).
 */
const isNumero = (v: ValoreCella): v is number =>
  typeof v === "number" && Number.isFinite(v) && (v === 0 || (Math.abs(v) >= 1e-200 && Math.abs(v) <= 1e300));
const scrivibile = (v: number) => !/e/i.test(String(v));
const isZeroUno = (v: ValoreCella) => v === 0 || v === 1;
const testoPercento = (n: number, spazio: boolean) => `${String(n).replace(".", ",")}${spazio ? " " : ""}%`;

/**
 * The sheets with one dress put on, from the indicators read off them; also the addresses of the
 * cells changed. Only cells that hold a plain number (or a polarity) change: a dress is a way of
 * writing a figure, not a figure.
 */
export function vesti(
  fogli: SheetGrid[],
  linee: Linea[],
  vestito: NomeVestito
): { fogli: SheetGrid[]; cambiate: Set<string> } {
  const nuovi = new Map(fogli.map((g) => [g.name, copia(g)]));
  const cambiate = new Set<string>();
  const scrivi = (ind: Indicatore, cella: string | undefined, valore: ValoreCella, formato?: string) => {
    const g = nuovi.get(ind.foglio);
    if (!g || !cella) return;
    const [r, c] = posizione(g, cella);
    g.values[r][c] = valore;
    if (formato) g.numberFormats![r][c] = formato;
    cambiate.add(`${ind.foglio}!${cella}`);
  };
  const indicatori = linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori));
  for (const ind of indicatori) {
    const parole = PAROLE[vestito];
    if (parole) {
      // A binary row: its formula says so, or both targets are 0 / 1.
      const binaria = FORMULA_BINARIA.test(ind.formula) || (isZeroUno(ind.atteso) && isZeroUno(ind.consuntivo));
      if (!binaria) continue;
      const campi =
        vestito === "binario-solo-consuntivo" ? (["consuntivo"] as const) : (["atteso", "consuntivo"] as const);
      for (const campo of campi)
        if (isZeroUno(ind[campo])) scrivi(ind, ind.celle[campo], ind[campo] === 1 ? parole[0] : parole[1]);
    }
    const peso = ind.peso;
    if (vestito.startsWith("pesi-") && isNumero(peso) && !ind.percentuali?.peso) {
      if (vestito === "pesi-frazione") scrivi(ind, ind.celle.peso, peso / 100, "0%");
      else if (scrivibile(peso)) scrivi(ind, ind.celle.peso, testoPercento(peso, vestito === "pesi-testo-spazio"));
    }
    const { atteso, consuntivo } = ind;
    // Both targets of the row, or neither: a dress is consistent within a row.
    const entrambi =
      isNumero(atteso) &&
      isNumero(consuntivo) &&
      (vestito !== "target-testo" || (scrivibile(atteso) && scrivibile(consuntivo)));
    if (vestito.startsWith("target-") && entrambi && !ind.percentuali) {
      for (const [campo, v] of [
        ["atteso", atteso],
        ["consuntivo", consuntivo],
      ] as const) {
        if (vestito === "target-frazione") scrivi(ind, ind.celle[campo], v / 100, "0.00%");
        else scrivi(ind, ind.celle[campo], testoPercento(v, false));
      }
      // A sheet of percentages shows its Scostamento as one too.
      if (vestito === "target-frazione" && isNumero(ind.scostamento))
        scrivi(ind, ind.celle.scostamento, ind.scostamento / 100, "0.00%");
    }
    const polarita = POLARITA[vestito];
    if (polarita && ind.celle.polarita) {
      const p = parsePolarita(ind.polarita);
      if (p !== null) scrivi(ind, ind.celle.polarita, p === "crescente" ? polarita[0] : polarita[1]);
    }
  }
  return { fogli: fogli.map((g) => nuovi.get(g.name)!), cambiate };
}

/** What a reading gives: line figures and bands, each indicator's % Ragg, the findings. */
export interface Esito {
  linee: { nome: string; percentuale: number | null; fascia: string | null; incompleta: boolean }[];
  ragg: (number | null)[];
  avvisi: Avviso[];
}

export function esito(fogli: SheetGrid[]): Esito {
  const { linee } = leggiLinee(fogli);
  const risultati = linee.map(calcolaLinea);
  return {
    linee: linee.map((l, i) => ({
      nome: l.nome,
      percentuale: risultati[i].percentuale,
      fascia:
        risultati[i].percentuale === null ? null : fasciaPer(risultati[i].percentuale!, BANDE_PREDEFINITE).etichetta,
      incompleta: risultati[i].incompleta,
    })),
    ragg: risultati.flatMap((r) => r.obiettivi.flatMap((o) => o.indicatori.map((x) => x.ragg))),
    avvisi: verifica(linee, risultati),
  };
}

/** A finding as compared across dresses: where and what, not the wording (the dress shows in it). */
export const dove = (a: Avviso) => `${a.codice} ${a.foglio}!${a.cella}`;

/** Numbers equal up to the float noise a ×100 / ÷100 round trip leaves. */
export function quasiUguali(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The real findings of a dressed reading: without the informational ones (and, for text dresses, NUMERO_COME_TESTO on changed cells). */
export function reali(avvisi: Avviso[], vestito: NomeVestito, cambiate: Set<string>): string[] {
  return avvisi
    .filter((a) => !isInformativo(a))
    .filter(
      (a) => !(VESTITI_TESTO.has(vestito) && a.codice === "NUMERO_COME_TESTO" && cambiate.has(`${a.foglio}!${a.cella}`))
    )
    .map(dove)
    .sort();
}
