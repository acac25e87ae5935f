import {
  CAMPI_TESTO,
  CampoCella,
  CampoIndicatore,
  Indicatore,
  cellaVuota,
  Linea,
  Obiettivo,
  ValoreCella,
} from "../engine";
import { SheetGrid } from "./griglia";
import {
  abbinaColonne,
  CAMPI_OBBLIGATORI,
  CellaIntestazione,
  ColonneTabella,
  obbligatoriDistinti,
  obbligatoriPossibili,
  puoNominareObbligatoria,
  riconosciIntestazione,
} from "./intestazioni";
import { dataDaSeriale, isFormatoData, isFormatoPercentuale, leggiPercentuale } from "./percentuali";
import { isEtichettaPercentuale, isTitolo, trovaNellaRiga, trovaPercentuale } from "./sezioni";
import { Foglio, Posizione } from "./vista-foglio";
import { testoCompatto, testoDi } from "./testo";

export interface LetturaLinee {
  linee: Linea[];
  /** Italian message for the user when no table was found in any sheet; null otherwise. */
  errore: string | null;
}

/**
 * Reads the strategic lines, their objectives and indicators from the report's sheets.
 * Never throws: whatever the grids hold, the answer is a (possibly empty) list of lines and,
 * when nothing could be read, an error message naming the sheets.
 */
export function leggiLinee(fogli: SheetGrid[]): LetturaLinee {
  const elenco: unknown[] = Array.isArray(fogli) ? fogli : [];
  const linee: Linea[] = [];
  const guasti: string[] = [];
  const nomi: string[] = [];
  for (const grid of elenco) {
    let foglio: Foglio | null = null;
    try {
      foglio = new Foglio(grid as SheetGrid);
      nomi.push(foglio.nome);
      const delFoglio = leggiFoglio(foglio);
      delFoglio.forEach(vestiRaggVuoti);
      formatiFrazione.clear();
      linee.push(...delFoglio);
    } catch (e) {
      // Defensive only: a bug here must not cost the user the other sheets.
      guasti.push(
        `${foglio ? `"${foglio.nome}"` : "(foglio illeggibile)"}: ${e instanceof Error ? e.message : String(e)}`
      );
    }
  }
  // The row counts of the last sheet must not keep its grid alive after the reading.
  formatiFrazione.clear();
  contiDel = null;
  conti = [];
  abbinate.clear();
  ultimaAbbinata = null;
  if (guasti.length > 0) {
    return { linee, errore: `Errore inatteso nella lettura dei fogli ${guasti.join("; ")}.` };
  }
  return { linee, errore: linee.length > 0 ? null : messaggioNessunaTabella(nomi) };
}

function messaggioNessunaTabella(nomi: string[]): string {
  if (nomi.length === 0) return "Nessun foglio da leggere: la cartella di lavoro è vuota.";
  const elenco =
    nomi
      .slice(0, 10)
      .map((n) => `"${n}"`)
      .join(", ") + (nomi.length > 10 ? ` e altri ${nomi.length - 10}` : "");
  return (
    `Nessuna tabella degli obiettivi trovata nei fogli ${elenco}. ` +
    "Serve una riga di intestazione con almeno le colonne Indicatore, Target atteso, Target consuntivo e Peso."
  );
}

/** A line being read, plus what the reader needs to know about it. */
interface LineaInLettura {
  linea: Linea;
  /** Lines are only reported when their section has a header row. */
  haTabella: boolean;
}

/** An objective whose first row has been seen; it becomes part of the line with its first indicator. */
interface ObiettivoInAttesa {
  nome: string;
  settore: string;
  definizione: string;
  riga: number;
  /** Address of its Obiettivo cell (the trace selects it). */
  cella?: string;
}

/** Reading state of one sheet, top to bottom. */
interface Stato {
  foglio: Foglio;
  lette: LineaInLettura[];
  corrente: LineaInLettura | null;
  tabella: ColonneTabella | null;
  obiettivo: Obiettivo | null;
  inAttesa: ObiettivoInAttesa | null;
  settore: string;
}

/**
 * A sheet's lines. Tables side by side (two header rows on the same row, a blank column between
 * them) are read as separate sheets, left to right: each has its own title, label and columns.
 */
function leggiFoglio(foglio: Foglio): Linea[] {
  const inizi = iniziAffiancate(foglio);
  if (inizi.length === 0) return leggiColonne(foglio);
  const limiti = [0, ...inizi, foglio.colonne];
  return limiti.slice(1).flatMap((a, i) => leggiColonne(foglio.colonneDa(limiti[i], a)));
}

/**
 * Where tables placed side by side begin: the first column after a blank header cell such that
 * the header cells on each side of it name a whole table of their own. Sorted, without 0.
 */
function iniziAffiancate(foglio: Foglio): number[] {
  const inizi = new Set<number>();
  for (let riga = 0; riga < foglio.righe; riga++) {
    const celle = celleTesto(foglio, riga);
    if (celle.length < 2 * CAMPI_OBBLIGATORI.length || !completa(abbina(celle))) continue;
    let da = 0;
    for (let k = 1; k < celle.length; k++) {
      const inizio = celle[k].colonna;
      if (inizio === celle[k - 1].colonna + 1) continue; // no blank column before it
      const sinistra = celle.filter((c) => c.colonna >= da && c.colonna < inizio);
      const destra = celle.filter((c) => c.colonna >= inizio);
      if (sinistra.length >= 4 && riconosciIntestazione(sinistra) && riconosciIntestazione(destra)) {
        inizi.add(inizio);
        da = inizio;
      }
    }
  }
  return [...inizi].sort((a, b) => a - b);
}

const NESSUNA_CELLA: readonly CellaIntestazione[] = Object.freeze([]);

/** Every string cell of a row as the person sees it (merged cells included), left to right. */
function celleTesto(foglio: Foglio, riga: number): readonly CellaIntestazione[] {
  if (possibiliNomi(foglio, riga) < CAMPI_OBBLIGATORI.length) return NESSUNA_CELLA;
  const celle: { colonna: number; testo: string }[] = [];
  for (let colonna = 0; colonna < foglio.colonne; colonna++) {
    const v = foglio.valore(riga, colonna);
    if (typeof v === "string" && v.trim() !== "") celle.push({ colonna, testo: v });
  }
  return celle;
}

function leggiColonne(foglio: Foglio): Linea[] {
  /** Each row's header, once asked (undefined: not yet). */
  const intestazioni: (ColonneTabella | null | undefined)[] = [];
  /** The sheet's last complete header: a later one missing a single column may stand for it. */
  let ultima: ColonneTabella | null = null;
  const intestazione = (riga: number): ColonneTabella | null => {
    if (intestazioni[riga] === undefined) {
      const colonne = leggiIntestazione(foglio, riga, ultima);
      intestazioni[riga] = colonne;
      if (colonne) ultima = colonne;
    }
    return intestazioni[riga] ?? null;
  };
  const stato: Stato = {
    foglio,
    lette: [],
    corrente: null,
    tabella: null,
    obiettivo: null,
    inAttesa: null,
    settore: "",
  };

  for (let riga = 0; riga < foglio.righe; riga++) {
    const colonne = intestazione(riga);
    if (colonne) {
      iniziaTabella(stato, colonne);
      continue;
    }
    // Counted once for the row (a title closes the table: counted again).
    let conDati = colonneConDati(stato, riga);
    const titolo = trovaTitolo(stato, riga, conDati);
    if (titolo) {
      iniziaLinea(stato, titolo);
      conDati = colonneConDati(stato, riga);
    }
    const etichetta = trovaEtichetta(stato, riga, conDati);
    if (etichetta)
      impostaPercentuale(stato, etichetta, (r) => intestazione(r) !== null || trovaTitolo(stato, r) !== null);
    if (!titolo && !etichetta && stato.tabella) leggiRigaDati(stato, riga, stato.tabella, conDati > 0);
  }
  return stato.lette.filter((l) => l.haTabella).map((l) => l.linea);
}

/**
 * A header row: every string cell as the person sees it (merged header cells included). A header
 * missing one required column (a cell deleted by mistake in a repeated header) is the sheet's previous
 * header when it agrees with it on every column it names: else the rows below would be left out.
 */
function leggiIntestazione(foglio: Foglio, riga: number, precedente: ColonneTabella | null): ColonneTabella | null {
  const possibili = possibiliNomi(foglio, riga);
  if (possibili < CAMPI_OBBLIGATORI.length - 1) return null;
  // Incomplete: only the previous header may stand for it, if three of its required columns hold a text
  // naming them. Data rows with three keywords (objective, indicator, "Parzialmente raggiunto") stop here.
  if (possibili < CAMPI_OBBLIGATORI.length && !puoRipetere(foglio, riga, precedente)) return null;
  const celle: { colonna: number; testo: string }[] = [];
  for (let colonna = 0; colonna < foglio.colonne; colonna++) {
    const v = foglio.valore(riga, colonna);
    if (typeof v === "string") celle.push({ colonna, testo: v });
  }
  if (celle.length < 4) return null;
  const colonne = abbina(celle);
  if (completa(colonne)) return colonne;
  const obbligatori = CAMPI_OBBLIGATORI.filter((campo) => colonne[campo] !== undefined).length;
  const nominate = Object.entries(colonne) as [CampoIndicatore, number][];
  const stessa = precedente !== null && nominate.every(([campo, colonna]) => precedente[campo] === colonna);
  return stessa && obbligatori === CAMPI_OBBLIGATORI.length - 1 && nominate.length >= 4 ? precedente : null;
}

/**
 * Whether `precedente` may be the header a row missing one required column stands for: three required
 * columns hold, where it had them, a text that may name them (a superset of what abbinaColonne assigns).
 */
function puoRipetere(foglio: Foglio, riga: number, precedente: ColonneTabella | null): boolean {
  if (precedente === null) return false;
  let n = 0;
  CAMPI_OBBLIGATORI.forEach((campo, i) => {
    const colonna = precedente[campo];
    const v = colonna === undefined ? undefined : foglio.valore(riga, colonna);
    if (typeof v === "string" && obbligatoriPossibili(v) & (1 << i)) n++;
  });
  return n >= CAMPI_OBBLIGATORI.length - 1;
}

/**
 * abbinaColonne, remembered for the header rows of the sheet being read: the staff repeat the
 * same header on every printed page (thousands of times in a big sheet).
 */
function abbina(celle: readonly CellaIntestazione[]): ColonneTabella {
  // Most often the header just seen again: compared cell by cell, no key built.
  if (ultimaAbbinata && stesseCelle(celle, ultimaAbbinata.celle)) return ultimaAbbinata.colonne;
  const chiave = celle.map((c) => `${c.colonna}\u0000${c.testo}`).join("\u0001");
  let colonne = abbinate.get(chiave);
  if (!colonne) {
    colonne = abbinaColonne(celle);
    abbinate.set(chiave, colonne);
  }
  ultimaAbbinata = { celle, colonne };
  return colonne;
}
const abbinate = new Map<string, ColonneTabella>();
let ultimaAbbinata: { celle: readonly CellaIntestazione[]; colonne: ColonneTabella } | null = null;

function stesseCelle(a: readonly CellaIntestazione[], b: readonly CellaIntestazione[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].colonna !== b[i].colonna || a[i].testo !== b[i].testo) return false;
  return true;
}

const completa = (colonne: ColonneTabella) => CAMPI_OBBLIGATORI.every((campo) => colonne[campo] !== undefined);

/**
 * How many required columns distinct cells of the row may name (below three: how many cells may
 * name one). A header needs four, or three standing for the previous header; most rows are data:
 * this spares building their cells and matching them.
 */
function possibiliNomi(foglio: Foglio, riga: number): number {
  if (foglio !== contiDel) {
    contiDel = foglio;
    conti = [];
  }
  let n = conti[riga];
  if (n === undefined) {
    candidate.length = 0;
    for (let colonna = 0; colonna < foglio.colonne; colonna++) {
      const v = foglio.valore(riga, colonna);
      if (typeof v === "string" && puoNominareObbligatoria(v)) candidate.push(v);
    }
    // Which column each may name only matters from three up (a data row has one or two).
    n =
      candidate.length < CAMPI_OBBLIGATORI.length - 1
        ? candidate.length
        : obbligatoriDistinti(candidate.map(obbligatoriPossibili));
    conti[riga] = n;
  }
  return n;
}
const candidate: string[] = [];
/** possibiliNomi of the sheet read last, by row: the side-by-side check and the reading share them. */
let contiDel: Foglio | null = null;
let conti: number[] = [];

/** A table without a title before it belongs to a line named after the sheet. */
function lineaCorrente(stato: Stato): LineaInLettura {
  if (!stato.corrente) {
    stato.corrente = { linea: { nome: stato.foglio.nome, foglio: stato.foglio.nome, obiettivi: [] }, haTabella: false };
    stato.lette.push(stato.corrente);
  }
  return stato.corrente;
}

function iniziaTabella(stato: Stato, colonne: ColonneTabella): void {
  // A repeated header (a new printed page) keeps the current objective and sector going.
  lineaCorrente(stato).haTabella = true;
  stato.tabella = colonne;
}

function iniziaLinea(stato: Stato, titolo: Posizione): void {
  const { foglio } = stato;
  const precedente = stato.corrente;
  const linea: Linea = {
    nome: testoCompatto(foglio.proprio(titolo.riga, titolo.colonna)),
    foglio: foglio.nome,
    cellaTitolo: foglio.indirizzo(titolo.riga, titolo.colonna),
    obiettivi: [],
  };
  // A percentage label placed above the title, with no table yet, belongs to this line.
  if (precedente && !precedente.haTabella && !precedente.linea.cellaTitolo && precedente.linea.percentuale) {
    linea.percentuale = precedente.linea.percentuale;
  }
  stato.corrente = { linea, haTabella: false };
  stato.lette.push(stato.corrente);
  chiudiSezione(stato);
}

function chiudiSezione(stato: Stato): void {
  stato.tabella = null;
  stato.obiettivo = null;
  stato.inAttesa = null;
  stato.settore = "";
}

/**
 * Titles and the percentage label are looked for outside indicator rows only: an indicator
 * named "Obiettivi di mandato …" with its figures is data, not a new section.
 */
function trovaTitolo(stato: Stato, riga: number, conDati = colonneConDati(stato, riga)): Posizione | null {
  // With figures in two of the table's main columns, haDatiOltre rejects a title in any column.
  if (conDati >= 2) return null;
  const titolo = trovaNellaRiga(stato.foglio, riga, isTitolo);
  return titolo && !haDatiOltre(stato, riga, [titolo.colonna]) ? titolo : null;
}

function trovaEtichetta(stato: Stato, riga: number, conDati: number): Posizione | null {
  // The label and its value exclude two columns from haDatiOltre: with three full, none is a label.
  if (conDati >= 3) return null;
  const etichetta = trovaNellaRiga(stato.foglio, riga, isEtichettaPercentuale);
  if (!etichetta) return null;
  // The label's value may stand just to its right, in whichever column of the table that is.
  const valore = primaADestra(stato.foglio, riga, stato.foglio.area(riga, etichetta.colonna).right);
  return !haDatiOltre(stato, riga, [etichetta.colonna, valore]) ? etichetta : null;
}

/** The columns whose own value makes a row an indicator row. */
const CAMPI_INDICATORE = ["indicatore", "atteso", "consuntivo", "peso"] as const;

/**
 * How many of the table's main columns (Indicatore, atteso, consuntivo, peso) hold a value on the
 * row: most rows of a big sheet are indicators, and need no search for a title or a label.
 */
function colonneConDati(stato: Stato, riga: number): number {
  const t = stato.tabella;
  if (!t) return 0;
  let n = 0;
  for (const campo of CAMPI_INDICATORE) if (haValore(stato.foglio, riga, t[campo])) n++;
  return n;
}

function haDatiOltre(stato: Stato, riga: number, escluse: number[]): boolean {
  const t = stato.tabella;
  if (!t) return false;
  return CAMPI_INDICATORE.some((campo) => {
    const colonna = t[campo];
    return colonna !== undefined && !escluse.includes(colonna) && !stato.foglio.vuota(riga, colonna);
  });
}

/** The column of the first non-blank cell right of `da` on the row; -1 when none. */
function primaADestra(foglio: Foglio, riga: number, da: number): number {
  for (let colonna = da + 1; colonna < foglio.colonne; colonna++) if (!foglio.vuota(riga, colonna)) return colonna;
  return -1;
}

/**
 * A row just above a section title whose only non-blank cell is a text ("Relazione sulla
 * Performance 2024"): part of the title block, not an indicator, even when it stands in the
 * Indicatore or Target column of the table above (column order must not change what a row is).
 */
function didascalia(stato: Stato, riga: number): boolean {
  const { foglio } = stato;
  let trovata: ValoreCella = undefined;
  for (let colonna = 0; colonna < foglio.colonne; colonna++) {
    if (foglio.vuota(riga, colonna)) continue;
    if (trovata !== undefined) return false;
    trovata = foglio.proprio(riga, colonna);
  }
  return typeof trovata === "string" && riga + 1 < foglio.righe && trovaTitolo(stato, riga + 1) !== null;
}

function impostaPercentuale(stato: Stato, etichetta: Posizione, fine: (riga: number) => boolean): void {
  const corrente = lineaCorrente(stato);
  // Only the first label of a section counts; what follows it needs a header of its own.
  if (!corrente.linea.percentuale) corrente.linea.percentuale = trovaPercentuale(stato.foglio, etichetta, fine);
  stato.tabella = null;
}

/**
 * One row inside a table. A new objective starts where the Obiettivo cell has its own
 * non-blank value (not merged, or the top-left of its merged area); the names themselves
 * never decide, since consecutive objectives may share a name. An indicator row is a row
 * with its own Indicatore, Target atteso, Target consuntivo or Peso (`indicatore`: counted by the caller).
 */
function leggiRigaDati(stato: Stato, riga: number, tabella: ColonneTabella, indicatore: boolean): void {
  const { foglio } = stato;
  const nuovoObiettivo = haValore(foglio, riga, tabella.obiettivo);
  if (!nuovoObiettivo && (!indicatore || didascalia(stato, riga))) return;

  const settore = testoDi(valoreIn(foglio, riga, tabella.settore));
  if (settore !== "") stato.settore = settore;

  if (nuovoObiettivo) {
    stato.obiettivo = null;
    stato.inAttesa = {
      nome: testoDi(valoreIn(foglio, riga, tabella.obiettivo)),
      settore: stato.settore,
      definizione: testoDi(valoreIn(foglio, riga, tabella.definizione)),
      riga,
      cella: tabella.obiettivo === undefined ? undefined : foglio.indirizzo(riga, tabella.obiettivo),
    };
  }
  if (!indicatore) return;

  if (!stato.obiettivo) {
    const attesa = stato.inAttesa ?? {
      nome: "",
      settore: stato.settore,
      definizione: testoDi(valoreIn(foglio, riga, tabella.definizione)),
      riga,
    };
    stato.obiettivo = {
      nome: attesa.nome,
      settore: attesa.settore,
      definizione: attesa.definizione,
      foglio: foglio.nome,
      riga: foglio.rigaFoglio(attesa.riga),
      indicatori: [],
    };
    if (attesa.cella !== undefined) stato.obiettivo.cella = attesa.cella;
    stato.inAttesa = null;
    lineaCorrente(stato).linea.obiettivi.push(stato.obiettivo);
  }
  stato.obiettivo.indicatori.push(leggiIndicatore(foglio, riga, tabella));
}

const TESTI: ReadonlySet<CampoIndicatore> = new Set(CAMPI_TESTO);

/** The columns whose cells Barometro writes (values or fill). */
const PROPRIE: ReadonlySet<CampoIndicatore> = new Set(["scostamento", "ragg", "barometro"]);

function valoreIn(foglio: Foglio, riga: number, colonna: number | undefined): ValoreCella {
  return colonna === undefined ? undefined : foglio.valore(riga, colonna);
}

/** Whether the table has this column and the row's cell there holds its own value. */
function haValore(foglio: Foglio, riga: number, colonna: number | undefined): boolean {
  return colonna !== undefined && !foglio.vuota(riga, colonna);
}

/** A number shown as a date is a date (Office.js gives its serial number): not a figure. */
function cifraIn(foglio: Foglio, riga: number, colonna: number | undefined): ValoreCella {
  const v = valoreIn(foglio, riga, colonna);
  return typeof v === "number" && colonna !== undefined && isFormatoData(foglio.formato(riga, colonna))
    ? dataDaSeriale(v)
    : v;
}

/** One column of a table, as leggiIndicatore walks it. */
interface ColonnaTabella {
  campo: CampoIndicatore;
  colonna: number;
  /** Barometro writes there (PROPRIE). */
  propria: boolean;
  /** Its address is kept (not a text column). */
  conIndirizzo: boolean;
}

let ultimaTabella: ColonneTabella | null = null;
let ultimoOrdine: ColonnaTabella[] = [];

/** The table's columns left to right, with what each is (worked out once per table, not per row). */
function perColonna(tabella: ColonneTabella): ColonnaTabella[] {
  if (tabella !== ultimaTabella) {
    ultimoOrdine = (Object.entries(tabella) as [CampoIndicatore, number][])
      .sort((a, b) => a[1] - b[1])
      .map(([campo, colonna]) => ({ campo, colonna, propria: PROPRIE.has(campo), conIndirizzo: !TESTI.has(campo) }));
    ultimaTabella = tabella;
  }
  return ultimoOrdine;
}

function leggiIndicatore(foglio: Foglio, riga: number, tabella: ColonneTabella): Indicatore {
  const celle: Indicatore["celle"] = {};
  let formule: Indicatore["formule"] | undefined;
  const numeroRiga = String(foglio.rigaFoglio(riga));
  for (const { campo, colonna, propria, conIndirizzo } of perColonna(tabella)) {
    // A cell under another cell's merged area is not its own: a write would land in the area's top-left.
    if (propria && foglio.coperta(riga, colonna)) continue;
    const formula = foglio.formula(riga, colonna);
    if (formula) (formule ??= {})[campo] = formula;
    if (conIndirizzo) celle[campo as CampoCella] = foglio.nomeColonna(colonna) + numeroRiga;
  }

  const colonnaRagg = celle.ragg === undefined ? undefined : tabella.ragg;
  const ragg =
    colonnaRagg === undefined
      ? { valore: undefined, scala: "percento" as const }
      : leggiPercentuale(foglio.valore(riga, colonnaRagg), foglio.formato(riga, colonnaRagg));

  const indicatore: Indicatore = {
    nome: testoDi(valoreIn(foglio, riga, tabella.indicatore)),
    formula: testoDi(valoreIn(foglio, riga, tabella.formula)),
    finalita: testoDi(valoreIn(foglio, riga, tabella.finalita)),
    note: testoDi(valoreIn(foglio, riga, tabella.note)),
    atteso: cifraIn(foglio, riga, tabella.atteso),
    consuntivo: cifraIn(foglio, riga, tabella.consuntivo),
    peso: cifraIn(foglio, riga, tabella.peso),
    scostamento: celle.scostamento === undefined ? undefined : cifraIn(foglio, riga, tabella.scostamento),
    ragg: ragg.valore,
    scalaRagg: ragg.scala,
    polarita: tabella.polarita === undefined ? undefined : valoreIn(foglio, riga, tabella.polarita),
    foglio: foglio.nome,
    riga: foglio.rigaFoglio(riga),
    celle,
    formule: formule ?? NESSUNA_FORMULA,
  };
  const percentuali = formatiPercentuale(foglio, riga, tabella, indicatore);
  if (percentuali) indicatore.percentuali = percentuali;
  if (ragg.scala === "frazione" && colonnaRagg !== undefined)
    formatiFrazione.set(indicatore, foglio.formato(riga, colonnaRagg));
  return indicatore;
}

/** The % formats of the % Ragg cells read as fractions (for vestiRaggVuoti), while a sheet is read. */
const formatiFrazione = new Map<Indicatore, string>();

/**
 * A % Ragg cell left blank and without a format, in a line whose filled % Ragg cells are mostly
 * fractions shown as percentages (0,85 shown 85 %; more of them than numbers 0–100): Barometro
 * writes it in the same dress, a fraction with the format of the line's others
 * (Indicatore.formatoRagg), not 85 among 0,85s. A line as mixed as it is fraction stays as it was.
 */
function vestiRaggVuoti(linea: Linea): void {
  const indicatori = linea.obiettivi.flatMap((o) => o.indicatori).filter((i) => i.celle.ragg !== undefined);
  let formato: string | undefined;
  let frazioni = 0;
  let numeri = 0;
  for (const i of indicatori) {
    const f = formatiFrazione.get(i);
    if (f !== undefined && !cellaVuota(i.ragg)) {
      frazioni++;
      formato ??= f;
    } else if (i.scalaRagg === "percento" && !cellaVuota(i.ragg)) numeri++;
  }
  if (formato === undefined || frazioni <= numeri) return;
  for (const i of indicatori)
    if (i.scalaRagg === "percento" && cellaVuota(i.ragg) && !i.formule.ragg) {
      i.scalaRagg = "frazione";
      i.formatoRagg = formato;
    }
}

const CIFRE_VESTITE = ["atteso", "consuntivo", "peso", "scostamento"] as const;

/** The figure cells holding a number shown with a percentage format (0.25 shows 25 %); undefined if none. */
function formatiPercentuale(
  foglio: Foglio,
  riga: number,
  tabella: ColonneTabella,
  ind: Indicatore
): Indicatore["percentuali"] {
  let percentuali: Indicatore["percentuali"];
  for (const campo of CIFRE_VESTITE) {
    const colonna = tabella[campo];
    if (typeof ind[campo] === "number" && colonna !== undefined && isFormatoPercentuale(foglio.formato(riga, colonna)))
      (percentuali ??= {})[campo] = true;
  }
  return percentuali;
}

/** The formulas of an indicator without any (most): one shared, frozen object. */
const NESSUNA_FORMULA: Indicatore["formule"] = Object.freeze({});
