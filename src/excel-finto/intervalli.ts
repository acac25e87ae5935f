/**
 * Ranges: Range (values, formulas, numberFormat; clear, merge, select, merged areas, special cells),
 * RangeAreas and RangeCollection.
 */
import { a1DaArea, indirizzoCompleto, intersecano } from "../excel/addresses";
import { ExcelRange, ExcelRangeAreas, ExcelRangeCollection } from "../excel/excel-api";
import { Area } from "../layout/griglia";
import { ContestoFinto } from "./contesto";
import { CODICI_ERRORE, ErroreExcelFinto, nonValido } from "./errori";
import { FoglioFinto } from "./foglio";
import { FormatoProxy } from "./formati-celle";
import { RaccoltaFormatiProxy } from "./formati-condizionali";
import { CellaFinta, GENERALE, ValoreFinto } from "./modello";
import { descrivi, Proprieta } from "./proprieta";
import { controllaScrittura, Intervallo, ogniCella, ProxyFinto, RaccoltaProxy, scrivi } from "./proxy";
import { erroreFormulaCella, erroreLetturaCelle, POSIZIONE_ERRORE_UNIONI } from "./vincoli";

export class RangeProxy extends ProxyFinto<Intervallo> implements ExcelRange {
  declare readonly address: string;
  declare readonly rowCount: number;
  declare readonly columnCount: number;
  declare values: unknown[][];
  declare formulas: unknown[][];
  declare numberFormat: unknown[][];
  readonly format: FormatoProxy;
  readonly conditionalFormats: RaccoltaFormatiProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => Intervallo | null) {
    super(ctx, percorso, trova);
    this.format = new FormatoProxy(ctx, `${percorso}.format`, trova);
    this.conditionalFormats = new RaccoltaFormatiProxy(ctx, `${percorso}.conditionalFormats`, trova);
  }

  /**
   * Clears contents (values, formulas), formats (number format, fill, other formatting) or both.
   * Not modelled: Excel's "Formats" and "All" also remove conditional formats from these cells.
   */
  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    this.ctx.accoda("chiama", this.percorso, "clear", [applyTo], () => {
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => {
        if (!intervallo.foglio.cellaIn(r, c)) return;
        const contenuto = applyTo !== "Formats" ? { valore: null, formula: undefined } : {};
        const formati =
          applyTo !== "Contents"
            ? {
                formato: undefined,
                colore: null,
                formattata: false,
                aCapo: undefined,
                allineamentoVerticale: undefined,
                grassetto: undefined,
                dimensioneCarattere: undefined,
              }
            : {};
        intervallo.foglio.impostaIn(r, c, { ...contenuto, ...formati });
      });
    });
  }

  private area(): { foglio: FoglioFinto; area: Area } {
    const i = this.oggetto();
    return { foglio: i.foglio, area: i.aree[0] };
  }

  select(): void {
    this.ctx.accoda("chiama", this.percorso, "select", null, () => {
      const { foglio, area } = this.area();
      this.ctx.cartella.foglioAttivo = foglio.id;
      this.ctx.cartella.selezione = { foglio: foglio.id, area };
    });
  }

  /** Merges the range (across: each row); an area overlapping an existing merge is refused. */
  merge(across?: boolean): void {
    this.ctx.accoda("chiama", this.percorso, "merge", [across ?? false], () => {
      const { foglio, area } = this.area();
      controllaScrittura(this.ctx, foglio);
      const aree = across
        ? Array.from({ length: area.bottom - area.top + 1 }, (_, k) => ({
            ...area,
            top: area.top + k,
            bottom: area.top + k,
          }))
        : [area];
      for (const a of aree) {
        if (foglio.unioni.some((u) => intersecano(u, a)))
          throw new ErroreExcelFinto(CODICI_ERRORE.nonPermesso, `Unione sovrapposta a un'altra: ${a1DaArea(a)}.`);
        if (a.top !== a.bottom || a.left !== a.right) foglio.unisci(a1DaArea(a));
      }
    });
  }

  getMergedAreasOrNullObject(): ExcelRangeAreas {
    return new AreeProxy(this.ctx, `${this.percorso}.getMergedAreasOrNullObject()`, () => {
      const i = this.risolvi();
      if (!i) return null;
      const area = i.aree[0];
      const aree = i.foglio.unioni.filter(
        (u) => u.top >= area.top && u.top <= area.bottom && u.left >= area.left && u.left <= area.right
      );
      if (aree.length > this.ctx.cartella.maxAreeUnite)
        throw new ErroreExcelFinto(
          CODICI_ERRORE.generico,
          `Più di ${this.ctx.cartella.maxAreeUnite} aree unite.`,
          POSIZIONE_ERRORE_UNIONI
        );
      return aree.length > 0 ? { foglio: i.foglio, aree } : null;
    });
  }

  getSpecialCellsOrNullObject(cellType: "Formulas"): ExcelRangeAreas {
    return new AreeProxy(this.ctx, `${this.percorso}.getSpecialCellsOrNullObject(${JSON.stringify(cellType)})`, () => {
      const i = this.risolvi();
      if (!i) return null;
      const area = i.aree[0];
      const celle: { riga: number; colonna: number }[] = [];
      // Only the rows of the area (a read in slices asks for each slice's formulas).
      for (const { riga, colonna, cella } of i.foglio.celleNelleRighe(area.top, area.bottom))
        if (cella.formula !== undefined && colonna >= area.left && colonna <= area.right) celle.push({ riga, colonna });
      return celle.length > 0 ? { foglio: i.foglio, aree: colonneContigue(celle) } : null;
    });
  }
}

/** The range's cells as a 2-D array, read as Office.js gives them (at most 5,000,000 cells: vincoli.ts). */
function griglia(i: Intervallo, f: (c: CellaFinta | undefined) => unknown): unknown[][] {
  const { foglio } = i;
  const area = i.aree[0];
  const troppe = erroreLetturaCelle((area.bottom - area.top + 1) * (area.right - area.left + 1));
  if (troppe) throw new ErroreExcelFinto(CODICI_ERRORE.generico, troppe);
  return Array.from({ length: area.bottom - area.top + 1 }, (_, r) =>
    Array.from({ length: area.right - area.left + 1 }, (_, c) => f(foglio.cellaIn(area.top + r, area.left + c)))
  );
}

/**
 * A 2-D property (values, formulas, numberFormat): read as a grid; written with an array matching
 * the range (InvalidArgument otherwise) or a single value for every cell; null leaves a cell as it is.
 */
function matrice(
  nome: string,
  daCella: (c: CellaFinta | undefined) => unknown,
  inCella: (ctx: ContestoFinto, foglio: FoglioFinto, r: number, c: number, v: ValoreFinto | "") => void
): Proprieta<Intervallo, RangeProxy> {
  return {
    leggi: (i) => griglia(i, daCella),
    scrivi: {
      applica: (i, dati: unknown, proxy) => {
        const { foglio } = i;
        const area = i.aree[0];
        const righe = area.bottom - area.top + 1;
        const colonne = area.right - area.left + 1;
        const comeMatrice = Array.isArray(dati);
        if (
          comeMatrice &&
          (dati.length !== righe || dati.some((riga) => !Array.isArray(riga) || riga.length !== colonne))
        )
          throw nonValido(
            "The number of rows or columns in the input array doesn't match the size or dimensions of the range."
          );
        ogniCella({ foglio, aree: [area] }, (r, c, k, j) => {
          const v = comeMatrice ? (dati as unknown[][])[k][j] : dati;
          if (v === null || v === undefined) return; // Office: null leaves the cell as it is
          if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
            throw nonValido(`Valore non valido per ${nome}.`);
          inCella(proxy.ctx, foglio, r, c, v);
        });
      },
    },
  };
}

/** A formula written into a cell: at most 8,192 characters (vincoli.ts); its value when the workbook computes it. */
function scriviFormula(ctx: ContestoFinto, foglio: FoglioFinto, r: number, c: number, formula: string): void {
  const troppoLunga = erroreFormulaCella(formula);
  if (troppoLunga) throw nonValido(troppoLunga);
  const valore = ctx.cartella.valutaFormula?.(formula, foglio, r, c);
  foglio.impostaIn(r, c, valore === undefined ? { formula } : { formula, valore });
}

descrivi(RangeProxy, {
  foglio: (i) => i.foglio,
  proprieta: {
    address: { leggi: (i) => indirizzoCompleto(i.foglio.nome, i.aree[0]) },
    rowCount: { leggi: (i) => i.aree[0].bottom - i.aree[0].top + 1 },
    columnCount: { leggi: (i) => i.aree[0].right - i.aree[0].left + 1 },
    rowIndex: { leggi: (i) => i.aree[0].top },
    columnIndex: { leggi: (i) => i.aree[0].left },
    values: matrice(
      "values",
      (c) => c?.valore ?? "",
      (ctx, foglio, r, c, v) => {
        if (typeof v === "string" && v.startsWith("'"))
          foglio.impostaIn(r, c, { valore: v.slice(1), formula: undefined });
        else if (typeof v === "string" && v.startsWith("=")) scriviFormula(ctx, foglio, r, c, v);
        else if (typeof v === "number" && foglio.cellaIn(r, c)?.formato === "@")
          // Excel: "Text format cells are treated as text even when a number is in the cell" (NumberFormatCategory.text).
          foglio.impostaIn(r, c, { valore: String(v), formula: undefined });
        else foglio.impostaIn(r, c, { valore: v === "" ? null : v, formula: undefined });
      }
    ),
    formulas: matrice(
      "formulas",
      (c) => c?.formula ?? c?.valore ?? "",
      (ctx, foglio, r, c, v) => {
        if (typeof v === "string" && v.startsWith("=")) scriviFormula(ctx, foglio, r, c, v);
        else if (typeof v === "string" && v.startsWith("'"))
          foglio.impostaIn(r, c, { valore: v.slice(1), formula: undefined });
        else foglio.impostaIn(r, c, { valore: v === "" ? null : v, formula: undefined });
      }
    ),
    numberFormat: matrice(
      "numberFormat",
      (c) => c?.formato ?? GENERALE,
      (_ctx, foglio, r, c, v) => {
        if (typeof v !== "string") throw nonValido("Formato numerico non valido.");
        foglio.impostaIn(r, c, { formato: v });
      }
    ),
  },
  figli: ["format", "conditionalFormats"],
});

/** Cells → rectangles one column wide, rows contiguous (how the fake reports special cells). */
export function colonneContigue(celle: { riga: number; colonna: number }[]): Area[] {
  const ordinate = [...celle].sort((a, b) => a.colonna - b.colonna || a.riga - b.riga);
  const aree: Area[] = [];
  for (const c of ordinate) {
    const ultima = aree[aree.length - 1];
    if (ultima && ultima.left === c.colonna && ultima.bottom === c.riga - 1) ultima.bottom = c.riga;
    else aree.push({ top: c.riga, bottom: c.riga, left: c.colonna, right: c.colonna });
  }
  return aree;
}

export class RaccoltaRangeProxy extends RaccoltaProxy<Intervallo, RangeProxy> implements ExcelRangeCollection {
  protected override creaElementi(i: Intervallo): RangeProxy[] {
    return i.aree.map(
      (area, k) => new RangeProxy(this.ctx, `${this.percorso}.items[${k}]`, () => ({ foglio: i.foglio, aree: [area] }))
    );
  }
}

export class AreeProxy extends ProxyFinto<Intervallo> implements ExcelRangeAreas {
  declare readonly address: string;
  declare readonly areaCount: number;
  readonly format: FormatoProxy;
  readonly areas: RaccoltaRangeProxy;
  readonly conditionalFormats: RaccoltaFormatiProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => Intervallo | null) {
    super(ctx, percorso, trova);
    this.format = new FormatoProxy(ctx, `${percorso}.format`, trova);
    this.areas = new RaccoltaRangeProxy(ctx, `${percorso}.areas`, trova);
    this.conditionalFormats = new RaccoltaFormatiProxy(ctx, `${percorso}.conditionalFormats`, trova);
  }
}

descrivi(AreeProxy, {
  proprieta: {
    address: { leggi: (i) => i.aree.map((a) => indirizzoCompleto(i.foglio.nome, a)).join(", ") },
    areaCount: { leggi: (i) => i.aree.length },
  },
  figli: ["format", "areas", "conditionalFormats"],
});
