/**
 * The proxy base: load (PropertyNotLoaded until load + sync), null objects, properties described as
 * data (proprieta.ts), collections (RaccoltaProxy), and the write checks (read-only workbook,
 * protected sheet, protected structure: AccessDenied).
 */
import { ULTIMA_RIGA } from "../excel/addresses";
import { ProprietaDaCaricare } from "../excel/excel-api";
import { Area } from "../layout/griglia";
import { CartellaFinta } from "./cartella";
import { ContestoFinto } from "./contesto";
import { CODICI_ERRORE, ErroreExcelFinto, nonCaricata, nonValido } from "./errori";
import { FoglioFinto } from "./foglio";
import { descrizioneDi } from "./proprieta";

export const COLORE_HEX = /^#[0-9A-F]{6}$/i;

export function copia<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** load()'s argument → property paths ("areas/items/address"). */
export function percorsi(nomi?: ProprietaDaCaricare): string[] {
  const elenco = nomi === undefined ? ["*"] : Array.isArray(nomi) ? nomi : nomi.split(",");
  const puliti = elenco.map((n) => n.trim()).filter((n) => n !== "");
  return puliti.length > 0 ? puliti : ["*"];
}

/**
 * A proxy: a path resolved against the workbook when an operation runs (null for a null object).
 * Its scalar properties are described as data (proprieta.ts): read from what the last successful
 * sync delivered, written through a queued operation.
 */
export abstract class ProxyFinto<T> {
  private readonly caricati = new Map<string, unknown>();
  private nullo: boolean | undefined;

  constructor(
    readonly ctx: ContestoFinto,
    readonly percorso: string,
    private readonly trova: () => T | null
  ) {
    ctx.registra(this);
  }

  get isNullObject(): boolean {
    if (this.nullo === undefined) throw nonCaricata("isNullObject");
    return this.nullo;
  }

  /** The object, or null for a null object (errors such as ItemNotFound propagate). */
  risolvi(): T | null {
    return this.trova();
  }

  /** The object for a write or a method: a null object cannot be written. */
  protected oggetto(): T {
    const o = this.trova();
    if (o === null) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `${this.percorso}: oggetto nullo.`);
    return o;
  }

  fissaNullo(): void {
    try {
      this.nullo = this.trova() === null;
    } catch {
      this.nullo = undefined;
    }
  }

  load(nomi?: ProprietaDaCaricare): this {
    const elenco = percorsi(nomi);
    this.ctx.accoda("carica", this.percorso, elenco.join(","), null, () => this.carica(elenco));
    return this;
  }

  /** Runs a load at sync: the data, and how to deliver it once the whole sync succeeded. */
  carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const o = this.trova();
    if (o === null) return { risposta: { isNullObject: true }, consegna: () => undefined };
    const { proprieta = {}, figli = [] } = descrizioneDi(this as ProxyFinto<unknown>);
    const leggi = (nome: string) => proprieta[nome].leggi(o, this as ProxyFinto<unknown>);
    const risposta: Record<string, unknown> = {};
    const consegne: (() => void)[] = [];
    const perFiglio = new Map<string, string[]>();
    for (const p of elenco) {
      const [testa, ...resto] = p.split("/");
      if (testa === "*") {
        for (const nome of Object.keys(proprieta)) risposta[nome] = leggi(nome);
      } else if (Object.hasOwn(proprieta, testa) && resto.length === 0) {
        risposta[testa] = leggi(testa);
      } else if (figli.includes(testa)) {
        perFiglio.set(testa, [...(perFiglio.get(testa) ?? []), resto.length > 0 ? resto.join("/") : "*"]);
      } else throw nonValido(`Proprietà sconosciuta per ${this.percorso}: ${p}`);
    }
    for (const [nome, sotto] of perFiglio) {
      const esito = (this as unknown as Record<string, ProxyFinto<unknown>>)[nome].carica(sotto);
      risposta[nome] = esito.risposta;
      consegne.push(esito.consegna);
    }
    const scalari = Object.entries(risposta).filter(([k]) => !perFiglio.has(k));
    return {
      risposta,
      consegna: () => {
        for (const [k, v] of scalari) this.caricati.set(k, v);
        consegne.forEach((c) => c());
      },
    };
  }

  /** @internal A loaded and synced property (every described property's getter). */
  proprieta<V>(nome: string): V {
    if (!this.caricati.has(nome)) throw nonCaricata(nome);
    return this.caricati.get(nome) as V;
  }

  /** @internal A described property's setter: queued; at sync the value, the object, the write check, the change. */
  impostaProprieta(nome: string, valore: unknown): void {
    const descrizione = descrizioneDi(this as ProxyFinto<unknown>);
    const scrittura = descrizione.proprieta?.[nome]?.scrivi;
    if (!scrittura) throw new TypeError(`${nome}: proprietà di sola lettura.`);
    const copiato = typeof valore === "object" && valore !== null ? copia(valore) : valore;
    this.ctx.accoda("imposta", this.percorso, nome, copiato, () => {
      const errore = scrittura.valida?.(copiato);
      if (errore) throw nonValido(errore);
      const o = this.oggetto();
      const proxy = this as ProxyFinto<unknown>;
      if (scrittura.controllo === "struttura") controllaStruttura(this.ctx.cartella);
      else if (descrizione.foglio) controllaScrittura(this.ctx, descrizione.foglio(o, proxy));
      scrittura.applica(o, copiato as never, proxy);
    });
  }
}

/**
 * A collection (worksheets, areas, conditionalFormats, charts, horizontalPageBreaks): `items` once
 * loaded, one proxy per item made when the load runs; "items/name" or, as Office allows on a
 * collection, "name" loads a property of every item.
 */
export abstract class RaccoltaProxy<T, E extends ProxyFinto<unknown>> extends ProxyFinto<T> {
  private elementi: E[] | undefined;

  get items(): E[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  /** The items' proxies when the load runs (may refuse: GeneralException for unreadable rules). */
  protected abstract creaElementi(oggetto: T): E[];

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const o = this.risolvi();
    if (!o) return { risposta: { isNullObject: true }, consegna: () => undefined };
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = this.creaElementi(o);
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

/** A range on a sheet (a rectangle) or several (RangeAreas). */
export interface Intervallo {
  foglio: FoglioFinto;
  aree: Area[];
}

/** Adding, deleting or moving a sheet: refused in a read-only workbook and while its structure is protected. */
export function controllaStruttura(cartella: CartellaFinta): void {
  if (cartella.solaLettura)
    throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La cartella di lavoro è di sola lettura.");
  if (cartella.strutturaProtetta)
    throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La struttura della cartella di lavoro è protetta.");
}

/** Any change to a sheet: refused in a read-only workbook and on a protected sheet. */
export function controllaScrittura(ctx: ContestoFinto, foglio: FoglioFinto): void {
  if (ctx.cartella.solaLettura)
    throw new ErroreExcelFinto(CODICI_ERRORE.accessoNegato, "La cartella di lavoro è di sola lettura.");
  if (foglio.protetto)
    throw new ErroreExcelFinto(
      CODICI_ERRORE.accessoNegato,
      "The cell or chart you're trying to change is on a protected sheet."
    );
}

/** Writes go through here: protection, read-only, then each cell of the areas. */
export function scrivi(
  ctx: ContestoFinto,
  intervallo: Intervallo,
  perCella: (r: number, c: number, i: number, j: number) => void
): void {
  controllaScrittura(ctx, intervallo.foglio);
  ogniCella(intervallo, perCella);
}

/** Each cell of the areas (a property's setter: the write check already ran). */
export function ogniCella(
  intervallo: Intervallo,
  perCella: (r: number, c: number, i: number, j: number) => void
): void {
  for (const area of intervallo.aree)
    for (let r = area.top; r <= Math.min(area.bottom, ULTIMA_RIGA); r++)
      for (let c = area.left; c <= area.right; c++) perCella(r, c, r - area.top, c - area.left);
}
