/**
 * What the lossless access refuses (with an Italian message) and what each kind of write does to
 * the package: print layout (Indice first, page breaks as Excel writes them, print titles, local
 * names following their sheet), the Riepilogo sheet, calcChain, the add-in's settings.
 */
import JSZip from "jszip";
import { apriCartella } from "../../src/xlsx";
import { PianoStampaCartella } from "../../src/layout/stampa";
import { foglioXml, NS, pacchettoMinimo } from "./pacchetto-minimo";
import { celleXml, figli } from "./supporto";

const righe = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Riga ${i + 1}</t></is></c><c r="B${i + 1}"><v>${i}</v></c></row>`
  ).join("");

async function testo(dati: Buffer, parte: string): Promise<string> {
  return (await JSZip.loadAsync(dati)).file(parte)!.async("string");
}

describe("what the lossless access refuses", () => {
  it("a file that is not a zip, an encrypted (OLE) file, a Strict OOXML workbook, a workbook without sheets", async () => {
    await expect(apriCartella(Buffer.from("non un foglio"), "a.xlsx")).rejects.toThrow(
      /«a\.xlsx»: non è una cartella di lavoro \.xlsx valida/
    );
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    await expect(apriCartella(ole, "b.xlsx")).rejects.toThrow(/protetta da password \(crittografata\)/);
    const strict = await pacchettoMinimo([{ nome: "S", xml: foglioXml(righe(2)) }], [], {
      workbookNs: "http://purl.oclc.org/ooxml/spreadsheetml/main",
    });
    await expect(apriCartella(strict, "c.xlsx")).rejects.toThrow(/Open XML Strict/);
    const vuota = await pacchettoMinimo([]);
    await expect(apriCartella(vuota, "d.xlsx")).rejects.toThrow(/non contiene fogli/);
    const rotta = await JSZip.loadAsync(await pacchettoMinimo([{ nome: "S", xml: foglioXml(righe(2)) }]));
    rotta.file("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>");
    await expect(apriCartella(await rotta.generateAsync({ type: "nodebuffer" }), "e.xlsx")).rejects.toThrow(
      /la parte «xl\/worksheets\/sheet1\.xml» non è XML valido/
    );
  });
});

const PIANO: PianoStampaCartella = {
  piePagina: "Relazione sulla Performance 2024 — pag. &P di &N",
  fogli: [{ foglio: "Linee", righeTitoli: "$2:$2", nuovePagine: [10, 20], testi: ["A3:A4"], primaPagina: 2 }],
  indice: {
    foglio: "Indice",
    crea: true,
    pulisci: null,
    righe: [
      {
        riga: 1,
        celle: [{ valore: "Indice — Stato di attuazione degli Obiettivi 2024", grassetto: true, dimensione: 14 }],
      },
      {
        riga: 3,
        celle: [
          { valore: "Linea" },
          { valore: 0.9, formato: "0.00%" },
          { valore: "Raggiunto", riempimento: "#00B050" },
        ],
      },
    ],
    larghezze: [62, 16, 24],
    colonne: 3,
    piePagina: "Relazione sulla Performance 2024 — pag. &P di &N",
  },
};

describe("Prepara stampa on a file", () => {
  it("puts the Indice first, writes Excel's page breaks, the print titles, and keeps local names on their sheet", async () => {
    const nomi =
      '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">Altro!$A$1:$B$3</definedName>' +
      '<definedName name="Totale">Linee!$B$30</definedName></definedNames>';
    const dati = await pacchettoMinimo(
      [
        {
          nome: "Linee",
          xml: foglioXml(
            righe(30),
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId9"/>'
          ),
        },
        { nome: "Altro", xml: foglioXml(righe(3)) },
      ],
      [],
      { nomi }
    );
    const c = await apriCartella(dati, "s.xlsx");
    await c.impagina!(PIANO);
    const out = await c.salva();
    const wb = await testo(out, "xl/workbook.xml");
    expect([...wb.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(["Indice", "Linee", "Altro"]);
    expect(wb).toContain(
      '<definedName name="_xlnm._FilterDatabase" localSheetId="2" hidden="1">Altro!$A$1:$B$3</definedName>'
    );
    expect(wb).toContain('<definedName name="Totale">Linee!$B$30</definedName>');
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'Linee'!$2:$2</definedName>`);
    expect(wb).toContain('<workbookView activeTab="1"/>');
    const linee = await testo(out, "xl/worksheets/sheet1.xml");
    expect(linee).toContain(
      '<rowBreaks count="2" manualBreakCount="2"><brk id="9" max="16383" man="1"/><brk id="19" max="16383" man="1"/></rowBreaks>'
    );
    expect(linee).toMatch(
      /<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0" firstPageNumber="2" useFirstPageNumber="1"\/>/
    );
    expect(linee).toContain("<oddFooter>&amp;CRelazione sulla Performance 2024 — pag. &amp;P di &amp;N</oddFooter>");
    expect(linee).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    // The schema's order: sheetPr first; printOptions, pageMargins, pageSetup, headerFooter, rowBreaks before drawing.
    expect(figli(linee).map(([n]) => n)).toEqual([
      "sheetPr",
      "dimension",
      "sheetData",
      "printOptions",
      "pageMargins",
      "pageSetup",
      "headerFooter",
      "rowBreaks",
      "drawing",
    ]);
    // Wrapped texts: the cells of A3:A4 get a style with wrapText; B3 keeps its XML.
    const celle = celleXml(linee);
    expect(celle.get("A3")).toMatch(/ s="\d+"/);
    expect(celle.get("B3")).toBe('<c r="B3"><v>2</v></c>');
    const stili = await testo(out, "xl/styles.xml");
    expect(stili).toContain('<alignment vertical="top" wrapText="1"/>');
    // The Indice: a new worksheet part, its content type and relationship.
    const tipi = await testo(out, "[Content_Types].xml");
    expect(tipi).toContain(
      '<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    );
    const indice = await testo(out, "xl/worksheets/sheet3.xml");
    expect(indice).toContain('<c r="B3" s="');
    expect(indice).toContain("Indice — Stato di attuazione degli Obiettivi 2024");
    // Read again: the Indice is Barometro's and a second layout rewrites it in place.
    const di = await apriCartella(out, "s.xlsx");
    const lettura = await di.leggi();
    expect(lettura.fogli.map((g) => g.name)).toEqual(["Indice", "Linee", "Altro"]);
    expect(lettura.fogli[0].values[2]).toEqual(["Linea", 0.9, "Raggiunto"]);
    expect(lettura.fogli[0].numberFormats?.[2][1]).toBe("0.00%");
    await di.impagina!({ ...PIANO, indice: { ...PIANO.indice, crea: false, pulisci: "A1:C3" } });
    const ancora = await di.salva();
    const wb2 = await testo(ancora, "xl/workbook.xml");
    expect([...wb2.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(["Indice", "Linee", "Altro"]);
    expect(wb2.match(/_xlnm\.Print_Titles/g)).toHaveLength(1);
    expect(
      Object.keys((await JSZip.loadAsync(ancora)).files).filter((n) => n.startsWith("xl/worksheets/sheet"))
    ).toHaveLength(3);
  });
});

describe("a patch on a file", () => {
  it("adds the Riepilogo at the end, with its chart", async () => {
    const dati = await pacchettoMinimo([{ nome: "Linee", xml: foglioXml(righe(3)) }]);
    const c = await apriCartella(dati, "r.xlsx");
    await c.scrivi({
      scritture: [
        { foglio: "Riepilogo", cella: "A1", valore: "Riepilogo del Barometro" },
        { foglio: "Riepilogo", cella: "B5", valore: 0.925 },
      ],
      colori: [{ foglio: "Riepilogo", cella: "C5", colore: "#00B050" }],
      riepilogo: {
        foglio: "Riepilogo",
        crea: true,
        pulisci: null,
        graficiDaEliminare: 0,
        formati: [{ indirizzo: "B5:B6", formato: "0.00%" }],
        adatta: "A:C",
        grafico: {
          nome: "Barometro.Riepilogo",
          tipo: "BarClustered",
          dati: "A5:B6",
          titolo: "t",
          nomeSerie: "s",
          colori: [null],
          posizione: { da: "E2", a: "L20" },
        },
      },
    });
    const lettura = await c.leggi();
    expect(lettura.fogli.map((g) => g.name)).toEqual(["Linee", "Riepilogo"]);
    expect(lettura.fogli[1].values[4][1]).toBe(0.925);
    expect(lettura.fogli[1].numberFormats?.[4][1]).toBe("0.00%");
    const out = await c.salva();
    expect(await testo(out, "xl/workbook.xml")).toMatch(
      /<sheet name="Linee" sheetId="1" r:id="rId1"\/><sheet name="Riepilogo" sheetId="2" r:id="rId\w+"\/>/
    );
    // The chart's parts (their content: grafico.test.ts).
    expect(c.partiCambiate()).toEqual(expect.arrayContaining(["xl/drawings/drawing1.xml", "xl/charts/chart1.xml"]));
  });

  it("drops calcChain (a cache Excel rebuilds) when a formula gives way to a value, and keeps it otherwise", async () => {
    const calc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="${NS}"><c r="B1" i="1"/></calcChain>`;
    const base = await JSZip.loadAsync(
      await pacchettoMinimo(
        [{ nome: "S", xml: foglioXml('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>2</v></c></row>') }],
        [],
        {
          extra: { "xl/calcChain.xml": calc },
        }
      )
    );
    base.file(
      "xl/_rels/workbook.xml.rels",
      (await base.file("xl/_rels/workbook.xml.rels")!.async("string")).replace(
        "</Relationships>",
        '<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'
      )
    );
    base.file(
      "[Content_Types].xml",
      (await base.file("[Content_Types].xml")!.async("string")).replace(
        "</Types>",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'
      )
    );
    const dati = await base.generateAsync({ type: "nodebuffer" });
    const tieni = await apriCartella(dati, "k.xlsx");
    await tieni.scrivi({ scritture: [{ foglio: "S", cella: "A1", valore: 5 }], colori: [] });
    expect((await JSZip.loadAsync(await tieni.salva())).file("xl/calcChain.xml")).not.toBeNull();
    const togli = await apriCartella(dati, "k.xlsx");
    await togli.scrivi({ scritture: [{ foglio: "S", cella: "B1", valore: 5 }], colori: [] });
    const out = await JSZip.loadAsync(await togli.salva());
    expect(out.file("xl/calcChain.xml")).toBeNull();
    expect(await out.file("xl/_rels/workbook.xml.rels")!.async("string")).not.toContain("calcChain");
    expect(await out.file("[Content_Types].xml")!.async("string")).not.toContain("calcChain");
  });
});

describe("the add-in's settings in a file", () => {
  const estensione = (proprieta: string) =>
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{X}">' +
    `<we:reference id="r" version="1.0.0.0" store="developer" storeType="Registry"/><we:properties>${proprieta}</we:properties><we:bindings/></we:webextension>`;

  it("reads Barometro's settings and saves only the keys that changed, in the same part", async () => {
    const parte = estensione(
      '<we:property name="barometro.modoScrittura" value="&quot;valori&quot;"/><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>'
    );
    const dati = await pacchettoMinimo([{ nome: "S", xml: foglioXml(righe(1)) }], [], {
      extra: { "xl/webextensions/webextension1.xml": parte },
    });
    const c = await apriCartella(dati, "i.xlsx");
    expect(c.leggiImpostazioni()).toEqual({
      "barometro.modoScrittura": "valori",
      "Office.AutoShowTaskpaneWithDocument": true,
    });
    await c.salvaImpostazioni({ "barometro.modoScrittura": "valori", "barometro.annoRelazione": 2024 });
    expect(c.leggiImpostazioni()["barometro.annoRelazione"]).toBe(2024);
    const dopo = await testo(await c.salva(), "xl/webextensions/webextension1.xml");
    expect(dopo).toBe(
      parte.replace("</we:properties>", '<we:property name="barometro.annoRelazione" value="2024"/></we:properties>')
    );
  });
});
