/**
 * A small evaluator of Excel formulas, enough for conditional-format rules: the in-memory Excel
 * (src/workbench/fake-excel.ts) uses it to show the colour a person would see. It covers what
 * Barometro's own rules use (src/layout/patch.ts, regoleCondizionali) and common simple rules:
 * numbers, text, TRUE/FALSE, error literals, cell references ($A$1 absolute or A1 relative to the
 * rule's anchor) and ranges of the same sheet, array constants {0,70,90}, the operators
 * = <> < > <= >= & + - * / ^ % and the functions AND, OR, NOT, IF, IFERROR, ISNUMBER, ISTEXT,
 * ISBLANK, ISERROR, ISNA, N, T, NA, MAX, MIN, ABS, MATCH, CHOOSE. Anything else throws
 * FormulaNonSupportata. The same covers the label formula Barometro writes in a Barometro cell
 * (formulaBarometro), which the workbench computes with it.
 *
 * What Excel refuses in a conditional-formatting formula — array constants, unions ("(A1,B1)")
 * and intersections (a space between references) ([MS-OI29500] 3.2.3.1.2) — is found by
 * costruttiVietati; regolaVera throws FormulaNonAmmessa for such a formula (a cell's formula may
 * hold an array constant: valutaFormula computes it).
 *
 * Excel's semantics where they matter: errors are values that propagate (a rule whose formula
 * gives an error does not apply), an empty cell is 0 in arithmetic and "" against text,
 * numbers < text < logical values in comparisons, text compared case-insensitively, IF evaluates
 * only the branch it takes.
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

/** A conditional-formatting formula Excel refuses (see costruttiVietati). */
export class FormulaNonAmmessa extends FormulaNonSupportata {}

/** What Excel refuses in a conditional-formatting formula ([MS-OI29500] 3.2.3.1.2). */
export type CostruttoVietato = "costante di matrice" | "unione" | "intersezione";

export interface ContestoFormula {
  /** The value of a cell of the rule's sheet, 0-based; null when empty. */
  valore(riga: number, colonna: number): number | string | boolean | null;
  /** Position of the evaluated cell relative to the rule's anchor (relative references move by it). */
  spostamento: { righe: number; colonne: number };
}

const ERRORI = ["#N/A", "#VALUE!", "#DIV/0!", "#NUM!", "#REF!", "#NULL!", "#NAME?"];
const N_A = new ErroreExcel("#N/A");
const VALORE = new ErroreExcel("#VALUE!");
const DIV0 = new ErroreExcel("#DIV/0!");

type Nodo = (c: ContestoFormula) => ValoreFormula;

interface Token {
  tipo: "numero" | "testo" | "errore" | "rif" | "nome" | "op";
  testo: string;
  /** Whitespace before it: between two references, Excel's intersection operator. */
  dopoSpazio?: boolean;
}

const cache = new Map<string, Nodo>();

/** The formula's value for one cell. */
export function valutaFormula(formula: string, contesto: ContestoFormula): ValoreFormula {
  let nodo = cache.get(formula);
  if (!nodo) {
    nodo = analizza(formula);
    if (cache.size > 5_000) cache.clear();
    cache.set(formula, nodo);
  }
  return nodo(contesto);
}

/**
 * Whether a conditional-format rule with this formula applies to the cell (a non-zero number or
 * TRUE). Throws FormulaNonAmmessa for a formula Excel refuses in conditional formatting.
 */
export function regolaVera(formula: string, contesto: ContestoFormula): boolean {
  let vietati = vietatiNote.get(formula);
  if (!vietati) {
    vietati = costruttiVietati(formula);
    if (vietatiNote.size > 5_000) vietatiNote.clear();
    vietatiNote.set(formula, vietati);
  }
  if (vietati.length > 0)
    throw new FormulaNonAmmessa(`Non ammesso nella formattazione condizionale: ${vietati.join(", ")}`);
  const v = primo(valutaFormula(formula, contesto));
  return v === true || (typeof v === "number" && v !== 0);
}

const vietatiNote = new Map<string, CostruttoVietato[]>();

/**
 * The constructs of `formula` that Excel refuses in a conditional-formatting formula ([MS-OI29500]
 * 3.2.3.1.2: "shall not use array constants … union and intersection binary operators"): an
 * array constant ({0,70,90}), a union (a comma outside a function's argument list: "(A1,B1)"), an
 * intersection (references separated by a space: "A1:B5 B2:C3"). [] when none. Functions and
 * names the evaluator does not know do not hide them; a formula it cannot even split into tokens
 * is checked for array constants only.
 */
export function costruttiVietati(formula: string): CostruttoVietato[] {
  const trovati = new Set<CostruttoVietato>();
  if (graffaFuoriDaiTesti(formula)) trovati.add("costante di matrice");
  try {
    analizza(formula, trovati);
  } catch (e) {
    if (!(e instanceof FormulaNonSupportata)) throw e;
  }
  return [...trovati];
}

/** A "{" outside text constants. */
function graffaFuoriDaiTesti(formula: string): boolean {
  let inTesto = false;
  for (const ch of formula) {
    if (ch === '"') inTesto = !inTesto;
    else if (ch === "{" && !inTesto) return true;
  }
  return false;
}

/** A node Excel would accept or not, that this evaluator does not compute. */
const nonSupportato =
  (motivo: string): Nodo =>
  () => {
    throw new FormulaNonSupportata(motivo);
  };

// ───────────────────────────── parsing ─────────────────────────────

/** The formula's tree; with `vietati`, the constructs Excel refuses in conditional formats are noted in it. */
function analizza(formula: string, vietati?: Set<CostruttoVietato>): Nodo {
  const token = tokenizza(formula.trim().replace(/^=/, ""));
  let i = 0;
  /** Whether the last primary was a reference (a cell, a range, a name, a bracketed expression or a call). */
  let ultimoRiferimento = false;
  const guarda = () => token[i];
  const prendi = () => token[i++];
  const atteso = (testo: string) => {
    const t = prendi();
    if (!t || t.testo !== testo) throw new FormulaNonSupportata(`Atteso «${testo}» in ${formula}`);
  };
  const isOp = (...ops: string[]) => guarda()?.tipo === "op" && ops.includes(guarda().testo);

  const confronto = (): Nodo => {
    let sinistra = concatena();
    while (isOp("=", "<>", "<", ">", "<=", ">=")) {
      const op = prendi().testo;
      const a = sinistra;
      const b = concatena();
      sinistra = (c) => confronta(op, primo(a(c)), primo(b(c)));
    }
    return sinistra;
  };
  const concatena = (): Nodo => {
    let sinistra = somma();
    while (isOp("&")) {
      prendi();
      const a = sinistra;
      const b = somma();
      sinistra = (c) => {
        const x = primo(a(c));
        const y = primo(b(c));
        if (x instanceof ErroreExcel) return x;
        if (y instanceof ErroreExcel) return y;
        return testoDi(x) + testoDi(y);
      };
    }
    return sinistra;
  };
  const binario = (sotto: () => Nodo, ops: string[]) => (): Nodo => {
    let sinistra = sotto();
    while (isOp(...ops)) {
      const op = prendi().testo;
      const a = sinistra;
      const b = sotto();
      sinistra = (c) => aritmetica(op, primo(a(c)), primo(b(c)));
    }
    return sinistra;
  };
  const unario = (): Nodo => {
    if (isOp("-", "+")) {
      const op = prendi().testo;
      const a = unario();
      return op === "-" ? (c) => aritmetica("*", -1, primo(a(c))) : a;
    }
    return percento();
  };
  const potenza = binario(unario, ["^"]);
  const prodotto = binario(potenza, ["*", "/"]);
  const somma = binario(prodotto, ["+", "-"]);

  /** A primary, or references separated by spaces: Excel's intersection operator. */
  const intersezione = (): Nodo => {
    let nodo = primario();
    while (ultimoRiferimento && iniziaRiferimento(guarda())) {
      vietati?.add("intersezione");
      primario();
      nodo = nonSupportato(`Intersezione in ${formula}`);
    }
    return nodo;
  };
  const iniziaRiferimento = (t: Token | undefined) =>
    !!t?.dopoSpazio && (t.tipo === "rif" || t.tipo === "nome" || (t.tipo === "op" && t.testo === "("));

  const percento = (): Nodo => {
    let nodo = intersezione();
    while (isOp("%")) {
      prendi();
      const a = nodo;
      nodo = (c) => aritmetica("/", primo(a(c)), 100);
    }
    return nodo;
  };

  const primario = (): Nodo => {
    const t = prendi();
    if (!t) throw new FormulaNonSupportata(`Formula incompleta: ${formula}`);
    ultimoRiferimento = t.tipo === "rif" || t.tipo === "nome" || (t.tipo === "op" && t.testo === "(");
    switch (t.tipo) {
      case "numero": {
        const n = Number(t.testo);
        return () => n;
      }
      case "testo":
        return () => t.testo;
      case "errore": {
        const e = new ErroreExcel(t.testo);
        return () => e;
      }
      case "rif":
        return riferimento(t.testo);
      case "nome": {
        const nome = t.testo.toUpperCase();
        if (isOp("(")) {
          prendi();
          const argomenti: Nodo[] = [];
          if (!isOp(")")) {
            argomenti.push(confronto());
            while (isOp(",")) {
              prendi();
              argomenti.push(confronto());
            }
          }
          atteso(")");
          ultimoRiferimento = true;
          return funzione(nome, argomenti);
        }
        if (nome === "TRUE" || nome === "FALSE") {
          ultimoRiferimento = false;
          const b = nome === "TRUE";
          return () => b;
        }
        return nonSupportato(`Nome non supportato: ${t.testo}`);
      }
      case "op":
        if (t.testo === "(") {
          // A comma in brackets that are not a call's: Excel's union operator.
          const nodo = conUnioni(confronto());
          atteso(")");
          ultimoRiferimento = true;
          return nodo;
        }
        if (t.testo === "{") {
          vietati?.add("costante di matrice");
          ultimoRiferimento = false;
          return matrice();
        }
    }
    throw new FormulaNonSupportata(`Simbolo inatteso «${t.testo}» in ${formula}`);
  };

  const matrice = (): Nodo => {
    const valori: ValoreScalare[] = [];
    for (;;) {
      const negativo = isOp("-") ? (prendi(), true) : false;
      const t = prendi();
      if (!t) throw new FormulaNonSupportata(`Matrice non chiusa: ${formula}`);
      if (t.tipo === "numero") valori.push(negativo ? -Number(t.testo) : Number(t.testo));
      else if (t.tipo === "testo") valori.push(t.testo);
      else if (t.tipo === "errore") valori.push(new ErroreExcel(t.testo));
      else if (t.tipo === "nome" && /^(TRUE|FALSE)$/i.test(t.testo)) valori.push(t.testo.toUpperCase() === "TRUE");
      else throw new FormulaNonSupportata(`Costante di matrice non valida: ${formula}`);
      if (isOp(",", ";")) prendi();
      else break;
    }
    atteso("}");
    return () => valori;
  };

  /** Commas after an expression, outside a call's arguments: Excel's union operator (refused in rules). */
  function conUnioni(primo: Nodo): Nodo {
    let nodo = primo;
    while (isOp(",")) {
      prendi();
      vietati?.add("unione");
      confronto();
      nodo = nonSupportato(`Unione in ${formula}`);
    }
    return nodo;
  }

  const nodo = conUnioni(confronto());
  if (i < token.length) throw new FormulaNonSupportata(`Testo in più in ${formula}`);
  return nodo;
}

function tokenizza(testo: string): Token[] {
  const token: Token[] = [];
  let i = 0;
  let dopoSpazio = false;
  const aggiungi = (t: Token) => {
    token.push(dopoSpazio ? { ...t, dopoSpazio } : t);
    dopoSpazio = false;
  };
  while (i < testo.length) {
    const resto = testo.slice(i);
    const spazio = /^\s+/.exec(resto);
    if (spazio) {
      i += spazio[0].length;
      dopoSpazio = true;
      continue;
    }
    if (resto[0] === '"') {
      let j = 1;
      let valore = "";
      for (;;) {
        if (j >= resto.length) throw new FormulaNonSupportata(`Testo non chiuso: ${testo}`);
        if (resto[j] === '"') {
          if (resto[j + 1] === '"') {
            valore += '"';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        valore += resto[j++];
      }
      aggiungi({ tipo: "testo", testo: valore });
      i += j;
      continue;
    }
    const errore = ERRORI.find((e) => resto.toUpperCase().startsWith(e));
    if (errore) {
      aggiungi({ tipo: "errore", testo: errore });
      i += errore.length;
      continue;
    }
    const numero = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(resto);
    if (numero) {
      aggiungi({ tipo: "numero", testo: numero[0] });
      i += numero[0].length;
      continue;
    }
    const rif = /^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?(?![A-Za-z0-9_.(])/.exec(resto);
    if (rif) {
      aggiungi({ tipo: "rif", testo: rif[0] });
      i += rif[0].length;
      continue;
    }
    const nome = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(resto);
    if (nome) {
      aggiungi({ tipo: "nome", testo: nome[0] });
      i += nome[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|[=<>+\-*/^&%(),;{}])/.exec(resto);
    if (op) {
      aggiungi({ tipo: "op", testo: op[0] });
      i += op[0].length;
      continue;
    }
    throw new FormulaNonSupportata(`Carattere non supportato «${resto[0]}» in ${testo}`);
  }
  return token;
}

// ───────────────────────────── evaluation ─────────────────────────────

interface Cella {
  riga: number;
  colonna: number;
  rigaAssoluta: boolean;
  colonnaAssoluta: boolean;
}

function cellaDa(testo: string): Cella {
  const m = /^(\$?)([A-Za-z]+)(\$?)(\d+)$/.exec(testo) as RegExpExecArray;
  const colonna = m[2]
    .toUpperCase()
    .split("")
    .reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0);
  return { riga: Number(m[4]) - 1, colonna: colonna - 1, rigaAssoluta: m[3] === "$", colonnaAssoluta: m[1] === "$" };
}

function riferimento(testo: string): Nodo {
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

/** A range used where one value is expected: its first cell (enough for conditional formats). */
function primo(v: ValoreFormula): ValoreScalare {
  return Array.isArray(v) ? (v[0] ?? null) : v;
}

const elenco = (v: ValoreFormula): ValoreScalare[] => (Array.isArray(v) ? v : [v]);

function testoDi(v: ValoreScalare): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

function numeroDi(v: ValoreScalare): number | ErroreExcel {
  if (v instanceof ErroreExcel) return v;
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const n = Number(v.trim());
  return v.trim() !== "" && Number.isFinite(n) ? n : VALORE;
}

function aritmetica(op: string, a: ValoreScalare, b: ValoreScalare): ValoreScalare {
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
function confronta(op: string, a: ValoreScalare, b: ValoreScalare): ValoreScalare {
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
function logico(v: ValoreScalare): boolean | ErroreExcel {
  if (v instanceof ErroreExcel) return v;
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  const t = v.toUpperCase();
  return t === "TRUE" ? true : t === "FALSE" ? false : VALORE;
}

function funzione(nome: string, argomenti: Nodo[]): Nodo {
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
