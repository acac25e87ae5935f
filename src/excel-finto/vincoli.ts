/**
 * Excel's documented limits that the in-memory Excel (src/excel-finto/) enforces, kept here as plain
 * checks: each returns the message of the error the fake throws, or null when Excel accepts.
 * docs/VINCOLI-EXCEL.md lists every constraint with its Microsoft source and the test that checks it.
 */
import { costruttiVietati } from "./formula-condizionale";

/**
 * Longest formula Excel takes ("Length of formula contents: 8,192 characters", Excel
 * specifications and limits). Counted with the leading "=": never looser than Excel.
 */
export const MAX_CARATTERI_FORMULA = 8_192;

/**
 * Most cells one range read returns ("A range is limited to 5,000,000 cells for read operations":
 * Resource limits and performance optimization for Office Add-ins, Excel add-ins).
 */
export const MAX_CELLE_LETTURA = 5_000_000;

/**
 * Most merged areas Range.getMergedAreasOrNullObject() returns ("if the merged areas count in this
 * range is more than 512, then this method will fail to return the result": ExcelApi 1.13 reference).
 */
export const MAX_AREE_UNITE = 512;

/**
 * Excel on the web refuses requests and responses over "5MB" (Resource limits and performance
 * optimization for Office Add-ins). Microsoft does not say whether that is 5,000,000 or 5 × 1024 ×
 * 1024 bytes: the fake takes the lower, so that it is never looser than Excel.
 */
export const LIMITE_PAYLOAD_EXCEL_WEB = 5_000_000;

/**
 * Where Excel reports that failure (OfficeExtension.Error.debugInfo.errorLocation, "Class.member"
 * as Excel writes it): the adapter recognises the failure by it (src/excel/errors.ts, isErroreUnioni).
 */
export const POSIZIONE_ERRORE_UNIONI = "Range.getMergedAreasOrNullObject";

/** A formula written to a cell (Range.formulas / values): too long? */
export function erroreFormulaCella(formula: string): string | null {
  return formula.length > MAX_CARATTERI_FORMULA
    ? `La formula supera i ${MAX_CARATTERI_FORMULA} caratteri (${formula.length}).`
    : null;
}

/**
 * A custom conditional format's formula (ConditionalFormatRule.formula): too long, or holding what
 * Excel refuses in conditional-formatting criteria — array constants, unions, intersections
 * ([MS-OI29500] 3.2.3.1.2; formula-condizionale.ts, costruttiVietati).
 */
export function erroreFormulaCondizionale(formula: string): string | null {
  const lunga = erroreFormulaCella(formula);
  if (lunga) return lunga;
  const vietati = costruttiVietati(formula);
  return vietati.length > 0
    ? `Una formula di formattazione condizionale non può contenere ${vietati.join(", ")}: ${formula}`
    : null;
}

/** A read of `celle` cells (values, numberFormat, formulas): over Excel's limit? */
export function erroreLetturaCelle(celle: number): string | null {
  return celle > MAX_CELLE_LETTURA
    ? `Un intervallo letto può avere al massimo ${MAX_CELLE_LETTURA} celle (${celle}).`
    : null;
}
