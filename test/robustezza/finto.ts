/**
 * The Office.js adapter over the fake Excel, for the robustness tests: load bytes, «Ricalcola
 * tutto» without letting anything but an ErroreBarometro escape, and the "only owned cells
 * change" check on the fake's snapshots.
 */
import { isFormulaDiBarometro } from "../../src/engine";
import ExcelJS from "exceljs";
import { ErroreBarometro, EsitoRicalcolo, ricalcola } from "../../src/app/ricalcolo";
import { Impostazioni, IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { isFormulaBarometro, Patch } from "../../src/layout/patch";
import { isRegolaBarometro } from "../../src/layout/regole-condizionali";
import { CartellaFinta } from "../../src/excel-finto";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";
import { chiave, diverse, proprie } from "./strumenti";

/**
 * What changed in the fake Excel outside what the patch owns; [] when only owned things changed:
 * a written cell may change its value (its formula only for Barometro's own in formula mode), a
 * Barometro cell its fill and its content (a label, or Barometro's own label formula); on the sheets of the patch's conditional formatting only Barometro's
 * marked rules may change (the user's stay, in the same order); the Riepilogo sheet is Barometro's.
 */
export function fuoriDallaPatchFinta(
  prima: Map<string, string>,
  dopo: Map<string, string>,
  patch: Patch,
  formule = false
): string[] {
  const { scritte, colorate, formati } = proprie(patch);
  const formulaNostra = new Set(patch.scritture.filter((s) => s.formula).map((s) => chiave(s.foglio, s.cella)));
  const conRegole = new Set([
    ...(patch.formattazione?.aggiungi.map((r) => r.foglio) ?? []),
    ...(patch.formattazione?.elimina.map((r) => r.foglio) ?? []),
  ]);
  const riepilogo = patch.riepilogo?.foglio;
  const fuori: string[] = [];
  for (const k of diverse(prima, dopo)) {
    const foglio = k.slice(0, k.lastIndexOf("!"));
    if (riepilogo !== undefined && foglio === riepilogo) continue;
    if (k.endsWith("!#formattazioni") && conRegole.has(foglio)) {
      const dellUtente = (m: Map<string, string>) =>
        JSON.stringify(
          (JSON.parse(m.get(k) ?? "[]") as { formula?: string }[]).filter((r) => !isRegolaBarometro(r.formula))
        );
      if (dellUtente(prima) === dellUtente(dopo)) continue;
    }
    const a = JSON.parse(prima.get(k) ?? '{"valore":null}') as Record<string, unknown>;
    const b = JSON.parse(dopo.get(k) ?? '{"valore":null}') as Record<string, unknown>;
    const uguali = (...campi: string[]) =>
      campi.every(
        (c) =>
          JSON.stringify(a[c]) === JSON.stringify(b[c]) ||
          // The number format the patch sets there (Patch.formatiNumero).
          (c === "formato" && formati.has(k) && b[c] === formati.get(k))
      );
    if (
      scritte.has(k) &&
      uguali("formato", "colore", "formattata") &&
      // «Formule di Excel» (the default) writes Barometro's own formulas; PERF mode its =PERF.RAGG.
      (uguali("formula") || ((formule || isFormulaDiBarometro(b.formula as string)) && formulaNostra.has(k)))
    )
      continue;
    if (colorate.has(k) && uguali("valore", "formula", "formato", "formattata")) continue;
    // A Barometro cell: fill and label, the formula only from or to Barometro's own label formula.
    const nostra = (f: unknown) => f === undefined || isFormulaBarometro(f as string);
    if (scritte.has(k) && colorate.has(k) && uguali("formato", "formattata") && nostra(a.formula) && nostra(b.formula))
      continue;
    fuori.push(`${k}: ${(prima.get(k) ?? "—").slice(0, 300)} → ${(dopo.get(k) ?? "—").slice(0, 300)}`);
  }
  return fuori;
}

/** The bundled sample's or a test's bytes → the fake Excel behind the Office.js adapter. */
export async function inExcelFinto(bytes: Uint8Array): Promise<{
  cartella: CartellaFinta;
  accesso: ReturnType<typeof creaAccessoOffice>;
}> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const cartella = cartellaDaExcelJS(wb);
  return { cartella, accesso: creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni }) };
}

export type EsitoAdattatore =
  | { tipo: "ok"; esito: EsitoRicalcolo; prima: Map<string, string>; dopo: Map<string, string> }
  | { tipo: "errore"; errore: ErroreBarometro; prima: Map<string, string>; dopo: Map<string, string> }
  | { tipo: "eccezione"; eccezione: unknown };

/** «Ricalcola tutto» through the adapter on the fake Excel; errors other than ErroreBarometro are reported, not thrown. */
export async function ricalcolaFinto(
  cartella: CartellaFinta,
  accesso: ReturnType<typeof creaAccessoOffice>,
  impostazioni: Impostazioni = IMPOSTAZIONI_PREDEFINITE
): Promise<EsitoAdattatore> {
  const prima = cartella.istantanea();
  try {
    const esito = await ricalcola(accesso, { tipo: "tutto" }, impostazioni);
    return { tipo: "ok", esito, prima, dopo: cartella.istantanea() };
  } catch (e) {
    if (e instanceof ErroreBarometro) return { tipo: "errore", errore: e, prima, dopo: cartella.istantanea() };
    return { tipo: "eccezione", eccezione: e };
  }
}
