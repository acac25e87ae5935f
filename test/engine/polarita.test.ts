import { parsePolarita } from "../../src/engine/polarita";
import { ValoreCella } from "../../src/engine/tipi";

describe("parsePolarita", () => {
  test.each<[ValoreCella, "crescente"]>([
    [null, "crescente"],
    [undefined, "crescente"],
    ["", "crescente"],
    ["   ", "crescente"],
  ])("blank %p → default ↑ (crescente)", (input, expected) => {
    expect(parsePolarita(input)).toBe(expected);
  });

  test.each(["↑", " ↑ ", "+", "maggiore", "Maggiore", "crescente", "CRESCENTE", "max", "aumento", "alto"])(
    "%p → crescente",
    (input) => {
      expect(parsePolarita(input)).toBe("crescente");
    }
  );

  test.each([
    "↓",
    " ↓ ",
    "-",
    "−",
    "–",
    "minore",
    "Minore",
    "decrescente",
    "Decrescente",
    "min",
    "diminuzione",
    "basso",
  ])("%p → decrescente", (input) => {
    expect(parsePolarita(input)).toBe("decrescente");
  });

  test.each<[string, ValoreCella]>([
    ["unknown word", "forse"],
    ["arrow pair", "↑↓"],
    ["two words", "più alto"],
    ["number 1", 1],
    ["number -1", -1],
    ["number 0", 0],
    ["boolean true", true],
    ["boolean false", false],
    ["Date", new Date(2024, 0, 1)],
  ])("%s → null (not recognised)", (_label, input) => {
    expect(parsePolarita(input)).toBeNull();
  });
});
