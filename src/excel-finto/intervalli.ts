import { a1DaArea, indirizzoCompleto, intersecano } from "../excel/addresses";
import { ExcelRange, ExcelRangeAreas, ExcelRangeCollection } from "../excel/excel-api";
import { Area } from "../layout/grid";
import { ContestoFinto } from "./contesto";
import { CODICI_ERRORE, ErroreExcelFinto, nonCaricata, nonValido } from "./errori";
import { FoglioFinto } from "./foglio";
import { FormatoProxy } from "./formati-celle";
import { RaccoltaFormatiProxy } from "./formati-condizionali";
import { CellaFinta, GENERALE, ValoreFinto } from "./modello";
import { controllaScrittura, copia, Intervallo, ProxyFinto, scrivi } from "./proxy";
import { erroreFormulaCella, erroreLetturaCelle, POSIZIONE_ERRORE_UNIONI } from "./vincoli";

export class RangeProxy extends ProxyFinto<Intervallo> implements ExcelRange {
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

  get address(): string {
    return this.proprieta("address");
  }

  get rowCount(): number {
    return this.proprieta("rowCount");
  }

  get columnCount(): number {
    return this.proprieta("columnCount");
  }

  get values(): unknown[][] {
    return this.proprieta("values");
  }

  set values(valori: unknown[][]) {
    this.imposta("values", valori, (foglio, r, c, v) => {
      if (typeof v === "string" && v.startsWith("'"))
        foglio.impostaIn(r, c, { valore: v.slice(1), formula: undefined });
      else if (typeof v === "string" && v.startsWith("=")) this.scriviFormula(foglio, r, c, v);
      else if (typeof v === "number" && foglio.cellaIn(r, c)?.formato === "@")
        // Excel: "Text format cells are treated as text even when a number is in the cell" (NumberFormatCategory.text).
        foglio.impostaIn(r, c, { valore: String(v), formula: undefined });
      else foglio.impostaIn(r, c, { valore: v === "" ? null : v, formula: undefined });
    });
  }

  get formulas(): unknown[][] {
    return this.proprieta("formulas");
  }

  set formulas(formule: unknown[][]) {
    this.imposta("formulas", formule, (foglio, r, c, v) => {
      if (typeof v === "string" && v.startsWith("=")) this.scriviFormula(foglio, r, c, v);
      else if (typeof v === "string" && v.startsWith("'"))
        foglio.impostaIn(r, c, { valore: v.slice(1), formula: undefined });
      else foglio.impostaIn(r, c, { valore: v === "" ? null : v, formula: undefined });
    });
  }

  get numberFormat(): unknown[][] {
    return this.proprieta("numberFormat");
  }

  set numberFormat(formati: unknown[][]) {
    this.imposta("numberFormat", formati, (foglio, r, c, v) => {
      if (typeof v !== "string") throw nonValido("Formato numerico non valido.");
      foglio.impostaIn(r, c, { formato: v });
    });
  }

  private scriviFormula(foglio: FoglioFinto, r: number, c: number, formula: string): void {
    const troppoLunga = erroreFormulaCella(formula);
    if (troppoLunga) throw nonValido(troppoLunga);
    const valore = this.ctx.cartella.valutaFormula?.(formula, foglio, r, c);
    foglio.impostaIn(r, c, valore === undefined ? { formula } : { formula, valore });
  }

  /** A 2-D write: the array must match the range (or be a single value for every cell). */
  private imposta(
    proprieta: string,
    dati: unknown,
    perCella: (foglio: FoglioFinto, r: number, c: number, v: ValoreFinto | "") => void
  ): void {
    const copiati = copia(dati);
    this.ctx.accoda("imposta", this.percorso, proprieta, copiati, () => {
      const { foglio, area } = this.area();
      const righe = area.bottom - area.top + 1;
      const colonne = area.right - area.left + 1;
      const matrice = Array.isArray(copiati);
      if (matrice) {
        const m = copiati as unknown[];
        if (m.length !== righe || m.some((riga) => !Array.isArray(riga) || riga.length !== colonne))
          throw nonValido(
            "The number of rows or columns in the input array doesn't match the size or dimensions of the range."
          );
      }
      scrivi(this.ctx, { foglio, aree: [area] }, (r, c, i, j) => {
        const v = matrice ? (copiati as unknown[][])[i][j] : copiati;
        if (v === null || v === undefined) return; // Office: null leaves the cell as it is
        if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
          throw nonValido(`Valore non valido per ${proprieta}.`);
        perCella(foglio, r, c, v);
      });
    });
  }

  protected override scalari(): readonly string[] {
    return ["address", "values", "numberFormat", "formulas", "rowCount", "columnCount", "rowIndex", "columnIndex"];
  }

  protected override leggiScalare(nome: string, i: Intervallo): unknown {
    const foglio = i.foglio;
    const area = i.aree[0];
    const griglia = (f: (c: CellaFinta | undefined, r: number, col: number) => unknown) => {
      const troppe = erroreLetturaCelle((area.bottom - area.top + 1) * (area.right - area.left + 1));
      if (troppe) throw new ErroreExcelFinto(CODICI_ERRORE.generico, troppe);
      return Array.from({ length: area.bottom - area.top + 1 }, (_, r) =>
        Array.from({ length: area.right - area.left + 1 }, (_, c) =>
          f(foglio.cellaIn(area.top + r, area.left + c), area.top + r, area.left + c)
        )
      );
    };
    switch (nome) {
      case "address":
        return indirizzoCompleto(foglio.nome, area);
      case "rowCount":
        return area.bottom - area.top + 1;
      case "columnCount":
        return area.right - area.left + 1;
      case "rowIndex":
        return area.top;
      case "columnIndex":
        return area.left;
      case "values":
        return griglia((c) => c?.valore ?? "");
      case "numberFormat":
        return griglia((c) => c?.formato ?? GENERALE);
      case "formulas":
        return griglia((c) => c?.formula ?? c?.valore ?? "");
      default:
        return super.leggiScalare(nome, i);
    }
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "format" ? this.format : nome === "conditionalFormats" ? this.conditionalFormats : undefined;
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

export class RaccoltaRangeProxy extends ProxyFinto<Intervallo> implements ExcelRangeCollection {
  private elementi: RangeProxy[] | undefined;

  get items(): ExcelRange[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const i = this.risolvi();
    if (!i) return { risposta: { isNullObject: true }, consegna: () => undefined };
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = i.aree.map(
      (area, k) => new RangeProxy(this.ctx, `${this.percorso}.items[${k}]`, () => ({ foglio: i.foglio, aree: [area] }))
    );
    const esiti = elementi.map((e) => e.carica(sotto));
    return {
      risposta: { items: esiti.map((e) => e.risposta) },
      consegna: () => {
        esiti.forEach((e) => e.consegna());
        this.elementi = elementi;
      },
    };
  }
}

export class AreeProxy extends ProxyFinto<Intervallo> implements ExcelRangeAreas {
  readonly format: FormatoProxy;
  readonly areas: RaccoltaRangeProxy;
  readonly conditionalFormats: RaccoltaFormatiProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => Intervallo | null) {
    super(ctx, percorso, trova);
    this.format = new FormatoProxy(ctx, `${percorso}.format`, trova);
    this.areas = new RaccoltaRangeProxy(ctx, `${percorso}.areas`, trova);
    this.conditionalFormats = new RaccoltaFormatiProxy(ctx, `${percorso}.conditionalFormats`, trova);
  }

  get address(): string {
    return this.proprieta("address");
  }

  get areaCount(): number {
    return this.proprieta("areaCount");
  }

  protected override scalari(): readonly string[] {
    return ["address", "areaCount"];
  }

  protected override leggiScalare(nome: string, i: Intervallo): unknown {
    if (nome === "address") return i.aree.map((a) => indirizzoCompleto(i.foglio.nome, a)).join(", ");
    if (nome === "areaCount") return i.aree.length;
    return super.leggiScalare(nome, i);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    if (nome === "conditionalFormats") return this.conditionalFormats;
    return nome === "format" ? this.format : nome === "areas" ? this.areas : undefined;
  }
}
