/**
 * The terminal report of a big workbook is written a block of lines at a time (never as one string
 * of every finding): the blocks, joined, are exactly the report's text, problems first and
 * information after, or exactly the JSON document JSON.stringify gives.
 */
import {
  CARATTERI_PER_SCRITTURA,
  resoconto,
  ResocontoJson,
  scriviResoconto,
  testoResoconto,
} from "../../src/cli/resoconto";
import { BANDE_PREDEFINITE, calcolaEnte, type Avviso } from "../../src/engine";
import { ind, linea, obiettivo } from "../support/modello";
import { capture } from "./io";

const linee = [linea("LINEA 1", [obiettivo("Ob. 1", [ind({ atteso: 10, consuntivo: 8 })])])];
const risultato = calcolaEnte(linee);
const scelte = { bande: BANDE_PREDEFINITE, salvate: false };

/** n findings, every seventh a chosen reading (information), the others problems of two kinds. */
function avvisi(n: number): Avviso[] {
  return Array.from({ length: n }, (_, i) => ({
    codice: i % 7 === 3 ? "LETTURA_SCELTA" : i % 2 ? "RAGG_DIVERSO" : "SCOSTAMENTO_ERRATO",
    foglio: "Obiettivi",
    cella: `J${i + 12}`,
    messaggio: `Indicatore «riga ${i + 12}»: messaggio ${i}.`,
    linea: "LINEA 1",
  }));
}

describe("the report written to the terminal", () => {
  it.each([0, 3, 2000, 9000])("with %i findings: blocks that join into testoResoconto", (n) => {
    const analisi = { linee, risultato, avvisi: avvisi(n) };
    const { io, out, err } = capture();
    scriviResoconto(io, "grande.xlsx", analisi, false, scelte);
    expect(err).toEqual([]);
    expect(out.join("\n")).toBe(testoResoconto(resoconto("grande.xlsx", analisi, scelte.bande)));
    // Blocks of whole lines, each within the budget (a big report is never one string), none empty.
    expect(out.every((b) => b.length > 0 && b.length <= CARATTERI_PER_SCRITTURA)).toBe(true);
    if (n >= 2000) expect(out.length).toBeGreaterThan(1);
    if (n === 9000) {
      const testo = out.join("\n");
      expect(testo).toContain("Verifica: 7714 avvisi (SCOSTAMENTO_ERRATO 3857, RAGG_DIVERSO 3857)");
      expect(testo.indexOf("Informazioni (1286):")).toBeGreaterThan(testo.lastIndexOf("SCOSTAMENTO_ERRATO  "));
    }
  });

  it.each([0, 3, 9000])("as JSON with %i findings: blocks that join into the one document", (n) => {
    const analisi = { linee, risultato, avvisi: avvisi(n) };
    const { io, out } = capture();
    scriviResoconto(io, "grande.xlsx", analisi, true, scelte);
    expect(out.join("\n")).toBe(JSON.stringify(resoconto("grande.xlsx", analisi, scelte.bande), null, 2));
    expect(out.every((b) => b.length > 0 && b.length <= CARATTERI_PER_SCRITTURA)).toBe(true);
    const documento = JSON.parse(out.join("\n")) as ResocontoJson;
    expect(documento.avvisi).toHaveLength(n);
    if (n === 9000) {
      expect(out.length).toBeGreaterThan(1);
      expect(documento.avvisi.filter((a) => a.informativo)).toHaveLength(1286);
    }
  });
});
