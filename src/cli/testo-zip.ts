import type JSZip from "jszip";

/**
 * A part of a package the command line edits with JSZip (print steps), read and written as UTF-8
 * bytes that Node decodes and encodes: JSZip 3.10 encodes a string 16K characters at a time and
 * breaks a surrogate pair (an emoji) that falls on the cut. Null when there is no such part.
 */
export async function testoParte(zip: JSZip, percorso: string): Promise<string | null> {
  const f = zip.file(percorso);
  return f ? (await f.async("nodebuffer")).toString("utf8") : null;
}

/** Writes a part's text as UTF-8 bytes encoded by Node (see testoParte). */
export function scriviParte(zip: JSZip, percorso: string, testo: string): void {
  zip.file(percorso, Buffer.from(testo, "utf8"));
}
