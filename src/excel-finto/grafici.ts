import {
  ExcelChart,
  ExcelChartAxes,
  ExcelChartAxis,
  ExcelChartCollection,
  ExcelChartFill,
  ExcelChartLegend,
  ExcelChartPoint,
  ExcelChartPointFormat,
  ExcelChartPointsCollection,
  ExcelChartSeries,
  ExcelChartSeriesCollection,
  ExcelChartTitle,
  ExcelRange,
} from "../excel/excel-api";
import { ContestoFinto } from "./contesto";
import { CODICI_ERRORE, ErroreExcelFinto, nonCaricata, nonValido } from "./errori";
import { areaSenzaFoglio } from "./fogli";
import { FoglioFinto } from "./foglio";
import { RangeProxy } from "./intervalli";
import { datiGrafico, GraficoFinto } from "./modello";
import { COLORE_HEX, controllaScrittura, ProxyFinto } from "./proxy";

let prossimoGrafico = 1;

export interface RifGrafico {
  foglio: FoglioFinto;
  grafico: GraficoFinto;
}

export class RaccoltaGraficiProxy extends ProxyFinto<FoglioFinto> implements ExcelChartCollection {
  private elementi: GraficoProxy[] | undefined;

  get items(): ExcelChart[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const f = this.risolvi();
    if (!f) return { risposta: { isNullObject: true }, consegna: () => undefined };
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = f.grafici.map((g) => {
      const id = g.id;
      return new GraficoProxy(this.ctx, `${this.percorso}.getItem(${JSON.stringify(g.nome)})`, () => {
        const grafico = f.grafici.find((x) => x.id === id);
        return grafico ? { foglio: f, grafico } : null;
      });
    });
    const esiti = elementi.map((e) => e.carica(sotto));
    return {
      risposta: { items: esiti.map((e) => e.risposta) },
      consegna: () => {
        esiti.forEach((e) => e.consegna());
        this.elementi = elementi;
      },
    };
  }

  /** Adds a chart of the range's data (Excel names it "Grafico N" until `name` is set). */
  add(type: "BarClustered", sourceData: ExcelRange, seriesBy: "Auto" | "Columns" | "Rows" = "Auto"): ExcelChart {
    let creato: RifGrafico | null = null;
    this.ctx.accoda("chiama", this.percorso, "add", [type, (sourceData as RangeProxy).percorso, seriesBy], () => {
      const f = this.oggetto();
      controllaScrittura(this.ctx, f);
      if (!(sourceData instanceof RangeProxy)) throw nonValido("sourceData deve essere un Range.");
      const origine = sourceData.risolvi();
      if (!origine) throw nonValido("sourceData è un oggetto nullo.");
      const n = prossimoGrafico++;
      const grafico: GraficoFinto = {
        id: `{CH-${String(n).padStart(6, "0")}}`,
        nome: `Grafico ${f.grafici.length + 1}`,
        tipo: type,
        origine: { foglio: origine.foglio.id, area: { ...origine.aree[0] } },
        serieDa: seriesBy,
        titolo: null,
        legenda: true,
        posizione: null,
        categorieInvertite: false,
        minimo: null,
        massimo: null,
        nomiSerie: {},
        coloriPunti: {},
      };
      f.grafici.push(grafico);
      creato = { foglio: f, grafico };
    });
    return new GraficoProxy(this.ctx, `${this.percorso}.add(${JSON.stringify(type)})`, () => {
      if (!creato) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, "Il grafico non è ancora stato aggiunto.");
      const { foglio, grafico } = creato as RifGrafico;
      return foglio.grafici.includes(grafico) ? creato : null;
    });
  }

  private perNome(nome: string): RifGrafico | null {
    const f = this.oggetto();
    const grafico = f.grafici.find((g) => g.nome.toLowerCase() === nome.toLowerCase());
    return grafico ? { foglio: f, grafico } : null;
  }

  getItem(name: string): ExcelChart {
    return new GraficoProxy(this.ctx, `${this.percorso}.getItem(${JSON.stringify(name)})`, () => {
      const r = this.perNome(name);
      if (!r) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `Nessun grafico «${name}».`);
      return r;
    });
  }

  getItemOrNullObject(name: string): ExcelChart {
    return new GraficoProxy(this.ctx, `${this.percorso}.getItemOrNullObject(${JSON.stringify(name)})`, () =>
      this.risolvi() ? this.perNome(name) : null
    );
  }
}

/** A property of a chart part that Barometro sets: checked like a write, applied to the model. */
export function impostaGrafico(
  proxy: ProxyFinto<RifGrafico>,
  ctx: ContestoFinto,
  nome: string,
  valore: unknown,
  applica: (g: GraficoFinto) => void
): void {
  ctx.accoda("imposta", proxy.percorso, nome, valore, () => {
    const r = proxy.risolvi();
    if (!r) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `${proxy.percorso}: oggetto nullo.`);
    controllaScrittura(ctx, r.foglio);
    applica(r.grafico);
  });
}

export class GraficoProxy extends ProxyFinto<RifGrafico> implements ExcelChart {
  readonly title: TitoloGraficoProxy;
  readonly legend: LegendaProxy;
  readonly axes: AssiProxy;
  readonly series: RaccoltaSerieProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifGrafico | null) {
    super(ctx, percorso, trova);
    this.title = new TitoloGraficoProxy(ctx, `${percorso}.title`, trova);
    this.legend = new LegendaProxy(ctx, `${percorso}.legend`, trova);
    this.axes = new AssiProxy(ctx, `${percorso}.axes`, trova);
    this.series = new RaccoltaSerieProxy(ctx, `${percorso}.series`, trova);
  }

  get name(): string {
    return this.proprieta("name");
  }

  set name(nome: string) {
    impostaGrafico(this, this.ctx, "name", nome, (g) => (g.nome = nome));
  }

  get id(): string {
    return this.proprieta("id");
  }

  protected override scalari(): readonly string[] {
    return ["name", "id", "chartType"];
  }

  protected override leggiScalare(nome: string, r: RifGrafico): unknown {
    if (nome === "name") return r.grafico.nome;
    if (nome === "id") return r.grafico.id;
    if (nome === "chartType") return r.grafico.tipo;
    return super.leggiScalare(nome, r);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    if (nome === "title") return this.title;
    if (nome === "legend") return this.legend;
    return undefined;
  }

  delete(): void {
    this.ctx.accoda("chiama", this.percorso, "delete", null, () => {
      const { foglio, grafico } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      foglio.grafici.splice(foglio.grafici.indexOf(grafico), 1);
    });
  }

  setPosition(startCell: string, endCell?: string): void {
    impostaGrafico(this, this.ctx, "setPosition", [startCell, endCell ?? null], (g) => {
      areaSenzaFoglio(startCell);
      if (endCell !== undefined) areaSenzaFoglio(endCell);
      g.posizione = { da: startCell, a: endCell ?? null };
    });
  }
}

export class TitoloGraficoProxy extends ProxyFinto<RifGrafico> implements ExcelChartTitle {
  get text(): string {
    return this.proprieta("text");
  }

  set text(testo: string) {
    impostaGrafico(this, this.ctx, "text", testo, (g) => (g.titolo = testo));
  }

  protected override scalari(): readonly string[] {
    return ["text"];
  }

  protected override leggiScalare(nome: string, r: RifGrafico): unknown {
    return nome === "text" ? (r.grafico.titolo ?? "") : super.leggiScalare(nome, r);
  }
}

export class LegendaProxy extends ProxyFinto<RifGrafico> implements ExcelChartLegend {
  get visible(): boolean {
    return this.proprieta("visible");
  }

  set visible(visibile: boolean) {
    impostaGrafico(this, this.ctx, "visible", visibile, (g) => (g.legenda = visibile));
  }

  protected override scalari(): readonly string[] {
    return ["visible"];
  }

  protected override leggiScalare(nome: string, r: RifGrafico): unknown {
    return nome === "visible" ? r.grafico.legenda : super.leggiScalare(nome, r);
  }
}

export class AssiProxy extends ProxyFinto<RifGrafico> implements ExcelChartAxes {
  readonly categoryAxis: AsseProxy;
  readonly valueAxis: AsseProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifGrafico | null) {
    super(ctx, percorso, trova);
    this.categoryAxis = new AsseProxy(ctx, `${percorso}.categoryAxis`, trova, "categorie");
    this.valueAxis = new AsseProxy(ctx, `${percorso}.valueAxis`, trova, "valori");
  }
}

export class AsseProxy extends ProxyFinto<RifGrafico> implements ExcelChartAxis {
  constructor(
    ctx: ContestoFinto,
    percorso: string,
    trova: () => RifGrafico | null,
    private readonly quale: "categorie" | "valori"
  ) {
    super(ctx, percorso, trova);
  }

  get reversePlotOrder(): boolean {
    return this.proprieta("reversePlotOrder");
  }

  set reversePlotOrder(valore: boolean) {
    impostaGrafico(this, this.ctx, "reversePlotOrder", valore, (g) => {
      if (this.quale === "categorie") g.categorieInvertite = valore;
    });
  }

  get minimum(): unknown {
    return this.proprieta("minimum");
  }

  set minimum(valore: unknown) {
    impostaGrafico(this, this.ctx, "minimum", valore, (g) => {
      if (typeof valore !== "number") throw nonValido("minimum: serve un numero.");
      if (this.quale === "valori") g.minimo = valore;
    });
  }

  get maximum(): unknown {
    return this.proprieta("maximum");
  }

  set maximum(valore: unknown) {
    impostaGrafico(this, this.ctx, "maximum", valore, (g) => {
      if (typeof valore !== "number") throw nonValido("maximum: serve un numero.");
      if (this.quale === "valori") g.massimo = valore;
    });
  }

  protected override scalari(): readonly string[] {
    return ["reversePlotOrder", "minimum", "maximum"];
  }

  protected override leggiScalare(nome: string, r: RifGrafico): unknown {
    if (nome === "reversePlotOrder") return this.quale === "categorie" ? r.grafico.categorieInvertite : false;
    if (nome === "minimum") return this.quale === "valori" ? r.grafico.minimo : null;
    if (nome === "maximum") return this.quale === "valori" ? r.grafico.massimo : null;
    return super.leggiScalare(nome, r);
  }
}

export interface RifSerie extends RifGrafico {
  serie: number;
}

export class RaccoltaSerieProxy extends ProxyFinto<RifGrafico> implements ExcelChartSeriesCollection {
  getItemAt(index: number): ExcelChartSeries {
    return new SerieProxy(this.ctx, `${this.percorso}.getItemAt(${index})`, () => {
      const r = this.risolvi();
      if (!r) return null;
      const n = datiGrafico(this.ctx.cartella, r.grafico).serie.length;
      if (!Number.isInteger(index) || index < 0 || index >= n) throw nonValido(`Serie ${index} inesistente.`);
      return { ...r, serie: index };
    });
  }
}

export class SerieProxy extends ProxyFinto<RifSerie> implements ExcelChartSeries {
  readonly points: RaccoltaPuntiProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifSerie | null) {
    super(ctx, percorso, trova);
    this.points = new RaccoltaPuntiProxy(ctx, `${percorso}.points`, trova);
  }

  get name(): string {
    return this.proprieta("name");
  }

  set name(nome: string) {
    this.ctx.accoda("imposta", this.percorso, "name", nome, () => {
      const r = this.oggetto();
      controllaScrittura(this.ctx, r.foglio);
      r.grafico.nomiSerie[r.serie] = nome;
    });
  }

  get hasDataLabels(): boolean {
    return this.proprieta("hasDataLabels");
  }

  set hasDataLabels(mostra: boolean) {
    this.ctx.accoda("imposta", this.percorso, "hasDataLabels", mostra, () => {
      const r = this.oggetto();
      controllaScrittura(this.ctx, r.foglio);
      r.grafico.etichetteDati = { ...r.grafico.etichetteDati, [r.serie]: mostra };
    });
  }

  protected override scalari(): readonly string[] {
    return ["name", "hasDataLabels"];
  }

  protected override leggiScalare(nome: string, r: RifSerie): unknown {
    const serie = () => datiGrafico(this.ctx.cartella, r.grafico).serie[r.serie];
    if (nome === "name") return serie().nome;
    if (nome === "hasDataLabels") return serie().etichette;
    return super.leggiScalare(nome, r);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "points" ? this.points : undefined;
  }
}

export interface RifPunto extends RifSerie {
  punto: number;
}

export class RaccoltaPuntiProxy extends ProxyFinto<RifSerie> implements ExcelChartPointsCollection {
  get count(): number {
    return this.proprieta("count");
  }

  protected override scalari(): readonly string[] {
    return ["count"];
  }

  protected override leggiScalare(nome: string, r: RifSerie): unknown {
    return nome === "count" ? datiGrafico(this.ctx.cartella, r.grafico).categorie.length : super.leggiScalare(nome, r);
  }

  getItemAt(index: number): ExcelChartPoint {
    return new PuntoProxy(this.ctx, `${this.percorso}.getItemAt(${index})`, () => {
      const r = this.risolvi();
      if (!r) return null;
      const n = datiGrafico(this.ctx.cartella, r.grafico).categorie.length;
      if (!Number.isInteger(index) || index < 0 || index >= n) throw nonValido(`Punto ${index} inesistente.`);
      return { ...r, punto: index };
    });
  }
}

export class PuntoProxy extends ProxyFinto<RifPunto> implements ExcelChartPoint {
  readonly format: FormatoPuntoProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifPunto | null) {
    super(ctx, percorso, trova);
    this.format = new FormatoPuntoProxy(ctx, `${percorso}.format`, trova);
  }
}

export class FormatoPuntoProxy extends ProxyFinto<RifPunto> implements ExcelChartPointFormat {
  readonly fill: RiempimentoPuntoProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifPunto | null) {
    super(ctx, percorso, trova);
    this.fill = new RiempimentoPuntoProxy(ctx, `${percorso}.fill`, trova);
  }
}

export class RiempimentoPuntoProxy extends ProxyFinto<RifPunto> implements ExcelChartFill {
  setSolidColor(color: string): void {
    this.ctx.accoda("chiama", this.percorso, "setSolidColor", [color], () => {
      const r = this.oggetto();
      controllaScrittura(this.ctx, r.foglio);
      if (!COLORE_HEX.test(color)) throw nonValido(`Colore non valido: ${color}`);
      (r.grafico.coloriPunti[r.serie] ??= {})[r.punto] = color.toUpperCase();
    });
  }

  clear(): void {
    this.ctx.accoda("chiama", this.percorso, "clear", null, () => {
      const r = this.oggetto();
      controllaScrittura(this.ctx, r.foglio);
      delete r.grafico.coloriPunti[r.serie]?.[r.punto];
    });
  }
}
