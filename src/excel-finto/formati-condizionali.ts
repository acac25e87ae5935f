import {
  ExcelConditionalFormat,
  ExcelConditionalFormatCollection,
  ExcelConditionalFormatRule,
  ExcelConditionalRangeFill,
  ExcelConditionalRangeFormat,
  ExcelCustomConditionalFormat,
} from "../excel/excel-api";
import { intersecano } from "../excel/addresses";
import { ContestoFinto } from "./contesto";
import { CODICI_ERRORE, ErroreExcelFinto, nonCaricata, nonValido } from "./errori";
import { FoglioFinto } from "./foglio";
import { nuovoIdRegola, RegolaFinta } from "./modello";
import { COLORE_HEX, controllaScrittura, Intervallo, ProxyFinto } from "./proxy";
import { erroreFormulaCondizionale } from "./vincoli";

export interface RifRegola {
  foglio: FoglioFinto;
  regola: RegolaFinta;
  /** Its position in the collection it was reached from: what Office.js calls its id. */
  posizione: number;
}

/**
 * Range.conditionalFormats / RangeAreas.conditionalFormats: the rules that intersect the range.
 *
 * Ids are positions, as the reference documents them (ConditionalFormat.id: "The priority of the
 * conditional format in the current ConditionalFormatCollection"): "0" is the rule of top priority
 * among those the range intersects, at the moment the operation runs. So an item or a getItem(id)
 * resolves to whatever rule holds that position when its operation runs: after a rule before it
 * was deleted, or a rule added (add() puts it at the top), the same id names another rule.
 */
export class RaccoltaFormatiProxy extends ProxyFinto<Intervallo> implements ExcelConditionalFormatCollection {
  private elementi: FormatoCondizionaleProxy[] | undefined;

  get items(): ExcelConditionalFormat[] {
    if (!this.elementi) throw nonCaricata("items");
    return this.elementi;
  }

  override carica(elenco: string[]): { risposta: unknown; consegna: () => void } {
    const i = this.risolvi();
    if (!i) return { risposta: { isNullObject: true }, consegna: () => undefined };
    if (this.ctx.cartella.formattazioniIlleggibili && i.foglio.formattazioni.length > 0)
      throw new ErroreExcelFinto(CODICI_ERRORE.generico, "Impossibile leggere i formati condizionali.");
    const sotto = elenco.map((p) => (p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "*" : p));
    const elementi = regoleDi(i).map((_, k) => this.allaPosizione(String(k)));
    const esiti = elementi.map((e) => e.carica(sotto));
    return {
      risposta: { items: esiti.map((e) => e.risposta) },
      consegna: () => {
        esiti.forEach((e) => e.consegna());
        this.elementi = elementi;
      },
    };
  }

  /** The rule at this position of the collection when the operation runs; ItemNotFound past its end. */
  private allaPosizione(id: string): FormatoCondizionaleProxy {
    return new FormatoCondizionaleProxy(this.ctx, `${this.percorso}.getItem(${JSON.stringify(id)})`, () => {
      const i = this.oggetto();
      const posizione = /^\d+$/.test(id) ? Number(id) : -1;
      const regola = regoleDi(i)[posizione];
      if (!regola) throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, `Nessun formato condizionale con id ${id}.`);
      return { foglio: i.foglio, regola, posizione };
    });
  }

  add(type: "Custom"): ExcelConditionalFormat {
    let creata: { regola: RegolaFinta; intervallo: Intervallo } | null = null;
    this.ctx.accoda("chiama", this.percorso, "add", [type], () => {
      const i = this.oggetto();
      controllaScrittura(this.ctx, i.foglio);
      const regola: RegolaFinta = { id: nuovoIdRegola(), tipo: type, aree: i.aree.map((a) => ({ ...a })) };
      if (type === "Custom") regola.colore = null;
      i.foglio.formattazioni.unshift(regola); // the reference: "at the first/top priority"
      creata = { regola, intervallo: i };
    });
    return new FormatoCondizionaleProxy(this.ctx, `${this.percorso}.add(${JSON.stringify(type)})`, () => {
      if (!creata)
        throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, "Il formato condizionale non è ancora stato aggiunto.");
      const { regola, intervallo } = creata as { regola: RegolaFinta; intervallo: Intervallo };
      if (!intervallo.foglio.formattazioni.includes(regola)) return null;
      return { foglio: intervallo.foglio, regola, posizione: regoleDi(intervallo).indexOf(regola) };
    });
  }

  getItem(id: string): ExcelConditionalFormat {
    return this.allaPosizione(id);
  }
}

/** The rules a range's collection holds now: those intersecting it, by priority. */
export function regoleDi(i: Intervallo): RegolaFinta[] {
  return i.foglio.formattazioni.filter((r) => r.aree.some((a) => i.aree.some((b) => intersecano(a, b))));
}

export class FormatoCondizionaleProxy extends ProxyFinto<RifRegola> implements ExcelConditionalFormat {
  readonly custom: CondizioneProxy;
  readonly customOrNullObject: CondizioneProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifRegola | null) {
    super(ctx, percorso, trova);
    this.custom = new CondizioneProxy(ctx, `${percorso}.custom`, () => {
      const r = trova();
      if (r && r.regola.tipo !== "Custom")
        throw new ErroreExcelFinto(
          CODICI_ERRORE.nonPermesso,
          "This operation is not permitted for the current object."
        );
      return r;
    });
    this.customOrNullObject = new CondizioneProxy(ctx, `${percorso}.customOrNullObject`, () => {
      const r = trova();
      return r && r.regola.tipo === "Custom" ? r : null;
    });
  }

  get id(): string {
    return this.proprieta("id");
  }

  get type(): string {
    return this.proprieta("type");
  }

  get stopIfTrue(): boolean {
    return this.proprieta("stopIfTrue");
  }

  set stopIfTrue(valore: boolean) {
    this.ctx.accoda("imposta", this.percorso, "stopIfTrue", valore, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      regola.fermaSeVera = valore;
    });
  }

  protected override scalari(): readonly string[] {
    return ["id", "type", "stopIfTrue", "priority"];
  }

  protected override leggiScalare(nome: string, r: RifRegola): unknown {
    if (nome === "id") return String(r.posizione);
    if (nome === "type") return r.regola.tipo;
    if (nome === "stopIfTrue") return r.regola.fermaSeVera ?? false;
    if (nome === "priority") return r.foglio.formattazioni.indexOf(r.regola);
    return super.leggiScalare(nome, r);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "custom" ? this.custom : nome === "customOrNullObject" ? this.customOrNullObject : undefined;
  }

  delete(): void {
    this.ctx.accoda("chiama", this.percorso, "delete", null, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      foglio.formattazioni.splice(foglio.formattazioni.indexOf(regola), 1);
    });
  }
}

/** ConditionalFormat.custom: its rule (formula) and format (fill). */
export class CondizioneProxy extends ProxyFinto<RifRegola> implements ExcelCustomConditionalFormat {
  readonly rule: RegolaFormulaProxy;
  readonly format: FormatoCondProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifRegola | null) {
    super(ctx, percorso, trova);
    this.rule = new RegolaFormulaProxy(ctx, `${percorso}.rule`, trova);
    this.format = new FormatoCondProxy(ctx, `${percorso}.format`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "rule" ? this.rule : nome === "format" ? this.format : undefined;
  }
}

export class RegolaFormulaProxy extends ProxyFinto<RifRegola> implements ExcelConditionalFormatRule {
  get formula(): string {
    return this.proprieta("formula");
  }

  set formula(formula: string) {
    this.ctx.accoda("imposta", this.percorso, "formula", formula, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      if (typeof formula !== "string" || !formula.startsWith("=")) throw nonValido(`Formula non valida: ${formula}`);
      const rifiutata = erroreFormulaCondizionale(formula);
      if (rifiutata) throw nonValido(rifiutata);
      regola.formula = formula;
    });
  }

  protected override scalari(): readonly string[] {
    return ["formula"];
  }

  protected override leggiScalare(nome: string, r: RifRegola): unknown {
    return nome === "formula" ? (r.regola.formula ?? "") : super.leggiScalare(nome, r);
  }
}

export class FormatoCondProxy extends ProxyFinto<RifRegola> implements ExcelConditionalRangeFormat {
  readonly fill: RiempimentoCondProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifRegola | null) {
    super(ctx, percorso, trova);
    this.fill = new RiempimentoCondProxy(ctx, `${percorso}.fill`, trova);
  }

  protected override figlio(nome: string): ProxyFinto<unknown> | undefined {
    return nome === "fill" ? this.fill : undefined;
  }
}

export class RiempimentoCondProxy extends ProxyFinto<RifRegola> implements ExcelConditionalRangeFill {
  get color(): string {
    return this.proprieta("color");
  }

  set color(colore: string) {
    this.ctx.accoda("imposta", this.percorso, "color", colore, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      if (!COLORE_HEX.test(colore)) throw nonValido(`Colore non valido: ${colore}`);
      regola.colore = colore.toUpperCase();
    });
  }

  clear(): void {
    this.ctx.accoda("chiama", this.percorso, "clear", null, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      regola.colore = null;
    });
  }

  protected override scalari(): readonly string[] {
    return ["color"];
  }

  protected override leggiScalare(nome: string, r: RifRegola): unknown {
    return nome === "color" ? (r.regola.colore ?? null) : super.leggiScalare(nome, r);
  }
}
