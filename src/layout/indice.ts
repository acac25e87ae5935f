/**
 * The Indice sheet as pure data, shared by the command line (its file access, src/xlsx) and the
 * task pane (Office.js, src/excel/office-stampa.ts): its cells, as both writers render them. Which
 * sheet is Barometro's: fogli-barometro.ts; the pages and the print layout: stampa.ts.
 */
import { Bande, BANDE_PREDEFINITE, fasciaPer, Linea, RisultatoEnte } from "../engine";
import { FOGLIO_INDICE, foglioProprio, TITOLO_INDICE } from "./fogli-barometro";
import { a1, SheetGrid } from "./griglia";
import { PagineLinee, piePagina } from "./stampa";

// ───────────────────────────── the Indice ─────────────────────────────

/** One cell of the Indice. */
export interface CellaIndice {
  valore: string | number;
  /** Number format ("0.00%"); General when absent. */
  formato?: string;
  /** Solid fill "#RRGGBB" (the band's colour). */
  riempimento?: string;
  grassetto?: boolean;
  /** Font size in points. */
  dimensione?: number;
}

/** One row of the Indice: its cells from column A. */
export interface RigaIndice {
  /** 1-based. */
  riga: number;
  celle: CellaIndice[];
  /** The whole row in bold (the table's header, the ente). */
  grassetto?: boolean;
}

/** The Indice sheet as data: what both writers render. */
export interface PianoIndice {
  foglio: string;
  righe: RigaIndice[];
  /** Column widths from A, in characters (Excel's column width unit). */
  larghezze: number[];
  /** How many columns the table spans (A…). */
  colonne: number;
  /** The footer's text (piePagina). */
  piePagina: string;
  /**
   * Optional, for another sheet of Barometro's own written the same way (the «Dossier di
   * validazione», src/layout/dossier.ts); the Indice leaves them out. Page orientation (portrait
   * when absent); `primo` false: the sheet keeps its place, a new one goes last (the Indice is
   * moved first); `aCapo`: areas whose texts wrap, aligned to the top, their rows fitted;
   * `margini`: the annex's margins (MARGINI_STAMPA) when true; `nuovePagine`: page breaks.
   */
  orientamento?: "Portrait" | "Landscape";
  primo?: boolean;
  aCapo?: string[];
  margini?: boolean;
  /** Rows (1-based) that start a new page (the sheet's other manual breaks are removed). */
  nuovePagine?: number[];
}

const INTESTAZIONE_INDICE = ["Linea strategica", "% raggiungimento", "Barometro", "Pagina"] as const;
const FORMATO_PERCENTUALE = "0.00%";
const PRIMA_RIGA_LINEE = 4;

/**
 * The Indice: a title, the table's header, one row per line (name, percentage as a % fraction,
 * band label on the band's colour, "pag. N"), then the ente in bold. "—" where there is nothing.
 */
export function pianoIndice(
  linee: Linea[],
  risultato: RisultatoEnte,
  pagine: PagineLinee,
  anno: number | null,
  bande: Bande = BANDE_PREDEFINITE
): PianoIndice {
  const percentuale = (p: number | null): CellaIndice =>
    p === null ? { valore: "—", formato: FORMATO_PERCENTUALE } : { valore: p / 100, formato: FORMATO_PERCENTUALE };
  const righe: RigaIndice[] = [
    { riga: 1, celle: [{ valore: titoloIndice(anno), grassetto: true, dimensione: 14 }] },
    { riga: 3, celle: INTESTAZIONE_INDICE.map((valore) => ({ valore })), grassetto: true },
  ];
  linee.forEach((linea, i) => {
    const p = risultato.linee[i].percentuale;
    const fascia = p === null ? null : fasciaPer(p, bande);
    righe.push({
      riga: PRIMA_RIGA_LINEE + i,
      celle: [
        { valore: linea.nome },
        percentuale(p),
        fascia ? { valore: fascia.etichetta, riempimento: fascia.colore.toUpperCase() } : { valore: "—" },
        { valore: pagine[i] === null || pagine[i] === undefined ? "—" : `pag. ${pagine[i]}` },
      ],
    });
  });
  righe.push({
    riga: PRIMA_RIGA_LINEE + linee.length + 1,
    celle: [{ valore: "Ente (media delle linee)" }, percentuale(risultato.percentuale)],
    grassetto: true,
  });
  return {
    foglio: FOGLIO_INDICE,
    righe,
    larghezze: [62, 16, 24, 10],
    colonne: INTESTAZIONE_INDICE.length,
    piePagina: piePagina(anno),
  };
}

/** "Indice — Stato di attuazione degli Obiettivi 2024". */
export function titoloIndice(anno: number | null): string {
  return `${TITOLO_INDICE}${anno ? ` ${anno}` : ""}`;
}

/**
 * The name of a sheet called «Indice» that Barometro did not write (not empty, no Indice title in
 * A1): a user's sheet, which must never be overwritten; null when there is none.
 */
export function indiceAltrui(fogli: SheetGrid[]): string | null {
  const indice = foglioProprio(fogli, FOGLIO_INDICE);
  return indice.altrui ? indice.nome : null;
}

/** The Indice's cells as one block from A1 ("" where nothing is written): one 2-D write. */
export function bloccoIndice(piano: PianoIndice): { indirizzo: string; valori: (string | number)[][] } {
  const ultima = piano.righe.reduce((m, r) => Math.max(m, r.riga), 1);
  const valori = Array.from({ length: ultima }, () => Array.from({ length: piano.colonne }, (): string | number => ""));
  for (const r of piano.righe) r.celle.forEach((c, j) => (valori[r.riga - 1][j] = c.valore));
  return { indirizzo: `A1:${a1(ultima - 1, piano.colonne - 1)}`, valori };
}
