import { BANDE_PREDEFINITE, creaBande, IdFascia, numeroDaCella } from "../engine";
import { condivisioneDi, Impostazioni, ModoScrittura } from "../app/impostazioni";
import { CONTENUTO_PREDEFINITO, ContenutoBarometro } from "../layout/patch";

/** The band keys that have a colour and a label: the three bands and "neutralizzato". */
export type ChiaveFascia = IdFascia | "neutralizzato";

export const CHIAVI_FASCE: readonly ChiaveFascia[] = ["raggiunto", "parziale", "non_raggiunto", "neutralizzato"];

/** Fixed names of the bands in the form (the labels themselves can be changed). */
export const NOMI_FASCE: Record<ChiaveFascia, string> = {
  raggiunto: "Raggiunto",
  parziale: "Parzialmente raggiunto",
  non_raggiunto: "Non raggiunto",
  neutralizzato: "Neutralizzato",
};

/** The Impostazioni form as typed: text, validated only on Salva. */
export interface Bozza {
  raggiunto: string;
  parziale: string;
  colori: Record<ChiaveFascia, string>;
  etichette: Record<ChiaveFascia, string>;
  modoScrittura: ModoScrittura;
  /** Also write the colours as conditional formatting (they follow the data without the add-in). */
  formattazioneCondizionale: boolean;
  /** Open the task pane with the workbook. */
  aperturaAutomatica: boolean;
  /** What the Barometro cell shows besides its colour. */
  contenutoBarometro: ContenutoBarometro;
}

export type CampoBozza = "raggiunto" | "parziale" | "soglie" | `colore.${ChiaveFascia}` | `etichetta.${ChiaveFascia}`;
export type ErroriBozza = Partial<Record<CampoBozza, string>>;

export const COLORE_VALIDO = /^#[0-9a-f]{6}$/i;

const testoSoglia = (n: number) => String(n).replace(".", ",");

export function bozzaDaImpostazioni(impostazioni: Impostazioni): Bozza {
  const { fasce, neutralizzato } = impostazioni.bande;
  const per = (chiave: ChiaveFascia) =>
    chiave === "neutralizzato" ? neutralizzato : (fasce.find((f) => f.id === chiave) ?? neutralizzato);
  const soglia = (id: IdFascia) => fasce.find((f) => f.id === id)?.soglia ?? 0;
  const mappa = (campo: "colore" | "etichetta") =>
    Object.fromEntries(CHIAVI_FASCE.map((c) => [c, per(c)[campo]])) as Record<ChiaveFascia, string>;
  return {
    raggiunto: testoSoglia(soglia("raggiunto")),
    parziale: testoSoglia(soglia("parziale")),
    colori: mappa("colore"),
    etichette: mappa("etichetta"),
    modoScrittura: impostazioni.modoScrittura,
    ...condivisioneDi(impostazioni),
    contenutoBarometro: impostazioni.contenutoBarometro ?? CONTENUTO_PREDEFINITO,
  };
}

/** The settings the form describes, or the Italian error of each wrong field. */
export function validaBozza(bozza: Bozza): { impostazioni: Impostazioni } | { errori: ErroriBozza } {
  const errori: ErroriBozza = {};
  const numero = (campo: "raggiunto" | "parziale") => {
    const n = numeroDaCella(bozza[campo]);
    if (n === null) errori[campo] = "Inserire un numero tra 0 e 100 (es. 90 oppure 72,5).";
    return n;
  };
  const raggiunto = numero("raggiunto");
  const parziale = numero("parziale");
  for (const c of CHIAVI_FASCE) {
    if (!COLORE_VALIDO.test(bozza.colori[c].trim()))
      errori[`colore.${c}`] = `Colore non valido: usare il formato #RRGGBB (es. ${BANDE_PREDEFINITE.fasce[0].colore}).`;
    if (bozza.etichette[c].trim() === "") errori[`etichetta.${c}`] = "L'etichetta non può essere vuota.";
  }
  if (raggiunto === null || parziale === null) return { errori };

  const colore = (c: ChiaveFascia) => bozza.colori[c].trim().toUpperCase();
  const etichetta = (c: ChiaveFascia) => bozza.etichette[c].trim();
  const base = {
    fasce: BANDE_PREDEFINITE.fasce.map((f) => ({ ...f, colore: colore(f.id), etichetta: etichetta(f.id) })),
    neutralizzato: { colore: colore("neutralizzato"), etichetta: etichetta("neutralizzato") },
  };
  const bande = creaBande({ raggiunto, parziale }, base);
  if (typeof bande === "string") errori.soglie = bande;
  if (Object.keys(errori).length > 0 || typeof bande === "string") return { errori };
  return {
    impostazioni: {
      bande,
      modoScrittura: bozza.modoScrittura,
      formattazioneCondizionale: bozza.formattazioneCondizionale,
      aperturaAutomatica: bozza.aperturaAutomatica,
      contenutoBarometro: bozza.contenutoBarometro,
    },
  };
}
