/**
 * The print layout as pure data, shared by the command line (ExcelJS, src/cli/stampa.ts) and the
 * task pane (Office.js, src/excel/office-stampa.ts): each line's section on its own pages, the
 * header row repeated, the footer, the estimated pages where each section starts, and the whole
 * workbook's print plan (the Indice's cells: indice.ts). No Office, no files.
 */
import { Linea } from "../engine";
import { isFoglioDiBarometro } from "./fogli-barometro";
import { a1, columnName, parseA1, rigaDelFoglio, SheetGrid } from "./griglia";
import { ColonneTabella, riconosciIntestazione } from "./intestazioni";
import type { PianoIndice } from "./indice";

/** First and last sheet row (1-based) a line occupies, from its title to its last indicator. */
export function estensioneLinea(linea: Linea): { prima: number; ultima: number } {
  let prima = Infinity;
  let ultima = -Infinity;
  const conta = (riga: number) => {
    prima = Math.min(prima, riga);
    ultima = Math.max(ultima, riga);
  };
  // A loop, not Math.min(...rows): a line of 150,000 indicators would overflow the call stack.
  for (const o of linea.obiettivi) for (const i of o.indicatori) conta(i.riga);
  if (linea.cellaTitolo) conta(parseA1(linea.cellaTitolo).row + 1);
  if (linea.percentuale) conta(parseA1(linea.percentuale.cella).row + 1);
  return { prima, ultima };
}

/** How one sheet that holds lines is laid out for printing. */
export interface StampaFoglio {
  foglio: string;
  /** The table's header row (1-based). */
  rigaIntestazione: number | null;
  /**
   * The sheet repeats its header row itself where its printed pages start (each line opens with its
   * own header, and a long line repeats it, as the staff lay the report out by hand): a page starts
   * before each of those rows and no row is repeated by the printer, so no page shows the header
   * twice. False: the header row is repeated at the top of every page (print titles).
   */
  intestazioniProprie: boolean;
  /** Rows (1-based) after which a page ends: each line after the first starts a new page. */
  interruzioni: number[];
  /** Columns (0-based) of the long texts, wrapped so they stay readable. */
  colonneTesto: number[];
  /** Indicator rows (1-based): where long texts are wrapped. */
  righeIndicatori: number[];
}

/** The row repeated at the top of every printed page, if any: the header row unless the sheet repeats it itself. */
export function rigaTitoli(p: StampaFoglio): number | null {
  return p.intestazioniProprie ? null : p.rigaIntestazione;
}

export interface OpzioniStampa {
  /** Repeat the header row on every page even where the sheet repeats it itself (the command line's fallback). */
  titoliRipetuti?: boolean;
}

/**
 * The longest run of rows, from a header row to the next, trusted to fit on one printed page. Rows
 * differ in height (a long Definizione takes ten lines), so this stays well under the average of
 * RIGHE_PER_PAGINA (src/layout/indice.ts): a longer run would spill onto a page without a header.
 */
export const RIGHE_SOTTO_UN_INTESTAZIONE = 20;

/** The columns of long texts, wrapped for printing. */
const COLONNE_A_CAPO = ["settore", "obiettivo", "definizione", "indicatore", "formula", "finalita", "note"] as const;

/** The print layout of every sheet that holds lines. */
export function pianoStampa(linee: Linea[], fogli: SheetGrid[], opzioni: OpzioniStampa = {}): StampaFoglio[] {
  const perFoglio = new Map<string, Linea[]>();
  for (const l of linee) perFoglio.set(l.foglio, [...(perFoglio.get(l.foglio) ?? []), l]);
  return [...perFoglio].map(([foglio, proprie]) => {
    const ordinate = [...proprie].sort((a, b) => estensioneLinea(a).prima - estensioneLinea(b).prima);
    const estensioni = ordinate.map(estensioneLinea);
    const grid = fogli.find((g) => g.name === foglio);
    const intestazione = primaIntestazione(grid);
    const colonne = intestazione?.colonne ?? {};
    // A section starts at its first non-empty row after the previous line (a caption such as
    // "Relazione sulla Performance 2024" above the title belongs to it).
    const inizi = estensioni.map((e, i) => primaRigaPiena(grid, i === 0 ? 1 : estensioni[i - 1].ultima + 1, e.prima));
    const proprieIntestazioni =
      intestazione && !opzioni.titoliRipetuti ? pagineDelleIntestazioni(grid!, intestazione, ordinate, inizi) : null;
    return {
      foglio,
      rigaIntestazione: intestazione?.riga ?? null,
      intestazioniProprie: proprieIntestazioni !== null,
      interruzioni: [...inizi.slice(1), ...(proprieIntestazioni ?? [])].sort((a, b) => a - b).map((r) => r - 1),
      colonneTesto: COLONNE_A_CAPO.flatMap((c) => (colonne[c] === undefined ? [] : [colonne[c]])),
      righeIndicatori: proprie.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori.map((i) => i.riga))),
    };
  });
}

/**
 * Where the sheet repeats its header row inside a line (1-based rows: a page should start there),
 * when every line opens with its own header and no run of rows from one header to the next is
 * longer than a page; null otherwise (the header row is then repeated by the printer).
 */
function pagineDelleIntestazioni(
  grid: SheetGrid,
  intestazione: { riga: number; colonne: ColonneTabella },
  linee: Linea[],
  inizi: number[]
): number[] | null {
  const ripetute = righeIntestazione(grid, intestazione);
  const nuovePagine: number[] = [];
  for (let l = 0; l < linee.length; l++) {
    let primaDati = Infinity;
    let fine = -Infinity;
    for (const o of linee[l].obiettivi)
      for (const i of o.indicatori) {
        primaDati = Math.min(primaDati, i.riga);
        fine = Math.max(fine, i.riga);
      }
    if (!ripetute.some((r) => r >= inizi[l] && r < primaDati)) return null;
    const dentro = ripetute.filter((r) => r > primaDati && r <= fine);
    const pagine = [inizi[l], ...dentro, fine + 1];
    for (let p = 1; p < pagine.length; p++) if (pagine[p] - pagine[p - 1] > RIGHE_SOTTO_UN_INTESTAZIONE) return null;
    nuovePagine.push(...dentro);
  }
  return nuovePagine;
}

/** Rows (1-based) that repeat the header row: the same text in each of its columns. */
function righeIntestazione(grid: SheetGrid, intestazione: { riga: number; colonne: ColonneTabella }): number[] {
  const origine = grid.origin ?? { row: 0, col: 0 };
  const colonne = Object.values(intestazione.colonne).map((c) => c - origine.col);
  const testo = (r: number, c: number) => {
    const v = rigaDelFoglio(grid, r)[c];
    return typeof v === "string" ? v.trim() : null;
  };
  const attese = colonne.map((c) => testo(intestazione.riga, c));
  const righe: number[] = [];
  for (let r = intestazione.riga; r <= origine.row + grid.values.length; r++)
    if (colonne.every((c, i) => testo(r, c) === attese[i])) righe.push(r);
  return righe;
}

/** First row (1-based) between `da` and `a` holding any value; `a` when all are empty. */
function primaRigaPiena(grid: SheetGrid | undefined, da: number, a: number): number {
  for (let r = da; grid && r < a; r++)
    if (rigaDelFoglio(grid, r).some((v) => v !== null && v !== undefined && v !== "")) return r;
  return a;
}

/** The sheet's first table header: its row (1-based) and its columns (0-based sheet columns). */
function primaIntestazione(grid: SheetGrid | undefined): { riga: number; colonne: ColonneTabella } | null {
  if (!grid) return null;
  const origine = grid.origin ?? { row: 0, col: 0 };
  for (let r = 0; r < grid.values.length; r++) {
    const celle = (grid.values[r] ?? []).flatMap((v, c) => (typeof v === "string" ? [{ colonna: c, testo: v }] : []));
    const trovate = celle.length >= 4 ? riconosciIntestazione(celle) : null;
    if (trovate) {
      const colonne: ColonneTabella = {};
      for (const [campo, c] of Object.entries(trovate) as [keyof ColonneTabella, number][])
        colonne[campo] = c + origine.col;
      return { riga: r + origine.row + 1, colonne };
    }
  }
  return null;
}

/**
 * The report's year, from texts such as "Relazione sulla Performance 2024" or "Obiettivi 2024" in the
 * workbook's sheets; not from a sheet Barometro wrote (the Indice's title carries the year it was
 * written with).
 */
export function annoDelReport(fogli: SheetGrid[]): number | null {
  for (const grid of fogli) {
    if (isFoglioDiBarometro(grid)) continue;
    for (const riga of grid.values.slice(0, 200)) {
      for (const v of riga ?? []) {
        const m = typeof v === "string" ? /(?:performance|obiettivi)\D{0,20}(20\d\d)\b/i.exec(v) : null;
        if (m) return Number(m[1]);
      }
    }
  }
  return null;
}

/**
 * The footer's text: "Relazione sulla Performance 2024 — pag. &P di &N" (&P / &N are Excel's page
 * codes), as Office.js's centerFooter takes it; a file's headerFooter puts "&C" (centre) before it.
 */
export function piePagina(anno: number | null): string {
  return `Relazione sulla Performance${anno ? ` ${anno}` : ""} — pag. &P di &N`;
}

/** "11:11" for print titles (ExcelJS adds the $ signs). */
export function righeTitoli(riga: number): string {
  return `${riga}:${riga}`;
}

/** The title cell of a line, or its first row when it has none: where its section starts. */
export function inizioSezione(linea: Linea): string {
  return linea.cellaTitolo ?? a1(estensioneLinea(linea).prima - 1, 0);
}

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
  /** The footer of every sheet laid out (Indice included): piePagina. */
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
