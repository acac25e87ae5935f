/**
 * The dossier's plan (src/layout/dossier.ts) on small models: what a reader finds in each case
 * (nothing counted, a user's formula, a cell's text limit), the sheet recognised as Barometro's own.
 */
import { tracciaEnte } from "../../src/engine";
import {
  COLONNE_DOSSIER,
  dossierAltrui,
  FOGLIO_DOSSIER,
  MAX_CARATTERI_CELLA,
  pianoDossier,
  riferimento,
  titoloDossier,
} from "../../src/layout/dossier";
import { daRiga as resetRighe, indAC, linea, obiettivo, percentuale } from "../support/modello";

const INTESTAZIONE = { cartella: "prova.xlsx", data: new Date(2026, 0, 2, 9, 5), versione: "1.2.3", anno: 2024 };
const testi = (piano: ReturnType<typeof pianoDossier>) => piano.righe.map((r) => r.celle.map((c) => String(c.valore)));

beforeEach(() => resetRighe());

test("a line with nothing counted, an objective with all data missing: the reasons in words", () => {
  const l = linea("LINEA VUOTA", [obiettivo("Da rilevare", [indAC(null, null)])], { percentuale: percentuale(null) });
  const righe = testi(pianoDossier(tracciaEnte([l]), INTESTAZIONE));
  const titolo = righe.find((r) => r[0] === "LINEA VUOTA")!;
  expect(titolo[2]).toBe("nessun obiettivo conteggiato: nessuna percentuale; 1 obiettivo non conteggiato");
  expect(titolo[6]).toBe("—");
  expect(righe.find((r) => r[0] === "Obiettivo: Da rilevare")![2]).toMatch(
    /^Non conteggiato — tutti i dati mancanti: nessun indicatore ha target atteso e consuntivo/
  );
  expect(righe.find((r) => r[0] === "Percentuale nel foglio")![2]).toBe("nessun numero nella cella della percentuale");
  expect(righe.find((r) => r[0] === "Ente (media delle linee)")![2]).toBe("nessuna linea con una percentuale");
  expect(righe.find((r) => r[0] === "Dati incompleti")).toBeDefined();
});

test("the header says file, date, version; the table's header has every column", () => {
  const l = linea("L", [obiettivo("O", [indAC(100, 50)])]);
  const piano = pianoDossier(tracciaEnte([l]), INTESTAZIONE);
  const righe = testi(piano);
  expect(righe[0][0]).toBe(titoloDossier(2024));
  expect(righe.slice(1, 4).map((r) => r[2])).toEqual(["prova.xlsx", "02/01/2026 09:05", "versione 1.2.3"]);
  expect(righe.filter((r) => r[0] === "Voce")).toEqual([[...COLONNE_DOSSIER]]);
  expect(piano).toMatchObject({ foglio: FOGLIO_DOSSIER, orientamento: "Landscape", primo: false, margini: true });
});

test("a 32,767-character name still fits its cell", () => {
  const nome = "x".repeat(MAX_CARATTERI_CELLA);
  const l = linea("L", [obiettivo(nome, [indAC(100, 50, 100, { nome })])]);
  const celle = pianoDossier(tracciaEnte([l]), INTESTAZIONE).righe.flatMap((r) => r.celle);
  const lunghe = celle.filter((c) => typeof c.valore === "string" && c.valore.length >= MAX_CARATTERI_CELLA - 1);
  expect(lunghe).toHaveLength(2);
  for (const c of lunghe) {
    expect((c.valore as string).length).toBe(MAX_CARATTERI_CELLA);
    expect(c.valore).toMatch(/…$/);
  }
});

test("references: a sheet name with spaces or quotes is quoted as Excel writes it", () => {
  expect(riferimento("Linee", "A1")).toBe("Linee!A1");
  expect(riferimento("Obiettivi 2024", "G7")).toBe("'Obiettivi 2024'!G7");
  expect(riferimento("L'ente", "B2")).toBe("'L''ente'!B2");
  expect(riferimento("Linee", null)).toBe("—");
});

test("a sheet of that name is Barometro's when empty or titled by it; otherwise the user's", () => {
  const foglio = (valori: unknown[][], name = "Dossier di validazione") => ({ name, values: valori }) as never;
  expect(dossierAltrui([foglio([[titoloDossier(2024)]])])).toBeNull();
  expect(dossierAltrui([foglio([[null, ""]])])).toBeNull();
  expect(dossierAltrui([foglio([["Appunti"]], "DOSSIER DI VALIDAZIONE")])).toBe("DOSSIER DI VALIDAZIONE");
  expect(dossierAltrui([foglio([["Appunti"]], "Altro")])).toBeNull();
});
