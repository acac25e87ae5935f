/**
 * Page layout (worksheet.pageLayout, its headers and footers) and manual page breaks
 * (worksheet.horizontalPageBreaks). Values are checked against the documented ones
 * (vincoli-impaginazione.ts). Assumption (Office's documentation is silent): a protected sheet
 * refuses page-layout changes too, like any other write.
 */
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
import { CODICI_ERRORE, ErroreExcelFinto, nonValido } from "./errori";
import { areaSenzaFoglio } from "./fogli";
import { FoglioFinto } from "./foglio";
import { RangeProxy } from "./intervalli";
import { PaginaFinta } from "./modello";
import { descrivi, Proprieta } from "./proprieta";
import { controllaScrittura, copia, ProxyFinto, RaccoltaProxy } from "./proxy";
import {
  CARTA_DOCUMENTATA,
  ORIENTAMENTI_DOCUMENTATI,
  primaPaginaDocumentata,
  zoomDocumentato,
} from "./vincoli-impaginazione";

/** PageLayout's margin properties → the margin of PaginaFinta. */
const MARGINI: Record<string, keyof PaginaFinta["margini"]> = {
  leftMargin: "left",
  rightMargin: "right",
  topMargin: "top",
  bottomMargin: "bottom",
  headerMargin: "header",
  footerMargin: "footer",
};

const PUNTI_PER: Record<string, number> = { Points: 1, Inches: 72, Centimeters: 72 / 2.54 };

const STATI_INTESTAZIONI = ["Default", "FirstAndDefault", "OddAndEven", "FirstOddAndEven"];

/** "$11:$11", "11:12" → whole rows "$11:$12"; anything else is refused. */
function righeTitoliDa(indirizzo: string): string {
  const m = /^\$?(\d+):\$?(\d+)$/.exec(indirizzo.replace(/^.*!/, "").trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1]))
    throw nonValido(`Righe da ripetere non valide: ${indirizzo}`);
  return `$${m[1]}:$${m[2]}`;
}

type ProprietaPagina = Proprieta<FoglioFinto, ProxyFinto<FoglioFinto>>;

/** A margin in points: a number ≥ 0. */
function margine(lato: keyof PaginaFinta["margini"]): ProprietaPagina {
  return {
    leggi: (f) => f.pagina.margini[lato],
    scrivi: {
      valida: (v) => (typeof v === "number" && v >= 0 ? null : `Margine non valido: ${String(v)}`),
      applica: (f, punti: number) => (f.pagina.margini[lato] = punti),
    },
  };
}

/** A value of a documented enumeration (InvalidArgument otherwise). */
function enumerazione(
  ammessi: ReadonlySet<string> | readonly string[],
  errore: string,
  campo: "orientamento" | "carta" | "statoIntestazioni"
): ProprietaPagina {
  const ammesso = (v: unknown) =>
    typeof v === "string" && (Array.isArray(ammessi) ? ammessi.includes(v) : (ammessi as ReadonlySet<string>).has(v));
  return {
    leggi: (f) => f.pagina[campo],
    scrivi: {
      valida: (v) => (ammesso(v) ? null : `${errore}: ${String(v)}`),
      applica: (f, valore: string) => (f.pagina[campo] = valore),
    },
  };
}

export class ImpaginazioneProxy extends ProxyFinto<FoglioFinto> implements ExcelPageLayout {
  declare orientation: string;
  declare paperSize: string;
  /** A percentage (10–400), or fit to pages wide / tall: documented values only (zoomDocumentato). */
  declare zoom: ExcelPageLayoutZoomOptions;
  declare centerHorizontally: boolean;
  declare firstPageNumber: number | "" | null;
  declare leftMargin: number;
  declare rightMargin: number;
  declare topMargin: number;
  declare bottomMargin: number;
  declare headerMargin: number;
  declare footerMargin: number;
  readonly headersFooters: IntestazioniProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => FoglioFinto | null) {
    super(ctx, percorso, trova);
    this.headersFooters = new IntestazioniProxy(ctx, `${percorso}.headersFooters`, trova);
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
}

descrivi(ImpaginazioneProxy, {
  foglio: (f) => f,
  proprieta: {
    orientation: enumerazione(ORIENTAMENTI_DOCUMENTATI, "Orientamento non valido", "orientamento"),
    paperSize: enumerazione(CARTA_DOCUMENTATA, "Formato della carta non valido", "carta"),
    zoom: {
      leggi: (f) => copia(f.pagina.zoom),
      scrivi: {
        valida: (v) => {
          const esito = zoomDocumentato(v);
          return "errore" in esito ? esito.errore : null;
        },
        applica: (f, valore: ExcelPageLayoutZoomOptions) => {
          const esito = zoomDocumentato(valore);
          if ("zoom" in esito) f.pagina.zoom = esito.zoom;
        },
      },
    },
    centerHorizontally: {
      leggi: (f) => f.pagina.centraOrizzontale,
      scrivi: { applica: (f, valore: unknown) => (f.pagina.centraOrizzontale = valore === true) },
    },
    firstPageNumber: {
      leggi: (f) => f.pagina.primaPagina,
      scrivi: {
        valida: (v) => primaPaginaDocumentata(v),
        applica: (f, valore: number | null) => (f.pagina.primaPagina = valore),
      },
    },
    ...Object.fromEntries(Object.entries(MARGINI).map(([nome, lato]) => [nome, margine(lato)])),
  },
  figli: ["headersFooters"],
});

export class IntestazioniProxy extends ProxyFinto<FoglioFinto> implements ExcelHeaderFooterGroup {
  declare state: string;
  readonly defaultForAllPages: PiePaginaProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => FoglioFinto | null) {
    super(ctx, percorso, trova);
    this.defaultForAllPages = new PiePaginaProxy(ctx, `${percorso}.defaultForAllPages`, trova);
  }
}

descrivi(IntestazioniProxy, {
  foglio: (f) => f,
  proprieta: {
    state: enumerazione(STATI_INTESTAZIONI, "Stato di intestazioni e piè di pagina non valido", "statoIntestazioni"),
  },
  figli: ["defaultForAllPages"],
});

/** Only the centre footer of defaultForAllPages is modelled. */
export class PiePaginaProxy extends ProxyFinto<FoglioFinto> implements ExcelHeaderFooter {
  declare centerFooter: string;
}

descrivi(PiePaginaProxy, {
  foglio: (f) => f,
  proprieta: {
    centerFooter: {
      leggi: (f) => f.pagina.piePagina,
      scrivi: {
        // Excel's limit for a header or footer section.
        valida: (v) => (typeof v === "string" && v.length <= 255 ? null : "Piè di pagina non valido."),
        applica: (f, testo: string) => (f.pagina.piePagina = testo),
      },
    },
  },
});

export interface RifInterruzione {
  foglio: FoglioFinto;
  riga: number;
}

/** worksheet.horizontalPageBreaks: the manual breaks, each above the row it starts a page with. */
export class RaccoltaInterruzioniProxy
  extends RaccoltaProxy<FoglioFinto, InterruzioneProxy>
  implements ExcelPageBreakCollection
{
  protected override creaElementi(f: FoglioFinto): InterruzioneProxy[] {
    return f.interruzioni.map(
      (riga) =>
        new InterruzioneProxy(this.ctx, `${this.percorso}.items[row ${riga}]`, () =>
          f.interruzioni.includes(riga) ? { foglio: f, riga } : null
        )
    );
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
  declare readonly rowIndex: number;
  declare readonly columnIndex: number;
}

descrivi(InterruzioneProxy, { proprieta: { rowIndex: { leggi: (r) => r.riga }, columnIndex: { leggi: () => 0 } } });
