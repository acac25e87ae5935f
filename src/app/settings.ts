import { Bande, BANDE_PREDEFINITE, creaBande, IdFascia } from "../engine";
import { ValoriImpostazioni } from "./access";

/** Document-settings keys: they travel with the workbook. */
export const CHIAVE_BANDE = "barometro.bande";
export const CHIAVE_MODO = "barometro.modoScrittura";

/** Whether % Ragg is written as a value or as a =PERF.RAGG(…) formula that recomputes by itself. */
export type ModoScrittura = "valori" | "formule";

export interface Impostazioni {
  bande: Bande;
  modoScrittura: ModoScrittura;
}

export const IMPOSTAZIONI_PREDEFINITE: Impostazioni = { bande: BANDE_PREDEFINITE, modoScrittura: "valori" };

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
    return typeof c === "string" && COLORE.test(c) ? c.toUpperCase() : base;
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

/** The user's settings from the workbook, with the defaults for anything missing or invalid. */
export function leggiImpostazioni(valori: ValoriImpostazioni): { impostazioni: Impostazioni; errore: string | null } {
  const bande = bandeDaSalvate(valori[CHIAVE_BANDE]);
  const modo = valori[CHIAVE_MODO] === "formule" ? "formule" : "valori";
  if (typeof bande === "string")
    return { impostazioni: { ...IMPOSTAZIONI_PREDEFINITE, modoScrittura: modo }, errore: bande };
  return { impostazioni: { bande, modoScrittura: modo }, errore: null };
}

export function valoriDaImpostazioni(impostazioni: Impostazioni): ValoriImpostazioni {
  return { [CHIAVE_BANDE]: bandeDaSalvare(impostazioni.bande), [CHIAVE_MODO]: impostazioni.modoScrittura };
}
