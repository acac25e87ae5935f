import { BANDE_PREDEFINITE, calcolaEnte, fasciaPer, Linea, RisultatoEnte } from "../../src/engine";
import { leggiLinee } from "../../src/layout";
import { areaDaA1 } from "../../src/excel/addresses";
import { SheetGrid } from "../../src/layout/griglia";
import {
  areeTesti,
  impaginazioneFogli,
  PRIMA_PAGINA_LINEE,
  stimaPagine,
  stimaSezioni,
  piePagina,
} from "../../src/layout/stampa";
import { bloccoIndice, pianoIndice, titoloIndice } from "../../src/layout/indice";
import { isTitoloIndice } from "../../src/layout/fogli-barometro";
import { estensioneLinea, inizioSezione, pianoStampa, StampaFoglio } from "../../src/layout/stampa";
import { fogliCampione } from "../support/campione";

let fogli: SheetGrid[];
let linee: Linea[];
let risultato: RisultatoEnte;
let piano: StampaFoglio[];
beforeAll(async () => {
  fogli = await fogliCampione();
  linee = leggiLinee(fogli).linee;
  risultato = calcolaEnte(linee);
  piano = pianoStampa(linee, fogli);
});

/** stimaPagine as the command line had it before it moved here: the estimate must not change. */
function stimaPagineOriginale(linee: Linea[], piano: StampaFoglio[], primaPagina: number, righePerPagina = 14) {
  let pagina = primaPagina;
  let foglioPrecedente: string | null = null;
  let righePrecedenti = 0;
  return linee.map((linea) => {
    if (foglioPrecedente !== null) pagina += Math.max(1, Math.ceil(righePrecedenti / righePerPagina));
    const p = piano.find((x) => x.foglio === linea.foglio);
    const inizio = Number(/\d+$/.exec(inizioSezione(linea))![0]);
    const fine = linea.obiettivi
      .flatMap((o) => o.indicatori.map((i) => i.riga))
      .reduce((a, b) => Math.max(a, b), inizio);
    righePrecedenti = fine - inizio + 1 + (p?.rigaIntestazione ? 1 : 0);
    foglioPrecedente = linea.foglio;
    return pagina;
  });
}

describe("page estimate", () => {
  it("with the header repeated by the printer: the command line's estimate, unchanged", () => {
    const ripetuta = pianoStampa(linee, fogli, { titoliRipetuti: true });
    for (const righe of [14, 5, 40]) {
      expect(stimaPagine(linee, ripetuta, PRIMA_PAGINA_LINEE, righe)).toEqual(
        stimaPagineOriginale(linee, ripetuta, PRIMA_PAGINA_LINEE, righe)
      );
    }
  });

  it("on a sheet that repeats its header: a page for each of a line's headers, whatever the rows per page", () => {
    expect(piano[0].intestazioniProprie).toBe(true);
    // The «Settore» header rows of each line, from the grid: its own and those it repeats.
    const intestazioni = linee.map((l) => {
      const { prima, ultima } = estensioneLinea(l);
      return fogli[0].values.filter((riga, r) => r + 1 >= prima && r + 1 <= ultima && riga[0] === "Settore").length;
    });
    expect(intestazioni.reduce((a, b) => a + b)).toBe(20);
    const attese = intestazioni.map((_, i) => PRIMA_PAGINA_LINEE + intestazioni.slice(0, i).reduce((a, b) => a + b, 0));
    for (const righe of [14, 5, 40]) expect(stimaPagine(linee, piano, PRIMA_PAGINA_LINEE, righe)).toEqual(attese);
    const sezioni = stimaSezioni(linee, piano, PRIMA_PAGINA_LINEE);
    expect(sezioni[0].inizio).toBe(2);
    sezioni.forEach((s, i) => {
      expect(s.fine).toBeGreaterThanOrEqual(s.inizio);
      if (i > 0) expect(s.inizio).toBe(sezioni[i - 1].fine + 1);
    });
  });
});

describe("pianoIndice", () => {
  it("title, header, one row per line (name, % fraction, band on its colour, page), the ente in bold", () => {
    const pagine = stimaPagine(linee, piano, PRIMA_PAGINA_LINEE);
    const p = pianoIndice(linee, risultato, pagine, 2024);
    expect(p.foglio).toBe("Indice");
    expect(p.larghezze).toEqual([62, 16, 24, 10]);
    expect(p.piePagina).toBe("Relazione sulla Performance 2024 — pag. &P di &N");
    expect(p.righe[0]).toEqual({
      riga: 1,
      celle: [{ valore: "Indice — Stato di attuazione degli Obiettivi 2024", grassetto: true, dimensione: 14 }],
    });
    expect(p.righe[1]).toEqual({
      riga: 3,
      celle: ["Linea strategica", "% raggiungimento", "Barometro", "Pagina"].map((valore) => ({ valore })),
      grassetto: true,
    });
    const sport = linee.findIndex((l) => l.nome === "LINEA STRATEGICA SULLO SPORT");
    const riga = p.righe[2 + sport];
    expect(riga.riga).toBe(4 + sport);
    expect(riga.celle[0]).toEqual({ valore: "LINEA STRATEGICA SULLO SPORT" });
    expect(riga.celle[1].formato).toBe("0.00%");
    expect(riga.celle[1].valore).toBeCloseTo(0.84444, 4);
    const gialla = fasciaPer(84.44, BANDE_PREDEFINITE);
    expect(riga.celle[2]).toEqual({ valore: gialla.etichetta, riempimento: gialla.colore.toUpperCase() });
    expect(riga.celle[3]).toEqual({ valore: `pag. ${pagine[sport]}` });
    const ente = p.righe[p.righe.length - 1];
    expect(ente).toMatchObject({ riga: 4 + linee.length + 1, grassetto: true });
    expect(ente.celle[0].valore).toBe("Ente (media delle linee)");
    expect(ente.celle[1].valore).toBeCloseTo(risultato.percentuale! / 100, 12);
  });

  it("«—» where there is nothing: no percentage (no fill), no page; no year in the title", () => {
    const vuoto: RisultatoEnte = {
      ...risultato,
      percentuale: null,
      linee: risultato.linee.map((r) => ({ ...r, percentuale: null })),
    };
    const p = pianoIndice(linee.slice(0, 1), vuoto, [null], null);
    expect(p.righe[0].celle[0].valore).toBe("Indice — Stato di attuazione degli Obiettivi");
    expect(p.righe[2].celle.map((c) => c.valore)).toEqual([linee[0].nome, "—", "—", "—"]);
    expect(p.righe[2].celle[2].riempimento).toBeUndefined();
    expect(p.righe[3].celle.map((c) => c.valore)).toEqual(["Ente (media delle linee)", "—"]);
    expect(p.piePagina).toBe("Relazione sulla Performance — pag. &P di &N");
  });

  it("as one block from A1, blanks between; its title is recognised", () => {
    const p = pianoIndice(linee, risultato, stimaPagine(linee, piano, 2), 2024);
    const { indirizzo, valori } = bloccoIndice(p);
    expect(indirizzo).toBe("A1:D15");
    expect(valori).toHaveLength(15);
    expect(valori.every((r) => r.length === 4)).toBe(true);
    expect(valori[1]).toEqual(["", "", "", ""]);
    expect(valori[14]).toEqual(["Ente (media delle linee)", expect.any(Number), "", ""]);
    expect(isTitoloIndice(titoloIndice(2024))).toBe(true);
    expect(isTitoloIndice(titoloIndice(null))).toBe(true);
    expect(isTitoloIndice("Indice")).toBe(false);
    expect(isTitoloIndice(null)).toBe(false);
  });
});

describe("the Office.js print plan of the sheets", () => {
  it("header row as print titles, a new page at each line's section, pages after the Indice", () => {
    const [f] = impaginazioneFogli(pianoStampa(linee, fogli, { titoliRipetuti: true }), () => 2);
    expect(f.foglio).toBe("Obiettivi 2024");
    expect(f.righeTitoli).toBe("$11:$11");
    expect(f.nuovePagine).toHaveLength(9);
    expect(f.primaPagina).toBe(2);
  });

  it("on a sheet that repeats its header: no print titles, a new page at each line and each repeated header", () => {
    const [f] = impaginazioneFogli(piano, () => 2);
    expect(f.righeTitoli).toBeNull();
    expect(f.nuovePagine).toEqual(piano[0].interruzioni.map((r) => r + 1));
    expect(f.nuovePagine).toHaveLength(19);
    expect(f.primaPagina).toBe(2);
    expect(piePagina(2024)).toBe("Relazione sulla Performance 2024 — pag. &P di &N");
  });

  it("the long-text areas cover exactly the text columns of the indicator rows", () => {
    const p = piano[0];
    const celle = new Set<string>();
    for (const a of areeTesti(p)) {
      const area = areaDaA1(a);
      for (let r = area.top; r <= area.bottom; r++)
        for (let c = area.left; c <= area.right; c++) celle.add(`${r + 1},${c}`);
    }
    const attese = new Set(p.righeIndicatori.flatMap((r) => p.colonneTesto.map((c) => `${r},${c}`)));
    expect(celle).toEqual(attese);
    // Consecutive rows and adjacent columns go together: far fewer areas than cells.
    expect(areeTesti(p).length).toBeLessThan(attese.size / 10);
  });

  it("a sheet without a recognised header: no print titles; no break for a single line", () => {
    const [f] = impaginazioneFogli(
      [
        {
          foglio: "F",
          rigaIntestazione: null,
          intestazioniProprie: false,
          interruzioni: [],
          colonneTesto: [2],
          righeIndicatori: [5, 6, 9],
        },
      ],
      () => null
    );
    expect(f).toEqual({
      foglio: "F",
      righeTitoli: null,
      nuovePagine: [],
      testi: ["C5:C6", "C9:C9"],
      primaPagina: null,
    });
  });
});

describe("estensioneLinea", () => {
  it("spans a line from its title to its last indicator, however many indicators it has", () => {
    const riga = (r: number) => ({ riga: r });
    const enorme = {
      cellaTitolo: "A5",
      obiettivi: [{ indicatori: Array.from({ length: 150_000 }, (_, i) => riga(200_010 - i)) }],
    } as unknown as Linea;
    expect(estensioneLinea(enorme)).toEqual({ prima: 5, ultima: 200_010 });
    expect(estensioneLinea(linee[0])).toEqual({
      prima: 6,
      ultima: Math.max(...linee[0].obiettivi.flatMap((o) => o.indicatori.map((i) => i.riga))),
    });
  });
});
