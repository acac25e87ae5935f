import { SaxesParser, SaxesTagNS } from "saxes";

export type Elemento = SaxesTagNS;

/** Calls back for every element of a small XML document; a malformed one yields what came before the fault. */
export function perElemento(xml: string, elemento: (tag: Elemento) => void): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on("opentag", elemento);
  try {
    parser.write(xml).close();
  } catch {
    // A damaged part: what was read stands, the rest is ignored.
  }
}

/** An attribute's value (entities decoded), by local name and namespace ("" for an unprefixed attribute). */
export function attributo(tag: Elemento, locale: string, uri = ""): string | undefined {
  for (const a of Object.values(tag.attributes)) if (a.local === locale && a.uri === uri) return a.value;
  return undefined;
}

/** Text made safe inside a double-quoted XML attribute. */
export function perAttributo(testo: string): string {
  return testo.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
