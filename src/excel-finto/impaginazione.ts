import { ULTIMA_COLONNA } from "../excel/addresses";
import {
  ExcelHeaderFooter,
  ExcelHeaderFooterGroup,
  ExcelPageBreak,
  ExcelPageBreakCollection,
  ExcelPageLayout,
  ExcelPageLayoutMarginOptions,
  ExcelPageLayoutZoomOptions,
  ExcelRange,
} from "../excel/excel-api";
import { ContestoFinto } from "./contesto";
import { CODICI_ERRORE, ErroreExcelFinto, nonCaricata, nonValido } from "./errori";
import { areaSenzaFoglio } from "./fogli";
import { FoglioFinto } from "./foglio";
import { RangeProxy } from "./intervalli";
import { PaginaFinta } from "./modello";
import { controllaScrittura, copia, ProxyFinto } from "./proxy";
import {
  CARTA_DOCUMENTATA,
  ORIENTAMENTI_DOCUMENTATI,
  primaPaginaDocumentata,
  zoomDocumentato,
} from "./vincoli-impaginazione";

/** A page-layout property set on a sheet: checked like a write (protected sheet, read-only workbook). */
export function impostaPagina(
  proxy: ProxyFinto<FoglioFinto>,
  ctx: ContestoFinto,
  nome: string,
  valore: unknown,
  applica: (f: FoglioFinto) => void
): void {
  ctx.accoda("imposta", proxy.percorso, nome, valore, () => {
    const f = proxy.risolvi();
    if (!f) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `${proxy.percorso}: oggetto nullo.`);
    // Assumption (Office's documentation is silent): a protected sheet refuses page-layout changes too.
    controllaScrittura(ctx, f);
    applica(f);
  });
}

export const MARGINI: Record<string, keyof PaginaFinta["margini"]> = {
  leftMargin: "left",
  rightMargin: "right",
  topMargin: "top",
  bottomMargin: "bottom",
  headerMargin: "header",
  footerMargin: "footer",
};

export const PUNTI_PER: Record<string, number> = { Points: 1, Inches: 72, Centimeters: 72 / 2.54 };

/** "$11:$11", "11:12" → whole rows "$11:$12"; anything else is refused. */
export function righeTitoliDa(indirizzo: string): string {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(indirizzo.replace(/^.*!/, "").trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1]))
    throw nonValido(`Righe da ripetere non valide: ${indirizzo}`);
  return `$${m[1]}:$${m[2]}`;
}

export class ImpaginazioneProxy extends ProxyFinto<FoglioFinto> implements ExcelPageLayout {
  readonly headersFooters: IntestazioniProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => FoglioFinto | null) {
    super(ctx, percorso, trova);
    this.headersFooters = new IntestazioniProxy(ctx, `${percorso}.headersFooters`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "headersFooters" ? this.headersFooters : undefined;
  }

  get orientation(): string {
    return this.proprieta("orientation");
  }

  set orientation(valore: string) {
    impostaPagina(this, this.ctx, "orientation", valore, (f) => {
      if (!ORIENTAMENTI_DOCUMENTATI.has(valore)) throw nonValido(`Orientamento non valido: ${valore}`);
      f.pagina.orientamento = valore;
    });
  }

  get paperSize(): string {
    return this.proprieta("paperSize");
  }

  set paperSize(valore: string) {
    impostaPagina(this, this.ctx, "paperSize", valore, (f) => {
      if (!CARTA_DOCUMENTATA.has(valore)) throw nonValido(`Formato della carta non valido: ${valore}`);
      f.pagina.carta = valore;
    });
  }

  get zoom(): ExcelPageLayoutZoomOptions {
    return this.proprieta("zoom");
  }

  /** A percentage (10–400), or fit to pages wide / tall: documented values only (zoomDocumentato). */
  set zoom(valore: ExcelPageLayoutZoomOptions) {
    const copiato = copia(valore);
    impostaPagina(this, this.ctx, "zoom", copiato, (f) => {
      const esito = zoomDocumentato(copiato);
      if ("errore" in esito) throw nonValido(esito.errore);
      f.pagina.zoom = esito.zoom;
    });
  }

  get centerHorizontally(): boolean {
    return this.proprieta("centerHorizontally");
  }

  set centerHorizontally(valore: boolean) {
    impostaPagina(this, this.ctx, "centerHorizontally", valore, (f) => (f.pagina.centraOrizzontale = valore === true));
  }

  get firstPageNumber(): number | "" | null {
    return this.proprieta("firstPageNumber");
  }

  set firstPageNumber(valore: number | "" | null) {
    impostaPagina(this, this.ctx, "firstPageNumber", valore, (f) => {
      const errore = primaPaginaDocumentata(valore);
      if (errore) throw nonValido(errore);
      f.pagina.primaPagina = valore as number | null;
    });
  }

  get leftMargin(): number {
    return this.proprieta("leftMargin");
  }
  set leftMargin(punti: number) {
    this.margine("leftMargin", punti);
  }
  get rightMargin(): number {
    return this.proprieta("rightMargin");
  }
  set rightMargin(punti: number) {
    this.margine("rightMargin", punti);
  }
  get topMargin(): number {
    return this.proprieta("topMargin");
  }
  set topMargin(punti: number) {
    this.margine("topMargin", punti);
  }
  get bottomMargin(): number {
    return this.proprieta("bottomMargin");
  }
  set bottomMargin(punti: number) {
    this.margine("bottomMargin", punti);
  }
  get headerMargin(): number {
    return this.proprieta("headerMargin");
  }
  set headerMargin(punti: number) {
    this.margine("headerMargin", punti);
  }
  get footerMargin(): number {
    return this.proprieta("footerMargin");
  }
  set footerMargin(punti: number) {
    this.margine("footerMargin", punti);
  }

  private margine(nome: string, punti: number): void {
    impostaPagina(this, this.ctx, nome, punti, (f) => {
      if (typeof punti !== "number" || punti < 0) throw nonValido(`Margine non valido: ${punti}`);
      f.pagina.margini[MARGINI[nome]] = punti;
    });
  }

  setPrintMargins(unit: "Points" | "Inches" | "Centimeters", marginOptions: ExcelPageLayoutMarginOptions): void {
    const opzioni = copia(marginOptions);
    this.ctx.accoda("chiama", this.percorso, "setPrintMargins", [unit, opzioni], () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      const fattore = PUNTI_PER[unit];
      if (fattore === undefined) throw nonValido(`Unità non valida: ${unit}`);
      for (const [k, v] of Object.entries(opzioni ?? {})) {
        if (!(k in f.pagina.margini) || typeof v !== "number" || v < 0) throw nonValido(`Margine non valido: ${k}`);
        // Points to a ten-thousandth (0.4 inches is 28.8 points, not 28.800000000000004).
        f.pagina.margini[k as keyof PaginaFinta["margini"]] = Math.round(v * fattore * 10_000) / 10_000;
      }
    });
  }

  setPrintTitleRows(printTitleRows: ExcelRange | string): void {
    const testo = typeof printTitleRows === "string" ? printTitleRows : `(${(printTitleRows as RangeProxy).percorso})`;
    this.ctx.accoda("chiama", this.percorso, "setPrintTitleRows", [testo], () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      if (typeof printTitleRows === "string") f.pagina.righeTitoli = righeTitoliDa(printTitleRows);
      else {
        const i = (printTitleRows as RangeProxy).risolvi();
        if (!i) throw nonValido("Le righe da ripetere sono un oggetto nullo.");
        // The reference: "The range must span the entire row to be valid."
        if (i.aree.length !== 1 || i.aree[0].left !== 0 || i.aree[0].right !== ULTIMA_COLONNA)
          throw nonValido("Le righe da ripetere devono essere righe intere.");
        f.pagina.righeTitoli = `$${i.aree[0].top + 1}:$${i.aree[0].bottom + 1}`;
      }
    });
  }

  getPrintTitleRowsOrNullObject(): ExcelRange {
    return new RangeProxy(this.ctx, `${this.percorso}.getPrintTitleRowsOrNullObject()`, () => {
      const f = this.risolvi();
      if (!f || !f.pagina.righeTitoli) return null;
      const [da, a] = f.pagina.righeTitoli.replace(/\$/g, "").split(":").map(Number);
      return { foglio: f, aree: [{ top: da - 1, left: 0, bottom: a - 1, right: ULTIMA_COLONNA }] };
    });
  }

  protected override scalari(): readonly string[] {
    return ["orientation", "paperSize", "zoom", "centerHorizontally", "firstPageNumber", ...Object.keys(MARGINI)];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    const p = f.pagina;
    if (nome in MARGINI) return p.margini[MARGINI[nome]];
    switch (nome) {
      case "orientation":
        return p.orientamento;
      case "paperSize":
        return p.carta;
      case "zoom":
        return copia(p.zoom);
      case "centerHorizontally":
        return p.centraOrizzontale;
      case "firstPageNumber":
        return p.primaPagina;
      default:
        return super.leggiScalare(nome, f);
    }
  }
}

export class IntestazioniProxy extends ProxyFinto<FoglioFinto> implements ExcelHeaderFooterGroup {
  readonly defaultForAllPages: PiePaginaProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => FoglioFinto | null) {
    super(ctx, percorso, trova);
    this.defaultForAllPages = new PiePaginaProxy(ctx, `${percorso}.defaultForAllPages`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "defaultForAllPages" ? this.defaultForAllPages : undefined;
  }

  get state(): string {
    return this.proprieta("state");
  }

  set state(valore: string) {
    impostaPagina(this, this.ctx, "state", valore, (f) => {
      if (!["Default", "FirstAndDefault", "OddAndEven", "FirstOddAndEven"].includes(valore))
        throw nonValido(`Stato di intestazioni e piè di pagina non valido: ${valore}`);
      f.pagina.statoIntestazioni = valore;
    });
  }

  protected override scalari(): readonly string[] {
    return ["state"];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    return nome === "state" ? f.pagina.statoIntestazioni : super.leggiScalare(nome, f);
  }
}

/** Only the centre footer of defaultForAllPages is modelled. */
export class PiePaginaProxy extends ProxyFinto<FoglioFinto> implements ExcelHeaderFooter {
  get centerFooter(): string {
    return this.proprieta("centerFooter");
  }

  set centerFooter(testo: string) {
    impostaPagina(this, this.ctx, "centerFooter", testo, (f) => {
      // Excel's limit for a header or footer section.
      if (typeof testo !== "string" || testo.length > 255) throw nonValido("Piè di pagina non valido.");
      f.pagina.piePagina = testo;
    });
  }

  protected override scalari(): readonly string[] {
    return ["centerFooter"];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    return nome === "centerFooter" ? f.pagina.piePagina : super.leggiScalare(nome, f);
  }
}

export interface RifInterruzione {
  foglio: FoglioFinto;
  riga: number;
}

/** worksheet.horizontalPageBreaks: the manual breaks, each above the row it starts a page with. */
export class RaccoltaInterruzioniProxy extends ProxyFinto<FoglioFinto> implements ExcelPageBreakCollection {
  private elementi: InterruzioneProxy[] | undefined;

  get items(): ExcelPageBreak[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const f = this.risolvi();
    if (!f) return { risposta: { isNullObject: true }, consegna: () => undefined };
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = f.interruzioni.map(
      (riga) =>
        new InterruzioneProxy(this.ctx, `${this.percorso}.items[row ${riga}]`, () =>
          f.interruzioni.includes(riga) ? { foglio: f, riga } : null
        )
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

  /** A break above the range's top-left cell (not above row 1; adding one twice keeps one). */
  add(pageBreakRange: ExcelRange | string): ExcelPageBreak {
    const testo = typeof pageBreakRange === "string" ? pageBreakRange : (pageBreakRange as RangeProxy).percorso;
    let riga: number | null = null;
    this.ctx.accoda("chiama", this.percorso, "add", [testo], () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      const area =
        typeof pageBreakRange === "string"
          ? areaSenzaFoglio(pageBreakRange)
          : (pageBreakRange as RangeProxy).risolvi()?.aree[0];
      if (!area) throw nonValido("Intervallo nullo.");
      if (area.top === 0) throw nonValido("Non si può interrompere la pagina sopra la riga 1.");
      if (!f.interruzioni.includes(area.top)) {
        f.interruzioni.push(area.top);
        f.interruzioni.sort((a, b) => a - b);
      }
      riga = area.top;
    });
    return new InterruzioneProxy(this.ctx, `${this.percorso}.add(${JSON.stringify(testo)})`, () => {
      const f = this.risolvi();
      if (riga === null)
        throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, "L'interruzione non è ancora stata aggiunta.");
      return f && f.interruzioni.includes(riga) ? { foglio: f, riga } : null;
    });
  }

  removePageBreaks(): void {
    this.ctx.accoda("chiama", this.percorso, "removePageBreaks", null, () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      f.interruzioni = [];
    });
  }
}

export class InterruzioneProxy extends ProxyFinto<RifInterruzione> implements ExcelPageBreak {
  get rowIndex(): number {
    return this.proprieta("rowIndex");
  }

  get columnIndex(): number {
    return this.proprieta("columnIndex");
  }

  protected override scalari(): readonly string[] {
    return ["rowIndex", "columnIndex"];
  }

  protected override leggiScalare(nome: string, r: RifInterruzione): unknown {
    if (nome === "rowIndex") return r.riga;
    if (nome === "columnIndex") return 0;
    return super.leggiScalare(nome, r);
  }
}
