/** Helpers of the lossless tests: zip entries compared, parts split into elements and cells. */
import { execFileSync } from "child_process";
import JSZip from "jszip";
import { percorri } from "../../src/xlsx/xml";

export const PYTHON = "/usr/bin/python3";

/** Every entry's compressed bytes as JSZip holds them (what "copied byte for byte" means in a zip). */
export async function voci(dati: Buffer): Promise<Map<string, { crudo: Buffer | null; testo: Buffer }>> {
  const zip = await JSZip.loadAsync(dati);
  const out = new Map<string, { crudo: Buffer | null; testo: Buffer }>();
  for (const [nome, f] of Object.entries(zip.files)) {
    if (f.dir) continue;
    const dati = (f as unknown as { _data?: { compressedContent?: Uint8Array } })._data;
    out.set(nome, {
      crudo: dati?.compressedContent ? Buffer.from(dati.compressedContent) : null,
      testo: await f.async("nodebuffer"),
    });
  }
  return out;
}

/** The cells of a worksheet part, by address, as their XML text. */
export function celleXml(xml: string): Map<string, string> {
  const celle = new Map<string, string>();
  percorri(xml, {
    chiude: (el, fine, p) => {
      if (p === 3 && el.nome === "c") celle.set(el.attributi.r, xml.slice(el.inizio, fine));
    },
  });
  return celle;
}

/** Top-level children of a part's root, as [local name, XML text]. */
export function figli(xml: string): [string, string][] {
  const out: [string, string][] = [];
  percorri(xml, {
    chiude: (el, fine, p) => {
      if (p === 1) out.push([el.nome, xml.slice(el.inizio, fine)]);
    },
  });
  return out;
}

/** Grandchildren of the root grouped by their parent's name (styles.xml lists), as XML text. */
export function liste(xml: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let corrente = "";
  percorri(xml, {
    apre: (el, p) => {
      if (p === 1) {
        corrente = el.nome;
        out.set(corrente, out.get(corrente) ?? []);
      }
    },
    chiude: (el, fine, p) => {
      if (p === 2) out.get(corrente)!.push(xml.slice(el.inizio, fine));
    },
  });
  return out;
}

/** openpyxl opens the file with warnings turned into errors (but `ignora`); prints what the script asks. */
export function conOpenpyxl(file: string, script: string, ignora?: string): string {
  // `ignora`: a warning openpyxl gives on the input as well (an extension it does not read).
  const filtro = ignora ? `\nwarnings.filterwarnings("ignore", message=${JSON.stringify(ignora)})` : "";
  return execFileSync(
    PYTHON,
    [
      "-c",
      `import sys, warnings, openpyxl\nwarnings.simplefilter("error")${filtro}\nwb = openpyxl.load_workbook(sys.argv[1])\n${script}`,
      file,
    ],
    { encoding: "utf8" }
  );
}
