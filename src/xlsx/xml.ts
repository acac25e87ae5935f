/**
 * Small XML helpers for the lossless .xlsx access: a SAX walk over a whole part with the string
 * offsets of every element (saxes reports positions as indices into the JavaScript string), so
 * that a change is a splice of the part's own text, and escaping for the text Barometro adds.
 */
import { SaxesParser } from "saxes";

/** An element as the walk sees it: local name (prefix stripped), attributes as written (decoded). */
export interface ElementoXml {
  nome: string;
  /** Qualified name as written ("x:c", "c"). */
  qnome: string;
  attributi: Record<string, string>;
  /** Offset of its "<". */
  inizio: number;
  /** Offset just after the start tag's ">" (for a self-closing element, after "/>"). */
  fineApertura: number;
  autochiuso: boolean;
}

export interface Ascoltatore {
  apre?(el: ElementoXml, profondita: number): void;
  /** `fine`: offset just after the end tag (or the self-closing tag). */
  chiude?(el: ElementoXml, fine: number, profondita: number): void;
  testo?(testo: string): void;
}

/** Local name of a qualified name: "x:c" → "c". */
export function locale(qnome: string): string {
  const i = qnome.indexOf(":");
  return i < 0 ? qnome : qnome.slice(i + 1);
}

/** Walks a whole XML part; throws (saxes' error) on malformed XML. */
export function percorri(xml: string, a: Ascoltatore): void {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const pila: ElementoXml[] = [];
  let inizio = 0;
  parser.on("opentagstart", () => {
    // After the name: the "<" is the last one before here (no "<" can occur inside a start tag's name).
    inizio = xml.lastIndexOf("<", parser.position - 1);
  });
  parser.on("opentag", (tag) => {
    const el: ElementoXml = {
      nome: locale(tag.name),
      qnome: tag.name,
      attributi: tag.attributes as Record<string, string>,
      inizio,
      fineApertura: parser.position,
      autochiuso: tag.isSelfClosing,
    };
    pila.push(el);
    a.apre?.(el, pila.length - 1);
  });
  parser.on("closetag", () => {
    const el = pila.pop()!;
    a.chiude?.(el, parser.position, pila.length);
  });
  if (a.testo) {
    const testo = a.testo;
    parser.on("text", (t) => testo(t));
  }
  parser.write(xml).close();
}

/** Text made safe inside an element. */
export function perTesto(testo: string): string {
  return testo.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A cell text as written in a file (ECMA-376 Part 1, ST_Xstring) → the text Excel shows: each
 * `_xHHHH_` is the UTF-16 code unit HHHH (Excel writes a carriage return as `_x000D_`, a literal
 * "_x0041_" as `_x005F_x0041_`).
 */
export function daXstring(testo: string): string {
  if (!testo.includes("_x")) return testo;
  return testo.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * A cell text → ST_Xstring, the inverse of daXstring: what XML 1.0 cannot hold as it is (control
 * characters but tab and line feed, a carriage return, which XML reads back as a line feed, U+FFFE,
 * U+FFFF, unpaired surrogates) becomes `_xHHHH_`, and the "_" of a literal `_xHHHH_` `_x005F_`.
 * Still to be made safe for XML (perTesto).
 */
export function perXstring(testo: string): string {
  return testo.replace(
    // eslint-disable-next-line no-control-regex -- the control characters are what is escaped
    /_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
  );
}

/** Text made safe inside a double-quoted attribute. */
export function perAttributo(testo: string): string {
  return perTesto(testo).replace(/"/g, "&quot;");
}

/** One change to a part's text: replace [da, a) with `testo` (a === da: an insertion). */
export interface Modifica {
  da: number;
  a: number;
  testo: string;
}

/**
 * Applies non-overlapping changes to a text in one pass. Insertions at the same offset keep the
 * order they were given in.
 */
export function applicaModifiche(xml: string, modifiche: Modifica[]): string {
  return modifiche.length === 0 ? xml : pezziModificati(xml, modifiche).join("");
}

/** applicaModifiche's result as the pieces to join (slices of the text and the new texts, in order). */
export function pezziModificati(xml: string, modifiche: Modifica[]): string[] {
  if (modifiche.length === 0) return [xml];
  const ordinate = modifiche.map((m, i) => ({ m, i })).sort((x, y) => x.m.da - y.m.da || x.m.a - y.m.a || x.i - y.i);
  const parti: string[] = [];
  let pos = 0;
  for (const { m } of ordinate) {
    if (m.da < pos) throw new Error(`Modifiche sovrapposte a ${m.da}`);
    parti.push(xml.slice(pos, m.da), m.testo);
    pos = m.a;
  }
  parti.push(xml.slice(pos));
  return parti;
}

const REGEX_ATTRIBUTI = new Map<string, RegExp>();

/** A start tag's text with one attribute set (added at the end when absent) or removed (valore null). */
export function conAttributo(tag: string, nome: string, valore: string | null): string {
  let re = REGEX_ATTRIBUTI.get(nome);
  if (!re) {
    re = new RegExp(`(\\s)${nome.replace(/[:.]/g, "\\$&")}\\s*=\\s*("[^"]*"|'[^']*')`);
    REGEX_ATTRIBUTI.set(nome, re);
  }
  const m = re.exec(tag);
  if (m) {
    const nuovo = valore === null ? "" : `${m[1]}${nome}="${perAttributo(valore)}"`;
    return tag.slice(0, m.index) + nuovo + tag.slice(m.index + m[0].length);
  }
  if (valore === null) return tag;
  const fine = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, fine).replace(/\s+$/, "")} ${nome}="${perAttributo(valore)}"${tag.slice(fine)}`;
}
