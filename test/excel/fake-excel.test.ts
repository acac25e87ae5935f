import { CartellaFinta, CODICI_ERRORE, ErroreExcelFinto } from "../../src/excel-finto";

function cartella() {
  const c = new CartellaFinta();
  const ws = c.aggiungiFoglio("Obiettivi 2024");
  ws.imposta("B2", { valore: "Indicatore" })
    .imposta("C2", { valore: 12, formato: "#,##0" })
    .imposta("D2", { valore: 0.9, formato: "0.00%", formula: "=C2/100" })
    .imposta("E3", { valore: null, formattata: true });
  c.aggiungiFoglio("Note");
  return { c, ws };
}

async function codiceDi(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof ErroreExcelFinto ? e.code : `non Office: ${String(e)}`;
  }
  return "nessun errore";
}

describe("fake Excel: load/sync semantics", () => {
  it("throws PropertyNotLoaded before load + sync, delivers at sync", async () => {
    const { c } = cartella();
    await c.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Obiettivi 2024").getRange("B2:D2");
      expect(() => range.values).toThrow(expect.objectContaining({ code: CODICI_ERRORE.proprietaNonCaricata }));
      range.load("values, numberFormat,formulas,address");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(() => range.isNullObject).toThrow();
      await context.sync();
      expect(range.values).toEqual([["Indicatore", 12, 0.9]]);
      expect(range.numberFormat).toEqual([["General", "#,##0", "0.00%"]]);
      expect(range.formulas).toEqual([["Indicatore", 12, "=C2/100"]]);
      expect(range.address).toBe("'Obiettivi 2024'!B2:D2");
      expect(range.isNullObject).toBe(false);
      expect(() => range.rowCount).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
    expect(c.sincronizzazioni).toBe(1);
  });

  it("loads collections with items/…, nested paths and gives null objects", async () => {
    const { c } = cartella();
    await c.run(async (context) => {
      const fogli = context.workbook.worksheets;
      fogli.load("items/name,items/id");
      const manca = fogli.getItemOrNullObject("Manca");
      manca.load("name");
      const usato = manca.getUsedRangeOrNullObject(false);
      usato.load("address");
      const note = fogli.getItem("note"); // names are case-insensitive
      note.load("name,protection/protected");
      const vuoto = note.getUsedRangeOrNullObject();
      vuoto.load("address");
      await context.sync();
      expect(fogli.items.map((f) => f.name)).toEqual(["Obiettivi 2024", "Note"]);
      expect(fogli.items[0].id).toMatch(/^\{.*\}$/);
      expect(manca.isNullObject).toBe(true);
      expect(usato.isNullObject).toBe(true); // chained on a null object
      expect(() => manca.name).toThrow();
      expect(note.name).toBe("Note");
      expect(note.protection.protected).toBe(false);
      expect(vuoto.isNullObject).toBe(true);
    });
  });

  it("used range: formatted empty cells count unless valuesOnly", async () => {
    const { c } = cartella();
    await c.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Obiettivi 2024");
      const tutto = ws.getUsedRangeOrNullObject(false);
      const valori = ws.getUsedRangeOrNullObject(true);
      tutto.load("address,rowCount,columnCount");
      valori.load("address");
      await context.sync();
      expect(tutto.address).toBe("'Obiettivi 2024'!B2:E3");
      expect([tutto.rowCount, tutto.columnCount]).toEqual([2, 4]);
      expect(valori.address).toBe("'Obiettivi 2024'!B2:D2");
    });
  });

  it("applies writes only at sync; 2-D arrays must match the range", async () => {
    const { c, ws } = cartella();
    await c.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Obiettivi 2024").getRange("J7:J8");
      r.values = [[1], [2]];
      expect(ws.cella("J7")).toBeUndefined();
      await context.sync();
      expect(ws.cella("J7")?.valore).toBe(1);
      r.values = [[1, 2]];
      await expect(context.sync()).rejects.toMatchObject({ code: CODICI_ERRORE.argomentoNonValido });
      r.values = [["'84,44%"], ["=J7*2"]];
      r.numberFormat = [["@"], ["0"]];
      await context.sync();
    });
    expect(ws.cella("J7")).toEqual({ valore: "84,44%", formato: "@" });
    expect(ws.cella("J8")).toEqual({ valore: 2, formula: "=J7*2", formato: "0" });
  });

  it("formulas setter; valutaFormula computes the value when given", async () => {
    const c = new CartellaFinta({ valutaFormula: (f) => (f === "=1+1" ? 2 : undefined) });
    const ws = c.aggiungiFoglio("F");
    ws.imposta("A2", { valore: 7 });
    await c.run(async (context) => {
      context.workbook.worksheets.getItem("F").getRange("A1:A3").formulas = [["=1+1"], ["=X"], [5]];
      await context.sync();
    });
    expect(ws.cella("A1")).toEqual({ valore: 2, formula: "=1+1" });
    expect(ws.cella("A2")).toEqual({ valore: 7, formula: "=X" });
    expect(ws.cella("A3")).toEqual({ valore: 5 });
  });

  it("fills multi-area ranges and clears them", async () => {
    const { c, ws } = cartella();
    await c.run(async (context) => {
      const foglio = context.workbook.worksheets.getItem("Obiettivi 2024");
      foglio.getRanges("N7:N9, N12").format.fill.color = "#63be7b";
      await context.sync();
      foglio.getRanges("N8").format.fill.clear();
      const colore = foglio.getRange("N7").format.fill;
      colore.load("color");
      const vuoto = foglio.getRange("A1").format.fill;
      vuoto.load("color");
      await context.sync();
      expect(colore.color).toBe("#63BE7B");
      expect(vuoto.color).toBe("#FFFFFF");
      foglio.getRanges("N7").format.fill.color = "verde";
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(["N7", "N8", "N9", "N12"].map((a) => ws.cella(a)?.colore ?? null)).toEqual([
      "#63BE7B",
      null,
      "#63BE7B",
      "#63BE7B",
    ]);
  });

  it("protected sheet and read-only workbook: AccessDenied, earlier writes of the batch stay", async () => {
    const { c, ws } = cartella();
    c.foglio("Note")!.protetto = true;
    const codice = await codiceDi(
      c.run(async (context) => {
        context.workbook.worksheets.getItem("Obiettivi 2024").getRange("A1").values = [[1]];
        context.workbook.worksheets.getItem("Note").getRange("A1").values = [[1]];
        await context.sync();
      })
    );
    expect(codice).toBe(CODICI_ERRORE.accessoNegato);
    expect(ws.cella("A1")?.valore).toBe(1); // Excel has no rollback
    expect(c.foglio("Note")!.cella("A1")).toBeUndefined();
    expect(c.registro.at(-1)?.errore).toBe("AccessDenied");

    c.solaLettura = true;
    expect(
      await codiceDi(
        c.run(async (context) => {
          context.workbook.worksheets.getItem("Obiettivi 2024").getRanges("A1").format.fill.clear();
          await context.sync();
        })
      )
    ).toBe("AccessDenied");
  });

  it("edit mode: every sync fails before any change", async () => {
    const { c, ws } = cartella();
    c.modificaInCorso = true;
    const codice = await codiceDi(
      c.run(async (context) => {
        context.workbook.worksheets.getItem("Obiettivi 2024").getRange("A1").values = [[1]];
        await context.sync();
      })
    );
    expect(codice).toBe(CODICI_ERRORE.modificaInCorso);
    expect(ws.cella("A1")).toBeUndefined();
  });

  it("merged areas: top-left inside the range, null when none, error above 512", async () => {
    const c = new CartellaFinta({ maxAreeUnite: 3 });
    const ws = c.aggiungiFoglio("F");
    ws.imposta("A1", { valore: "titolo" }).unisci("A1:C1").unisci("A3:A5").unisci("B3:B5");
    ws.imposta("A9", { valore: 1 }).unisci("A9:A10").unisci("B9:B10");
    await c.run(async (context) => {
      const foglio = context.workbook.worksheets.getItem("F");
      const alto = foglio.getRange("1:4").getMergedAreasOrNullObject();
      alto.load("address,areaCount");
      const sotto = foglio.getRange("4:8").getMergedAreasOrNullObject(); // A3:A5 starts above
      sotto.load("address");
      await context.sync();
      expect(alto.address).toBe("F!A1:C1, F!A3:A5, F!B3:B5");
      expect(alto.areaCount).toBe(3);
      expect(sotto.isNullObject).toBe(true);
      const troppe = foglio.getRange("1:10").getMergedAreasOrNullObject();
      troppe.load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: CODICI_ERRORE.generico });
    });
    expect(ws.cella("B4")).toBeUndefined();
  });

  it("special cells: the formula cells' areas with their formulas", async () => {
    const { c } = cartella();
    c.foglio("Obiettivi 2024")!.imposta("D3", { valore: 1, formula: "=1" }).imposta("F9", { valore: 2, formula: "=2" });
    await c.run(async (context) => {
      const formule = context.workbook.worksheets
        .getItem("Obiettivi 2024")
        .getRange()
        .getSpecialCellsOrNullObject("Formulas");
      formule.load("areas/items/address,areas/items/formulas");
      const nessuna = context.workbook.worksheets.getItem("Note").getRange().getSpecialCellsOrNullObject("Formulas");
      nessuna.load("address");
      await context.sync();
      expect(formule.areas.items.map((a) => [a.address, a.formulas])).toEqual([
        ["'Obiettivi 2024'!D2:D3", [["=C2/100"], ["=1"]]],
        ["'Obiettivi 2024'!F9", [["=2"]]],
      ]);
      expect(nessuna.isNullObject).toBe(true);
    });
  });

  it("selection, activate and select", async () => {
    const { c } = cartella();
    c.seleziona("Obiettivi 2024", "B7:D9");
    await c.run(async (context) => {
      const sel = context.workbook.getSelectedRanges();
      sel.load("address");
      await context.sync();
      expect(sel.address).toBe("'Obiettivi 2024'!B7:D9");
      const note = context.workbook.worksheets.getItem("Note");
      note.activate();
      note.getRange("12:20").select();
      await context.sync();
    });
    expect(c.foglioAttivo).toBe(c.foglio("Note")!.id);
    expect(c.selezione).toEqual({
      foglio: c.foglio("Note")!.id,
      area: { top: 11, left: 0, bottom: 19, right: 16_383 },
    });
  });

  it("getItem of a missing sheet fails at sync with ItemNotFound", async () => {
    const { c } = cartella();
    expect(
      await codiceDi(
        c.run(async (context) => {
          context.workbook.worksheets.getItem("Manca").activate();
          await context.sync();
        })
      )
    ).toBe(CODICI_ERRORE.nonTrovato);
  });

  it("counts syncs, logs operations with payload, and Excel.run syncs what is left", async () => {
    const { c } = cartella();
    await c.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Obiettivi 2024").getRange("B2:D2");
      r.load("values");
      await context.sync();
      context.workbook.worksheets.getItem("Obiettivi 2024").getRange("J7").values = [[123]];
    });
    expect(c.sincronizzazioni).toBe(2);
    const [lettura, scrittura] = c.registro;
    expect(lettura.operazioni).toEqual([
      expect.objectContaining({
        tipo: "carica",
        dettaglio: "values",
        oggetto: expect.stringContaining('getRange("B2:D2")'),
      }),
    ]);
    expect(lettura.byteRisposta).toBe(JSON.stringify({ values: [["Indicatore", 12, 0.9]] }).length);
    expect(scrittura.operazioni[0]).toMatchObject({ tipo: "imposta", dettaglio: "values" });
    expect(scrittura.byteRichiesta).toBeGreaterThan(0);
  });

  it("refuses requests and responses over the payload limit", async () => {
    const c = new CartellaFinta({ limitePayload: 1_000 });
    const ws = c.aggiungiFoglio("F");
    for (let r = 0; r < 100; r++) ws.impostaIn(r, 0, { valore: `riga numero ${r}` });
    expect(
      await codiceDi(
        c.run(async (context) => {
          context.workbook.worksheets.getItem("F").getRange("A1:A100").load("values");
          await context.sync();
        })
      )
    ).toBe(CODICI_ERRORE.rispostaTroppoGrande);
    expect(
      await codiceDi(
        c.run(async (context) => {
          context.workbook.worksheets.getItem("F").getRange("B1:B100").values = Array.from({ length: 100 }, () => [
            "x".repeat(20),
          ]);
          await context.sync();
        })
      )
    ).toBe(CODICI_ERRORE.richiestaTroppoGrande);
    expect(ws.cella("B1")).toBeUndefined();
  });

  it("document settings: in memory until saveAsync, JSON copies, failures reported", async () => {
    const c = new CartellaFinta();
    const s = c.impostazioni;
    const valore = { raggiunto: 90 };
    s.set("k", valore);
    valore.raggiunto = 1;
    expect(s.get("k")).toEqual({ raggiunto: 90 });
    expect(c.impostazioniNelFile()).toEqual({});
    await new Promise<void>((resolve) => s.saveAsync(() => resolve()));
    expect(c.impostazioniNelFile()).toEqual({ k: { raggiunto: 90 } });
    s.remove("k");
    c.riapri();
    expect(s.get("k")).toEqual({ raggiunto: 90 });
    c.salvataggioImpostazioniFallisce = true;
    const esito = await new Promise<string>((resolve) => s.saveAsync((r) => resolve(String(r.status))));
    expect(esito).toBe("failed");
    expect(s.get("manca")).toBeNull();
  });

  it("document settings under co-authoring: each session its copy; saveAsync writes the whole bag; refreshAsync reloads", async () => {
    const c = new CartellaFinta();
    const collega = c.impostazioniDiUnCollega();
    const salva = (s: typeof collega) => new Promise<string>((r) => s.saveAsync((e) => r(String(e.status))));
    collega.set("a", 1);
    expect(await salva(collega)).toBe("succeeded");
    expect(c.impostazioni.get("a")).toBeNull(); // our copy was loaded before the colleague's save
    c.impostazioni.set("b", 2);
    await salva(c.impostazioni);
    expect(c.impostazioniNelFile()).toEqual({ b: 2 }); // the whole stale bag: the colleague's "a" lost
    await salva(collega);
    const esito = await new Promise<string>((r) => c.impostazioni.refreshAsync((e) => r(String(e.status))));
    expect(esito).toBe("succeeded");
    expect([c.impostazioni.get("a"), c.impostazioni.get("b")]).toEqual([1, null]);
    c.documentoImpostazioni.aggiornamentoFallisce = true;
    collega.set("c", 3);
    await salva(collega);
    const fallito = await new Promise<string>((r) => c.impostazioni.refreshAsync((e) => r(String(e.status))));
    expect(fallito).toBe("failed");
    expect(c.impostazioni.get("c")).toBeNull();
  });

  it("istantanea lists cells, merges and protection", () => {
    const { c, ws } = cartella();
    ws.unisci("B5:C5");
    const m = c.istantanea();
    expect(m.get("Obiettivi 2024!C2")).toBe(JSON.stringify({ valore: 12, formato: "#,##0" }));
    expect(m.get("Obiettivi 2024!#unioni")).toBe(JSON.stringify(["B5:C5"]));
    expect(m.get("Note!#protetto")).toBe("false");
  });

  it("sheets: add, rename, remove, names unique case-insensitively", () => {
    const { c } = cartella();
    expect(() => c.aggiungiFoglio("note")).toThrow();
    c.rinominaFoglio("Note", "Appunti");
    expect(c.foglio("appunti")?.nome).toBe("Appunti");
    c.rimuoviFoglio("Appunti");
    expect(c.fogli.map((f) => f.nome)).toEqual(["Obiettivi 2024"]);
  });
});
