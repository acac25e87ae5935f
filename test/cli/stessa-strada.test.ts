/**
 * One Ricalcola, two front ends: the same workbook through the task pane's path (the app's use
 * case over the Office.js adapter, src/excel/office-access.ts, on the fake Excel) and through the
 * command line's (the same use case over the file access, src/cli/apri.ts → CartellaFile, saved and
 * read back). The cells, fills and conditional-format rules written must be the same — on the
 * bundled sample (the `ricalcola` command itself, and the use case in each write mode) and on
 * generated layouts; likewise the Riepilogo sheet (and its chart, read from the file's DrawingML parts), the Indice, the Dossier di validazione and Prepara per la condivisione. Written against CartellaFile only: any file access (the ExcelJS one, src/xlsx)
 * runs it by changing the import in src/cli/apri.ts.
 */
import { mkdtempSync, readFileSync } from "fs";
import { CAMPIONE } from "../support/campione";
import { tmpdir } from "os";
import { join, posix } from "path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { preparaCondivisione } from "../../src/app/condivisione";
import { scriviDossier } from "../../src/app/dossier";
import { aggiornaRiepilogo } from "../../src/app/riepilogo";
import { preparaStampa } from "../../src/app/stampa";
import { ricalcola } from "../../src/app/ricalcolo";
import { WorkbookAccess } from "../../src/app/access";
import { Impostazioni, IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { apriCartella } from "../../src/cli/apri";
import { a1 } from "../../src/layout/griglia";
import { main } from "../../src/cli/main";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { cartellaDaExcelJS } from "../../src/excel-finto/exceljs";
import { costruisci, disposizione, inFoglioExcel, specFoglio } from "../robustezza/generatori";
import { capture } from "./io";

const tmp = mkdtempSync(join(tmpdir(), "barometro-stessa-strada-"));

/** A workbook's bytes as the fake Excel holds them, snapshot by cell («Foglio!A1»), sheet rules and print setup. */
async function istantanea(dati: Uint8Array): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(dati as unknown as ExcelJS.Buffer);
  return cartellaDaExcelJS(wb).istantanea();
}

type CasoDUso = (accesso: WorkbookAccess) => Promise<unknown>;

/** «Ricalcola tutto» with these settings. */
const ricalcolaTutto =
  (impostazioni: Impostazioni): CasoDUso =>
  (accesso) =>
    ricalcola(accesso, { tipo: "tutto" }, impostazioni);

/** A use case in the task pane (by default «Ricalcola tutto»): the Office.js adapter on the fake Excel loaded with the bytes. */
async function dalRiquadro(dati: Uint8Array, caso: Impostazioni | CasoDUso): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(dati as unknown as ExcelJS.Buffer);
  const cartella = cartellaDaExcelJS(wb);
  const accesso = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });
  await (typeof caso === "function" ? caso : ricalcolaTutto(caso))(accesso);
  return cartella.istantanea();
}

/** The same use case on the file: over the command line's file access, saved. */
async function dallaRigaDiComando(dati: Uint8Array, caso: Impostazioni | CasoDUso): Promise<Map<string, string>> {
  const file = await apriCartella(Buffer.from(dati), "prova.xlsx");
  await (typeof caso === "function" ? caso : ricalcolaTutto(caso))(file);
  return istantanea(await file.salva());
}

/**
 * The entries where the two workbooks differ, with both sides; [] when identical. Left out of the
 * comparison, as no reader of the file sees them: a formula cell's value (the fake does not compute
 * what Barometro writes; the file holds the engine's figure as the cached result), the
 * «formattata» mark (borders, fonts, alignment: Ricalcola writes none, and ExcelJS writes a default
 * font into the style of a cell it saves), and the ExcelJS rule the fake keeps beside a rule it
 * loaded from a file (to write it back).
 */
function differenze(riquadro: Map<string, string>, file: Map<string, string>): string[] {
  const normale = (k: string, testo: string | undefined) => {
    if (testo === undefined) return undefined;
    if (k.endsWith("!#formattazioni"))
      return JSON.stringify(
        (JSON.parse(testo) as Record<string, unknown>[]).map((r) =>
          Object.fromEntries(
            Object.entries(r)
              .filter(([k]) => k !== "originale")
              .sort(([a], [b]) => a.localeCompare(b))
          )
        )
      );
    if (k.includes("!#")) return testo;
    const v = JSON.parse(testo) as Record<string, unknown>;
    if (typeof v.formula === "string") delete v.valore;
    delete v.formattata;
    return JSON.stringify(v);
  };
  return [...new Set([...riquadro.keys(), ...file.keys()])]
    .sort()
    .filter((k) => normale(k, riquadro.get(k)) !== normale(k, file.get(k)))
    .map((k) => `${k}\n  riquadro: ${riquadro.get(k)?.slice(0, 400)}\n  file:     ${file.get(k)?.slice(0, 400)}`);
}

/**
 * The charts on a sheet of a saved file, as the fake's snapshot holds them ("Foglio!#grafici"),
 * read from the package's DrawingML parts (sheet › drawing › twoCellAnchor › chart part); undefined
 * when the sheet has no drawing. Reads only what Barometro's chart sets.
 */
async function graficiDelFile(dati: Buffer, foglio: string): Promise<string | undefined> {
  const zip = await JSZip.loadAsync(dati);
  const testo = async (parte: string | undefined) => (parte ? ((await zip.file(parte)?.async("string")) ?? "") : "");
  const relazioni = async (parte: string) => {
    const rels = await testo(parte.replace(/([^/]+)$/, "_rels/$1.rels"));
    const dir = parte.slice(0, parte.lastIndexOf("/") + 1);
    return new Map(
      [...rels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)].map((m) => [
        m[1],
        posix.normalize(m[2].startsWith("/") ? m[2].slice(1) : dir + m[2]),
      ])
    );
  };
  const decodifica = (t: string) =>
    t.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!);
  const uno = (re: RegExp, t: string) => re.exec(t)?.[1] ?? null;
  const idFoglio = uno(new RegExp(`<sheet name="${foglio}"[^>]*r:id="([^"]+)"`), await testo("xl/workbook.xml"));
  const parteFoglio = (await relazioni("xl/workbook.xml")).get(idFoglio ?? "");
  const idDisegno = uno(/<drawing r:id="([^"]+)"/, await testo(parteFoglio));
  if (!parteFoglio || !idDisegno) return undefined;
  const disegno = (await relazioni(parteFoglio)).get(idDisegno)!;
  const perGrafico = await relazioni(disegno);
  const grafici: Record<string, unknown>[] = [];
  for (const ancora of (await testo(disegno)).match(/<xdr:twoCellAnchor\b.*?<\/xdr:twoCellAnchor>/gs) ?? []) {
    const punto = (nome: string) => {
      const p = uno(new RegExp(`<xdr:${nome}>(.*?)</xdr:${nome}>`), ancora)!;
      return { col: Number(uno(/<xdr:col>(\d+)</, p)), row: Number(uno(/<xdr:row>(\d+)</, p)) };
    };
    const [da, a] = [punto("from"), punto("to")];
    const chart = await testo(perGrafico.get(uno(/<c:chart [^>]*r:id="([^"]+)"/, ancora)!));
    const asse = (nome: string) => uno(new RegExp(`<c:${nome}>(.*?)</c:${nome}>`, "s"), chart) ?? "";
    const serie = asse("ser");
    const [cat, val] = [uno(/<c:cat>.*?<c:f>([^<]+)<\/c:f>/, serie)!, uno(/<c:val>.*?<c:f>([^<]+)<\/c:f>/, serie)!];
    const numero = (t: string | null) => (t === null ? null : Number(t));
    grafici.push({
      nome: decodifica(uno(/<xdr:cNvPr [^>]*name="([^"]*)"/, ancora)!),
      tipo: `${uno(/<c:barDir val="(\w+)"/, chart) === "bar" ? "Bar" : "Column"}${uno(/<c:grouping val="(\w+)"/, chart) === "clustered" ? "Clustered" : "?"}`,
      origine: `${cat.split(":")[0]}:${val.split(":")[1]}`.replace(/\$/g, ""),
      serieDa: "Columns",
      titolo: decodifica(uno(/<c:title>.*?<a:t>([^<]*)<\/a:t>/, chart) ?? ""),
      legenda: chart.includes("<c:legend>"),
      posizione: { da: a1(da.row, da.col), a: a1(a.row - 1, a.col - 1) },
      categorieInvertite: asse("catAx").includes('<c:orientation val="maxMin"/>'),
      minimo: numero(uno(/<c:min val="([^"]+)"/, asse("valAx"))),
      massimo: numero(uno(/<c:max val="([^"]+)"/, asse("valAx"))),
      nomiSerie: { 0: decodifica(uno(/<c:tx><c:v>([^<]*)<\/c:v>/, serie) ?? "") },
      coloriPunti: {
        0: Object.fromEntries(
          [...serie.matchAll(/<c:dPt><c:idx val="(\d+)"\/>.*?<a:srgbClr val="(\w+)"\/>.*?<\/c:dPt>/g)].map((m) => [
            m[1],
            `#${m[2]}`,
          ])
        ),
      },
      etichetteDati: { 0: /<c:dLbls>.*<c:showVal val="1"\/>.*<\/c:dLbls>/.test(serie) },
    });
  }
  return JSON.stringify(grafici);
}

/** Whether a generated layout holds a date anywhere. */
const conDate = (x: unknown): boolean =>
  x instanceof Date || (typeof x === "object" && x !== null && Object.values(x).some(conDate));

/** How many entries a write changed (so that an empty comparison cannot pass for an agreement). */
const cambiate = (prima: Map<string, string>, dopo: Map<string, string>) =>
  [...new Set([...prima.keys(), ...dopo.keys()])].filter((k) => prima.get(k) !== dopo.get(k));

describe("the same use cases from the task pane and from the command line", () => {
  const campione = readFileSync(CAMPIONE);

  it.each([
    ["formule di Excel (the default)", IMPOSTAZIONI_PREDEFINITE],
    ["valori", { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "valori" }],
    [
      "simboli, no conditional formatting",
      { ...IMPOSTAZIONI_PREDEFINITE, contenutoBarometro: "simbolo", formattazioneCondizionale: false },
    ],
  ] as [string, Impostazioni][])("the sample, %s: same cells, fills and rules", async (_, impostazioni) => {
    const prima = await istantanea(campione);
    const riquadro = await dalRiquadro(campione, impostazioni);
    const file = await dallaRigaDiComando(campione, impostazioni);
    expect(cambiate(prima, riquadro).length).toBeGreaterThan(100);
    expect(differenze(riquadro, file)).toEqual([]);
  });

  it("the sample, `barometro ricalcola` itself: the file it writes is the pane's workbook", async () => {
    const out = join(tmp, "campione.ricalcolato.xlsx");
    const c = capture();
    expect(await main(["ricalcola", CAMPIONE, "--out", out, "--json"], c.io)).toBe(0);
    const riquadro = await dalRiquadro(campione, IMPOSTAZIONI_PREDEFINITE);
    const prima = await istantanea(campione);
    expect(cambiate(prima, riquadro).some((k) => k.endsWith("!#formattazioni"))).toBe(true);
    expect(differenze(riquadro, await istantanea(readFileSync(out)))).toEqual([]);
  });

  it("`barometro ricalcola` on a workbook it recalculated before, with a rule of the user's and one of a line's rules deleted: rules replaced line by line, as the pane does", async () => {
    // The first Ricalcola's file, then the user's own rule added on the Barometro column and one of
    // Barometro's rules deleted: the second Ricalcola replaces that line's rules only, at the top,
    // and leaves the other lines' rules and the user's where they are (the pane's order).
    const primo = join(tmp, "primo.xlsx");
    expect(await main(["ricalcola", CAMPIONE, "--out", primo, "--json"], capture().io)).toBe(0);
    const ricalcolato = new ExcelJS.Workbook();
    await ricalcolato.xlsx.readFile(primo);
    const ws = ricalcolato.getWorksheet("Obiettivi 2024")!;
    const regolaUtente = "ISTEXT(N7)";
    ws.addConditionalFormatting({
      ref: "N7:N400",
      rules: [
        {
          type: "expression",
          priority: 99,
          formulae: [regolaUtente],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFFF00" } } },
        },
      ],
    });
    // One rule of the last line deleted by hand: that line's rules are no longer the wanted ones.
    const cfs = (ws as ExcelJS.Worksheet & { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    const marcatore = (cf: ExcelJS.ConditionalFormattingOptions) =>
      /barometro:([0-9a-f]{8})/.exec(JSON.stringify(cf.rules))?.[1] ?? null;
    const ultima = cfs
      .map(marcatore)
      .filter((m) => m !== null)
      .pop()!;
    cfs.splice(cfs.map(marcatore).lastIndexOf(ultima), 1);
    const modificato = join(tmp, "modificato.xlsx");
    await ricalcolato.xlsx.writeFile(modificato);
    const secondo = join(tmp, "secondo.xlsx");
    expect(await main(["ricalcola", modificato, "--out", secondo, "--json"], capture().io)).toBe(0);

    const riquadro = await dalRiquadro(readFileSync(modificato), IMPOSTAZIONI_PREDEFINITE);
    const regole = riquadro.get("Obiettivi 2024!#formattazioni")!;
    expect(regole).toContain(regolaUtente);
    // That line's rules replaced, at the top (the last added first), the others left where they were.
    const linee = (JSON.parse(regole) as { formula: string }[]).map(
      (r) => /barometro:([0-9a-f]{8})/.exec(r.formula)?.[1] ?? null
    );
    expect(linee.slice(0, 3)).toEqual([ultima, ultima, ultima]);
    expect(linee.filter((l) => l === ultima)).toHaveLength(3);
    expect(linee[linee.length - 1]).toBeNull(); // the user's rule, still last
    expect(differenze(riquadro, await istantanea(readFileSync(secondo)))).toEqual([]);
  });

  it("Aggiorna riepilogo: the same Riepilogo sheet, cells, fills and chart", async () => {
    const caso: CasoDUso = (accesso) => aggiornaRiepilogo(accesso, IMPOSTAZIONI_PREDEFINITE);
    const riquadro = await dalRiquadro(campione, caso);
    const cartella = await apriCartella(Buffer.from(campione), "prova.xlsx");
    await caso(cartella);
    const dati = await cartella.salva();
    // ExcelJS reads no chart: the file's chart is read from its DrawingML parts.
    const file = await istantanea(dati);
    const grafici = await graficiDelFile(dati, "Riepilogo");
    if (grafici) file.set("Riepilogo!#grafici", grafici);
    expect([...riquadro.keys()].filter((k) => k.startsWith("Riepilogo!")).length).toBeGreaterThan(50);
    expect(riquadro.get("Riepilogo!#grafici")).toContain("Barometro.Riepilogo");
    expect(differenze(riquadro, file)).toEqual([]);
  });

  it("Prepara per la condivisione: the same PERF formulas replaced by the same values", async () => {
    // A workbook written in PERF mode (=PERF.RAGG in the % Ragg cells, with their values).
    const perf = await apriCartella(Buffer.from(campione), "perf.xlsx");
    await ricalcola(perf, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "perf" });
    const dati = new Uint8Array(await perf.salva());
    expect([...(await istantanea(dati)).values()].filter((v) => v.includes("PERF.RAGG")).length).toBeGreaterThan(100);
    const caso: CasoDUso = (accesso) => preparaCondivisione(accesso, { conferma: true });
    const riquadro = await dalRiquadro(dati, caso);
    expect([...riquadro.values()].filter((v) => v.includes("PERF.RAGG"))).toEqual([]);
    expect(differenze(riquadro, await dallaRigaDiComando(dati, caso))).toEqual([]);
  });

  it("Prepara stampa: the same Indice, cell by cell: values, number formats, fills (fonts and page setup: the print tests)", async () => {
    const caso: CasoDUso = (accesso) => preparaStampa(accesso, IMPOSTAZIONI_PREDEFINITE);
    // The fake loads a file's fonts as «formattata» only: values, formats and fills are compared.
    const celleIndice = (m: Map<string, string>) =>
      new Map(
        [...m]
          .filter(([k]) => /^Indice![A-Z]+\d+$/.test(k))
          .map(([k, v]): [string, string] => {
            const { valore, formula, formato, colore } = JSON.parse(v) as Record<string, unknown>;
            return [k, JSON.stringify({ valore, formula, formato, colore })];
          })
          .filter(([, v]) => v !== JSON.stringify({ valore: null }))
      );
    const riquadro = celleIndice(await dalRiquadro(campione, caso));
    expect(riquadro.size).toBeGreaterThan(40);
    expect(differenze(riquadro, celleIndice(await dallaRigaDiComando(campione, caso)))).toEqual([]);
  });

  it("Dossier di validazione: the same sheet, in the same place, cell by cell (values, number formats, fills), with the same page breaks", async () => {
    const data = new Date(2025, 2, 14, 9, 30);
    const caso: CasoDUso = (accesso) => scriviDossier(accesso, { cartella: "prova.xlsx", versione: "1.0.0", data });
    const celle = (m: Map<string, string>) =>
      new Map(
        [...m]
          .filter(([k]) => /^Dossier di validazione![A-Z]+\d+$/.test(k))
          .map(([k, v]): [string, string] => {
            const { valore, formula, formato, colore } = JSON.parse(v) as Record<string, unknown>;
            return [k, JSON.stringify({ valore, formula, formato, colore })];
          })
          .filter(([, v]) => v !== JSON.stringify({ valore: null }))
      );
    const fogli = (m: Map<string, string>) => [...new Set([...m.keys()].map((k) => k.slice(0, k.lastIndexOf("!"))))];
    const interruzioni = (m: Map<string, string>) =>
      (JSON.parse(m.get("Dossier di validazione!#stampa") ?? "{}") as { interruzioni?: unknown }).interruzioni;
    const riquadro = await dalRiquadro(campione, caso);
    const accesso = await apriCartella(Buffer.from(campione), "prova.xlsx");
    await caso(accesso);
    const salvato = await accesso.salva();
    const file = await istantanea(salvato);
    expect(celle(riquadro).size).toBeGreaterThan(500);
    expect(differenze(celle(riquadro), celle(file))).toEqual([]);
    expect(fogli(riquadro)).toEqual(["Obiettivi 2024", "Dossier di validazione"]);
    expect(fogli(file)).toEqual(fogli(riquadro));
    // The page breaks as the file stores them (ExcelJS does not read them back): the fake keeps the
    // 0-based row a break is above; a file's <brk id="n"/> breaks after the 1-based row n: the same n.
    const pane = interruzioni(riquadro) as number[];
    expect(pane).toHaveLength(10);
    const zip = await JSZip.loadAsync(salvato);
    const nelFile = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
        .map(async (n) =>
          [...(await zip.file(n)!.async("string")).matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]))
        )
    );
    expect(nelFile).toContainEqual(pane);
  });

  it("`barometro stampa` on a workbook whose Indice the user moved: the Indice first again, as the pane puts it", async () => {
    const primo = join(tmp, "indice.stampa.xlsx");
    expect(await main(["stampa", CAMPIONE, "--out", primo, "--json"], capture().io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(primo);
    type ConOrdine = ExcelJS.Worksheet & { orderNo: number };
    const ordine = (ws: ExcelJS.Worksheet) => (ws as ConOrdine).orderNo;
    expect(wb.worksheets.map((ws) => ws.name)[0]).toBe("Indice");
    // The Indice moved after the other sheets.
    (wb.getWorksheet("Indice") as ConOrdine).orderNo = Math.max(...wb.worksheets.map(ordine)) + 1;
    const spostato = join(tmp, "indice-spostato.xlsx");
    await wb.xlsx.writeFile(spostato);
    const secondo = join(tmp, "indice-spostato.stampa.xlsx");
    expect(await main(["stampa", spostato, "--out", secondo, "--json"], capture().io)).toBe(0);

    const fogli = (m: Map<string, string>) => [...new Set([...m.keys()].map((k) => k.slice(0, k.lastIndexOf("!"))))];
    const riquadro = fogli(
      await dalRiquadro(readFileSync(spostato), (a) => preparaStampa(a, IMPOSTAZIONI_PREDEFINITE))
    );
    expect(riquadro[0]).toBe("Indice");
    expect(fogli(await istantanea(readFileSync(secondo)))).toEqual(riquadro);
  });

  it("generated layouts (columns in any order, extra columns, Polarità, several sections): same cells, fills and rules", async () => {
    await fc.assert(
      fc.asyncProperty(
        specFoglio.chain((spec) => fc.tuple(fc.constant(spec), disposizione(spec.polarita))),
        fc.constantFrom<Impostazioni["modoScrittura"]>("excel", "valori"),
        async ([spec, d], modoScrittura) => {
          // Dates: ExcelJS reads a date cell as a Date, Office.js as its serial number, so the ExcelJS
          // file access's reader and the pane's see different values (not a difference of the write).
          fc.pre(!conDate([spec, d]));
          const wb = new ExcelJS.Workbook();
          inFoglioExcel(wb, costruisci(spec, d));
          const dati = new Uint8Array(await wb.xlsx.writeBuffer());
          const impostazioni = { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura };
          let riquadro: Map<string, string>;
          try {
            riquadro = await dalRiquadro(dati, impostazioni);
          } catch (e) {
            // No table the reader accepts: the command line refuses it the same way.
            await expect(dallaRigaDiComando(dati, impostazioni)).rejects.toThrow((e as Error).message);
            return;
          }
          expect(differenze(riquadro, await dallaRigaDiComando(dati, impostazioni))).toEqual([]);
        }
      ),
      { numRuns: 20, seed: 13 }
    );
  }, 300_000);
});
