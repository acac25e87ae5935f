import { CampoIndicatore, Indicatore, Linea, Obiettivo, ValoreCella } from "../engine";
import { SheetGrid } from "./grid";
import { ColonneTabella, riconosciIntestazione } from "./headers";
import { leggiPercentuale } from "./percent";
import { isEtichettaPercentuale, isTitolo, trovaNellaRiga, trovaPercentuale } from "./sections";
import { Foglio, Posizione } from "./sheet";
import { testoCompatto, testoDi } from "./text";

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
      linee.push(...leggiFoglio(foglio));
    } catch (e) {
      // Defensive only: a bug here must not cost the user the other sheets.
      guasti.push(
        `${foglio ? `"${foglio.nome}"` : "(foglio illeggibile)"}: ${e instanceof Error ? e.message : String(e)}`
      );
    }
  }
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

function leggiFoglio(foglio: Foglio): Linea[] {
  const intestazioni = new Map<number, ColonneTabella | null>();
  const intestazione = (riga: number): ColonneTabella | null => {
    if (!intestazioni.has(riga)) intestazioni.set(riga, leggiIntestazione(foglio, riga));
    return intestazioni.get(riga) ?? null;
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
    const titolo = trovaTitolo(stato, riga);
    if (titolo) iniziaLinea(stato, titolo);
    const etichetta = trovaEtichetta(stato, riga);
    if (etichetta)
      impostaPercentuale(stato, etichetta, (r) => intestazione(r) !== null || trovaTitolo(stato, r) !== null);
    if (!titolo && !etichetta && stato.tabella) leggiRigaDati(stato, riga, stato.tabella);
  }
  return stato.lette.filter((l) => l.haTabella).map((l) => l.linea);
}

/** A header row: every string cell as the person sees it (merged header cells included). */
function leggiIntestazione(foglio: Foglio, riga: number): ColonneTabella | null {
  const celle: { colonna: number; testo: string }[] = [];
  for (let colonna = 0; colonna < foglio.colonne; colonna++) {
    const v = foglio.valore(riga, colonna);
    if (typeof v === "string") celle.push({ colonna, testo: v });
  }
  return celle.length >= 4 ? riconosciIntestazione(celle) : null;
}

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
function trovaTitolo(stato: Stato, riga: number): Posizione | null {
  const titolo = trovaNellaRiga(stato.foglio, riga, isTitolo);
  return titolo && !haDatiOltre(stato, riga, titolo.colonna) ? titolo : null;
}

function trovaEtichetta(stato: Stato, riga: number): Posizione | null {
  const etichetta = trovaNellaRiga(stato.foglio, riga, isEtichettaPercentuale);
  return etichetta && !haDatiOltre(stato, riga, etichetta.colonna) ? etichetta : null;
}

function haDatiOltre(stato: Stato, riga: number, esclusa: number): boolean {
  const t = stato.tabella;
  if (!t) return false;
  return (["indicatore", "atteso", "consuntivo", "peso"] as const).some((campo) => {
    const colonna = t[campo];
    return colonna !== undefined && colonna !== esclusa && !stato.foglio.vuota(riga, colonna);
  });
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
 * with its own Indicatore, Target atteso, Target consuntivo or Peso.
 */
function leggiRigaDati(stato: Stato, riga: number, tabella: ColonneTabella): void {
  const { foglio } = stato;
  const proprio = (campo: CampoIndicatore) => {
    const colonna = tabella[campo];
    return colonna !== undefined && !foglio.vuota(riga, colonna);
  };
  const nuovoObiettivo = proprio("obiettivo");
  const indicatore = (["indicatore", "atteso", "consuntivo", "peso"] as const).some(proprio);
  if (!nuovoObiettivo && !indicatore) return;

  const settore = testoDi(valoreIn(foglio, riga, tabella.settore));
  if (settore !== "") stato.settore = settore;

  if (nuovoObiettivo) {
    stato.obiettivo = null;
    stato.inAttesa = {
      nome: testoDi(valoreIn(foglio, riga, tabella.obiettivo)),
      settore: stato.settore,
      definizione: testoDi(valoreIn(foglio, riga, tabella.definizione)),
      riga,
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
    stato.inAttesa = null;
    lineaCorrente(stato).linea.obiettivi.push(stato.obiettivo);
  }
  stato.obiettivo.indicatori.push(leggiIndicatore(foglio, riga, tabella));
}

function valoreIn(foglio: Foglio, riga: number, colonna: number | undefined): ValoreCella {
  return colonna === undefined ? undefined : foglio.valore(riga, colonna);
}

function leggiIndicatore(foglio: Foglio, riga: number, tabella: ColonneTabella): Indicatore {
  const valore = (campo: CampoIndicatore) => valoreIn(foglio, riga, tabella[campo]);
  const testo = (campo: CampoIndicatore) => testoDi(valore(campo));

  const celle: Indicatore["celle"] = {};
  const formule: Indicatore["formule"] = {};
  const perColonna = (Object.entries(tabella) as [CampoIndicatore, number][]).sort((a, b) => a[1] - b[1]);
  for (const [campo, colonna] of perColonna) {
    celle[campo] = foglio.indirizzo(riga, colonna);
    const formula = foglio.formula(riga, colonna);
    if (formula) formule[campo] = formula;
  }

  const colonnaRagg = tabella.ragg;
  const ragg =
    colonnaRagg === undefined
      ? { valore: undefined, scala: "percento" as const }
      : leggiPercentuale(foglio.valore(riga, colonnaRagg), foglio.formato(riga, colonnaRagg));

  return {
    nome: testo("indicatore"),
    formula: testo("formula"),
    finalita: testo("finalita"),
    note: testo("note"),
    atteso: valore("atteso"),
    consuntivo: valore("consuntivo"),
    peso: valore("peso"),
    scostamento: valore("scostamento"),
    ragg: ragg.valore,
    scalaRagg: ragg.scala,
    polarita: tabella.polarita === undefined ? undefined : valore("polarita"),
    foglio: foglio.nome,
    riga: foglio.rigaFoglio(riga),
    celle,
    formule,
  };
}
