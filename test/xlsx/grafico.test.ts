/**
 * The Riepilogo's chart drawn by the file side (src/xlsx/grafico-scrittura.ts) as the task pane
 * draws it: DrawingML parts referenced from the sheet, the plan's ranges, colours, title and axes;
 * found again by name (src/xlsx/grafici.ts); replaced, not duplicated, by a second run; nothing else
 * in a drawing or on another sheet touched. Opening in openpyxl, LibreOffice and the Open XML SDK
 * validator: grafico-file.test.ts.
 */
import { readFileSync } from "fs";
import JSZip from "jszip";
import { aggiornaRiepilogo } from "../../src/app/riepilogo";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { Patch } from "../../src/layout/patch";
import { apriCartella } from "../../src/xlsx";
import { risolvi, partRels } from "../../src/xlsx/pacchetto";
import { datiSerie } from "../../src/xlsx/grafico-scrittura";
import { CAMPIONE } from "../support/campione";
import { foglioXml, pacchettoMinimo } from "./pacchetto-minimo";

const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const TESTA = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Every entry's text. */
async function parti(dati: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(dati);
  const out = new Map<string, string>();
  for (const [nome, f] of Object.entries(zip.files)) if (!f.dir) out.set(nome, await f.async("string"));
  return out;
}

/** The relationships of a part: id → { tipo, parte }. */
function relazioni(p: Map<string, string>, parte: string): Map<string, { tipo: string; parte: string }> {
  const out = new Map<string, { tipo: string; parte: string }>();
  for (const m of (p.get(partRels(parte)) ?? "").matchAll(/<Relationship\b[^>]*>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[0])![1];
    out.set(attr("Id"), { tipo: attr("Type"), parte: risolvi(parte, attr("Target")) });
  }
  return out;
}

/** The package is whole: every relationship's target exists, every Override names a part, no Override twice. */
function integro(p: Map<string, string>): void {
  for (const nome of p.keys()) {
    if (!nome.endsWith(".rels") || nome === "_rels/.rels") continue;
    const sorgente = nome.replace(/_rels\/([^/]+)\.rels$/, "$1");
    for (const r of relazioni(p, sorgente).values()) expect([nome, p.has(r.parte)]).toEqual([nome, true]);
  }
  const overrides = [...p.get("[Content_Types].xml")!.matchAll(/PartName="\/([^"]+)"/g)].map((m) => m[1]);
  expect(overrides.filter((o) => !p.has(o))).toEqual([]);
  expect(new Set(overrides).size).toBe(overrides.length);
}

/** The Riepilogo's drawing and chart parts, followed from the sheet's <drawing r:id>. */
function catena(p: Map<string, string>, foglio: string) {
  const id = /<drawing r:id="([^"]+)"\/>/.exec(p.get(foglio)!)![1];
  const disegno = relazioni(p, foglio).get(id)!;
  expect(disegno.tipo).toBe(`${NS_R}/drawing`);
  const xmlDisegno = p.get(disegno.parte)!;
  const grafici = [...xmlDisegno.matchAll(/<c:chart [^>]*r:id="([^"]+)"/g)].map((m) =>
    relazioni(p, disegno.parte).get(m[1])!
  );
  return { disegno: disegno.parte, xmlDisegno, grafici };
}

const PATCH: Patch = {
  scritture: [
    { foglio: "Riepilogo", cella: "A5", valore: "Ambiente" },
    { foglio: "Riepilogo", cella: "B5", valore: 0.925 },
    { foglio: "Riepilogo", cella: "A6", valore: "Sport & <tempo libero>" },
    { foglio: "Riepilogo", cella: "B6", valore: 0.5 },
  ],
  colori: [],
  riepilogo: {
    foglio: "Riepilogo",
    crea: true,
    pulisci: null,
    graficiDaEliminare: 0,
    formati: [{ indirizzo: "B5:B6", formato: "0.00%" }],
    grafico: {
      nome: "Barometro.Riepilogo",
      tipo: "BarClustered",
      dati: "A5:B6",
      titolo: "% per linea",
      nomeSerie: "% raggiungimento",
      colori: ["#00b050", null],
      posizione: { da: "H4", a: "Q20" },
    },
  },
};

describe("the Riepilogo's chart, drawn by the file side", () => {
  it("writes the drawing and chart parts, referenced from the sheet, with the plan's ranges, colours, title and axes", async () => {
    const c = await apriCartella(await pacchettoMinimo([{ nome: "Linee", xml: foglioXml("") }]), "a.xlsx");
    await c.scrivi(PATCH);
    const out = await c.salva();
    const p = await parti(out);
    integro(p);
    const foglio = "xl/worksheets/sheet2.xml";
    // <drawing> after pageMargins, before </worksheet> (CT_Worksheet's order).
    expect(p.get(foglio)).toMatch(/<pageMargins [^>]*\/><drawing r:id="rId\d+"\/><\/worksheet>$/);
    const { disegno, xmlDisegno, grafici } = catena(p, foglio);
    expect(disegno).toBe("xl/drawings/drawing1.xml");
    expect(grafici.map((g) => [g.tipo, g.parte])).toEqual([[`${NS_R}/chart`, "xl/charts/chart1.xml"]]);
    const tipi = p.get("[Content_Types].xml")!;
    expect(tipi).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
    );
    expect(tipi).toContain(
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>'
    );
    // Anchored from H4 to the bottom-right of Q20, named as the plan says.
    expect(xmlDisegno).toContain(
      "<xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
    );
    expect(xmlDisegno).toContain(
      "<xdr:to><xdr:col>17</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
    );
    expect(xmlDisegno).toContain('<xdr:cNvPr id="2" name="Barometro.Riepilogo"/>');
    const chart = p.get("xl/charts/chart1.xml")!;
    expect(chart).toContain(`<c:chartSpace xmlns:c="${NS_C}"`);
    expect(chart).toContain('<c:barDir val="bar"/><c:grouping val="clustered"/>');
    expect(chart).toContain("<a:t>% per linea</a:t>");
    expect(chart).toContain("<c:tx><c:v>% raggiungimento</c:v></c:tx>");
    expect(chart).not.toContain("<c:legend>");
    // Categories and values: the sheet's cells, with their values cached (escaped).
    expect(chart).toContain(
      '<c:cat><c:strRef><c:f>Riepilogo!$A$5:$A$6</c:f><c:strCache><c:ptCount val="2"/><c:pt idx="0"><c:v>Ambiente</c:v></c:pt>' +
        '<c:pt idx="1"><c:v>Sport &amp; &lt;tempo libero&gt;</c:v></c:pt></c:strCache></c:strRef></c:cat>'
    );
    expect(chart).toContain(
      '<c:val><c:numRef><c:f>Riepilogo!$B$5:$B$6</c:f><c:numCache><c:formatCode>0.00%</c:formatCode><c:ptCount val="2"/>' +
        '<c:pt idx="0"><c:v>0.925</c:v></c:pt><c:pt idx="1"><c:v>0.5</c:v></c:pt></c:numCache></c:numRef></c:val>'
    );
    // One fill per band colour; the point without a colour keeps the default.
    expect(
      [...chart.matchAll(/<c:dPt><c:idx val="(\d+)"\/>.*?<a:srgbClr val="(\w+)"\/>/g)].map((m) => [m[1], m[2]])
    ).toEqual([["0", "00B050"]]);
    expect(chart).toMatch(/<c:dLbls><c:numFmt formatCode="0\.00%" sourceLinked="0"\/>.*<c:showVal val="1"\/>/);
    // First line at the top; values 0..1.
    expect(chart).toMatch(/<c:catAx>.*<c:scaling><c:orientation val="maxMin"\/><\/c:scaling>.*<\/c:catAx>/);
    expect(chart).toMatch(
      /<c:valAx>.*<c:scaling><c:orientation val="minMax"\/><c:max val="1"\/><c:min val="0"\/><\/c:scaling>.*<\/c:valAx>/
    );
    // Read back by name, as a refresh finds it.
    const letta = await apriCartella(out, "a.xlsx");
    expect((await letta.leggi()).grafici).toEqual([{ foglio: "Riepilogo", nome: "Barometro.Riepilogo" }]);
  });

  it("a second Aggiorna riepilogo replaces the chart: one drawing, one chart, the same parts", async () => {
    const primo = await apriCartella(readFileSync(CAMPIONE), "campione.xlsx");
    const uno = await aggiornaRiepilogo(primo, IMPOSTAZIONI_PREDEFINITE);
    expect(uno.patch.riepilogo?.graficiDaEliminare).toBe(0);
    const dopoUno = await primo.salva();
    const secondo = await apriCartella(dopoUno, "campione.xlsx");
    const due = await aggiornaRiepilogo(secondo, IMPOSTAZIONI_PREDEFINITE);
    // The refresh finds the chart of the first run by its name.
    expect(due.patch.riepilogo?.graficiDaEliminare).toBe(1);
    const dopoDue = await secondo.salva();
    const [p1, p2] = [await parti(dopoUno), await parti(dopoDue)];
    integro(p2);
    const nomi = (p: Map<string, string>) => [...p.keys()].filter((k) => /^xl\/(drawings|charts)\//.test(k)).sort();
    const p0 = await parti(readFileSync(CAMPIONE));
    expect(nomi(p2)).toEqual(
      [...nomi(p0), "xl/charts/chart1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/drawings/drawing1.xml"].sort()
    );
    for (const n of [...nomi(p2), "[Content_Types].xml", "xl/worksheets/_rels/sheet2.xml.rels"])
      expect([n, p2.get(n)]).toEqual([n, p1.get(n)]);
    expect(p2.get("xl/drawings/drawing1.xml")!.match(/<xdr:graphicFrame\b/g)).toHaveLength(1);
    expect(p2.get("xl/worksheets/sheet2.xml")!.match(/<drawing /g)).toHaveLength(1);
    expect((await (await apriCartella(dopoDue, "c.xlsx")).leggi()).grafici).toEqual([
      { foglio: "Riepilogo", nome: "Barometro.Riepilogo" },
    ]);
  });

  it("replaces only its chart: the user's shape and chart on the Riepilogo, and another sheet's drawing, are kept", async () => {
    const frame = (id: number, nome: string, rid: string) =>
      `<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>9</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${nome}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}">` +
      `<c:chart xmlns:c="${NS_C}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
    const forma =
      "<xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
      "<xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>24</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
      '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="7" name="Nota dell\'utente"/><xdr:cNvSpPr/></xdr:nvSpPr>' +
      '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>';
    const wsDr = (ancore: string) =>
      `${TESTA}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_R}">${ancore}</xdr:wsDr>`;
    const rels = (voci: [string, string, string][]) =>
      `${TESTA}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      voci.map(([id, tipo, t]) => `<Relationship Id="${id}" Type="${tipo}" Target="${t}"/>`).join("") +
      "</Relationships>";
    const graficoVecchio = (titolo: string) =>
      `${TESTA}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${titolo}</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:layout/></c:plotArea></c:chart></c:chartSpace>`;
    const MS = "http://schemas.microsoft.com/office/2011/relationships";
    const extra: Record<string, string> = {
      // The Riepilogo (sheet2): the user's chart, a shape, and two charts of Barometro's name (the
      // second as Excel saves it, with its style and colour parts).
      "xl/worksheets/_rels/sheet2.xml.rels": rels([["rId1", `${NS_R}/drawing`, "../drawings/drawing1.xml"]]),
      "xl/drawings/drawing1.xml": wsDr(
        frame(2, "Barometro.Riepilogo", "rId1") +
          frame(3, "Grafico utente", "rId2") +
          forma +
          frame(4, "BAROMETRO.riepilogo", "rId3")
      ),
      "xl/drawings/_rels/drawing1.xml.rels": rels([
        ["rId1", `${NS_R}/chart`, "../charts/chart1.xml"],
        ["rId2", `${NS_R}/chart`, "../charts/chart2.xml"],
        ["rId3", `${NS_R}/chart`, "../charts/chart3.xml"],
      ]),
      "xl/charts/chart1.xml": graficoVecchio("vecchio"),
      "xl/charts/chart2.xml": graficoVecchio("utente"),
      "xl/charts/chart3.xml": graficoVecchio("doppio"),
      "xl/charts/_rels/chart3.xml.rels": rels([
        ["rId1", `${MS}/chartStyle`, "style3.xml"],
        ["rId2", `${MS}/chartColorStyle`, "colors3.xml"],
      ]),
      "xl/charts/style3.xml": `${TESTA}<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" id="201"/>`,
      "xl/charts/colors3.xml": `${TESTA}<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" meth="cycle" id="10"/>`,
      // Another sheet (sheet1) with its own drawing and chart.
      "xl/worksheets/_rels/sheet1.xml.rels": rels([["rId1", `${NS_R}/drawing`, "../drawings/drawing2.xml"]]),
      "xl/drawings/drawing2.xml": wsDr(frame(2, "Barometro.Riepilogo", "rId1")),
      "xl/drawings/_rels/drawing2.xml.rels": rels([["rId1", `${NS_R}/chart`, "../charts/chart4.xml"]]),
      "xl/charts/chart4.xml": graficoVecchio("altro foglio"),
    };
    const zip = await JSZip.loadAsync(
      await pacchettoMinimo(
        [
          { nome: "Linee", xml: foglioXml("", '<drawing r:id="rId1"/>') },
          {
            nome: "Riepilogo",
            xml: foglioXml(
              '<row r="5"><c r="A5" t="inlineStr"><is><t>vecchia</t></is></c></row>',
              '<drawing r:id="rId1"/>'
            ),
          },
        ],
        [],
        { extra }
      )
    );
    const tipi = await zip.file("[Content_Types].xml")!.async("string");
    const override = (parte: string, tipo: string) => `<Override PartName="/${parte}" ContentType="${tipo}"/>`;
    const dml = "application/vnd.openxmlformats-officedocument.drawingml";
    zip.file(
      "[Content_Types].xml",
      tipi.replace(
        "</Types>",
        ["xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"]
          .map((d) => override(d, "application/vnd.openxmlformats-officedocument.drawing+xml"))
          .join("") +
          [1, 2, 3, 4].map((n) => override(`xl/charts/chart${n}.xml`, `${dml}.chart+xml`)).join("") +
          override("xl/charts/style3.xml", "application/vnd.ms-office.chartstyle+xml") +
          override("xl/charts/colors3.xml", "application/vnd.ms-office.chartcolorstyle+xml") +
          "</Types>"
      )
    );
    const prima = await zip.generateAsync({ type: "nodebuffer" });
    const c = await apriCartella(prima, "b.xlsx");
    expect((await c.leggi()).grafici?.filter((g) => g.foglio === "Riepilogo")).toHaveLength(3);
    await c.scrivi({
      ...PATCH,
      riepilogo: { ...PATCH.riepilogo!, crea: false, pulisci: "A5", graficiDaEliminare: 2 },
    });
    const out = await c.salva();
    const p = await parti(out);
    const p0 = await parti(prima);
    integro(p);
    // The other sheet: its drawing and chart as they were; the Riepilogo's sheet keeps its <drawing>.
    for (const n of [
      "xl/drawings/drawing2.xml",
      "xl/drawings/_rels/drawing2.xml.rels",
      "xl/charts/chart4.xml",
      "xl/charts/chart2.xml",
    ])
      expect([n, p.get(n)]).toEqual([n, p0.get(n)]);
    expect(p.get("xl/worksheets/sheet2.xml")!.match(/<drawing /g)).toHaveLength(1);
    const { xmlDisegno, grafici } = catena(p, "xl/worksheets/sheet2.xml");
    // The first chart of Barometro's name rewritten in place; the second gone with its parts.
    expect(grafici.map((g) => g.parte)).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
    expect(p.get("xl/charts/chart1.xml")).toContain("<a:t>% per linea</a:t>");
    for (const n of [
      "xl/charts/chart3.xml",
      "xl/charts/_rels/chart3.xml.rels",
      "xl/charts/style3.xml",
      "xl/charts/colors3.xml",
    ])
      expect([n, p.has(n)]).toEqual([n, false]);
    expect(p.get("xl/drawings/_rels/drawing1.xml.rels")).not.toContain("rId3");
    // The user's chart and shape keep their XML, in their order; Barometro's chart keeps its place and id.
    const vecchio = p0.get("xl/drawings/drawing1.xml")!;
    const utente = frame(3, "Grafico utente", "rId2") + forma;
    expect(vecchio).toContain(utente);
    expect(xmlDisegno).toContain(utente);
    expect(xmlDisegno.indexOf("Barometro.Riepilogo")).toBeLessThan(xmlDisegno.indexOf("Grafico utente"));
    expect(xmlDisegno.match(/name="Barometro\.Riepilogo"/gi)).toHaveLength(1);
    expect(xmlDisegno).toContain('<xdr:cNvPr id="2" name="Barometro.Riepilogo"/>');
    expect(xmlDisegno).not.toContain("BAROMETRO.riepilogo");
    const letta = await (await apriCartella(out, "b.xlsx")).leggi();
    expect(letta.grafici).toEqual([
      { foglio: "Linee", nome: "Barometro.Riepilogo" },
      { foglio: "Riepilogo", nome: "Barometro.Riepilogo" },
      { foglio: "Riepilogo", nome: "Grafico utente" },
    ]);
  });

  it("a new chart on a Riepilogo whose drawing holds only the user's shapes: the next shape id, at the end", async () => {
    const forma = (id: number) =>
      `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="10" cy="10"/><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="${id}" name="Forma ${id}"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr/></xdr:sp><xdr:clientData/></xdr:absoluteAnchor>`;
    const disegno = `${TESTA}<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">${forma(5)}${forma(9)}</wsDr>`;
    const base = await pacchettoMinimo(
      [
        { nome: "Linee", xml: foglioXml("") },
        { nome: "Riepilogo", xml: foglioXml("", '<drawing r:id="rIdD"/>') },
      ],
      [],
      {
        extra: {
          "xl/worksheets/_rels/sheet2.xml.rels": `${TESTA}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdD" Type="${NS_R}/drawing" Target="/xl/drawings/disegno.xml"/></Relationships>`,
          "xl/drawings/disegno.xml": disegno,
        },
      }
    );
    const c = await apriCartella(base, "d.xlsx");
    await c.scrivi({ ...PATCH, riepilogo: { ...PATCH.riepilogo!, crea: false } });
    const p = await parti(await c.salva());
    const nuovo = p.get("xl/drawings/disegno.xml")!;
    // The user's anchors unchanged, first; ours after them, declaring the prefixes the root lacks.
    expect(nuovo.startsWith(disegno.replace("</wsDr>", ""))).toBe(true);
    expect(nuovo).toMatch(
      /<xdr:twoCellAnchor xmlns:xdr="[^"]+" xmlns:a="[^"]+">.*<xdr:cNvPr id="10" name="Barometro\.Riepilogo"\/>.*<\/xdr:twoCellAnchor><\/wsDr>$/
    );
    const { grafici } = catena(p, "xl/worksheets/sheet2.xml");
    expect(grafici.map((g) => g.parte)).toEqual(["xl/charts/chart1.xml"]);
    expect(p.get("xl/drawings/_rels/disegno.xml.rels")).toContain('Target="../charts/chart1.xml"');
  });

  it("the series' references quote a sheet name as a formula needs it; cached values from the grid, wherever it starts", () => {
    const griglia = {
      name: "x",
      origin: { row: 4, col: 0 },
      values: [
        ["Ambiente", 0.9],
        ["Sport", null],
      ],
      numberFormats: [
        [null, "0.0%"],
        [null, null],
      ],
      merges: [],
    };
    const d = datiSerie("L'Aquila 2024", "A5:B6", griglia);
    expect(d.categorie).toEqual({ f: "'L''Aquila 2024'!$A$5:$A$6", punti: ["Ambiente", "Sport"] });
    expect(d.valori).toEqual({ f: "'L''Aquila 2024'!$B$5:$B$6", punti: [0.9, null], formato: "0.0%" });
    expect(datiSerie("A1", "AA5:AB6", { ...griglia, origin: undefined }).valori.f).toBe("'A1'!$AB$5:$AB$6");
  });
});
