/**
 * One focused test per bug the robustness tests found and the fix in src/ (engine, layout, cli).
 */
import { writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { elabora } from "../../src/cli/elabora";
import {
  calcolaEnte,
  calcolaIndicatore,
  calcolaObiettivo,
  formatNumero,
  formatPercentuale,
  Linea,
  MESSAGGI,
} from "../../src/engine";
import { creaPatch, leggiLinee, SheetGrid } from "../../src/layout";
import { dataDaSeriale, isFormatoData } from "../../src/layout/percentuali";
import { ind, obiettivo } from "../support/modello";
import { COLONNE_STANDARD, FoglioBuilder, obiettiviSemplici } from "../layout/grid-builder";
import { MAGIA_CFB } from "./corpus";
import { cli, TMP } from "./strumenti";

function leggi(...fogli: SheetGrid[]): Linea[] {
  const { linee, errore } = leggiLinee(fogli);
  expect(errore).toBeNull();
  return linee;
}

describe("engine", () => {
  it("weights whose sum overflows (two of 1e308) give the same mean as small ones, not NaN", () => {
    const enormi = calcolaObiettivo(
      obiettivo("O", [
        ind({ atteso: 10, consuntivo: 5, peso: 1e308 }),
        ind({ atteso: 10, consuntivo: 10, peso: 1e308 }),
      ])
    );
    expect(enormi.ragg).toBeCloseTo(75, 10);
    const misti = calcolaObiettivo(
      obiettivo("O", [
        ind({ atteso: 10, consuntivo: 5, peso: 1.5e308 }),
        ind({ atteso: 10, consuntivo: 10, peso: 0.5e308 }),
      ])
    );
    expect(misti.ragg).toBeCloseTo(62.5, 10);
  });

  it("a Scostamento beyond the largest number is not computed (never Infinity in a cell)", () => {
    const r = calcolaIndicatore(ind({ atteso: -1.7e308, consuntivo: 1.7e308 }));
    expect(r.scostamento).toBeNull();
    expect(r.ragg).toBe(100);
    const patch = creaPatch(
      [{ nome: "L", foglio: "F", obiettivi: [obiettivo("O", [ind({ atteso: -1.7e308, consuntivo: 1.7e308 })])] }],
      calcolaEnte([
        { nome: "L", foglio: "F", obiettivi: [obiettivo("O", [ind({ atteso: -1.7e308, consuntivo: 1.7e308 })])] },
      ]).linee
    );
    // Every number written is finite (the Barometro cell gets the band's label, a text).
    const numeri = patch.scritture.filter((s) => typeof s.valore === "number");
    expect(numeri.length).toBeGreaterThan(0);
    for (const s of numeri) expect(Number.isFinite(s.valore as number)).toBe(true);
    expect(patch.scritture.filter((s) => typeof s.valore === "string").map((s) => s.valore)).toEqual(["Raggiunto"]);
  });

  it("a user's % Ragg formula giving 150 or −20 counts as 100 or 0 (the sheet's value is untouched)", () => {
    const alto = calcolaIndicatore(ind({ atteso: 10, consuntivo: 5, ragg: 150, formule: { ragg: "=1.5*100" } }));
    const basso = calcolaIndicatore(ind({ atteso: 10, consuntivo: 5, ragg: -20, formule: { ragg: "=-20" } }));
    expect([alto.ragg, alto.daFormula, basso.ragg, basso.daFormula]).toEqual([100, true, 0, true]);
    const o = calcolaObiettivo(
      obiettivo("O", [ind({ atteso: 10, consuntivo: 5, peso: 100, ragg: -20, formule: { ragg: "=-20" } })])
    );
    expect(o.ragg).toBe(0);
  });

  it("formatNumero: ∞ and — for non-finite numbers, scientific notation beyond 15 digits", () => {
    expect([formatNumero(Infinity), formatNumero(-Infinity), formatNumero(NaN)]).toEqual(["∞", "-∞", "—"]);
    expect(formatNumero(1e307)).toBe("1,00e+307");
    expect(formatNumero(-2.5e20, 1)).toBe("-2,5e+20");
    expect([formatNumero(999_999_999_999_999), formatNumero(1e15)]).toEqual(["999.999.999.999.999,00", "1,00e+15"]);
    expect(formatNumero(123_456_789_012.345)).toBe("123.456.789.012,35");
    expect(formatPercentuale(Infinity)).toBe("∞%");
  });

  it("messages quote at most 60 characters of a cell's text", () => {
    const lungo = "x".repeat(20_000);
    // The quote is cut to 60 characters: the message is its text with an empty quote, plus at most 60.
    const vuoto = MESSAGGI.VALORE_NON_NUMERICO("I", "target atteso", "").length;
    expect(MESSAGGI.VALORE_NON_NUMERICO("I", "target atteso", lungo).length).toBeLessThanOrEqual(vuoto + 60);
    const numero = MESSAGGI.NUMERO_COME_TESTO("I", "peso", "", 1, true).length;
    expect(MESSAGGI.NUMERO_COME_TESTO("I", "peso", lungo, 1, true).length).toBeLessThanOrEqual(numero + 60);
    expect(MESSAGGI.POLARITA_NON_VALIDA("I", lungo).length).toBeLessThan(150);
    expect(MESSAGGI.VALORE_NON_NUMERICO("I", "peso", "n.d.")).toContain("«n.d.»");
  });
});

describe("layout", () => {
  it("an owned cell under another cell's merged area is not Barometro's: no write into the area's top-left", () => {
    const b = new FoglioBuilder("F");
    const layout = b.sezione({ obiettivi: obiettiviSemplici(["Ob", 2]) });
    const [r1, r2] = layout.righe[0];
    const c = (campo: Parameters<typeof layout.colonna>[0]) => layout.colonna(campo);
    // Consuntivo merged with Scostamento on the 1st row; % Ragg and Barometro of both rows merged into a block.
    b.unisci({ top: r1, left: c("consuntivo"), bottom: r1, right: c("scostamento") });
    b.unisci({ top: r1, left: c("ragg"), bottom: r2, right: c("barometro") });
    const [a, d] = leggi(b.build())[0].obiettivi[0].indicatori;
    expect(a.celle.scostamento).toBeUndefined();
    expect(a.scostamento).toBeUndefined(); // not the consuntivo the merged area shows
    expect(a.celle.ragg).toBe(layout.cella("ragg", 0, 0));
    expect(a.celle.barometro).toBeUndefined();
    expect([d.celle.ragg, d.celle.barometro, d.ragg]).toEqual([undefined, undefined, undefined]);
    expect(d.celle.scostamento).toBe(layout.cella("scostamento", 0, 1));
  });

  it("the line's empty percentage cell is not chosen under another cell's merged area", () => {
    const b = new FoglioBuilder("F");
    b.cella("A1", "LINEA STRATEGICA SULLO SPORT");
    b.cella("A3", "% Raggiungimento obiettivi per area strategica");
    b.cella("B2", "nota");
    b.unisci("B2:B3"); // the cell right of the label is covered by B2's area
    b.cursore = 3;
    b.sezione({ obiettivi: obiettiviSemplici(["Ob", 1]) });
    const [linea] = leggi(b.build());
    expect(linea.percentuale).toBeUndefined();
    const patch = creaPatch([linea], calcolaEnte([linea]).linee);
    expect(patch.scritture.map((s) => s.cella)).not.toContain("B3");
  });

  it("a number shown as a date is a date, whether it comes as a Date (ExcelJS) or as its serial number (Office.js)", () => {
    expect(["dd/mm/yyyy", "d-mmm-yy", "h:mm", "[h]:mm:ss", "mm-dd-yy"].map(isFormatoData)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["General", "0.00%", "#,##0", '0" giorni"', "[Red]0", "0.00E+00", ""].map(isFormatoData)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(dataDaSeriale(45473).toISOString()).toBe("2024-06-30T00:00:00.000Z");
    const b = new FoglioBuilder("F");
    const layout = b.sezione({ obiettivi: obiettiviSemplici(["Ob", 1]) });
    const grid = b.build();
    const [r] = layout.righe[0];
    grid.values[r][layout.colonna("atteso")] = 45473;
    grid.numberFormats![r][layout.colonna("atteso")] = "dd/mm/yyyy";
    const [x] = leggi(grid)[0].obiettivi[0].indicatori;
    expect(x.atteso).toEqual(new Date(Date.UTC(2024, 5, 30)));
    expect(calcolaIndicatore(x).daRilevare).toBe(true);
  });

  it("a header missing one required column stands for the sheet's previous header when it agrees with it", () => {
    const senzaPeso = COLONNE_STANDARD.map((c) => (c.campo === "peso" ? { titolo: "" } : c));
    const b = new FoglioBuilder("F");
    b.sezione({ titolo: "LINEA STRATEGICA A", obiettivi: obiettiviSemplici(["Ob 1", 1]) });
    b.sezione({
      titolo: "LINEA STRATEGICA B",
      colonne: senzaPeso,
      obiettivi: obiettiviSemplici(["Ob 2", 2], ["Ob 3", 1]),
    });
    const grid = b.build();
    const linee = leggi(grid);
    expect(linee.map((l) => [l.nome, l.obiettivi.length])).toEqual([
      ["LINEA STRATEGICA A", 1],
      ["LINEA STRATEGICA B", 2],
    ]);
    // Without a complete header before it, or with a second column missing, it is no header.
    const sola = new FoglioBuilder("G");
    sola.sezione({ colonne: senzaPeso, obiettivi: obiettiviSemplici(["Ob", 1]) });
    expect(leggiLinee([sola.build()]).linee).toEqual([]);
    const dueMancanti = new FoglioBuilder("H");
    dueMancanti.sezione({ obiettivi: obiettiviSemplici(["Ob 1", 1]) });
    dueMancanti.sezione({
      colonne: senzaPeso.map((c) => (c.campo === "atteso" ? { titolo: "" } : c)),
      titolo: "LINEA STRATEGICA C",
      obiettivi: obiettiviSemplici(["Ob 2", 1]),
    });
    expect(leggi(dueMancanti.build()).map((l) => l.nome)).toEqual(["H"]);
  });

  it("two tables side by side, a blank column between them, are two lines with their own cells", () => {
    const b = new FoglioBuilder("F");
    const sinistra = b.sezione({
      titolo: "LINEA STRATEGICA A",
      obiettivi: obiettiviSemplici(["Ob 1", 2], ["Ob 2", 1]),
    });
    b.cursore = 0;
    const destra = b.sezione({
      titolo: "LINEA STRATEGICA B",
      colonna: COLONNE_STANDARD.length + 1,
      obiettivi: obiettiviSemplici(["Ob 3", 1]),
    });
    const linee = leggi(b.build());
    expect(linee.map((l) => [l.nome, l.cellaTitolo, l.obiettivi.length])).toEqual([
      ["LINEA STRATEGICA A", sinistra.cellaTitolo, 2],
      ["LINEA STRATEGICA B", destra.cellaTitolo, 1],
    ]);
    expect(linee[1].obiettivi[0].indicatori[0].celle.atteso).toBe(destra.cella("atteso", 0, 0));
  });

  it("tables side by side with no blank column between them are not split (one header)", () => {
    const b = new FoglioBuilder("F");
    b.sezione({ obiettivi: obiettiviSemplici(["Ob 1", 1]) });
    b.cursore = 0;
    b.sezione({ colonna: COLONNE_STANDARD.length, obiettivi: obiettiviSemplici(["Ob 3", 1]) });
    expect(leggi(b.build())).toHaveLength(1);
  });

  it("the % label with its value to the right is a label, whatever table column that value falls in", () => {
    // Settore, then Target consuntivo: the label stands in A, its value in B, under «Target consuntivo».
    const consuntivo = COLONNE_STANDARD.find((c) => c.campo === "consuntivo")!;
    const colonne = [COLONNE_STANDARD[0], consuntivo, ...COLONNE_STANDARD.slice(1).filter((c) => c !== consuntivo)];
    const b = new FoglioBuilder("F");
    b.sezione({ colonne, obiettivi: obiettiviSemplici(["Ob 1", 1]) });
    const seconda = b.sezione({
      colonne,
      percentuale: { valore: 0.5, fmt: "0.00%", dove: "destra" },
      obiettivi: obiettiviSemplici(["Ob 2", 1]),
    });
    const [linea] = leggi(b.build());
    expect(linea.obiettivi.flatMap((o) => o.indicatori.map((i) => i.nome))).toEqual([
      "Ob 1 – indicatore 1",
      "Ob 2 – indicatore 1",
    ]);
    expect(linea.percentuale?.cella).toBe(seconda.cellaPercentuale);
  });

  it("«Relazione sulla Performance» just above a title is no indicator, even in the Indicatore column", () => {
    const colonne = [...COLONNE_STANDARD].sort((x, y) =>
      x.campo === "indicatore" ? -1 : y.campo === "indicatore" ? 1 : 0
    );
    const b = new FoglioBuilder("F");
    b.sezione({ titolo: "LINEA STRATEGICA A", colonne, obiettivi: obiettiviSemplici(["Ob 1", 1]) });
    b.sezione({ titolo: "LINEA STRATEGICA B", colonne, obiettivi: obiettiviSemplici(["Ob 2", 1]) });
    const linee = leggi(b.build());
    expect(linee.map((l) => l.obiettivi.flatMap((o) => o.indicatori.map((i) => i.nome)))).toEqual([
      ["Ob 1 – indicatore 1"],
      ["Ob 2 – indicatore 1"],
    ]);
  });
});

describe("command line", () => {
  it("«no table found» names the file, then the sheets", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Appunti").getCell("A1").value = "niente";
    const file = join(TMP, "correzioni-senza-tabelle.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await cli(["verifica", file]);
    expect(r.codice).toBe(2);
    expect(r.err).toBe(`«${file}»: ${leggiLinee([{ name: "Appunti", values: [["niente"]], merges: [] }]).errore}`);
  });

  it("an OLE file (encrypted .xlsx or old .xls) is told apart from a damaged one", async () => {
    const ole = join(TMP, "correzioni-ole.xlsx");
    const rotto = join(TMP, "correzioni-rotto.xlsx");
    writeFileSync(ole, Buffer.from([...MAGIA_CFB, ...new Array(504).fill(0)]));
    writeFileSync(rotto, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    const a = await cli(["verifica", ole]);
    const b = await cli(["verifica", rotto]);
    expect([a.codice, b.codice]).toEqual([2, 2]);
    expect(a.err).toMatch(
      /non è una cartella di lavoro \.xlsx leggibile, perché è protetta da password \(crittografata\) oppure è nel vecchio formato \.xls/
    );
    expect(b.err).toMatch(/non è una cartella di lavoro \.xlsx valida/);
  });

  it("a sheet part that is not XML gives exit 2 naming the file and the part, not a crash", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Strano").getCell("A1").value = "x";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const parte = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
    zip.file(parte, (await zip.file(parte)!.async("string")).replace("</sheetData>", "<row></sheetData>"));
    const file = join(TMP, "correzioni-strano.xlsx");
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
    await expect(elabora(file)).rejects.toThrow(
      new RegExp(
        `Impossibile leggere «.*correzioni-strano\\.xlsx»: la parte «${parte.replace(/\./g, "\\.")}» non è XML valido`
      )
    );
    const r = await cli(["ricalcola", file, "--out", join(TMP, "correzioni-strano.out.xlsx")]);
    expect(r.eccezione).toBeUndefined();
    expect(r.codice).toBe(2);
  });
});
