/**
 * One write of Barometro into the package: a patch (cells, number formats, fills, its conditional
 * rules, the Riepilogo sheet) or the print layout (the Indice sheet, first; page setup, breaks,
 * footers, print titles, wrapped texts of the sheets with lines). Collects the changes per part,
 * then writes each changed part once (concludi).
 */
import type { Lettura } from "../app/access";
import { Patch } from "../layout/patch";
import { isRegolaBarometro, RegolaCondizionale, RegolaEsistente } from "../layout/regole-condizionali";
import { parseA1, SheetGrid } from "../layout/griglia";
import { MARGINI_STAMPA, PianoStampaCartella } from "../layout/stampa";
import type { GraficoRiepilogo } from "../layout/riepilogo";
import type { StatoCartella } from "./index";
import { FoglioCartella } from "./cartella";
import { leggiFoglio } from "./foglio-lettura";
import { scriviGraficoRiepilogo } from "./grafico-scrittura";
import { ModificheFoglio, NuovoValore } from "./foglio-scrittura";
import { NS_R, Pacchetto, TIPO_FOGLIO } from "./pacchetto";
import type { CambioStile } from "./stili";
import { applicaModifiche, conAttributo, Modifica, perAttributo, perTesto } from "./xml";

const TIPO_CONTENUTO_FOGLIO = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const TIPO_CALCCHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain";

const FOGLIO_VUOTO =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
  '<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

/** Elements of CT_Workbook that come after <definedNames>. */
const DOPO_NOMI = [
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

interface FoglioNuovo {
  nome: string;
  parte: string;
  primo: boolean;
}

export class Scrittore {
  private readonly fogli = new Map<string, ModificheFoglio>();
  private readonly nuovi: FoglioNuovo[] = [];
  /** Sheet moved to the front (an existing Indice). */
  private primo: string | null = null;
  /** Print titles by sheet name: "$11:$11", or null to remove them. */
  private readonly titoli = new Map<string, string | null>();
  private formuleTolte = false;
  /** The Riepilogo's chart of the last patch: drawn when the parts are written (grafico-scrittura.ts). */
  private grafico: { foglio: string; grafico: GraficoRiepilogo } | null = null;

  constructor(
    readonly pacchetto: Pacchetto,
    readonly stato: StatoCartella
  ) {}

  private foglio(nome: string): ModificheFoglio | null {
    const gia = this.fogli.get(nome);
    if (gia) return gia;
    const f = this.stato.fogli.find((x) => x.nome === nome);
    if (!f?.letto || !f.parte) return null;
    const m = new ModificheFoglio(nome, f.parte, f.letto);
    this.fogli.set(nome, m);
    return m;
  }

  private creaFoglio(nome: string, primo: boolean): ModificheFoglio {
    const usate = new Set(Object.keys(this.pacchetto.zip.files).concat(this.pacchetto.parteCambiate()));
    let n = this.stato.cartella.fogli.length + 1;
    while (
      usate.has(`xl/worksheets/sheet${n}.xml`) ||
      this.nuovi.some((x) => x.parte === `xl/worksheets/sheet${n}.xml`)
    )
      n++;
    const parte = `xl/worksheets/sheet${n}.xml`;
    const letto = leggiFoglio(this.pacchetto, parte, FOGLIO_VUOTO, nome, this.stato.stili, [], false);
    const m = new ModificheFoglio(nome, parte, letto);
    this.fogli.set(nome, m);
    this.nuovi.push({ nome, parte, primo });
    return m;
  }

  async applicaPatch(patch: Patch): Promise<void> {
    const r = patch.riepilogo;
    if (r) {
      const m = r.crea && !this.foglio(r.foglio) ? this.creaFoglio(r.foglio, false) : this.foglio(r.foglio);
      if (m && r.pulisci) this.pulisci(m, r.pulisci);
    }
    // One change object per format and per colour, shared by the cells (ModificheFoglio never changes it).
    const formati = new Map<string, CambioStile>();
    const riempimenti = new Map<string, CambioStile>();
    const condiviso = (m: Map<string, CambioStile>, k: string, crea: () => CambioStile) => {
      let x = m.get(k);
      if (!x) m.set(k, (x = crea()));
      return x;
    };
    for (const f of patch.formatiNumero ?? [])
      this.conCella(f.foglio, f.cella, (m, rr, c) =>
        m.cambiaStile(
          rr,
          c,
          condiviso(formati, f.formato, () => ({ formato: f.formato }))
        )
      );
    for (const w of patch.scritture)
      this.conCella(w.foglio, w.cella, (m, rr, c) => {
        const valore: NuovoValore =
          w.formula === ""
            ? { tipo: "vuoto" }
            : w.formula
              ? { tipo: "formula", f: w.formula, modello: false, valore: w.valore }
              : typeof w.valore === "number"
                ? { tipo: "numero", n: w.valore }
                : { tipo: "testo", s: w.valore };
        if (valore.tipo !== "formula" && m.letto.griglia.formulas?.[rr]?.[c]) this.formuleTolte = true;
        m.scriviValore(rr, c, valore);
      });
    for (const f of patch.colori)
      this.conCella(f.foglio, f.cella, (m, rr, c) =>
        m.cambiaStile(
          rr,
          c,
          condiviso(riempimenti, f.colore ?? "", () => ({ riempimento: f.colore }))
        )
      );
    if (patch.formattazione) this.formattazione(patch.formattazione.elimina, patch.formattazione.aggiungi);
    if (r) {
      const m = this.foglio(r.foglio);
      if (r.grafico) this.grafico = { foglio: r.foglio, grafico: r.grafico };
      if (m) {
        for (const f of r.formati) perArea(f.indirizzo, (rr, c) => m.cambiaStile(rr, c, { formato: f.formato }));
        if (r.adatta) this.adatta(m, r.adatta, patch);
      }
    }
  }

  private conCella(foglio: string, cella: string, fai: (m: ModificheFoglio, r: number, c: number) => void): void {
    const m = this.foglio(foglio);
    if (!m) return;
    const { row, col } = parseA1(cella);
    fai(m, row, col);
  }

  private pulisci(m: ModificheFoglio, area: string): void {
    const [a, b = a] = area.split(":");
    const p = parseA1(a);
    const q = parseA1(b);
    for (const [r, c] of m.celleIn(p.row, p.col, q.row, q.col)) {
      if (m.letto.griglia.formulas?.[r]?.[c]) this.formuleTolte = true;
      m.cancella(r, c);
    }
  }

  /** Column widths from the texts written (Excel's AutoFit, estimated: a file has no font metrics). */
  private adatta(m: ModificheFoglio, colonne: string, patch: Patch): void {
    const [da, a = da] = colonne.split(":").map((x) => parseA1(`${x}1`).col);
    const larghezze = new Map<number, number>();
    for (const w of patch.scritture) {
      if (w.foglio !== m.nome) continue;
      const { col } = parseA1(w.cella);
      if (col < da || col > a) continue;
      const testo = typeof w.valore === "number" ? "100,00%" : w.valore;
      larghezze.set(col, Math.max(larghezze.get(col) ?? 8, Math.min(80, Math.ceil(testo.length * 1.1) + 2)));
    }
    m.elementi.set(
      "cols",
      colsXml(
        m.indice.prefisso,
        [...larghezze].sort((x, y) => x[0] - y[0])
      )
    );
  }

  private formattazione(elimina: { foglio: string; formula: string | null }[], aggiungi: RegolaCondizionale[]): void {
    for (const e of elimina) {
      const m = this.foglio(e.foglio);
      if (!m || !isRegolaBarometro(e.formula)) continue;
      const i = m.indice.regole.findIndex(
        (r, k) => !m.regoleTolte.has(k) && r.formula !== null && `=${r.formula}` === e.formula
      );
      if (i >= 0) m.regoleTolte.add(i);
      else {
        // A rule this access added earlier and has not written yet.
        const k = m.formattazioniNuove.findIndex((r) => r.formula === e.formula);
        if (k >= 0) m.formattazioniNuove.splice(k, 1);
      }
    }
    for (const r of aggiungi) {
      const m = this.foglio(r.foglio);
      if (!m) continue;
      m.formattazioniNuove.push({ formula: r.formula, aree: r.aree, dxf: this.stato.stili.dxfRiempimento(r.colore) });
    }
  }

  /** The workbook as a read sees it with the changes not yet written: sheets in their new order, rules. */
  lettura(): Pick<Lettura, "fogli" | "protetti" | "formattazioni"> {
    const fogli: SheetGrid[] = [];
    const protetti: string[] = [];
    const formattazioni: RegolaEsistente[] = [];
    for (const { nome } of this.ordine()) {
      const m = this.fogli.get(nome);
      const letto = m?.letto ?? this.stato.fogli.find((f) => f.nome === nome)?.letto ?? null;
      if (!letto) continue;
      fogli.push(m ? m.griglia(this.stato.stili) : letto.griglia);
      if (letto.protetto) protetti.push(nome);
      letto.indice.regole.forEach((r, i) => {
        if (m?.regoleTolte.has(i)) return;
        formattazioni.push({
          foglio: nome,
          id: `${nome}!${i}`,
          formula: r.tipo === "expression" && r.formula !== null ? `=${r.formula}` : null,
        });
      });
      m?.formattazioniNuove.forEach((r, k) =>
        formattazioni.push({ foglio: nome, id: `${nome}!+${k}`, formula: r.formula })
      );
    }
    return { fogli, protetti, formattazioni };
  }

  /** The sheets in their order after this write: the Indice first, the Riepilogo last; `vecchio`: position before. */
  private ordine(): { nome: string; vecchio: number | null }[] {
    const voci: { nome: string; vecchio: number | null }[] = this.stato.cartella.fogli.map((f, i) => ({
      nome: f.nome,
      vecchio: i,
    }));
    for (const n of this.nuovi) {
      const v = { nome: n.nome, vecchio: null };
      if (n.primo) voci.unshift(v);
      else voci.push(v);
    }
    if (this.primo) {
      const i = voci.findIndex((v) => v.nome === this.primo);
      if (i > 0) voci.unshift(...voci.splice(i, 1));
    }
    return voci;
  }

  async impagina(piano: PianoStampaCartella): Promise<void> {
    const ind = piano.indice;
    const esistente = this.foglio(ind.foglio);
    // The Indice goes first; a sheet with `primo: false` (the dossier) keeps its place, or goes last.
    const primo = ind.primo !== false;
    const m = ind.crea || !esistente ? this.creaFoglio(ind.foglio, primo) : esistente;
    if (m === esistente) {
      if (primo) this.primo = ind.foglio;
      if (ind.pulisci) this.pulisci(m, ind.pulisci);
    }
    for (const riga of ind.righe)
      riga.celle.forEach((cella, j) => {
        const r = riga.riga - 1;
        m.scriviValore(
          r,
          j,
          typeof cella.valore === "number" ? { tipo: "numero", n: cella.valore } : { tipo: "testo", s: cella.valore }
        );
        const grassetto = cella.grassetto || riga.grassetto;
        m.cambiaStile(r, j, {
          ...(cella.formato ? { formato: cella.formato } : {}),
          ...(cella.riempimento ? { riempimento: cella.riempimento } : {}),
          ...(grassetto || cella.dimensione
            ? { carattere: { grassetto: grassetto || undefined, dimensione: cella.dimensione } }
            : {}),
        });
      });
    const p = m.indice.prefisso;
    m.elementi.set(
      "cols",
      colsXml(
        p,
        ind.larghezze.map((l, i) => [i, l])
      )
    );
    this.impostaPagina(m, {
      orientamento: ind.orientamento === "Landscape" ? "landscape" : "portrait",
      primaPagina: null,
      piePagina: ind.piePagina ?? piano.piePagina,
      centrata: false,
      margini: ind.margini === true,
    });
    this.interruzioni(m, ind.nuovePagine ?? []);
    if (ind.aCapo) this.aCapo(m, ind.aCapo, ind.larghezze);
    for (const f of piano.fogli) {
      const s = this.foglio(f.foglio);
      if (!s) continue;
      this.impostaPagina(s, {
        orientamento: "landscape",
        primaPagina: f.primaPagina,
        piePagina: piano.piePagina,
        centrata: true,
        margini: true,
      });
      this.interruzioni(s, f.nuovePagine);
      this.titoli.set(f.foglio, f.righeTitoli);
      this.aCapo(s, f.testi);
    }
  }

  /** Manual page breaks above these 1-based rows (Excel writes max="16383"); none removes them. */
  private interruzioni(m: ModificheFoglio, righe: readonly number[]): void {
    const p = m.indice.prefisso;
    m.elementi.set(
      "rowBreaks",
      righe.length === 0
        ? null
        : `<${p}rowBreaks count="${righe.length}" manualBreakCount="${righe.length}">` +
            righe.map((r) => `<${p}brk id="${r - 1}" max="16383" man="1"/>`).join("") +
            `</${p}rowBreaks>`
    );
  }

  private impostaPagina(
    m: ModificheFoglio,
    o: { orientamento: string; primaPagina: number | null; piePagina: string; centrata: boolean; margini: boolean }
  ): void {
    const ix = m.indice;
    const p = ix.prefisso;
    const testoDi = (nome: string) => {
      const e = ix.elementi.find((x) => x.nome === nome);
      return e ? ix.xml.slice(e.inizio, e.fine) : null;
    };
    // pageSetup: the attributes Barometro sets, the others (printer settings, dpi…) kept.
    let ps = testoDi("pageSetup") ?? `<${p}pageSetup/>`;
    const tag = /^<[^>]*>/.exec(ps)![0];
    let nuovo = tag;
    for (const [k, v] of [
      ["paperSize", "9"],
      ["orientation", o.orientamento],
      ["fitToWidth", "1"],
      ["fitToHeight", "0"],
      ["scale", null],
      ["firstPageNumber", o.primaPagina === null ? null : String(o.primaPagina)],
      ["useFirstPageNumber", o.primaPagina === null ? null : "1"],
    ] as const)
      nuovo = conAttributo(nuovo, k, v);
    ps = nuovo + ps.slice(tag.length);
    m.elementi.set("pageSetup", ps);
    // sheetPr › pageSetUpPr fitToPage (after tabColor and outlinePr).
    const sp = testoDi("sheetPr");
    if (!sp) m.elementi.set("sheetPr", `<${p}sheetPr><${p}pageSetUpPr fitToPage="1"/></${p}sheetPr>`);
    else {
      const psp = /<([\w.-]+:)?pageSetUpPr\b[^>]*?\/?>/.exec(sp);
      if (psp) m.elementi.set("sheetPr", sp.replace(psp[0], conAttributo(psp[0], "fitToPage", "1")));
      else if (sp.endsWith("/>"))
        m.elementi.set(
          "sheetPr",
          `${sp.slice(0, -2).replace(/\s+$/, "")}><${p}pageSetUpPr fitToPage="1"/></${p}sheetPr>`
        );
      else {
        const dopo = /<([\w.-]+:)?(tabColor|outlinePr)\b[^>]*\/>(?![\s\S]*<([\w.-]+:)?(tabColor|outlinePr)\b)/.exec(sp);
        const pos = dopo ? dopo.index + dopo[0].length : sp.indexOf(">") + 1;
        m.elementi.set("sheetPr", `${sp.slice(0, pos)}<${p}pageSetUpPr fitToPage="1"/>${sp.slice(pos)}`);
      }
    }
    if (o.centrata) {
      const po = testoDi("printOptions");
      m.elementi.set(
        "printOptions",
        po
          ? conAttributo(/^<[^>]*>/.exec(po)![0], "horizontalCentered", "1") + po.slice(/^<[^>]*>/.exec(po)![0].length)
          : `<${p}printOptions horizontalCentered="1"/>`
      );
    }
    const mg = MARGINI_STAMPA;
    if (o.margini)
      m.elementi.set(
        "pageMargins",
        `<${p}pageMargins left="${mg.left}" right="${mg.right}" top="${mg.top}" bottom="${mg.bottom}" header="${mg.header}" footer="${mg.footer}"/>`
      );
    // headerFooter: the footers Barometro writes, the headers kept.
    const hf = testoDi("headerFooter");
    const piede = perTesto(`&C${o.piePagina}`);
    const parti: Record<string, string> = {};
    let attributi = "";
    if (hf) {
      attributi = /^<[\w.:-]+([^>]*?)\/?>/.exec(hf)?.[1] ?? "";
      for (const x of hf.matchAll(
        /<([\w.-]+:)?(oddHeader|evenHeader|firstHeader|firstFooter)\b[^>]*>[\s\S]*?<\/\1?\2>/g
      ))
        parti[x[2]] = x[0];
    }
    parti.oddFooter = `<${p}oddFooter>${piede}</${p}oddFooter>`;
    parti.evenFooter = `<${p}evenFooter>${piede}</${p}evenFooter>`;
    const ordine = ["oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"];
    m.elementi.set(
      "headerFooter",
      `<${p}headerFooter${attributi}>${ordine.map((k) => parti[k] ?? "").join("")}</${p}headerFooter>`
    );
  }

  /** Wraps the texts of these areas; `larghezze`: the column widths this write sets, if any. */
  private aCapo(m: ModificheFoglio, aree: string[], larghezze?: readonly number[]): void {
    // The grid with this write's values: a sheet written now (the dossier) has its texts only there.
    const g = m.griglia(this.stato.stili);
    const piena = (r: number, c: number) => {
      const v = g.values[r]?.[c];
      return (v !== null && v !== undefined && v !== "") || !!g.formulas?.[r]?.[c];
    };
    const larghezza = (c: number) =>
      larghezze?.[c] ?? m.indice.colonne.find((x) => c >= x.min && c <= x.max)?.larghezza ?? 9;
    const span = new Map(g.merges.map((u) => [u.top * 16384 + u.left, u.bottom - u.top + 1]));
    const righe = new Map<number, number>();
    for (const area of aree)
      perArea(area, (r, c) => {
        if (!piena(r, c)) return;
        m.cambiaStile(r, c, { aCapo: true });
        // Rows grow so wrapped texts show whole (Excel and LibreOffice do not re-measure on opening).
        const testo = g.values[r]?.[c];
        const n = testo === null || testo === undefined ? 0 : String(testo).length;
        const linee = Math.ceil(Math.ceil(n / (larghezza(c) * 1.15)) / (span.get(r * 16384 + c) ?? 1));
        righe.set(r + 1, Math.max(righe.get(r + 1) ?? 1, linee));
      });
    for (const [r, linee] of righe) {
      const altezza = linee * 13 + 2;
      const riga = m.riga(r);
      if (linee > 1 && (riga?.altezza ?? 15) < altezza) m.altezze.set(r, altezza);
    }
  }

  /** Writes every changed part: sheets, styles, workbook, relationships and content types. */
  async concludi(): Promise<void> {
    const stili = this.stato.stili;
    const riepilogo = this.grafico && this.foglio(this.grafico.foglio);
    if (riepilogo) await scriviGraficoRiepilogo(this.pacchetto, riepilogo, this.grafico!.grafico, this.stato);
    for (const m of this.fogli.values()) this.pacchetto.scrivi(m.parte, m.pezzi(stili));
    const s = stili.testo();
    if (s !== null && stili.parte) this.pacchetto.scrivi(stili.parte, s);
    await this.scriviCartella();
    if (this.formuleTolte) await this.togliCalcChain();
  }

  private async scriviCartella(): Promise<void> {
    const c = this.stato.cartella;
    const xml = c.xml;
    const p = c.prefisso;
    if (this.nuovi.length === 0 && this.titoli.size === 0 && this.primo === null) return;
    // The relationships prefix declared on the root element (a declaration on one <sheet> is local to it).
    const radice = /<(?![?!])[^>]*>/.exec(xml)?.[0] ?? "";
    const prefissoR =
      /xmlns:([\w.-]+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(radice)?.[1];
    const rid = (id: string) => (prefissoR ? `${prefissoR}:id="${id}"` : `xmlns:r="${NS_R}" r:id="${id}"`);
    let sheetId = Math.max(0, ...c.fogli.map((f) => f.sheetId));
    const nuoviTesti = new Map<string, string>();
    for (const n of this.nuovi) {
      const cartellaDir = c.parte.slice(0, c.parte.lastIndexOf("/") + 1);
      const dest = n.parte.startsWith(cartellaDir) ? n.parte.slice(cartellaDir.length) : `/${n.parte}`;
      const id = await this.pacchetto.aggiungiRelazione(c.parte, TIPO_FOGLIO, dest);
      await this.pacchetto.aggiungiTipo(n.parte, TIPO_CONTENUTO_FOGLIO);
      nuoviTesti.set(n.nome, `<${p}sheet name="${perAttributo(n.nome)}" sheetId="${++sheetId}" ${rid(id)}/>`);
    }
    // The new order: the Indice first, the Riepilogo last.
    const testi = new Map(c.fogli.map((f: FoglioCartella) => [f.nome, xml.slice(f.inizio, f.fine)]));
    const voci = this.ordine().map((v) => ({ ...v, testo: testi.get(v.nome) ?? nuoviTesti.get(v.nome)! }));
    const nuovoIndice = new Map<number, number>();
    voci.forEach((v, i) => v.vecchio !== null && nuovoIndice.set(v.vecchio, i));
    const modifiche: Modifica[] = [];
    const primoFoglio = c.fogli[0].inizio;
    const ultimoFoglio = c.fogli[c.fogli.length - 1].fine;
    modifiche.push({ da: primoFoglio, a: ultimoFoglio, testo: voci.map((v) => v.testo).join("") });
    // The active tab stays on the same sheet.
    if (c.vista) {
      let tag = xml.slice(c.vista.inizio, c.vista.fineApertura);
      const attivo = nuovoIndice.get(c.vista.activeTab) ?? 0;
      if (attivo !== c.vista.activeTab || /activeTab=/.test(tag))
        tag = conAttributo(tag, "activeTab", attivo ? String(attivo) : null);
      if (/firstSheet=/.test(tag)) tag = conAttributo(tag, "firstSheet", null);
      modifiche.push({ da: c.vista.inizio, a: c.vista.fineApertura, testo: tag });
    }
    // Defined names: local ones follow their sheet's new position; Barometro's print titles replaced.
    const indicePerNome = new Map(voci.map((v, i) => [v.nome, i]));
    const titoliPerIndice = new Map<number, string>();
    for (const [nome] of this.titoli) {
      const v = c.fogli.findIndex((f) => f.nome === nome);
      if (v >= 0) titoliPerIndice.set(v, nome);
    }
    const nomi: string[] = [];
    for (const n of c.nomi) {
      if (n.nome === "_xlnm.Print_Titles" && n.localSheetId !== null && titoliPerIndice.has(n.localSheetId)) continue;
      let testo = xml.slice(n.inizio, n.fine);
      if (n.localSheetId !== null && nuovoIndice.get(n.localSheetId) !== n.localSheetId) {
        const tag = /^<[^>]*>/.exec(testo)![0];
        testo =
          conAttributo(tag, "localSheetId", String(nuovoIndice.get(n.localSheetId) ?? n.localSheetId)) +
          testo.slice(tag.length);
      }
      nomi.push(testo);
    }
    for (const [nome, righe] of this.titoli) {
      if (!righe) continue;
      const citato = `'${nome.replace(/'/g, "''")}'`;
      nomi.push(
        `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${indicePerNome.get(nome)}">${perTesto(`${citato}!${righe}`)}</${p}definedName>`
      );
    }
    const blocco = nomi.length > 0 ? `<${p}definedNames>${nomi.join("")}</${p}definedNames>` : "";
    if (c.definedNames) modifiche.push({ da: c.definedNames.inizio, a: c.definedNames.fine, testo: blocco });
    else if (blocco) {
      const dopo = c.elementi.find((e) => DOPO_NOMI.includes(e.nome));
      const pos = dopo ? dopo.inizio : c.sheets.fine;
      modifiche.push({ da: dopo ? pos : c.sheets.fine, a: dopo ? pos : c.sheets.fine, testo: blocco });
    }
    this.pacchetto.scrivi(c.parte, applicaModifiche(xml, modifiche));
  }

  /**
   * calcChain.xml lists the formula cells in calculation order; a cell listed there that no longer
   * holds a formula makes Excel repair the file. It is a cache Excel rebuilds: removed when
   * Barometro replaced a formula with a value.
   */
  private async togliCalcChain(): Promise<void> {
    const c = this.stato.cartella;
    const rel = (await this.pacchetto.relazioni(c.parte)).find((r) => r.tipo === TIPO_CALCCHAIN);
    if (!rel?.parte) return;
    this.pacchetto.rimuovi(rel.parte);
    const nomeRels = c.parte.replace(/([^/]+)$/, "_rels/$1.rels");
    const rels = (await this.pacchetto.testo(nomeRels))!;
    this.pacchetto.scrivi(
      nomeRels,
      rels.replace(new RegExp(`<([\\w.-]+:)?Relationship\\b[^>]*Id="${rel.id}"[^>]*/>`), "")
    );
    const tipi = (await this.pacchetto.testo("[Content_Types].xml"))!;
    this.pacchetto.scrivi(
      "[Content_Types].xml",
      tipi.replace(
        new RegExp(`<([\\w.-]+:)?Override\\b[^>]*PartName="/${rel.parte.replace(/[.]/g, "\\.")}"[^>]*/>`),
        ""
      )
    );
  }
}

function perArea(area: string, fai: (r: number, c: number) => void): void {
  const [a, b = a] = area.split(":");
  const p = parseA1(a);
  const q = parseA1(b);
  for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) fai(r, c);
}

function colsXml(p: string, larghezze: [number, number][]): string | null {
  if (larghezze.length === 0) return null;
  return `<${p}cols>${larghezze.map(([c, w]) => `<${p}col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join("")}</${p}cols>`;
}
