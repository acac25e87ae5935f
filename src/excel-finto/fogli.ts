/**
 * Workbook and sheets: workbook.worksheets (add, getItem, getItemOrNullObject), getSelectedRanges,
 * a sheet (position, delete, activate, getRange, getRanges, getUsedRangeOrNullObject) and the
 * protection of a sheet and of the workbook.
 */
import { areeDaIndirizzi, ULTIMA_COLONNA, ULTIMA_RIGA } from "../excel/addresses";
import { eventiSelezione } from "./eventi";
import {
  ExcelRange,
  ExcelRangeAreas,
  ExcelWorkbook,
  ExcelWorkbookProtection,
  ExcelWorksheet,
  ExcelWorksheetCollection,
  ExcelWorksheetProtection,
} from "../excel/excel-api";
import { Area } from "../layout/griglia";
import { CartellaFinta } from "./cartella";
import { ContestoFinto } from "./contesto";
import { CODICI_ERRORE, ErroreExcelFinto, nonValido } from "./errori";
import { FoglioFinto } from "./foglio";
import { RaccoltaGraficiProxy } from "./grafici";
import { ImpaginazioneProxy, RaccoltaInterruzioniProxy } from "./impaginazione";
import { AreeProxy, RangeProxy } from "./intervalli";
import { descrivi } from "./proprieta";
import { controllaStruttura, ProxyFinto, RaccoltaProxy } from "./proxy";

export class CartellaProxy implements ExcelWorkbook {
  readonly worksheets: RaccoltaFogliProxy;
  readonly protection: ProtezioneCartellaProxy;

  constructor(private readonly ctx: ContestoFinto) {
    this.worksheets = new RaccoltaFogliProxy(ctx);
    this.protection = new ProtezioneCartellaProxy(ctx, "workbook.protection", () => ctx.cartella);
  }

  getSelectedRanges(): ExcelRangeAreas {
    const cartella = this.ctx.cartella;
    return new AreeProxy(this.ctx, "workbook.getSelectedRanges()", () => {
      if (cartella.selezioneNonIntervallo)
        throw new ErroreExcelFinto(
          CODICI_ERRORE.selezioneNonValida,
          "The current selection is invalid for this operation."
        );
      const sel = cartella.selezione;
      const foglio = sel ? cartella.foglio(sel.foglio) : cartella.foglio(cartella.foglioAttivo ?? "");
      if (!foglio) throw new ErroreExcelFinto(CODICI_ERRORE.generico, "Nessuna selezione.");
      return { foglio, aree: [sel ? sel.area : { top: 0, left: 0, bottom: 0, right: 0 }] };
    });
  }
}

export class ProtezioneCartellaProxy extends ProxyFinto<CartellaFinta> implements ExcelWorkbookProtection {
  declare readonly protected: boolean;
}

descrivi(ProtezioneCartellaProxy, { proprieta: { protected: { leggi: (c) => c.strutturaProtetta } } });

export class RaccoltaFogliProxy extends RaccoltaProxy<FoglioFinto[], FoglioProxy> implements ExcelWorksheetCollection {
  constructor(ctx: ContestoFinto) {
    super(ctx, "worksheets", () => ctx.cartella.fogli);
  }

  /** Worksheets.onSelectionChanged (ExcelApi 1.9): eventi.ts. */
  get onSelectionChanged() {
    return eventiSelezione(this.ctx.cartella, this.ctx);
  }

  protected override creaElementi(fogli: FoglioFinto[]): FoglioProxy[] {
    return fogli.map((f) => {
      const id = f.id;
      return new FoglioProxy(this.ctx, `worksheets.getItem("${id}")`, () => this.ctx.cartella.foglio(id) ?? null);
    });
  }

  /** Adds a sheet after the last one (Office: "Sheet1"… when no name is given). */
  add(name?: string): ExcelWorksheet {
    let creato: string | null = null;
    this.ctx.accoda("chiama", "worksheets", "add", [name ?? null], () => {
      const cartella = this.ctx.cartella;
      controllaStruttura(cartella);
      let nome = name;
      for (let n = cartella.fogli.length + 1; nome === undefined; n++)
        if (!cartella.foglio(`Foglio${n}`)) nome = `Foglio${n}`;
      if (nome.trim() === "" || nome.length > 31 || /[\\/?*[\]:]/.test(nome) || /^'|'$/.test(nome))
        throw nonValido(`Nome di foglio non valido: ${nome}`);
      if (cartella.foglio(nome))
        throw new ErroreExcelFinto(CODICI_ERRORE.giaEsistente, `Esiste già un foglio «${nome}».`);
      creato = cartella.aggiungiFoglio(nome).id;
    });
    return new FoglioProxy(this.ctx, `worksheets.add(${JSON.stringify(name ?? "")})`, () => {
      if (creato === null)
        throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, "Il foglio non è ancora stato aggiunto.");
      return this.ctx.cartella.foglio(creato) ?? null;
    });
  }

  getItem(key: string): ExcelWorksheet {
    return new FoglioProxy(this.ctx, `worksheets.getItem(${JSON.stringify(key)})`, () => {
      const f = this.ctx.cartella.foglio(key);
      if (!f) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `Il foglio «${key}» non esiste.`);
      return f;
    });
  }

  getItemOrNullObject(key: string): ExcelWorksheet {
    return new FoglioProxy(
      this.ctx,
      `worksheets.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this.ctx.cartella.foglio(key) ?? null
    );
  }
}

export class FoglioProxy extends ProxyFinto<FoglioFinto> implements ExcelWorksheet {
  declare readonly id: string;
  declare readonly name: string;
  /** Writing moves the sheet to this place (0-based; Excel refuses a place past the last sheet). */
  declare position: number;
  readonly protection: ProtezioneProxy;
  readonly charts: RaccoltaGraficiProxy;
  readonly pageLayout: ImpaginazioneProxy;
  readonly horizontalPageBreaks: RaccoltaInterruzioniProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => FoglioFinto | null) {
    super(ctx, percorso, trova);
    this.protection = new ProtezioneProxy(ctx, `${percorso}.protection`, trova);
    this.charts = new RaccoltaGraficiProxy(ctx, `${percorso}.charts`, trova);
    this.pageLayout = new ImpaginazioneProxy(ctx, `${percorso}.pageLayout`, trova);
    this.horizontalPageBreaks = new RaccoltaInterruzioniProxy(ctx, `${percorso}.horizontalPageBreaks`, trova);
  }

  /** Deletes the sheet (not the only one; not while the workbook's structure is protected). */
  delete(): void {
    this.ctx.accoda("chiama", this.percorso, "delete", null, () => {
      const f = this.oggetto();
      const cartella = this.ctx.cartella;
      controllaStruttura(cartella);
      if (cartella.fogli.length <= 1)
        throw new ErroreExcelFinto(CODICI_ERRORE.nonPermesso, "Una cartella di lavoro deve avere almeno un foglio.");
      cartella.rimuoviFoglio(f.id);
    });
  }

  activate(): void {
    this.ctx.accoda("chiama", this.percorso, "activate", null, () => {
      this.ctx.cartella.foglioAttivo = this.oggetto().id;
    });
  }

  getRange(address?: string): ExcelRange {
    const percorso = `${this.percorso}.getRange(${address === undefined ? "" : JSON.stringify(address)})`;
    return new RangeProxy(this.ctx, percorso, () => {
      const f = this.risolvi();
      if (!f) return null;
      const area =
        address === undefined
          ? { top: 0, left: 0, bottom: ULTIMA_RIGA, right: ULTIMA_COLONNA }
          : areaSenzaFoglio(address);
      return { foglio: f, aree: [area] };
    });
  }

  getRanges(address?: string): ExcelRangeAreas {
    return new AreeProxy(this.ctx, `${this.percorso}.getRanges(${JSON.stringify(address ?? "")})`, () => {
      const f = this.risolvi();
      if (!f) return null;
      if (address === undefined)
        return { foglio: f, aree: [{ top: 0, left: 0, bottom: ULTIMA_RIGA, right: ULTIMA_COLONNA }] };
      let aree: Area[];
      try {
        aree = areeDaIndirizzi(address).map((a) => a.area);
      } catch {
        throw nonValido(`Indirizzo non valido: ${address}`);
      }
      return { foglio: f, aree };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): ExcelRange {
    return new RangeProxy(
      this.ctx,
      `${this.percorso}.getUsedRangeOrNullObject(${valuesOnly ? "true" : "false"})`,
      () => {
        const f = this.risolvi();
        const area = f?.areaUsata(valuesOnly === true) ?? null;
        return f && area ? { foglio: f, aree: [area] } : null;
      }
    );
  }
}

descrivi(FoglioProxy, {
  foglio: (f) => f,
  proprieta: {
    id: { leggi: (f) => f.id },
    name: { leggi: (f) => f.nome },
    position: {
      leggi: (f, proxy) => proxy.ctx.cartella.fogli.indexOf(f),
      scrivi: {
        controllo: "struttura",
        valida: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : `Posizione non valida: ${String(v)}`),
        applica: (f, posizione: number, proxy) => {
          const fogli = proxy.ctx.cartella.fogli;
          if (posizione >= fogli.length) throw nonValido(`Posizione non valida: ${posizione}`);
          fogli.splice(fogli.indexOf(f), 1);
          fogli.splice(posizione, 0, f);
        },
      },
    },
  },
  figli: ["protection", "charts", "pageLayout", "horizontalPageBreaks"],
});

export function areaSenzaFoglio(indirizzo: string): Area {
  try {
    const aree = areeDaIndirizzi(indirizzo);
    if (aree.length !== 1) throw new Error();
    return aree[0].area;
  } catch {
    throw nonValido(`Indirizzo non valido: ${indirizzo}`);
  }
}

export class ProtezioneProxy extends ProxyFinto<FoglioFinto> implements ExcelWorksheetProtection {
  declare readonly protected: boolean;
}

descrivi(ProtezioneProxy, { proprieta: { protected: { leggi: (f) => f.protetto } } });
