/**
 * The cell patch: what one write of Barometro puts in the cells it owns (Scostamento, % Ragg, the
 * line's percentage, the Barometro cell's fill and label or symbol), from the lines and results.
 * Barometro's conditional-format rules: regole-condizionali.ts; the sheets it owns: riepilogo.ts,
 * indice.ts (fogli-barometro.ts says which are its); print layout: stampa.ts. Pure: no Office, no files.
 */
import {
  Bande,
  BANDE_PREDEFINITE,
  fasciaPer,
  IdFascia,
  Indicatore,
  isFormulaDiBarometro,
  Linea,
  Polarita,
  RisultatoIndicatore,
  RisultatoLinea,
  SIMBOLI_FASCE,
  ValoreCella,
} from "../engine";
import {
  celleExcel,
  formulaRagg,
  isFormulaRaggPerf,
  LettureRagg,
  percentualeExcel,
  valorePercentuale,
} from "./formule-celle";
import { parseA1, SheetGrid } from "./griglia";
import {
  confrontoFasce,
  fasceCrescenti,
  ModificaFormattazione,
  sorgenteCalcolata,
  sorgenteDi,
} from "./regole-condizionali";
import type { PianoRiepilogo } from "./riepilogo";

export { formulaRagg, valorePercentuale };

/** One value Barometro writes into a cell it owns. */
export interface CellWrite {
  foglio: string;
  cella: string;
  /** The value, or with `formula` the value the formula computes today. */
  valore: number | string;
  /**
   * A formula (English separators, as Office.js `formulas` takes it) to write instead of the value.
   * "" (with valore "") empties the cell: how Barometro removes its own label from a Barometro cell.
   */
  formula?: string;
}

/** One fill Barometro gives a Barometro cell; null clears Barometro's fill. */
export interface CellFill {
  foglio: string;
  cella: string;
  colore: string | null;
}

/**
 * Everything one write of Barometro changes in a workbook: nothing outside these cells, Barometro's
 * own conditional-format rules and its Riepilogo sheet. Sent in one round trip.
 */
export interface Patch {
  scritture: CellWrite[];
  colori: CellFill[];
  /**
   * Number formats set before the values (Converti in numeri, src/app/numeri.ts): a cell
   * formatted as Text ("@") would keep a number written there as text.
   */
  formatiNumero?: { foglio: string; cella: string; formato: string }[];
  /** Barometro's conditional-format rules to replace (see regoleCondizionali). */
  formattazione?: ModificaFormattazione;
  /** The Riepilogo sheet: created or cleared, its number formats and its chart (values and fills are above). */
  riepilogo?: PianoRiepilogo;
  /**
   * Barometro cells holding a text (or number) that is not Barometro's label or symbol: left as
   * they are (their fill is still written), and reported to the user. Nothing is written for them.
   */
  barometroDellUtente?: { foglio: string; cella: string }[];
  /** «Formule di Excel»: line cells written as values instead, and why (percentualeExcel). */
  formuleNonScritte?: { foglio: string; cella: string; motivo: string }[];
}

/**
 * What a Barometro cell shows besides its fill, so that the band survives a black-and-white print
 * and colour-blind readers: the band's label («Raggiunto», as the user named it), its symbol
 * (SIMBOLI_FASCE) or nothing (colour only, as before).
 */
export type ContenutoBarometro = "etichetta" | "simbolo" | "colore";

export const CONTENUTI_BAROMETRO: readonly ContenutoBarometro[] = ["etichetta", "simbolo", "colore"];

/**
 * The label: it reads without a legend, a screen reader says it (WCAG 1.4.1, "use of colour",
 * which the Italian accessibility rules adopt for public documents) and a renamed band shows its name.
 */
export const CONTENUTO_PREDEFINITO: ContenutoBarometro = "etichetta";

export interface OpzioniPatch {
  bande?: Bande;
  /** Write % Ragg as =PERF.RAGG(atteso,consuntivo[,polarità]) instead of its value. */
  formule?: boolean;
  /** «Formule di Excel»: Scostamento, % Ragg and line as plain Excel formulas (formule-celle.ts). */
  formuleExcel?: boolean;
  /** What the Barometro cell shows besides its fill; CONTENUTO_PREDEFINITO when absent. */
  contenuto?: ContenutoBarometro;
  /**
   * The Barometro is written as conditional formatting too: the label (or symbol) is then a
   * formula of plain Excel that follows the data as the colours do (formulaBarometro).
   */
  condizionale?: boolean;
  /**
   * The sheets as read, to tell a Barometro cell's own text from the user's. Without them every
   * Barometro cell without a formula is taken for empty.
   */
  fogli?: readonly SheetGrid[];
}

/**
 * The cells a recalculation owns: Scostamento, % Ragg, the line's percentage and the
 * Barometro cell (fill, and label or symbol). A cell holding a user's formula is never written (in
 * formula mode only Barometro's own =PERF.RAGG formula may stand there, in the Barometro cell
 * only Barometro's label formula); a missing result leaves the cell as it is, and a Barometro
 * cell without a band loses its fill and Barometro's label. A Barometro cell holding a text that
 * is not Barometro's keeps it (patch.barometroDellUtente).
 */
export function creaPatch(linee: Linea[], risultati: RisultatoLinea[], opzioni: OpzioniPatch = {}): Patch {
  const bande = opzioni.bande ?? BANDE_PREDEFINITE;
  const contenuto = opzioni.contenuto ?? CONTENUTO_PREDEFINITO;
  const patch: Patch = { scritture: [], colori: [] };
  const dellUtente: { foglio: string; cella: string }[] = [];
  const attuale = lettoreCelle(opzioni.fogli);
  const nostri = testiNostri(bande);
  // A formula of Barometro's «formule di Excel» gives way to the value (or, with no value, to nothing).
  const scrivi = (
    foglio: string,
    cella: string | undefined,
    formula: string | undefined,
    valore: number | string | null
  ) => {
    if (!cella || (formula && !isFormulaDiBarometro(formula))) return;
    if (valore !== null) patch.scritture.push({ foglio, cella, valore });
    else if (formula) patch.scritture.push({ foglio, cella, valore: "", formula: "" });
  };
  const scriviRagg = (ind: Indicatore, valore: number | string | null) => {
    const nostra = opzioni.formule ? formulaRagg(ind) : null;
    const esistente = ind.formule.ragg;
    const sostituibile = !esistente || isFormulaDiBarometro(esistente) || isFormulaRaggPerf(ind, esistente);
    if (ind.celle.ragg && valore !== null && nostra && sostituibile) {
      patch.scritture.push({ foglio: ind.foglio, cella: ind.celle.ragg, valore, formula: nostra });
    } else scrivi(ind.foglio, ind.celle.ragg, esistente, valore);
  };

  linee.forEach((linea, l) => {
    const risultato = risultati[l];
    // «Formule di Excel»: what each % Ragg cell holds after this write, read by the line's formula.
    const letture: LettureRagg | null = opzioni.formuleExcel ? new Map() : null;
    linea.obiettivi.forEach((obiettivo, o) => {
      const ro = risultato.obiettivi[o];
      obiettivo.indicatori.forEach((ind, i) => {
        const ri = ro.indicatori[i];
        if (letture) {
          const { scritture, letto } = celleExcel(ind, ri, sorgenteCalcolata(ind, ri.polarita));
          patch.scritture.push(...scritture);
          letture.set(ind, letto);
        } else {
          scrivi(ind.foglio, ind.celle.scostamento, ind.formule.scostamento, ri.scostamento);
          scriviRagg(ind, ri.ragg === null ? null : valorePercentuale(ri.ragg, ind.scalaRagg));
        }
        if (ind.celle.barometro) {
          const colore = ro.neutralizzato
            ? bande.neutralizzato.colore
            : ri.ragg === null
              ? null
              : fasciaPer(ri.ragg, bande).colore;
          patch.colori.push({ foglio: ind.foglio, cella: ind.celle.barometro, colore });
          scriviBarometro(ind, ri, ro.neutralizzato);
        }
      });
    });
    const p = linea.percentuale;
    const percentuale = risultato.percentuale === null || !p ? null : valorePercentuale(risultato.percentuale, p.scala);
    if (p && letture) {
      const { scrittura, motivo } = percentualeExcel(linea, risultato, letture);
      if (scrittura) patch.scritture.push(scrittura);
      if (motivo) (patch.formuleNonScritte ??= []).push({ foglio: linea.foglio, cella: p.cella, motivo });
    } else if (p) scrivi(linea.foglio, p.cella, p.formula, percentuale);
  });
  if (dellUtente.length > 0) patch.barometroDellUtente = dellUtente;
  formatiRagg(linee, patch);
  return patch;

  /**
   * The Barometro cell's label or symbol. A formula of the user's is never touched; a text that
   * is not one of Barometro's labels or symbols is left and reported. With conditional formatting
   * the label is a formula that follows the data; otherwise the value; with «colore», or when the
   * band is unknown (da rilevare), Barometro's own content is removed. A cell already holding
   * exactly what it should is not written again.
   */
  function scriviBarometro(ind: Indicatore, ri: RisultatoIndicatore, neutralizzato: boolean): void {
    const cella = ind.celle.barometro as string;
    const formula = ind.formule.barometro;
    if (formula && !isFormulaBarometro(formula)) return;
    const valore = formula ? null : attuale(ind.foglio, cella);
    const vuota = valore === null || valore === undefined || (typeof valore === "string" && valore.trim() === "");
    if (!formula && !vuota && !(typeof valore === "string" && nostri.has(normalizza(valore)))) {
      // Reported only when Barometro would have written there.
      if (contenuto !== "colore") dellUtente.push({ foglio: ind.foglio, cella });
      return;
    }
    const fascia = ri.ragg === null ? null : fasciaPer(ri.ragg, bande);
    const statico = neutralizzato
      ? testoFascia(contenuto, "neutralizzato", bande.neutralizzato.etichetta)
      : fascia
        ? testoFascia(contenuto, fascia.id, fascia.etichetta)
        : "";
    const nuova =
      opzioni.condizionale && !neutralizzato
        ? formulaBarometro(ind, ri.polarita, bande, contenuto, statico, opzioni.formuleExcel)
        : null;
    // Nothing is sent for a cell that already shows exactly this (a formula is ~210–500 bytes a row).
    if (nuova) {
      if (formula !== nuova) patch.scritture.push({ foglio: ind.foglio, cella, valore: statico, formula: nuova });
    } else if (statico !== "") {
      if (formula || valore !== statico) patch.scritture.push({ foglio: ind.foglio, cella, valore: statico });
    } else if (formula || !vuota) patch.scritture.push({ foglio: ind.foglio, cella, valore: "", formula: "" });
  }
}

// ───────────────────── the label or symbol in the Barometro cell ─────────────────────

/** What a Barometro cell shows for a band (or "neutralizzato") besides its fill; "" for colour only. */
export function testoFascia(contenuto: ContenutoBarometro, id: IdFascia | "neutralizzato", etichetta: string): string {
  if (contenuto === "colore") return "";
  return contenuto === "simbolo" ? SIMBOLI_FASCE[id] : etichetta;
}

const normalizza = (testo: string) => testo.trim().toLocaleLowerCase("it");

/**
 * The texts Barometro may have left in a Barometro cell, which a later run replaces: the labels
 * of these bands and the default ones, and the symbols. (A label renamed twice is not among them:
 * the cell is then left as the user's.)
 */
function testiNostri(bande: Bande): Set<string> {
  const etichette = (b: Bande) => [...b.fasce.map((f) => f.etichetta), b.neutralizzato.etichetta];
  return new Set(
    [...etichette(bande), ...etichette(BANDE_PREDEFINITE), ...Object.values(SIMBOLI_FASCE)].map(normalizza)
  );
}

/** The value of a cell in the sheets as read; undefined when the sheets were not given. */
function lettoreCelle(fogli: readonly SheetGrid[] | undefined): (foglio: string, cella: string) => ValoreCella {
  if (!fogli) return () => undefined;
  const perNome = new Map(fogli.map((g) => [g.name, g]));
  return (foglio, cella) => {
    const g = perNome.get(foglio);
    if (!g) return undefined;
    const { row, col } = parseA1(cella);
    return g.values[row - (g.origin?.row ?? 0)]?.[col - (g.origin?.col ?? 0)];
  };
}

/** Every formula Barometro writes in a Barometro cell ends with this: T(N(text)) is "", so it changes nothing. */
const MARCATORE_CELLA = '&T(N("barometro"))';

/** True for a Barometro cell's formula written by Barometro (formulaBarometro). */
export function isFormulaBarometro(formula: string | null | undefined): boolean {
  return typeof formula === "string" && /&\s*T\(\s*N\(\s*"barometro"\s*\)\s*\)\s*$/i.test(formula);
}

/** An Excel text constant: in quotes, quotes doubled. */
const testoExcel = (testo: string) => `"${testo.replace(/"/g, '""')}"`;

/** Excel's longest text constant in a formula. */
const MAX_TESTO_FORMULA = 255;

/**
 * The formula that shows a Barometro cell's label (or symbol) computed from the row's own cells,
 * with the same expression as the conditional-format rules (confrontoFasce), so that label and
 * colour agree after an edit made without the add-in:
 *
 *   =IFERROR(CHOOSE((V>=0)+(V>=70)+(V>=90),"Non raggiunto","Parzialmente raggiunto","Raggiunto"),"<static>")&T(N("barometro"))
 *
 * Where no rule decides (data missing or numbers stored as text: V = -1, so the band index is 0 and
 * CHOOSE(0,…) is #VALUE!), the cell shows the label of the last Ricalcola, as the fill does where
 * no rule colours. V is the rules' (sorgenteDi: with `formuleExcel`, the row's % Ragg cell where
 * Barometro's formula computes it). Null when no rule can be written
 * for this indicator (see regoleCondizionali), or a label is too long for a formula.
 */
export function formulaBarometro(
  ind: Indicatore,
  polarita: Polarita,
  bande: Bande,
  contenuto: ContenutoBarometro,
  statico: string,
  formuleExcel = false
): string | null {
  if (contenuto === "colore" || !ind.celle.barometro) return null;
  const sorgente = sorgenteDi(ind, polarita, formuleExcel);
  if (!sorgente) return null;
  const fasce = fasceCrescenti(bande);
  const testi = fasce.map((f) => testoFascia(contenuto, f.id, f.etichetta));
  if ([...testi, statico].some((t) => t.length > MAX_TESTO_FORMULA)) return null;
  const confronto = confrontoFasce(sorgente, parseA1(ind.celle.barometro).row, fasce);
  return `=IFERROR(CHOOSE(${confronto},${testi.map(testoExcel).join(",")}),${testoExcel(statico)})${MARCATORE_CELLA}`;
}

/**
 * A % Ragg cell written in the line's dress (Indicatore.formatoRagg: a blank, unformatted cell among
 * fractions shown as percentages) gets that format too, before its value (Patch.formatiNumero).
 */
function formatiRagg(linee: Linea[], patch: Patch): void {
  const scritte = new Set(patch.scritture.map((w) => `${w.foglio}\u0000${w.cella}`));
  for (const linea of linee)
    for (const o of linea.obiettivi)
      for (const ind of o.indicatori) {
        const cella = ind.celle.ragg;
        if (ind.formatoRagg && cella && scritte.has(`${ind.foglio}\u0000${cella}`))
          (patch.formatiNumero ??= []).push({ foglio: ind.foglio, cella, formato: ind.formatoRagg });
      }
}
