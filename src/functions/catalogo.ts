/**
 * The PERF.* functions in one list, for the task pane and the help links. The JSDoc in
 * functions.ts is what Excel shows; test/functions/metadata.test.ts checks the two agree.
 */

/**
 * The help page served next to the task pane (dist/aiuto.html, built from the README by
 * scripts/aiuto.js): relative, so it resolves wherever the add-in is hosted. Its «Funzioni»
 * section has an anchor per function, the ones functions.json's helpUrl uses too.
 */
export const URL_GUIDA_FUNZIONI = "aiuto.html#funzioni";
const URL_AIUTO = "aiuto.html";

export interface VoceCatalogo {
  /** Function id in functions.json (the name after "PERF."). */
  id: string;
  /** As typed in Italian Excel (";" separates arguments). */
  sintassi: string;
  descrizione: string;
  /** Help page: the function's section of aiuto.html (relative to the task pane). */
  helpUrl: string;
}

const voce = (id: string, argomenti: string, descrizione: string): VoceCatalogo => ({
  id,
  sintassi: `PERF.${id}(${argomenti})`,
  descrizione,
  helpUrl: `${URL_AIUTO}#perf${id.toLowerCase()}`,
});

export const FUNZIONI_PERF: readonly VoceCatalogo[] = [
  voce(
    "RAGG",
    "atteso; consuntivo; [polarità]",
    "% di raggiungimento di un indicatore (0–100); con intervalli, un valore per riga."
  ),
  voce("SCOSTAMENTO", "atteso; consuntivo", "Scostamento: consuntivo − atteso; con intervalli, un valore per riga."),
  voce(
    "OBIETTIVO",
    "pesi; ragg",
    "Raggiungimento pesato di un obiettivo (massimo 100), oppure «Neutralizzato» se tutti i pesi sono 0."
  ),
  voce(
    "LINEA",
    "obiettivi; pesi; ragg",
    "% di raggiungimento di una linea strategica: media degli obiettivi, esclusi i neutralizzati."
  ),
  voce("ENTE", "linee", "Raggiungimento complessivo dell'ente: media delle percentuali delle linee."),
  voce("BAROMETRO", "ragg", "Fascia del Barometro: «Raggiunto», «Parzialmente raggiunto» o «Non raggiunto»."),
];
