/**
 * Cell formats (Range.format, its fill and font). Each format property is written to every cell of
 * the range and read, as Excel reports a format over several cells, as the common value (null when
 * the cells differ): see diOgniCella.
 */
import { intersezione, ULTIMA_RIGA } from "../excel/addresses";
import { ExcelRangeFill, ExcelRangeFont, ExcelRangeFormat } from "../excel/excel-api";
import { Area } from "../layout/griglia";
import { ContestoFinto } from "./contesto";
import { CellaFinta } from "./modello";
import { descrivi, Proprieta } from "./proprieta";
import { COLORE_HEX, controllaScrittura, Intervallo, ogniCella, ProxyFinto, scrivi } from "./proxy";

const VERTICALI = ["Top", "Center", "Bottom", "Justify", "Distributed"];

/**
 * A format of each cell: `valida` the value, `inCella` what a cell stores for it (undefined for
 * Excel's default, so that a default cell stays empty), `daCella` what a cell (or a blank one) shows.
 */
function diOgniCella<V>(
  valida: (v: unknown) => string | null,
  inCella: (v: V) => Partial<CellaFinta>,
  daCella: (c: CellaFinta | undefined) => V
): Proprieta<Intervallo, ProxyFinto<Intervallo>> {
  return {
    leggi: (intervallo) => comune(valoriCelle(intervallo, daCella)),
    scrivi: {
      valida,
      applica: (intervallo, valore: V) =>
        ogniCella(intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, inCella(valore))),
    },
  };
}

const booleano = (nome: string) => (v: unknown) => (typeof v === "boolean" ? null : `${nome}: serve un booleano.`);
const foglioDi = (i: Intervallo) => i.foglio;

export class RiempimentoProxy extends ProxyFinto<Intervallo> implements ExcelRangeFill {
  declare color: string;

  clear(): void {
    this.ctx.accoda("chiama", this.percorso, "clear", null, () => {
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { colore: null }));
    });
  }
}

descrivi(RiempimentoProxy, {
  foglio: foglioDi,
  proprieta: {
    color: {
      /** Like Excel: the common colour, "#FFFFFF" without fill, null when the cells differ. */
      leggi: (intervallo) => {
        const colori = new Set<string>();
        for (const a of intervallo.aree)
          for (let r = a.top; r <= a.bottom && colori.size < 2; r++)
            for (let c = a.left; c <= a.right && colori.size < 2; c++)
              colori.add(intervallo.foglio.cellaIn(r, c)?.colore ?? "#FFFFFF");
        return colori.size === 1 ? [...colori][0] : null;
      },
      scrivi: {
        valida: (v) => (typeof v === "string" && COLORE_HEX.test(v) ? null : `Colore non valido: ${String(v)}`),
        applica: (intervallo, colore: string) =>
          ogniCella(intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { colore: colore.toUpperCase() })),
      },
    },
  },
});

export class FormatoProxy extends ProxyFinto<Intervallo> implements ExcelRangeFormat {
  declare wrapText: boolean;
  declare verticalAlignment: string;
  /** Writing gives every column the range spans this width (points); no cell is touched. */
  declare columnWidth: number;
  readonly fill: RiempimentoProxy;
  readonly font: CarattereProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => Intervallo | null) {
    super(ctx, percorso, trova);
    this.fill = new RiempimentoProxy(ctx, `${percorso}.fill`, trova);
    this.font = new CarattereProxy(ctx, `${percorso}.font`, trova);
  }

  /** Row heights are not modelled: the rows are recorded as fitted to their contents. */
  autofitRows(): void {
    this.ctx.accoda("chiama", this.percorso, "autofitRows", null, () => {
      const { foglio, aree } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      for (const a of aree) for (let r = a.top; r <= Math.min(a.bottom, ULTIMA_RIGA); r++) foglio.righeAdattate.add(r);
    });
  }

  /** Column widths are not modelled: checked like a write, changes nothing. */
  autofitColumns(): void {
    this.ctx.accoda("chiama", this.percorso, "autofitColumns", null, () => {
      controllaScrittura(this.ctx, this.oggetto().foglio);
    });
  }
}

descrivi(FormatoProxy, {
  foglio: foglioDi,
  proprieta: {
    wrapText: diOgniCella(
      booleano("wrapText"),
      (v: boolean) => ({ aCapo: v || undefined }),
      (c) => c?.aCapo === true
    ),
    verticalAlignment: diOgniCella(
      (v) =>
        typeof v === "string" && VERTICALI.includes(v) ? null : `Allineamento verticale non valido: ${String(v)}`,
      (v: string) => ({ allineamentoVerticale: v === "Bottom" ? undefined : v }),
      (c) => c?.allineamentoVerticale ?? "Bottom"
    ),
    columnWidth: {
      /** Excel's default (48 points) where no width was set. */
      leggi: ({ foglio, aree }) =>
        comune(aree.flatMap((a) => colonneDi(a).map((c) => foglio.larghezze.get(c) ?? LARGHEZZA_PREDEFINITA))),
      scrivi: {
        valida: (v) => (typeof v === "number" && v >= 0 ? null : `Larghezza non valida: ${String(v)}`),
        applica: ({ foglio, aree }, punti: number) => {
          for (const a of aree) for (let c = a.left; c <= a.right; c++) foglio.larghezze.set(c, punti);
        },
      },
    },
  },
  figli: ["fill", "font"],
});

/** Excel's default column width (8.43 characters of Calibri 11), in points. */
export const LARGHEZZA_PREDEFINITA = 48;

/** The common value, null when they differ (as Excel reports a format over mixed cells). */
export function comune<V>(valori: V[]): V | null {
  return valori.length > 0 && valori.every((v) => v === valori[0]) ? valori[0] : null;
}

export function colonneDi(a: Area): number[] {
  return Array.from({ length: a.right - a.left + 1 }, (_, i) => a.left + i);
}

/**
 * A property of the cells of the range: the cells inside the used area one by one, plus one
 * blank cell's when the range reaches beyond it (whole columns or rows stay cheap).
 */
export function valoriCelle<V>(intervallo: Intervallo, f: (c: CellaFinta | undefined) => V): V[] {
  const usata = intervallo.foglio.areaUsata(false);
  const valori: V[] = [];
  for (const a of intervallo.aree) {
    const dentro = usata && intersezione(a, usata);
    let celle = 0;
    if (dentro)
      for (let r = dentro.top; r <= dentro.bottom; r++)
        for (let c = dentro.left; c <= dentro.right; c++, celle++) valori.push(f(intervallo.foglio.cellaIn(r, c)));
    if (celle < (a.bottom - a.top + 1) * (a.right - a.left + 1)) valori.push(f(undefined));
  }
  return valori;
}

export class CarattereProxy extends ProxyFinto<Intervallo> implements ExcelRangeFont {
  declare bold: boolean;
  declare size: number;
}

descrivi(CarattereProxy, {
  foglio: foglioDi,
  proprieta: {
    bold: diOgniCella(
      booleano("bold"),
      (v: boolean) => ({ grassetto: v || undefined }),
      (c) => c?.grassetto === true
    ),
    size: diOgniCella(
      (v) => (typeof v === "number" && v >= 1 && v <= 409 ? null : `Dimensione non valida: ${String(v)}`),
      (v: number) => ({ dimensioneCarattere: v === 11 ? undefined : v }),
      (c) => c?.dimensioneCarattere ?? 11
    ),
  },
});
