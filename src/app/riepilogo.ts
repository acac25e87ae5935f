import { Bande, fasciaPer, formatPercentuale, RisultatoLinea } from "../engine";
import { a1, columnName, SheetGrid } from "../layout/grid";
import { CellFill, CellWrite, Patch, PianoRiepilogo } from "../layout/patch";
import { EsitoScrittura, WorkbookAccess } from "./access";
import { MESSAGGI_APP } from "./messages";
import { Analisi, analizza, ErroreBarometro } from "./ricalcolo";
import { Impostazioni } from "./settings";

/** The sheet Barometro writes its summary to, and the name of its chart. */
export const FOGLIO_RIEPILOGO = "Riepilogo";
export const NOME_GRAFICO_RIEPILOGO = "Barometro.Riepilogo";
/** A1 of the Riepilogo sheet: how Barometro recognises its own sheet (a user's "Riepilogo" is left alone). */
export const TITOLO_RIEPILOGO = "Riepilogo del Barometro";
export const NOTA_RIEPILOGO =
  "Foglio scritto da Barometro (riquadro › Aggiorna riepilogo): ogni aggiornamento lo riscrive, le modifiche fatte qui vanno perse.";
/**
 * The table's header. No Indicatore / Target columns: the layout reader never takes this sheet for
 * a line's table (a header needs Indicatore, Target atteso, Target consuntivo and Peso).
 */
export const INTESTAZIONE_RIEPILOGO = [
  "Linea",
  "% raggiungimento",
  "Fascia",
  "Obiettivi",
  "Neutralizzati",
  "Dati incompleti",
] as const;

const RIGA_INTESTAZIONE = 4; // 1-based
const COLORE_INTESTAZIONE = "#D9E1F2";
const FORMATO_PERCENTUALE = "0.00%";

export interface EsitoRiepilogo {
  /** The sheet's name (an existing "riepilogo" keeps its spelling). */
  foglio: string;
  creato: boolean;
  linee: number;
  /** The ente's percentage, 0–100 (null when no line has one). */
  ente: number | null;
  patch: Patch;
  scrittura: EsitoScrittura;
  /** «Aggiornato il foglio «Riepilogo»: 10 linee, ente 92,50%.» */
  messaggio: string;
}

/**
 * Riepilogo: creates or refreshes the sheet "Riepilogo" — one row per line (Linea, % raggiungimento,
 * Fascia, Obiettivi, Neutralizzati, Dati incompleti), the ente, and a native bar chart of the lines'
 * percentages, each bar in its band's colour. One read, one write (Office.js: 1 + 1 syncs; a new
 * sheet and its chart are created in the write's batch). Refreshing clears the sheet's previous
 * contents and replaces only the chart named NOME_GRAFICO_RIEPILOGO: twice in a row leaves one
 * sheet and one chart, and nothing else in the workbook changes.
 */
export async function aggiornaRiepilogo(access: WorkbookAccess, impostazioni: Impostazioni): Promise<EsitoRiepilogo> {
  const analisi = analizza(await access.leggi());
  const { patch, foglio } = pianoRiepilogo(analisi, impostazioni.bande);
  const scrittura = await access.scrivi(patch);
  const creato = patch.riepilogo?.crea ?? false;
  const ente = analisi.risultato.percentuale;
  return {
    foglio,
    creato,
    linee: analisi.linee.length,
    ente,
    patch,
    scrittura,
    messaggio: MESSAGGI_APP.riepilogoAggiornato(foglio, creato, analisi.linee.length, formatPercentuale(ente)),
  };
}

/**
 * The Riepilogo's write from one read (pure). Throws ErroreBarometro when there are no lines, when
 * a sheet named "Riepilogo" exists that Barometro did not write (A1 is not TITOLO_RIEPILOGO and it
 * is not empty), or when that sheet is protected.
 */
export function pianoRiepilogo(analisi: Analisi, bande: Bande): { patch: Patch; foglio: string } {
  if (analisi.errore !== null || analisi.linee.length === 0)
    throw new ErroreBarometro(analisi.errore ?? MESSAGGI_APP.nessunaTabella);
  const esistente = analisi.lettura.fogli.find((g) => g.name.toLowerCase() === FOGLIO_RIEPILOGO.toLowerCase());
  const foglio = esistente?.name ?? FOGLIO_RIEPILOGO;
  if (esistente && !vuoto(esistente) && cellaA1(esistente) !== TITOLO_RIEPILOGO)
    throw new ErroreBarometro(MESSAGGI_APP.riepilogoAltrui(foglio));
  if (esistente && analisi.lettura.protetti.includes(foglio))
    throw new ErroreBarometro(MESSAGGI_APP.foglioProtetto(foglio));

  const { linee, risultato } = analisi;
  const scritture: CellWrite[] = [];
  const colori: CellFill[] = [];
  const metti = (riga: number, colonna: number, valore: number | string | null) => {
    if (valore !== null && valore !== "") scritture.push({ foglio, cella: a1(riga - 1, colonna), valore });
  };
  const colora = (riga: number, colonna: number, colore: string | null) => {
    if (colore) colori.push({ foglio, cella: a1(riga - 1, colonna), colore });
  };
  const fasciaDi = (p: number | null) => (p === null ? null : fasciaPer(p, bande));

  metti(1, 0, TITOLO_RIEPILOGO);
  metti(2, 0, NOTA_RIEPILOGO);
  INTESTAZIONE_RIEPILOGO.forEach((h, c) => {
    metti(RIGA_INTESTAZIONE, c, h);
    colora(RIGA_INTESTAZIONE, c, COLORE_INTESTAZIONE);
  });
  const riga = (r: number, nome: string, p: number | null, obiettivi: number, neutr: number, incompleta: boolean) => {
    const fascia = fasciaDi(p);
    metti(r, 0, nome);
    metti(r, 1, p === null ? null : p / 100);
    metti(r, 2, fascia?.etichetta ?? null);
    colora(r, 2, fascia?.colore ?? null);
    metti(r, 3, obiettivi);
    metti(r, 4, neutr);
    metti(r, 5, incompleta ? "sì" : "no");
  };
  const prima = RIGA_INTESTAZIONE + 1;
  linee.forEach((l, i) => {
    const r: RisultatoLinea = risultato.linee[i];
    riga(prima + i, l.nome, r.percentuale, l.obiettivi.length, r.neutralizzati, r.incompleta);
  });
  const ultimaLinea = prima + linee.length - 1;
  const rigaEnte = ultimaLinea + 1;
  riga(
    rigaEnte,
    "Ente (media delle linee)",
    risultato.percentuale,
    linee.reduce((s, l) => s + l.obiettivi.length, 0),
    risultato.linee.reduce((s, r) => s + r.neutralizzati, 0),
    risultato.incompleta
  );

  const colonnaGrafico = INTESTAZIONE_RIEPILOGO.length + 1; // one empty column after the table
  const piano: PianoRiepilogo = {
    foglio,
    crea: !esistente,
    pulisci: esistente && !vuoto(esistente) ? areaUsata(esistente) : null,
    graficiDaEliminare: (analisi.lettura.grafici ?? []).filter(
      (g) => g.foglio === foglio && g.nome.toLowerCase() === NOME_GRAFICO_RIEPILOGO.toLowerCase()
    ).length,
    formati: [
      { indirizzo: `B${prima}:B${rigaEnte}`, formato: FORMATO_PERCENTUALE },
      { indirizzo: `D${prima}:E${rigaEnte}`, formato: "0" },
    ],
    adatta: `A:${columnName(INTESTAZIONE_RIEPILOGO.length - 1)}`,
    grafico: {
      nome: NOME_GRAFICO_RIEPILOGO,
      tipo: "BarClustered",
      dati: `A${prima}:B${ultimaLinea}`,
      titolo: "% raggiungimento per linea strategica",
      nomeSerie: INTESTAZIONE_RIEPILOGO[1],
      colori: linee.map((_, i) => fasciaDi(risultato.linee[i].percentuale)?.colore ?? null),
      posizione: {
        da: a1(RIGA_INTESTAZIONE - 1, colonnaGrafico),
        a: a1(RIGA_INTESTAZIONE - 1 + Math.max(16, linee.length * 2 + 2), colonnaGrafico + 9),
      },
    },
  };
  return { patch: { scritture, colori, riepilogo: piano }, foglio };
}

function vuoto(g: SheetGrid): boolean {
  return g.values.every((r) => r.every((v) => v === null || v === undefined || v === ""));
}

function cellaA1(g: SheetGrid): unknown {
  const o = g.origin ?? { row: 0, col: 0 };
  return o.row === 0 && o.col === 0 ? g.values[0]?.[0] : null;
}

/** The grid's area as an address ("A1:F16"). */
function areaUsata(g: SheetGrid): string {
  const o = g.origin ?? { row: 0, col: 0 };
  const larghezza = g.values.reduce((w, r) => Math.max(w, r.length), 1);
  return `${a1(o.row, o.col)}:${a1(o.row + Math.max(1, g.values.length) - 1, o.col + larghezza - 1)}`;
}
