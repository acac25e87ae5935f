/**
 * Every hostile workbook of the corpus through the Office.js adapter (src/excel/office-access.ts)
 * over the fake Excel: «Ricalcola tutto» ends with an ErroreBarometro in Italian and nothing
 * written, or with success where only the cells of the patch changed (a value, or a fill) and a
 * second run changes nothing. The adapter reads what the command line reads.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { isFormulaDiBarometro, RisultatoEnte } from "../../src/engine";
import { elabora } from "../../src/cli/elabora";
import { isFormulaBarometro } from "../../src/layout/patch";
import { bytesDi, CasoOstile, CORPUS } from "./corpus";
import { fuoriDallaPatchFinta, inExcelFinto, ricalcolaFinto } from "./finto";
import { diverse, percentualiFuoriScala, TMP, TRACCIA } from "./strumenti";

/** Every percentage of a result, from the ente down to each indicator. */
export function tutteLePercentuali(r: RisultatoEnte): (number | null)[] {
  return [
    r.percentuale,
    ...r.linee.flatMap((l) => [
      l.percentuale,
      ...l.obiettivi.flatMap((o) => [o.ragg, ...o.indicatori.flatMap((i) => [i.ragg, i.raggRegola])]),
    ]),
  ];
}

async function apribile(bytes: Uint8Array): Promise<boolean> {
  try {
    await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer);
    return true;
  } catch {
    return false;
  }
}

describe.each(CORPUS.map((c) => [c.nome, c] as [string, CasoOstile]))("adattatore: %s", (nome, caso) => {
  it("an Italian ErroreBarometro and nothing written, or only owned cells changed and a second run changing nothing", async () => {
    const bytes = await bytesDi(caso);
    if (caso.adattatore && "nonApplicabile" in caso.adattatore) return;
    if (!(await apribile(bytes))) {
      // Not a workbook: Excel would not open it, so the add-in never sees it.
      expect(caso.atteso).toBe("rifiutato");
      return;
    }
    const { cartella, accesso } = await inExcelFinto(bytes);
    const primo = await ricalcolaFinto(cartella, accesso);
    if (primo.tipo === "eccezione") throw primo.eccezione;

    const errore =
      caso.adattatore && "errore" in caso.adattatore
        ? caso.adattatore.errore
        : caso.atteso === "rifiutato"
          ? /./
          : null;
    if (errore) {
      expect(primo.tipo).toBe("errore");
      if (primo.tipo !== "errore") return;
      expect(primo.errore.message).toMatch(errore);
      expect(primo.errore.message).not.toMatch(/inatteso/i);
      expect(primo.errore.message).not.toMatch(TRACCIA);
      expect(diverse(primo.prima, primo.dopo)).toEqual([]);
      return;
    }

    if (primo.tipo === "errore") throw primo.errore;
    const { esito, prima, dopo } = primo;
    expect(esito.messaggio).not.toMatch(TRACCIA);
    expect(fuoriDallaPatchFinta(prima, dopo, esito.patch)).toEqual([]);
    expect(percentualiFuoriScala(tutteLePercentuali(esito.analisi.risultato))).toEqual([]);
    // Nothing Barometro writes is a formula but its own: the label formula in a Barometro cell
    // (with the conditional formatting), "" emptying one, or a «formule di Excel» formula.
    const barometro = new Set(
      esito.analisi.linee.flatMap((l) =>
        l.obiettivi.flatMap((o) => o.indicatori.map((i) => `${i.foglio}!${i.celle.barometro}`))
      )
    );
    for (const s of esito.patch.scritture) {
      if (s.formula !== undefined && !isFormulaDiBarometro(s.formula)) {
        expect(barometro.has(`${s.foglio}!${s.cella}`)).toBe(true);
        expect(s.formula === "" || isFormulaBarometro(s.formula)).toBe(true);
      }
      expect(typeof s.valore === "number" ? Number.isFinite(s.valore) : !s.valore.startsWith("=")).toBe(true);
    }

    const secondo = await ricalcolaFinto(cartella, accesso);
    expect(secondo.tipo).toBe("ok");
    if (secondo.tipo === "ok") expect(diverse(secondo.prima, secondo.dopo)).toEqual([]);
  });

  if (caso.atteso === "elaborato" && !caso.adattatore)
    it("formula mode: only =PERF.RAGG(…) in % Ragg cells without a formula of the user's, idempotent", async () => {
      const { cartella, accesso } = await inExcelFinto(await bytesDi(caso));
      const impostazioni = { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "perf" as const };
      const primo = await ricalcolaFinto(cartella, accesso, impostazioni);
      if (primo.tipo !== "ok") throw primo.tipo === "errore" ? primo.errore : primo.eccezione;
      expect(fuoriDallaPatchFinta(primo.prima, primo.dopo, primo.esito.patch, true)).toEqual([]);
      const celleRagg = new Set(
        primo.esito.analisi.linee.flatMap((l) =>
          l.obiettivi.flatMap((o) => o.indicatori.map((i) => `${i.foglio}!${i.celle.ragg}`))
        )
      );
      for (const s of primo.esito.patch.scritture.filter(
        (x) => x.formula !== undefined && !isFormulaBarometro(x.formula)
      )) {
        expect(celleRagg.has(`${s.foglio}!${s.cella}`)).toBe(true);
        expect(s.formula).toMatch(/^=PERF\.RAGG\([A-Z]+\d+,[A-Z]+\d+(,[A-Z]+\d+)?\)$/);
      }
      const secondo = await ricalcolaFinto(cartella, accesso, impostazioni);
      expect(secondo.tipo).toBe("ok");
      if (secondo.tipo === "ok") expect(diverse(secondo.prima, secondo.dopo)).toEqual([]);
    });

  if (caso.atteso === "elaborato")
    it("reads the same lines, percentages and findings as the command line", async () => {
      const bytes = await bytesDi(caso);
      const file = join(TMP, `adattatore-${nome}.xlsx`);
      writeFileSync(file, bytes);
      const dalCli = await elabora(file);
      const { accesso } = await inExcelFinto(bytes);
      const { analizza } = await import("../../src/app/ricalcolo");
      const analisi = analizza(await accesso.leggi());
      expect(analisi.errore).toBeNull();
      const sintesi = (linee: typeof analisi.linee, r: RisultatoEnte) =>
        linee.map((l, i) => ({
          nome: l.nome,
          foglio: l.foglio,
          cella: l.percentuale?.cella,
          obiettivi: l.obiettivi.map((o) => o.indicatori.map((ind) => ind.celle)),
          incompleta: r.linee[i].incompleta,
          percentuali: tutteLePercentuali({ ...r, linee: [r.linee[i]] })
            .slice(1)
            .map((p) => (p === null ? null : p.toFixed(9))),
        }));
      expect(sintesi(analisi.linee, analisi.risultato)).toEqual(sintesi(dalCli.linee, dalCli.risultato));
      const avvisi = (a: typeof analisi.avvisi) => a.map((x) => `${x.codice} ${x.foglio}!${x.cella}`);
      expect(avvisi(analisi.avvisi)).toEqual(avvisi(dalCli.avvisi));
    });
});
