import { ricalcola } from "../../src/app/ricalcolo";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { MAX_BYTE_RISPOSTA } from "../../src/excel/read-plan";
import { MAX_BYTE_LOTTO } from "../../src/excel/write-plan";
import { CODICI_ERRORE, SyncRegistrata } from "../../src/excel-finto";
import { FOGLIO_GENERATO, generaCartella } from "./generatore";

interface Riga {
  indicatori: number;
  unioni: number;
  primaLettura: { sync: number; byteRichiesta: number; byteRisposta: number };
  tutto: {
    sync: number;
    byteScrittura: number;
    byteRichiestaScrittura: number;
    byteRichiestaLettura: number;
    byteRispostaLettura: number;
  };
  linea: { sync: number; byteScrittura: number };
}
const tabella: Riga[] = [];

const somma = (r: SyncRegistrata[], k: "byteRichiesta" | "byteRisposta") => r.reduce((s, x) => s + x[k], 0);

afterAll(() => {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const righe = tabella.map(
    (r) =>
      `${String(r.indicatori).padStart(6)} righe | unioni ${r.unioni} | prima lettura: ${r.primaLettura.sync} sync, ` +
      `richiesta ${kb(r.primaLettura.byteRichiesta)}, risposta ${kb(r.primaLettura.byteRisposta)} | ` +
      `Ricalcola tutto: ${r.tutto.sync} sync, scrittura ${r.tutto.byteScrittura} B stimati ` +
      `(${r.tutto.byteRichiestaScrittura} B richiesta nel fake), lettura: richiesta ${kb(r.tutto.byteRichiestaLettura)}, ` +
      `risposta ${kb(r.tutto.byteRispostaLettura)} | ` +
      `Ricalcola linea: ${r.linea.sync} sync, scrittura ${r.linea.byteScrittura} B`
  );
  console.log(`Sincronizzazioni e payload per dimensione:\n${righe.join("\n")}`);
});

describe.each([100, 1_000, 10_000])("a workbook of %i indicator rows in the staff's layout", (n) => {
  it("first read in 2 syncs and Ricalcola tutto / linea in 2 until the read passes 5 MB or the write ~4.5 MB, then slices of ~4 MB and lots", async () => {
    const g = generaCartella(n);
    const { cartella } = g;
    const accesso = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });
    expect(g.indicatori).toBe(n);

    const lettura = await accesso.leggi();
    // Up to 1,000 rows: list, then the sheet. At 10,000 rows the response passes Excel on the web's
    // 5 MB (5,000,000 bytes: the fake takes the lower reading of "5MB"): refused once, then read in
    // slices of ~4 MB, and in slices from then on.
    if (n < 10_000) expect(cartella.sincronizzazioni).toBe(2);
    else {
      expect(cartella.registro.filter((r) => r.errore).map((r) => r.errore)).toEqual([
        CODICI_ERRORE.rispostaTroppoGrande,
      ]);
      expect(accesso.diagnostica().ultimaLettura?.aFette).toBe(true);
    }
    for (const r of cartella.registro.filter((x) => !x.errore))
      expect(r.byteRisposta).toBeLessThanOrEqual(cartella.limitePayload);
    expect(lettura.fogli[0].merges).toHaveLength(g.foglio.unioni.length);
    const primaLettura = {
      sync: cartella.sincronizzazioni,
      byteRichiesta: somma(cartella.registro, "byteRichiesta"),
      byteRisposta: somma(cartella.registro, "byteRisposta"),
    };

    cartella.azzeraContatori();
    const tutto = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(tutto.linee).toHaveLength(g.linee);
    // One read, then the write: one sync while its estimate stays under MAX_BYTE_LOTTO. With
    // «formule di Excel» (the default) every row carries two formulas more (~180 bytes): at 10,000
    // rows the write passes it and is split.
    // The Barometro label and the rules read the % Ragg cell Barometro's formula computes (~210
    // characters a label, ~500 when it computed % Ragg three times): at 10,000 rows the write
    // estimate is under 600 bytes a row (it was ~830: 8.3 MB).
    if (n >= 10_000) expect(tutto.scrittura.byte / n).toBeLessThan(600);
    const syncLetturaTutto = cartella.sincronizzazioni - tutto.scrittura.sincronizzazioni;
    if (n < 10_000) expect(syncLetturaTutto).toBe(1);
    else expect(syncLetturaTutto).toBeLessThanOrEqual(Math.ceil(primaLettura.byteRisposta / MAX_BYTE_RISPOSTA) + 2);
    if (tutto.scrittura.byte < MAX_BYTE_LOTTO) expect(tutto.scrittura.sincronizzazioni).toBe(1);
    else
      expect(tutto.scrittura.sincronizzazioni).toBeLessThanOrEqual(
        Math.ceil(tutto.scrittura.byte / MAX_BYTE_LOTTO) + 1
      );
    if (n < 10_000) expect(cartella.sincronizzazioni).toBe(2);
    const lettureTutto = cartella.registro.slice(0, syncLetturaTutto);
    const scrittureTutto = cartella.registro.slice(syncLetturaTutto);
    const scritturaTutto = {
      byteRichiesta: somma(scrittureTutto, "byteRichiesta"),
      operazioni: scrittureTutto.flatMap((r) => r.operazioni),
    };
    for (const r of scrittureTutto) expect(r.byteRichiesta).toBeLessThanOrEqual(MAX_BYTE_LOTTO);
    // The plan's estimate, which decides where a write is split, is never below the request.
    expect(tutto.scrittura.byte).toBeGreaterThanOrEqual(scritturaTutto.byteRichiesta);
    expect(scritturaTutto.operazioni.every((o) => o.tipo !== "carica")).toBe(true);
    // Every indicator got its Scostamento, % Ragg and Barometro fill.
    const colorate = [...g.foglio.celle()].filter(
      (c) => c.colonna === 13 && c.cella.valore === null && c.cella.colore
    ).length;
    expect(colorate).toBe(n);
    // The same write added Barometro's conditional-format rules (one per band and group of rows).
    expect(scritturaTutto.operazioni.filter((o) => o.dettaglio === "add").length).toBe(g.foglio.formattazioni.length);
    expect(g.foglio.formattazioni.length).toBeGreaterThanOrEqual(3 * g.linee);

    cartella.seleziona(FOGLIO_GENERATO, `D${g.primeRighe[4] + 1}`);
    cartella.azzeraContatori();
    const linea = await ricalcola(accesso, { tipo: "selezione" }, IMPOSTAZIONI_PREDEFINITE);
    // Now every Barometro cell holds its label formula (about 210 bytes more per row to read): at
    // 10,000 rows the read's response passes Excel on the web's 5 MB and is read in slices.
    const syncLinea = cartella.sincronizzazioni;
    if (n < 10_000) expect(syncLinea).toBe(2);
    else {
      // Already reading in slices since the first read: no refusal, slices of ~4 MB each (the write
      // is the last sync).
      expect(cartella.registro.filter((r) => r.errore)).toEqual([]);
      const aFette = cartella.registro.slice(0, -1);
      expect(aFette.length).toBeLessThanOrEqual(Math.ceil(somma(aFette, "byteRisposta") / MAX_BYTE_RISPOSTA) + 3);
      for (const r of aFette) expect(r.byteRisposta).toBeLessThanOrEqual(cartella.limitePayload);
    }
    expect(linea.linee).toEqual([4]);
    expect(linea.messaggio).toMatch(/^LINEA STRATEGICA NUMERO 5: /);
    // Its rules were already right: none sent again.
    const scritturaLinea = cartella.registro[cartella.registro.length - 1];
    expect(scritturaLinea.operazioni.filter((o) => o.oggetto.includes("conditionalFormats"))).toEqual([]);

    if (n >= 10_000) {
      // The next read knows the sheet and what its cells cost: list and sheet, then full slices.
      cartella.azzeraContatori();
      await accesso.leggi();
      expect(cartella.registro.filter((r) => r.errore)).toEqual([]);
      const byte = somma(cartella.registro, "byteRisposta");
      expect(cartella.sincronizzazioni).toBeLessThanOrEqual(Math.ceil(byte / MAX_BYTE_RISPOSTA) + 2);
      for (const r of cartella.registro) expect(r.byteRisposta).toBeLessThanOrEqual(cartella.limitePayload);
    }

    tabella.push({
      indicatori: n,
      unioni: g.foglio.unioni.length,
      primaLettura,
      tutto: {
        sync: syncLetturaTutto + tutto.scrittura.sincronizzazioni,
        byteScrittura: tutto.scrittura.byte,
        byteRichiestaScrittura: scritturaTutto.byteRichiesta,
        byteRichiestaLettura: somma(lettureTutto, "byteRichiesta"),
        byteRispostaLettura: somma(lettureTutto, "byteRisposta"),
      },
      linea: { sync: syncLinea, byteScrittura: linea.scrittura.byte },
    });
  });
});
