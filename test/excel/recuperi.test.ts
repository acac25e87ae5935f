import { creaAccessoOffice } from "../../src/excel/office-access";
import { nuoveFette } from "../../src/excel/lettore-a-fette";
import { FATTORE_RIDUZIONE_UNIONI, RIGHE_MAX_PER_BLOCCO } from "../../src/excel/read-plan";
import {
  conRecuperi,
  RECUPERI_SCRITTURA,
  Recupero,
  recuperiLettura,
  ScritturaInCorso,
  TentativoLettura,
} from "../../src/excel/recuperi";
import { StatoAccesso, statoIniziale } from "../../src/excel/stato-accesso";
import { BloccoValori, LottoScrittura } from "../../src/excel/write-plan";
import { CartellaFinta, CODICI_ERRORE, ErroreExcelFinto } from "../../src/excel-finto";

const MAX_BYTE = 4_000_000;
const tabella = recuperiLettura(MAX_BYTE);
const errore = (codice: string, posizione?: string) => new ErroreExcelFinto(codice, "rifiutato", posizione);
const unioni = () => errore(CODICI_ERRORE.generico, "Range.getMergedAreasOrNullObject");
const tentativo = (stato: Partial<StatoAccesso> = {}, conSelezione = true): TentativoLettura => ({
  stato: { ...statoIniziale(MAX_BYTE), ...stato },
  conSelezione,
  fette: nuoveFette(),
});
/** The step the read's table gives for this refusal (undefined: no row recognises it). */
const passo = (t: TentativoLettura, e: unknown) => tabella.find((r) => r.riconosce(e))?.poi(t);
const noto = { id: "{1}", nome: "Obiettivi", righe: { top: 0, bottom: 9 } };
/** A read in slices whose group of `righe` rows of 10 columns Excel has just refused. */
const conGruppoRifiutato = (righe: number, stato: Partial<StatoAccesso> = {}): TentativoLettura => {
  const t = tentativo({ aFette: { celleAlRifiuto: 0 }, ...stato });
  t.fette.inizio = { letti: [], selezione: null };
  t.fette.lette.push({
    foglio: 0,
    area: { top: 0, left: 0, bottom: 9, right: 9 },
    values: [],
    numberFormat: [],
    formule: [],
    unioni: [],
  });
  t.fette.inCorso = [{ foglio: 0, area: { top: 10, left: 0, bottom: 9 + righe, right: 9 } }];
  return t;
};

describe("conRecuperi: one loop over a recovery table", () => {
  const riga: Recupero<number> = {
    rifiuto: "test",
    passo: "one more, up to 3",
    riconosce: (e) => e === "di nuovo",
    poi: (n) => (n < 3 ? n + 1 : null),
  };

  it("tries again with each step until an attempt succeeds, and returns the last attempt", async () => {
    const tentati: number[] = [];
    const esito = await conRecuperi(
      0,
      async (n) => {
        tentati.push(n);
        if (n < 2) throw "di nuovo";
        return `ok ${n}`;
      },
      [riga]
    );
    expect(tentati).toEqual([0, 1, 2]);
    expect(esito).toEqual({ ultimo: 2, ok: true, valore: "ok 2" });
  });

  it("gives the error back when the step has nothing left to try, or no row recognises it", async () => {
    const tentati: number[] = [];
    const sempre = await conRecuperi(
      0,
      async (n) => {
        tentati.push(n);
        throw "di nuovo";
      },
      [riga]
    );
    expect(tentati).toEqual([0, 1, 2, 3]);
    expect(sempre).toEqual({ ultimo: 3, ok: false, errore: "di nuovo" });
    const altro = await conRecuperi(0, async () => Promise.reject(new Error("altro")), [riga]);
    expect(altro).toMatchObject({ ultimo: 0, ok: false });
  });
});

describe("the read's recovery table", () => {
  it("a refused block of merged areas: blocks four times lower, until a single row", () => {
    let t: TentativoLettura | null | undefined = tentativo();
    const divisori: number[] = [];
    while (t) {
      divisori.push(t.stato.divisoreUnioni);
      t = passo(t, unioni());
    }
    expect(t).toBeNull();
    expect(divisori[1]).toBe(FATTORE_RIDUZIONE_UNIONI);
    expect(divisori.at(-1)).toBeGreaterThanOrEqual(RIGHE_MAX_PER_BLOCCO);
    // Still reading the conditional formats, not taken for another refusal.
    expect(passo(tentativo(), unioni())?.stato.formattazioni).toBe(true);
  });

  it("a refused block within a read in slices: the same group again, the slices read kept", () => {
    const t = conGruppoRifiutato(100);
    const poi = passo(t, unioni())!;
    expect(poi.fette.inCorso).toBeNull();
    expect(poi.fette.lette).toHaveLength(1);
    expect(poi.fette.inizio).not.toBeNull();
    // Outside a group of slices: the read from the start.
    expect(passo(tentativo(), unioni())!.fette).toEqual(nuoveFette());
  });

  it("a response over 5 MB: a whole read goes to slices once; a refused group goes on a quarter at a time; a single row stands", () => {
    const troppo = errore(CODICI_ERRORE.rispostaTroppoGrande);
    expect(passo(tentativo(), troppo)?.stato.aFette).toEqual({ celleAlRifiuto: 0 });
    expect(passo(tentativo({ aFette: { celleAlRifiuto: 0 } }), troppo)).toBeNull();

    const poi = passo(conGruppoRifiutato(100), troppo)!;
    expect(poi.fette.tetto).toEqual({ celle: 250, restanti: 1_000 });
    expect(poi.fette.lette).toHaveLength(1);
    expect(poi.stato.byteObiettivo).toBe(3_000_000);
    // The target never goes below a quarter of the first.
    expect(passo(conGruppoRifiutato(100, { byteObiettivo: 1_100_000 }), troppo)!.stato.byteObiettivo).toBe(1_000_000);
    expect(passo(conGruppoRifiutato(1), troppo)).toBeNull();
  });

  it("a remembered sheet gone, a chart selected, another Office error: each step once", () => {
    const nonTrovato = errore(CODICI_ERRORE.nonTrovato);
    const daLista = passo(tentativo({ noti: [noto] }), nonTrovato)!;
    expect(daLista.stato.noti).toEqual([]);
    expect(passo(daLista, nonTrovato)).toBeNull();

    const selezione = errore(CODICI_ERRORE.selezioneNonValida);
    const senzaSelezione = passo(tentativo(), selezione)!;
    expect(senzaSelezione.conSelezione).toBe(false);
    expect(passo(senzaSelezione, selezione)).toBeNull();

    const altro = errore(CODICI_ERRORE.generico, "Range.getSpecialCellsOrNullObject");
    const senzaRegole = passo(tentativo(), altro)!;
    expect(senzaRegole.stato.formattazioni).toBe(false);
    expect(passo(senzaRegole, altro)).toBeNull();
  });

  it("edit mode, access denied and errors that are not Office's: no row, the error stands", () => {
    expect(passo(tentativo(), errore(CODICI_ERRORE.modificaInCorso))).toBeUndefined();
    expect(passo(tentativo(), errore(CODICI_ERRORE.accessoNegato))).toBeUndefined();
    expect(passo(tentativo(), new TypeError("x"))).toBeUndefined();
  });
});

describe("the write's recovery table", () => {
  const blocco = (riga: number): BloccoValori => ({
    foglio: "F",
    indirizzo: `A${riga}`,
    proprieta: "values",
    dati: [[riga]],
    byte: 10,
  });
  const lotto = (...righe: number[]): LottoScrittura => ({
    eliminaRegole: [],
    valori: righe.map(blocco),
    colori: [],
    aggiungiRegole: [],
    byte: 10 * righe.length,
  });
  const troppo = errore(CODICI_ERRORE.richiestaTroppoGrande);

  it("a lot refused as too large: that lot in two halves, the lots applied before it left alone", () => {
    const t: ScritturaInCorso = {
      lotti: [lotto(1), lotto(2, 3), lotto(4)],
      scritti: 1,
      sincronizzazioni: 2,
      aggiunti: [],
    };
    const poi = RECUPERI_SCRITTURA.find((r) => r.riconosce(troppo))!.poi(t)!;
    expect(poi.lotti.map((l) => l.valori.map((b) => b.indirizzo))).toEqual([["A1"], ["A2"], ["A3"], ["A4"]]);
    expect(poi.scritti).toBe(1);
    expect(poi.sincronizzazioni).toBe(2);
  });

  it("a lot that cannot be split any further: the error stands", () => {
    const t: ScritturaInCorso = { lotti: [lotto(1)], scritti: 0, sincronizzazioni: 1, aggiunti: [] };
    expect(RECUPERI_SCRITTURA.find((r) => r.riconosce(troppo))!.poi(t)).toBeNull();
    expect(RECUPERI_SCRITTURA.find((r) => r.riconosce(errore(CODICI_ERRORE.accessoNegato)))).toBeUndefined();
  });
});

describe("creaAccessoOffice: one operation at a time", () => {
  it("two reads started together (the pane and the ribbon): the second starts from what the first learnt", async () => {
    const c = new CartellaFinta();
    c.aggiungiFoglio("Dati").imposta("A1", { valore: 1 });
    const accesso = creaAccessoOffice({ esegui: c.run, impostazioni: () => c.impostazioni });
    const [a, b] = await Promise.all([accesso.leggi(), accesso.leggi()]);
    expect(b).toEqual(a);
    // The first read: list, then the sheet; the second knows the sheet: one sync.
    expect(c.sincronizzazioni).toBe(3);
    expect(accesso.diagnostica().ultimaLettura?.sincronizzazioni).toBe(1);
  });

  it("a failed operation does not stop the next one", async () => {
    const c = new CartellaFinta();
    c.aggiungiFoglio("Dati").imposta("A1", { valore: 1 });
    let rifiuta = true;
    const accesso = creaAccessoOffice({
      esegui: (batch) => {
        if (!rifiuta) return c.run(batch);
        rifiuta = false;
        return Promise.reject(errore(CODICI_ERRORE.modificaInCorso));
      },
    });
    const [prima, dopo] = await Promise.allSettled([accesso.leggi(), accesso.leggi()]);
    expect(prima.status).toBe("rejected");
    expect(dopo.status === "fulfilled" && dopo.value.fogli).toHaveLength(1);
  });
});
