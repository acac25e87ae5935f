/**
 * The step before printing one sheet (src/cli/solo-foglio.ts): the written workbook's bytes with
 * only that sheet in the list of sheets, its own names kept, its cells and page setup untouched.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { soloIlFoglio } from "../../src/cli/solo-foglio";

async function cartella(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const primo = wb.addWorksheet("Obiettivi 2024");
  primo.getCell("A1").value = "Settore";
  primo.pageSetup.printArea = "A1:C10";
  const proprio = wb.addWorksheet('Note & "appunti" <OIV>');
  proprio.getCell("A1").value = "Dossier";
  proprio.pageSetup = { ...proprio.pageSetup, orientation: "landscape", printArea: "A1:K40" };
  proprio.getRow(19).addPageBreak();
  wb.addWorksheet("Ultimo").getCell("B2").value = 3;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("only the sheet named is left to print, with its print area and page setup", async () => {
  const nome = 'Note & "appunti" <OIV>';
  const dati = await soloIlFoglio(await cartella(), nome);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(dati as unknown as ExcelJS.Buffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual([nome]);
  const ws = wb.worksheets[0];
  expect(ws.getCell("A1").value).toBe("Dossier");
  expect(ws.pageSetup.orientation).toBe("landscape");
  const xml = await (await JSZip.loadAsync(dati)).file("xl/workbook.xml")!.async("string");
  // The other sheets' print area is gone, the kept sheet's now counts it as the first sheet.
  expect([...xml.matchAll(/<definedName\b[^>]*>[^<]*<\/definedName>/g)].map((m) => m[0])).toEqual([
    expect.stringMatching(/localSheetId="0">.*!\$?A\$?1:\$?K\$?40</),
  ]);
  expect(xml).not.toContain("Obiettivi 2024");
});

test("a sheet not in the workbook: an error, nothing guessed", async () => {
  await expect(soloIlFoglio(await cartella(), "Dossier di validazione")).rejects.toThrow(/non trovato/);
});

test("a sheet name with an emoji, wherever it falls in a long workbook part, comes out whole", async () => {
  // JSZip encodes a string 16K characters at a time: a surrogate pair across the cut came out as
  // two U+FFFD. The emoji lands at each offset around the cut (16,384) in one of the runs.
  const nome = "Linee 😀";
  const conRiempimento = async (n: number) => {
    const zip = await JSZip.loadAsync(await cartella());
    const xml = (await zip.file("xl/workbook.xml")!.async("nodebuffer")).toString("utf8");
    const riempimento = `<extLst><ext uri="{x}"><x:a xmlns:x="urn:x" v="${"p".repeat(n)}"/></ext></extLst>`;
    const conNome = xml
      .replace("<sheets>", `${riempimento}<sheets>`)
      .replace('name="Obiettivi 2024"', `name="${nome}"`);
    zip.file("xl/workbook.xml", Buffer.from(conNome, "utf8"));
    const dati = await soloIlFoglio(await zip.generateAsync({ type: "nodebuffer" }), nome);
    return (await (await JSZip.loadAsync(dati)).file("xl/workbook.xml")!.async("nodebuffer")).toString("utf8");
  };
  const base = (await conRiempimento(0)).indexOf("😀");
  for (let spostamento = -3; spostamento <= 3; spostamento++) {
    const fuori = await conRiempimento(16_383 - base + spostamento);
    expect(fuori.indexOf("😀")).toBe(16_383 + spostamento);
    expect({ spostamento, nome: /<sheet\b[^>]*\sname="([^"]*)"/.exec(fuori)?.[1] }).toEqual({ spostamento, nome });
  }
});
