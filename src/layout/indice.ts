/**
 * The printed annex as pure data, shared by the command line (ExcelJS, src/cli/stampa.ts) and the
 * task pane (Office.js, src/excel/office-stampa.ts): the Indice sheet's cells, the estimated pages
 * where each line's section starts, and the whole workbook's print plan. No Office, no files.
 */
import { Bande, BANDE_PREDEFINITE, fasciaPer, Linea, RisultatoEnte } from "../engine";
import { a1, columnName, SheetGrid } from "./grid";
import { annoDelReport, inizioSezione, piePagina, rigaTitoli, StampaFoglio } from "./stampa";

export const FOGLIO_INDICE = "Indice";
/** The start of the Indice's A1: how Barometro recognises its own Indice (a user's "Indice" is left alone). */
export const TITOLO_INDICE = "Indice — Stato di attuazione degli Obiettivi";
/** The Indice is one page: the lines start on page 2. */
export const PRIMA_PAGINA_LINEE = 2;
/**
 * Rows of a line's section that fit on one landscape page, one page wide, long texts wrapped.
 * Calibrated on the bundled sample as LibreOffice prints it (`barometro stampa --pdf`: 13 pages,
 * one line a page, the last over three): any value from 26 to 32 puts every line on its printed
 * page; 14, the first guess, was off by 35 pages in total.
 */
export const RIGHE_PER_PAGINA = 28;

/** Margins of the sheets that hold lines, in inches (Excel's page setup unit in a file). */
export const MARGINI_STAMPA = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } as const;

/** Page of each line's section start, by line index: estimated, or read from the printed PDF. */
export type PagineLinee = (number | null)[];

/** Where a line's section starts and ends on paper (estimated). */
export interface PagineSezione {
  inizio: number;
  fine: number;
}

/**
 * Where each line's section starts and ends on paper, estimated from row counts (neither a file nor
 * Office.js says how Excel paginates): each section starts a page and takes
 * ceil(rows / righePerPagina) pages, the header row repeated on each counting as one more row. On a
 * sheet that repeats its header itself (intestazioniProprie) a section takes one page per header.
 */
export function stimaSezioni(
  linee: Linea[],
  piano: StampaFoglio[],
  primaPagina: number,
  righePerPagina = RIGHE_PER_PAGINA
): PagineSezione[] {
  let pagina = primaPagina;
  return linee.map((linea) => {
    const p = piano.find((x) => x.foglio === linea.foglio);
    const inizio = Number(/\d+$/.exec(inizioSezione(linea))![0]);
    const fine = linea.obiettivi
      .flatMap((o) => o.indicatori.map((i) => i.riga))
      .reduce((a, b) => Math.max(a, b), inizio);
    const righe = fine - inizio + 1 + (p?.rigaIntestazione ? 1 : 0);
    const pagine = p?.intestazioniProprie
      ? 1 + p.interruzioni.filter((r) => r >= inizio && r < fine).length
      : Math.max(1, Math.ceil(righe / righePerPagina));
    const sezione = { inizio: pagina, fine: pagina + pagine - 1 };
    pagina += pagine;
    return sezione;
  });
}

/** Where each line's section starts on paper, estimated from row counts (see stimaSezioni). */
export function stimaPagine(
  linee: Linea[],
  piano: StampaFoglio[],
  primaPagina: number,
  righePerPagina = RIGHE_PER_PAGINA
): PagineLinee {
  return stimaSezioni(linee, piano, primaPagina, righePerPagina).map((s) => s.inizio);
}

/** The footer's text, without the file format's section code: "Relazione sulla Performance 2024 — pag. &P di &N". */
export function testoPiePagina(anno: number | null): string {
  return piePagina(anno).replace(/^&C/, "");
}

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
  /** The footer's text (testoPiePagina). */
  piePagina: string;
  /**
   * Optional, for another sheet of Barometro's own written the same way (the «Dossier di
   * validazione», src/layout/dossier.ts); the Indice leaves them out. Page orientation (portrait
   * when absent); `primo` false: the sheet keeps its place, a new one goes last (the Indice is
   * moved first); `aCapo`: areas whose texts wrap, aligned to the top, their rows fitted;
   * `margini`: the annex's margins (MARGINI_STAMPA) when true.
   */
  orientamento?: "Portrait" | "Landscape";
  primo?: boolean;
  aCapo?: string[];
  margini?: boolean;
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
    piePagina: testoPiePagina(anno),
  };
}

/** "Indice — Stato di attuazione degli Obiettivi 2024". */
export function titoloIndice(anno: number | null): string {
  return `${TITOLO_INDICE}${anno ? ` ${anno}` : ""}`;
}

/** Whether a sheet's A1 is the title of an Indice Barometro wrote. */
export function isTitoloIndice(valore: unknown): boolean {
  return typeof valore === "string" && valore.startsWith(TITOLO_INDICE);
}

/** The sheet named «Indice» (in any case), if there is one. */
export function foglioIndice(fogli: SheetGrid[]): SheetGrid | undefined {
  return fogli.find((g) => g.name.toLowerCase() === FOGLIO_INDICE.toLowerCase());
}

/**
 * The name of a sheet called «Indice» that Barometro did not write (not empty, no Indice title in
 * A1): a user's sheet, which must never be overwritten; null when there is none.
 */
export function indiceAltrui(fogli: SheetGrid[]): string | null {
  const g = foglioIndice(fogli);
  return g && !grigliaVuota(g) && !isTitoloIndice(cellaA1(g)) ? g.name : null;
}

/**
 * The report's year read from the workbook's texts ("Relazione sulla Performance 2024"), not from
 * an Indice Barometro wrote before (its title carries the year it was written with).
 */
export function annoDellaCartella(fogli: SheetGrid[]): number | null {
  return annoDelReport(fogli.filter((g) => !(g === foglioIndice(fogli) && isTitoloIndice(cellaA1(g)))));
}

export function grigliaVuota(g: SheetGrid): boolean {
  return g.values.every((r) => r.every((v) => v === null || v === undefined || v === ""));
}

function cellaA1(g: SheetGrid): unknown {
  const o = g.origin ?? { row: 0, col: 0 };
  return o.row === 0 && o.col === 0 ? g.values[0]?.[0] : null;
}

/** The Indice's cells as one block from A1 ("" where nothing is written): one 2-D write. */
export function bloccoIndice(piano: PianoIndice): { indirizzo: string; valori: (string | number)[][] } {
  const ultima = piano.righe.reduce((m, r) => Math.max(m, r.riga), 1);
  const valori = Array.from({ length: ultima }, () => Array.from({ length: piano.colonne }, (): string | number => ""));
  for (const r of piano.righe) r.celle.forEach((c, j) => (valori[r.riga - 1][j] = c.valore));
  return { indirizzo: `A1:${a1(ultima - 1, piano.colonne - 1)}`, valori };
}

// ───────────────────────────── the workbook's print plan ─────────────────────────────

/** How one sheet that holds lines is laid out, as the Office.js writer applies it. */
export interface ImpaginazioneFoglio {
  foglio: string;
  /** "$11:$11": the table's header row, repeated on every page; null when no header was found. */
  righeTitoli: string | null;
  /** Rows (1-based) that start a new page: a manual break goes above each. */
  nuovePagine: number[];
  /** Areas ("C12:C40") of the long texts of the indicator rows: wrapped, their rows autofitted. */
  testi: string[];
  /** The page number of the sheet's first page (the Indice comes first); null: Excel's automatic. */
  primaPagina: number | null;
}

/** Everything "Prepara stampa" writes, in one batch. */
export interface PianoStampaCartella {
  fogli: ImpaginazioneFoglio[];
  /** The footer of every sheet laid out (Indice included): testoPiePagina. */
  piePagina: string;
  indice: PianoIndice & {
    /** True: the sheet is added; false: it exists (Barometro's own, or blank) and is rewritten. */
    crea: boolean;
    /** The existing Indice's used area, cleared before writing ("A1:D15"); null when there is nothing. */
    pulisci: string | null;
  };
}

/** The Office.js print plan of the sheets that hold lines, from the same plan the CLI applies. */
export function impaginazioneFogli(
  piano: StampaFoglio[],
  primaPagina: (foglio: string) => number | null
): ImpaginazioneFoglio[] {
  return piano.map((p) => ({
    foglio: p.foglio,
    righeTitoli: rigaTitoli(p) ? `$${rigaTitoli(p)}:$${rigaTitoli(p)}` : null,
    // StampaFoglio lists the rows after which a page ends (ExcelJS's addPageBreak); Office.js adds a
    // break above a cell: the row after.
    nuovePagine: [...new Set(p.interruzioni.map((r) => r + 1))].sort((a, b) => a - b),
    testi: areeTesti(p),
    primaPagina: primaPagina(p.foglio),
  }));
}

/** The long-text cells of the indicator rows as areas: each text column, runs of consecutive rows. */
export function areeTesti(p: StampaFoglio): string[] {
  const corse = consecutivi(p.righeIndicatori);
  // Adjacent text columns go together ("C12:G40"), fewer areas to send.
  const blocchi = consecutivi(p.colonneTesto);
  return blocchi.flatMap((b) => corse.map((k) => `${columnName(b.da)}${k.da}:${columnName(b.a)}${k.a}`));
}

/** Numbers → runs of consecutive ones, ascending, each once: [3, 1, 2, 7] → 1–3, 7–7. */
function consecutivi(numeri: readonly number[]): { da: number; a: number }[] {
  const corse: { da: number; a: number }[] = [];
  for (const n of [...new Set(numeri)].sort((a, b) => a - b)) {
    const ultima = corse[corse.length - 1];
    if (ultima && n === ultima.a + 1) ultima.a = n;
    else corse.push({ da: n, a: n });
  }
  return corse;
}
