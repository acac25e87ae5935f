import {
  ContestoFormula,
  costruttiVietati,
  ErroreExcel,
  FormulaNonAmmessa,
  FormulaNonSupportata,
  regolaVera,
  valutaFormula,
} from "../../src/excel-finto/formula-condizionale";

/** Cells by address, evaluated at `cella` for a rule anchored at `ancora`. */
function contesto(
  celle: Record<string, number | string | boolean | null>,
  cella = "A1",
  ancora = "A1"
): ContestoFormula {
  const pos = (a: string) => ({ r: Number(a.replace(/\D+/, "")) - 1, c: a.charCodeAt(0) - 65 });
  const p = pos(cella);
  const q = pos(ancora);
  return {
    valore: (r, c) => celle[`${String.fromCharCode(65 + c)}${r + 1}`] ?? null,
    spostamento: { righe: p.r - q.r, colonne: p.c - q.c },
  };
}
const v = (f: string, celle: Record<string, number | string | boolean | null> = {}, cella?: string, ancora?: string) =>
  valutaFormula(f, contesto(celle, cella, ancora));

describe("the conditional-format formula evaluator", () => {
  it("arithmetic, precedence, percent, comparisons, text", () => {
    expect(v("=1+2*3^2")).toBe(19);
    expect(v("=-2^2")).toBe(4); // Excel: unary minus first
    expect(v("=50%")).toBe(0.5);
    expect(v("=(1+2)*3")).toBe(9);
    expect(v('="a"&1&TRUE')).toBe("a1TRUE");
    expect(v("=1/0")).toEqual(new ErroreExcel("#DIV/0!"));
    expect(v('="abc"="ABC"')).toBe(true);
    expect(v('=1<"a"')).toBe(true); // numbers < text < logical values
    expect(v('="z"<TRUE')).toBe(true);
    expect(v('="5"+1')).toBe(6);
    expect(v('="x"+1')).toEqual(new ErroreExcel("#VALUE!"));
  });

  it("references: relative ones move with the cell, $ ones do not; empty cells", () => {
    const celle = { A1: 1, A2: 2, B2: 20, A3: 3 };
    expect(v("=A1*10", celle, "A2")).toBe(20);
    expect(v("=$A$1*10", celle, "A3")).toBe(10);
    expect(v("=$A1+B$1", celle, "A2")).toBe(2); // B1 is empty: 0
    expect(v("=C9", celle)).toBeNull();
    expect(v("=C9=0", celle)).toBe(true);
    expect(v('=C9=""', celle)).toBe(true);
    expect(v("=MAX(A1:A3)", celle)).toBe(3);
  });

  it("functions: IF evaluates only its branch, AND/OR, IS*, N, MATCH, IFERROR", () => {
    expect(v("=IF(TRUE,1,1/0)")).toBe(1);
    expect(v("=IF(0,1)")).toBe(false);
    expect(v("=AND(1,TRUE,A1)", { A1: "x" })).toBe(true); // text in a cell is ignored
    expect(v("=OR(FALSE,0)")).toBe(false);
    expect(v("=AND(1,1/0)")).toEqual(new ErroreExcel("#DIV/0!"));
    expect(v("=ISNUMBER(A1)", { A1: "3" })).toBe(false);
    expect(v("=ISBLANK(A1)")).toBe(true);
    expect(v('=N("barometro")')).toBe(0);
    expect(v("=MATCH(85,{0,70,90})")).toBe(2);
    expect(v("=MATCH(90,{0,70,90})")).toBe(3);
    expect(v("=MATCH(-1,{0,70,90})")).toEqual(new ErroreExcel("#N/A"));
    expect(v("=MATCH(0.75,{0,0.7,0.9})")).toBe(2);
    expect(v("=MATCH(70,{0,70,90},0)")).toBe(2);
    expect(v("=IFERROR(1/0,7)")).toBe(7);
    expect(v("=ABS(-3)+MIN(4,2)")).toBe(5);
    expect(v("=#N/A")).toEqual(new ErroreExcel("#N/A"));
  });

  it("CHOOSE evaluates only the value it picks; T keeps text only (the Barometro cell's label formula)", () => {
    expect(v('=CHOOSE(2,"a","b","c")')).toBe("b");
    expect(v('=CHOOSE(2.9,"a","b","c")')).toBe("b"); // truncated, as Excel does
    expect(v('=CHOOSE(1,"a",1/0)')).toBe("a");
    expect(v('=CHOOSE(4,"a","b","c")')).toEqual(new ErroreExcel("#VALUE!"));
    expect(v('=CHOOSE(0,"a")')).toEqual(new ErroreExcel("#VALUE!"));
    expect(v('=CHOOSE(1/0,"a")')).toEqual(new ErroreExcel("#DIV/0!"));
    expect(v('=T("x")&T(3)&T(N("barometro"))')).toBe("x");
    expect(v("=T(1/0)")).toEqual(new ErroreExcel("#DIV/0!"));
    const etichetta =
      '=IFERROR(CHOOSE(MATCH(A1,{0,70,90}),"Non raggiunto","Parziale","Raggiunto"),"—")&T(N("barometro"))';
    expect([95, 75, 10, -1].map((x) => v(etichetta, { A1: x }))).toEqual([
      "Raggiunto",
      "Parziale",
      "Non raggiunto",
      "—",
    ]);
  });

  it("a rule applies when its formula is a non-zero number or TRUE; errors and text never apply", () => {
    const c = contesto({ A1: 95 });
    expect(regolaVera('=((A1>=0)+(A1>=70)+(A1>=90)=3)+0*N("barometro:0")', c)).toBe(true);
    expect(regolaVera('=((A1>=0)+(A1>=70)+(A1>=90)=2)+0*N("barometro:0")', c)).toBe(false);
    // V = -1 (no data): band 0, no rule applies.
    expect(regolaVera('=((A1>=0)+(A1>=70)+(A1>=90)=1)+0*N("barometro:0")', contesto({ A1: -1 }))).toBe(false);
    expect(regolaVera("=NA()", c)).toBe(false);
    expect(regolaVera('="sì"', c)).toBe(false);
    expect(regolaVera("=A1", c)).toBe(true);
  });

  it("refuses, in a conditional format, what Excel refuses: array constants, unions, intersections", () => {
    const vecchia = '=(MATCH(A1,{0,70,90})=3)+0*N("barometro:0")';
    expect(costruttiVietati(vecchia)).toEqual(["costante di matrice"]);
    expect(() => regolaVera(vecchia, contesto({ A1: 95 }))).toThrow(FormulaNonAmmessa);
    expect(costruttiVietati("=SUM((A1,B1))>0")).toEqual(["unione"]);
    expect(costruttiVietati("=COUNT((A1:A5,C1))")).toEqual(["unione"]);
    expect(costruttiVietati("=SUM(A1:C3 B2:B5)>0")).toEqual(["intersezione"]);
    expect(costruttiVietati("=(A1:C3) (B1:B9)")).toEqual(["intersezione"]);
    expect(costruttiVietati("=VLOOKUP(A1,{1,2;3,4},2)=2")).toEqual(["costante di matrice"]);
    // Not hidden by functions the evaluator does not know, nor by text that looks like them.
    expect(costruttiVietati("=XLOOKUP(A1,{1,2},{3,4})")).toEqual(["costante di matrice"]);
    expect(() => regolaVera("=SUM(A1:C3 B2:B5)>0", contesto({}))).toThrow(FormulaNonAmmessa);
    // Allowed: commas between a call's arguments, spaces around operators, braces in text.
    for (const f of [
      '=AND(A1 >= 0, B1 < 70) + 0*N("{barometro}")',
      "=IF( A1 = 1 , B1 , C1 )",
      '=((A1>=0)+(A1>=70)+(A1>=90)=3)+0*N("barometro:0")',
    ])
      expect(costruttiVietati(f)).toEqual([]);
    // A cell's formula may hold an array constant: valutaFormula still computes it.
    expect(v("=MATCH(A1,{0,70,90})", { A1: 80 })).toBe(2);
  });

  it("refuses what it does not know", () => {
    expect(() => v("=VLOOKUP(1,A1:B2,2)")).toThrow(FormulaNonSupportata);
    expect(() => v("=Foglio2!A1")).toThrow(FormulaNonSupportata);
    expect(() => v("=(1+2")).toThrow(FormulaNonSupportata);
  });
});
