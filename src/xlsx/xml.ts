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

/**
 * Walks an XML part, given whole or in pieces; throws (saxes' error) on malformed XML. In pieces
 * (a big part decoded a piece at a time), elements have no `inizio` (-1): offsets are for splicing
 * a part held whole.
 */
export function percorri(xml: string | Iterable<string>, a: Ascoltatore): void {
  const intero = typeof xml === "string" ? xml : null;
  const parser = new SaxesParser({ xmlns: false, position: true });
  const pila: ElementoXml[] = [];
  let inizio = 0;
  parser.on("opentagstart", () => {
    // After the name: the "<" is the last one before here (no "<" can occur inside a start tag's name).
    inizio = intero === null ? -1 : intero.lastIndexOf("<", parser.position - 1);
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
  if (intero !== null) parser.write(intero);
  else for (const pezzo of xml) parser.write(pezzo);
  parser.close();
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

/**
 * One change to a part's text: replace [da, a) with `testo` (a === da: an insertion); a function
 * makes the text only when it is written out.
 */
export interface Modifica {
  da: number;
  a: number;
  testo: string | (() => string);
}

/**
 * Applies non-overlapping changes to a text in one pass. Insertions at the same offset keep the
 * order they were given in.
 */
export function applicaModifiche(xml: string, modifiche: readonly Modifica[]): string {
  return modifiche.length === 0 ? xml : [...pezziModificati(xml, modifiche)].join("");
}

/**
 * The text with the changes, as the pieces to join (slices of the text and the new texts, in
 * order), made as they are taken. `inOrdine`: more replacements already in the order of their
 * offsets (a big sheet's cells, walked once rather than sorted), each after the insertions at its
 * start. Overlapping changes are an error.
 */
export function* pezziModificati(
  xml: string,
  modifiche: readonly Modifica[],
  inOrdine: Iterable<Modifica> = []
): Generator<string> {
  // A stable sort: insertions at one offset keep their order.
  const ordinate = [...modifiche].sort((x, y) => x.da - y.da || x.a - y.a);
  const altre = inOrdine[Symbol.iterator]();
  let prossima = altre.next();
  let pos = 0;
  let k = 0;
  for (;;) {
    // The next change of either list: a sorted one first when it starts before the other, or is an
    // insertion at its start.
    let m: Modifica;
    const o = k < ordinate.length ? ordinate[k] : null;
    if (!prossima.done && !(o && (o.da < prossima.value.da || (o.da === prossima.value.da && o.a === o.da)))) {
      m = prossima.value;
      prossima = altre.next();
    } else if (o) {
      m = o;
      k++;
    } else break;
    if (m.da < pos) throw new Error(`Modifiche sovrapposte a ${m.da}`);
    yield xml.slice(pos, m.da);
    yield typeof m.testo === "string" ? m.testo : m.testo();
    pos = m.a;
  }
  yield xml.slice(pos);
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
