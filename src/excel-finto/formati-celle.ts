import { intersezione, ULTIMA_RIGA } from "../excel/addresses";
import { ExcelRangeFill, ExcelRangeFont, ExcelRangeFormat } from "../excel/excel-api";
import { Area } from "../layout/grid";
import { ContestoFinto } from "./contesto";
import { nonValido } from "./errori";
import { CellaFinta } from "./modello";
import { COLORE_HEX, controllaScrittura, Intervallo, ProxyFinto, scrivi } from "./proxy";

export class RiempimentoProxy extends ProxyFinto<Intervallo> implements ExcelRangeFill {
  get color(): string {
    return this.proprieta("color");
  }

  set color(colore: string) {
    this.ctx.accoda("imposta", this.percorso, "color", colore, () => {
      if (!COLORE_HEX.test(colore)) throw nonValido(`Colore non valido: ${colore}`);
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { colore: colore.toUpperCase() }));
    });
  }

  clear(): void {
    this.ctx.accoda("chiama", this.percorso, "clear", null, () => {
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { colore: null }));
    });
  }

  protected override scalari(): readonly string[] {
    return ["color"];
  }

  /** Like Excel: the common colour, "#FFFFFF" without fill, null when the cells differ. */
  protected override leggiScalare(nome: string, intervallo: Intervallo): unknown {
    if (nome !== "color") return super.leggiScalare(nome, intervallo);
    const colori = new Set<string>();
    for (const a of intervallo.aree)
      for (let r = a.top; r <= a.bottom && colori.size < 2; r++)
        for (let c = a.left; c <= a.right && colori.size < 2; c++)
          colori.add(intervallo.foglio.cellaIn(r, c)?.colore ?? "#FFFFFF");
    return colori.size === 1 ? [...colori][0] : null;
  }
}

export class FormatoProxy extends ProxyFinto<Intervallo> implements ExcelRangeFormat {
  readonly fill: RiempimentoProxy;
  readonly font: CarattereProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => Intervallo | null) {
    super(ctx, percorso, trova);
    this.fill = new RiempimentoProxy(ctx, `${percorso}.fill`, trova);
    this.font = new CarattereProxy(ctx, `${percorso}.font`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "fill" ? this.fill : nome === "font" ? this.font : undefined;
  }

  get wrapText(): boolean {
    return this.proprieta("wrapText");
  }

  set wrapText(valore: boolean) {
    this.ctx.accoda("imposta", this.percorso, "wrapText", valore, () => {
      if (typeof valore !== "boolean") throw nonValido("wrapText: serve un booleano.");
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { aCapo: valore || undefined }));
    });
  }

  get verticalAlignment(): string {
    return this.proprieta("verticalAlignment");
  }

  set verticalAlignment(valore: string) {
    this.ctx.accoda("imposta", this.percorso, "verticalAlignment", valore, () => {
      if (!["Top", "Center", "Bottom", "Justify", "Distributed"].includes(valore))
        throw nonValido(`Allineamento verticale non valido: ${valore}`);
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) =>
        intervallo.foglio.impostaIn(r, c, { allineamentoVerticale: valore === "Bottom" ? undefined : valore })
      );
    });
  }

  get columnWidth(): number {
    return this.proprieta("columnWidth");
  }

  /** Every column the range spans gets this width (points); no cell is touched. */
  set columnWidth(punti: number) {
    this.ctx.accoda("imposta", this.percorso, "columnWidth", punti, () => {
      if (typeof punti !== "number" || !(punti >= 0)) throw nonValido(`Larghezza non valida: ${punti}`);
      const { foglio, aree } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      for (const a of aree) for (let c = a.left; c <= a.right; c++) foglio.larghezze.set(c, punti);
    });
  }

  /** Row heights are not modelled: the rows are recorded as fitted to their contents. */
  autofitRows(): void {
    this.ctx.accoda("chiama", this.percorso, "autofitRows", null, () => {
      const { foglio, aree } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      for (const a of aree) for (let r = a.top; r <= Math.min(a.bottom, ULTIMA_RIGA); r++) foglio.righeAdattate.add(r);
    });
  }

  protected override scalari(): readonly string[] {
    return ["wrapText", "verticalAlignment", "columnWidth"];
  }

  /** Like Excel: the common value, null when the cells differ. Widths: Excel's default (48 points) when not set. */
  protected override leggiScalare(nome: string, intervallo: Intervallo): unknown {
    if (nome === "columnWidth") {
      const { foglio, aree } = intervallo;
      return comune(aree.flatMap((a) => colonneDi(a).map((c) => foglio.larghezze.get(c) ?? LARGHEZZA_PREDEFINITA)));
    }
    if (nome === "wrapText") return comune(valoriCelle(intervallo, (c) => c?.aCapo === true));
    if (nome === "verticalAlignment")
      return comune(valoriCelle(intervallo, (c) => c?.allineamentoVerticale ?? "Bottom"));
    return super.leggiScalare(nome, intervallo);
  }

  /** Column widths are not modelled: checked like a write, changes nothing. */
  autofitColumns(): void {
    this.ctx.accoda("chiama", this.percorso, "autofitColumns", null, () => {
      controllaScrittura(this.ctx, this.oggetto().foglio);
    });
  }
}

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
  get bold(): boolean {
    return this.proprieta("bold");
  }

  set bold(valore: boolean) {
    this.ctx.accoda("imposta", this.percorso, "bold", valore, () => {
      if (typeof valore !== "boolean") throw nonValido("bold: serve un booleano.");
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) => intervallo.foglio.impostaIn(r, c, { grassetto: valore || undefined }));
    });
  }

  get size(): number {
    return this.proprieta("size");
  }

  set size(punti: number) {
    this.ctx.accoda("imposta", this.percorso, "size", punti, () => {
      if (typeof punti !== "number" || punti < 1 || punti > 409) throw nonValido(`Dimensione non valida: ${punti}`);
      const intervallo = this.oggetto();
      scrivi(this.ctx, intervallo, (r, c) =>
        intervallo.foglio.impostaIn(r, c, { dimensioneCarattere: punti === 11 ? undefined : punti })
      );
    });
  }

  protected override scalari(): readonly string[] {
    return ["bold", "size"];
  }

  protected override leggiScalare(nome: string, intervallo: Intervallo): unknown {
    if (nome === "bold") return comune(valoriCelle(intervallo, (c) => c?.grassetto === true));
    if (nome === "size") return comune(valoriCelle(intervallo, (c) => c?.dimensioneCarattere ?? 11));
    return super.leggiScalare(nome, intervallo);
  }
}
