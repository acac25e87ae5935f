import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { Avviso } from "../engine";
import { Selezione, WorkbookAccess } from "../app/access";
import { preparaCondivisione } from "../app/condivisione";
import { anteprimaNumeri, convertiNumeri, letturaDopo, numeriDaConvertire } from "../app/numeri";
import { MESSAGGI_APP } from "../app/messaggi";
import { ascolta } from "../app/eventi";
import { Ambito, analizza, intervalloDellaLinea, ricalcola } from "../app/ricalcolo";
import { aggiornaRiepilogo } from "../app/riepilogo";
import {
  annoDaSalvato,
  CHIAVE_ANNO_RELAZIONE,
  Impostazioni,
  leggiImpostazioni,
  valoriDaImpostazioni,
} from "../app/impostazioni";
import { preparaStampa } from "../app/stampa";
import { BancoDiagnostica, eseguiDiagnostica } from "../app/diagnostica";
import { ambitoRicalcolaLinea, messaggioDiErrore, riduttore, statoIniziale } from "./stato-riquadro";
import { Lavoro, Scheda, StatoBarometro } from "./tipi";

/** Follows the sheet's selection (Excel's selection-changed event): calls back with each new one. */
export type SeguiSelezione = (avvisa: (selezione: Selezione) => void) => Promise<SmettiDiSeguire>;
export type SmettiDiSeguire = () => Promise<void>;

export interface Barometro {
  stato: StatoBarometro;
  aggiorna(): Promise<void>;
  ricalcolaLinea(): Promise<void>;
  ricalcolaTutto(): Promise<void>;
  scegliLinea(indice: number): Promise<void>;
  vaiAllAvviso(avviso: Avviso): Promise<void>;
  salvaImpostazioni(impostazioni: Impostazioni): Promise<void>;
  /** Prepara per la condivisione: counts the PERF formulas; the dialog then asks to confirm. */
  preparaCondivisione(): Promise<void>;
  /** The dialog's Conferma: replaces the PERF formulas with their values. */
  confermaCondivisione(): Promise<void>;
  /** The dialog's Annulla: nothing is written. */
  annullaCondivisione(): void;
  /** Aggiorna riepilogo: creates or refreshes the "Riepilogo" sheet with its chart. */
  aggiornaRiepilogo(): Promise<void>;
  /**
   * Prepara stampa: lays out the sheets that hold lines and writes the Indice. `anno`: the year
   * typed in the pane (saved in the workbook), null to go back to the workbook's own, undefined: as saved.
   */
  preparaStampa(anno?: number | null): Promise<void>;
  /** Selects a cell in the workbook (a PERF formula left as it is). */
  vaiAllaCella(selezione: Selezione): Promise<void>;
  scegliScheda(scheda: Scheda): void;
  chiudiNotifica(): void;
  /** Diagnostica: every capability tried on a temporary sheet; the report in the state. */
  eseguiDiagnostica(): Promise<void>;
  /** Converti in numeri (Verifica): the question, from the last read; the dialog then asks to confirm. */
  chiediConversione(): void;
  /** The dialog's Conferma: reads again, writes the numbers, shows the workbook as it is now. */
  confermaConversione(): Promise<void>;
  /** The dialog's Annulla: nothing is written. */
  annullaConversione(): void;
}

/**
 * Resolves once the browser has painted a frame (what was just dispatched is on screen), so the
 * next step of a long piece of work cannot block it; after 100 ms when frames are paused (a hidden
 * pane gets none).
 */
function dipinto(): Promise<void> {
  return new Promise((fatto) => {
    if (typeof requestAnimationFrame !== "function") return void setTimeout(fatto, 0);
    const riserva = setTimeout(fatto, 100);
    requestAnimationFrame(() => {
      clearTimeout(riserva);
      setTimeout(fatto, 0);
    });
  });
}

/**
 * The task pane's state and its effects. Every effect goes through the injected WorkbookAccess;
 * one operation at a time (a second click while one runs is ignored, so a Ricalcola writes once).
 */
export function useBarometro(
  access: WorkbookAccess,
  diagnostica?: BancoDiagnostica,
  seguiSelezione?: SeguiSelezione
): Barometro {
  const [stato, dispatch] = useReducer(riduttore, undefined, statoIniziale);
  const ultimo = useRef(stato);
  ultimo.current = stato;
  const inCorso = useRef(false);

  /** Runs one operation that reads or writes the workbook; errors end in the pane's error message. */
  const esegui = useCallback(async (lavoro: Lavoro, corpo: () => Promise<void>) => {
    if (inCorso.current) return;
    inCorso.current = true;
    dispatch({ tipo: "avvio", lavoro });
    try {
      await corpo();
    } catch (e) {
      dispatch({ tipo: "errore", messaggio: messaggioDiErrore(e) });
    } finally {
      inCorso.current = false;
    }
  }, []);

  const aggiorna = useCallback(
    () =>
      esegui({ tipo: "lettura" }, async () => {
        dispatch({ tipo: "letto", analisi: analizza(await access.leggi()) });
      }),
    [access, esegui]
  );

  const ricalcolaAmbito = useCallback(
    (ambito: Ambito) =>
      esegui({ tipo: "ricalcolo", ambito }, async () => {
        const esito = await ricalcola(access, ambito, ultimo.current.impostazioni, {
          avanzamento: async (testo) => {
            dispatch({ tipo: "avanza", testo });
            await dipinto();
          },
        });
        dispatch({ tipo: "ricalcolato", esito });
      }),
    [access, esegui]
  );

  const seleziona = useCallback(
    async (selezione: Selezione) => {
      try {
        await access.seleziona(selezione);
      } catch (e) {
        dispatch({ tipo: "errore", messaggio: messaggioDiErrore(e) });
      }
    },
    [access]
  );

  // On open: the settings stored in the workbook (reloaded from the document first where the access
  // can: a colleague co-authoring may have saved newer ones), then one read.
  useEffect(() => {
    const leggiSalvate = () => {
      try {
        const salvate = access.leggiImpostazioni();
        const { impostazioni, errore } = leggiImpostazioni(salvate);
        dispatch({ tipo: "impostazioniLette", impostazioni, errore });
        dispatch({
          tipo: "annoLetto",
          anno: annoDaSalvato(salvate[CHIAVE_ANNO_RELAZIONE]),
        });
      } catch (e) {
        dispatch({ tipo: "errore", messaggio: messaggioDiErrore(e) });
      }
    };
    const aggiornamento = access.aggiornaImpostazioni?.();
    if (aggiornamento) void aggiornamento.catch(() => undefined).then(leggiSalvate);
    else leggiSalvate();
    void aggiorna();
  }, [access, aggiorna]);

  // The sheet's selection, followed where the host can: «Ricalcola linea» acts on the line it is in.
  useEffect(() => {
    if (!seguiSelezione) return;
    let smetti: SmettiDiSeguire | null = null;
    let finito = false;
    seguiSelezione((selezione) => dispatch({ tipo: "selezioneFoglio", selezione })).then(
      (s) => (finito ? void s().catch(() => undefined) : (smetti = s)),
      () => undefined // no event on this host: the line is chosen in the pane
    );
    return () => {
      finito = true;
      void smetti?.().catch(() => undefined);
    };
  }, [seguiSelezione]);

  // Ricalcola from the ribbon: its result (or error) is shown here.
  useEffect(
    () =>
      ascolta((evento) => {
        if (evento.tipo === "esito") dispatch({ tipo: "esitoEsterno", esito: evento.esito });
        else dispatch({ tipo: "erroreEsterno", messaggio: evento.messaggio });
      }),
    []
  );

  return useMemo(
    () => ({
      stato,
      aggiorna,
      ricalcolaLinea: async () => {
        const ambito = ambitoRicalcolaLinea(ultimo.current);
        if (ambito) await ricalcolaAmbito(ambito);
      },
      ricalcolaTutto: () => ricalcolaAmbito({ tipo: "tutto" }),
      scegliLinea: async (indice: number) => {
        const linea = ultimo.current.analisi?.linee[indice];
        if (!linea) return;
        dispatch({ tipo: "scegliLinea", indice });
        await seleziona(intervalloDellaLinea(linea));
      },
      vaiAllAvviso: (avviso: Avviso) => seleziona({ foglio: avviso.foglio, indirizzo: avviso.cella }),
      salvaImpostazioni: (impostazioni: Impostazioni) =>
        esegui({ tipo: "salvataggio" }, async () => {
          await access.salvaImpostazioni(valoriDaImpostazioni(impostazioni));
          dispatch({ tipo: "impostazioniSalvate", impostazioni });
        }),
      preparaCondivisione: () =>
        esegui({ tipo: "condivisione", conferma: false }, async () => {
          dispatch({
            tipo: "condivisioneContata",
            esito: await preparaCondivisione(access),
          });
        }),
      confermaCondivisione: () =>
        esegui({ tipo: "condivisione", conferma: true }, async () => {
          dispatch({
            tipo: "condivisionePreparata",
            esito: await preparaCondivisione(access, { conferma: true }),
          });
        }),
      annullaCondivisione: () => dispatch({ tipo: "condivisioneAnnullata" }),
      aggiornaRiepilogo: () =>
        esegui({ tipo: "foglioRiepilogo" }, async () => {
          const esito = await aggiornaRiepilogo(access, ultimo.current.impostazioni);
          dispatch({ tipo: "riepilogoAggiornato", messaggio: esito.messaggio });
        }),
      preparaStampa: (anno?: number | null) =>
        esegui({ tipo: "stampa" }, async () => {
          const esito = await preparaStampa(access, ultimo.current.impostazioni, { anno });
          dispatch({ tipo: "stampaPreparata", esito });
        }),
      vaiAllaCella: seleziona,
      scegliScheda: (scheda: Scheda) => dispatch({ tipo: "scheda", scheda }),
      chiudiNotifica: () => dispatch({ tipo: "chiudiNotifica" }),
      eseguiDiagnostica: async () => {
        const banco = diagnostica;
        if (!banco) return;
        await esegui({ tipo: "diagnostica" }, async () => {
          const rapporto = await eseguiDiagnostica(banco, {
            avanzamento: (avanzamento) => dispatch({ tipo: "diagnosticaAvanza", avanzamento }),
          });
          dispatch({ tipo: "diagnosticaFatta", rapporto });
        });
      },
      chiediConversione: () => {
        const analisi = ultimo.current.analisi;
        if (!analisi || inCorso.current) return;
        const celle = numeriDaConvertire(analisi.lettura, analisi.linee);
        if (celle.length === 0) return;
        dispatch({
          tipo: "numeriChiesti",
          conferma: {
            domanda: MESSAGGI_APP.domandaNumeri(celle.length),
            anteprima: anteprimaNumeri(celle),
          },
        });
      },
      confermaConversione: () =>
        esegui({ tipo: "numeri" }, async () => {
          const esito = await convertiNumeri(access, { conferma: true });
          const analisi = analizza(esito.applicato ? letturaDopo(esito.lettura, esito.celle) : esito.lettura);
          dispatch({
            tipo: "numeriConvertiti",
            analisi,
            messaggio: esito.messaggio,
          });
        }),
      annullaConversione: () => dispatch({ tipo: "numeriAnnullati" }),
    }),
    [stato, access, diagnostica, aggiorna, esegui, ricalcolaAmbito, seleziona]
  );
}
