/**
 * The Riepilogo's chart, drawn by the file side as the task pane draws it through Office.js
 * (src/excel/scrittore.ts): a clustered bar chart of the lines' percentages, named as the plan says
 * (the graphic frame's cNvPr name: how grafici.ts and a later refresh find it), titled, no legend,
 * first line at the top (category axis maxMin), value axis 0..1, one fill per bar, data labels.
 *
 * Parts as Excel writes them (ECMA-376 Part 1, §21.2 DrawingML charts, §20.5 spreadsheet drawing):
 * xl/drawings/drawingN.xml (xdr:wsDr › twoCellAnchor › graphicFrame › c:chart r:id), its .rels to
 * xl/charts/chartN.xml (c:chartSpace), their content-type Overrides, and the sheet's <drawing r:id>
 * with its relationship. Elements in the schema's sequence order (CT_ChartSpace, CT_Chart,
 * CT_BarChart, CT_BarSer, CT_DLbls, CT_CatAx, CT_ValAx, CT_Scaling).
 *
 * A refresh replaces the chart of that name: its anchor and chart part are rewritten in place (same
 * part, same relationship), further charts of the same name removed with their parts; any other
 * anchor in the Riepilogo's drawing keeps its XML, and no other sheet's drawing is read.
 */
import type { GraficoRiepilogo } from "../layout/riepilogo";
import { parseA1, SheetGrid } from "../layout/griglia";
import type { ModificheFoglio } from "./foglio-scrittura";
import type { StatoCartella } from "./index";
import { NS_R, Pacchetto, partRels, Relazione } from "./pacchetto";
import { applicaModifiche, Modifica, perAttributo, perTesto, perXstring } from "./xml";

const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
export const REL_DISEGNO = `${NS_R}/drawing`;
export const REL_GRAFICO = `${NS_R}/chart`;
export const TIPO_DISEGNO = "application/vnd.openxmlformats-officedocument.drawing+xml";
export const TIPO_GRAFICO = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
/** Parts Excel writes beside a chart (chartStyle, chartColorStyle): removed with it. */
const REL_DEL_GRAFICO = /\/relationships\/chart(Style|ColorStyle)$/;
const INTESTAZIONE = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const ANCORE = new Set(["twoCellAnchor", "oneCellAnchor", "absoluteAnchor"]);

/** Office.js chart types the plan may ask for → CT_BarChart's barDir and grouping. */
const TIPI: Record<GraficoRiepilogo["tipo"], { barDir: "bar" | "col"; grouping: string }> = {
  BarClustered: { barDir: "bar", grouping: "clustered" },
};
const ASSE_CATEGORIE = 500000001;
const ASSE_VALORI = 500000002;

/** The sheet name as a formula writes it: bare when a plain identifier, else quoted ('L''Aquila'). */
function nomeInFormula(nome: string): string {
  const semplice = /^[A-Za-z_\u00C0-\u024F][A-Za-z0-9_.\u00C0-\u024F]*$/.test(nome);
  const sembraCella = /^[A-Za-z]{1,3}\d+$/.test(nome) || /^R\d*C\d*$/i.test(nome);
  return semplice && !sembraCella ? nome : `'${nome.replace(/'/g, "''")}'`;
}

function assoluto(row: number, col: number): string {
  let lettere = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    lettere = String.fromCharCode(65 + ((c - 1) % 26)) + lettere;
  return `$${lettere}$${row + 1}`;
}

/** The chart's data as the sheet holds it after this write: categories, values, the values' number format. */
export interface DatiSerie {
  categorie: { f: string; punti: (string | null)[] };
  valori: { f: string; punti: (number | null)[]; formato: string };
}

/** From the plan's source ("A5:B14", categories in the first column) and the sheet's grid. */
export function datiSerie(foglio: string, dati: string, griglia: SheetGrid): DatiSerie {
  const [da, a = da] = dati.split(":");
  const p = parseA1(da);
  const q = parseA1(a);
  const righe = Array.from({ length: q.row - p.row + 1 }, (_, i) => p.row + i);
  const n = nomeInFormula(foglio);
  const colonna = (c: number) => `${n}!${assoluto(p.row, c)}:${assoluto(q.row, c)}`;
  const o = griglia.origin ?? { row: 0, col: 0 };
  const valore = (r: number, c: number) => griglia.values[r - o.row]?.[c - o.col] ?? null;
  return {
    categorie: {
      f: colonna(p.col),
      punti: righe.map((r) => {
        const v = valore(r, p.col);
        return v === null || v === "" ? null : String(v);
      }),
    },
    valori: {
      f: colonna(q.col),
      punti: righe.map((r) => {
        const v = valore(r, q.col);
        return typeof v === "number" && Number.isFinite(v) ? v : null;
      }),
      formato: righe.map((r) => griglia.numberFormats?.[r - o.row]?.[q.col - o.col]).find((x) => x) ?? "General",
    },
  };
}

const val = (nome: string, v: string | number) => `<c:${nome} val="${v}"/>`;
const testo = (s: string) => perTesto(perXstring(s));

/** xl/charts/chartN.xml: the whole c:chartSpace. */
export function xmlGrafico(g: GraficoRiepilogo, d: DatiSerie, date1904: boolean): string {
  const tipo = TIPI[g.tipo];
  const n = d.valori.punti.length;
  const punti = <T>(l: (T | null)[], v: (x: T) => string) =>
    l.map((x, i) => (x === null ? "" : `<c:pt idx="${i}"><c:v>${v(x)}</c:v></c:pt>`)).join("");
  const colori = g.colori
    .map((colore, i) =>
      colore && /^#?[0-9A-Fa-f]{6}$/.test(colore) && i < n
        ? `<c:dPt>${val("idx", i)}${val("invertIfNegative", 0)}${val("bubble3D", 0)}` +
          `<c:spPr><a:solidFill><a:srgbClr val="${colore.replace("#", "").toUpperCase()}"/></a:solidFill></c:spPr></c:dPt>`
        : ""
    )
    .join("");
  const formato = perAttributo(d.valori.formato);
  const serie =
    `<c:ser>${val("idx", 0)}${val("order", 0)}<c:tx><c:v>${testo(g.nomeSerie)}</c:v></c:tx>${val("invertIfNegative", 0)}` +
    colori +
    `<c:dLbls><c:numFmt formatCode="${formato}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    `${val("showLegendKey", 0)}${val("showVal", 1)}${val("showCatName", 0)}${val("showSerName", 0)}${val("showPercent", 0)}${val("showBubbleSize", 0)}</c:dLbls>` +
    `<c:cat><c:strRef><c:f>${perTesto(d.categorie.f)}</c:f><c:strCache>${val("ptCount", n)}${punti(d.categorie.punti, testo)}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${perTesto(d.valori.f)}</c:f><c:numCache><c:formatCode>${perTesto(d.valori.formato)}</c:formatCode>` +
    `${val("ptCount", n)}${punti(d.valori.punti, String)}</c:numCache></c:numRef></c:val></c:ser>`;
  const orizzontale = tipo.barDir === "bar";
  const comuneAsse = `${val("majorTickMark", "none")}${val("minorTickMark", "none")}${val("tickLblPos", "nextTo")}`;
  return (
    `${INTESTAZIONE}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `${val("date1904", date1904 ? 1 : 0)}${val("lang", "it-IT")}${val("roundedCorners", 0)}<c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang="it-IT"/>` +
    `<a:t>${perTesto(g.titolo)}</a:t></a:r></a:p></c:rich></c:tx>${val("overlay", 0)}</c:title>${val("autoTitleDeleted", 0)}` +
    `<c:plotArea><c:layout/><c:barChart>${val("barDir", tipo.barDir)}${val("grouping", tipo.grouping)}${val("varyColors", 0)}` +
    `${serie}${val("gapWidth", 182)}${val("axId", ASSE_CATEGORIE)}${val("axId", ASSE_VALORI)}</c:barChart>` +
    // The first line at the top, as in the table (Office.js categoryAxis.reversePlotOrder).
    `<c:catAx>${val("axId", ASSE_CATEGORIE)}<c:scaling>${val("orientation", "maxMin")}</c:scaling>${val("delete", 0)}` +
    `${val("axPos", orizzontale ? "l" : "b")}<c:numFmt formatCode="General" sourceLinked="1"/>${comuneAsse}` +
    `${val("crossAx", ASSE_VALORI)}${val("crosses", "autoZero")}${val("auto", 1)}${val("lblAlgn", "ctr")}${val("lblOffset", 100)}${val("noMultiLvlLbl", 0)}</c:catAx>` +
    `<c:valAx>${val("axId", ASSE_VALORI)}<c:scaling>${val("orientation", "minMax")}${val("max", 1)}${val("min", 0)}</c:scaling>` +
    `${val("delete", 0)}${val("axPos", orizzontale ? "b" : "l")}<c:majorGridlines/><c:numFmt formatCode="${formato}" sourceLinked="1"/>` +
    `${comuneAsse}${val("crossAx", ASSE_CATEGORIE)}${val("crosses", "autoZero")}${val("crossBetween", "between")}</c:valAx>` +
    `</c:plotArea>${val("plotVisOnly", 1)}${val("dispBlanksAs", "gap")}</c:chart></c:chartSpace>`
  );
}

/**
 * The anchor: from the top-left of `da` to the bottom-right of `a` (Office.js Chart.setPosition:
 * the chart fully covers the end cell). `dichiara`: namespace declarations the drawing's root lacks.
 */
export function xmlAncora(g: GraficoRiepilogo, id: number, rid: string, dichiara = ""): string {
  const da = parseA1(g.posizione.da);
  const a = parseA1(g.posizione.a);
  const punto = (nome: string, col: number, row: number) =>
    `<xdr:${nome}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${nome}>`;
  return (
    `<xdr:twoCellAnchor${dichiara}>${punto("from", da.col, da.row)}${punto("to", a.col + 1, a.row + 1)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${perAttributo(g.nome)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}">` +
    `<c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame>` +
    `<xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** A target for a relationship from part `da` to part `a` (both zip entry names). */
function relativo(da: string, a: string): string {
  const sorgente = da.split("/").slice(0, -1);
  const dest = a.split("/");
  let k = 0;
  while (k < sorgente.length && k < dest.length - 1 && sorgente[k] === dest[k]) k++;
  return [...sorgente.slice(k).map(() => ".."), ...dest.slice(k)].join("/");
}

/** The first free part name base + N + ".xml" (no part and no .rels of that name). */
function libera(pacchetto: Pacchetto, base: string): string {
  let n = 1;
  while (pacchetto.esiste(`${base}${n}.xml`) || pacchetto.esiste(partRels(`${base}${n}.xml`))) n++;
  return `${base}${n}.xml`;
}

/** A new chart part with its content type; the relationship from the drawing is the caller's. */
async function nuovoGrafico(pacchetto: Pacchetto, xml: string): Promise<string> {
  const parte = libera(pacchetto, "xl/charts/chart");
  pacchetto.scrivi(parte, xml);
  await pacchetto.aggiungiTipo(parte, TIPO_GRAFICO);
  return parte;
}

async function togliTipo(pacchetto: Pacchetto, parte: string): Promise<void> {
  const tipi = (await pacchetto.testo("[Content_Types].xml"))!;
  const nome = parte.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const senza = tipi.replace(new RegExp(`<([\\w.-]+:)?Override\\b[^>]*PartName="/${nome}"[^>]*/>`), "");
  if (senza !== tipi) pacchetto.scrivi("[Content_Types].xml", senza);
}

/** Removes a chart of the drawing: its relationship, its part, its .rels, its style parts and their types. */
async function togliGrafico(pacchetto: Pacchetto, disegno: string, rel: Relazione): Promise<void> {
  const nomeRels = partRels(disegno);
  const rels = (await pacchetto.testo(nomeRels))!;
  const id = rel.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  pacchetto.scrivi(nomeRels, rels.replace(new RegExp(`<([\\w.-]+:)?Relationship\\b[^>]*Id="${id}"[^>]*/>`), ""));
  if (!rel.parte || !pacchetto.esiste(rel.parte)) return;
  for (const r of await pacchetto.relazioni(rel.parte))
    if (r.parte && REL_DEL_GRAFICO.test(r.tipo) && pacchetto.esiste(r.parte)) {
      pacchetto.rimuovi(r.parte);
      await togliTipo(pacchetto, r.parte);
    }
  if (pacchetto.esiste(partRels(rel.parte))) pacchetto.rimuovi(partRels(rel.parte));
  pacchetto.rimuovi(rel.parte);
  await togliTipo(pacchetto, rel.parte);
}

interface AncoraLetta {
  inizio: number;
  fine: number;
  nome: string | null;
  id: number | null;
  rid: string | null;
}

interface DisegnoLetto {
  ancore: AncoraLetta[];
  /** The root's start tag (its namespace declarations). */
  radice: string;
  /** The root when self-closing (a drawing with no anchor). */
  radiceVuota: { inizio: number; fine: number; tag: string; qnome: string } | null;
  /** Offset of the root's end tag. */
  chiusura: number;
  /** The highest cNvPr id: a new shape takes the next. */
  massimo: number;
}

/** The drawing's top-level anchors (with their frame's name and chart r:id), its highest shape id, its root tag. */
function leggiDisegno(pacchetto: Pacchetto, parte: string, xml: string): DisegnoLetto {
  const ancore: AncoraLetta[] = [];
  let radice = "";
  let radiceVuota: DisegnoLetto["radiceVuota"] = null;
  let chiusura = xml.length;
  let massimo = 1;
  let corrente: AncoraLetta | null = null;
  let cornice = 0;
  pacchetto.leggiXml(parte, xml, {
    apre: (el, p) => {
      if (p === 0) radice = xml.slice(el.inizio, el.fineApertura);
      if (p === 1 && ANCORE.has(el.nome)) corrente = { inizio: el.inizio, fine: 0, nome: null, id: null, rid: null };
      if (el.nome === "graphicFrame") cornice++;
      if (el.nome === "cNvPr") {
        const id = Number(el.attributi.id);
        if (Number.isFinite(id)) massimo = Math.max(massimo, id);
        if (corrente && cornice > 0 && corrente.nome === null) {
          corrente.nome = el.attributi.name ?? "";
          corrente.id = Number.isFinite(id) ? id : null;
        }
      }
      if (corrente && cornice > 0 && el.nome === "chart") {
        const chiave = Object.keys(el.attributi).find((k) => k.endsWith(":id"));
        if (chiave) corrente.rid = el.attributi[chiave];
      }
    },
    chiude: (el, fine, p) => {
      if (el.nome === "graphicFrame") cornice--;
      if (p === 1 && corrente && ANCORE.has(el.nome)) {
        corrente.fine = fine;
        ancore.push(corrente);
        corrente = null;
      }
      if (p === 0) chiusura = xml.lastIndexOf("<", fine - 1);
      if (p === 0 && el.autochiuso) radiceVuota = { inizio: el.inizio, fine, tag: radice, qnome: el.qnome };
    },
  });
  return { ancore, radice, radiceVuota, chiusura, massimo };
}

/**
 * Draws (or redraws) the plan's chart on the Riepilogo: `m` the sheet's changes (its <drawing>
 * element is set through `m.elementi` when the sheet has no drawing yet; its cells after this
 * write are the chart's cached values). Called before the sheet's part is written.
 */
export async function scriviGraficoRiepilogo(
  pacchetto: Pacchetto,
  m: ModificheFoglio,
  g: GraficoRiepilogo,
  stato: Pick<StatoCartella, "stili" | "cartella">
): Promise<void> {
  const dati = datiSerie(m.nome, g.dati, m.griglia(stato.stili));
  const chart = xmlGrafico(g, dati, stato.cartella.date1904);
  const relFoglio = m.letto.disegno ? (await pacchetto.relazioni(m.parte)).find((r) => r.id === m.letto.disegno) : null;
  const disegno = relFoglio?.parte && pacchetto.esiste(relFoglio.parte) ? relFoglio.parte : null;
  if (!disegno) {
    const parte = libera(pacchetto, "xl/drawings/drawing");
    const grafico = await nuovoGrafico(pacchetto, chart);
    const rid = await pacchetto.aggiungiRelazione(parte, REL_GRAFICO, relativo(parte, grafico));
    pacchetto.scrivi(
      parte,
      `${INTESTAZIONE}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${xmlAncora(g, 2, rid)}</xdr:wsDr>`
    );
    await pacchetto.aggiungiTipo(parte, TIPO_DISEGNO);
    const id = await pacchetto.aggiungiRelazione(m.parte, REL_DISEGNO, relativo(m.parte, parte));
    const radice = /<(?![?!])[^>]*>/.exec(m.indice.xml)?.[0] ?? "";
    const r = radice.includes(`xmlns:r="${NS_R}"`) ? "" : ` xmlns:r="${NS_R}"`;
    m.elementi.set("drawing", `<${m.indice.prefisso}drawing${r} r:id="${id}"/>`);
    return;
  }
  const xml = (await pacchetto.testo(disegno))!;
  const letto = leggiDisegno(pacchetto, disegno, xml);
  const rels = await pacchetto.relazioni(disegno);
  const relDi = (a: AncoraLetta) => rels.find((r) => r.id === a.rid && r.tipo === REL_GRAFICO);
  const nostre = letto.ancore.filter((a) => a.nome?.toLowerCase() === g.nome.toLowerCase());
  const riusata = nostre.find((a) => pacchetto.esiste(relDi(a)?.parte ?? ""));
  // The root's own prefixes when they are the ones the anchor uses, else declared on the anchor.
  const dichiara = Object.entries({ xdr: NS_XDR, a: NS_A })
    .filter(([p, ns]) => !letto.radice.includes(`xmlns:${p}="${ns}"`))
    .map(([p, ns]) => ` xmlns:${p}="${ns}"`)
    .join("");
  const restanti = letto.ancore.filter((a) => !nostre.includes(a));
  const modifiche: Modifica[] = [];
  const relRiusata = riusata ? relDi(riusata) : undefined;
  for (const a of nostre) {
    if (a === riusata) continue;
    modifiche.push({ da: a.inizio, a: a.fine, testo: "" });
    const r = relDi(a);
    if (r && r !== relRiusata && !restanti.some((x) => x.rid === r.id)) await togliGrafico(pacchetto, disegno, r);
  }
  if (riusata) {
    pacchetto.scrivi(relDi(riusata)!.parte!, chart);
    const testo = xmlAncora(g, riusata.id ?? letto.massimo + 1, riusata.rid!, dichiara);
    modifiche.push({ da: riusata.inizio, a: riusata.fine, testo });
  } else {
    const grafico = await nuovoGrafico(pacchetto, chart);
    const rid = await pacchetto.aggiungiRelazione(disegno, REL_GRAFICO, relativo(disegno, grafico));
    const testo = xmlAncora(g, letto.massimo + 1, rid, dichiara);
    // An empty drawing written as <xdr:wsDr …/>: opened to hold the anchor.
    const r = letto.radiceVuota;
    if (r) modifiche.push({ da: r.inizio, a: r.fine, testo: `${r.tag.replace(/\s*\/>$/, ">")}${testo}</${r.qnome}>` });
    else modifiche.push({ da: letto.chiusura, a: letto.chiusura, testo });
  }
  pacchetto.scrivi(disegno, applicaModifiche(xml, modifiche));
}
