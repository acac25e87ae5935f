/**
 * One worksheet part read in one SAX pass: the grid the layout reader takes (as the ExcelJS path
 * builds it, test/support/griglia-exceljs.ts), and where every row, cell and top-level element sits in the
 * part's text, so that a write replaces only the cells and elements Barometro owns.
 */
import { ValoreCella } from "../engine";
import { Area, SheetGrid } from "../layout/griglia";
import { spostaFormula } from "./formule";
import { isFormatoData, Stili } from "./stili";
import type { Pacchetto } from "./pacchetto";
import { daXstring } from "./xml";

/** A conditional-format rule as it stands in the part. */
export interface RegolaFoglio {
  /** Its <conditionalFormatting> element (index into IndiceFoglio.formattazioni). */
  gruppo: number;
  inizio: number;
  fine: number;
  tipo: string;
  /** Its first <formula>, as written (no "="); null when none. */
  formula: string | null;
  priorita: number;
}

export interface GruppoFormattazione {
  inizio: number;
  fine: number;
  regole: number;
}

/** Positions in a worksheet part: what a write splices. */
export interface IndiceFoglio {
  xml: string;
  /** Top-level children of <worksheet>, in order: local name, start and end offsets. */
  elementi: { nome: string; inizio: number; fine: number; fineApertura: number; autochiuso: boolean }[];
  /** Rows of sheetData in order: 1-based number and offsets. */
  righe: {
    r: number;
    inizio: number;
    fineApertura: number;
    fine: number;
    autochiusa: boolean;
    primaCella: number;
    celle: number;
    /** The row's own style (customFormat="1"), which a new cell in it takes; 0 when none. */
    stile: number;
    /** Its height in points when set (ht). */
    altezza: number | null;
  }[];
  /**
   * Cells in order (parallel typed arrays, one entry per <c>): 0-based row and column, offsets,
   * style, whether it holds something (1) or not (0). Typed: a million cells cost 21 bytes each and
   * nothing for the garbage collector to walk.
   */
  riga: Int32Array;
  colonna: Int32Array;
  inizio: Int32Array;
  fine: Int32Array;
  stile: Int32Array;
  pieno: Uint8Array;
  formattazioni: GruppoFormattazione[];
  regole: RegolaFoglio[];
  /** Shared formulas by si: the cell holding the text and the cells pointing at it (cell indices). */
  condivise: Map<string, { master: number; altre: number[] }>;
  /** <col> ranges with their style (0-based, inclusive). */
  colonne: { min: number; max: number; stile: number; larghezza: number | null }[];
  /** Prefix of the SpreadsheetML elements in this part ("" or "x:"). */
  prefisso: string;
  /** Offset of </worksheet>. */
  chiusura: number;
}

export interface FoglioLetto {
  griglia: SheetGrid;
  indice: IndiceFoglio;
  protetto: boolean;
  /** r:id of its <drawing>, if any. */
  disegno: string | null;
}

const NUMERO_COLONNA = (lettere: string) => {
  let n = 0;
  for (let i = 0; i < lettere.length; i++) n = n * 26 + (lettere.charCodeAt(i) | 32) - 96;
  return n;
};

/** "B7" → [6, 1]; null when not an address. */
export function coordinate(rif: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(rif);
  return m ? [Number(m[2]) - 1, NUMERO_COLONNA(m[1]) - 1] : null;
}

function area(rif: string): Area | null {
  const [a, b = a] = rif.split(":");
  const p = coordinate(a);
  const q = coordinate(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p[0], q[0]),
    left: Math.min(p[1], q[1]),
    bottom: Math.max(p[0], q[0]),
    right: Math.max(p[1], q[1]),
  };
}

/** Excel's serial number (1900 or 1904 system) → Date, as ExcelJS converts it. */
function daSeriale(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/**
 * An ISO 8601 date of a t="d" cell → Date. Dates in a sheet carry no time zone: one without an
 * offset is UTC, as the serial-number path reads it (ECMAScript would read a date-time as local).
 */
function daIso(v: string): Date {
  return new Date(/T/.test(v) && !/(Z|[+-]\d\d(:?\d\d)?)$/i.test(v) ? `${v}Z` : v);
}

export function leggiFoglio(
  pacchetto: Pacchetto,
  parte: string,
  xml: string,
  nome: string,
  stili: Stili,
  stringhe: readonly string[],
  date1904: boolean
): FoglioLetto {
  const indice: IndiceFoglio = {
    xml,
    elementi: [],
    righe: [],
    riga: new Int32Array(0),
    colonna: new Int32Array(0),
    inizio: new Int32Array(0),
    fine: new Int32Array(0),
    stile: new Int32Array(0),
    pieno: new Uint8Array(0),
    formattazioni: [],
    regole: [],
    condivise: new Map(),
    colonne: [],
    prefisso: "",
    chiusura: xml.length,
  };
  const valori: ValoreCella[][] = [];
  const formati: (string | null)[][] = [];
  const formule: (string | null)[][] = [];
  const merges: Area[] = [];
  let protetto = false;
  let disegno: string | null = null;

  // The cell being read.
  let rigaCorrente = 0;
  let colonnaPrec = -1;
  let cr = 0;
  let cc = 0;
  let cs = 0;
  let ct = "";
  let inizioCella = 0;
  let valore: string | null = null;
  let formula: string | null = null;
  let fAttr: Record<string, string> | null = null;
  let testoInline: string | null = null;
  let dove = ""; // "v", "f", "t" (inline string text), "" elsewhere
  let inRPh = 0;
  let inFormula = false;
  let regola: RegolaFoglio | null = null;
  let inCella = false;
  /** Shared formulas by si: text and 0-based position of the cell that holds it. */
  const condivise = new Map<string, { testo: string; r: number; c: number }>();

  const celle = new CelleInLettura();
  const chiudiCella = (fine: number) => {
    const i = celle.aggiungi(cr, cc, inizioCella, fine, cs);
    const righe = indice.righe;
    if (righe.length > 0) {
      const r = righe[righe.length - 1];
      if (r.celle === 0) r.primaCella = i;
      r.celle++;
    }
    let testoFormula: string | null = null;
    if (fAttr) {
      if (fAttr.t === "shared" && fAttr.si !== undefined) {
        let gruppo = indice.condivise.get(fAttr.si);
        if (!gruppo) indice.condivise.set(fAttr.si, (gruppo = { master: -1, altre: [] }));
        if (formula) {
          condivise.set(fAttr.si, { testo: formula, r: cr, c: cc });
          gruppo.master = i;
        } else {
          gruppo.altre.push(i);
          const m = condivise.get(fAttr.si);
          if (m) testoFormula = spostaFormula(m.testo, cr - m.r, cc - m.c);
        }
      }
      if (testoFormula === null && formula) testoFormula = formula;
    }
    let v: ValoreCella = null;
    const formato = stili.formatoDi(cs);
    if (valore !== null || testoInline !== null) {
      switch (ct) {
        case "s":
          v = stringhe[Number(valore)] ?? null;
          break;
        case "inlineStr":
          v = daXstring(testoInline ?? valore ?? "");
          break;
        case "str":
          v = valore === null ? null : daXstring(valore);
          break;
        case "b":
          v = Number(valore) !== 0;
          break;
        case "e":
          v = valore;
          break;
        case "d":
          v = valore === null ? null : daIso(valore);
          break;
        default: {
          const n = parseFloat(valore ?? "");
          v = isFormatoData(formato) ? daSeriale(n, date1904) : n;
        }
      }
    }
    if (v !== null || testoFormula !== null) celle.pieno[i] = 1;
    if (v === null && testoFormula === null) return;
    (valori[cr] ??= [])[cc] = v;
    (formati[cr] ??= [])[cc] = formato;
    (formule[cr] ??= [])[cc] = testoFormula === null ? null : `=${testoFormula}`;
  };

  pacchetto.leggiXml(parte, xml, {
    apre: (el, p) => {
      if (p === 0) {
        const i = el.qnome.indexOf(":");
        indice.prefisso = i < 0 ? "" : el.qnome.slice(0, i + 1);
        return;
      }
      const n = el.nome;
      if (p === 1) {
        if (n === "sheetProtection") protetto = el.attributi.sheet === "1" || el.attributi.sheet === "true";
        else if (n === "drawing") disegno = el.attributi["r:id"] ?? null;
        else if (n === "conditionalFormatting") indice.formattazioni.push({ inizio: el.inizio, fine: -1, regole: 0 });
        return;
      }
      if (p === 2 && n === "row") {
        rigaCorrente = el.attributi.r ? Number(el.attributi.r) : rigaCorrente + 1;
        colonnaPrec = -1;
        indice.righe.push({
          r: rigaCorrente,
          inizio: el.inizio,
          fineApertura: el.fineApertura,
          fine: el.fineApertura,
          autochiusa: el.autochiuso,
          primaCella: celle.n,
          celle: 0,
          stile:
            el.attributi.customFormat === "1" || el.attributi.customFormat === "true" ? Number(el.attributi.s ?? 0) : 0,
          altezza: el.attributi.ht === undefined ? null : Number(el.attributi.ht),
        });
        return;
      }
      if (p === 3 && n === "c") {
        const pos = el.attributi.r ? coordinatePrecise(el.attributi.r) : null;
        cr = pos ? pos[0] : rigaCorrente - 1;
        cc = pos ? pos[1] : colonnaPrec + 1;
        colonnaPrec = cc;
        cs = el.attributi.s ? parseInt(el.attributi.s, 10) || 0 : 0;
        ct = el.attributi.t ?? "n";
        inizioCella = el.inizio;
        valore = null;
        formula = null;
        fAttr = null;
        testoInline = null;
        dove = "";
        inRPh = 0;
        inCella = true;
        return;
      }
      if (inCella) {
        if (dove === "x") return;
        if (n === "v") dove = "v";
        else if (n === "f") {
          dove = "f";
          fAttr = el.attributi;
        } else if (n === "rPh") inRPh++;
        else if (n === "t" && inRPh === 0) {
          dove = "t";
          testoInline ??= "";
        } else if (n === "extLst") dove = "x";
        return;
      }
      if (p === 2 && n === "col") {
        const larghezza = el.attributi.width === undefined ? null : Number(el.attributi.width);
        indice.colonne.push({
          min: Number(el.attributi.min ?? 1) - 1,
          max: Number(el.attributi.max ?? 1) - 1,
          stile: Number(el.attributi.style ?? 0),
          larghezza,
        });
      } else if (p === 2 && n === "mergeCell") {
        const a = area(el.attributi.ref ?? "");
        if (a) merges.push(a);
      } else if (p === 2 && n === "cfRule") {
        const g = indice.formattazioni.length - 1;
        indice.formattazioni[g].regole++;
        regola = {
          gruppo: g,
          inizio: el.inizio,
          fine: -1,
          tipo: el.attributi.type ?? "",
          formula: null,
          priorita: Number(el.attributi.priority ?? 0),
        };
      } else if (p === 3 && n === "formula" && regola && regola.formula === null) {
        inFormula = true;
        regola.formula = "";
      }
    },
    testo: (t) => {
      if (inFormula && regola) regola.formula += t;
      else if (dove === "v") valore = (valore ?? "") + t;
      else if (dove === "f") formula = (formula ?? "") + t;
      else if (dove === "t") testoInline += t;
    },
    chiude: (el, fine, p) => {
      const n = el.nome;
      if (p === 1) {
        indice.elementi.push({
          nome: n,
          inizio: el.inizio,
          fine,
          fineApertura: el.fineApertura,
          autochiuso: el.autochiuso,
        });
        if (n === "conditionalFormatting") indice.formattazioni[indice.formattazioni.length - 1].fine = fine;
      } else if (p === 0) indice.chiusura = xml.lastIndexOf("<", fine - 1);
      else if (p === 2 && n === "row") indice.righe[indice.righe.length - 1].fine = fine;
      else if (p === 3 && n === "c" && inCella) {
        inCella = false;
        chiudiCella(fine);
      } else if (inCella) {
        if (n === "rPh") inRPh--;
        else if (dove !== "x" || n === "extLst") dove = "";
      } else if (p === 2 && n === "cfRule" && regola) {
        regola.fine = fine;
        indice.regole.push(regola);
        regola = null;
      } else if (p === 3 && n === "formula") inFormula = false;
    },
  });

  Object.assign(indice, celle.finale());

  // Merged areas: the covered cells read as empty (their own number format stays), the top-left
  // cell keeps its value; covered cells count for the grid's size, an empty top-left does not.
  if (merges.length > 0) {
    // Rows covered by merged areas (linear: each cell looks only at the areas of its own row).
    const perRiga = new Map<number, Area[]>();
    for (const m of merges)
      for (let r = m.top; r <= m.bottom; r++) {
        const l = perRiga.get(r);
        if (l) l.push(m);
        else perRiga.set(r, [m]);
      }
    const stileDi = new Map<number, number>();
    for (let i = 0; i < indice.riga.length; i++) {
      const aree = perRiga.get(indice.riga[i]);
      const c = indice.colonna[i];
      if (aree?.some((m) => c >= m.left && c <= m.right)) stileDi.set(indice.riga[i] * 16384 + c, indice.stile[i]);
    }
    for (const m of merges)
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) {
          if (r === m.top && c === m.left) continue;
          (valori[r] ??= [])[c] = null;
          (formati[r] ??= [])[c] = stili.formatoDi(stileDi.get(r * 16384 + c) ?? 0);
          (formule[r] ??= [])[c] = null;
        }
  }

  let larghezza = 0;
  for (const riga of valori) if (riga && riga.length > larghezza) larghezza = riga.length;
  return {
    griglia: {
      name: nome,
      values: densa(valori, larghezza),
      numberFormats: densa(formati, larghezza),
      formulas: densa(formule, larghezza),
      merges,
    },
    indice,
    protetto,
    disegno,
  };
}

/** IndiceFoglio's cell arrays while the part is read: doubled when full, trimmed at the end. */
class CelleInLettura {
  n = 0;
  riga = new Int32Array(1024);
  colonna = new Int32Array(1024);
  inizio = new Int32Array(1024);
  fine = new Int32Array(1024);
  stile = new Int32Array(1024);
  pieno = new Uint8Array(1024);

  aggiungi(r: number, c: number, inizio: number, fine: number, stile: number): number {
    if (this.n === this.riga.length) this.cresci();
    const i = this.n++;
    this.riga[i] = r;
    this.colonna[i] = c;
    this.inizio[i] = inizio;
    this.fine[i] = fine;
    this.stile[i] = stile;
    return i;
  }

  private cresci(): void {
    const doppio = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.riga = doppio(this.riga);
    this.colonna = doppio(this.colonna);
    this.inizio = doppio(this.inizio);
    this.fine = doppio(this.fine);
    this.stile = doppio(this.stile);
    this.pieno = doppio(this.pieno);
  }

  finale(): Pick<IndiceFoglio, "riga" | "colonna" | "inizio" | "fine" | "stile" | "pieno"> {
    const n = this.n;
    return {
      riga: this.riga.slice(0, n),
      colonna: this.colonna.slice(0, n),
      inizio: this.inizio.slice(0, n),
      fine: this.fine.slice(0, n),
      stile: this.stile.slice(0, n),
      pieno: this.pieno.slice(0, n),
    };
  }
}

/** "B7" → [6, 1], fast path for the cell references of a sheet part. */
function coordinatePrecise(rif: string): [number, number] | null {
  let i = 0;
  let col = 0;
  let row = 0;
  for (; i < rif.length; i++) {
    const c = rif.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + c - 96;
  }
  for (; i < rif.length; i++) row = row * 10 + rif.charCodeAt(i) - 48;
  return col > 0 && row > 0 ? [row - 1, col - 1] : null;
}

function densa<T>(righe: (T | null | undefined)[][], larghezza: number): (T | null)[][] {
  const out: (T | null)[][] = new Array(righe.length);
  // Rows with nothing in them (a sheet's formulas, mostly) share one empty row, frozen: a reader
  // that changes a row copies it first (as the grid after a write does), one that does not fails.
  let vuota: (T | null)[] | null = null;
  for (let i = 0; i < righe.length; i++) {
    const sparsa = righe[i];
    let piena = false;
    if (sparsa !== undefined)
      for (let j = 0; j < sparsa.length && !piena; j++) piena = sparsa[j] !== null && sparsa[j] !== undefined;
    if (!piena) {
      out[i] = vuota ??= Object.freeze(new Array<T | null>(larghezza).fill(null)) as (T | null)[];
      continue;
    }
    const riga: (T | null)[] = new Array(larghezza).fill(null);
    for (let j = 0; j < sparsa.length; j++) riga[j] = sparsa[j] ?? null;
    out[i] = riga;
  }
  return out;
}
