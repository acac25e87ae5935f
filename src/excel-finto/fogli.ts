import { areeDaIndirizzi, ULTIMA_COLONNA, ULTIMA_RIGA } from "../excel/addresses";
import {
  ExcelRange,
  ExcelRangeAreas,
  ExcelWorkbook,
  ExcelWorkbookProtection,
  ExcelWorksheet,
  ExcelWorksheetCollection,
  ExcelWorksheetProtection,
} from "../excel/excel-api";
import { Area } from "../layout/grid";
import { CartellaFinta } from "./cartella";
import { ContestoFinto } from "./contesto";
import { CODICI_ERRORE, ErroreExcelFinto, nonCaricata, nonValido } from "./errori";
import { FoglioFinto } from "./foglio";
import { RaccoltaGraficiProxy } from "./grafici";
import { ImpaginazioneProxy, RaccoltaInterruzioniProxy } from "./impaginazione";
import { AreeProxy, RangeProxy } from "./intervalli";
import { controllaStruttura, ProxyFinto } from "./proxy";

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
  get protected(): boolean {
    return this.proprieta("protected");
  }

  protected override scalari(): readonly string[] {
    return ["protected"];
  }

  protected override leggiScalare(nome: string, c: CartellaFinta): unknown {
    return nome === "protected" ? c.strutturaProtetta : super.leggiScalare(nome, c);
  }
}

export class RaccoltaFogliProxy extends ProxyFinto<FoglioFinto[]> implements ExcelWorksheetCollection {
  private elementi: FoglioProxy[] | undefined;

  constructor(ctx: ContestoFinto) {
    super(ctx, "worksheets", () => ctx.cartella.fogli);
  }

  get items(): ExcelWorksheet[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const fogli = [...this.oggetto()];
    // "items/name" or, as Office allows on a collection, "name".
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = fogli.map((f) => {
      const id = f.id;
      return new FoglioProxy(this.ctx, `worksheets.getItem("${id}")`, () => this.ctx.cartella.foglio(id) ?? null);
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

  /** Adds a sheet after the last one (Office: "Sheet1"… when no name is given). */
  add(name?: string): ExcelWorksheet {
    let creato: string | null = null;
    this.ctx.accoda("chiama", "worksheets", "add", [name ?? null], () => {
      const cartella = this.ctx.cartella;
      if (cartella.solaLettura)
        throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La cartella di lavoro è di sola lettura.");
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

  get position(): number {
    return this.proprieta("position");
  }

  /** Moves the sheet to this place (0-based; Excel refuses a place past the last sheet). */
  set position(posizione: number) {
    this.ctx.accoda("imposta", this.percorso, "position", posizione, () => {
      const f = this.oggetto();
      const cartella = this.ctx.cartella;
      if (cartella.solaLettura)
        throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La cartella di lavoro è di sola lettura.");
      controllaStruttura(cartella);
      if (!Number.isInteger(posizione) || posizione < 0 || posizione >= cartella.fogli.length)
        throw nonValido(`Posizione non valida: ${posizione}`);
      cartella.fogli.splice(cartella.fogli.indexOf(f), 1);
      cartella.fogli.splice(posizione, 0, f);
    });
  }

  /** Deletes the sheet (not the only one; not while the workbook's structure is protected). */
  delete(): void {
    this.ctx.accoda("chiama", this.percorso, "delete", null, () => {
      const f = this.oggetto();
      const cartella = this.ctx.cartella;
      if (cartella.solaLettura)
        throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La cartella di lavoro è di sola lettura.");
      controllaStruttura(cartella);
      if (cartella.fogli.length <= 1)
        throw new ErroreExcelFinto(CODICI_ERRORE.nonPermesso, "Una cartella di lavoro deve avere almeno un foglio.");
      cartella.rimuoviFoglio(f.id);
    });
  }

  get id(): string {
    return this.proprieta("id");
  }

  get name(): string {
    return this.proprieta("name");
  }

  protected override scalari(): readonly string[] {
    return ["id", "name", "position"];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    if (nome === "id") return f.id;
    if (nome === "name") return f.nome;
    if (nome === "position") return this.ctx.cartella.fogli.indexOf(f);
    return super.leggiScalare(nome, f);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    if (nome === "pageLayout") return this.pageLayout;
    if (nome === "horizontalPageBreaks") return this.horizontalPageBreaks;
    return nome === "protection" ? this.protection : nome === "charts" ? this.charts : undefined;
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
  get protected(): boolean {
    return this.proprieta("protected");
  }

  protected override scalari(): readonly string[] {
    return ["protected"];
  }

  protected override leggiScalare(nome: string, f: FoglioFinto): unknown {
    return nome === "protected" ? f.protetto : super.leggiScalare(nome, f);
  }
}
