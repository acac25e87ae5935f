/**
 * Diagnostica's use case with a fake bench: the order and isolation of the capabilities, the
 * temporary sheet's life, the requirement sets, and the plain-text report «Copia» sends.
 */
import { readFileSync } from "fs";
import { join } from "path";
import {
  Avanzamento,
  BancoDiagnostica,
  CAPACITA,
  eseguiDiagnostica,
  IdCapacita,
  INSIEMI_REQUISITI,
  rilevaRequisiti,
  testoRapporto,
} from "../../src/app/diagnostica";

const ORA = () => new Date("2026-12-03T14:05:00Z");
const AMBIENTE = { host: "Excel", piattaforma: "PC", versione: "16.0.17928.20114" };
/** ExcelApi up to 1.17, SharedRuntime 1.1, CustomFunctionsRuntime up to 1.4. */
const SUPPORTATI: Record<string, number> = { ExcelApi: 17, SharedRuntime: 1, CustomFunctionsRuntime: 4 };

class BancoFinto implements BancoDiagnostica {
  chiamate: string[] = [];
  protetta = false;
  fogli = new Set<string>(["Obiettivi 2024"]);
  errori: Partial<Record<IdCapacita | "crea" | "elimina", unknown>> = {};

  ambiente() {
    return AMBIENTE;
  }
  supporta(nome: string, versione: string) {
    const massima = SUPPORTATI[nome];
    return massima !== undefined && Number(versione.split(".")[1]) <= massima;
  }
  async cartellaProtetta() {
    this.chiamate.push("protezione");
    return this.protetta;
  }
  async creaFoglio() {
    this.chiamate.push("crea");
    if (this.errori.crea) throw this.errori.crea;
    this.fogli.add("Barometro diagnostica x");
    return "Barometro diagnostica x";
  }
  async prova(id: Exclude<IdCapacita, "foglio">, foglio: string | null) {
    this.chiamate.push(`${id}@${foglio ?? "-"}`);
    if (this.errori[id]) throw this.errori[id];
  }
  async eliminaFoglio(foglio: string) {
    this.chiamate.push(`elimina ${foglio}`);
    if (this.errori.elimina) throw this.errori.elimina;
    this.fogli.delete(foglio);
  }
}

/** Shaped like OfficeExtension.Error. */
const erroreOffice = (code: string, message: string, errorLocation?: string) =>
  Object.assign(new Error(message), { code, debugInfo: { code, message, errorLocation } });

describe("eseguiDiagnostica", () => {
  it("creates the sheet, tries each capability on it (settings without), deletes it; all «riuscito»", async () => {
    const banco = new BancoFinto();
    const passi: Avanzamento[] = [];
    const r = await eseguiDiagnostica(banco, { ora: ORA, avanzamento: (a) => passi.push(a) });
    expect(banco.chiamate).toEqual([
      "protezione",
      "crea",
      "valori@Barometro diagnostica x",
      "riempimenti@Barometro diagnostica x",
      "formattazione@Barometro diagnostica x",
      "unioni@Barometro diagnostica x",
      "stampa@Barometro diagnostica x",
      "grafico@Barometro diagnostica x",
      "impostazioni@-",
      "perf@Barometro diagnostica x",
      "elimina Barometro diagnostica x",
    ]);
    expect(r.esiti.map((e) => [e.id, e.stato])).toEqual(CAPACITA.map((c) => [c.id, "riuscito"]));
    expect(banco.fogli).toEqual(new Set(["Obiettivi 2024"]));
    expect(r.foglioRimasto).toBeNull();
    expect(passi.map((p) => p.fatte)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(passi.at(-1)).toEqual({ fatte: 9, totale: 9, corrente: "" });
  });

  it("one capability failing with an Office error: «non riuscito» with code, message and place; the others still run", async () => {
    const banco = new BancoFinto();
    banco.errori.formattazione = erroreOffice(
      "InvalidArgument",
      "The argument is invalid or missing or has an incorrect format.",
      "ConditionalFormat.rule"
    );
    const r = await eseguiDiagnostica(banco, { ora: ORA });
    expect(r.esiti.find((e) => e.id === "formattazione")).toEqual({
      id: "formattazione",
      nome: "Regola di formattazione condizionale come la scrive Ricalcola",
      stato: "non riuscito",
      codice: "InvalidArgument",
      messaggio: "The argument is invalid or missing or has an incorrect format.",
      posizione: "ConditionalFormat.rule",
    });
    expect(r.esiti.filter((e) => e.stato === "riuscito")).toHaveLength(8);
    expect(banco.chiamate).toContain("perf@Barometro diagnostica x");
    expect(banco.fogli.has("Barometro diagnostica x")).toBe(false);
  });

  it("a bench that throws something odd (a string, a synchronous throw) is recorded, never a crash", async () => {
    const banco = new BancoFinto();
    banco.errori.grafico = "boom";
    banco.prova = ((id: IdCapacita) => {
      if (id === "unioni") throw new Error("sincrono");
      return BancoFinto.prototype.prova.call(banco, id as Exclude<IdCapacita, "foglio">, "Barometro diagnostica x");
    }) as BancoDiagnostica["prova"];
    const r = await eseguiDiagnostica(banco, { ora: ORA });
    expect(r.esiti.find((e) => e.id === "grafico")).toMatchObject({ stato: "non riuscito", messaggio: "boom" });
    expect(r.esiti.find((e) => e.id === "unioni")).toMatchObject({ stato: "non riuscito", messaggio: "sincrono" });
    expect(banco.fogli.has("Barometro diagnostica x")).toBe(false);
  });

  it("a protected workbook: no sheet, the sheet capabilities «non verificato», the settings tried, a note saying why", async () => {
    const banco = new BancoFinto();
    banco.protetta = true;
    const r = await eseguiDiagnostica(banco, { ora: ORA });
    expect(banco.chiamate).toEqual(["protezione", "impostazioni@-"]);
    expect(r.esiti.filter((e) => e.stato === "non verificato").map((e) => e.id)).toEqual(
      CAPACITA.filter((c) => c.suFoglio).map((c) => c.id)
    );
    expect(r.esiti.find((e) => e.id === "impostazioni")!.stato).toBe("riuscito");
    expect(r.nota).toMatch(/^La struttura della cartella è protetta/);
  });

  it("the sheet cannot be added: that line fails with Excel's error, the sheet capabilities are not verified", async () => {
    const banco = new BancoFinto();
    banco.errori.crea = erroreOffice("AccessDenied", "You cannot perform the requested operation.");
    const r = await eseguiDiagnostica(banco, { ora: ORA });
    expect(r.esiti[0]).toMatchObject({ id: "foglio", stato: "non riuscito", codice: "AccessDenied" });
    expect(r.esiti.find((e) => e.id === "valori")).toMatchObject({ stato: "non verificato" });
    expect(banco.chiamate).not.toContain("elimina Barometro diagnostica x");
  });

  it("the sheet cannot be deleted: the line fails and the report names the sheet to delete by hand", async () => {
    const banco = new BancoFinto();
    banco.errori.elimina = erroreOffice("AccessDenied", "You cannot perform the requested operation.");
    const r = await eseguiDiagnostica(banco, { ora: ORA });
    expect(r.esiti[0]).toMatchObject({ id: "foglio", stato: "non riuscito", codice: "AccessDenied" });
    expect(r.foglioRimasto).toBe("Barometro diagnostica x");
    expect(testoRapporto(r)).toContain("«Barometro diagnostica x» non è stato eliminato");
  });

  it("deletes the sheet even when the progress callback throws in the middle", async () => {
    const banco = new BancoFinto();
    let n = 0;
    await expect(
      eseguiDiagnostica(banco, {
        avanzamento: () => {
          if (++n === 4) throw new Error("interrotto");
        },
      })
    ).rejects.toThrow("interrotto");
    expect(banco.chiamate.at(-1)).toBe("elimina Barometro diagnostica x");
    expect(banco.fogli.has("Barometro diagnostica x")).toBe(false);
  });
});

describe("requirement sets", () => {
  it("the highest version of each set, and whether Barometro's minimum is met", () => {
    const r = rilevaRequisiti(BancoFinto.prototype.supporta);
    expect(r).toEqual([
      { nome: "ExcelApi", massima: "1.17", richiesta: "1.13", soddisfatto: true },
      { nome: "SharedRuntime", massima: "1.1", richiesta: "1.1", soddisfatto: true },
      { nome: "CustomFunctionsRuntime", massima: "1.4", richiesta: "1.3", soddisfatto: true },
      { nome: "AddinCommands", massima: null, richiesta: null, soddisfatto: null },
      { nome: "Settings", massima: null, richiesta: null, soddisfatto: null },
    ]);
  });

  it("versions compared as numbers (1.9 < 1.13), gaps allowed, a throwing probe is 'not supported'", () => {
    const r = rilevaRequisiti((nome, v) => {
      if (nome === "SharedRuntime") throw new Error("requirements assenti");
      return nome === "ExcelApi" && ["1.1", "1.9", "1.10"].includes(v);
    });
    expect(r[0]).toEqual({ nome: "ExcelApi", massima: "1.10", richiesta: "1.13", soddisfatto: false });
    expect(r[1]).toEqual({ nome: "SharedRuntime", massima: null, richiesta: "1.1", soddisfatto: false });
  });

  it("the minima are manifest.xml's <Requirements>", () => {
    const manifest = readFileSync(join(__dirname, "../../manifest.xml"), "utf8");
    const requisiti = manifest.slice(manifest.indexOf("<Requirements>"), manifest.indexOf("</Requirements>"));
    const nelManifest = Object.fromEntries(
      [...requisiti.matchAll(/<Set Name="(\w+)" MinVersion="([\d.]+)"/g)].map((m) => [m[1], m[2]])
    );
    const nostri = Object.fromEntries(INSIEMI_REQUISITI.filter((s) => s.richiesta).map((s) => [s.nome, s.richiesta]));
    expect(nostri).toEqual(nelManifest);
  });
});

describe("testoRapporto", () => {
  it("plain text: header, Excel, requirement sets, summary, one line per capability with code and message", async () => {
    const banco = new BancoFinto();
    banco.errori.perf = Object.assign(new Error("PERF.RAGG è sconosciuta (#NAME?)."), { code: "VerificaNonRiuscita" });
    banco.errori.stampa = erroreOffice("InvalidArgument", "The argument is invalid.", "PageLayout.zoom");
    const testo = testoRapporto(await eseguiDiagnostica(banco, { ora: ORA }));
    expect(testo).toBe(
      [
        "Barometro — Diagnostica (2026-12-03T14:05:00.000Z)",
        "Excel: Excel, piattaforma PC, versione 16.0.17928.20114",
        "Requisiti supportati:",
        "  ExcelApi 1.17 (Barometro richiede 1.13: sì)",
        "  SharedRuntime 1.1 (Barometro richiede 1.1: sì)",
        "  CustomFunctionsRuntime 1.4 (Barometro richiede 1.3: sì)",
        "  AddinCommands: non supportato",
        "  Settings: non supportato",
        "Prove: 7 riuscite, 2 non riuscite su 9",
        "  riuscito — Aggiungere ed eliminare un foglio",
        "  riuscito — Scrivere valori e formule (blocchi 2-D) e rileggerli",
        "  riuscito — Colori su un intervallo di più aree",
        "  riuscito — Regola di formattazione condizionale come la scrive Ricalcola",
        "  riuscito — Lettura delle celle unite",
        "  NON RIUSCITO — Impostazione di pagina e righe da ripetere — InvalidArgument: The argument is invalid. (in PageLayout.zoom)",
        "      serve per: «Prepara stampa».",
        "  riuscito — Grafico con etichette dei dati",
        "  riuscito — Impostazioni del documento (salvare, rileggere, togliere)",
        "  NON RIUSCITO — Funzione PERF.RAGG calcolata in una cella — VerificaNonRiuscita: PERF.RAGG è sconosciuta (#NAME?).",
        "      serve per: Le funzioni PERF.* e la % Ragg scritta come formula.",
      ].join("\n")
    );
  });

  it("without Office's diagnostics, and on a protected workbook: says so", async () => {
    const banco = new BancoFinto();
    banco.protetta = true;
    banco.ambiente = () => {
      throw new Error("no Office");
    };
    const testo = testoRapporto(await eseguiDiagnostica(banco, { ora: ORA }));
    expect(testo).toContain("Excel: host, piattaforma e versione non disponibili");
    expect(testo).toContain("Prove: 1 riuscita, 0 non riuscite, 8 non verificate su 9");
    expect(testo).toContain(
      "  non verificato — Lettura delle celle unite — Non verificato: la struttura della cartella è protetta."
    );
    expect(testo.split("\n").at(-1)).toMatch(/^La struttura della cartella è protetta/);
  });
});
