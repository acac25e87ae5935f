import ExcelJS from "exceljs";
import { CAMPIONE } from "../support/campione";
import { preparaCondivisione } from "../../src/app/condivisione";
import { MESSAGGI_APP } from "../../src/app/messaggi";
import { aggiornaRiepilogo } from "../../src/app/riepilogo";
import { FOGLIO_RIEPILOGO, TITOLO_RIEPILOGO } from "../../src/layout/fogli-barometro";
import { INTESTAZIONE_RIEPILOGO, NOME_GRAFICO_RIEPILOGO } from "../../src/layout/riepilogo";
import { analizza, ErroreBarometro, ricalcola } from "../../src/app/ricalcolo";
import {
  CHIAVE_APERTURA_AUTOMATICA,
  CHIAVE_FORMATTAZIONE,
  condivisioneDi,
  IMPOSTAZIONI_PREDEFINITE,
  Impostazioni,
  leggiImpostazioni,
  valoriDaImpostazioni,
} from "../../src/app/impostazioni";
import { BANDE_PREDEFINITE, calcolaRagg, creaBande, fasciaPer, numeroDaCella, parsePolarita } from "../../src/engine";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { leggiLinee } from "../../src/layout";
import { a1, parseA1 } from "../../src/layout/griglia";
import { creaPatch, isFormulaBarometro } from "../../src/layout/patch";
import { isRegolaBarometro, lineaDellaRegola, regoleCondizionali } from "../../src/layout/regole-condizionali";
import { calcolaFormula, ricalcolaFormule } from "../../src/excel-finto/calcolo-formule";
import { CartellaFinta, CODICI_ERRORE, ValutaFormula } from "../../src/excel-finto";
import { cartellaDaExcelJS, vistaFoglio, vistaGrafici } from "../../src/excel-finto/exceljs";

const FOGLIO = "Obiettivi 2024";
const [VERDE, GIALLO, ROSSO] = BANDE_PREDEFINITE.fasce.map((f) => f.colore);
const BLU = "#0000FF";
/**
 * Barometro's rules on the sample: 3 bands × 10 groups of rows. In «formule di Excel» (the default)
 * they read the % Ragg cells, so a line's rows of either polarity share one group (33 when they
 * computed % Ragg, one group per polarity).
 */
const REGOLE = 30;

let libro: ExcelJS.Workbook;
beforeAll(async () => {
  libro = new ExcelJS.Workbook();
  await libro.xlsx.readFile(CAMPIONE);
});

/** =PERF.RAGG(atteso,consuntivo[,polarità]) computed as the add-in would (the fake does not calculate). */
const valutaPerf: ValutaFormula = (formula, foglio) => {
  const m = /^=PERF\.RAGG\(([A-Z]+\d+),([A-Z]+\d+)(?:,([A-Z]+\d+))?\)$/.exec(formula);
  if (!m) return undefined;
  const valore = (a: string) => foglio.cella(a)?.valore ?? null;
  const atteso = numeroDaCella(valore(m[1]));
  const consuntivo = numeroDaCella(valore(m[2]));
  if (atteso === null || consuntivo === null) return "#N/A";
  return calcolaRagg(atteso, consuntivo, parsePolarita(m[3] ? valore(m[3]) : null) ?? "crescente");
};

/** Excel computes the formulas Barometro writes (PERF.RAGG with the add-in, «formule di Excel», the label). */
const valutaFormula: ValutaFormula = (formula, foglio, riga, colonna) =>
  valutaPerf(formula, foglio, riga, colonna) ?? calcolaFormula(formula, foglio, riga, colonna);

function campione() {
  const cartella = cartellaDaExcelJS(libro, { valutaFormula });
  const accesso = creaAccessoOffice({
    esegui: cartella.run,
    impostazioni: () => cartella.impostazioni,
  });
  return { cartella, accesso, ws: cartella.foglio(FOGLIO)! };
}

/** Keys of the snapshot whose entries differ. */
function diverse(prima: Map<string, string>, dopo: Map<string, string>): string[] {
  return [...new Set([...prima.keys(), ...dopo.keys()])].filter((k) => prima.get(k) !== dopo.get(k)).sort();
}

const operazioni = (c: CartellaFinta, sync: number) => c.registro[sync].operazioni;
const suRegole = (c: CartellaFinta, sync: number) =>
  operazioni(c, sync).filter((o) => o.oggetto.includes("conditionalFormats"));

describe("Ricalcola writes the Barometro as conditional formatting too", () => {
  it("marked rules on the Barometro cells, the same colours as the fills; a user's rule survives; 3 syncs", async () => {
    const { cartella, accesso, ws } = campione();
    // A rule of the user's, and an old Barometro rule left by an earlier version, on the sheet.
    const sua = ws.aggiungiRegola({
      tipo: "Custom",
      aree: [parseArea("H12:H20")],
      formula: "=$H12>1000",
      colore: BLU,
    });
    ws.aggiungiRegola({ tipo: "ColorScale", aree: [parseArea("I12:I20")] });
    ws.aggiungiRegola({
      tipo: "Custom",
      aree: [parseArea("N12:N40")],
      formula: '=AND(ISNUMBER($M12),$M12>=90)+0*N("barometro")',
      colore: VERDE,
    });
    await accesso.leggi();
    cartella.azzeraContatori();

    const esito = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    // Read, the sheet's rules read again (an old Barometro rule is to go: ids are positions), write.
    expect(cartella.sincronizzazioni).toBe(3);
    expect(esito.formattazione).toEqual({
      attiva: true,
      scritta: true,
      regole: REGOLE,
      fogli: [FOGLIO],
    });

    // The rules are exactly the ones regoleCondizionali gives for the sheet's lines.
    const attese = regoleCondizionali(esito.analisi.linee, esito.analisi.risultato.linee, BANDE_PREDEFINITE, true);
    const nostre = ws.formattazioni.filter((r) => isRegolaBarometro(r.formula));
    expect(nostre.map((r) => [r.aree.map(a1Di).join(" "), r.formula, r.colore]).sort()).toEqual(
      attese.map((r) => [r.aree.join(" "), r.formula, r.colore]).sort()
    );
    expect(new Set(nostre.map((r) => r.colore))).toEqual(new Set([VERDE, GIALLO, ROSSO]));
    expect(nostre.every((r) => r.aree.every((a) => a.left === 13 && a.right === 13))).toBe(true);
    // The user's rules are still there, unchanged; the old Barometro rule is gone.
    expect(ws.formattazioni).toContainEqual(sua);
    expect(ws.formattazioni.filter((r) => r.tipo === "ColorScale")).toHaveLength(1);
    expect(ws.formattazioni.filter((r) => r.formula?.includes('N("barometro")'))).toEqual([]);
    // Rules read again alone, then deleted and added in the write's sync, with values and fills.
    expect(suRegole(cartella, 1).map((o) => o.tipo)).toEqual(["carica"]);
    const scrittura = suRegole(cartella, 2).map((o) => o.dettaglio);
    expect(scrittura.filter((d) => d === "delete")).toHaveLength(1);
    expect(scrittura.filter((d) => d === "add")).toHaveLength(REGOLE);

    // What a person sees in every Barometro cell: the conditional colour equals the static fill.
    let conRegola = 0;
    for (const linea of esito.analisi.linee)
      for (const o of linea.obiettivi)
        for (const ind of o.indicatori) {
          const { row, col } = parseA1(ind.celle.barometro!);
          const regola = ws.regolaVisibile(row, col);
          if (regola) {
            conRegola++;
            expect(regola.colore).toBe(ws.cellaIn(row, col)?.colore);
          }
          expect(ws.coloreVisto(row, col)).toBe(ws.cellaIn(row, col)?.colore ?? null);
        }
    expect(conRegola).toBe(138); // 140 Barometro cells, 2 of them in a neutralised objective (grey, no rule)
  });

  it("the colours follow an edit made without the add-in; neutralised objectives keep their grey", async () => {
    const { cartella, accesso, ws } = campione();
    const { analisi } = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const palestre = analisi.linee
      .flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori))
      .find((i) => i.nome === "Aumento spazi palestre cittadine")!;
    const n = parseA1(palestre.celle.barometro!);
    expect(ws.coloreVisto(n.row, n.col)).toBe(ROSSO); // 500 / 1200
    // A colleague in Excel on the web types a new consuntivo (Excel recalculates): the fill stays,
    // the colour follows, and so do % Ragg and the label (the rule and the label read % Ragg).
    const digita = (valore: number | null) => {
      ws.imposta(palestre.celle.consuntivo!, { valore });
      ricalcolaFormule(cartella);
    };
    const etichetta = () => ws.cellaIn(n.row, n.col)?.valore;
    const ragg = () => ws.cella(palestre.celle.ragg!)?.valore;
    expect(etichetta()).toBe("Non raggiunto");
    digita(1100);
    expect(ws.coloreVisto(n.row, n.col)).toBe(VERDE);
    expect(ws.cellaIn(n.row, n.col)?.colore).toBe(ROSSO);
    expect([ragg(), etichetta()]).toEqual([expect.closeTo(91.67, 2), "Raggiunto"]);
    digita(900);
    expect(ws.coloreVisto(n.row, n.col)).toBe(GIALLO);
    expect([ragg(), etichetta()]).toEqual([75, "Parzialmente raggiunto"]);
    digita(null);
    expect(ws.coloreVisto(n.row, n.col)).toBe(ROSSO); // no data: no rule applies, the static fill shows
    expect([ragg(), etichetta()]).toEqual(["", "Non raggiunto"]); // the label of the last Ricalcola

    const neutro = analisi.linee.flatMap((l, i) =>
      l.obiettivi.filter((_, o) => analisi.risultato.linee[i].obiettivi[o].neutralizzato)
    )[0].indicatori[0];
    const g = parseA1(neutro.celle.barometro!);
    expect(ws.regolaVisibile(g.row, g.col)).toBeNull();
    expect(ws.coloreVisto(g.row, g.col)).toBe(BANDE_PREDEFINITE.neutralizzato.colore);
  });

  it("run twice, or by two people one after the other: the second run sends no rule and changes nothing", async () => {
    const { cartella, accesso } = campione();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const dopo = cartella.istantanea();
    cartella.azzeraContatori();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(2);
    expect(suRegole(cartella, 1)).toEqual([]);
    expect(diverse(dopo, cartella.istantanea())).toEqual([]);

    // A colleague's add-in, on the same workbook (another session), then Ricalcola linea.
    const collega = creaAccessoOffice({
      esegui: cartella.run,
      impostazioni: () => cartella.impostazioni,
    });
    await collega.leggi();
    cartella.azzeraContatori();
    await ricalcola(collega, { tipo: "linea", indice: 7 }, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(2);
    expect(suRegole(cartella, 1)).toEqual([]);
    expect(diverse(dopo, cartella.istantanea())).toEqual([]);
  });

  it("a changed layout (a row inserted, the bands changed) replaces Barometro's rules, in 3 syncs", async () => {
    const { cartella, accesso, ws } = campione();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const prima = ws.formattazioni.map((r) => r.formula);
    const bande = creaBande({ raggiunto: 95, parziale: 60 });
    if (typeof bande === "string") throw new Error(bande);
    cartella.azzeraContatori();
    await ricalcola(accesso, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, bande });
    // One more sync than a write that deletes nothing: the rules read again before deleting.
    expect(cartella.sincronizzazioni).toBe(3);
    expect(suRegole(cartella, 2).filter((o) => o.dettaglio === "delete")).toHaveLength(REGOLE);
    expect(ws.formattazioni.filter((r) => isRegolaBarometro(r.formula))).toHaveLength(REGOLE);
    expect(ws.formattazioni.every((r) => r.formula!.includes(">=60)+(") && r.formula!.includes(">=95)="))).toBe(true);
    expect(ws.formattazioni.map((r) => r.formula)).not.toEqual(prima);
  });

  it("a workbook with the rules and labels of before (MATCH over {0,70,90}): the next Ricalcola replaces them all", async () => {
    const { cartella, accesso, ws } = campione();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const giuste = cartella.istantanea();
    // As an earlier version wrote them (Excel refuses such rules now, but files may hold them),
    // even with the same firma in the marker: only the band index differs.
    const indice = /\(\((.*?)>=0\)\+\(\1>=70\)\+\(\1>=90\)/;
    const vecchia = (f: string) => f.replace(indice, (_, v: string) => `(MATCH(${v},{0,70,90})`);
    let regole = 0;
    for (const r of ws.formattazioni.filter((x) => isRegolaBarometro(x.formula))) {
      r.formula = vecchia(r.formula!);
      regole += r.formula.includes("{0,70,90}") ? 1 : 0;
    }
    expect(regole).toBe(REGOLE);
    let etichette = 0;
    const ancora = /CHOOSE\(\((.*?)>=0\)\+\(\1>=70\)\+\(\1>=90\),/;
    for (const { riga, colonna, cella } of [...ws.celle()])
      if (cella.formula && isFormulaBarometro(cella.formula)) {
        const f = cella.formula.replace(ancora, (_, v: string) => `CHOOSE(MATCH(${v},{0,70,90}),`);
        etichette += f.includes("{0,70,90}") ? 1 : 0;
        ws.impostaIn(riga, colonna, { formula: f });
      }
    expect(etichette).toBeGreaterThan(100);

    cartella.azzeraContatori();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    // 3: the rules are read again before deleting (their ids are positions).
    expect(cartella.sincronizzazioni).toBe(3);
    expect(cartella.registro.filter((r) => r.errore)).toEqual([]);
    expect(suRegole(cartella, 2).filter((o) => o.dettaglio === "delete")).toHaveLength(REGOLE);
    expect(suRegole(cartella, 2).filter((o) => o.dettaglio === "add")).toHaveLength(REGOLE);
    // Rules and labels are the current ones again (the rules in another order of priority, which
    // does not matter: the bands are exclusive); no array constant left anywhere.
    const dopo = cartella.istantanea();
    expect(diverse(giuste, dopo)).toEqual([`${FOGLIO}!#formattazioni`]);
    const ordinate = (m: Map<string, string>) =>
      (JSON.parse(m.get(`${FOGLIO}!#formattazioni`)!) as unknown[]).map((r) => JSON.stringify(r)).sort();
    expect(ordinate(dopo)).toEqual(ordinate(giuste));
    expect([...ws.celle()].some(({ cella }) => cella.formula?.includes("{"))).toBe(false);
    expect(ws.formattazioni.some((r) => r.formula?.includes("{"))).toBe(false);
  });

  it("rules and labels that compute % Ragg (an earlier version, or «valori»): the next Ricalcola in «formule di Excel» makes them read it; PERF computes again", async () => {
    const { cartella, accesso, ws } = campione();
    const { analisi } = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const giuste = cartella.istantanea();
    const legge = (f: string | undefined, riga: number) => !!f?.includes(`IF(ISNUMBER($M${riga}),$M${riga},-1)`);
    const regoleNostre = () => ws.formattazioni.filter((r) => isRegolaBarometro(r.formula));
    const etichette = () =>
      [...ws.celle()]
        .filter(({ cella }) => isFormulaBarometro(cella.formula))
        .map(({ riga, cella }) => ({ riga, cella }));
    const leggonoTutte = () =>
      regoleNostre().every((r) => legge(r.formula, r.aree[0].top + 1)) &&
      etichette().every(({ riga, cella }) => legge(cella.formula, riga + 1));
    expect(etichette().length).toBeGreaterThan(100);
    expect(leggonoTutte()).toBe(true);

    // As the version before wrote them: the same «formule di Excel» in the cells, but rules and
    // labels computing % Ragg from atteso and consuntivo (one group per polarity).
    const { linee, risultato } = analisi;
    const calcolate = regoleCondizionali(linee, risultato.linee, BANDE_PREDEFINITE, false);
    expect(calcolate).toHaveLength(33);
    ws.formattazioni.splice(0, ws.formattazioni.length);
    for (const r of calcolate)
      ws.aggiungiRegola({ tipo: "Custom", aree: r.aree.map(parseArea), formula: r.formula, colore: r.colore });
    const etichetteCalcolate = creaPatch(linee, risultato.linee, {
      condizionale: true,
      fogli: analisi.lettura.fogli,
    }).scritture.filter((w) => isFormulaBarometro(w.formula));
    for (const w of etichetteCalcolate) ws.imposta(w.cella, { formula: w.formula });
    expect(etichette().filter(({ cella }) => cella.formula?.includes("ISNUMBER($M"))).toEqual([]);

    cartella.azzeraContatori();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    // Every rule replaced (its firma changed; 3 syncs: the rules read again before deleting), every label rewritten.
    expect(cartella.sincronizzazioni).toBe(3);
    expect(suRegole(cartella, 2).filter((o) => o.dettaglio === "delete")).toHaveLength(33);
    expect(suRegole(cartella, 2).filter((o) => o.dettaglio === "add")).toHaveLength(REGOLE);
    expect(leggonoTutte()).toBe(true);
    const ordinate = (m: Map<string, string>) =>
      (JSON.parse(m.get(`${FOGLIO}!#formattazioni`)!) as unknown[]).map((r) => JSON.stringify(r)).sort();
    const dopo = cartella.istantanea();
    expect(diverse(giuste, dopo).filter((k) => k !== `${FOGLIO}!#formattazioni`)).toEqual([]);
    expect(ordinate(dopo)).toEqual(ordinate(giuste));

    // PERF: the % Ragg cells hold =PERF.RAGG (#NAME? without the add-in): rules and labels compute again.
    await ricalcola(accesso, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "perf" });
    expect(regoleNostre()).toHaveLength(33);
    expect(regoleNostre().some((r) => r.formula!.includes("ISNUMBER($M"))).toBe(false);
    expect(etichette().some(({ cella }) => cella.formula!.includes("ISNUMBER($M"))).toBe(false);
    // «valori»: the same.
    await ricalcola(accesso, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "valori" });
    expect(regoleNostre().some((r) => r.formula!.includes("ISNUMBER($M"))).toBe(false);
    expect(etichette().some(({ cella }) => cella.formula!.includes("ISNUMBER($M"))).toBe(false);
  });

  it("rule ids are positions: with the user's rules between Barometro's, only Barometro's are deleted", async () => {
    const { accesso, ws } = campione();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    // The user's rules made in Excel among Barometro's (as "Manage rules" lists them): 2nd and last.
    const sua = ws.aggiungiRegola({
      tipo: "Custom",
      aree: [parseArea("H12")],
      formula: "=$H12>1000",
      colore: BLU,
    });
    const scala = ws.aggiungiRegola({
      tipo: "ColorScale",
      aree: [parseArea("I12:I20")],
    });
    ws.formattazioni.splice(ws.formattazioni.indexOf(sua), 1);
    ws.formattazioni.splice(1, 0, sua);
    expect(ws.formattazioni.map((r) => isRegolaBarometro(r.formula))).toEqual([
      true,
      false,
      ...Array.from({ length: REGOLE - 1 }, () => true),
      false,
    ]);
    const formuleNostre = () => ws.formattazioni.filter((r) => isRegolaBarometro(r.formula)).map((r) => r.formula!);
    const vecchie = new Set(formuleNostre());
    const bande = creaBande({ raggiunto: 95, parziale: 60 });
    if (typeof bande === "string") throw new Error(bande);
    await ricalcola(accesso, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, bande });
    // Deleting by the read's ids from the top shifts every later id onto the next rule: the user's
    // 2nd rule goes, then the batch fails (ItemNotFound) with Barometro's old rules half deleted.
    expect(ws.formattazioni.filter((r) => !isRegolaBarometro(r.formula))).toEqual([sua, scala]);
    expect(formuleNostre()).toHaveLength(REGOLE);
    expect(formuleNostre().filter((f) => vecchie.has(f))).toEqual([]);

    // Ricalcola linea: only that line's rules are replaced, among another line's and the user's.
    const prima = formuleNostre();
    const { patch } = await ricalcola(accesso, { tipo: "linea", indice: 0 }, IMPOSTAZIONI_PREDEFINITE);
    const chiave = lineaDellaRegola(patch.formattazione?.aggiungi[0]?.formula);
    expect(chiave).not.toBeNull();
    const dopo = formuleNostre();
    expect(dopo).toHaveLength(REGOLE);
    expect(dopo.filter((f) => lineaDellaRegola(f) !== chiave).sort()).toEqual(
      prima.filter((f) => lineaDellaRegola(f) !== chiave).sort()
    );
    expect(dopo.filter((f) => lineaDellaRegola(f) === chiave && prima.includes(f))).toEqual([]);
    expect(ws.formattazioni.filter((r) => !isRegolaBarometro(r.formula))).toEqual([sua, scala]);
  });

  it("rules deleted or added by someone else between the read and the write: no error, only Barometro's go", async () => {
    const { cartella, accesso, ws } = campione();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const bande = creaBande({ raggiunto: 95, parziale: 60 });
    if (typeof bande === "string") throw new Error(bande);
    let sua: ReturnType<typeof ws.aggiungiRegola> | null = null;
    // Just before the write: Barometro's first rule deleted, a rule of the user's put on top.
    const intanto: typeof accesso = {
      ...accesso,
      scrivi: (p) => {
        ws.formattazioni.splice(0, 1);
        sua = ws.aggiungiRegola({
          tipo: "Custom",
          aree: [parseArea("H12")],
          formula: "=$H12>1000",
          colore: BLU,
        });
        ws.formattazioni.unshift(ws.formattazioni.pop()!);
        return accesso.scrivi(p);
      },
    };
    cartella.azzeraContatori();
    await ricalcola(intanto, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, bande });
    expect(cartella.sincronizzazioni).toBe(3);
    expect(ws.formattazioni.filter((r) => !isRegolaBarometro(r.formula))).toEqual([sua]);
    expect(ws.formattazioni.filter((r) => isRegolaBarometro(r.formula))).toHaveLength(REGOLE);
  });

  it("switched off in the workbook's settings: Barometro's rules removed (the user's stay), fills still written", async () => {
    const { cartella, accesso, ws } = campione();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const sua = ws.aggiungiRegola({
      tipo: "Custom",
      aree: [parseArea("H12")],
      formula: "=$H12>1000",
      colore: BLU,
    });
    await accesso.salvaImpostazioni({ [CHIAVE_FORMATTAZIONE]: false });
    // The task pane passes the settings it shows; without the option, the stored one decides.
    const esito = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    expect(esito.formattazione).toMatchObject({
      attiva: false,
      scritta: true,
      regole: 0,
    });
    expect(ws.formattazioni).toEqual([sua]);
    expect(esito.patch.colori).toHaveLength(140);
    // Explicitly on again.
    await ricalcola(accesso, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, formattazioneCondizionale: true });
    expect(ws.formattazioni.filter((r) => isRegolaBarometro(r.formula))).toHaveLength(REGOLE);
    expect(cartella.impostazioniNelFile()[CHIAVE_FORMATTAZIONE]).toBe(false);
  });

  it("when Excel refuses to read the rules: one more read without them, rules untouched, and the message says so", async () => {
    const { cartella, accesso, ws } = campione();
    const sua = ws.aggiungiRegola({
      tipo: "Custom",
      aree: [parseArea("H12")],
      formula: "=$H12>1000",
      colore: BLU,
    });
    cartella.formattazioniIlleggibili = true;
    const esito = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    // The first read: the list of sheets, their contents (refused), the same without rules; the write.
    expect(cartella.registro.map((r) => r.errore)).toEqual([
      undefined,
      CODICI_ERRORE.generico,
      undefined,
      undefined,
      undefined,
    ]);
    expect(esito.analisi.lettura.formattazioni).toBeNull();
    expect(esito.formattazione).toMatchObject({ attiva: true, scritta: false });
    expect(esito.messaggio).toContain(MESSAGGI_APP.formattazioneNonLetta);
    expect(ws.formattazioni).toEqual([sua]);
    expect(esito.patch.colori).toHaveLength(140);
    // Later reads skip the rules at once (no failed round trip each time).
    cartella.azzeraContatori();
    await accesso.leggi();
    expect(cartella.registro.map((r) => r.errore)).toEqual([undefined]);
    expect(accesso.diagnostica().ultimaLettura?.formattazioni).toBe(false);
  });
});

describe("Prepara per la condivisione", () => {
  /** Formula mode, plus PERF formulas of the user's: a line's, a spilled column, an error, one not computed. */
  async function conFormule() {
    const c = campione();
    await ricalcola(c.accesso, { tipo: "tutto" }, { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: "perf" });
    await c.accesso.salvaImpostazioni({ "barometro.modoScrittura": "formule" });
    const libera = c.ws.areaUsata()!.right + 2; // a free column
    const col = (r: number) => a1(r - 1, libera);
    c.ws.imposta(col(12), {
      formula: "=PERF.LINEA(B12:B19,L12:L19,M12:M19)",
      valore: 84.44,
    });
    c.ws.imposta(col(14), {
      formula: "=PERF.RAGG(H12:H14,I12:I14)",
      valore: 100,
    });
    c.ws.imposta(col(15), { valore: 41.67 }); // spilled values: no formula of their own
    c.ws.imposta(col(16), { valore: 33.33 });
    c.ws.imposta(col(18), {
      formula: '=PERF.BAROMETRO(92,"x")',
      valore: "#N/A",
    });
    c.ws.imposta(col(19), { formula: "=PERF.ENTE(A1:A3)", valore: "#NAME?" });
    c.ws.imposta(col(20), { formula: '=IF(A1="PERF.RAGG(",1,2)', valore: 2 }); // not a PERF call
    c.cartella.aggiungiFoglio("Appunti").imposta("B2", { formula: "=PERF.RAGG(50,39)", valore: 78 });
    return { ...c, col };
  }

  it("counts, then replaces every PERF formula by its value in one write and reports it; a second run finds 0", async () => {
    const { cartella, accesso, ws, col } = await conFormule();
    const ragg = analizza(await accesso.leggi())
      .linee.flatMap((l) => l.obiettivi.flatMap((o) => o.indicatori))
      .filter((i) => ws.cella(i.celle.ragg!)?.formula?.startsWith("=PERF.RAGG("));
    expect(ragg.length).toBeGreaterThan(100);
    const attese = ragg.length + 4; // PERF.LINEA, the spilled PERF.RAGG, PERF.BAROMETRO, the other sheet's

    cartella.azzeraContatori();
    const prima = cartella.istantanea();
    const conta = await preparaCondivisione(accesso);
    expect(cartella.sincronizzazioni).toBe(1);
    expect(cartella.istantanea()).toEqual(prima);
    expect(conta).toMatchObject({
      applicato: false,
      formule: attese,
      fogli: [FOGLIO, "Appunti"],
      scrittura: null,
    });
    expect(conta.domanda).toBe(`Sostituire ${attese} formule PERF con il loro valore?`);
    expect(conta.escluse).toEqual([
      expect.objectContaining({
        foglio: FOGLIO,
        cella: col(19),
        motivo: expect.stringContaining("Ctrl+Alt+F9"),
      }),
    ]);

    cartella.azzeraContatori();
    const valori = ragg.map((i) => ws.cella(i.celle.ragg!)!.valore);
    const esito = await preparaCondivisione(accesso, { conferma: true });
    expect(cartella.sincronizzazioni).toBe(2);
    expect(esito).toMatchObject({
      applicato: true,
      formule: attese,
      fogli: [FOGLIO, "Appunti"],
    });
    expect(esito.scrittura?.sincronizzazioni).toBe(1);
    expect(esito.messaggio).toContain(`${attese} formule PERF sostituite`);
    expect(esito.messaggio).toContain(MESSAGGI_APP.modoFormuleAttivo);

    // The values a person saw, now without formulas (errors as native errors).
    expect(ragg.map((i) => ws.cella(i.celle.ragg!))).toEqual(valori.map((v) => expect.objectContaining({ valore: v })));
    expect(ragg.every((i) => ws.cella(i.celle.ragg!)!.formula === undefined)).toBe(true);
    expect(ws.cella(col(12))).toEqual({ valore: 84.44 });
    expect([col(14), col(15), col(16)].map((c) => ws.cella(c))).toEqual([
      { valore: 100 },
      { valore: 41.67 },
      { valore: 33.33 },
    ]);
    expect(ws.cella(col(18))?.formula).toBe("=NA()");
    expect(ws.cella(col(19))?.formula).toBe("=PERF.ENTE(A1:A3)"); // not computed: left, and listed
    expect(ws.cella(col(20))?.formula).toBe('=IF(A1="PERF.RAGG(",1,2)');
    expect(cartella.foglio("Appunti")!.cella("B2")).toEqual({ valore: 78 });

    const ancora = await preparaCondivisione(accesso);
    expect(ancora).toMatchObject({
      applicato: false,
      formule: 0,
      fogli: [],
      domanda: null,
    });
    expect(ancora.messaggio).toBe(MESSAGGI_APP.soloFormuleEscluse(1));
    const nulla = cartella.istantanea();
    expect(await preparaCondivisione(accesso, { conferma: true })).toMatchObject({ applicato: false, formule: 0 });
    expect(cartella.istantanea()).toEqual(nulla);
  });

  it("changes only the PERF cells", async () => {
    const { cartella, accesso, col } = await conFormule();
    const prima = cartella.istantanea();
    await preparaCondivisione(accesso, { conferma: true });
    const cambiate = diverse(prima, cartella.istantanea());
    expect(cambiate.length).toBeGreaterThan(100);
    const ammesse = (k: string) =>
      /^Obiettivi 2024!M\d+$/.test(k) || k === "Appunti!B2" || [12, 14, 18].some((r) => k === `${FOGLIO}!${col(r)}`);
    expect(cambiate.filter((k) => !ammesse(k))).toEqual([]);
  });

  it("a protected sheet's PERF formulas are listed, not written", async () => {
    const { cartella, accesso } = await conFormule();
    cartella.foglio("Appunti")!.protetto = true;
    const esito = await preparaCondivisione(accesso, { conferma: true });
    expect(esito.fogli).toEqual([FOGLIO]);
    expect(esito.escluse.map((e) => [e.foglio, e.cella, e.motivo])).toContainEqual([
      "Appunti",
      "B2",
      "il foglio è protetto",
    ]);
    expect(cartella.foglio("Appunti")!.cella("B2")?.formula).toBe("=PERF.RAGG(50,39)");
  });
});

describe("the Riepilogo sheet", () => {
  it("one row per line and the ente, a bar chart coloured by band; 1 read + 1 write; nothing else changes", async () => {
    const { cartella, accesso } = campione();
    const linee = analizza(await accesso.leggi());
    cartella.azzeraContatori();
    const prima = cartella.istantanea();
    const esito = await aggiornaRiepilogo(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(2);
    expect(esito).toMatchObject({
      foglio: FOGLIO_RIEPILOGO,
      creato: true,
      linee: 10,
    });
    expect(esito.messaggio).toBe("Creato il foglio «Riepilogo»: 10 linee, ente 92,50%.");
    expect(cartella.fogli.map((f) => f.nome)).toEqual([FOGLIO, FOGLIO_RIEPILOGO]);

    const r = cartella.foglio(FOGLIO_RIEPILOGO)!;
    expect(r.cella("A1")?.valore).toBe(TITOLO_RIEPILOGO);
    expect([0, 1, 2, 3, 4, 5].map((c) => r.cellaIn(3, c)?.valore)).toEqual([...INTESTAZIONE_RIEPILOGO]);
    linee.linee.forEach((l, i) => {
      const ris = linee.risultato.linee[i];
      const fascia = fasciaPer(ris.percentuale!, BANDE_PREDEFINITE);
      expect(r.cellaIn(4 + i, 0)?.valore).toBe(l.nome);
      expect(r.cellaIn(4 + i, 1)).toEqual({
        valore: ris.percentuale! / 100,
        formato: "0.00%",
      });
      expect(r.cellaIn(4 + i, 2)).toEqual({
        valore: fascia.etichetta,
        colore: fascia.colore,
      });
      expect(r.cellaIn(4 + i, 3)).toEqual({
        valore: l.obiettivi.length,
        formato: "0",
      });
      expect(r.cellaIn(4 + i, 4)).toEqual({
        valore: ris.neutralizzati,
        formato: "0",
      });
      expect(r.cellaIn(4 + i, 5)?.valore).toBe(ris.incompleta ? "sì" : "no");
    });
    expect(r.cellaIn(14, 0)?.valore).toBe("Ente (media delle linee)");
    expect(r.cellaIn(14, 1)?.valore).toBeCloseTo(linee.risultato.percentuale! / 100, 12);
    expect(vistaFoglio(r).righe[14][2].testo).toBe("Raggiunto");

    // One native bar chart, named, its bars in the lines' band colours.
    const [grafico, ...altri] = vistaGrafici(cartella, r);
    expect(altri).toEqual([]);
    expect(grafico).toMatchObject({
      nome: NOME_GRAFICO_RIEPILOGO,
      tipo: "BarClustered",
      legenda: false,
      minimo: 0,
      massimo: 1,
    });
    expect(grafico.categorie).toEqual(linee.linee.map((l) => l.nome));
    expect(grafico.serie).toHaveLength(1);
    // Each bar with its percentage (data labels): a new chart in Excel has none.
    expect(grafico.serie[0].etichette).toBe(true);
    expect(grafico.serie[0].valori).toEqual(linee.risultato.linee.map((x) => x.percentuale! / 100));
    expect(grafico.serie[0].colori).toEqual(
      linee.risultato.linee.map((x) => fasciaPer(x.percentuale!, BANDE_PREDEFINITE).colore)
    );
    expect(new Set(grafico.serie[0].colori).size).toBeGreaterThan(1);

    // Nothing else in the workbook changed; the layout reader does not take the sheet for a table.
    expect(diverse(prima, cartella.istantanea()).filter((k) => !k.startsWith(`${FOGLIO_RIEPILOGO}!`))).toEqual([]);
    const dopo = await accesso.leggi();
    expect(leggiLinee(dopo.fogli)).toEqual(leggiLinee(linee.lettura.fogli));
  });

  it("refreshed twice: one sheet, one chart, nothing changed; the new sheet costs no extra read", async () => {
    const { cartella, accesso, ws } = campione();
    await aggiornaRiepilogo(accesso, IMPOSTAZIONI_PREDEFINITE);
    const una = cartella.istantanea();
    cartella.azzeraContatori();
    const esito = await aggiornaRiepilogo(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(2);
    expect(esito.creato).toBe(false);
    expect(esito.messaggio).toMatch(/^Aggiornato il foglio «Riepilogo»/);
    expect(diverse(una, cartella.istantanea())).toEqual([]);
    expect(cartella.fogli.filter((f) => f.nome === FOGLIO_RIEPILOGO)).toHaveLength(1);
    expect(cartella.foglio(FOGLIO_RIEPILOGO)!.grafici).toHaveLength(1);

    // The data change: the refresh follows (the chart is replaced, a user's chart stays).
    const r = cartella.foglio(FOGLIO_RIEPILOGO)!;
    r.grafici.push({
      ...r.grafici[0],
      id: "{suo}",
      nome: "Il mio grafico",
      coloriPunti: {},
    });
    const { analisi } = await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    const sport = analisi.linee.findIndex((l) => l.nome === "LINEA STRATEGICA SULLO SPORT");
    const palestre = analisi.linee[sport].obiettivi
      .flatMap((o) => o.indicatori)
      .find((i) => i.nome.startsWith("Aumento spazi"))!;
    ws.imposta(palestre.celle.consuntivo!, { valore: 1200 });
    await aggiornaRiepilogo(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(r.grafici.map((g) => g.nome).sort()).toEqual([NOME_GRAFICO_RIEPILOGO, "Il mio grafico"].sort());
    expect(r.cellaIn(4 + sport, 1)?.valore).toBeCloseTo(1, 12);
    expect(vistaGrafici(cartella, r).find((g) => g.nome === NOME_GRAFICO_RIEPILOGO)!.serie[0].colori[sport]).toBe(
      VERDE
    );
  });

  it("with the Riepilogo, Ricalcola tutto and the refresh are idempotent together", async () => {
    const { cartella, accesso } = campione();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    await aggiornaRiepilogo(accesso, IMPOSTAZIONI_PREDEFINITE);
    const stato = cartella.istantanea();
    cartella.azzeraContatori();
    await ricalcola(accesso, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE);
    await aggiornaRiepilogo(accesso, IMPOSTAZIONI_PREDEFINITE);
    expect(cartella.sincronizzazioni).toBe(4);
    expect(suRegole(cartella, 1)).toEqual([]);
    expect(diverse(stato, cartella.istantanea())).toEqual([]);
  });

  it("a user's own sheet named Riepilogo, or ours protected: an Italian message and nothing written", async () => {
    const { cartella, accesso } = campione();
    cartella.aggiungiFoglio("riepilogo").imposta("A1", { valore: "Il mio riepilogo" });
    const prima = cartella.istantanea();
    cartella.azzeraContatori();
    await expect(aggiornaRiepilogo(accesso, IMPOSTAZIONI_PREDEFINITE)).rejects.toThrow(
      new ErroreBarometro(MESSAGGI_APP.riepilogoAltrui("riepilogo"))
    );
    expect(cartella.registro.flatMap((r) => r.operazioni).filter((o) => o.tipo !== "carica")).toEqual([]);
    expect(cartella.istantanea()).toEqual(prima);

    const altra = campione();
    await aggiornaRiepilogo(altra.accesso, IMPOSTAZIONI_PREDEFINITE);
    altra.cartella.foglio(FOGLIO_RIEPILOGO)!.protetto = true;
    await expect(aggiornaRiepilogo(altra.accesso, IMPOSTAZIONI_PREDEFINITE)).rejects.toThrow(
      MESSAGGI_APP.foglioProtetto(FOGLIO_RIEPILOGO)
    );
  });
});

describe("sharing settings through the adapter", () => {
  it("conditional formatting off and auto-open on round-trip through the document, and survive reopening", async () => {
    const { cartella, accesso } = campione();
    expect(condivisioneDi(leggiImpostazioni(accesso.leggiImpostazioni()).impostazioni)).toEqual({
      formattazioneCondizionale: true,
      aperturaAutomatica: false,
    });
    const impostazioni: Impostazioni = {
      ...IMPOSTAZIONI_PREDEFINITE,
      formattazioneCondizionale: false,
      aperturaAutomatica: true,
    };
    await accesso.salvaImpostazioni(valoriDaImpostazioni(impostazioni));
    expect(cartella.impostazioniNelFile()).toMatchObject({
      [CHIAVE_FORMATTAZIONE]: false,
      "Office.AutoShowTaskpaneWithDocument": true,
    });
    cartella.riapri();
    const riletto = leggiImpostazioni(
      creaAccessoOffice({
        esegui: cartella.run,
        impostazioni: () => cartella.impostazioni,
      }).leggiImpostazioni()
    );
    expect(riletto).toEqual({ impostazioni, errore: null });

    // Auto-open off removes Office's key; saving without the options leaves them as stored.
    await accesso.salvaImpostazioni(valoriDaImpostazioni({ ...impostazioni, aperturaAutomatica: false }));
    expect(CHIAVE_APERTURA_AUTOMATICA in cartella.impostazioniNelFile()).toBe(false);
    await accesso.salvaImpostazioni(valoriDaImpostazioni(IMPOSTAZIONI_PREDEFINITE));
    expect(cartella.impostazioniNelFile()[CHIAVE_FORMATTAZIONE]).toBe(false);
  });
});

function parseArea(indirizzo: string) {
  const [da, a = da] = indirizzo.split(":").map(parseA1);
  return { top: da.row, left: da.col, bottom: a.row, right: a.col };
}

function a1Di(area: { top: number; left: number; bottom: number; right: number }): string {
  const da = a1(area.top, area.left);
  return area.top === area.bottom && area.left === area.right ? da : `${da}:${a1(area.bottom, area.right)}`;
}
