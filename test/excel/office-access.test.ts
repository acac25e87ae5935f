import { MESSAGGI_APP } from "../../src/app/messaggi";
import { ricalcola } from "../../src/app/ricalcolo";
import {
  CHIAVE_BANDE,
  CHIAVE_MODO,
  IMPOSTAZIONI_PREDEFINITE,
  leggiImpostazioni,
  valoriDaImpostazioni,
} from "../../src/app/impostazioni";
import { creaBande } from "../../src/engine";
import { DipendenzeOffice, creaAccessoOffice } from "../../src/excel/office-access";
import { CartellaFinta, CODICI_ERRORE, ErroreExcelFinto } from "../../src/excel-finto";
import { generaCartella } from "./generatore";
import { errore } from "../errore-barometro";

const accessoSu = (c: CartellaFinta, deps: DipendenzeOffice = {}) =>
  creaAccessoOffice({ esegui: c.run, impostazioni: () => c.impostazioni, ...deps });

/** Three sheets: a table that does not start at A1, a protected sheet, a blank one. */
function cartellaDiProva() {
  const c = new CartellaFinta();
  const dati = c.aggiungiFoglio("Dati 2024");
  dati.imposta("C5", { valore: "Titolo" }).unisci("C5:E5");
  dati.imposta("C6", { valore: "Indicatore" });
  dati.imposta("D6", { valore: 0.923, formato: "0.00%" });
  dati.imposta("E6", { valore: 92.3, formula: "=D6*100" });
  dati.imposta("E8", { valore: null, formattata: true }); // formatted, empty: still in the used range
  c.aggiungiFoglio("Protetto").imposta("A1", { valore: 1 }).protetto = true;
  c.aggiungiFoglio("Vuoto");
  c.seleziona("Dati 2024", "D6");
  return c;
}

describe("creaAccessoOffice: leggi()", () => {
  it("reads values, number formats, formulas, merges, origin, selection and protection", async () => {
    const c = cartellaDiProva();
    const lettura = await accessoSu(c).leggi();
    expect(lettura.fogli.map((g) => g.name)).toEqual(["Dati 2024", "Protetto", "Vuoto"]);
    const [dati, protetto, vuoto] = lettura.fogli;
    expect(dati.origin).toEqual({ row: 4, col: 2 });
    expect(dati.values).toEqual([
      ["Titolo", null, null],
      ["Indicatore", 0.923, 92.3],
      [null, null, null],
      [null, null, null],
    ]);
    expect(dati.numberFormats?.[1]).toEqual(["General", "0.00%", "General"]);
    expect(dati.formulas).toEqual([
      [null, null, null],
      [null, null, "=D6*100"],
      [null, null, null],
      [null, null, null],
    ]);
    expect(dati.merges).toEqual([{ top: 4, left: 2, bottom: 4, right: 4 }]);
    expect(protetto.values).toEqual([[1]]);
    expect(vuoto).toEqual({ name: "Vuoto", values: [], numberFormats: [], formulas: [], merges: [] });
    expect(lettura.selezione).toEqual({ foglio: "Dati 2024", indirizzo: "D6" });
    expect(lettura.protetti).toEqual(["Protetto"]);
  });

  it("takes 2 syncs the first time, then 1; renamed, moved or removed sheets need nothing more", async () => {
    const c = cartellaDiProva();
    const accesso = accessoSu(c);
    await accesso.leggi();
    expect(c.sincronizzazioni).toBe(2);
    expect(accesso.diagnostica().ultimaLettura).toEqual({
      sincronizzazioni: 2,
      fogli: 3,
      aFette: false,
      formattazioni: true,
    });
    c.azzeraContatori();
    await accesso.leggi();
    expect(c.sincronizzazioni).toBe(1);

    c.rinominaFoglio("Dati 2024", "Dati 2025");
    c.rimuoviFoglio("Vuoto");
    c.azzeraContatori();
    const lettura = await accesso.leggi();
    expect(c.sincronizzazioni).toBe(1);
    expect(lettura.fogli.map((g) => g.name)).toEqual(["Dati 2025", "Protetto"]);
    expect(lettura.fogli[0].values[1]).toEqual(["Indicatore", 0.923, 92.3]);
    expect(lettura.selezione).toEqual({ foglio: "Dati 2025", indirizzo: "D6" });
  });

  it("a sheet added between reads: still correct, one extra sync queued for it alone", async () => {
    const c = cartellaDiProva();
    const accesso = accessoSu(c);
    await accesso.leggi();
    c.aggiungiFoglio("Nuovo", 1).imposta("B2", { valore: "ciao" }).unisci("B2:C2");
    c.azzeraContatori();
    const lettura = await accesso.leggi();
    expect(c.sincronizzazioni).toBe(2);
    expect(lettura.fogli.map((g) => g.name)).toEqual(["Dati 2024", "Nuovo", "Protetto", "Vuoto"]);
    expect(lettura.fogli[1]).toMatchObject({
      origin: { row: 1, col: 1 },
      values: [["ciao", null]],
      merges: [{ top: 1, left: 1, bottom: 1, right: 2 }],
    });
    // The second sync only loads the new sheet.
    expect(
      c.registro[1].operazioni.every(
        (o) => !o.oggetto.includes("getItemOrNullObject") || o.oggetto.includes(c.foglio("Nuovo")!.id)
      )
    ).toBe(true);
    c.azzeraContatori();
    await accesso.leggi();
    expect(c.sincronizzazioni).toBe(1);
  });

  it("reads merged areas in blocks: thousands of merges, and a sheet that grew takes one more sync", async () => {
    const { cartella, foglio } = generaCartella(300, 2);
    const accesso = accessoSu(cartella);
    const prima = await accesso.leggi();
    expect(prima.fogli[0].merges).toHaveLength(foglio.unioni.length);
    // The sheet grows by 6,000 merged pairs of rows: far beyond the margin and 512 areas a block.
    const base = foglio.areaUsata()!.bottom + 2;
    for (let i = 0; i < 6_000; i++) {
      foglio.impostaIn(base + 2 * i, 0, { valore: `x${i}` });
      foglio.unisci(`A${base + 2 * i + 1}:A${base + 2 * i + 2}`);
    }
    cartella.azzeraContatori();
    const dopo = await accesso.leggi();
    expect(cartella.sincronizzazioni).toBe(2);
    expect(dopo.fogli[0].merges).toHaveLength(foglio.unioni.length);
    cartella.azzeraContatori();
    await accesso.leggi();
    expect(cartella.sincronizzazioni).toBe(1);
  });

  /** Rows `da`..`da + righe - 1` (1-based) with 3 merged areas each (A:B, C:D, E:F). */
  const treUnioniPerRiga = (f: ReturnType<CartellaFinta["aggiungiFoglio"]>, da: number, righe: number) => {
    for (let r = da; r < da + righe; r++)
      f.imposta(`A${r}`, { valore: `riga ${r}` })
        .unisci(`A${r}:B${r}`)
        .unisci(`C${r}:D${r}`)
        .unisci(`E${r}:F${r}`);
  };

  it("3 merged areas a row over 600 rows: every merge read exactly, no block over 512 areas, in the usual syncs", async () => {
    const c = new CartellaFinta();
    const f = c.aggiungiFoglio("Unioni");
    treUnioniPerRiga(f, 1, 600);
    const accesso = accessoSu(c);
    const lettura = await accesso.leggi();
    expect(c.registro.filter((r) => r.errore)).toEqual([]);
    expect(c.sincronizzazioni).toBe(2);
    expect(lettura.fogli[0].merges).toHaveLength(1_800);
    expect(new Set(lettura.fogli[0].merges!.map((m) => JSON.stringify(m))).size).toBe(1_800);
    expect(accesso.diagnostica().ultimaLettura?.formattazioni).toBe(true);
    // The next read sizes its blocks by the 3 areas a row it found: still 1 sync, no refusal.
    c.azzeraContatori();
    expect((await accesso.leggi()).fogli[0].merges).toHaveLength(1_800);
    expect(c.sincronizzazioni).toBe(1);
    expect(c.registro.filter((r) => r.errore)).toEqual([]);
    const blocchi = c.registro[0].operazioni.filter((o) => o.oggetto.endsWith("getMergedAreasOrNullObject()"));
    expect(blocchi.length).toBeGreaterThan(600 / 128);
  });

  it("a sheet that gained many merges since the last read: Excel's refusal (by its location) gives lower blocks, not a read without conditional formats", async () => {
    const c = new CartellaFinta();
    const f = c.aggiungiFoglio("Unioni");
    f.imposta("A1", { valore: "titolo" });
    f.aggiungiRegola({ tipo: "Custom", aree: [{ top: 0, left: 0, bottom: 0, right: 0 }], formula: "=A1<>0" });
    treUnioniPerRiga(f, 2, 10);
    const accesso = accessoSu(c);
    await accesso.leggi();
    // 1,800 more areas on 600 rows: far more than 512 in any block sized for the few found before.
    treUnioniPerRiga(f, 20, 600);
    c.azzeraContatori();
    const lettura = await accesso.leggi();
    const rifiutate = c.registro.filter((r) => r.errore);
    expect(rifiutate.length).toBeGreaterThanOrEqual(1);
    expect(rifiutate.every((r) => r.errore === CODICI_ERRORE.generico)).toBe(true);
    expect(lettura.fogli[0].merges).toHaveLength(1_830);
    // Conditional formats are still read, now and next time.
    expect(lettura.formattazioni).toHaveLength(1);
    expect(accesso.diagnostica().ultimaLettura?.formattazioni).toBe(true);
    c.azzeraContatori();
    expect((await accesso.leggi()).fogli[0].merges).toHaveLength(1_830);
    expect(c.sincronizzazioni).toBe(1);
    expect(c.registro.filter((r) => r.errore)).toEqual([]);
  });

  it("the same in a read in slices: a refused group is read again with lower blocks", async () => {
    const c = new CartellaFinta({ limitePayload: 60_000 });
    const f = c.aggiungiFoglio("Unioni");
    f.imposta("A1", { valore: "titolo" }).unisci("A1:F1");
    for (let r = 2; r <= 1_201; r++) f.imposta(`A${r}`, { valore: `riga ${r}` }).imposta(`F${r}`, { valore: r });
    const accesso = accessoSu(c, { celleASync: 1_000, maxByteRisposta: 40_000 });
    await accesso.leggi(); // too large: read in slices, one merged area found
    expect(accesso.diagnostica().ultimaLettura?.aFette).toBe(true);
    treUnioniPerRiga(f, 2, 1_200);
    c.azzeraContatori();
    const lettura = await accesso.leggi();
    expect(accesso.diagnostica().ultimaLettura?.aFette).toBe(true);
    // The slices' blocks, sized for one area in 128 rows, were refused, then read lower.
    const rifiutate = c.registro.filter((r) => r.errore);
    expect(rifiutate.length).toBeGreaterThanOrEqual(1);
    expect(rifiutate.every((r) => r.errore === CODICI_ERRORE.generico)).toBe(true);
    expect(lettura.fogli[0].merges).toHaveLength(3_601);
    expect(new Set(lettura.fogli[0].merges!.map((m) => JSON.stringify(m))).size).toBe(3_601);
    expect(accesso.diagnostica().ultimaLettura?.formattazioni).toBe(true);
    c.azzeraContatori();
    expect((await accesso.leggi()).fogli[0].merges).toHaveLength(3_601);
    expect(c.registro.filter((r) => r.errore)).toEqual([]);
  });

  it("an error elsewhere is not taken for a refused block of merged areas", async () => {
    let volte = 0;
    const accesso = creaAccessoOffice({
      esegui: async () => {
        volte++;
        throw new ErroreExcelFinto(CODICI_ERRORE.generico, "Errore.", "Range.getSpecialCellsOrNullObject");
      },
    });
    await expect(accesso.leggi()).rejects.toThrow();
    // Once as it is, once without conditional formats (OfficeDev/office-js#6827): no block retries.
    expect(volte).toBe(2);
  });

  it("reads in slices when Excel refuses the response as too large, and keeps doing so", async () => {
    const { cartella } = generaCartella(1_000);
    const grande = await accessoSu(cartella).leggi();
    const risposta = Math.max(...cartella.registro.map((r) => r.byteRisposta));

    const limite = Math.floor(risposta / 3);
    const { cartella: limitata } = generaCartella(1_000, 10, { limitePayload: limite });
    const accesso = accessoSu(limitata, { celleASync: 4_000, maxByteRisposta: Math.floor(limite * 0.8) });
    const lettura = await accesso.leggi();
    expect(lettura).toEqual(grande);
    expect(limitata.registro.filter((r) => r.errore === CODICI_ERRORE.rispostaTroppoGrande)).toHaveLength(1);
    expect(accesso.diagnostica().ultimaLettura?.aFette).toBe(true);
    const conFallimento = limitata.sincronizzazioni;
    limitata.azzeraContatori();
    expect(await accesso.leggi()).toEqual(grande);
    expect(limitata.registro.some((r) => r.errore)).toBe(false);
    expect(limitata.sincronizzazioni).toBeLessThan(conFallimento);
    for (const r of limitata.registro) expect(r.byteRisposta).toBeLessThanOrEqual(limitata.limitePayload);

    // Once the workbook has shrunk to less than half, one sync again.
    const foglio = limitata.fogli[0];
    for (const { riga, colonna } of [...foglio.celle()])
      if (riga > 200)
        foglio.impostaIn(riga, colonna, { valore: null, formattata: false, colore: null, formato: undefined });
    foglio.unioni.splice(0, foglio.unioni.length, ...foglio.unioni.filter((u) => u.bottom <= 200));
    await accesso.leggi(); // sliced, sees the smaller workbook
    limitata.azzeraContatori();
    await accesso.leggi();
    expect(limitata.sincronizzazioni).toBe(1);
    expect(accesso.diagnostica().ultimaLettura?.aFette).toBe(false);
  });

  it("reads the formulas in slices too: a sheet whose formulas alone exceed the limit", async () => {
    const { cartella } = generaCartella(1_000);
    // Ricalcola writes Barometro's label formula in every Barometro cell (~250 characters each).
    await ricalcola(accessoSu(cartella), { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    cartella.azzeraContatori();
    const completa = await accessoSu(cartella).leggi();
    const formule = completa.fogli[0].formulas!.flat().filter((f) => typeof f === "string" && f !== "");
    expect(formule.length).toBeGreaterThanOrEqual(1_000);
    const byteFormule = JSON.stringify(formule).length;

    (cartella as { limitePayload: number }).limitePayload = Math.floor(byteFormule * 0.8);
    cartella.azzeraContatori();
    const aFette = accessoSu(cartella, { celleASync: 2_000, maxByteRisposta: Math.floor(byteFormule * 0.6) });
    expect(await aFette.leggi()).toEqual(completa);
    expect(aFette.diagnostica().ultimaLettura?.aFette).toBe(true);
    // Only the whole read is refused: the slices are sized by what they hold, formulas included.
    expect(cartella.registro.filter((x) => x.errore)).toHaveLength(1);
    for (const r of cartella.registro.filter((x) => !x.errore))
      expect(r.byteRisposta).toBeLessThanOrEqual(cartella.limitePayload);
  });

  it("starts over from the list when a remembered sheet makes the batch fail with ItemNotFound", async () => {
    const c = cartellaDiProva();
    let fallisci = false;
    const accesso = creaAccessoOffice({
      esegui: async (batch) => {
        if (fallisci) {
          fallisci = false;
          throw new ErroreExcelFinto(CODICI_ERRORE.nonTrovato, "The requested resource doesn't exist.");
        }
        return c.run(batch);
      },
    });
    await accesso.leggi();
    fallisci = true;
    c.azzeraContatori();
    expect((await accesso.leggi()).fogli).toHaveLength(3);
    expect(c.sincronizzazioni).toBe(2);
  });

  it("a chart or a shape selected: reads without the selection (one failed sync more)", async () => {
    const c = cartellaDiProva();
    const accesso = accessoSu(c);
    await accesso.leggi();
    c.selezioneNonIntervallo = true;
    c.azzeraContatori();
    const lettura = await accesso.leggi();
    expect(lettura.selezione).toBeNull();
    expect(lettura.fogli).toHaveLength(3);
    expect(c.registro.map((r) => r.errore)).toEqual([CODICI_ERRORE.selezioneNonValida, undefined]);
  });

  it("maps errors: edit mode", async () => {
    const c = cartellaDiProva();
    c.modificaInCorso = true;
    const e = await errore(accessoSu(c).leggi());
    expect(e.message).toBe(MESSAGGI_APP.modificaInCorso);
    expect((e as Error & { cause?: { code?: string } }).cause?.code).toBe("InvalidOperationInCellEditMode");
  });
});

describe("creaAccessoOffice: a read in slices sized by bytes", () => {
  const rifiutate = (c: CartellaFinta) => c.registro.filter((r) => r.errore === CODICI_ERRORE.rispostaTroppoGrande);
  const riuscite = (c: CartellaFinta) => c.registro.filter((r) => !r.errore);
  const byteRisposte = (c: CartellaFinta) => riuscite(c).reduce((s, r) => s + r.byteRisposta, 0);
  /** Rows each successful sync read through getRange("A7:N900").values, in order. */
  const righeLette = (c: CartellaFinta) =>
    riuscite(c).flatMap((r) =>
      r.operazioni
        .filter((o) => o.dettaglio === "values,numberFormat" && /getRange\("[A-Z]+\d+/.test(o.oggetto))
        .map((o) => {
          const [, da, a = da] = /getRange\("[A-Z]+(\d+)(?::[A-Z]+(\d+))?"\)$/.exec(o.oggetto) ?? [];
          return [Number(da), Number(a)];
        })
    );
  /** Each row read exactly once, from the first to the last, in order. */
  const ogniRigaUnaVolta = (c: CartellaFinta, ultima: number) => {
    const righe = righeLette(c);
    righe.forEach(([da], i) => expect(da).toBe(i === 0 ? 1 : righe[i - 1][1] + 1));
    expect(righe.at(-1)?.[1]).toBe(ultima);
  };

  /** A generated workbook, its whole read (no limit) and that read's response. */
  const generata = async (n: number) => {
    const g = generaCartella(n);
    const completa = await accessoSu(g.cartella).leggi();
    const risposta = Math.max(...g.cartella.registro.map((r) => r.byteRisposta));
    g.cartella.azzeraContatori();
    return { ...g, completa, risposta, ultima: g.foglio.areaUsata()!.bottom + 1 };
  };
  const limita = (c: CartellaFinta, limite: number) => ((c as { limitePayload: number }).limitePayload = limite);

  it("fills each sync up to the target: about ceil(bytes / target) syncs, fewer once it knows the workbook", async () => {
    const { cartella, completa, risposta, ultima } = await generata(2_000);
    const limite = Math.floor(risposta / 4);
    const obiettivo = Math.floor(limite * 0.8);
    limita(cartella, limite);
    // A first sync of 2,000 cells: slices of that fixed size would take ~17 syncs.
    const accesso = accessoSu(cartella, { celleASync: 2_000, maxByteRisposta: obiettivo });

    expect(await accesso.leggi()).toEqual(completa);
    // The whole read is refused once (its second sync); then list, sheets and slices.
    expect(cartella.registro.map((r) => r.errore ?? "ok").slice(0, 3)).toEqual([
      "ok",
      CODICI_ERRORE.rispostaTroppoGrande,
      "ok",
    ]);
    expect(rifiutate(cartella)).toHaveLength(1);
    for (const r of riuscite(cartella)) expect(r.byteRisposta).toBeLessThanOrEqual(limite);
    const inFette = cartella.sincronizzazioni - 2;
    expect(accesso.diagnostica().ultimaLettura?.sincronizzazioni).toBe(inFette);
    expect(inFette).toBeLessThanOrEqual(Math.ceil(byteRisposte(cartella) / obiettivo) + 3);
    ogniRigaUnaVolta(cartella, ultima);

    // The next read knows the sheets and the bytes per cell: list and sheets in one sync, and
    // the first slice as large as the others (the last one is what is left).
    cartella.azzeraContatori();
    expect(await accesso.leggi()).toEqual(completa);
    expect(rifiutate(cartella)).toEqual([]);
    for (const r of cartella.registro) expect(r.byteRisposta).toBeLessThanOrEqual(limite);
    expect(cartella.registro[1].byteRisposta).toBeGreaterThan(obiettivo * 0.8);
    expect(cartella.sincronizzazioni).toBeLessThanOrEqual(Math.ceil(byteRisposte(cartella) / obiettivo) + 2);
    expect(cartella.sincronizzazioni).toBeLessThan(inFette);
    ogniRigaUnaVolta(cartella, ultima);
  });

  it("a sheet whose later rows are much denser: no response over the limit, the same result", async () => {
    const g = generaCartella(2_000);
    // From the middle on, every indicator row holds a 600-character label formula: 3× the bytes.
    const ultima = g.foglio.areaUsata()!.bottom;
    const meta = Math.floor(ultima / 2);
    for (let r = meta; r <= ultima; r++)
      if (typeof g.foglio.cellaIn(r, 3)?.valore === "string")
        g.foglio.impostaIn(r, 13, { valore: "x", formula: `=IF(M${r + 1}>0,"${"y".repeat(580)}","")` });
    const completa = await accessoSu(g.cartella).leggi();
    const risposta = Math.max(...g.cartella.registro.map((r) => r.byteRisposta));
    const limite = Math.floor(risposta / 4);
    limita(g.cartella, limite);
    g.cartella.azzeraContatori();
    const accesso = accessoSu(g.cartella, { celleASync: 2_000, maxByteRisposta: Math.floor(limite * 0.8) });

    expect(await accesso.leggi()).toEqual(completa);
    for (const r of riuscite(g.cartella)) expect(r.byteRisposta).toBeLessThanOrEqual(limite);
    // The whole read, and at most once a sync that reached the dense rows before they were measured.
    expect(rifiutate(g.cartella).length).toBeLessThanOrEqual(2);
    ogniRigaUnaVolta(g.cartella, ultima + 1);

    // Now the dense rows are known: no sync is refused.
    g.cartella.azzeraContatori();
    expect(await accesso.leggi()).toEqual(completa);
    expect(rifiutate(g.cartella)).toEqual([]);
  });

  it("Excel refusing slices all the same: goes on from the refused one, a quarter of it per sync, same result", async () => {
    const { cartella, completa, risposta, ultima } = await generata(2_000);
    const limite = Math.floor(risposta / 4);
    limita(cartella, limite);
    // An estimate far below what Excel counts: every sync of the target size is refused.
    const accesso = accessoSu(cartella, { celleASync: 2_000, maxByteRisposta: limite * 2 });

    expect(await accesso.leggi()).toEqual(completa);
    const rifiuti = rifiutate(cartella).length;
    expect(rifiuti).toBeGreaterThan(1);
    // Each refusal lowers the target: refusals stop (here within a few), the read ends.
    expect(rifiuti).toBeLessThanOrEqual(6);
    for (const r of riuscite(cartella)) expect(r.byteRisposta).toBeLessThanOrEqual(limite);
    ogniRigaUnaVolta(cartella, ultima);
    // The sync after a refusal asks for a quarter of its rows, from the same row.
    const registro = cartella.registro;
    const rifiutata = registro.findIndex((r, i) => i > 1 && r.errore);
    const righe = (r: (typeof registro)[number]) =>
      r.operazioni
        .filter((o) => o.dettaglio === "values,numberFormat")
        .map((o) => /getRange\("A(\d+):N(\d+)"\)$/.exec(o.oggetto)!.slice(1).map(Number))[0];
    const [da, a] = righe(registro[rifiutata]);
    const [da2, a2] = righe(registro[rifiutata + 1]);
    expect(da2).toBe(da);
    expect(a2 - da2 + 1).toBe(Math.floor((a - da + 1) / 4));
  });

  it("a single row Excel refuses cannot be cut: the error reaches the caller", async () => {
    const c = new CartellaFinta({ limitePayload: 20_000 });
    c.aggiungiFoglio("Lunga")
      .imposta("A1", { valore: "x".repeat(30_000) })
      .imposta("A2", { valore: 1 });
    const e = await errore(accessoSu(c).leggi());
    expect((e as Error & { cause?: { code?: string } }).cause?.code).toBe(CODICI_ERRORE.rispostaTroppoGrande);
    // The whole read; the first slice (A1:A2); its first row alone.
    expect(rifiutate(c)).toHaveLength(3);
  });

  it("after Ricalcola writes the labels, the next read's first slice leaves room for them: none refused", async () => {
    const { cartella, risposta, primeRighe } = await generata(2_000);
    const limite = Math.floor(risposta / 3);
    limita(cartella, limite);
    const accesso = accessoSu(cartella, {
      celleASync: 2_000,
      maxByteRisposta: Math.floor(limite * 0.8),
      maxByteLotto: Math.floor(limite * 0.8),
    });
    await accesso.leggi();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    // The labels (~250 characters a row) make the sheet ~1.5× denser than the read remembers.
    cartella.seleziona("Obiettivi 2024", `D${primeRighe[4] + 1}`);
    cartella.azzeraContatori();
    const linea = await ricalcola(accesso, { tipo: "selezione" }, IMPOSTAZIONI_PREDEFINITE);
    expect(linea.linee).toEqual([4]);
    expect(rifiutate(cartella)).toEqual([]);
    cartella.azzeraContatori();
    await accesso.leggi();
    expect(rifiutate(cartella)).toEqual([]);
  });
});

describe("creaAccessoOffice: scrivi()", () => {
  const patch = {
    scritture: [
      { foglio: "Dati 2024", cella: "G6", valore: 1 },
      { foglio: "Dati 2024", cella: "G7", valore: 2 },
      { foglio: "Dati 2024", cella: "H6", valore: "84,44%" },
      { foglio: "Dati 2024", cella: "I6", valore: 100, formula: "=PERF.RAGG(D6,E6)" },
    ],
    colori: [
      { foglio: "Dati 2024", cella: "F6", colore: "#63BE7B" },
      { foglio: "Dati 2024", cella: "F7", colore: "#63BE7B" },
      { foglio: "Dati 2024", cella: "F9", colore: null },
    ],
  };

  it("writes values, text as text, formulas and fills in one sync, and reports the estimated bytes", async () => {
    const c = cartellaDiProva();
    const f = c.foglio("Dati 2024")!;
    f.imposta("F9", { colore: "#FF0000" });
    const esito = await accessoSu(c).scrivi(patch);
    expect(esito.sincronizzazioni).toBe(1);
    expect(c.sincronizzazioni).toBe(1);
    expect(esito.byte).toBeGreaterThan(0);
    // Office.js sends more than the fake counts: the estimate errs on the large side.
    expect(esito.byte).toBeGreaterThanOrEqual(c.registro[0].byteRichiesta);
    expect(f.cella("G6")?.valore).toBe(1);
    expect(f.cella("G7")?.valore).toBe(2);
    expect(f.cella("H6")?.valore).toBe("84,44%");
    expect(f.cella("I6")?.formula).toBe("=PERF.RAGG(D6,E6)");
    expect([f.cella("F6")?.colore, f.cella("F7")?.colore, f.cella("F9")?.colore]).toEqual([
      "#63BE7B",
      "#63BE7B",
      undefined,
    ]);
    // G6:G7 is one 2-D write, H6:I6 another (through `formulas`: it holds one); F6:F7 one fill.
    expect(c.registro[0].operazioni.map((o) => `${o.tipo} ${o.dettaglio}`).sort()).toEqual(
      ["chiama clear", "imposta color", "imposta formulas", "imposta values"].sort()
    );
  });

  it("rule ids are positions: deletes Barometro's rules only, read again, from the lowest priority up", async () => {
    const c = cartellaDiProva();
    const f = c.foglio("Dati 2024")!;
    const area = [{ top: 5, left: 5, bottom: 5, right: 5 }];
    const nostra = (n: number) => `=$D6>=${n}+0*N("barometro:0000000a:00000000")`;
    const [u0, , u2, , u4] = [
      f.aggiungiRegola({ tipo: "Custom", aree: area, formula: "=$D6>1", colore: "#0000FF" }),
      f.aggiungiRegola({ tipo: "Custom", aree: area, formula: nostra(0.9), colore: "#63BE7B" }),
      f.aggiungiRegola({ tipo: "ColorScale", aree: area }),
      f.aggiungiRegola({ tipo: "Custom", aree: area, formula: nostra(0.7), colore: "#FFEB84" }),
      f.aggiungiRegola({ tipo: "Custom", aree: area, formula: "=$D6<0", colore: "#FF0000" }),
    ];
    const accesso = accessoSu(c);
    const { formattazioni } = await accesso.leggi();
    // As Office.js reports them: ids are the positions "0".."4"; Barometro's are "1" and "3".
    expect(formattazioni!.map((r) => r.id)).toEqual(["0", "1", "2", "3", "4"]);
    const elimina = formattazioni!.filter((r) => r.formula?.includes("barometro"));
    expect(elimina.map((r) => r.id)).toEqual(["1", "3"]);
    c.azzeraContatori();
    const esito = await accesso.scrivi({
      scritture: [],
      colori: [],
      formattazione: { elimina, aggiungi: [], invariati: [] },
    });
    // getItem("1") then getItem("3") in one batch would delete "1", then the user's last rule (the
    // old "4", now at position 3), and leave one of Barometro's.
    expect(f.formattazioni).toEqual([u0, u2, u4]);
    // One sync to read the rules again, one to write; the deletions from the highest position down.
    expect(esito.sincronizzazioni).toBe(2);
    expect(c.registro[0].operazioni.map((o) => `${o.tipo} ${o.dettaglio}`)).toEqual([
      "carica items/customOrNullObject/rule/formula",
    ]);
    expect(c.registro[1].operazioni.filter((o) => o.dettaglio === "delete").map((o) => o.oggetto)).toEqual([
      'worksheets.getItem("Dati 2024").getRange().conditionalFormats.getItem("3")',
      'worksheets.getItem("Dati 2024").getRange().conditionalFormats.getItem("1")',
    ]);

    // Nothing of Barometro's left to delete (someone else did it meanwhile): no deletion, no error.
    c.azzeraContatori();
    await accesso.scrivi({ scritture: [], colori: [], formattazione: { elimina, aggiungi: [], invariati: [] } });
    expect(f.formattazioni).toEqual([u0, u2, u4]);
    expect(c.registro[1]?.operazioni ?? []).toEqual([]);
  });

  it("writes nothing and syncs nothing for an empty patch", async () => {
    const c = cartellaDiProva();
    expect(await accessoSu(c).scrivi({ scritture: [], colori: [] })).toEqual({ sincronizzazioni: 0, byte: 0 });
    expect(c.sincronizzazioni).toBe(0);
  });

  it("splits a write over several syncs only above the payload limit", async () => {
    const c = cartellaDiProva();
    const esito = await accessoSu(c, { maxByteLotto: 40 }).scrivi(patch);
    expect(esito.sincronizzazioni).toBeGreaterThan(1);
    expect(c.sincronizzazioni).toBe(esito.sincronizzazioni);
    expect(c.foglio("Dati 2024")!.cella("I6")?.formula).toBe("=PERF.RAGG(D6,E6)");
  });

  it("splits a lot Excel refuses as too large and goes on from it: same workbook, nothing sent twice", async () => {
    const riferimento = generaCartella(1_000);
    await ricalcola(accessoSu(riferimento.cartella), { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const richiesta = Math.max(...riferimento.cartella.registro.map((r) => r.byteRichiesta));

    const { cartella } = generaCartella(1_000);
    // The plan sees one lot; Excel takes a third of it at most.
    const accesso = accessoSu(cartella, { maxByteLotto: 1e12 });
    await accesso.leggi();
    (cartella as { limitePayload: number }).limitePayload = Math.floor(richiesta / 3);
    cartella.azzeraContatori();
    const esito = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);

    // (The read is refused too, and done in slices: only the write's syncs count here.)
    const scritture = cartella.registro.filter((r) => r.operazioni.every((o) => o.tipo !== "carica"));
    const rifiutate = scritture.filter((r) => r.errore === CODICI_ERRORE.richiestaTroppoGrande);
    expect(rifiutate.length).toBeGreaterThanOrEqual(2);
    const riuscite = scritture.filter((r) => !r.errore);
    expect(riuscite.length).toBeGreaterThanOrEqual(3);
    for (const r of riuscite) expect(r.byteRichiesta).toBeLessThanOrEqual(cartella.limitePayload);
    // Nothing applied was sent again (a refused lot's halves write other cells than each other).
    const chiavi = riuscite.flatMap((r) =>
      r.operazioni.filter((o) => !o.oggetto.includes("conditionalFormats")).map((o) => `${o.oggetto} ${o.dettaglio}`)
    );
    expect(chiavi.length).toBeGreaterThan(100);
    expect(new Set(chiavi).size).toBe(chiavi.length);
    expect(esito.scrittura.sincronizzazioni).toBe(riuscite.length + rifiutate.length);
    expect(cartella.istantanea()).toEqual(riferimento.cartella.istantanea());
  });

  it("refuses a sheet known to be protected without any sync", async () => {
    const c = cartellaDiProva();
    const accesso = accessoSu(c);
    await accesso.leggi();
    c.azzeraContatori();
    const prima = c.istantanea();
    const e = await errore(accesso.scrivi({ scritture: [{ foglio: "Protetto", cella: "A1", valore: 2 }], colori: [] }));
    expect(e.message).toBe(MESSAGGI_APP.foglioProtetto("Protetto"));
    expect(c.sincronizzazioni).toBe(0);
    expect(c.istantanea()).toEqual(prima);
  });

  it("AccessDenied on a sheet protected since the read → foglioProtetto; on a read-only workbook → solaLettura", async () => {
    const c = cartellaDiProva();
    const accesso = accessoSu(c);
    await accesso.leggi();
    c.foglio("Dati 2024")!.protetto = true;
    const prima = c.istantanea();
    const e = await errore(accesso.scrivi(patch));
    expect(e.message).toBe(MESSAGGI_APP.foglioProtetto("Dati 2024"));
    expect(c.istantanea()).toEqual(prima);

    c.foglio("Dati 2024")!.protetto = false;
    c.solaLettura = true;
    const primaSolaLettura = c.istantanea();
    expect((await errore(accesso.scrivi(patch))).message).toBe(MESSAGGI_APP.solaLettura);
    expect(c.istantanea()).toEqual(primaSolaLettura);
  });

  it("edit mode → modificaInCorso and nothing written; anything else → inatteso", async () => {
    const c = cartellaDiProva();
    const prima = c.istantanea();
    c.modificaInCorso = true;
    expect((await errore(accessoSu(c).scrivi(patch))).message).toBe(MESSAGGI_APP.modificaInCorso);
    expect(c.istantanea()).toEqual(prima);
    c.modificaInCorso = false;
    const e = await errore(
      accessoSu(c).scrivi({ scritture: [{ foglio: "Manca", cella: "A1", valore: 1 }], colori: [] })
    );
    expect(e.message).toMatch(/^Errore inatteso di Excel: .*ItemNotFound/);
  });
});

describe("creaAccessoOffice: seleziona() and settings", () => {
  it("activates the sheet and selects the range in one sync", async () => {
    const c = cartellaDiProva();
    await accessoSu(c).seleziona({ foglio: "Protetto", indirizzo: "12:20" });
    expect(c.sincronizzazioni).toBe(1);
    expect(c.foglioAttivo).toBe(c.foglio("Protetto")!.id);
    expect(c.selezione?.area).toMatchObject({ top: 11, bottom: 19 });
    const e = await errore(accessoSu(c).seleziona({ foglio: "Manca", indirizzo: "A1" }));
    expect(e.message).toContain("Errore inatteso di Excel");
  });

  it("round-trips the settings through the document, and they survive reopening", async () => {
    const c = cartellaDiProva();
    const accesso = accessoSu(c);
    expect(accesso.leggiImpostazioni()).toEqual({});
    const bande = creaBande({ raggiunto: 95, parziale: 60 });
    if (typeof bande === "string") throw new Error(bande);
    const impostazioni = { bande, modoScrittura: "perf" as const };
    await accesso.salvaImpostazioni(valoriDaImpostazioni(impostazioni));
    expect(Object.keys(c.impostazioniNelFile()).sort()).toEqual([CHIAVE_BANDE, CHIAVE_MODO].sort());
    c.riapri();
    const riletto = leggiImpostazioni(accessoSu(c).leggiImpostazioni());
    expect(riletto).toEqual({ impostazioni, errore: null });

    await accesso.salvaImpostazioni({ [CHIAVE_MODO]: null, "altra.chiave": 1 });
    expect(accesso.leggiImpostazioni()).toEqual({ [CHIAVE_BANDE]: expect.anything(), "altra.chiave": 1 });
    expect(leggiImpostazioni(accesso.leggiImpostazioni()).impostazioni.modoScrittura).toBe(
      IMPOSTAZIONI_PREDEFINITE.modoScrittura
    );
  });

  it("co-authoring: a colleague's save between our read and our save survives it (refresh, then our keys only)", async () => {
    const c = cartellaDiProva();
    const accesso = accessoSu(c);
    const bande = creaBande({ raggiunto: 95, parziale: 60 });
    if (typeof bande === "string") throw new Error(bande);
    await accesso.salvaImpostazioni(valoriDaImpostazioni({ ...IMPOSTAZIONI_PREDEFINITE, bande }));
    // Our task pane shows what it read; meanwhile a colleague's add-in, on the same workbook, saves
    // another key and a newer value of one we show.
    const mostrate = accesso.leggiImpostazioni();
    const collega = c.impostazioniDiUnCollega();
    collega.set("barometro.annoRelazione", 2025);
    collega.set(CHIAVE_BANDE, { raggiunto: 80, parziale: 50 });
    await new Promise<void>((resolve) => collega.saveAsync(() => resolve()));
    // We change the mode only; the pane passes every value it shows (the bands unchanged).
    await accesso.salvaImpostazioni({ ...mostrate, [CHIAVE_MODO]: "formule" });
    // Saving our stale in-memory bag as a whole would have lost both of the colleague's values.
    expect(c.impostazioniNelFile()).toEqual({
      [CHIAVE_BANDE]: { raggiunto: 80, parziale: 50 },
      [CHIAVE_MODO]: "formule",
      "barometro.annoRelazione": 2025,
    });
    expect(accesso.leggiImpostazioni()[CHIAVE_BANDE]).toEqual({ raggiunto: 80, parziale: 50 });
    // Removing a key is a change too; the colleague's key stays.
    await accesso.salvaImpostazioni({ [CHIAVE_MODO]: null });
    expect(Object.keys(c.impostazioniNelFile()).sort()).toEqual([CHIAVE_BANDE, "barometro.annoRelazione"].sort());
  });

  it("aggiornaImpostazioni reloads the document's settings; a failed refresh still saves (as before)", async () => {
    const c = cartellaDiProva();
    const accesso = accessoSu(c);
    const collega = c.impostazioniDiUnCollega();
    collega.set(CHIAVE_MODO, "formule");
    await new Promise<void>((resolve) => collega.saveAsync(() => resolve()));
    expect(accesso.leggiImpostazioni()).toEqual({});
    await accesso.aggiornaImpostazioni!();
    expect(accesso.leggiImpostazioni()).toEqual({ [CHIAVE_MODO]: "formule" });
    c.documentoImpostazioni.aggiornamentoFallisce = true;
    await accesso.salvaImpostazioni({ [CHIAVE_MODO]: "valori" });
    expect(c.impostazioniNelFile()).toEqual({ [CHIAVE_MODO]: "valori" });
  });

  it("reports a failed save", async () => {
    const c = cartellaDiProva();
    c.salvataggioImpostazioniFallisce = true;
    const e = await errore(accessoSu(c).salvaImpostazioni({ [CHIAVE_MODO]: "formule" }));
    expect(e.message).toBe(MESSAGGI_APP.inatteso("Impossibile salvare le impostazioni."));
  });
});

describe("creaAccessoOffice under ricalcola", () => {
  it("a protected sheet: ErroreBarometro with the Italian message, nothing written, no write sync", async () => {
    const { cartella, foglio } = generaCartella(40, 2);
    foglio.protetto = true;
    const accesso = accessoSu(cartella);
    const prima = cartella.istantanea();
    const e = await errore(ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE));
    expect(e.message).toBe(MESSAGGI_APP.foglioProtetto(foglio.nome));
    expect(cartella.istantanea()).toEqual(prima);
    expect(cartella.registro.flatMap((r) => r.operazioni).filter((o) => o.tipo !== "carica")).toEqual([]);
  });
});
