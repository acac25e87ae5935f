/**
 * styles.xml: what reading needs (each cell style's number format, resolved as ExcelJS does: the
 * file's <numFmt> or Excel's built-in code for the id) and what Barometro adds — number formats,
 * solid fills, fonts, cell styles (xf) and the dxf of its conditional-format rules. Existing entries
 * are never changed: a cell that needs another look gets a new xf (or an identical one already
 * there), so no other cell sharing its style changes. New entries are appended to their list; the
 * rest of the part is kept as its own text.
 */
import { applicaModifiche, conAttributo, Modifica, perAttributo } from "./xml";
import type { Pacchetto } from "./pacchetto";

/** Excel's built-in number formats (the ids a file may use without declaring them), as ExcelJS knows them. */
export const FORMATI_PREDEFINITI: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Whether a number format shows a date or a time (ExcelJS's test: such cells are read as dates). */
export function isFormatoData(formato: string | null): boolean {
  if (!formato) return false;
  const f = formato.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]+/.test(f);
}

interface Lista {
  /** Offset of the list element's start tag and just after it (or after "/>"). */
  inizio: number;
  fineApertura: number;
  /** Offset of its end tag (where new children go); -1 for a self-closing list. */
  chiusura: number;
  autochiuso: boolean;
  /** Children as text, in order. */
  voci: string[];
}

const ORDINE_STILI = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

/**
 * The order of <font>'s children. ECMA-376 Part 1 (CT_Font) allows them in any order (a repeated
 * choice), but the schemas Office validates with (the Open XML SDK's) require this sequence, which
 * is the order Excel writes; other writers do not keep it (ExcelJS puts <sz> after <color>,
 * openpyxl <name> first). A font Barometro adds is written in this order.
 */
const ORDINE_CARATTERE = [
  "b",
  "i",
  "strike",
  "condense",
  "extend",
  "outline",
  "shadow",
  "u",
  "vertAlign",
  "sz",
  "color",
  "name",
  "family",
  "charset",
  "scheme",
];

/** The font of a styles part that has none (Excel's default, children in ORDINE_CARATTERE). */
const CARATTERE_PREDEFINITO = '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>';

/** A font's text with its children in ORDINE_CARATTERE (unknown ones last, as they were). */
export function carattereOrdinato(font: string): string {
  const apertura = /^<[^>]*>/.exec(font)![0];
  if (apertura.endsWith("/>")) return font;
  const chiusura = font.slice(font.lastIndexOf("</"));
  const corpo = font.slice(apertura.length, font.length - chiusura.length);
  const figli = [...corpo.matchAll(/<([\w.-]+:)?([\w.-]+)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1?\2\s*>)/g)];
  const posto = (nome: string) => {
    const i = ORDINE_CARATTERE.indexOf(nome);
    return i < 0 ? ORDINE_CARATTERE.length : i;
  };
  const ordinati = figli
    .map((m, i) => ({ testo: m[0], posto: posto(m[2]), i }))
    .sort((x, y) => x.posto - y.posto || x.i - y.i);
  return apertura + ordinati.map((f) => f.testo).join("") + chiusura;
}

/** What a cell's new look changes of its xf. */
export interface CambioStile {
  formato?: string;
  /** "#RRGGBB" solid fill, or null for no fill. */
  riempimento?: string | null;
  carattere?: { grassetto?: boolean; dimensione?: number };
  /** Wrapped text aligned at the top. */
  aCapo?: boolean;
}

export class Stili {
  private readonly liste = new Map<string, Lista>();
  /** numFmtId → code of the file's own formats. */
  private readonly formati = new Map<number, string>();
  /** cellXfs' attributes, by index. */
  private readonly xf: Record<string, string>[] = [];
  private readonly nuoveVoci = new Map<string, string[]>();
  private readonly indiceXf = new Map<string, number>();
  private readonly indiceVoci = new Map<string, Map<string, number>>();
  private prossimoFormato = 164;
  private cambiato = false;
  /** The prefix of SpreadsheetML's namespace on the part's root ("x:", or "" for the default namespace). */
  private prefisso = "";

  private constructor(
    readonly parte: string | null,
    private readonly xml: string
  ) {}

  static async leggi(pacchetto: Pacchetto, parte: string | null): Promise<Stili> {
    const xml = parte ? ((await pacchetto.testo(parte)) ?? "") : "";
    const s = new Stili(parte, xml);
    if (xml) s.analizza(pacchetto);
    return s;
  }

  private analizza(pacchetto: Pacchetto): void {
    const xml = this.xml;
    let lista: Lista | null = null;
    let nomeLista = "";
    pacchetto.leggiXml(this.parte!, xml, {
      apre: (el, p) => {
        if (p === 0) this.prefisso = el.qnome.slice(0, el.qnome.length - el.nome.length);
        else if (p === 1) {
          nomeLista = el.nome;
          lista = {
            inizio: el.inizio,
            fineApertura: el.fineApertura,
            chiusura: -1,
            autochiuso: el.autochiuso,
            voci: [],
          };
          this.liste.set(el.nome, lista);
        } else if (p === 2 && nomeLista === "numFmts" && el.nome === "numFmt") {
          const id = Number(el.attributi.numFmtId);
          this.formati.set(id, el.attributi.formatCode ?? "");
          if (id >= this.prossimoFormato) this.prossimoFormato = id + 1;
        } else if (p === 2 && nomeLista === "cellXfs" && el.nome === "xf") this.xf.push(el.attributi);
      },
      chiude: (el, fine, p) => {
        if (p === 2 && lista) lista.voci.push(xml.slice(el.inizio, fine));
        else if (p === 1 && lista) {
          if (!lista.autochiuso) lista.chiusura = xml.lastIndexOf("<", fine - 1);
          lista = null;
        }
      },
    });
  }

  /** The number format of a cell style, as ExcelJS reports it: none for style 0 or numFmtId 0. */
  formatoDi(s: number): string | null {
    if (!s) return null;
    const id = Number(this.xf[s]?.numFmtId ?? 0);
    if (!id) return null;
    return this.formati.get(id) ?? FORMATI_PREDEFINITI[id] ?? null;
  }

  /** Number of cellXfs (styles a cell may use). */
  get numeroXf(): number {
    return (this.liste.get("cellXfs")?.voci.length ?? 0) + (this.nuoveVoci.get("cellXfs")?.length ?? 0);
  }

  private voce(lista: string, i: number): string | undefined {
    const vecchie = this.liste.get(lista)?.voci ?? [];
    return i < vecchie.length ? vecchie[i] : this.nuoveVoci.get(lista)?.[i - vecchie.length];
  }

  private conta(lista: string): number {
    return (this.liste.get(lista)?.voci.length ?? 0) + (this.nuoveVoci.get(lista)?.length ?? 0);
  }

  /** Markup Barometro writes, with the part's prefix on every element (a part may use "x:" and no default namespace). */
  private conPrefisso(testo: string): string {
    return this.prefisso ? testo.replace(/<(\/?)(?=[A-Za-z])/g, `<$1${this.prefisso}`) : testo;
  }

  /** Index of an entry with exactly this text (as the part writes it) in a list, appending it when there is none. */
  private aggiungi(lista: string, testo: string): number {
    let indice = this.indiceVoci.get(lista);
    if (!indice) {
      indice = new Map();
      (this.liste.get(lista)?.voci ?? []).forEach((v, i) => {
        if (!indice!.has(v)) indice!.set(v, i);
      });
      this.indiceVoci.set(lista, indice);
    }
    const trovato = indice.get(testo);
    if (trovato !== undefined) return trovato;
    const n = this.conta(lista);
    const nuove = this.nuoveVoci.get(lista) ?? [];
    nuove.push(testo);
    this.nuoveVoci.set(lista, nuove);
    indice.set(testo, n);
    this.cambiato = true;
    return n;
  }

  private idFormato(formato: string): number {
    for (const [id, f] of this.formati) if (f === formato) return id;
    for (const [id, f] of Object.entries(FORMATI_PREDEFINITI)) if (f === formato) return Number(id);
    const id = this.prossimoFormato++;
    this.formati.set(id, formato);
    this.aggiungi("numFmts", this.conPrefisso(`<numFmt numFmtId="${id}" formatCode="${perAttributo(formato)}"/>`));
    return id;
  }

  private idRiempimento(colore: string | null): number {
    if (colore === null) return 0;
    const argb = `FF${colore.replace("#", "").toUpperCase()}`;
    this.assicuraRiempimentiPredefiniti();
    return this.aggiungi(
      "fills",
      this.conPrefisso(
        `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor rgb="${argb}"/></patternFill></fill>`
      )
    );
  }

  /** Excel reserves fills 0 (none) and 1 (gray125): a styles part without them gets them first. */
  private assicuraRiempimentiPredefiniti(): void {
    if (this.conta("fills") > 0) return;
    this.aggiungi("fills", this.conPrefisso('<fill><patternFill patternType="none"/></fill>'));
    this.aggiungi("fills", this.conPrefisso('<fill><patternFill patternType="gray125"/></fill>'));
  }

  /** A copy of font `base` in bold and/or at this size, its children in the schema's order. */
  private idCarattere(base: number, c: { grassetto?: boolean; dimensione?: number }): number {
    const p = this.prefisso;
    let font = this.voce("fonts", base) ?? this.conPrefisso(CARATTERE_PREDEFINITO);
    if (/^<[^>]*\/>$/.test(font)) font = `${font.slice(0, -2).replace(/\s+$/, "")}></${p}font>`;
    const q = p.replace(/[.-]/g, "\\$&");
    const figlio = (nome: string) => new RegExp(`<${q}${nome}\\b[^>]*?(?:\\/>|>[^<]*<\\/${q}${nome}\\s*>)`);
    const nuovi: string[] = [];
    if (c.dimensione !== undefined) {
      font = font.replace(figlio("sz"), "");
      nuovi.push(`<${p}sz val="${c.dimensione}"/>`);
    }
    if (c.grassetto && !new RegExp(`<${q}b(\\s+val="(1|true)")?\\s*\\/>`).test(font)) {
      font = font.replace(figlio("b"), "");
      nuovi.push(`<${p}b/>`);
    }
    const fine = font.lastIndexOf("</");
    return this.aggiungi("fonts", carattereOrdinato(font.slice(0, fine) + nuovi.join("") + font.slice(fine)));
  }

  /**
   * The xf for a cell whose style is `s` with this change: an existing xf with exactly that text,
   * or a new one (a copy of `s` with the change). Style `s` itself is never changed.
   */
  stileCon(s: number, cambio: CambioStile): number {
    const chiave = `${s}\u0000${JSON.stringify(cambio)}`;
    const giaFatto = this.indiceXf.get(chiave);
    if (giaFatto !== undefined) return giaFatto;
    if (this.conta("cellXfs") === 0) this.assicuraBase();
    let xf = this.voce("cellXfs", s) ?? this.voce("cellXfs", 0)!;
    let tag = /^<[^>]*>/.exec(xf)![0];
    let corpo = xf.slice(tag.length);
    if (cambio.formato !== undefined) {
      tag = conAttributo(
        conAttributo(tag, "numFmtId", String(this.idFormato(cambio.formato))),
        "applyNumberFormat",
        "1"
      );
    }
    if (cambio.riempimento !== undefined) {
      tag = conAttributo(
        conAttributo(tag, "fillId", String(this.idRiempimento(cambio.riempimento))),
        "applyFill",
        cambio.riempimento === null ? null : "1"
      );
    }
    if (cambio.carattere) {
      const base = Number(/\sfontId="(\d+)"/.exec(tag)?.[1] ?? 0);
      tag = conAttributo(
        conAttributo(tag, "fontId", String(this.idCarattere(base, cambio.carattere))),
        "applyFont",
        "1"
      );
    }
    if (cambio.aCapo) {
      tag = conAttributo(tag, "applyAlignment", "1");
      const p = this.prefisso;
      if (tag.endsWith("/>")) {
        tag = tag.slice(0, -2).replace(/\s+$/, "") + ">";
        corpo = `</${p}xf>`;
      }
      const allineamento = /<([\w.-]+:)?alignment\b[^>]*?\/?>/.exec(corpo);
      if (allineamento) {
        let a = conAttributo(conAttributo(allineamento[0], "wrapText", "1"), "vertical", "top");
        if (!a.endsWith("/>") && !/<\/([\w.-]+:)?alignment>/.test(corpo)) a = a.slice(0, -1) + "/>";
        corpo = corpo.replace(allineamento[0], a);
      } else corpo = `<${p}alignment vertical="top" wrapText="1"/>${corpo}`;
    }
    xf = tag + corpo;
    const n = this.aggiungi("cellXfs", xf);
    this.indiceXf.set(chiave, n);
    return n;
  }

  /** A minimal set of lists for a styles part that lacks them. */
  private assicuraBase(): void {
    if (this.conta("fonts") === 0) this.aggiungi("fonts", this.conPrefisso(CARATTERE_PREDEFINITO));
    this.assicuraRiempimentiPredefiniti();
    if (this.conta("borders") === 0)
      this.aggiungi("borders", this.conPrefisso("<border><left/><right/><top/><bottom/><diagonal/></border>"));
    if (this.conta("cellXfs") === 0)
      this.aggiungi("cellXfs", this.conPrefisso('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'));
  }

  /** The dxf of a conditional-format rule's solid fill. */
  dxfRiempimento(colore: string): number {
    const argb = `FF${colore.replace("#", "").toUpperCase()}`;
    return this.aggiungi(
      "dxfs",
      this.conPrefisso(
        `<dxf><fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor rgb="${argb}"/></patternFill></fill></dxf>`
      )
    );
  }

  /** The part's text with the new entries (null when nothing was added). */
  testo(): string | null {
    if (!this.cambiato) return null;
    const xml =
      this.xml ||
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></styleSheet>';
    const modifiche: Modifica[] = [];
    const fine = xml.lastIndexOf("</");
    for (const nome of ORDINE_STILI) {
      const nuove = this.nuoveVoci.get(nome);
      if (!nuove) continue;
      const lista = this.liste.get(nome);
      const totale = (lista?.voci.length ?? 0) + nuove.length;
      if (lista && !lista.autochiuso) {
        modifiche.push({ da: lista.chiusura, a: lista.chiusura, testo: nuove.join("") });
        const apertura = xml.slice(lista.inizio, lista.fineApertura);
        modifiche.push({
          da: lista.inizio,
          a: lista.fineApertura,
          testo: conAttributo(apertura, "count", String(totale)),
        });
      } else {
        const p = this.prefisso;
        const testo = `<${p}${nome} count="${totale}">${nuove.join("")}</${p}${nome}>`;
        if (lista) modifiche.push({ da: lista.inizio, a: lista.fineApertura, testo });
        else {
          // Before the first list that comes after it in the schema's order.
          const dopo = ORDINE_STILI.slice(ORDINE_STILI.indexOf(nome) + 1)
            .map((n) => this.liste.get(n)?.inizio)
            .find((x) => x !== undefined);
          const pos = dopo ?? fine;
          modifiche.push({ da: pos, a: pos, testo });
        }
      }
    }
    // Lists created at the same offset keep the schema's order (applicaModifiche keeps the given order).
    return applicaModifiche(xml, modifiche);
  }
}
