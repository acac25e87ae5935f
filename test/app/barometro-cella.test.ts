/**
 * Ricalcola writes the band's label or symbol into the Barometro cell (issue #7): the setting
 * stored in the workbook or given by the pane, a formula that follows the data where Barometro
 * writes its conditional formatting, and a user's own text left alone and reported.
 */
import { ricalcola } from "../../src/app/ricalcolo";
import { CHIAVE_CONTENUTO_BAROMETRO, CHIAVE_FORMATTAZIONE, IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { SheetGrid } from "../../src/layout/griglia";
import { isFormulaBarometro, Patch } from "../../src/layout/patch";
import { AccessoRegistrato } from "../support/accesso-registrato";
import { fogliCampione } from "../support/campione";

/** The sample's Barometro column. */
const COLONNA = "N";
let fogli: SheetGrid[];
beforeAll(async () => {
  fogli = await fogliCampione();
});

const nelBarometro = (patch: Patch) => patch.scritture.filter((s) => s.cella.startsWith(COLONNA));

describe("Ricalcola and the Barometro cell", () => {
  it("by default the band's label, as a value when Barometro does not write the conditional formatting", async () => {
    const access = new AccessoRegistrato(fogli); // cannot read the rules: no conditional formatting
    const esito = await ricalcola(access, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const scritte = nelBarometro(esito.patch);
    expect(scritte.length).toBeGreaterThan(100);
    expect(scritte.every((s) => s.formula === undefined)).toBe(true);
    expect(new Set(scritte.map((s) => s.valore))).toEqual(
      new Set(["Raggiunto", "Parzialmente raggiunto", "Non raggiunto", "Neutralizzato"])
    );
    expect(esito.patch.barometroDellUtente).toBeUndefined();
  });

  it("with the conditional formatting, a formula that follows the data; the stored choice applies", async () => {
    const access = new AccessoRegistrato(fogli);
    access.formattazioni = [];
    const esito = await ricalcola(access, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const scritte = nelBarometro(esito.patch);
    expect(scritte.length).toBeGreaterThan(100);
    // Neutralised objectives have no rule (their grey is fixed): a plain label.
    const [neutri, formule] = [scritte.filter((s) => !s.formula), scritte.filter((s) => s.formula)];
    expect(neutri.length).toBeGreaterThan(0);
    expect(neutri.every((s) => s.valore === "Neutralizzato")).toBe(true);
    expect(formule.every((s) => isFormulaBarometro(s.formula))).toBe(true);
    expect(formule[0].formula).toMatch(
      /^=IFERROR\(CHOOSE\(\(IF\(.*>=0\)\+.*"Raggiunto"\),"[^"]*"\)&T\(N\("barometro"\)\)$/
    );
    expect(formule.every((s) => !s.formula!.includes("{"))).toBe(true);

    access.impostazioni = { [CHIAVE_CONTENUTO_BAROMETRO]: "simbolo" };
    const simboli = nelBarometro((await ricalcola(access, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE)).patch);
    expect(new Set(simboli.map((s) => s.valore))).toEqual(new Set(["●", "◐", "○", "–"]));

    // The pane's choice wins over the stored one; conditional formatting off: values.
    access.impostazioni = { [CHIAVE_CONTENUTO_BAROMETRO]: "simbolo", [CHIAVE_FORMATTAZIONE]: false };
    const valori = nelBarometro(
      (await ricalcola(access, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, contenutoBarometro: "etichetta" }))
        .patch
    );
    expect(valori.every((s) => s.formula === undefined && !["●", "◐", "○", "–"].includes(String(s.valore)))).toBe(true);
  });

  it("colour only: nothing in the empty Barometro cells", async () => {
    const access = new AccessoRegistrato(fogli);
    access.formattazioni = [];
    const esito = await ricalcola(
      access,
      { tipo: "tutto" },
      { ...IMPOSTAZIONI_PREDEFINITE, contenutoBarometro: "colore" }
    );
    expect(nelBarometro(esito.patch)).toEqual([]);
    expect(esito.patch.colori).toHaveLength(140);
  });

  it("a Barometro cell with the user's text keeps it, and the message says where", async () => {
    const copia = fogli.map((g) => ({ ...g, values: g.values.map((r) => [...r]) }));
    const primo = nelBarometro(
      (await ricalcola(new AccessoRegistrato(fogli), { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE)).patch
    )[0];
    const riga = Number(primo.cella.slice(1)) - 1;
    copia[0].values[riga][13] = "in verifica";
    const esito = await ricalcola(new AccessoRegistrato(copia), { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(nelBarometro(esito.patch).some((s) => s.cella === primo.cella)).toBe(false);
    expect(esito.patch.colori.some((c) => c.cella === primo.cella)).toBe(true);
    expect(esito.patch.barometroDellUtente).toEqual([{ foglio: primo.foglio, cella: primo.cella }]);
    expect(esito.messaggio).toContain(
      `1 cella Barometro contiene un testo non di Barometro, lasciato com'era (${primo.cella}): svuotarla perché Barometro vi scriva la fascia`
    );
  });
});
