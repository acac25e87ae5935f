import { indirizzoRighe } from "./addresses";
import {
  ExcelChartCollection,
  ExcelConditionalFormatCollection,
  ExcelContext,
  ExcelRange,
  ExcelRangeAreas,
  ExcelWorksheet,
  ExcelWorksheetCollection,
} from "./excel-api";
import { DatiFoglio, righeUsate } from "./range-data";
import { blocchiMancanti, BloccoUnioni } from "./read-plan";

/**
 * What a read queues on each worksheet (no sync here) and how the loaded proxies become plain
 * data after the sync: shared by the read in one go (lettore.ts) and the read in slices
 * (lettore-a-fette.ts).
 */

/** The proxies one worksheet's read is queued on. */
export interface RichiestaFoglio {
  foglio: ExcelWorksheet;
  usato: ExcelRange;
  /** The formula cells of the whole sheet; null in a read in slices (each slice reads its own). */
  formule: ExcelRangeAreas | null;
  unioni: { blocco: BloccoUnioni; aree: ExcelRangeAreas }[];
  /** The sheet's conditional formats (null when not read); its charts' names. */
  formati: ExcelConditionalFormatCollection | null;
  grafici: ExcelChartCollection;
}

/** One worksheet read: its proxies, its data, and the merged areas per row of its densest block. */
export interface FoglioLetto {
  id: string;
  nome: string;
  richiesta: RichiestaFoglio;
  dati: DatiFoglio;
  densitaUnioni?: number;
}

/** Queues the list of sheets and, when asked, the selection's address (one read). */
export function accodaElenco(context: ExcelContext, conSelezione: boolean) {
  const fogli = context.workbook.worksheets;
  fogli.load("items/name,items/id");
  const selezionate = conSelezione ? context.workbook.getSelectedRanges() : null;
  if (selezionate) selezionate.load("address");
  return { fogli, selezionate };
}

/**
 * Queues everything one worksheet's read needs (no sync); without `dati`, the used range's
 * address only; without `formattazioni`, no conditional formats.
 */
export function accodaFoglio(
  fogli: ExcelWorksheetCollection,
  id: string,
  blocchi: BloccoUnioni[],
  dati: boolean,
  formattazioni: boolean
): RichiestaFoglio {
  const foglio = fogli.getItemOrNullObject(id);
  const usato = foglio.getUsedRangeOrNullObject(false);
  if (dati) usato.load("address,values,numberFormat");
  else usato.load("address");
  // In a read in slices the formulas come with each slice: a sheet full of formulas (Barometro's
  // labels on 100,000 rows are ~25 MB of text) would exceed the 5 MB of a response on its own.
  const formule = dati ? formuleIn(foglio.getRange()) : null;
  foglio.load("protection/protected");
  let formati: ExcelConditionalFormatCollection | null = null;
  if (formattazioni) {
    formati = foglio.getRange().conditionalFormats;
    formati.load("items/id,items/type,items/customOrNullObject/rule/formula");
  }
  const grafici = graficiDel(foglio);
  grafici.load("items/name");
  return {
    foglio,
    usato,
    formule,
    unioni: accodaUnioni(foglio, blocchi),
    formati,
    grafici,
  };
}

/** Queues the formula cells of a range (their areas' addresses and formulas). */
export function formuleIn(range: ExcelRange): ExcelRangeAreas {
  const formule = range.getSpecialCellsOrNullObject("Formulas");
  formule.load("areas/items/address,areas/items/formulas");
  return formule;
}

/** Loaded formula areas → plain data; none for a null object. */
export function areeFormule(formule: ExcelRangeAreas | null): DatiFoglio["formule"] {
  return !formule || formule.isNullObject
    ? []
    : formule.areas.items.map((area) => ({
        address: area.address,
        formulas: area.formulas,
      }));
}

/** A worksheet's charts: a navigation property, reading it needs no sync (unlike its items). */
function graficiDel(foglio: ExcelWorksheet): ExcelChartCollection {
  return foglio.charts;
}

/** Queues the merged areas of these blocks of rows (no sync). */
export function accodaUnioni(foglio: ExcelWorksheet, blocchi: BloccoUnioni[]): RichiestaFoglio["unioni"] {
  return blocchi.map((blocco) => {
    const aree = foglio.getRange(indirizzoRighe(blocco.da, blocco.a)).getMergedAreasOrNullObject();
    aree.load("address");
    return { blocco, aree };
  });
}

/** Sheets whose used rows go past the blocks of merged areas queued for them. */
export function unioniMancanti<L extends { richiesta: RichiestaFoglio; dati: DatiFoglio }>(
  letti: L[],
  altezza: (l: L) => number
): { l: L; blocchi: BloccoUnioni[] }[] {
  return letti
    .map((l) => ({
      l,
      blocchi: blocchiMancanti(
        righeUsate(l.dati.usato),
        l.richiesta.unioni.map((u) => u.blocco),
        altezza(l)
      ),
    }))
    .filter((c) => c.blocchi.length > 0);
}

/** The loaded proxies → plain data (after the sync); the used range's cells only when they were loaded. */
export function datiFoglio(nome: string, r: RichiestaFoglio, conCelle = true): DatiFoglio {
  return {
    nome,
    usato: r.usato.isNullObject
      ? null
      : conCelle
        ? {
            address: r.usato.address,
            values: r.usato.values,
            numberFormat: r.usato.numberFormat,
          }
        : { address: r.usato.address, values: [], numberFormat: [] },
    formule: areeFormule(r.formule),
    unioni: r.unioni.filter((u) => !u.aree.isNullObject).map((u) => u.aree.address),
  };
}
