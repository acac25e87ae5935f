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
import { CODICI_ERRORE, ErroreExcelFinto } from "./errori";
import { FoglioFinto } from "./foglio";
import { nuovoIdRegola, RegolaFinta } from "./modello";
import { descrivi } from "./proprieta";
import { COLORE_HEX, controllaScrittura, Intervallo, ProxyFinto, RaccoltaProxy } from "./proxy";
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
export class RaccoltaFormatiProxy
  extends RaccoltaProxy<Intervallo, FormatoCondizionaleProxy>
  implements ExcelConditionalFormatCollection
{
  /** GeneralException while the workbook's rules are unreadable (CartellaFinta.formattazioniIlleggibili). */
  protected override creaElementi(i: Intervallo): FormatoCondizionaleProxy[] {
    if (this.ctx.cartella.formattazioniIlleggibili && i.foglio.formattazioni.length > 0)
      throw new ErroreExcelFinto(CODICI_ERRORE.generico, "Impossibile leggere i formati condizionali.");
    return regoleDi(i).map((_, k) => this.allaPosizione(String(k)));
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
  /** Its position among the rules of the collection it was reached from (see RaccoltaFormatiProxy). */
  declare readonly id: string;
  declare readonly type: string;
  declare stopIfTrue: boolean;
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

  delete(): void {
    this.ctx.accoda("chiama", this.percorso, "delete", null, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      foglio.formattazioni.splice(foglio.formattazioni.indexOf(regola), 1);
    });
  }
}

descrivi(FormatoCondizionaleProxy, {
  foglio: (r) => r.foglio,
  proprieta: {
    id: { leggi: (r) => String(r.posizione) },
    type: { leggi: (r) => r.regola.tipo },
    stopIfTrue: {
      leggi: (r) => r.regola.fermaSeVera ?? false,
      scrivi: { applica: (r, valore: boolean) => (r.regola.fermaSeVera = valore) },
    },
    priority: { leggi: (r) => r.foglio.formattazioni.indexOf(r.regola) },
  },
  figli: ["custom", "customOrNullObject"],
});

/** ConditionalFormat.custom: its rule (formula) and format (fill). */
export class CondizioneProxy extends ProxyFinto<RifRegola> implements ExcelCustomConditionalFormat {
  readonly rule: RegolaFormulaProxy;
  readonly format: FormatoCondProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifRegola | null) {
    super(ctx, percorso, trova);
    this.rule = new RegolaFormulaProxy(ctx, `${percorso}.rule`, trova);
    this.format = new FormatoCondProxy(ctx, `${percorso}.format`, trova);
  }
}

descrivi(CondizioneProxy, { figli: ["rule", "format"] });

export class RegolaFormulaProxy extends ProxyFinto<RifRegola> implements ExcelConditionalFormatRule {
  declare formula: string;
}

descrivi(RegolaFormulaProxy, {
  foglio: (r) => r.foglio,
  proprieta: {
    formula: {
      leggi: (r) => r.regola.formula ?? "",
      scrivi: {
        /** What Excel refuses in a conditional format's formula, and any formula over 8,192 characters (vincoli.ts). */
        valida: (f) =>
          typeof f !== "string" || !f.startsWith("=")
            ? `Formula non valida: ${String(f)}`
            : erroreFormulaCondizionale(f),
        applica: (r, formula: string) => (r.regola.formula = formula),
      },
    },
  },
});

export class FormatoCondProxy extends ProxyFinto<RifRegola> implements ExcelConditionalRangeFormat {
  readonly fill: RiempimentoCondProxy;

  constructor(ctx: ContestoFinto, percorso: string, trova: () => RifRegola | null) {
    super(ctx, percorso, trova);
    this.fill = new RiempimentoCondProxy(ctx, `${percorso}.fill`, trova);
  }
}

descrivi(FormatoCondProxy, { figli: ["fill"] });

export class RiempimentoCondProxy extends ProxyFinto<RifRegola> implements ExcelConditionalRangeFill {
  declare color: string;

  clear(): void {
    this.ctx.accoda("chiama", this.percorso, "clear", null, () => {
      const { foglio, regola } = this.oggetto();
      controllaScrittura(this.ctx, foglio);
      regola.colore = null;
    });
  }
}

descrivi(RiempimentoCondProxy, {
  foglio: (r) => r.foglio,
  proprieta: {
    color: {
      leggi: (r) => r.regola.colore ?? null,
      scrivi: {
        valida: (v) => (typeof v === "string" && COLORE_HEX.test(v) ? null : `Colore non valido: ${String(v)}`),
        applica: (r, colore: string) => (r.regola.colore = colore.toUpperCase()),
      },
    },
  },
});
