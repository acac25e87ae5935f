/**
 * Prepara stampa through the Office adapter over the fake Excel loaded from the bundled sample:
 * the page layout read back from the fake, the Indice, the round trips, and what is left alone.
 */
import ExcelJS from "exceljs";
import { MESSAGGI_APP } from "../../src/app/messaggi";
import { CHIAVE_ANNO_RELAZIONE, IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { preparaStampa } from "../../src/app/stampa";
import { BANDE_PREDEFINITE, fasciaPer } from "../../src/engine";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { gruppiDiIndirizzi, puntiDaCaratteri } from "../../src/excel/office-stampa";
import { leggiLinee } from "../../src/layout";
import { parseA1 } from "../../src/layout/griglia";
import { pianoStampa } from "../../src/layout/stampa";
import { CartellaFinta, FoglioFinto, paginaPredefinita } from "../../src/excel-finto";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";
import { errore } from "../errore-barometro";
import { CAMPIONE } from "../support/campione";

const FOGLIO = "Obiettivi 2024";
const PIE = "Relazione sulla Performance 2024 — pag. &P di &N";

let libro: ExcelJS.Workbook;
beforeAll(async () => {
  libro = new ExcelJS.Workbook();
  await libro.xlsx.readFile(CAMPIONE);
});

/** The sample in the fake Excel, plus a sheet of the user's with its own page layout and a break. */
function campione() {
  const cartella = cartellaDaExcelJS(libro);
  const appunti = cartella.aggiungiFoglio("Appunti");
  appunti.imposta("A1", { valore: "Note per la stampa" }).imposta("A30", { valore: 1, formula: "=1" });
  appunti.interruzioni = [9];
  appunti.pagina.piePagina = "Appunti miei";
  const accesso = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });
  return { cartella, accesso, ws: cartella.foglio(FOGLIO)!, appunti };
}

/** Keys of the snapshot whose entries differ. */
function diverse(prima: Map<string, string>, dopo: Map<string, string>): string[] {
  return [...new Set([...prima.keys(), ...dopo.keys()])].filter((k) => prima.get(k) !== dopo.get(k)).sort();
}

/** Every cell's value and formula, keyed "A1". */
function contenuti(f: FoglioFinto): Map<string, string> {
  const m = new Map<string, string>();
  for (const { riga, colonna, cella } of f.celle())
    if (cella.valore !== null || cella.formula !== undefined)
      m.set(`${riga},${colonna}`, JSON.stringify([cella.valore, cella.formula ?? null]));
  return m;
}

/** 0-based rows whose column A reads "Relazione sulla Performance 2024": where each section starts. */
function didascalie(f: FoglioFinto): number[] {
  return [...f.celle()]
    .filter((c) => c.colonna === 0 && c.cella.valore === "Relazione sulla Performance 2024")
    .map((c) => c.riga);
}

/** Header rows the sheet repeats inside a line (0-based): every «Settore» row but the first after a caption. */
function intestazioniRipetute(f: FoglioFinto): number[] {
  const righe = [...f.celle()].filter((c) => c.colonna === 0 && c.cella.valore === "Settore").map((c) => c.riga);
  const inizi = didascalie(f);
  return righe.filter((r, i) => i > 0 && righe[i - 1] > Math.max(...inizi.filter((d) => d < r)));
}

describe("Prepara stampa over the fake Excel (the sample)", () => {
  it("one read and one write: 2 syncs (3 the very first time, when the sheets are not known yet)", async () => {
    const { cartella, accesso } = campione();
    await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(3);
    cartella.azzeraContatori();
    const esito = await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(2);
    expect(esito.scrittura.sincronizzazioni).toBe(1);
    // The write's sync holds no load: nothing is read back.
    expect(cartella.registro[1].operazioni.filter((o) => o.tipo === "carica")).toEqual([]);
    // The Indice added by the first run was remembered: the next read is one sync.
    cartella.azzeraContatori();
    await accesso.leggi();
    expect(cartella.sincronizzazioni).toBe(1);
  });

  it("lays out the sheet: landscape A4, one page wide, header row on every page, footer, pages after the Indice", async () => {
    const { accesso, ws } = campione();
    const esito = await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(esito.fogli).toEqual([FOGLIO]);
    expect(esito.linee).toBe(10);
    expect(esito.anno).toBe(2024);
    expect(esito.fonteAnno).toBe("cartella");
    expect(ws.pagina).toEqual({
      orientamento: "Landscape",
      carta: "A4",
      zoom: { horizontalFitToPages: 1 },
      margini: { left: 28.8, right: 28.8, top: 36, bottom: 43.2, header: 21.6, footer: 21.6 },
      centraOrizzontale: true,
      primaPagina: 2,
      // The sample repeats its header row itself: no print titles (a page starts at each of its headers).
      righeTitoli: null,
      statoIntestazioni: "Default",
      piePagina: PIE,
    });
    expect(esito.pagine[0]).toBe(2);
    expect(esito.messaggio).toBe(
      `Impaginato 1 foglio, 10 linee; Indice creato (pagine stimate: ${esito.pagineStimate}). ` +
        "I numeri di pagina dell'Indice sono una stima: controllarli in Anteprima di stampa. " +
        MESSAGGI_APP.intestazioniDelFoglio([FOGLIO])
    );
    expect(esito.messaggio).toContain("ripete già la riga di intestazione");
    expect(esito.pagineStimate).toBeGreaterThan(11);
  });

  it("a page break exactly before each line's section (after the first) and each header the sheet repeats, the user's breaks there replaced", async () => {
    const { accesso, ws } = campione();
    ws.interruzioni = [3, 100];
    await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    const attese = [...didascalie(ws).slice(1), ...intestazioniRipetute(ws)].sort((a, b) => a - b);
    expect(attese).toHaveLength(19);
    expect(ws.interruzioni).toEqual(attese);
    // The same as the CLI's plan: a break after the row before each caption.
    const { linee } = leggiLinee((await accesso.leggi()).fogli);
    const [piano] = pianoStampa(linee, (await accesso.leggi()).fogli);
    expect(ws.interruzioni).toEqual(piano.interruzioni);
  });

  it("wraps the long texts of every indicator row in one multi-area range and autofits those rows", async () => {
    const { cartella, accesso, ws } = campione();
    await accesso.leggi();
    cartella.azzeraContatori();
    const esito = await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    const lettura = await accesso.leggi();
    const [piano] = pianoStampa(leggiLinee(lettura.fogli).linee, lettura.fogli);
    expect(piano.righeIndicatori).toHaveLength(140);
    expect(piano.colonneTesto.length).toBeGreaterThanOrEqual(5);
    for (const r of piano.righeIndicatori)
      for (const c of piano.colonneTesto) {
        expect(ws.cellaIn(r - 1, c)?.aCapo).toBe(true);
        expect(ws.cellaIn(r - 1, c)?.allineamentoVerticale).toBe("Top");
      }
    expect([...ws.righeAdattate].sort((a, b) => a - b)).toEqual(
      [...piano.righeIndicatori].map((r) => r - 1).sort((a, b) => a - b)
    );
    // Nothing outside the text columns of indicator rows is wrapped.
    const testi = new Set(piano.righeIndicatori.flatMap((r) => piano.colonneTesto.map((c) => `${r - 1},${c}`)));
    expect([...ws.celle()].filter((c) => c.cella.aCapo && !testi.has(`${c.riga},${c.colonna}`))).toEqual([]);
    // A few getRanges() calls, not one per cell.
    const scrittura = cartella.registro[1].operazioni;
    expect(scrittura.filter((o) => o.dettaglio === "wrapText").length).toBeLessThanOrEqual(3);
    expect(scrittura.filter((o) => o.dettaglio === "autofitRows").length).toBe(
      scrittura.filter((o) => o.dettaglio === "wrapText").length
    );
    expect(esito.piano.fogli[0].testi.length).toBeGreaterThan(10);
  });

  it("writes the Indice first: title, one row per line with %, band on its colour and page, then the ente", async () => {
    const { cartella, accesso } = campione();
    const esito = await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.fogli.map((f) => f.nome)).toEqual(["Indice", FOGLIO, "Appunti"]);
    const indice = cartella.foglio("Indice")!;
    const v = (a: string) => indice.cella(a)?.valore ?? null;
    expect(v("A1")).toBe("Indice — Stato di attuazione degli Obiettivi 2024");
    expect(indice.cella("A1")).toMatchObject({ grassetto: true, dimensioneCarattere: 14 });
    expect(["A3", "B3", "C3", "D3"].map(v)).toEqual(["Linea strategica", "% raggiungimento", "Barometro", "Pagina"]);
    expect(["A3", "B3", "C3", "D3"].every((a) => indice.cella(a)?.grassetto)).toBe(true);
    const { linee, risultato } = (await import("../../src/app/ricalcolo")).analizza(await accesso.leggi());
    expect(linee).toHaveLength(10); // the Indice is not taken for a line's table
    linee.forEach((linea, i) => {
      const r = 4 + i;
      const p = risultato.linee[i].percentuale!;
      const fascia = fasciaPer(p, BANDE_PREDEFINITE);
      expect(v(`A${r}`)).toBe(linea.nome);
      expect(v(`B${r}`)).toBeCloseTo(p / 100, 12);
      expect(indice.cella(`B${r}`)?.formato).toBe("0.00%");
      expect(v(`C${r}`)).toBe(fascia.etichetta);
      expect(indice.cella(`C${r}`)?.colore).toBe(fascia.colore.toUpperCase());
      expect(v(`D${r}`)).toBe(`pag. ${esito.pagine[i]}`);
    });
    expect(v("A8")).toBe(linee[4].nome);
    expect(v("B11")).toBeCloseTo(0.84444, 4); // LINEA STRATEGICA SULLO SPORT
    expect(v("C11")).toBe("Parzialmente raggiunto");
    expect(v("A15")).toBe("Ente (media delle linee)");
    expect(v("B15")).toBeCloseTo(risultato.percentuale! / 100, 12);
    expect(indice.cella("B15")?.formato).toBe("0.00%");
    expect(indice.cella("A15")?.grassetto).toBe(true);
    expect(esito.pagine).toEqual([...esito.pagine].sort((a, b) => a! - b!));
    expect([...indice.larghezze]).toEqual([
      [0, puntiDaCaratteri(62)],
      [1, puntiDaCaratteri(16)],
      [2, puntiDaCaratteri(24)],
      [3, puntiDaCaratteri(10)],
    ]);
    expect(indice.pagina).toMatchObject({
      orientamento: "Portrait",
      carta: "A4",
      zoom: { horizontalFitToPages: 1 },
      piePagina: PIE,
    });
  });

  it("run twice gives the same workbook: one Indice rewritten, the same breaks, nothing added", async () => {
    const { cartella, accesso } = campione();
    await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    const prima = cartella.istantanea();
    const ordine = cartella.fogli.map((f) => f.nome);
    const esito = await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(esito.indice).toEqual({ foglio: "Indice", creato: false });
    expect(esito.messaggio).toMatch(/Indice aggiornato/);
    expect(diverse(prima, cartella.istantanea())).toEqual([]);
    expect(cartella.fogli.map((f) => f.nome)).toEqual(ordine);
  });

  it("changes nothing else: every value and formula, the other sheets, the user's own breaks and layout", async () => {
    const { cartella, accesso, ws, appunti } = campione();
    const prima = cartella.istantanea();
    const celle = contenuti(ws);
    await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(contenuti(ws)).toEqual(celle);
    const dopo = cartella.istantanea();
    const cambiate = diverse(prima, dopo);
    // The user's sheet: untouched, its page break and footer included.
    expect(cambiate.filter((k) => k.startsWith("Appunti!"))).toEqual([]);
    expect(appunti.interruzioni).toEqual([9]);
    expect(appunti.pagina.piePagina).toBe("Appunti miei");
    // On the report's sheet: its page layout, and the format (wrap, alignment) of its long-text cells only.
    const lettura = await accesso.leggi();
    const [piano] = pianoStampa(leggiLinee(lettura.fogli).linee, lettura.fogli);
    const testi = new Set(piano.righeIndicatori.flatMap((r) => piano.colonneTesto.map((c) => `${r - 1},${c}`)));
    for (const k of cambiate.filter((c) => c.startsWith(`${FOGLIO}!`) && c !== `${FOGLIO}!#stampa`)) {
      const { row, col } = parseA1(k.slice(FOGLIO.length + 1));
      expect(testi.has(`${row},${col}`)).toBe(true);
      const [a, b] = [JSON.parse(prima.get(k) ?? '{"valore":null}'), JSON.parse(dopo.get(k)!)];
      expect({ ...b, aCapo: undefined, allineamentoVerticale: undefined }).toEqual({
        ...a,
        aCapo: undefined,
        allineamentoVerticale: undefined,
      });
    }
    // Everything else that changed is the new Indice.
    expect(cambiate.filter((k) => !k.startsWith(`${FOGLIO}!`) && !k.startsWith("Indice!"))).toEqual([]);
  });

  it("an Indice left by the command line or an earlier run is cleared and rewritten, not duplicated", async () => {
    const { cartella, accesso } = campione();
    const vecchio = cartella.aggiungiFoglio("Indice", 1);
    vecchio.imposta("A1", { valore: "Indice — Stato di attuazione degli Obiettivi 2023" });
    vecchio.imposta("A40", { valore: "riga vecchia" }).imposta("F2", { valore: 3, colore: "#FF0000" });
    const esito = await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(esito.indice.creato).toBe(false);
    expect(cartella.fogli.map((f) => f.nome)).toEqual(["Indice", FOGLIO, "Appunti"]);
    expect(vecchio.cella("A40")).toBeUndefined();
    expect(vecchio.cella("F2")).toBeUndefined();
    expect(vecchio.cella("A1")?.valore).toBe("Indice — Stato di attuazione degli Obiettivi 2024");
  });

  it("the year saved in the workbook wins over the one in its texts; chosen in the pane, it is saved", async () => {
    const { cartella, accesso, ws } = campione();
    cartella.impostazioni.set(CHIAVE_ANNO_RELAZIONE, 2025);
    let esito = await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(esito).toMatchObject({ anno: 2025, fonteAnno: "impostazione" });
    expect(ws.pagina.piePagina).toBe("Relazione sulla Performance 2025 — pag. &P di &N");
    expect(cartella.foglio("Indice")!.cella("A1")?.valore).toBe("Indice — Stato di attuazione degli Obiettivi 2025");

    esito = await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE, { anno: 2026 });
    expect(esito.anno).toBe(2026);
    expect(cartella.impostazioniNelFile()[CHIAVE_ANNO_RELAZIONE]).toBe(2026);
    esito = await preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE, { anno: null });
    expect(esito).toMatchObject({ anno: 2024, fonteAnno: "cartella" });
    expect(cartella.impostazioniNelFile()).not.toHaveProperty(CHIAVE_ANNO_RELAZIONE);
  });

  it("a protected report sheet, a user's own «Indice», a read-only workbook: a clear message, nothing written", async () => {
    let { cartella, accesso, ws } = campione();
    ws.protetto = true;
    let prima = cartella.istantanea();
    expect((await errore(preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE))).message).toBe(
      MESSAGGI_APP.foglioProtetto(FOGLIO)
    );
    expect(cartella.istantanea()).toEqual(prima);

    ({ cartella, accesso } = campione());
    cartella.aggiungiFoglio("indice").imposta("A1", { valore: "Il mio indice" });
    prima = cartella.istantanea();
    expect((await errore(preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE))).message).toBe(
      MESSAGGI_APP.indiceAltrui("indice")
    );
    expect(cartella.istantanea()).toEqual(prima);

    ({ cartella, accesso } = campione());
    await accesso.leggi();
    cartella.solaLettura = true;
    expect((await errore(preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE))).message).toBe(MESSAGGI_APP.solaLettura);
  });

  it("a workbook without tables: the Italian message, no write", async () => {
    const cartella = new CartellaFinta();
    cartella.aggiungiFoglio("Foglio1").imposta("A1", { valore: "niente" });
    const accesso = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });
    const e = await errore(preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE));
    expect(e.message).toMatch(/^Nessuna tabella degli obiettivi trovata/);
    expect(cartella.fogli.map((f) => f.nome)).toEqual(["Foglio1"]);
    expect(cartella.foglio("Foglio1")!.pagina).toEqual(paginaPredefinita());
  });
});

describe("helpers", () => {
  it("address lists stay under the getRanges() limit", () => {
    const aree = Array.from({ length: 500 }, (_, i) => `C${i * 2 + 1}:G${i * 2 + 1}`);
    const gruppi = gruppiDiIndirizzi(aree, 200);
    expect(gruppi.every((g) => g.length <= 200)).toBe(true);
    expect(gruppi.join(", ")).toBe(aree.join(", "));
    expect(gruppiDiIndirizzi([])).toEqual([]);
  });

  it("column widths in characters become points", () => {
    expect(puntiDaCaratteri(8.43)).toBe(48); // Excel's default column: 64 pixels
    expect(puntiDaCaratteri(62)).toBe(329.25);
  });
});
