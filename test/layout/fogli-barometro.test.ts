/**
 * The one check of whether a sheet is Barometro's (Riepilogo and Indice), and the report's year read
 * from the workbook's own sheets only.
 */
import {
  FOGLIO_INDICE,
  FOGLIO_RIEPILOGO,
  foglioProprio,
  isFoglioDiBarometro,
  TITOLO_INDICE,
  TITOLO_RIEPILOGO,
} from "../../src/layout/fogli-barometro";
import { SheetGrid } from "../../src/layout/griglia";
import { annoDelReport } from "../../src/layout/stampa";

const foglio = (name: string, ...righe: unknown[][]): SheetGrid => ({
  name,
  values: righe as SheetGrid["values"],
  merges: [],
});

describe("the sheets Barometro owns", () => {
  it("a sheet is Barometro's when it has one of its names (any case) and that sheet's title in A1", () => {
    expect(isFoglioDiBarometro(foglio("Riepilogo", [TITOLO_RIEPILOGO]))).toBe(true);
    expect(isFoglioDiBarometro(foglio("riepilogo", [TITOLO_RIEPILOGO]))).toBe(true);
    expect(isFoglioDiBarometro(foglio("Indice", [`${TITOLO_INDICE} 2024`]))).toBe(true);
    // Each sheet's own title: the Indice's title on the Riepilogo is the user's doing.
    expect(isFoglioDiBarometro(foglio("Riepilogo", [TITOLO_INDICE]))).toBe(false);
    expect(isFoglioDiBarometro(foglio("Indice", [TITOLO_RIEPILOGO]))).toBe(false);
    expect(isFoglioDiBarometro(foglio("Linea 1", [TITOLO_RIEPILOGO]))).toBe(false);
  });

  it("foglioProprio: absent, empty, Barometro's and the user's", () => {
    expect(foglioProprio([], FOGLIO_RIEPILOGO)).toEqual({ nome: "Riepilogo", esistente: undefined, altrui: false });
    const vuoto = foglio("INDICE", [null, ""]);
    expect(foglioProprio([vuoto], FOGLIO_INDICE)).toEqual({ nome: "INDICE", esistente: vuoto, altrui: false });
    const nostro = foglio("Riepilogo", [TITOLO_RIEPILOGO]);
    expect(foglioProprio([nostro], FOGLIO_RIEPILOGO).altrui).toBe(false);
    const suo = foglio("Riepilogo", ["Il mio riepilogo"]);
    expect(foglioProprio([suo], FOGLIO_RIEPILOGO)).toEqual({ nome: "Riepilogo", esistente: suo, altrui: true });
  });

  it("the report's year comes from the workbook's sheets, never from a sheet Barometro wrote", () => {
    const indice = foglio("Indice", [`${TITOLO_INDICE} 2023`], ["Relazione sulla Performance 2023"]);
    const linea = foglio("Linea 1", ["Relazione sulla Performance 2024"]);
    expect(annoDelReport([indice, linea])).toBe(2024);
    expect(annoDelReport([indice])).toBeNull();
    // A user's sheet named Indice is read like any other.
    expect(annoDelReport([foglio("Indice", ["Obiettivi 2022"])])).toBe(2022);
  });
});
