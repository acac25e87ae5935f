/**
 * Dossier di validazione through the Office adapter over the fake Excel loaded from the bundled
 * sample: the sheet's contents (rules, each line's trace with cells, findings, the workbook's own
 * percentage against the computed one), its page layout, the round trips, and what is left alone.
 */
import { CAMPIONE } from "../support/campione";
import ExcelJS from "exceljs";
import { scriviDossier } from "../../src/app/dossier";
import { MESSAGGI_APP } from "../../src/app/messaggi";
import { REGOLE_CALCOLO } from "../../src/engine";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { leggiLinee } from "../../src/layout";
import { FOGLIO_DOSSIER, NOTA_DOSSIER } from "../../src/layout/dossier";
import { MARGINI_STAMPA } from "../../src/layout/stampa";
import { FoglioFinto } from "../../src/excel-finto";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";
import { worksheetToGrid } from "../support/griglia-exceljs";
import { errore } from "../errore-barometro";

const FOGLIO = "Obiettivi 2024";
const OPZIONI = { cartella: "relazione-performance-2024.xlsx", versione: "9.9.9", data: new Date(2026, 11, 3, 16, 30) };

let libro: ExcelJS.Workbook;
beforeAll(async () => {
  libro = new ExcelJS.Workbook();
  await libro.xlsx.readFile(CAMPIONE);
});

function campione() {
  const cartella = cartellaDaExcelJS(libro);
  cartella.aggiungiFoglio("Appunti").imposta("A1", { valore: "Note mie" });
  const accesso = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });
  return { cartella, accesso };
}

/** Every row of the sheet as the texts of its cells, "" where empty. */
function righe(f: FoglioFinto): string[][] {
  const out: string[][] = [];
  for (const { riga, colonna, cella } of f.celle()) {
    (out[riga] ??= [])[colonna] = cella.valore === null ? "" : String(cella.valore);
  }
  return Array.from(out, (r) => Array.from(r ?? [], (v) => v ?? ""));
}

/** Every cell's value and formula, keyed "riga,colonna". */
function contenuti(f: FoglioFinto): Map<string, string> {
  const m = new Map<string, string>();
  for (const { riga, colonna, cella } of f.celle())
    if (cella.valore !== null || cella.formula !== undefined)
      m.set(`${riga},${colonna}`, JSON.stringify([cella.valore, cella.formula ?? null]));
  return m;
}

describe("Dossier di validazione over the fake Excel (the sample)", () => {
  it("one read and one write; the sheet added last, landscape, one page wide, the annex's footer and margins", async () => {
    const { cartella, accesso } = campione();
    const esito = await scriviDossier(accesso, OPZIONI);
    expect(esito.scrittura.sincronizzazioni).toBe(1);
    expect(cartella.fogli.map((f) => f.nome)).toEqual([FOGLIO, "Appunti", FOGLIO_DOSSIER]);
    expect(esito.messaggio).toBe(MESSAGGI_APP.dossierPronto(FOGLIO_DOSSIER, true, 10, 15));
    const pagina = cartella.foglio(FOGLIO_DOSSIER)!.pagina;
    expect(pagina.orientamento).toBe("Landscape");
    expect(pagina.carta).toBe("A4");
    expect(pagina.zoom).toEqual({ horizontalFitToPages: 1 });
    expect(pagina.piePagina).toBe("Dossier di validazione — Relazione sulla Performance 2024 — pag. &P di &N");
    expect(pagina.margini.left).toBeCloseTo(MARGINI_STAMPA.left * 72, 6);

    cartella.azzeraContatori();
    const seconda = await scriviDossier(accesso, OPZIONI);
    expect(cartella.sincronizzazioni).toBe(2);
    expect(seconda.creato).toBe(false);
    expect(cartella.fogli.map((f) => f.nome)).toEqual([FOGLIO, "Appunti", FOGLIO_DOSSIER]);
  });

  it("the header, the rules once, and Sport's 84,44 decomposed with its cells", async () => {
    const { cartella, accesso } = campione();
    await scriviDossier(accesso, OPZIONI);
    const d = cartella.foglio(FOGLIO_DOSSIER)!;
    const r = righe(d);
    expect(r[0][0]).toBe("Dossier di validazione — Stato di attuazione degli Obiettivi 2024");
    expect(r.slice(1, 5).map((x) => [x[0], x[2]])).toEqual([
      ["Cartella", "relazione-performance-2024.xlsx"],
      ["Data", "03/12/2026 16:30"],
      ["Barometro", "versione 9.9.9"],
      ["Nota", NOTA_DOSSIER],
    ]);
    const regole = r.filter((x) => /^Regola \d+$/.test(x[0])).map((x) => x[2]);
    expect(regole).toEqual([...REGOLE_CALCOLO]);

    const inizio = r.findIndex((x) => x[0] === "LINEA STRATEGICA SULLO SPORT");
    expect(r[inizio][2]).toBe("media dei 3 obiettivi conteggiati: (100 + 100 + 53,33) / 3 = 84,44");
    // Each line starts a page: a manual break above each line's title row (0-based in the fake).
    const titoli = r.flatMap((x, i) => (/^(LINEA STRATEGICA|OBIETTIVI DI MANDATO)/.test(x[0]) ? [i] : []));
    expect(titoli).toHaveLength(10);
    expect(d.interruzioni).toEqual(titoli);
    expect(Number(r[inizio][6])).toBeCloseTo(0.844444, 6);
    expect(d.cella(`G${inizio + 1}`)?.formato).toBe("0.00%");
    const piscine = r.findIndex((x, i) => i > inizio && x[0].startsWith("Obiettivo: Monitoraggio progetto"));
    expect(r[piscine][2]).toBe("Σ(peso × % Ragg) / Σ peso, somma dei contributi: 33,33 + 20 = 53,33");
    const spazi = r[piscine + 1];
    expect(spazi[0]).toBe("· Aumento spazi palestre cittadine");
    expect(spazi[2]).toBe("consuntivo / atteso × 100, massimo 100 (più alto è meglio); 500 / 1.200 × 100 = 41,67");
    expect(spazi.slice(4, 10).map(Number)).toEqual([
      1200,
      500,
      expect.closeTo(0.416667, 6),
      80,
      0.8,
      expect.closeTo(0.333333, 6),
    ]);
    expect(spazi[1]).toMatch(/^D\d+$/);
    const conformita = r[piscine + 2];
    expect(conformita[10]).toMatch(/^POLARITA_SOSPETTA \([A-Z]+\d+\)$/);
    // The findings of the line, each with its cell.
    const avvisi = r.findIndex((x, i) => i > inizio && x[0].startsWith("Avvisi della Verifica:"));
    expect(r[avvisi][0]).toBe("Avvisi della Verifica: 1");
    expect(r[avvisi + 1][0]).toBe("POLARITA_SOSPETTA");
    expect(r[avvisi + 1][1]).toMatch(/^G\d+$/);
  });

  it("the neutralised objective with its reason; the lower-is-better indicator with the column it came from", async () => {
    const { cartella, accesso } = campione();
    await scriviDossier(accesso, OPZIONI);
    const r = righe(cartella.foglio(FOGLIO_DOSSIER)!);
    const neutro = r.find((x) => x[0].includes("ID Intervento 82"))!;
    expect(neutro[2]).toMatch(/^Non conteggiato — Σ peso = 0/);
    expect(neutro[6]).toBe("—");
    const tempo = r.find((x) => x[0] === "· tempo medio aggiornamento")!;
    expect(tempo[2]).toBe("atteso / consuntivo × 100, massimo 100 (più basso è meglio); consuntivo 3 ≤ atteso 4: 100");
    expect(tempo[3]).toMatch(/^↓ dalla colonna Polarità \(G\d+: «↓»\)$/);
  });

  it("says where the workbook's own line percentage differs from the computed one", async () => {
    const { cartella, accesso } = campione();
    const ws = cartella.foglio(FOGLIO)!;
    // Sport's percentage cell, as the reader finds it, made wrong.
    const linea = leggiLinee([worksheetToGrid(libro.getWorksheet(FOGLIO)!)]).linee.find((l) => /SPORT/.test(l.nome))!;
    ws.imposta(linea.percentuale!.cella, { valore: 0.8 });
    await scriviDossier(accesso, OPZIONI);
    const r = righe(cartella.foglio(FOGLIO_DOSSIER)!);
    const inizio = r.findIndex((x) => x[0] === "LINEA STRATEGICA SULLO SPORT");
    const nelFoglio = r.slice(inizio).find((x) => x[0] === "Percentuale nel foglio")!;
    expect(nelFoglio[1]).toBe(linea.percentuale!.cella);
    expect(nelFoglio[2]).toBe("DIVERSA: nel foglio 80,00%, calcolata 84,44% (avviso LINEA_DIVERSA)");
    const altra = r
      .slice(r.findIndex((x) => x[0] === "LINEA STRATEGICA SULL'AMBIENTE"))
      .find((x) => x[0] === "Percentuale nel foglio")!;
    expect(altra[2]).toBe("100,00%: coincide con la calcolata");
  });

  it("writes only its own sheet; the workbook still reads 10 lines (the dossier is no line table)", async () => {
    const { cartella, accesso } = campione();
    const prima = cartella.fogli.map((f) => contenuti(f));
    await scriviDossier(accesso, OPZIONI);
    cartella.fogli.slice(0, 2).forEach((f, i) => expect(contenuti(f)).toEqual(prima[i]));
    const { linee } = leggiLinee((await accesso.leggi()).fogli);
    expect(linee.map((l) => l.foglio)).toEqual(Array(10).fill(FOGLIO));
  });

  it("refuses a user's sheet of the same name, and a protected dossier; nothing written", async () => {
    const { cartella, accesso } = campione();
    cartella.aggiungiFoglio("dossier di validazione").imposta("A1", { valore: "Appunti per il Nucleo" });
    const prima = cartella.fogli.map((f) => contenuti(f));
    expect((await errore(scriviDossier(accesso, OPZIONI))).message).toBe(
      MESSAGGI_APP.dossierAltrui("dossier di validazione")
    );
    expect(cartella.fogli.map((f) => contenuti(f))).toEqual(prima);

    const altra = campione();
    await scriviDossier(altra.accesso, OPZIONI);
    altra.cartella.foglio(FOGLIO_DOSSIER)!.protetto = true;
    expect((await errore(scriviDossier(altra.accesso, OPZIONI))).message).toBe(
      MESSAGGI_APP.foglioProtetto(FOGLIO_DOSSIER)
    );
  });
});
