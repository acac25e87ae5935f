import { Linea } from "../engine";
import { a1, parseA1, SheetGrid } from "./grid";
import { ColonneTabella, riconosciIntestazione } from "./headers";

/** First and last sheet row (1-based) a line occupies, from its title to its last indicator. */
export function estensioneLinea(linea: Linea): { prima: number; ultima: number } {
  const righe = linea.obiettivi.flatMap((o) => o.indicatori.map((i) => i.riga));
  if (linea.cellaTitolo) righe.push(parseA1(linea.cellaTitolo).row + 1);
  if (linea.percentuale) righe.push(parseA1(linea.percentuale.cella).row + 1);
  return { prima: Math.min(...righe), ultima: Math.max(...righe) };
}

/** How one sheet that holds lines is laid out for printing. */
export interface StampaFoglio {
  foglio: string;
  /** The table's header row (1-based), repeated at the top of every printed page. */
  rigaIntestazione: number | null;
  /** Rows (1-based) after which a page ends: each line after the first starts a new page. */
  interruzioni: number[];
  /** Columns (0-based) of the long texts, wrapped so they stay readable. */
  colonneTesto: number[];
  /** Indicator rows (1-based): where long texts are wrapped. */
  righeIndicatori: number[];
}

/** The columns of long texts, wrapped for printing. */
const COLONNE_A_CAPO = ["settore", "obiettivo", "definizione", "indicatore", "formula", "finalita", "note"] as const;

/** The print layout of every sheet that holds lines. */
export function pianoStampa(linee: Linea[], fogli: SheetGrid[]): StampaFoglio[] {
  const perFoglio = new Map<string, Linea[]>();
  for (const l of linee) perFoglio.set(l.foglio, [...(perFoglio.get(l.foglio) ?? []), l]);
  return [...perFoglio].map(([foglio, proprie]) => {
    const estensioni = proprie.map(estensioneLinea).sort((a, b) => a.prima - b.prima);
    const grid = fogli.find((g) => g.name === foglio);
    const intestazione = primaIntestazione(grid);
    const colonne = intestazione?.colonne ?? {};
    return {
      foglio,
      rigaIntestazione: intestazione?.riga ?? null,
      // A section starts at its first non-empty row after the previous line (a caption such as
      // "Relazione sulla Performance 2024" above the title belongs to it).
      interruzioni: estensioni.slice(1).map((e, i) => primaRigaPiena(grid, estensioni[i].ultima + 1, e.prima) - 1),
      colonneTesto: COLONNE_A_CAPO.flatMap((c) => (colonne[c] === undefined ? [] : [colonne[c]])),
      righeIndicatori: proprie.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori.map((i) => i.riga))),
    };
  });
}

/** First row (1-based) between `da` and `a` holding any value; `a` when all are empty. */
function primaRigaPiena(grid: SheetGrid | undefined, da: number, a: number): number {
  const origine = grid?.origin ?? { row: 0, col: 0 };
  for (let r = da; r < a; r++) {
    const riga = grid?.values[r - 1 - origine.row] ?? [];
    if (riga.some((v) => v !== null && v !== undefined && v !== "")) return r;
  }
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

/** The report's year, from texts such as "Relazione sulla Performance 2024" or "Obiettivi 2024". */
export function annoDelReport(fogli: SheetGrid[]): number | null {
  for (const grid of fogli) {
    for (const riga of grid.values.slice(0, 200)) {
      for (const v of riga ?? []) {
        const m = typeof v === "string" ? /(?:performance|obiettivi)\D{0,20}(20\d\d)\b/i.exec(v) : null;
        if (m) return Number(m[1]);
      }
    }
  }
  return null;
}

/** The footer Excel prints: "Relazione sulla Performance 2024 — pag. 3 di 20" (&P / &N are Excel's page codes). */
export function piePagina(anno: number | null): string {
  return `&CRelazione sulla Performance${anno ? ` ${anno}` : ""} — pag. &P di &N`;
}

/** "11:11" for print titles (ExcelJS adds the $ signs). */
export function righeTitoli(riga: number): string {
  return `${riga}:${riga}`;
}

/** The title cell of a line, or its first row when it has none: where its section starts. */
export function inizioSezione(linea: Linea): string {
  return linea.cellaTitolo ?? a1(estensioneLinea(linea).prima - 1, 0);
}
