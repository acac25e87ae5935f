import { PercentualeLinea, ValoreCella } from "../engine";
import { leggiPercentuale } from "./percentuali";
import { Foglio, Posizione } from "./vista-foglio";
import { normalizza, parole, puoContenere, puoIniziareCon, radici } from "./testo";

const LUNGHEZZA_MASSIMA_TITOLO = 200;
const TITOLO = /^(linea strategica|linee strategiche|linea di mandato|obiettiv[oi] di mandato)\b/;
/** How every TITOLO begins: other texts are not normalised (see puoIniziareCon). */
const INIZI_TITOLO = [
  "linea strategica",
  "linee strategiche",
  "linea di mandato",
  "obiettivo di mandato",
  "obiettivi di mandato",
];

/**
 * How far below the "% Raggiungimento…" label its value may sit. The staff leave a few
 * blank rows there (the printed report shows up to seven); the search also stops at the
 * first header or title row, so a generous window cannot reach into the table.
 */
export const RIGHE_SOTTO_ETICHETTA = 10;

/** "LINEA STRATEGICA SULL'AMBIENTE", "OBIETTIVI DI MANDATO", "Obiettivo di mandato". */
export function isTitolo(testo: string): boolean {
  return (
    testo.length <= LUNGHEZZA_MASSIMA_TITOLO && puoIniziareCon(testo, INIZI_TITOLO) && TITOLO.test(normalizza(testo))
  );
}

const RADICI_ETICHETTA = radici(["raggiungim"]);

/**
 * "% Raggiungimento obiettivi per area strategica" and close variants. A bare
 * "% Raggiungimento" is the % Ragg column header, not this label.
 */
export function isEtichettaPercentuale(testo: string): boolean {
  return (
    testo.length <= LUNGHEZZA_MASSIMA_TITOLO &&
    puoContenere(testo, RADICI_ETICHETTA) &&
    isEtichettaNormalizzata(normalizza(testo))
  );
}

/** isEtichettaPercentuale on a text already normalised. */
export function isEtichettaNormalizzata(normalizzato: string): boolean {
  const p = parole(normalizzato);
  return (
    p.length >= 3 &&
    p.some((w) => w.startsWith("raggiungim")) &&
    p.some((w) => w.startsWith("obiettiv") || w.startsWith("area") || w.startsWith("strategic") || w === "linea")
  );
}

/** The first cell of a row whose own text satisfies `test`. */
export function trovaNellaRiga(foglio: Foglio, riga: number, test: (testo: string) => boolean): Posizione | null {
  for (let colonna = 0; colonna < foglio.colonne; colonna++) {
    const v = foglio.proprio(riga, colonna);
    if (typeof v === "string" && test(v)) return { riga, colonna };
  }
  return null;
}

/**
 * The line's percentage for a label at `etichetta`:
 * 1. the first non-blank cell to the right of the label, same row;
 * 2. else the first non-blank cell below it (within the label's columns, up to
 *    RIGHE_SOTTO_ETICHETTA rows, stopping at a row for which `fine` is true: header or title);
 * 3. else an empty cell Barometro may fill: the one just below the label, or the one to its
 *    right when the row below is a header. Its scale follows its number format: "frazione"
 *    with a % format, otherwise "testo" ("92,30%"), which reads like the printed report
 *    whatever the cell's format. None when that cell lies under another cell's merged area
 *    (writing there would overwrite the area's top-left).
 */
export function trovaPercentuale(
  foglio: Foglio,
  etichetta: Posizione,
  fine: (riga: number) => boolean
): PercentualeLinea | undefined {
  const area = foglio.area(etichetta.riga, etichetta.colonna);
  const cella = aDestra(foglio, etichetta.riga, area.right) ?? sotto(foglio, area, fine);
  if (cella) return percentualeIn(foglio, cella);

  const vuota =
    area.bottom + 1 < foglio.righe && fine(area.bottom + 1)
      ? { riga: etichetta.riga, colonna: area.right + 1 }
      : { riga: area.bottom + 1, colonna: area.left };
  return foglio.coperta(vuota.riga, vuota.colonna) ? undefined : percentualeIn(foglio, vuota);
}

function aDestra(foglio: Foglio, riga: number, da: number): Posizione | null {
  for (let colonna = da + 1; colonna < foglio.colonne; colonna++) {
    if (!foglio.vuota(riga, colonna)) return { riga, colonna };
  }
  return null;
}

function sotto(
  foglio: Foglio,
  etichetta: { left: number; bottom: number; right: number },
  fine: (riga: number) => boolean
): Posizione | null {
  const ultima = Math.min(foglio.righe - 1, etichetta.bottom + RIGHE_SOTTO_ETICHETTA);
  for (let riga = etichetta.bottom + 1; riga <= ultima; riga++) {
    if (fine(riga)) return null;
    for (let colonna = etichetta.left; colonna <= etichetta.right; colonna++) {
      // A value merged across several columns lives in its area's top-left.
      const area = foglio.area(riga, colonna);
      if (area.top <= etichetta.bottom || area.top < 0 || area.left < 0) continue;
      if (!foglio.vuota(area.top, area.left)) return { riga: area.top, colonna: area.left };
    }
  }
  return null;
}

function percentualeIn(foglio: Foglio, cella: Posizione): PercentualeLinea {
  const grezzo: ValoreCella = foglio.proprio(cella.riga, cella.colonna);
  const { valore, scala } = leggiPercentuale(grezzo, foglio.formato(cella.riga, cella.colonna), "testo");
  const percentuale: PercentualeLinea = { cella: foglio.indirizzo(cella.riga, cella.colonna), valore, scala };
  const formula = foglio.formula(cella.riga, cella.colonna);
  if (formula) percentuale.formula = formula;
  return percentuale;
}
