import { calcolaLinea, pesoValido } from "./raggiungimento";
import {
  FORMULA_BINARIA,
  isParolaBinaria,
  leggiPeso,
  lettureScostamento,
  leggiTarget,
  pesoInPercentuale,
} from "./lettura";
import { Avviso, MESSAGGI, NOMI_CAMPI } from "./messaggi";
import { cellaVuota, numeroDaTesto, numeroDaCella } from "./numeri";
import { parsePolarita } from "./polarita";
import { Indicatore, Linea, RisultatoIndicatore, RisultatoLinea, ValoreCella } from "./tipi";

/** Tolerances: % Ragg is published as an integer, line percentages with two decimals. */
const TOLLERANZA_RAGG = 0.5;
const TOLLERANZA_LINEA = 0.01;
const TOLLERANZA_VALORE = 1e-6;

const INDIZI_DECRESCENTE = [/tempo medio/iu, /\bgiorni\b/iu, /riduzion\p{L}*/iu, /mancat[ae] conformit\p{L}*/iu];
/**
 * A cheap first look at the name and the formula apart: every hint holds one of these pieces, and
 * no piece holds a space, so none straddles the space the hints are looked for across.
 */
const INDIZIO_POSSIBILE = /tempo|giorni|riduzion|mancat/i;

/** Verifica: everything in the lines that a person should look at before publishing. */
export function verifica(linee: Linea[], risultati: RisultatoLinea[] = linee.map(calcolaLinea)): Avviso[] {
  return linee.flatMap((linea, i) => verificaLinea(linea, risultati[i]));
}

/** Where a finding belongs in its line: the objective's index, and the indicator's (null: the objective's or the line's). */
export interface PosizioneAvviso {
  obiettivo: number | null;
  indicatore: number | null;
}

/**
 * Verifica of one line, each finding with the item it belongs to (the trace attaches them there):
 * the very findings `verifica` gives for the line, in the same order.
 */
export function verificaLineaConPosizioni(
  linea: Linea,
  risultato: RisultatoLinea = calcolaLinea(linea)
): { avviso: Avviso; posizione: PosizioneAvviso }[] {
  const posizioni: PosizioneAvviso[] = [];
  return verificaLinea(linea, risultato, posizioni).map((avviso, i) => ({ avviso, posizione: posizioni[i] }));
}

function verificaLinea(linea: Linea, risultato: RisultatoLinea, posizioni?: PosizioneAvviso[]): Avviso[] {
  const avvisi: Avviso[] = [];
  let dove: PosizioneAvviso = { obiettivo: null, indicatore: null };
  const add = (foglio: string, cella: string | undefined, codice: Avviso["codice"], messaggio: string) => {
    avvisi.push({ codice, foglio, cella: cella ?? "", messaggio, linea: linea.nome });
    posizioni?.push(dove);
  };

  linea.obiettivi.forEach((obiettivo, o) => {
    const ro = risultato.obiettivi[o];
    const pesi = obiettivo.indicatori.map(pesoValido);
    if (posizioni) dove = { obiettivo: o, indicatore: null };
    if (
      !ro.neutralizzato &&
      pesi.length > 0 &&
      pesi.every((p) => p !== null) &&
      Math.abs(ro.sommaPesi - 100) > TOLLERANZA_VALORE
    ) {
      const primo = obiettivo.indicatori[0];
      // In the sheet's dress: "25 %" weights sum to "93 %", plain ones to "93".
      const inPercentuale = obiettivo.indicatori.some(pesoInPercentuale);
      add(
        obiettivo.foglio,
        primo?.celle.peso,
        "PESI_NON_100",
        MESSAGGI.PESI_NON_100(obiettivo.nome, ro.sommaPesi, inPercentuale)
      );
    }
    obiettivo.indicatori.forEach((ind, k) => {
      if (posizioni) dove = { obiettivo: o, indicatore: k };
      verificaIndicatore(ind, ro.indicatori[k], (codice, campo, messaggio) =>
        add(ind.foglio, ind.celle[campo], codice, messaggio)
      );
    });
  });
  if (posizioni) dove = { obiettivo: null, indicatore: null };

  const nelFoglio = linea.percentuale ? numeroDaCella(linea.percentuale.valore) : null;
  if (linea.percentuale && nelFoglio !== null && risultato.percentuale !== null) {
    if (Math.abs(nelFoglio - risultato.percentuale) > TOLLERANZA_LINEA) {
      add(
        linea.foglio,
        linea.percentuale.cella,
        "LINEA_DIVERSA",
        MESSAGGI.LINEA_DIVERSA(linea.nome, nelFoglio, risultato.percentuale)
      );
    }
  }
  return avvisi;
}

type AggiungiAvviso = (codice: Avviso["codice"], campo: keyof Indicatore["celle"], messaggio: string) => void;

const CIFRE = ["atteso", "consuntivo", "peso"] as const;

/** One indicator's findings, handed to `aggiungi` as they are found (most indicators have none). */
function verificaIndicatore(ind: Indicatore, r: RisultatoIndicatore, segnala: AggiungiAvviso): void {
  const nome = ind.nome || `riga ${ind.riga}`;
  const conAvviso = new Set<string>();
  const aggiungi: AggiungiAvviso = (codice, campo, messaggio) => {
    conAvviso.add(campo);
    segnala(codice, campo, messaggio);
  };
  /** Figures stored as text that the engine reads: reported last, on cells without another finding. */
  const comeTesto: { campo: (typeof CIFRE)[number]; testo: string; numero: number }[] = [];

  const target = leggiTarget(ind);
  const peso = leggiPeso(ind);
  const lette = { atteso: target.atteso, consuntivo: target.consuntivo, peso };
  for (const campo of CIFRE) {
    const valore = ind[campo];
    if (cellaVuota(valore)) aggiungi("DATO_MANCANTE", campo, MESSAGGI.DATO_MANCANTE(nome, NOMI_CAMPI[campo]));
    else {
      const numero = lette[campo];
      if (numero === null)
        aggiungi("VALORE_NON_NUMERICO", campo, MESSAGGI.VALORE_NON_NUMERICO(nome, NOMI_CAMPI[campo], testo(valore)));
      // "Sì" is a word read as 1, not a number stored as text.
      else if (typeof valore === "string" && !isParolaBinaria(valore)) comeTesto.push({ campo, testo: valore, numero });
    }
  }
  if (target.scelta) {
    const { campo, testo: cella, letto, altro } = target.scelta;
    segnala("LETTURA_SCELTA", campo, MESSAGGI.LETTURA_SCELTA(nome, NOMI_CAMPI[campo], cella, letto, altro));
  }
  if (peso !== null && peso < 0) aggiungi("PESO_NON_VALIDO", "peso", MESSAGGI.PESO_NON_VALIDO(nome, peso));

  if (parsePolarita(ind.polarita) === null)
    aggiungi("POLARITA_NON_VALIDA", "polarita", MESSAGGI.POLARITA_NON_VALIDA(nome, testo(ind.polarita)));
  if (r.polarita !== "decrescente") {
    const indizio =
      INDIZIO_POSSIBILE.test(ind.nome) || INDIZIO_POSSIBILE.test(ind.formula)
        ? INDIZI_DECRESCENTE.map((re) => `${ind.nome} ${ind.formula}`.match(re)).find((m) => m !== null)
        : undefined;
    if (indizio)
      aggiungi(
        "POLARITA_SOSPETTA",
        ind.celle.polarita ? "polarita" : "indicatore",
        MESSAGGI.POLARITA_SOSPETTA(nome, indizio[0])
      );
  }

  const { atteso, consuntivo } = target;
  if (FORMULA_BINARIA.test(ind.formula)) {
    for (const [campo, valore] of [
      ["atteso", atteso],
      ["consuntivo", consuntivo],
    ] as const) {
      if (valore !== null && valore !== 0 && valore !== 1)
        aggiungi("BINARIO_NON_0_1", campo, MESSAGGI.BINARIO_NON_0_1(nome, NOMI_CAMPI[campo], valore));
    }
  }

  const scostamenti = lettureScostamento(ind, target);
  // Compared on the targets' scale as read (points for percentages), whatever unit the cells use.
  const calcolato = r.scostamento === null || atteso === null || consuntivo === null ? null : consuntivo - atteso;
  if (scostamenti.length > 0 && calcolato !== null && atteso !== null && consuntivo !== null) {
    const tolleranza = TOLLERANZA_VALORE * Math.max(1, Math.abs(calcolato));
    if (scostamenti.every((s) => Math.abs(s - calcolato) > tolleranza))
      aggiungi(
        "SCOSTAMENTO_ERRATO",
        "scostamento",
        MESSAGGI.SCOSTAMENTO_ERRATO(nome, scostamenti[scostamenti.length - 1], atteso, consuntivo)
      );
  }

  const ragg = numeroDaCella(ind.ragg);
  if (ragg !== null && r.raggRegola !== null && Math.abs(ragg - r.raggRegola) > TOLLERANZA_RAGG)
    aggiungi("RAGG_DIVERSO", "ragg", MESSAGGI.RAGG_DIVERSO(nome, ragg, r.raggRegola));

  // Read by the engine, not by Excel's formulas (ISNUMBER is false): Barometro's rules and label
  // formula cannot follow this row. One finding per cell: a cell already reported (a negative
  // weight, a binary 100) is retyped by whoever fixes it, which settles this too.
  for (const { campo, testo, numero } of comeTesto)
    if (!conAvviso.has(campo))
      segnala(
        "NUMERO_COME_TESTO",
        campo,
        MESSAGGI.NUMERO_COME_TESTO(nome, NOMI_CAMPI[campo], testo.trim(), numero, numeroDaTesto(testo) !== null)
      );
}

function testo(valore: ValoreCella): string {
  if (valore instanceof Date) return valore.toLocaleDateString("it-IT");
  return String(valore);
}
