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
