import { Bande, BANDE_PREDEFINITE, COLORI_PREDEFINITI_PRECEDENTI, creaBande, IdFascia } from "../engine";
import { CONTENUTI_BAROMETRO, CONTENUTO_PREDEFINITO, ContenutoBarometro } from "../layout/patch";
import { ValoriImpostazioni } from "./access";

/** Document-settings keys: they travel with the workbook. */
export const CHIAVE_BANDE = "barometro.bande";
export const CHIAVE_MODO = "barometro.modoScrittura";
/** true (default) / false: write the Barometro as native conditional formatting too. */
export const CHIAVE_FORMATTAZIONE = "barometro.formattazioneCondizionale";
/**
 * Office's own document setting: with true, Excel opens the add-in's task pane with the workbook
 * (the manifest's ShowTaskpane action must use TaskpaneId "Office.AutoShowTaskpaneWithDocument").
 * Off by default; removed, not set to false, when switched off.
 */
export const CHIAVE_APERTURA_AUTOMATICA = "Office.AutoShowTaskpaneWithDocument";

/** Every document-settings key Barometro reads and writes. */
export const CHIAVI_IMPOSTAZIONI: readonly string[] = [
  CHIAVE_BANDE,
  CHIAVE_MODO,
  CHIAVE_FORMATTAZIONE,
  CHIAVE_APERTURA_AUTOMATICA,
  "barometro.annoRelazione", // CHIAVE_ANNO_RELAZIONE, below
  "barometro.contenutoBarometro", // CHIAVE_CONTENUTO_BAROMETRO, below
];

/**
 * How Scostamento, % Ragg and the line's percentage are written: «excel», ordinary Excel formulas
 * that follow the data in any Excel, add-in or not (the default, src/layout/formule-celle.ts);
 * «valori», the values; «perf», % Ragg as =PERF.RAGG(…) (needs the add-in), the rest as values.
 */
export type ModoScrittura = "excel" | "valori" | "perf";

export const MODI_SCRITTURA: readonly ModoScrittura[] = ["excel", "valori", "perf"];

/**
 * The mode as stored. Before «excel» existed the stored values were "valori" and "formule", which
 * meant =PERF.RAGG: «perf» is still stored as "formule" (so an older Barometro on a colleague's
 * machine reads it right), and "perf" is read too. Absent or unknown: the default, «excel» (an
 * older Barometro reads "excel" as «valori»).
 */
export function modoDaSalvato(valore: unknown): ModoScrittura {
  if (valore === "formule") return "perf";
  return MODI_SCRITTURA.find((m) => m === valore) ?? "excel";
}

/** The mode as saved (modoDaSalvato reads it back). */
export const modoDaSalvare = (modo: ModoScrittura): string => (modo === "perf" ? "formule" : modo);

export interface Impostazioni {
  bande: Bande;
  modoScrittura: ModoScrittura;
  /**
   * Also write the Barometro as native conditional formatting, so its colours follow the data in
   * any Excel without the add-in (see regoleCondizionali). Default true. Left out (undefined), a
   * Ricalcola uses the value stored in the workbook, and saving leaves the stored value alone.
   */
  formattazioneCondizionale?: boolean;
  /** Open the task pane whenever this workbook is opened. Default false; undefined: as stored. */
  aperturaAutomatica?: boolean;
  /** What the Barometro cell shows besides its colour (contenutoAttivo); undefined: as stored. */
  contenutoBarometro?: ContenutoBarometro;
}

export const IMPOSTAZIONI_PREDEFINITE: Impostazioni = { bande: BANDE_PREDEFINITE, modoScrittura: "excel" };

/** The defaults of the sharing options (kept apart so IMPOSTAZIONI_PREDEFINITE stays what the form edits). */
export const PREDEFINITE_CONDIVISIONE = { formattazioneCondizionale: true, aperturaAutomatica: false } as const;

/** The conditional-formatting option as stored: anything but false (absent included) is on. */
export function formattazioneDaSalvata(valore: unknown): boolean {
  return valore !== false && valore !== "false";
}

/** The auto-open option as stored: only true is on. */
export function aperturaDaSalvata(valore: unknown): boolean {
  return valore === true || valore === "true";
}

/** How the bands are stored: thresholds, and optionally colours and labels per band. */
export interface BandeSalvate {
  raggiunto: number;
  parziale: number;
  colori?: Partial<Record<IdFascia | "neutralizzato", string>>;
  etichette?: Partial<Record<IdFascia | "neutralizzato", string>>;
}

const COLORE = /^#[0-9a-f]{6}$/i;

/** Bands from the stored value; null/undefined → defaults; an invalid value → an Italian message. */
export function bandeDaSalvate(valore: unknown): Bande | string {
  if (valore === null || valore === undefined || valore === "") return BANDE_PREDEFINITE;
  const invalide = (dettaglio: string) =>
    `Le soglie del Barometro salvate nella cartella («${CHIAVE_BANDE}») non sono valide: ${dettaglio}`;
  let dato: unknown = valore;
  if (typeof valore === "string") {
    try {
      dato = JSON.parse(valore);
    } catch {
      return invalide("il testo non è JSON.");
    }
  }
  const s = dato as Partial<BandeSalvate> | null;
  if (typeof s !== "object" || s === null || typeof s.raggiunto !== "number" || typeof s.parziale !== "number") {
    return invalide('servono due numeri, { "raggiunto": …, "parziale": … }.');
  }
  const bande = creaBande({ raggiunto: s.raggiunto, parziale: s.parziale });
  if (typeof bande === "string") return invalide(bande);
  const colore = (id: IdFascia | "neutralizzato", base: string) => {
    const c = s.colori?.[id];
    // The old default, saved along with the thresholds: not a choice, today's default instead.
    if (typeof c !== "string" || !COLORE.test(c) || c.toUpperCase() === COLORI_PREDEFINITI_PRECEDENTI[id]) return base;
    return c.toUpperCase();
  };
  const etichetta = (id: IdFascia | "neutralizzato", base: string) => {
    const e = s.etichette?.[id];
    return typeof e === "string" && e.trim() !== "" ? e.trim() : base;
  };
  return {
    fasce: bande.fasce.map((f) => ({ ...f, colore: colore(f.id, f.colore), etichetta: etichetta(f.id, f.etichetta) })),
    neutralizzato: {
      colore: colore("neutralizzato", bande.neutralizzato.colore),
      etichetta: etichetta("neutralizzato", bande.neutralizzato.etichetta),
    },
  };
}

export function bandeDaSalvare(bande: Bande): BandeSalvate {
  const soglia = (id: IdFascia) => bande.fasce.find((f) => f.id === id)?.soglia ?? 0;
  const per = <K extends "colore" | "etichetta">(k: K) =>
    Object.fromEntries([...bande.fasce.map((f) => [f.id, f[k]]), ["neutralizzato", bande.neutralizzato[k]]]);
  return {
    raggiunto: soglia("raggiunto"),
    parziale: soglia("parziale"),
    colori: per("colore"),
    etichette: per("etichetta"),
  };
}

/**
 * The user's settings from the workbook, with the defaults for anything missing or invalid. The
 * sharing options are present only when the workbook stores them (absent means the default:
 * PREDEFINITE_CONDIVISIONE; condivisioneDi gives them resolved), so settings saved by a form that
 * does not know them read back exactly as they were saved.
 */
export function leggiImpostazioni(valori: ValoriImpostazioni): { impostazioni: Impostazioni; errore: string | null } {
  const bande = bandeDaSalvate(valori[CHIAVE_BANDE]);
  const modo = modoDaSalvato(valori[CHIAVE_MODO]);
  const condivisione: Pick<Impostazioni, "formattazioneCondizionale" | "aperturaAutomatica" | "contenutoBarometro"> =
    {};
  if (presente(valori, CHIAVE_FORMATTAZIONE))
    condivisione.formattazioneCondizionale = formattazioneDaSalvata(valori[CHIAVE_FORMATTAZIONE]);
  if (presente(valori, CHIAVE_APERTURA_AUTOMATICA))
    condivisione.aperturaAutomatica = aperturaDaSalvata(valori[CHIAVE_APERTURA_AUTOMATICA]);
  const contenuto = contenutoDaSalvato(valori[CHIAVE_CONTENUTO_BAROMETRO]);
  if (contenuto !== null) condivisione.contenutoBarometro = contenuto;
  if (typeof bande === "string")
    return { impostazioni: { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: modo, ...condivisione }, errore: bande };
  return { impostazioni: { bande, modoScrittura: modo, ...condivisione }, errore: null };
}

const presente = (valori: ValoriImpostazioni, chiave: string) =>
  valori[chiave] !== undefined && valori[chiave] !== null;

/** The sharing options with their defaults filled in: what the task pane shows. */
export function condivisioneDi(impostazioni: Impostazioni): {
  formattazioneCondizionale: boolean;
  aperturaAutomatica: boolean;
} {
  return {
    formattazioneCondizionale:
      impostazioni.formattazioneCondizionale ?? PREDEFINITE_CONDIVISIONE.formattazioneCondizionale,
    aperturaAutomatica: impostazioni.aperturaAutomatica ?? PREDEFINITE_CONDIVISIONE.aperturaAutomatica,
  };
}

/**
 * The values to save. The sharing options are written only when given (a form that does not show
 * them leaves the stored ones alone); auto-open off removes Office's key (null = remove).
 */
export function valoriDaImpostazioni(impostazioni: Impostazioni): ValoriImpostazioni {
  const valori: ValoriImpostazioni = {
    [CHIAVE_BANDE]: bandeDaSalvare(impostazioni.bande),
    [CHIAVE_MODO]: modoDaSalvare(impostazioni.modoScrittura),
  };
  if (impostazioni.formattazioneCondizionale !== undefined)
    valori[CHIAVE_FORMATTAZIONE] = impostazioni.formattazioneCondizionale;
  if (impostazioni.aperturaAutomatica !== undefined)
    valori[CHIAVE_APERTURA_AUTOMATICA] = impostazioni.aperturaAutomatica ? true : null;
  if (impostazioni.contenutoBarometro !== undefined)
    valori[CHIAVE_CONTENUTO_BAROMETRO] = impostazioni.contenutoBarometro;
  return valori;
}

/**
 * Whether this write should carry the conditional formatting: the option as given, else as stored
 * in the workbook (the task pane's form may not know it), else on.
 */
export function formattazioneAttiva(impostazioni: Impostazioni, salvate: () => ValoriImpostazioni): boolean {
  if (impostazioni.formattazioneCondizionale !== undefined) return impostazioni.formattazioneCondizionale;
  try {
    return formattazioneDaSalvata(salvate()[CHIAVE_FORMATTAZIONE]);
  } catch {
    return PREDEFINITE_CONDIVISIONE.formattazioneCondizionale;
  }
}

// ── Prepara stampa: the report's year (src/app/stampa.ts) ──

/**
 * The year printed in the footer and the Indice's title ("Relazione sulla Performance 2024"),
 * when the user set it in the pane; absent: read from the workbook's texts (annoDelReport).
 */
export const CHIAVE_ANNO_RELAZIONE = "barometro.annoRelazione";

/** The stored year, when it is one (an integer from 2000 to 2100, or its text); null otherwise. */
export function annoDaSalvato(valore: unknown): number | null {
  const n = typeof valore === "string" && /^\s*\d{4}\s*$/.test(valore) ? Number(valore) : valore;
  return typeof n === "number" && Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : null;
}

// ── The Barometro cell's label or symbol (src/layout/patch.ts, ContenutoBarometro) ──

/** "etichetta" (default) / "simbolo" / "colore": what the Barometro cell shows besides its colour. */
export const CHIAVE_CONTENUTO_BAROMETRO = "barometro.contenutoBarometro";

/** The stored choice when it is a valid one; null otherwise (absent or unknown: the default applies). */
export function contenutoDaSalvato(valore: unknown): ContenutoBarometro | null {
  return CONTENUTI_BAROMETRO.find((c) => c === valore) ?? null;
}

/** The Barometro cell's content for this write: as given, else as stored in the workbook, else the default. */
export function contenutoAttivo(impostazioni: Impostazioni, salvate: () => ValoriImpostazioni): ContenutoBarometro {
  if (impostazioni.contenutoBarometro !== undefined) return impostazioni.contenutoBarometro;
  try {
    return contenutoDaSalvato(salvate()[CHIAVE_CONTENUTO_BAROMETRO]) ?? CONTENUTO_PREDEFINITO;
  } catch {
    return CONTENUTO_PREDEFINITO;
  }
}
