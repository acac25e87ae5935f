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
import { CODICI_ERRORE, ErroreExcelFinto, nonValido } from "./errori";
import { areaSenzaFoglio } from "./fogli";
import { FoglioFinto } from "./foglio";
import { RangeProxy } from "./intervalli";
import { datiGrafico, GraficoFinto } from "./modello";
import { descrivi } from "./proprieta";
import { COLORE_HEX, controllaScrittura, ProxyFinto, RaccoltaProxy } from "./proxy";

/**
 * Charts (worksheet.charts): a chart, its title, legend, axes, series and points. Every property
 * Barometro sets is checked like a write (read-only workbook, protected sheet).
 */
let prossimoGrafico = 1;

export interface RifGrafico {
  foglio: FoglioFinto;
  grafico: GraficoFinto;
}

export class RaccoltaGraficiProxy extends RaccoltaProxy<FoglioFinto, GraficoProxy> implements ExcelChartCollection {
  protected override creaElementi(f: FoglioFinto): GraficoProxy[] {
    return f.grafici.map((g) => {
      const id = g.id;
      return new GraficoProxy(this.ctx, `${this.percorso}.getItem(${JSON.stringify(g.nome)})`, () => {
        const grafico = f.grafici.find((x) => x.id === id);
        return grafico ? { foglio: f, grafico } : null;
      });
    });
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

const foglioDelGrafico = (r: RifGrafico) => r.foglio;
const numero = (nome: string) => (v: unknown) => (typeof v === "number" ? null : `${nome}: serve un numero.`);

export class GraficoProxy extends ProxyFinto<RifGrafico> implements ExcelChart {
  declare name: string;
  declare readonly id: string;
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

  delete(): void {
    this.ctx.accoda("chiama", this.percorso, "delete", null, () => {
      const { foglio, grafico } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      foglio.grafici.splice(foglio.grafici.indexOf(grafico), 1);
    });
  }

  setPosition(startCell: string, endCell?: string): void {
    this.ctx.accoda("imposta", this.percorso, "setPosition", [startCell, endCell ?? null], () => {
      const { foglio, grafico } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      areaSenzaFoglio(startCell);
      if (endCell !== undefined) areaSenzaFoglio(endCell);
      grafico.posizione = { da: startCell, a: endCell ?? null };
    });
  }
}

descrivi(GraficoProxy, {
  foglio: foglioDelGrafico,
  proprieta: {
    name: { leggi: (r) => r.grafico.nome, scrivi: { applica: (r, nome: string) => (r.grafico.nome = nome) } },
    id: { leggi: (r) => r.grafico.id },
    chartType: { leggi: (r) => r.grafico.tipo },
  },
  figli: ["title", "legend"],
});

export class TitoloGraficoProxy extends ProxyFinto<RifGrafico> implements ExcelChartTitle {
  declare text: string;
}

descrivi(TitoloGraficoProxy, {
  foglio: foglioDelGrafico,
  proprieta: {
    text: {
      leggi: (r) => r.grafico.titolo ?? "",
      scrivi: { applica: (r, testo: string) => (r.grafico.titolo = testo) },
    },
  },
});

export class LegendaProxy extends ProxyFinto<RifGrafico> implements ExcelChartLegend {
  declare visible: boolean;
}

descrivi(LegendaProxy, {
  foglio: foglioDelGrafico,
  proprieta: {
    visible: {
      leggi: (r) => r.grafico.legenda,
      scrivi: { applica: (r, visibile: boolean) => (r.grafico.legenda = visibile) },
    },
  },
});

export class AssiProxy extends ProxyFinto<RifGrafico> implements ExcelChartAxes {
  readonly categoryAxis: AsseProxy;
  readonly valueAxis: AsseProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifGrafico | null) {
    super(ctx, percorso, trova);
    this.categoryAxis = new AsseProxy(ctx, `${percorso}.categoryAxis`, trova, "categorie");
    this.valueAxis = new AsseProxy(ctx, `${percorso}.valueAxis`, trova, "valori");
  }
}

/** An axis: only the category axis's order and the value axis's bounds are modelled. */
export class AsseProxy extends ProxyFinto<RifGrafico> implements ExcelChartAxis {
  declare reversePlotOrder: boolean;
  declare minimum: unknown;
  declare maximum: unknown;

  constructor(
    ctx: ContestoFinto,
    percorso: string,
    trova: () => RifGrafico | null,
    readonly quale: "categorie" | "valori"
  ) {
    super(ctx, percorso, trova);
  }
}

descrivi(AsseProxy, {
  foglio: foglioDelGrafico,
  proprieta: {
    reversePlotOrder: {
      leggi: (r, asse) => (asse.quale === "categorie" ? r.grafico.categorieInvertite : false),
      scrivi: {
        applica: (r, valore: boolean, asse) => {
          if (asse.quale === "categorie") r.grafico.categorieInvertite = valore;
        },
      },
    },
    minimum: {
      leggi: (r, asse) => (asse.quale === "valori" ? r.grafico.minimo : null),
      scrivi: {
        valida: numero("minimum"),
        applica: (r, valore: number, asse) => {
          if (asse.quale === "valori") r.grafico.minimo = valore;
        },
      },
    },
    maximum: {
      leggi: (r, asse) => (asse.quale === "valori" ? r.grafico.massimo : null),
      scrivi: {
        valida: numero("maximum"),
        applica: (r, valore: number, asse) => {
          if (asse.quale === "valori") r.grafico.massimo = valore;
        },
      },
    },
  },
});

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
  declare name: string;
  declare hasDataLabels: boolean;
  readonly points: RaccoltaPuntiProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifSerie | null) {
    super(ctx, percorso, trova);
    this.points = new RaccoltaPuntiProxy(ctx, `${percorso}.points`, trova);
  }
}

/** The series as Excel reads it from its source cells now. */
const serieDi = (r: RifSerie, proxy: ProxyFinto<RifSerie>) => datiGrafico(proxy.ctx.cartella, r.grafico).serie[r.serie];

descrivi(SerieProxy, {
  foglio: foglioDelGrafico,
  proprieta: {
    name: {
      leggi: (r, proxy) => serieDi(r, proxy).nome,
      scrivi: { applica: (r, nome: string) => (r.grafico.nomiSerie[r.serie] = nome) },
    },
    hasDataLabels: {
      leggi: (r, proxy) => serieDi(r, proxy).etichette,
      scrivi: {
        applica: (r, mostra: boolean) => (r.grafico.etichetteDati = { ...r.grafico.etichetteDati, [r.serie]: mostra }),
      },
    },
  },
  figli: ["points"],
});

export interface RifPunto extends RifSerie {
  punto: number;
}

export class RaccoltaPuntiProxy extends ProxyFinto<RifSerie> implements ExcelChartPointsCollection {
  declare readonly count: number;

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

descrivi(RaccoltaPuntiProxy, {
  proprieta: { count: { leggi: (r, proxy) => datiGrafico(proxy.ctx.cartella, r.grafico).categorie.length } },
});

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
