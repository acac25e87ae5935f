/**
 * The «Dossier di validazione» sheet as pure data: for the Nucleo di Valutazione / OIV, how every
 * figure was obtained (the engine's trace, src/engine/traccia.ts) as tables with cell references,
 * the rules in plain Italian once at the top, every Verifica finding with its cell, the workbook's
 * own line percentage against the computed one; date, workbook name and Barometro's version.
 * Written by the task pane (through WorkbookAccess.impagina, as the Indice) and by
 * `barometro dossier` (ExcelJS), printable with the annex's page setup.
 */
import { formatNumero, formatPercentuale, REGOLE_CALCOLO, Traccia, TracciaLinea, TracciaObiettivo } from "../engine";
import { a1, columnName, SheetGrid } from "./griglia";
import { CellaIndice, PianoIndice, RigaIndice } from "./indice";
import { piePagina } from "./stampa";
import { FOGLIO_DOSSIER, foglioProprio, TITOLO_DOSSIER } from "./fogli-barometro";

export { FOGLIO_DOSSIER, isTitoloDossier, TITOLO_DOSSIER } from "./fogli-barometro";

export const NOTA_DOSSIER =
  "Foglio scritto da Barometro: ogni nuovo dossier lo riscrive da capo, le modifiche fatte qui vanno perse. I numeri sono quelli del calcolo di Barometro sui dati della cartella; le celle indicate sono nel foglio della linea.";

/** What the dossier says about itself. */
export interface IntestazioneDossier {
  /** The workbook's file name; null when unknown. */
  cartella: string | null;
  data: Date;
  /** Barometro's version. */
  versione: string;
  anno: number | null;
}

/**
 * The table's columns. No «Indicatore» / «Target atteso» header: the layout reader never takes this
 * sheet for a line's table (a header needs Indicatore, Target atteso, Target consuntivo and Peso).
 */
export const COLONNE_DOSSIER = [
  "Voce",
  "Cella",
  "Regola e calcolo",
  "Polarità",
  "Atteso",
  "Consuntivo",
  "% Ragg",
  "Peso",
  "Peso normalizzato",
  "Contributo",
  "Avvisi",
] as const;
const LARGHEZZE = [46, 12, 50, 26, 11, 11, 10, 8, 12, 11, 26];
/** The columns whose texts wrap: Voce, Regola e calcolo, Polarità, Avvisi. */
const COLONNE_A_CAPO = [0, 2, 3, 10];

const PERCENTUALE = "0.00%";
const QUOTA = "0.0000";
const COLORE_LINEA = "#D9E1F2";
const COLORE_INTESTAZIONE = "#EDEDED";
const COLORE_DIVERSA = "#FFE699";
const VUOTO = "—";

/** "Dossier di validazione — Stato di attuazione degli Obiettivi 2024". */
export function titoloDossier(anno: number | null): string {
  return `${TITOLO_DOSSIER}${anno ? ` ${anno}` : ""}`;
}

/** The sheet named «Dossier di validazione» (in any case), if there is one. */
export function foglioDossier(fogli: readonly SheetGrid[]): SheetGrid | undefined {
  return foglioProprio(fogli, FOGLIO_DOSSIER).esistente;
}

/**
 * The name of a sheet called «Dossier di validazione» that Barometro did not write (not empty, no
 * dossier title in A1): a user's sheet, never overwritten; null when there is none.
 */
export function dossierAltrui(fogli: readonly SheetGrid[]): string | null {
  const proprio = foglioProprio(fogli, FOGLIO_DOSSIER);
  return proprio.altrui ? proprio.nome : null;
}

/** "03/12/2026 16:30" (local time). */
export function dataDossier(d: Date): string {
  const due = (n: number) => String(n).padStart(2, "0");
  return `${due(d.getDate())}/${due(d.getMonth() + 1)}/${d.getFullYear()} ${due(d.getHours())}:${due(d.getMinutes())}`;
}

const num = (x: number) => formatNumero(x, Number.isInteger(x) ? 0 : 2);
const perc = (x: number | null) => formatPercentuale(x);

/** The dossier: its rows from A1, column widths, wrapped areas, landscape page with the annex's footer. */
export function pianoDossier(traccia: Traccia, intestazione: IntestazioneDossier): PianoIndice {
  const righe: RigaIndice[] = [];
  let riga = 0;
  const aggiungi = (celle: (CellaIndice | null)[], opz: { grassetto?: boolean; colore?: string } = {}) => {
    riga++;
    const piene = celle.map((cella): CellaIndice => {
      const c = finito(cella ?? { valore: "" });
      return opz.colore && !c.riempimento ? { ...c, riempimento: opz.colore } : c;
    });
    if (opz.colore) while (piene.length < COLONNE_DOSSIER.length) piene.push({ valore: "", riempimento: opz.colore });
    righe.push({ riga, celle: piene, ...(opz.grassetto ? { grassetto: true } : {}) });
  };
  const vuota = () => riga++;
  /** The rows of the tables' headers: wrapped too («Peso normalizzato» on two lines). */
  const intestazioni: number[] = [];
  const t = (valore: string | number): CellaIndice => ({ valore: entroIlLimite(valore) });

  aggiungi([{ valore: titoloDossier(intestazione.anno), grassetto: true, dimensione: 14 }]);
  aggiungi([t("Cartella"), null, t(intestazione.cartella ?? VUOTO)]);
  aggiungi([t("Data"), null, t(dataDossier(intestazione.data))]);
  aggiungi([t("Barometro"), null, t(`versione ${intestazione.versione}`)]);
  aggiungi([t("Nota"), null, t(NOTA_DOSSIER)]);
  vuota();
  aggiungi([t("Regole di calcolo")], { grassetto: true });
  REGOLE_CALCOLO.forEach((regola, i) => aggiungi([t(`Regola ${i + 1}`), null, t(regola)]));
  vuota();
  const { ente } = traccia;
  const contate = traccia.linee.filter((l) => l.percentuale !== null);
  aggiungi(
    [
      t("Ente (media delle linee)"),
      null,
      t(
        contate.length === 0
          ? "nessuna linea con una percentuale"
          : `media di ${contate.length === 1 ? "1 linea" : `${contate.length} linee`}: (${contate
              .map((l) => num(l.percentuale!))
              .join(" + ")}) / ${contate.length} = ${num(ente.percentuale!)}`
      ),
      null,
      null,
      null,
      percentuale(ente.percentuale),
    ],
    { grassetto: true }
  );
  const avvisiTotali = traccia.linee.reduce((n, l) => n + tuttiIRilievi(l).length, 0);
  aggiungi([t("Avvisi della Verifica"), null, t(avvisiTotali === 0 ? "nessuno" : String(avvisiTotali))]);

  /** Each line starts a page, as in the annex (the rules and the ente are the first page). */
  const nuovePagine: number[] = [];
  for (const l of traccia.linee) {
    vuota();
    nuovePagine.push(riga + 1);
    aggiungi([t(l.nome), t(l.cella ?? VUOTO), t(composizioneLinea(l)), null, null, null, percentuale(l.percentuale)], {
      grassetto: true,
      colore: COLORE_LINEA,
    });
    aggiungi([t("Foglio"), null, t(l.foglio)]);
    const nelFoglio = confrontoLinea(l);
    aggiungi(
      [
        t("Percentuale nel foglio"),
        t(l.cellaPercentuale ?? VUOTO),
        l.diversa ? { valore: nelFoglio, riempimento: COLORE_DIVERSA, grassetto: true } : t(nelFoglio),
        null,
        null,
        null,
        l.percentualeNelFoglio === null ? t(VUOTO) : percentuale(l.percentualeNelFoglio),
      ],
      l.diversa ? { grassetto: true } : {}
    );
    if (l.incompleta)
      aggiungi([
        t("Dati incompleti"),
        null,
        t("alcuni indicatori sono da rilevare o senza peso valido: la percentuale usa solo quelli con i dati"),
      ]);
    aggiungi(
      COLONNE_DOSSIER.map((h) => t(h)),
      { grassetto: true, colore: COLORE_INTESTAZIONE }
    );
    intestazioni.push(riga);
    for (const o of l.obiettivi) {
      aggiungi(
        [
          t(`Obiettivo: ${o.nome || "(senza nome)"}`),
          t(o.cella ?? VUOTO),
          t(o.conteggiato ? composizioneObiettivo(o) : `Non conteggiato — ${o.motivo}`),
          null,
          null,
          null,
          percentuale(o.percentuale),
          t(o.sommaPesi),
          null,
          null,
          t(o.rilievi.map((a) => `${a.codice} (${a.cella || VUOTO})`).join("\n")),
        ],
        { grassetto: true }
      );
      for (const x of o.indicatori)
        aggiungi([
          t(`· ${x.nome || `riga ${x.riga}`}`),
          t(x.cella ?? VUOTO),
          t(
            [x.regola, x.calcolo, x.lettura, x.conteggiato ? null : `non conteggiato: ${x.motivo}`]
              .filter((s) => s)
              .join("; ")
          ),
          t(x.originePolaritaTesto),
          x.atteso === null ? t(VUOTO) : t(x.atteso),
          x.consuntivo === null ? t(VUOTO) : t(x.consuntivo),
          percentuale(x.ragg),
          x.pesoNelFoglio === null || typeof x.pesoNelFoglio === "boolean" ? t(VUOTO) : t(x.pesoNelFoglio),
          x.pesoNormalizzato === null ? t(VUOTO) : { valore: x.pesoNormalizzato, formato: QUOTA },
          percentuale(x.contributo),
          t(x.rilievi.map((a) => `${a.codice} (${a.cella || VUOTO})`).join("\n")),
        ]);
    }
    const rilievi = tuttiIRilievi(l);
    aggiungi([t(`Avvisi della Verifica: ${rilievi.length === 0 ? "nessuno" : rilievi.length}`)], {
      grassetto: true,
    });
    for (const a of rilievi)
      aggiungi([
        t(a.informativo ? `${a.codice} (informazione)` : a.codice),
        t(a.foglio === l.foglio ? a.cella || VUOTO : riferimento(a.foglio, a.cella)),
        t(a.messaggio),
      ]);
  }

  const ultima = columnName(COLONNE_DOSSIER.length - 1);
  const aCapo = [
    ...COLONNE_A_CAPO.map((c) => `${a1(1, c)}:${a1(Math.max(1, riga - 1), c)}`),
    ...intestazioni.map((r) => `A${r}:${ultima}${r}`),
  ];
  return {
    foglio: FOGLIO_DOSSIER,
    righe,
    larghezze: LARGHEZZE,
    colonne: COLONNE_DOSSIER.length,
    piePagina: `Dossier di validazione — ${piePagina(intestazione.anno)}`,
    orientamento: "Landscape",
    primo: false,
    aCapo,
    margini: true,
    nuovePagine,
  };
}

/** Excel's limit on a cell's text (Specifications and limits: 32,767 characters). */
export const MAX_CARATTERI_CELLA = 32_767;

/** A text cut to fit a cell (a 32,767-character objective name with «Obiettivo: » in front would not). */
function entroIlLimite(valore: string | number): string | number {
  return typeof valore === "string" && valore.length > MAX_CARATTERI_CELLA
    ? `${valore.slice(0, MAX_CARATTERI_CELLA - 1)}…`
    : valore;
}

/**
 * A cell holds finite numbers only (Excel has no infinity; Office.js and the file refuse one): a
 * figure out of range, as a workbook with 1e400 typed in gives, is written as «∞» / «−∞» text.
 */
function finito(c: CellaIndice): CellaIndice {
  if (typeof c.valore !== "number" || Number.isFinite(c.valore)) return c;
  const resto: CellaIndice = { ...c, valore: Number.isNaN(c.valore) ? VUOTO : c.valore > 0 ? "∞" : "−∞" };
  delete resto.formato;
  return resto;
}

/** A percentage on 0–100 as a cell: a fraction with a % format («84,44%»), «—» when there is none. */
function percentuale(p: number | null): CellaIndice {
  return p === null ? { valore: VUOTO } : { valore: p / 100, formato: PERCENTUALE };
}

/** "Obiettivi 2024!A59" ('…' around names that need them, as Excel writes references). */
export function riferimento(foglio: string, cella: string | null): string {
  if (!cella) return VUOTO;
  const nome = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(foglio) ? foglio : `'${foglio.replace(/'/g, "''")}'`;
  return `${nome}!${cella}`;
}

/** «media dei 3 obiettivi conteggiati: (100 + 100 + 53,33) / 3 = 84,44; 1 neutralizzato». */
export function composizioneLinea(l: TracciaLinea): string {
  const contati = l.obiettivi.filter((o) => o.conteggiato);
  const esclusi = l.obiettivi.length - contati.length;
  const nota =
    esclusi === 0
      ? ""
      : `; ${esclusi === 1 ? "1 obiettivo non conteggiato" : `${esclusi} obiettivi non conteggiati`}${
          l.neutralizzati > 0
            ? ` (${l.neutralizzati === 1 ? "1 neutralizzato" : `${l.neutralizzati} neutralizzati`})`
            : ""
        }`;
  if (contati.length === 0) return `nessun obiettivo conteggiato: nessuna percentuale${nota}`;
  const valori = contati.map((o) => num(o.percentuale!));
  return `media ${contati.length === 1 ? "dell'unico obiettivo conteggiato" : `dei ${contati.length} obiettivi conteggiati`}: (${valori.join(" + ")}) / ${contati.length} = ${num(l.percentuale!)}${nota}`;
}

/** «Σ(peso × % Ragg) / Σ peso: 33,33 + 20 = 53,33» (the contributions of its counted indicators). */
export function composizioneObiettivo(o: TracciaObiettivo): string {
  const contributi = o.indicatori.filter((x) => x.conteggiato).map((x) => num(x.contributo!));
  const incompleto = o.incompleto ? " (solo gli indicatori con i dati e un peso valido)" : "";
  return `Σ(peso × % Ragg) / Σ peso, somma dei contributi: ${contributi.join(" + ")} = ${num(o.percentuale!)}${incompleto}`;
}

/** The workbook's own percentage against the computed one, in words. */
export function confrontoLinea(l: TracciaLinea): string {
  if (l.percentualeNelFoglio === null)
    return l.cellaPercentuale
      ? "nessun numero nella cella della percentuale"
      : "la linea non ha una cella della percentuale";
  if (l.diversa)
    return `DIVERSA: nel foglio ${perc(l.percentualeNelFoglio)}, calcolata ${perc(l.percentuale)} (avviso LINEA_DIVERSA)`;
  return `${perc(l.percentualeNelFoglio)}: coincide con la calcolata`;
}

/** Every finding of a line, in sheet order of its items: the line's, then each objective's and its indicators'. */
export function tuttiIRilievi(l: TracciaLinea) {
  return [...l.obiettivi.flatMap((o) => [...o.rilievi, ...o.indicatori.flatMap((x) => x.rilievi)]), ...l.rilievi];
}
