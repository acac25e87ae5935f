/** Italian messages of the task pane and the ribbon, in one place. */
export const MESSAGGI_APP = {
  nessunaTabella: "Nessuna tabella degli obiettivi trovata nella cartella di lavoro.",
  nessunaLineaSelezionata:
    "Selezionare una cella nella tabella di una linea strategica (o scegliere la linea nel Riepilogo), poi riprovare.",
  foglioProtetto: (foglio: string) =>
    `Il foglio «${foglio}» è protetto: togliere la protezione (Revisione › Rimuovi protezione foglio) e riprovare. Nulla è stato modificato.`,
  modificaInCorso:
    "Excel è in modalità modifica di una cella: premere Invio o Esc e riprovare. Nulla è stato modificato.",
  solaLettura:
    "La cartella di lavoro è aperta in sola lettura: aprirla in modifica e riprovare. Nulla è stato modificato.",
  inatteso: (dettaglio: string) => `Errore inatteso di Excel: ${dettaglio}`,
} as const;
