/**
 * The Riepilogo sheet as data: one row per line (Linea, % raggiungimento, Fascia, Obiettivi,
 * Neutralizzati, Dati incompleti), the ente, and a native bar chart of the lines' percentages.
 * Which sheet is Barometro's: fogli-barometro.ts; the use case (one read, one write): src/app/riepilogo.ts.
 */
import { Bande, fasciaPer, Linea, RisultatoEnte, RisultatoLinea } from "../engine";
import { areaUsata, FoglioProprio, grigliaVuota, TITOLO_RIEPILOGO } from "./fogli-barometro";
import { a1, columnName } from "./griglia";
import type { CellFill, CellWrite, Patch } from "./patch";

/** The name of the Riepilogo's chart (the sheet's name and title: fogli-barometro.ts). */
export const NOME_GRAFICO_RIEPILOGO = "Barometro.Riepilogo";
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

/** A native bar chart of the lines' percentages, one colour per bar. */
export interface GraficoRiepilogo {
  /** Chart name: how a later refresh finds it (and deletes only it). */
  nome: string;
  tipo: "BarClustered";
  /** Source on the sheet, no sheet name ("A5:B14"): categories in the first column, one series. */
  dati: string;
  titolo: string;
  nomeSerie: string;
  /** One fill per point (row of `dati`); null leaves Excel's default. */
  colori: (string | null)[];
  /** Top-left and bottom-right cells the chart covers. */
  posizione: { da: string; a: string };
}

/** The Riepilogo sheet in a write: what comes before and after its values and fills. */
export interface PianoRiepilogo {
  foglio: string;
  /** The sheet does not exist: it is added first, in the same write. */
  crea: boolean;
  /** Area of the previous contents, cleared (values and formats) before writing; null when none. */
  pulisci: string | null;
  /** Charts with the chart's name already on the sheet: deleted before adding the new one. */
  graficiDaEliminare: number;
  /** Number formats set after the values. */
  formati: { indirizzo: string; formato: string }[];
  /** Columns to fit to their contents ("A:F"), after the values. */
  adatta?: string;
  grafico: GraficoRiepilogo | null;
}

/**
 * The Riepilogo's write (pure): its values, fills, number formats and chart, into Barometro's sheet
 * as found (foglioProprio; the caller has refused a user's sheet). `grafici`: the charts on the
 * sheets as read, to delete the previous Riepilogo chart.
 */
export function patchRiepilogo(
  linee: Linea[],
  risultato: RisultatoEnte,
  proprio: FoglioProprio,
  grafici: ReadonlyArray<{ foglio: string; nome: string }>,
  bande: Bande
): Patch {
  const { nome: foglio, esistente } = proprio;
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
    pulisci: esistente && !grigliaVuota(esistente) ? areaUsata(esistente) : null,
    graficiDaEliminare: grafici.filter(
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
  return { scritture, colori, riepilogo: piano };
}
