import {
  a1DaArea,
  areaDaA1,
  areeDaIndirizzi,
  indirizzoCompleto,
  indirizzoRighe,
  nomeFoglioPerIndirizzo,
  ULTIMA_COLONNA,
  ULTIMA_RIGA,
} from "../../src/excel/addresses";

describe("addresses", () => {
  it("reads cells, ranges, absolute references, whole columns and whole rows", () => {
    expect(areaDaA1("B7")).toEqual({ top: 6, left: 1, bottom: 6, right: 1 });
    expect(areaDaA1("$A$7:$C$9")).toEqual({ top: 6, left: 0, bottom: 8, right: 2 });
    expect(areaDaA1("D9:B7")).toEqual({ top: 6, left: 1, bottom: 8, right: 3 });
    expect(areaDaA1("A:C")).toEqual({ top: 0, left: 0, bottom: ULTIMA_RIGA, right: 2 });
    expect(areaDaA1("12:20")).toEqual({ top: 11, left: 0, bottom: 19, right: ULTIMA_COLONNA });
    expect(() => areaDaA1("7B")).toThrow();
  });

  it("writes areas back", () => {
    expect(a1DaArea({ top: 6, left: 13, bottom: 6, right: 13 })).toBe("N7");
    expect(a1DaArea({ top: 6, left: 13, bottom: 8, right: 13 })).toBe("N7:N9");
    expect(indirizzoRighe(0, 255)).toBe("1:256");
  });

  it("quotes sheet names the way Excel does", () => {
    expect(nomeFoglioPerIndirizzo("Foglio1")).toBe("Foglio1");
    expect(nomeFoglioPerIndirizzo("Obiettivi 2024")).toBe("'Obiettivi 2024'");
    expect(nomeFoglioPerIndirizzo("L'Aquila")).toBe("'L''Aquila'");
    expect(nomeFoglioPerIndirizzo("A1")).toBe("'A1'");
    expect(nomeFoglioPerIndirizzo("2024")).toBe("'2024'");
    expect(indirizzoCompleto("Obiettivi 2024", { top: 0, left: 0, bottom: 149, right: 13 })).toBe(
      "'Obiettivi 2024'!A1:N150"
    );
  });

  it("splits Office's merged-area lists, sheet names with commas, quotes and '!' included", () => {
    expect(areeDaIndirizzi("'Obiettivi 2024'!A7:A9, 'Obiettivi 2024'!B7:B9")).toEqual([
      { foglio: "Obiettivi 2024", area: { top: 6, left: 0, bottom: 8, right: 0 } },
      { foglio: "Obiettivi 2024", area: { top: 6, left: 1, bottom: 8, right: 1 } },
    ]);
    expect(areeDaIndirizzi("'a, b!''c'!C3,Foglio1!D4")).toEqual([
      { foglio: "a, b!'c", area: { top: 2, left: 2, bottom: 2, right: 2 } },
      { foglio: "Foglio1", area: { top: 3, left: 3, bottom: 3, right: 3 } },
    ]);
    expect(areeDaIndirizzi("N7:N9; N12")).toEqual([
      { foglio: undefined, area: { top: 6, left: 13, bottom: 8, right: 13 } },
      { foglio: undefined, area: { top: 11, left: 13, bottom: 11, right: 13 } },
    ]);
    expect(areeDaIndirizzi("Foglio1!1:3")[0].area).toEqual({ top: 0, left: 0, bottom: 2, right: ULTIMA_COLONNA });
    expect(areeDaIndirizzi("")).toEqual([]);
    expect(() => areeDaIndirizzi("'non chiuso!A1")).toThrow();
    expect(() => areeDaIndirizzi("A1,,B2")).toThrow();
  });
});
