/**
 * No cell text reaches the DOM as HTML: no source file under src/ uses an API that parses a string
 * as markup or as code. Cell text (line names, indicators, findings) is rendered by React as text
 * nodes only; test/e2e/workbench.test.ts checks it end to end with an <img onerror> in a cell.
 */
import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative, resolve } from "path";

const ROOT = resolve(__dirname, "../..");
const SRC = join(ROOT, "src");

/** Sinks that turn a string into markup or code. */
const VIETATI: { nome: string; re: RegExp }[] = [
  { nome: "dangerouslySetInnerHTML", re: /dangerouslySetInnerHTML/ },
  { nome: "innerHTML", re: /\binnerHTML\b/ },
  { nome: "outerHTML", re: /\bouterHTML\b/ },
  { nome: "insertAdjacentHTML", re: /\binsertAdjacentHTML\b/ },
  { nome: "document.write", re: /\bdocument\s*\.\s*write(ln)?\b/ },
  { nome: "createContextualFragment", re: /\bcreateContextualFragment\b/ },
  { nome: "DOMParser", re: /\bDOMParser\b/ },
  { nome: "srcdoc", re: /\bsrcdoc\b/i },
  { nome: "eval", re: /(^|[^\w.])eval\s*\(/ },
  { nome: "new Function", re: /\bnew\s+Function\s*\(/ },
  { nome: "javascript: URL", re: /javascript:/i },
];

function fileSorgente(cartella: string): string[] {
  return readdirSync(cartella).flatMap((nome) => {
    const percorso = join(cartella, nome);
    if (statSync(percorso).isDirectory()) return fileSorgente(percorso);
    return /\.(ts|tsx|js|jsx|mjs|cjs|html)$/.test(nome) ? [percorso] : [];
  });
}

describe("source code: no HTML or code sinks", () => {
  const file = fileSorgente(SRC);

  it("finds the sources (task pane, excel adapter, engine, workbench)", () => {
    const relativi = file.map((f) => relative(ROOT, f));
    expect(relativi).toEqual(
      expect.arrayContaining(["src/taskpane/App.tsx", "src/excel/office-access.ts", "src/workbench/SheetView.tsx"])
    );
  });

  it.each(VIETATI.map((v) => [v.nome, v.re] as const))("no %s in src/", (_nome, re) => {
    const trovati = file.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .map((riga, i) => ({ riga, i }))
        .filter(({ riga }) => re.test(riga))
        .map(({ riga, i }) => `${relative(ROOT, f)}:${i + 1}: ${riga.trim()}`)
    );
    expect(trovati).toEqual([]);
  });
});
