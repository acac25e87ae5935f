import { formatNumero, formatPercentuale, cellaVuota, numeroDaTesto, numeroDaCella } from "../../src/engine/numeri";
import { ValoreCella } from "../../src/engine/tipi";

describe("numeroDaCella: real numbers", () => {
  test.each<[number, number]>([
    [0, 0],
    [100, 100],
    [3800, 3800],
    [-2.5, -2.5],
    [78.5, 78.5],
    [0.923, 0.923],
  ])("%p → %p", (input, expected) => {
    expect(numeroDaCella(input)).toBe(expected);
  });

  test.each([NaN, Infinity, -Infinity])("non-finite %p → null", (input) => {
    expect(numeroDaCella(input)).toBeNull();
  });
});

describe("numeroDaCella: Italian text from the issue", () => {
  test.each<[string, number]>([
    ["3.800", 3800],
    ["1.545", 1545],
    ["78,5", 78.5],
    ["92,30%", 92.3],
    ["80%", 80],
    [" 100 ", 100],
  ])("%p → %p", (input, expected) => {
    expect(numeroDaCella(input)).toBeCloseTo(expected, 10);
  });
});

describe("numeroDaCella: other valid text", () => {
  test.each<[string, number]>([
    ["1.5", 1.5],
    ["2.5", 2.5],
    ["-3,5", -3.5],
    ["+7", 7],
    ["0", 0],
    ["1.234.567,89", 1234567.89],
    ["1.234,5", 1234.5],
    ["-1.234", -1234],
    ["1.000", 1000],
    ["1,234", 1.234],
    ["100,00%", 100],
    ["0,5%", 0.5],
    ["50 %", 50],
    [".5", 0.5],
    ["\u00a0100\u00a0", 100],
    ["\t42\n", 42],
    ["12\u202f%", 12],
  ])("%p → %p", (input, expected) => {
    expect(numeroDaCella(input)).toBeCloseTo(expected, 10);
  });

  test("a trailing % keeps the 0–100 scale (not divided by 100)", () => {
    expect(numeroDaCella("92,30%")).toBeCloseTo(92.3, 10);
    expect(numeroDaCella("92,30%")).not.toBeCloseTo(0.923, 5);
  });

  test("a dot followed by exactly three digits is a thousands separator, otherwise a decimal point", () => {
    expect(numeroDaCella("3.800")).toBe(3800);
    expect(numeroDaCella("3.80")).toBeCloseTo(3.8, 10);
    expect(numeroDaCella("3.8000")).toBeCloseTo(3.8, 10);
  });
});

describe("numeroDaCella: not numeric → null", () => {
  test.each<[string, ValoreCella]>([
    ["n.d.", "n.d."],
    ["em dash", "—"],
    ["lone hyphen", "-"],
    ["words around a number", "circa 50"],
    ["number followed by a unit", "12,5 euro"],
    ["currency sign", "€ 100"],
    ["empty string", ""],
    ["blank string", "   "],
    ["lone percent", "%"],
    ["double percent", "80%%"],
    ["leading percent", "%80"],
    ["letters", "abc"],
    ["two commas", "1,2,3"],
    ["mixed English grouping", "12,345.67"],
    ["trailing dot", "12."],
    ["leading comma", ",5"],
    ["malformed thousands", "1.23.4"],
    ["dot then comma decimal with bad group", "1.2345,6"],
    ["exponent", "1e3"],
    ["hex", "0x10"],
    ["text Infinity", "Infinity"],
    ["text NaN", "NaN"],
    ["boolean true", true],
    ["boolean false", false],
    ["Date", new Date(2024, 11, 31)],
    ["null", null],
    ["undefined", undefined],
  ])("%s → null", (_label, input) => {
    expect(numeroDaCella(input)).toBeNull();
  });
});

describe("cellaVuota", () => {
  test.each<[ValoreCella, boolean]>([
    [null, true],
    [undefined, true],
    ["", true],
    ["   ", true],
    [0, false],
    ["0", false],
    [false, false],
    ["n.d.", false],
    [new Date(2024, 0, 1), false],
  ])("%p → %p", (input, expected) => {
    expect(cellaVuota(input)).toBe(expected);
  });
});

describe("formatPercentuale / formatNumero", () => {
  test("Italian display with two decimals", () => {
    expect(formatPercentuale(84.444)).toBe("84,44%");
    expect(formatPercentuale(100)).toBe("100,00%");
    expect(formatPercentuale(79.225, 1)).toBe("79,2%");
  });

  test("null is shown as a dash", () => {
    expect(formatPercentuale(null)).toBe("—");
  });

  test("decimal comma and dot grouping", () => {
    expect(formatNumero(1234567.891)).toBe("1.234.567,89");
    expect(formatNumero(78.5, 1)).toBe("78,5");
    expect(formatNumero(-2, 0)).toBe("-2");
  });
});

describe("ambiguous text is not guessed", () => {
  test.each([
    ["0.800", 0.8], // a leading 0 group is never thousands: an English decimal
    ["0.125", 0.125],
    ["92,30 %", 92.3],
  ])("%p → %p", (input, expected) => {
    expect(numeroDaCella(input)).toBeCloseTo(expected, 10);
  });

  test.each(["10 20", "1 000", "3. 800"])("%p is not a number", (input) => {
    expect(numeroDaCella(input)).toBeNull();
  });

  test("four-digit numbers are grouped as in the sheet, tiny negatives lose their sign", () => {
    expect(formatNumero(3800, 0)).toBe("3.800");
    expect(formatNumero(-0.001, 2)).toBe("0,00");
    expect(formatNumero(-1545.5, 1)).toBe("-1.545,5");
  });
});

test("display rounds the decimal value people see, half away from zero", () => {
  expect(formatNumero(633.8 / 8)).toBe("79,23"); // 79.225, stored as 79.22499…
  expect(formatNumero(-633.8 / 8)).toBe("-79,23");
  expect(formatNumero(88.8888)).toBe("88,89");
});

describe("numeroDaTesto: what «Converti in numeri» may write", () => {
  test.each<[string, number]>([
    ["1.545", 1545],
    ["3.800", 3800],
    ["1.545,5", 1545.5],
    ["78,5", 78.5],
    [" 100 ", 100],
    ["-3", -3],
    ["0", 0],
  ])("%p → %p", (testo, numero) => {
    expect(numeroDaTesto(testo)).toBe(numero);
  });

  test.each<ValoreCella>(["80%", "92,30%", "2.5", ".5", "n.d.", "circa 50", "", "1234567890123456", 1545, null, true])(
    "%p → null (not text, not a number, or read two ways)",
    (valore) => {
      expect(numeroDaTesto(valore)).toBeNull();
    }
  );
});
