import type { ConditionalFormattingOptions, ConditionalFormattingRule, Workbook, Worksheet } from "exceljs";
import { Bande, BANDE_PREDEFINITE, Linea, RisultatoLinea } from "../engine";
import { daSostituire, isRegolaBarometro, RegolaCondizionale, regoleCondizionali } from "../layout/regole-condizionali";

export interface EsitoFormattazione {
  /** Barometro's rules the workbook holds now. */
  regole: number;
  /** Barometro's rules found in the workbook and not kept (replaced, or removed with `attiva` false). */
  tolte: number;
  /** Sheets whose Barometro rules were written (replaced). */
  scritti: string[];
  /** Sheets whose Barometro rules were already these: left as they were. */
  invariati: string[];
}

/**
 * Writes the Barometro as native conditional formatting into an ExcelJS workbook — the same rules
 * the add-in writes (regoleCondizionali), so the file shows colours that follow the data in any
 * Excel, without the add-in. On every sheet, only Barometro's own rules (recognised by the marker
 * in their formula) are replaced; the user's rules stay, after Barometro's in priority. A sheet
 * whose Barometro rules are already the wanted ones is left untouched. With `attiva` false,
 * Barometro's rules are removed. `formuleExcel`: the cells were written in «formule di Excel»
 * (as creaPatch was told), so the rules read the % Ragg cells Barometro's formulas compute.
 *
 * ExcelJS takes formulas without the leading "=", and a conditional format's solid fill as the
 * pattern's bgColor (fgColor is set too, for readers that look there).
 */
export function applicaFormattazione(
  workbook: Workbook,
  linee: Linea[],
  risultati: RisultatoLinea[],
  bande: Bande = BANDE_PREDEFINITE,
  attiva = true,
  formuleExcel = false
): EsitoFormattazione {
  const desiderate = attiva ? regoleCondizionali(linee, risultati, bande, formuleExcel) : [];
  const esito: EsitoFormattazione = { regole: 0, tolte: 0, scritti: [], invariati: [] };
  for (const ws of workbook.worksheets) {
    const volute = desiderate.filter((r) => r.foglio === ws.name);
    const attuali = formattazioniDi(ws);
    const nostre = attuali.flatMap((cf) => cf.rules.filter(isNostra).map(formulaDi));
    esito.regole += volute.length;
    if (!daSostituire(nostre, volute)) {
      if (volute.length > 0 || nostre.length > 0) esito.invariati.push(ws.name);
      continue;
    }
    esito.tolte += nostre.length;
    const altre = attuali
      .map((cf) => ({ ...cf, rules: cf.rules.filter((r) => !isNostra(r)) }))
      .filter((cf) => cf.rules.length > 0);
    // Barometro's rules first (as Office.js adds them: at the top), the user's after, in their order.
    const perPriorita = altre
      .flatMap((cf) => cf.rules)
      .sort((a, b) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER));
    perPriorita.forEach((r, i) => (r.priority = volute.length + i + 1));
    const nuove: ConditionalFormattingOptions[] = volute.map((r, i) => ({
      ref: r.aree.join(" "),
      rules: [regola(r, i + 1)],
    }));
    (ws as Worksheet & { conditionalFormattings: ConditionalFormattingOptions[] }).conditionalFormattings = [
      ...nuove,
      ...altre,
    ];
    esito.scritti.push(ws.name);
  }
  return esito;
}

/** A worksheet's conditional formats as ExcelJS read them (worksheet.conditionalFormattings). */
export function formattazioniDi(ws: Worksheet): ConditionalFormattingOptions[] {
  return (ws as Worksheet & { conditionalFormattings?: ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
}

function formulaDi(r: ConditionalFormattingRule): string | null {
  const f = (r as { formulae?: unknown[] }).formulae?.[0];
  return typeof f === "string" ? f : null;
}

function isNostra(r: ConditionalFormattingRule): boolean {
  return r.type === "expression" && isRegolaBarometro(formulaDi(r));
}

function regola(r: RegolaCondizionale, priorita: number): ConditionalFormattingRule {
  const argb = `FF${r.colore.replace("#", "").toUpperCase()}`;
  return {
    type: "expression",
    priority: priorita,
    formulae: [r.formula.replace(/^=/, "")],
    style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb }, fgColor: { argb } } },
  };
}
