/**
 * Changes to one worksheet part, applied as splices of its text: the cells Barometro writes (each
 * <c> replaced, or inserted in order in its row, or a new <row> in order), the top-level elements
 * it owns (print settings, its conditional-format rules), nothing else. Every other cell and
 * element keeps its XML as it was.
 */
import { a1, SheetGrid } from "../layout/griglia";
import type { FoglioLetto, IndiceFoglio } from "./foglio-lettura";
import { CambioStile, Stili } from "./stili";
import { conAttributo, Modifica, perAttributo, perTesto, perXstring, pezziModificati } from "./xml";

/** The order of <worksheet>'s children (ECMA-376 Part 1, CT_Worksheet). */
export const ORDINE_FOGLIO = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export type NuovoValore =
  | { tipo: "vuoto" }
  | { tipo: "numero"; n: number }
  | { tipo: "testo"; s: string }
  | {
      tipo: "formula";
      /** The formula; with `modello`, with each occurrence of the cell's row number replaced by NUMERO_RIGA. */
      f: string;
      modello: boolean;
      valore: number | string;
    };

/** Where a formula held as a model (ModificheFoglio.modello) had its cell's row number. */
const NUMERO_RIGA = "\u0000";

interface CellaNuova {
  valore: NuovoValore | undefined;
  stile: CambioStile | undefined;
  /** Removed (Pulisci of Barometro's own sheets), unless written again. */
  cancella: boolean;
  /** Cleared: written again from the default style, not its old one. */
  azzera: boolean;
}

const CHIAVE = (r: number, c: number) => r * 16384 + c;

export class ModificheFoglio {
  readonly celle = new Map<number, CellaNuova>();
  /** Top-level elements replaced (null: removed) or added, by local name. */
  readonly elementi = new Map<string, string | null>();
  /** Cell indices of the rules to remove, and the <conditionalFormatting> elements to add. */
  readonly regoleTolte = new Set<number>();
  readonly formattazioniNuove: { formula: string; aree: string[]; dxf: number }[] = [];
  /** Row heights to set (1-based row → points). */
  readonly altezze = new Map<number, number>();

  constructor(
    readonly nome: string,
    readonly parte: string,
    readonly letto: FoglioLetto
  ) {}

  get indice(): IndiceFoglio {
    return this.letto.indice;
  }

  /** Changes made so far: a read sees the same grid until the next change. */
  private versione = 0;
  private grigliaFatta: { versione: number; griglia: SheetGrid } | null = null;

  private cella(r: number, c: number): CellaNuova {
    this.versione++;
    const k = CHIAVE(r, c);
    let x = this.celle.get(k);
    // Every field set at once: one shape for all, no property store added later (100,000s of cells).
    if (!x) this.celle.set(k, (x = { valore: undefined, stile: undefined, cancella: false, azzera: false }));
    return x;
  }

  scriviValore(r: number, c: number, valore: NuovoValore): void {
    const x = this.cella(r, c);
    x.valore = valore.tipo === "formula" && !valore.modello ? this.modello(valore.f, r, valore.valore) : valore;
    x.cancella = false;
  }

  /** One string for each formula that differs from row to row only by the row's number (see modello). */
  private readonly modelli = new Map<string, string>();

  /**
   * A formula written in row r (0-based) held as its model: the row's number replaced by
   * NUMERO_RIGA, one string shared by the 100,000s of rows that write the same formula for their own
   * row (a patch's formulas, ~170 bytes each, kept until the file is saved). Replacing the number
   * back gives the formula character for character, whatever it holds.
   */
  private modello(f: string, r: number, valore: number | string): NuovoValore {
    if (f.includes(NUMERO_RIGA)) return { tipo: "formula", f, modello: false, valore };
    const m = f.replaceAll(String(r + 1), NUMERO_RIGA);
    let condiviso = this.modelli.get(m);
    if (condiviso === undefined) this.modelli.set(m, (condiviso = m));
    return { tipo: "formula", f: condiviso, modello: true, valore };
  }

  /** A formula's text in row r (0-based). */
  private static formula(v: Extract<NuovoValore, { tipo: "formula" }>, r: number): string {
    return v.modello ? v.f.replaceAll(NUMERO_RIGA, String(r + 1)) : v.f;
  }

  cambiaStile(r: number, c: number, cambio: CambioStile): void {
    const x = this.cella(r, c);
    // The change itself when it is the first (the caller may share one object among many cells: it
    // is never changed here, a second change makes a new one).
    x.stile = !x.stile
      ? cambio
      : {
          ...x.stile,
          ...cambio,
          ...(cambio.carattere ? { carattere: { ...x.stile?.carattere, ...cambio.carattere } } : {}),
        };
  }

  cancella(r: number, c: number): void {
    const x = this.cella(r, c);
    if (x.valore === undefined && x.stile === undefined) x.cancella = x.azzera = true;
  }

  /** Index of an existing cell (in IndiceFoglio's arrays), or -1: its row, then the row's few cells. */
  indiceCella(r: number, c: number): number {
    const riga = this.riga(r + 1);
    if (!riga) return -1;
    const ix = this.indice;
    for (let i = riga.primaCella; i < riga.primaCella + riga.celle; i++)
      if (ix.colonna[i] === c && ix.riga[i] === r) return i;
    return -1;
  }

  /** Row number (1-based) → index in IndiceFoglio.righe. */
  private righePerNumero: Map<number, number> | null = null;

  /** Index in IndiceFoglio.righe of the <row> numbered r (1-based), if any. */
  indiceRiga(r: number): number | undefined {
    if (!this.righePerNumero) {
      this.righePerNumero = new Map();
      const righe = this.indice.righe;
      for (let j = 0; j < righe.length; j++) this.righePerNumero.set(righe[j].r, j);
    }
    return this.righePerNumero.get(r);
  }

  /** The sheet's <row> element numbered r (1-based), if any. */
  riga(r: number): IndiceFoglio["righe"][number] | undefined {
    const j = this.indiceRiga(r);
    return j === undefined ? undefined : this.indice.righe[j];
  }

  /** Whether the cell holds a value or a formula now (as read). */
  piena(r: number, c: number): boolean {
    const i = this.indiceCella(r, c);
    return i >= 0 && this.indice.pieno[i] === 1;
  }

  /** The style a cell has (existing) or would take (a new cell: its row's, else its column's). */
  stileBase(r: number, c: number): number {
    const i = this.indiceCella(r, c);
    if (i >= 0) return this.indice.stile[i];
    const riga = this.riga(r + 1);
    if (riga?.stile) return riga.stile;
    return this.indice.colonne.find((x) => c >= x.min && c <= x.max)?.stile ?? 0;
  }

  /** Existing cells in an area (0-based, inclusive). */
  celleIn(top: number, left: number, bottom: number, right: number): [number, number][] {
    const ix = this.indice;
    const out: [number, number][] = [];
    for (let i = 0; i < ix.riga.length; i++)
      if (ix.riga[i] >= top && ix.riga[i] <= bottom && ix.colonna[i] >= left && ix.colonna[i] <= right)
        out.push([ix.riga[i], ix.colonna[i]]);
    return out;
  }

  /**
   * The sheet's grid with the changes not yet written (what a read after this write sees): rows
   * changed are copied, the grid read from the part is never mutated.
   */
  griglia(stili: Stili): SheetGrid {
    if (this.grigliaFatta?.versione !== this.versione)
      this.grigliaFatta = { versione: this.versione, griglia: this.nuovaGriglia(stili) };
    return this.grigliaFatta.griglia;
  }

  private nuovaGriglia(stili: Stili): SheetGrid {
    const g = this.letto.griglia;
    if (this.celle.size === 0) return g;
    const values = g.values.slice();
    const formulas = (g.formulas ?? []).slice();
    const numberFormats = (g.numberFormats ?? []).slice();
    let larghezza = values[0]?.length ?? 0;
    for (const k of this.celle.keys()) larghezza = Math.max(larghezza, (k % 16384) + 1);
    const copiate = new Set<number>();
    const riga = (r: number) => {
      while (values.length <= r) {
        values.push(new Array(larghezza).fill(null));
        formulas.push(new Array(larghezza).fill(null));
        numberFormats.push(new Array(larghezza).fill(null));
        copiate.add(values.length - 1);
      }
      if (!copiate.has(r)) {
        copiate.add(r);
        values[r] = values[r].slice();
        formulas[r] = (formulas[r] ?? []).slice();
        numberFormats[r] = (numberFormats[r] ?? []).slice();
      }
      for (const a of [values[r], formulas[r], numberFormats[r]]) while (a.length < larghezza) a.push(null);
    };
    if (larghezza > (values[0]?.length ?? 0)) for (let r = 0; r < values.length; r++) riga(r);
    for (const [k, x] of this.celle) {
      const r = Math.floor(k / 16384);
      const c = k % 16384;
      if (x.valore === undefined && !x.cancella && x.stile?.formato === undefined) continue;
      riga(r);
      if (x.cancella) {
        values[r][c] = formulas[r][c] = numberFormats[r][c] = null;
        continue;
      }
      const v = x.valore;
      if (v) {
        values[r][c] =
          v.tipo === "numero"
            ? v.n
            : v.tipo === "testo"
              ? v.s === ""
                ? null
                : v.s
              : v.tipo === "formula"
                ? v.valore
                : null;
        const f = v.tipo === "formula" ? ModificheFoglio.formula(v, r) : null;
        formulas[r][c] = f === null ? null : f.startsWith("=") ? f : `=${f}`;
      }
      const piena = values[r][c] !== null || formulas[r][c] !== null;
      numberFormats[r][c] = piena ? (x.stile?.formato ?? stili.formatoDi(x.azzera ? 0 : this.stileBase(r, c))) : null;
    }
    return { ...g, values, formulas, numberFormats };
  }

  /** The part's new text. */
  testo(stili: Stili): string {
    return [...this.pezzi(stili)()].join("");
  }

  /**
   * The part's new text as pieces to join (slices of the old text around the changes), made lazily:
   * every style is resolved now (the styles part is written after the sheets), the cells' texts only
   * while the pieces are taken, so that a big sheet's new text is never held whole, nor its changed
   * cells' texts all at once.
   */
  pezzi(stili: Stili): () => Iterable<string> {
    const ix = this.indice;
    const xml = ix.xml;
    const p = ix.prefisso;
    /** Every change but the cells replaced in place (those are walked in order, see below). */
    const modifiche: Modifica[] = [];
    const n = ix.riga.length;
    /** Cells replaced in place: their final style (-1: not replaced). */
    const inPosto = new Int32Array(n).fill(-1);
    let sostituite = 0;

    // Cells: styles resolved now; the others grouped by row.
    const nuovePerRiga = new Map<number, [number, number, CellaNuova][]>();
    /** Cells replaced in place whose value is overwritten (1). */
    const sovrascritteValore = new Uint8Array(n);
    for (const [k, x] of this.celle) {
      const r = Math.floor(k / 16384);
      const c = k % 16384;
      const i = this.indiceCella(r, c);
      if (i >= 0) {
        inPosto[i] = x.cancella ? 0 : this.stileFinale(x.azzera ? 0 : ix.stile[i], x, stili);
        sostituite++;
        if (x.valore !== undefined || x.cancella) sovrascritteValore[i] = 1;
      } else if (!x.cancella) {
        const l = nuovePerRiga.get(r) ?? [];
        l.push([c, this.stileFinale(this.stileBase(r, c), x, stili), x]);
        nuovePerRiga.set(r, l);
      }
    }
    const testoInPosto = (i: number): string => {
      const x = this.celle.get(ix.riga[i] * 16384 + ix.colonna[i])!;
      if (x.cancella) return "";
      return this.testoCella(
        ix.riga[i],
        ix.colonna[i],
        inPosto[i],
        x,
        x.azzera ? null : xml.slice(ix.inizio[i], ix.fine[i])
      );
    };
    /** Cells of a shared formula whose cell holding the text is overwritten: their own formula. */
    const espanse = new Map<number, string>();
    // Shared formulas whose cell holding the text is overwritten: the other cells get their own formula.
    for (const gruppo of ix.condivise.values()) {
      if (gruppo.master < 0 || !sovrascritteValore[gruppo.master]) continue;
      for (const i of gruppo.altre) {
        if (sovrascritteValore[i]) continue;
        const formula = this.letto.griglia.formulas?.[ix.riga[i]]?.[ix.colonna[i]];
        if (formula) espanse.set(i, formula);
      }
    }
    const conFormulaPropria = (i: number, testo: string) =>
      testo.replace(
        /<([\w.-]+:)?f\b[^>]*?(\/>|>[\s\S]*?<\/([\w.-]+:)?f>)/,
        `<${p}f>${perTesto(espanse.get(i)!.slice(1))}</${p}f>`
      );
    // New cells: in their row, before the first cell to their right; new rows before the next row.
    const righe = ix.righe;
    const righeNuove = [...nuovePerRiga.keys()].sort((a, b) => a - b);
    const righeInSheetDataVuoto: string[] = [];
    const tagRiga = (j: number) => {
      const riga = righe[j];
      const tag = xml.slice(riga.inizio, riga.fineApertura);
      const ht = this.altezze.get(riga.r);
      return ht === undefined ? tag : conAttributo(conAttributo(tag, "ht", String(ht)), "customHeight", "1");
    };
    const righeRifatte = new Set<number>();
    const testoNuova = (r: number, [c, st, x]: [number, number, CellaNuova]) => this.testoCella(r, c, st, x, null);
    for (const r of righeNuove) {
      const celle = nuovePerRiga.get(r)!.sort((a, b) => a[0] - b[0]);
      const testi = (da: number, a: number) => () => {
        let t = "";
        for (let q = da; q < a; q++) t += testoNuova(r, celle[q]);
        return t;
      };
      const j = this.indiceRiga(r + 1);
      if (j !== undefined) {
        const riga = righe[j];
        if (riga.autochiusa) {
          const tag = tagRiga(j);
          righeRifatte.add(j);
          modifiche.push({
            da: riga.inizio,
            a: riga.fine,
            testo: () => `${tag.slice(0, -2).replace(/\s+$/, "")}>${testi(0, celle.length)()}</${p}row>`,
          });
          continue;
        }
        let k = 0;
        for (let i = riga.primaCella; i < riga.primaCella + riga.celle && k < celle.length; i++) {
          const da = k;
          while (k < celle.length && celle[k][0] < ix.colonna[i]) k++;
          if (k > da) modifiche.push({ da: ix.inizio[i], a: ix.inizio[i], testo: testi(da, k) });
        }
        const fineRiga = xml.lastIndexOf("<", riga.fine - 1);
        if (k < celle.length) modifiche.push({ da: fineRiga, a: fineRiga, testo: testi(k, celle.length) });
      } else {
        const ht = this.altezze.get(r + 1);
        const altezza = ht === undefined ? "" : ` ht="${ht}" customHeight="1"`;
        const testo = `<${p}row r="${r + 1}"${altezza}>${testi(0, celle.length)()}</${p}row>`;
        const dopo = righe.find((x) => x.r > r + 1);
        if (dopo) modifiche.push({ da: dopo.inizio, a: dopo.inizio, testo });
        else {
          const sd = ix.elementi.find((e) => e.nome === "sheetData")!;
          if (sd.autochiuso) righeInSheetDataVuoto.push(testo);
          else {
            const pos = xml.lastIndexOf("<", sd.fine - 1);
            modifiche.push({ da: pos, a: pos, testo });
          }
        }
      }
    }
    if (righeInSheetDataVuoto.length > 0) {
      const sd = ix.elementi.find((e) => e.nome === "sheetData")!;
      modifiche.push({
        da: sd.inizio,
        a: sd.fine,
        testo: `<${p}sheetData>${righeInSheetDataVuoto.join("")}</${p}sheetData>`,
      });
    }
    // Row heights (a row rebuilt above has its height already).
    for (const r of this.altezze.keys()) {
      const j = this.indiceRiga(r);
      if (j === undefined || righeRifatte.has(j)) continue;
      const riga = righe[j];
      const nuovo = tagRiga(j);
      if (riga.autochiusa) modifiche.push({ da: riga.inizio, a: riga.fine, testo: nuovo });
      else modifiche.push({ da: riga.inizio, a: riga.fineApertura, testo: nuovo });
    }
    // The dimension grows with the cells written (a reader may trust it).
    this.aggiornaDimensione(righeNuove, nuovePerRiga);

    // Conditional formatting: Barometro's rules removed, its new ones first.
    const perGruppo = new Map<number, number>();
    for (const i of this.regoleTolte) {
      const g = ix.regole[i].gruppo;
      perGruppo.set(g, (perGruppo.get(g) ?? 0) + 1);
    }
    for (const i of this.regoleTolte) {
      const regola = ix.regole[i];
      const gruppo = ix.formattazioni[regola.gruppo];
      if (perGruppo.get(regola.gruppo) === gruppo.regole) continue;
      modifiche.push({ da: regola.inizio, a: regola.fine, testo: "" });
    }
    for (const [g, n] of perGruppo) {
      const gruppo = ix.formattazioni[g];
      if (n === gruppo.regole) modifiche.push({ da: gruppo.inizio, a: gruppo.fine, testo: "" });
    }
    const spostamento = this.formattazioniNuove.length > 0 ? this.formattazioniNuove.length : 0;
    if (spostamento > 0) {
      // The user's rules come after Barometro's in priority, as Office.js adds rules at the top.
      ix.regole.forEach((regola, i) => {
        if (this.regoleTolte.has(i)) return;
        const tag = /^<[^>]*>/.exec(xml.slice(regola.inizio, regola.fine))![0];
        const nuovo = conAttributo(tag, "priority", String(regola.priorita + spostamento));
        if (nuovo !== tag) modifiche.push({ da: regola.inizio, a: regola.inizio + tag.length, testo: nuovo });
      });
      const primo = ix.formattazioni[0];
      const pos = primo ? primo.inizio : this.posizione("conditionalFormatting");
      // Office.js adds each rule at the top: the last one added comes first, with priority 1.
      const testo = [...this.formattazioniNuove]
        .reverse()
        .map(
          (r, k) =>
            `<${p}conditionalFormatting sqref="${perAttributo(r.aree.join(" "))}"><${p}cfRule type="expression" dxfId="${r.dxf}" priority="${k + 1}">` +
            `<${p}formula>${perTesto(r.formula.replace(/^=/, ""))}</${p}formula></${p}cfRule></${p}conditionalFormatting>`
        )
        .join("");
      modifiche.push({ da: pos, a: pos, testo });
      const ext = ix.elementi.find((e) => e.nome === "extLst");
      if (ext && !this.elementi.has("extLst")) {
        const testo = xml.slice(ext.inizio, ext.fine);
        const spostato = testo.replace(
          /(<[\w.-]*:?cfRule\b[^>]*?\spriority=")(\d+)"/g,
          (_m, a: string, n: string) => `${a}${Number(n) + spostamento}"`
        );
        if (spostato !== testo) modifiche.push({ da: ext.inizio, a: ext.fine, testo: spostato });
      }
    }

    // Top-level elements, in the schema's order (insertions at one offset keep this order).
    for (const nome of ORDINE_FOGLIO) {
      if (!this.elementi.has(nome)) continue;
      const testo = this.elementi.get(nome);
      const esistente = ix.elementi.find((e) => e.nome === nome);
      if (esistente) modifiche.push({ da: esistente.inizio, a: esistente.fine, testo: testo ?? "" });
      else if (testo) {
        const pos = this.posizione(nome);
        modifiche.push({ da: pos, a: pos, testo });
      }
    }
    // Cells of a shared formula to expand that are not replaced: replaced with their own formula.
    for (const i of espanse.keys())
      if (inPosto[i] < 0)
        modifiche.push({
          da: ix.inizio[i],
          a: ix.fine[i],
          testo: () => conFormulaPropria(i, xml.slice(ix.inizio[i], ix.fine[i])),
        });
    function* celleInPosto(): Generator<Modifica> {
      for (let i = 0, fatte = 0; i < n && fatte < sostituite; i++) {
        if (inPosto[i] < 0) continue;
        fatte++;
        const testo = testoInPosto(i);
        yield { da: ix.inizio[i], a: ix.fine[i], testo: espanse.has(i) ? conFormulaPropria(i, testo) : testo };
      }
    }
    return () => pezziModificati(xml, modifiche, celleInPosto());
  }

  private aggiornaDimensione(righeNuove: number[], nuovePerRiga: Map<number, [number, number, CellaNuova][]>): void {
    if (righeNuove.length === 0 || this.elementi.has("dimension")) return;
    const dim = this.indice.elementi.find((e) => e.nome === "dimension");
    if (!dim) return;
    const tag = this.indice.xml.slice(dim.inizio, dim.fine);
    const ref = /ref="([^"]*)"/.exec(tag)?.[1];
    if (!ref) return;
    const [a, b = a] = ref.split(":");
    const m1 = /^([A-Z]+)(\d+)$/.exec(a);
    const m2 = /^([A-Z]+)(\d+)$/.exec(b);
    if (!m1 || !m2) return;
    const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    let top = Number(m1[2]) - 1;
    let left = col(m1[1]);
    let bottom = Number(m2[2]) - 1;
    let right = col(m2[1]);
    for (const r of righeNuove)
      for (const [c] of nuovePerRiga.get(r)!) {
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    const nuovo = `${a1(top, left)}:${a1(bottom, right)}`;
    if (nuovo !== ref) this.elementi.set("dimension", conAttributo(tag, "ref", nuovo));
  }

  /** Where a new top-level element goes: before the first element that follows it in the schema. */
  posizione(nome: string): number {
    const dopo = new Set(ORDINE_FOGLIO.slice(ORDINE_FOGLIO.indexOf(nome) + 1));
    return this.indice.elementi.find((e) => dopo.has(e.nome))?.inizio ?? this.indice.chiusura;
  }

  /** The style a changed cell ends with: its base with the change (a new xf appended when needed). */
  private stileFinale(base: number, x: CellaNuova, stili: Stili): number {
    return x.stile ? stili.stileCon(base, x.stile) : base;
  }

  /** A changed cell's XML (`s`: its final style, stileFinale). */
  private testoCella(r: number, c: number, s: number, x: CellaNuova, vecchio: string | null): string {
    const p = this.indice.prefisso;
    if (x.valore === undefined && vecchio !== null) {
      const tag = /^<[^>]*>/.exec(vecchio)![0];
      return conAttributo(tag, "s", s ? String(s) : null) + vecchio.slice(tag.length);
    }
    const attr = `r="${a1(r, c)}"${s ? ` s="${s}"` : ""}`;
    const v = x.valore ?? { tipo: "vuoto" };
    switch (v.tipo) {
      case "vuoto":
        return `<${p}c ${attr}/>`;
      case "numero":
        return `<${p}c ${attr}><${p}v>${numero(v.n)}</${p}v></${p}c>`;
      case "testo":
        return v.s === ""
          ? `<${p}c ${attr}/>`
          : `<${p}c ${attr} t="inlineStr"><${p}is><${p}t xml:space="preserve">${perTesto(perXstring(v.s))}</${p}t></${p}is></${p}c>`;
      case "formula": {
        const f = `<${p}f>${perTesto(ModificheFoglio.formula(v, r).replace(/^=/, ""))}</${p}f>`;
        return typeof v.valore === "number"
          ? `<${p}c ${attr}>${f}<${p}v>${numero(v.valore)}</${p}v></${p}c>`
          : `<${p}c ${attr} t="str">${f}<${p}v>${perTesto(perXstring(v.valore))}</${p}v></${p}c>`;
      }
    }
  }
}

/** A number as xsd:double text; non-finite numbers cannot be stored. */
function numero(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Valore non numerico: ${n}`);
  return String(n);
}
