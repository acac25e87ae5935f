import { Avviso, Bande, fasciaPer, formatPercentuale, isInformativo } from "../engine";
import type { EsitoPreparazione } from "../app/condivisione";
import { MESSAGGI_APP } from "../app/messaggi";
import { Ambito, Analisi, ErroreBarometro, lineaDellaSelezione } from "../app/ricalcolo";
import { IMPOSTAZIONI_PREDEFINITE } from "../app/impostazioni";
import { riassunto } from "../app/diagnostica";
import { Azione, FasciaVista, GruppoAvvisi, Lavoro, Luogo, Notifica, RigaLinea, StatoBarometro } from "./tipi";

/** Pure state of the task pane: no Office, no WorkbookAccess, only data in and data out. */
export function statoIniziale(): StatoBarometro {
  return {
    scheda: "riepilogo",
    analisi: null,
    lineaScelta: null,
    impostazioni: IMPOSTAZIONI_PREDEFINITE,
    erroreImpostazioni: null,
    lavoro: null,
    avanzamento: null,
    notifica: null,
    conferma: null,
    confermaNumeri: null,
    escluse: null,
    annoRelazione: null,
    diagnostica: { avanzamento: null, rapporto: null },
  };
}

/**
 * Prepara per la condivisione's message: a warning when something needs the user (formulas left
 * as they are, or % Ragg still written as PERF.RAGG), else a success.
 */
function notificaCondivisione(esito: EsitoPreparazione): Notifica {
  const attenzione = esito.escluse.length > 0 || esito.messaggio.includes(MESSAGGI_APP.modoFormuleAttivo);
  return {
    intento: attenzione ? "avviso" : "successo",
    testo: esito.messaggio,
  };
}

/** Keeps the chosen line only while it still exists in the new read. */
function lineaValida(indice: number | null, analisi: Analisi): number | null {
  return indice !== null && indice >= 0 && indice < analisi.linee.length ? indice : null;
}

export function riduttore(stato: StatoBarometro, azione: Azione): StatoBarometro {
  switch (azione.tipo) {
    case "scheda":
      return { ...stato, scheda: azione.scheda };
    case "scegliLinea":
      return {
        ...stato,
        lineaScelta: stato.analisi ? lineaValida(azione.indice, stato.analisi) : null,
      };
    case "selezioneFoglio":
      return {
        ...stato,
        lineaScelta: stato.analisi ? lineaDellaSelezione(stato.analisi.linee, azione.selezione) : null,
      };
    case "impostazioniLette":
      return {
        ...stato,
        impostazioni: azione.impostazioni,
        erroreImpostazioni: azione.errore,
      };
    case "avanza":
      return stato.lavoro ? { ...stato, avanzamento: azione.testo } : stato;
    case "avvio":
      return {
        ...stato,
        lavoro: azione.lavoro,
        avanzamento: null,
        notifica: null,
        conferma: null,
        confermaNumeri: null,
      };
    case "letto":
      return {
        ...stato,
        analisi: azione.analisi,
        // Nothing chosen yet: the line of the sheet's selection, if it is in one.
        lineaScelta:
          lineaValida(stato.lineaScelta, azione.analisi) ??
          lineaDellaSelezione(azione.analisi.linee, azione.analisi.lettura.selezione),
        lavoro: null,
        notifica: azione.analisi.errore !== null ? { intento: "avviso", testo: azione.analisi.errore } : null,
      };
    case "ricalcolato": {
      const { esito } = azione;
      const { analisi } = esito;
      return {
        ...stato,
        analisi,
        // One line written: it becomes the chosen one, so the Riepilogo shows which.
        lineaScelta: lineaValida(esito.linee.length === 1 ? esito.linee[0] : stato.lineaScelta, analisi),
        lavoro: null,
        notifica: { intento: "successo", testo: esito.messaggio },
      };
    }
    case "impostazioniSalvate":
      return {
        ...stato,
        impostazioni: azione.impostazioni,
        erroreImpostazioni: null,
        lavoro: null,
        notifica: {
          intento: "successo",
          testo: "Impostazioni salvate nella cartella di lavoro.",
          luogo: "impostazioni",
        },
      };
    case "errore":
      return {
        ...stato,
        lavoro: null,
        conferma: null,
        confermaNumeri: null,
        notifica: {
          intento: "errore",
          testo: azione.messaggio,
          luogo: stato.lavoro ? luogoDi(stato.lavoro) : undefined,
        },
      };
    case "condivisioneContata": {
      const { esito } = azione;
      const base = { ...stato, lavoro: null, escluse: esito.escluse };
      // Something to replace: the question, in a dialog; nothing to replace: just the message.
      if (esito.formule > 0 && esito.domanda !== null)
        return {
          ...base,
          notifica: null,
          conferma: {
            domanda: esito.domanda,
            formule: esito.formule,
            fogli: esito.fogli,
          },
        };
      return { ...base, conferma: null, notifica: notificaCondivisione(esito) };
    }
    case "condivisioneAnnullata":
      return { ...stato, conferma: null };
    case "condivisionePreparata":
      return {
        ...stato,
        lavoro: null,
        conferma: null,
        escluse: azione.esito.escluse,
        notifica: notificaCondivisione(azione.esito),
      };
    case "riepilogoAggiornato":
      return {
        ...stato,
        lavoro: null,
        notifica: { intento: "successo", testo: azione.messaggio },
      };
    case "annoLetto":
      return { ...stato, annoRelazione: azione.anno };
    case "stampaPreparata": {
      const { esito } = azione;
      return {
        ...stato,
        lavoro: null,
        annoRelazione: esito.fonteAnno === "impostazione" ? esito.anno : null,
        // Without a year the footer is incomplete: a warning, with how to set it.
        notifica: {
          intento: esito.anno === null ? "avviso" : "successo",
          testo: esito.messaggio,
          luogo: "stampa",
        },
      };
    }
    case "esitoEsterno": {
      const { analisi } = azione.esito;
      return {
        ...stato,
        analisi,
        lineaScelta: lineaValida(stato.lineaScelta, analisi),
        notifica: { intento: "successo", testo: azione.esito.messaggio },
      };
    }
    case "erroreEsterno":
      return {
        ...stato,
        notifica: { intento: "errore", testo: azione.messaggio },
      };
    case "chiudiNotifica":
      return { ...stato, notifica: null };
    case "diagnosticaAvanza":
      return {
        ...stato,
        diagnostica: { ...stato.diagnostica, avanzamento: azione.avanzamento },
      };
    case "diagnosticaFatta": {
      const { rapporto } = azione;
      const problemi = rapporto.esiti.some((e) => e.stato !== "riuscito") || rapporto.foglioRimasto !== null;
      return {
        ...stato,
        lavoro: null,
        diagnostica: { avanzamento: null, rapporto },
        notifica: {
          intento: problemi ? "avviso" : "successo",
          testo: `Diagnostica: ${riassunto(rapporto.esiti)}.`,
        },
      };
    }
    case "numeriChiesti":
      return { ...stato, notifica: null, confermaNumeri: azione.conferma };
    case "numeriAnnullati":
      return { ...stato, confermaNumeri: null };
    case "numeriConvertiti":
      return {
        ...stato,
        analisi: azione.analisi,
        lineaScelta: lineaValida(stato.lineaScelta, azione.analisi),
        lavoro: null,
        confermaNumeri: null,
        notifica: { intento: "successo", testo: azione.messaggio },
      };
  }
}

/** Where the progress and the result of a piece of work are shown (undefined: at the top). */
export function luogoDi(lavoro: Lavoro): Luogo | undefined {
  return lavoro.tipo === "salvataggio" ? "impostazioni" : lavoro.tipo === "stampa" ? "stampa" : undefined;
}

/** Whether a button that reads or writes the workbook must wait. */
export function occupato(stato: StatoBarometro): boolean {
  return stato.lavoro !== null;
}

/**
 * "Ricalcola linea": the line the pane shows on the button (chosen in the pane, or the one holding
 * the sheet's selection); null when there is none, never a guess.
 */
export function ambitoRicalcolaLinea(stato: StatoBarometro): Ambito | null {
  if (stato.lineaScelta === null) return null;
  return {
    tipo: "linea",
    indice: stato.lineaScelta,
    nome: stato.analisi?.linee[stato.lineaScelta]?.nome,
  };
}

/** The Italian text for anything thrown: Barometro's own messages as they are, the rest as unexpected. */
export function messaggioDiErrore(errore: unknown): string {
  if (errore instanceof ErroreBarometro) return errore.message;
  const dettaglio = errore instanceof Error ? errore.message : String(errore);
  return MESSAGGI_APP.inatteso(dettaglio);
}

/** The band of a percentage; a line whose objectives are all neutralised shows the "neutralizzato" band. */
export function fasciaVista(percentuale: number | null, bande: Bande, tuttoNeutralizzato = false): FasciaVista | null {
  if (percentuale !== null) {
    const { etichetta, colore } = fasciaPer(percentuale, bande);
    return { etichetta, colore };
  }
  return tuttoNeutralizzato ? { ...bande.neutralizzato } : null;
}

export function righeLinee(analisi: Analisi, bande: Bande): RigaLinea[] {
  return analisi.linee.map((linea, indice) => {
    const r = analisi.risultato.linee[indice];
    const obiettivi = linea.obiettivi.length;
    return {
      indice,
      nome: linea.nome,
      foglio: linea.foglio,
      percentuale: r.percentuale,
      testo: formatPercentuale(r.percentuale),
      fascia: fasciaVista(r.percentuale, bande, obiettivi > 0 && r.neutralizzati === obiettivi),
      obiettivi,
      neutralizzati: r.neutralizzati,
      incompleta: r.incompleta,
      avvisi: problemi(analisi.avvisi.filter((a) => a.linea === linea.nome)),
    };
  });
}

/** Findings grouped by line, lines in workbook order; findings of a line not found last. */
export function gruppiAvvisi(analisi: Analisi): GruppoAvvisi[] {
  const gruppi = new Map<string, GruppoAvvisi>();
  for (const linea of analisi.linee)
    if (!gruppi.has(linea.nome)) gruppi.set(linea.nome, { linea: linea.nome, avvisi: [] });
  for (const avviso of analisi.avvisi) {
    const gruppo = gruppi.get(avviso.linea) ?? {
      linea: avviso.linea,
      avvisi: [],
    };
    gruppo.avvisi.push(avviso);
    gruppi.set(avviso.linea, gruppo);
  }
  return [...gruppi.values()].filter((g) => g.avvisi.length > 0);
}

/** Italian count: "nessun obiettivo", "1 obiettivo", "3 obiettivi". */
export function conteggio(n: number, singolare: string, plurale: string, nessuno = `nessun ${singolare}`): string {
  return n === 0 ? nessuno : n === 1 ? `1 ${singolare}` : `${n.toLocaleString("it-IT")} ${plurale}`;
}

/**
 * How many findings are problems: the counts on the Verifica tab and on each line leave out the
 * informational ones (a reading Barometro chose, LETTURA_SCELTA), which Verifica still lists.
 */
export function problemi(avvisi: readonly Avviso[]): number {
  let n = 0;
  for (const a of avvisi) if (!isInformativo(a)) n++;
  return n;
}
