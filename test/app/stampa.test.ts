import { EsitoScrittura, ValoriImpostazioni } from "../../src/app/access";
import { MESSAGGI_APP } from "../../src/app/messaggi";
import { analizza } from "../../src/app/ricalcolo";
import { annoDaSalvato, CHIAVE_ANNO_RELAZIONE, IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { pianoPreparaStampa, preparaStampa } from "../../src/app/stampa";
import { BANDE_PREDEFINITE, creaBande } from "../../src/engine";
import { SheetGrid } from "../../src/layout/griglia";
import { PianoStampaCartella, stimaPagine } from "../../src/layout/stampa";
import { pianoStampa } from "../../src/layout/stampa";
import { AccessoRegistrato } from "../support/accesso-registrato";
import { fogliCampione } from "../support/campione";
import { errore } from "../errore-barometro";

const FOGLIO = "Obiettivi 2024";

/** AccessoRegistrato that can also lay out: it records the plans; settings are merged, as Office's are. */
class AccessoStampa extends AccessoRegistrato {
  piani: PianoStampaCartella[] = [];
  async impagina(piano: PianoStampaCartella): Promise<EsitoScrittura> {
    this.piani.push(piano);
    return { sincronizzazioni: 1, byte: JSON.stringify(piano).length };
  }
  override async salvaImpostazioni(valori: ValoriImpostazioni) {
    this.salvate.push(valori);
    this.impostazioni = { ...this.impostazioni, ...valori };
    for (const [k, v] of Object.entries(valori)) if (v === null) delete this.impostazioni[k];
  }
}

let fogli: SheetGrid[];
beforeAll(async () => {
  fogli = await fogliCampione();
});

/** The grid of an Indice sheet as Barometro writes it (A1 holds its title). */
const indiceScritto = (titolo: string): SheetGrid => ({
  name: "Indice",
  values: [
    [titolo, null],
    [null, "x"],
  ],
  merges: [],
});

/** The sample with the header rows it repeats inside a line emptied: each line keeps only its own header. */
function senzaIntestazioniRipetute(g: SheetGrid): SheetGrid {
  let dopoDidascalia = false;
  const values = g.values.map((riga) => {
    if (riga[0] === "Relazione sulla Performance 2024") dopoDidascalia = true;
    if (riga[0] !== "Settore") return riga;
    const propria = dopoDidascalia;
    dopoDidascalia = false;
    return propria ? riga : riga.map(() => null);
  });
  return { ...g, values };
}

describe("preparaStampa", () => {
  it("a sheet that does not repeat its header: print titles on every page, no word about the sheet's headers", async () => {
    const access = new AccessoStampa([senzaIntestazioniRipetute(fogli[0])]);
    const esito = await preparaStampa(access, IMPOSTAZIONI_PREDEFINITE);
    expect(esito.piano.fogli[0].righeTitoli).toBe("$11:$11");
    expect(esito.piano.fogli[0].nuovePagine).toHaveLength(9);
    expect(esito.messaggio).not.toContain("ripete già la riga di intestazione");

    const conRipetute = await preparaStampa(new AccessoStampa(fogli), IMPOSTAZIONI_PREDEFINITE);
    expect(conRipetute.piano.fogli[0].righeTitoli).toBeNull();
    expect(conRipetute.messaggio).toContain(MESSAGGI_APP.intestazioniDelFoglio([FOGLIO]));
  });

  it("one read, one call to impagina with the CLI's plan; a summary for the pane", async () => {
    const access = new AccessoStampa(fogli);
    const esito = await preparaStampa(access, IMPOSTAZIONI_PREDEFINITE);
    expect(access.letture).toBe(1);
    expect(access.piani).toHaveLength(1);
    expect(access.scritture).toEqual([]);
    expect(access.salvate).toEqual([]);
    const [piano] = access.piani;
    const { linee } = analizza(await access.leggi());
    const stampa = pianoStampa(linee, fogli);
    expect(piano.fogli.map((f) => f.foglio)).toEqual([FOGLIO]);
    // The sample repeats its header row itself: no print titles.
    expect(piano.fogli[0]).toMatchObject({ righeTitoli: null, primaPagina: 2 });
    expect(piano.fogli[0].nuovePagine).toEqual(stampa[0].interruzioni.map((r) => r + 1));
    expect(piano.piePagina).toBe("Relazione sulla Performance 2024 — pag. &P di &N");
    expect(piano.indice).toMatchObject({ foglio: "Indice", crea: true, pulisci: null });
    expect(esito.pagine).toEqual(stimaPagine(linee, stampa, 2));
    expect(esito).toMatchObject({ fogli: [FOGLIO], linee: 10, anno: 2024, fonteAnno: "cartella" });
    expect(esito.indice).toEqual({ foglio: "Indice", creato: true });
    expect(esito.messaggio).toMatch(/^Impaginato 1 foglio, 10 linee; Indice creato \(pagine stimate: \d+\)\./);
    expect(esito.messaggio).toContain("sono una stima");
  });

  it("the bands of the settings colour the Indice", async () => {
    const access = new AccessoStampa(fogli);
    const bande = creaBande({ raggiunto: 95, parziale: 85 });
    if (typeof bande === "string") throw new Error(bande);
    await preparaStampa(access, { ...IMPOSTAZIONI_PREDEFINITE, bande });
    const etichette = access.piani[0].indice.righe.slice(2, 12).map((r) => r.celle[2].valore);
    expect(etichette).toContain("Non raggiunto"); // 84,44% is below 85 now
  });

  it("an access that cannot lay out: the Italian explanation, nothing read", async () => {
    const access = new AccessoRegistrato(fogli);
    expect((await errore(preparaStampa(access, IMPOSTAZIONI_PREDEFINITE))).message).toBe(
      MESSAGGI_APP.stampaNonDisponibile
    );
    expect(access.letture).toBe(0);
  });

  it("no lines, a protected sheet, a user's «Indice» or a protected one: a message, nothing written or saved", async () => {
    const casi: [AccessoStampa, string][] = [
      [new AccessoStampa([{ name: "Vuoto", values: [["ciao"]], merges: [] }]), "Nessuna tabella"],
      [new AccessoStampa(fogli, null, [FOGLIO]), MESSAGGI_APP.foglioProtetto(FOGLIO)],
      [new AccessoStampa([indiceScritto("Il mio indice"), ...fogli]), MESSAGGI_APP.indiceAltrui("Indice")],
      [
        new AccessoStampa([indiceScritto("Indice — Stato di attuazione degli Obiettivi 2024"), ...fogli], null, [
          "Indice",
        ]),
        MESSAGGI_APP.foglioProtetto("Indice"),
      ],
    ];
    for (const [access, messaggio] of casi) {
      const e = await errore(preparaStampa(access, IMPOSTAZIONI_PREDEFINITE, { anno: 2030 }));
      expect(e.message.startsWith(messaggio)).toBe(true);
      expect(access.piani).toEqual([]);
      expect(access.salvate).toEqual([]);
    }
  });

  it("Barometro's own Indice is rewritten (its used area cleared); a blank «indice» is taken over", async () => {
    const access = new AccessoStampa([indiceScritto("Indice — Stato di attuazione degli Obiettivi 2023"), ...fogli]);
    const esito = await preparaStampa(access, IMPOSTAZIONI_PREDEFINITE);
    expect(access.piani[0].indice).toMatchObject({ foglio: "Indice", crea: false, pulisci: "A1:B2" });
    expect(esito.indice.creato).toBe(false);
    expect(esito.messaggio).toContain("Indice aggiornato");
    // The year is the report's, not the one in the old Indice's title.
    expect(esito.anno).toBe(2024);

    const vuoto = new AccessoStampa([...fogli, { name: "indice", values: [], merges: [] }]);
    await preparaStampa(vuoto, IMPOSTAZIONI_PREDEFINITE);
    expect(vuoto.piani[0].indice).toMatchObject({ foglio: "indice", crea: false, pulisci: null });
  });

  it("the year: saved in the workbook first, else read from its texts; chosen in the pane, saved only when it changes", async () => {
    const access = new AccessoStampa(fogli);
    access.impostazioni = { [CHIAVE_ANNO_RELAZIONE]: "2025" };
    expect(await preparaStampa(access, IMPOSTAZIONI_PREDEFINITE)).toMatchObject({
      anno: 2025,
      fonteAnno: "impostazione",
    });
    expect(access.piani[0].piePagina).toBe("Relazione sulla Performance 2025 — pag. &P di &N");

    await preparaStampa(access, IMPOSTAZIONI_PREDEFINITE, { anno: 2025 });
    expect(access.salvate).toEqual([]);
    await preparaStampa(access, IMPOSTAZIONI_PREDEFINITE, { anno: 2026 });
    expect(access.salvate).toEqual([{ [CHIAVE_ANNO_RELAZIONE]: 2026 }]);
    expect(access.piani[2].indice.righe[0].celle[0].valore).toBe("Indice — Stato di attuazione degli Obiettivi 2026");
    const tolto = await preparaStampa(access, IMPOSTAZIONI_PREDEFINITE, { anno: null });
    expect(access.salvate[1]).toEqual({ [CHIAVE_ANNO_RELAZIONE]: null });
    expect(tolto).toMatchObject({ anno: 2024, fonteAnno: "cartella" });
  });

  it("no year anywhere: the footer without it, and the message says how to set it", async () => {
    const senzaAnno = fogli.map((g) => ({
      ...g,
      values: g.values.map((r) => r.map((v) => (typeof v === "string" ? v.replace(/20\d\d/g, "") : v))),
    }));
    const esito = await preparaStampa(new AccessoStampa(senzaAnno), IMPOSTAZIONI_PREDEFINITE);
    expect(esito).toMatchObject({ anno: null, fonteAnno: null });
    expect(esito.piano.piePagina).toBe("Relazione sulla Performance — pag. &P di &N");
    expect(esito.messaggio).toContain(MESSAGGI_APP.annoNonTrovato);
  });

  it("the plan is pure: the same read gives the same plan", async () => {
    const analisi = analizza(await new AccessoRegistrato(fogli).leggi());
    const a = pianoPreparaStampa(analisi, BANDE_PREDEFINITE, 2024);
    const b = pianoPreparaStampa(analisi, BANDE_PREDEFINITE, 2024);
    expect(a).toEqual(b);
    expect(a.pagineStimate).toBeGreaterThanOrEqual(a.pagine[a.pagine.length - 1]!);
  });
});

describe("the year setting", () => {
  it("accepts a year as a number or its text, nothing else", () => {
    expect(annoDaSalvato(2024)).toBe(2024);
    expect(annoDaSalvato(" 2025 ")).toBe(2025);
    for (const v of [null, undefined, "", "duemila", 24, 1999, 2101, 2024.5, "2024-25", {}])
      expect(annoDaSalvato(v)).toBeNull();
  });
});
