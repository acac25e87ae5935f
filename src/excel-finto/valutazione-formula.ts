/**
 * Evaluating a parsed formula (formula-condizionale.ts parses it): Excel's values (errors as values,
 * empty cells, ranges), references relative to the rule's anchor, the operators and the functions
 * the evaluator knows. Anything else throws FormulaNonSupportata.
 */

/** An Excel error value: "#N/A", "#VALUE!", "#DIV/0!"… */
export class ErroreExcel {
  constructor(readonly codice: string) {}
  toString(): string {
    return this.codice;
  }
}

/** null is an empty cell. */
export type ValoreScalare = number | string | boolean | null | ErroreExcel;
export type ValoreFormula = ValoreScalare | ValoreScalare[];

export class FormulaNonSupportata extends Error {}

export interface ContestoFormula {
  /** The value of a cell of the rule's sheet, 0-based; null when empty. */
  valore(riga: number, colonna: number): number | string | boolean | null;
  /** Position of the evaluated cell relative to the rule's anchor (relative references move by it). */
  spostamento: { righe: number; colonne: number };
}

export const ERRORI = ["#N/A", "#VALUE!", "#DIV/0!", "#NUM!", "#REF!", "#NULL!", "#NAME?"];
export const N_A = new ErroreExcel("#N/A");
export const VALORE = new ErroreExcel("#VALUE!");
export const DIV0 = new ErroreExcel("#DIV/0!");

/** A parsed formula: its value in a context. */
export type Nodo = (c: ContestoFormula) => ValoreFormula;

interface Cella {
  riga: number;
  colonna: number;
  rigaAssoluta: boolean;
  colonnaAssoluta: boolean;
}

export function cellaDa(testo: string): Cella {
  const m = /^(\$?)([A-Za-z]+)(\$?)(\d+)$/.exec(testo) as RegExpExecArray;
  const colonna = m[2]
    .toUpperCase()
    .split("")
    .reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0);
  return { riga: Number(m[4]) - 1, colonna: colonna - 1, rigaAssoluta: m[3] === "$", colonnaAssoluta: m[1] === "$" };
}

export function riferimento(testo: string): Nodo {
  const [da, a] = testo.split(":").map(cellaDa);
  const sposta = (x: Cella, c: ContestoFormula) => ({
    riga: x.riga + (x.rigaAssoluta ? 0 : c.spostamento.righe),
    colonna: x.colonna + (x.colonnaAssoluta ? 0 : c.spostamento.colonne),
  });
  if (!a)
    return (c) => {
      const p = sposta(da, c);
      return p.riga < 0 || p.colonna < 0 ? new ErroreExcel("#REF!") : c.valore(p.riga, p.colonna);
    };
  return (c) => {
    const p = sposta(da, c);
    const q = sposta(a, c);
    const valori: ValoreScalare[] = [];
    for (let r = Math.min(p.riga, q.riga); r <= Math.max(p.riga, q.riga); r++)
      for (let k = Math.min(p.colonna, q.colonna); k <= Math.max(p.colonna, q.colonna); k++)
        valori.push(c.valore(r, k));
    return valori;
  };
}

/** A node Excel would accept or not, that this evaluator does not compute. */
export const nonSupportato =
  (motivo: string): Nodo =>
  () => {
    throw new FormulaNonSupportata(motivo);
  };

/** A range used where one value is expected: its first cell (enough for conditional formats). */
export function primo(v: ValoreFormula): ValoreScalare {
  return Array.isArray(v) ? (v[0] ?? null) : v;
}

export const elenco = (v: ValoreFormula): ValoreScalare[] => (Array.isArray(v) ? v : [v]);

export function testoDi(v: ValoreScalare): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

export function numeroDi(v: ValoreScalare): number | ErroreExcel {
  if (v instanceof ErroreExcel) return v;
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const n = Number(v.trim());
  return v.trim() !== "" && Number.isFinite(n) ? n : VALORE;
}

export function aritmetica(op: string, a: ValoreScalare, b: ValoreScalare): ValoreScalare {
  const x = numeroDi(a);
  if (x instanceof ErroreExcel) return x;
  const y = numeroDi(b);
  if (y instanceof ErroreExcel) return y;
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return y === 0 ? DIV0 : x / y;
    default: {
      const p = Math.pow(x, y);
      return Number.isFinite(p) ? p : new ErroreExcel("#NUM!");
    }
  }
}

/** Excel's order: numbers < text < logical values; an empty cell is 0, "" or FALSE as the other side needs. */
export function confronta(op: string, a: ValoreScalare, b: ValoreScalare): ValoreScalare {
  if (a instanceof ErroreExcel) return a;
  if (b instanceof ErroreExcel) return b;
  const vuoto = (v: ValoreScalare, altro: ValoreScalare) =>
    v !== null ? v : typeof altro === "string" ? "" : typeof altro === "boolean" ? false : 0;
  const x = vuoto(a, b) as number | string | boolean;
  const y = vuoto(b, a) as number | string | boolean;
  const rango = (v: number | string | boolean) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  let d: number;
  if (rango(x) !== rango(y)) d = rango(x) - rango(y);
  else if (typeof x === "string") d = x.toLowerCase().localeCompare((y as string).toLowerCase());
  else d = Number(x) - Number(y);
  switch (op) {
    case "=":
      return d === 0;
    case "<>":
      return d !== 0;
    case "<":
      return d < 0;
    case ">":
      return d > 0;
    case "<=":
      return d <= 0;
    default:
      return d >= 0;
  }
}

/** A condition (IF, NOT): numbers non-zero, logical values; text is #VALUE!, empty is FALSE. */
export function logico(v: ValoreScalare): boolean | ErroreExcel {
  if (v instanceof ErroreExcel) return v;
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  const t = v.toUpperCase();
  return t === "TRUE" ? true : t === "FALSE" ? false : VALORE;
}

export function funzione(nome: string, argomenti: Nodo[]): Nodo {
  const almeno = (n: number, m = n) => {
    if (argomenti.length < n || argomenti.length > m)
      throw new FormulaNonSupportata(`${nome}: numero di argomenti non valido`);
  };
  switch (nome) {
    case "AND":
    case "OR":
      almeno(1, 255);
      return (c) => {
        let visti = 0;
        let risultato = nome === "AND";
        for (const a of argomenti)
          for (const v of elenco(a(c))) {
            if (v instanceof ErroreExcel) return v;
            if (typeof v === "string" || v === null) continue; // text and empty cells are ignored
            visti++;
            const b = typeof v === "boolean" ? v : v !== 0;
            risultato = nome === "AND" ? risultato && b : risultato || b;
          }
        return visti === 0 ? VALORE : risultato;
      };
    case "NOT":
      almeno(1);
      return (c) => {
        const v = logico(primo(argomenti[0](c)));
        return v instanceof ErroreExcel ? v : !v;
      };
    case "IF":
      almeno(2, 3);
      return (c) => {
        const condizione = logico(primo(argomenti[0](c)));
        if (condizione instanceof ErroreExcel) return condizione;
        if (condizione) return argomenti[1](c);
        return argomenti[2] ? argomenti[2](c) : false;
      };
    case "IFERROR":
      almeno(2);
      return (c) => {
        const v = argomenti[0](c);
        return primo(v) instanceof ErroreExcel ? argomenti[1](c) : v;
      };
    case "ISNUMBER":
    case "ISTEXT":
    case "ISBLANK":
    case "ISERROR":
    case "ISNA":
      almeno(1);
      return (c) => {
        const v = primo(argomenti[0](c));
        if (nome === "ISNUMBER") return typeof v === "number";
        if (nome === "ISTEXT") return typeof v === "string";
        if (nome === "ISBLANK") return v === null;
        if (nome === "ISERROR") return v instanceof ErroreExcel;
        return v instanceof ErroreExcel && v.codice === "#N/A";
      };
    case "N":
      almeno(1);
      return (c) => {
        const v = primo(argomenti[0](c));
        if (v instanceof ErroreExcel || typeof v === "number") return v;
        return typeof v === "boolean" ? (v ? 1 : 0) : 0;
      };
    case "T":
      almeno(1);
      return (c) => {
        const v = primo(argomenti[0](c));
        return v instanceof ErroreExcel ? v : typeof v === "string" ? v : "";
      };
    case "NA":
      almeno(0);
      return () => N_A;
    case "CHOOSE":
      almeno(2, 255);
      return (c) => {
        const indice = numeroDi(primo(argomenti[0](c)));
        if (indice instanceof ErroreExcel) return indice;
        const k = Math.trunc(indice);
        return k >= 1 && k < argomenti.length ? argomenti[k](c) : VALORE;
      };
    case "ABS":
      almeno(1);
      return (c) => {
        const v = numeroDi(primo(argomenti[0](c)));
        return v instanceof ErroreExcel ? v : Math.abs(v);
      };
    case "MAX":
    case "MIN":
      almeno(1, 255);
      return (c) => {
        const numeri: number[] = [];
        for (const a of argomenti) {
          const v = a(c);
          for (const x of elenco(v)) {
            if (x instanceof ErroreExcel) return x;
            if (typeof x === "number") numeri.push(x);
            else if (!Array.isArray(v) && typeof x === "boolean") numeri.push(x ? 1 : 0);
          }
        }
        if (numeri.length === 0) return 0;
        return nome === "MAX" ? Math.max(...numeri) : Math.min(...numeri);
      };
    case "MATCH":
      almeno(2, 3);
      return (c) => {
        const cercato = primo(argomenti[0](c));
        if (cercato instanceof ErroreExcel) return cercato;
        const tipo = argomenti[2] ? numeroDi(primo(argomenti[2](c))) : 1;
        if (tipo instanceof ErroreExcel) return tipo;
        const valori = elenco(argomenti[1](c));
        const cmp = (v: ValoreScalare) => confronta("=", v, cercato) === true;
        if (tipo === 0) {
          const k = valori.findIndex(cmp);
          return k < 0 ? N_A : k + 1;
        }
        // Approximate, as Excel on sorted data: the last position not past the value.
        let trovato = -1;
        valori.forEach((v, k) => {
          if (v === null || v instanceof ErroreExcel) return;
          const oltre = confronta(tipo > 0 ? ">" : "<", v, cercato);
          if (oltre === false && (typeof v === typeof cercato || cmp(v))) trovato = k;
        });
        return trovato < 0 ? N_A : trovato + 1;
      };
    default:
      return nonSupportato(`Funzione non supportata: ${nome}`);
  }
}
