/**
 * A small evaluator of Excel formulas, enough for conditional-format rules: the in-memory Excel
 * (src/excel-finto/) uses it to show the colour a person would see. It covers what
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
import {
  aritmetica,
  confronta,
  ContestoFormula,
  ERRORI,
  ErroreExcel,
  FormulaNonSupportata,
  funzione,
  Nodo,
  nonSupportato,
  primo,
  riferimento,
  testoDi,
  ValoreFormula,
  ValoreScalare,
} from "./valutazione-formula";

export { ErroreExcel, FormulaNonSupportata } from "./valutazione-formula";
export type { ContestoFormula, ValoreFormula, ValoreScalare } from "./valutazione-formula";

/** A conditional-formatting formula Excel refuses (see costruttiVietati). */
export class FormulaNonAmmessa extends FormulaNonSupportata {}

/** What Excel refuses in a conditional-formatting formula ([MS-OI29500] 3.2.3.1.2). */
export type CostruttoVietato = "costante di matrice" | "unione" | "intersezione";

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
