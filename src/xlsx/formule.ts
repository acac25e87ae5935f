/**
 * Shared formulas: Excel stores a formula filled down or across once, in its first cell
 * (<f t="shared" ref="E7:E40" si="0">C7-D7</f>), and the other cells point at it by si. Office.js
 * reports each cell's own formula, its relative references moved by the cell's offset: so does this.
 */

const COLONNE_MAX = 16384;
const RIGHE_MAX = 1048576;

function numeroColonna(lettere: string): number {
  let n = 0;
  for (let i = 0; i < lettere.length; i++) n = n * 26 + (lettere.charCodeAt(i) | 32) - 96;
  return n;
}

function lettereColonna(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * Tokens that are not references (strings, quoted sheet names, structured references) are kept;
 * A1 references, column ranges (A:C) and row ranges (3:5) are moved where not absolute ($).
 */
const TOKEN =
  /("(?:[^"]|"")*")|('(?:[^']|'')*')|(\[[^\]]*\])|(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3})(?![\w.(!])|(\$?\d+):(\$?\d+)(?![\w.(])|(\$?[A-Za-z_\\][\w.]*(?:\$\d+)?)(?=([(!]?))/g;

const RIF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;

/** A formula (without "=") as it reads in a cell `dr` rows and `dc` columns from where it is written. */
export function spostaFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  const colonna = (t: string) => {
    if (t.startsWith("$")) return t;
    const n = numeroColonna(t) + dc;
    return n < 1 || n > COLONNE_MAX ? "#REF!" : lettereColonna(n);
  };
  const riga = (t: string) => {
    if (t.startsWith("$")) return t;
    const n = Number(t) + dr;
    return n < 1 || n > RIGHE_MAX ? "#REF!" : String(n);
  };
  // Tokens are matched left to right; whatever lies between them (operators, numbers) stays.
  return formula.replace(TOKEN, (m, str, foglio, strutt, c1, c2, r1, r2, nome, dopo, offset: number, tutto: string) => {
    if (str || foglio || strutt) return m;
    if (c1 !== undefined) return `${colonna(c1)}:${colonna(c2)}`;
    if (r1 !== undefined) {
      // "1.5:2" is not a row range: a number just before it.
      const prima = tutto[offset - 1];
      if (prima !== undefined && /[\w.]/.test(prima)) return m;
      return `${riga(r1)}:${riga(r2)}`;
    }
    if (dopo === "(" || dopo === "!") return m; // a function or a sheet name
    const prima = offset > 0 ? tutto[offset - 1] : "";
    if (prima && /[\w.]/.test(prima)) return m;
    const r = RIF.exec(nome);
    if (!r) return m;
    const [, dollaroC, lettere, dollaroR, numero] = r;
    if (numeroColonna(lettere) > COLONNE_MAX) return m; // a name such as "TAX2024"
    const c = dollaroC ? `$${lettere}` : colonna(lettere);
    const rr = dollaroR ? `$${numero}` : riga(numero);
    if (c === "#REF!" || rr === "#REF!") return "#REF!";
    return `${c}${rr}`;
  });
}
