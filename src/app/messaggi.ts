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
  formattazioneNonLetta: "formattazione condizionale non aggiornata: Excel non permette di leggere le regole esistenti",
  barometroDellUtente: (celle: string[]) =>
    `${celle.length === 1 ? "1 cella Barometro contiene" : `${celle.length} celle Barometro contengono`} un testo non di Barometro, lasciato com'era (${
      celle.length <= 5 ? celle.join(", ") : `${celle.slice(0, 5).join(", ")}…`
    }): ${celle.length === 1 ? "svuotarla" : "svuotarle"} perché Barometro vi scriva la fascia`,
  formuleNonScritte: (note: { cella: string; motivo: string }[]) =>
    `${note.length === 1 ? "1 percentuale di linea scritta" : `${note.length} percentuali di linea scritte`} come valore, non come formula di Excel: ${note
      .slice(0, 3)
      .map((n) => `${n.cella}, ${n.motivo}`)
      .join("; ")}${note.length > 3 ? "…" : ""}`,
  riepilogoAltrui: (foglio: string) =>
    `Esiste già un foglio «${foglio}» che non è stato creato da Barometro: rinominarlo (o eliminarlo) e riprovare. Nulla è stato modificato.`,
  riepilogoAggiornato: (foglio: string, creato: boolean, linee: number, ente: string) =>
    `${creato ? "Creato" : "Aggiornato"} il foglio «${foglio}»: ${linee === 1 ? "1 linea" : `${linee} linee`}, ente ${ente}.`,
  domandaCondivisione: (n: number) =>
    n === 1 ? "Sostituire 1 formula PERF con il suo valore?" : `Sostituire ${n} formule PERF con il loro valore?`,
  nessunaFormulaPerf: "Nessuna formula PERF nella cartella: è già pronta per la condivisione.",
  soloFormuleEscluse: (n: number) =>
    `Nessuna formula PERF si può sostituire: ${n === 1 ? "1 formula PERF resta" : `${n} formule PERF restano`} (vedere l'elenco) e chi non ha Barometro vedrà #NOME? lì.`,
  condivisionePronta: (n: number, fogli: string[]) =>
    `${n === 1 ? "1 formula PERF sostituita" : `${n} formule PERF sostituite`} con il valore (${fogli
      .map((f) => `«${f}»`)
      .join(", ")}): chi apre la cartella senza il componente vede i numeri, non #NOME?.`,
  formuleEscluse: (n: number) =>
    n === 1
      ? "1 formula PERF non sostituita (vedere l'elenco)."
      : `${n} formule PERF non sostituite (vedere l'elenco).`,
  modoFormuleAttivo:
    "Attenzione: nelle Impostazioni % Ragg è scritto come formula PERF.RAGG, e il prossimo Ricalcola la rimetterà; per condividere la cartella scegliere «Valori».",
  stampaNonDisponibile:
    "Prepara stampa non è disponibile qui: serve Excel per Microsoft 365 o Excel sul web. In alternativa, «npx barometro stampa» prepara lo stesso allegato da un file .xlsx.",
  indiceAltrui: (foglio: string) =>
    `Esiste già un foglio «${foglio}» che non è stato creato da Barometro: rinominarlo (o eliminarlo) e riprovare. Nulla è stato modificato.`,
  stampaPronta: (fogli: number, linee: number, indiceCreato: boolean, pagine: number) =>
    `${fogli === 1 ? "Impaginato 1 foglio" : `Impaginati ${fogli} fogli`}, ${linee === 1 ? "1 linea" : `${linee} linee`}; ` +
    `Indice ${indiceCreato ? "creato" : "aggiornato"} (pagine stimate: ${pagine}). ` +
    "I numeri di pagina dell'Indice sono una stima: controllarli in Anteprima di stampa.",
  intestazioniDelFoglio: (fogli: string[]) =>
    `${fogli.length === 1 ? `Il foglio «${fogli[0]}» ripete` : `I fogli ${fogli.map((f) => `«${f}»`).join(", ")} ripetono`} già la riga di intestazione: ogni pagina comincia da una di quelle, senza «Righe da ripetere in alto».`,
  domandaNumeri: (n: number) =>
    n === 1
      ? "Convertire in numero 1 cella che contiene un numero scritto come testo?"
      : `Convertire in numeri ${n.toLocaleString("it-IT")} celle che contengono numeri scritti come testo?`,
  nessunNumeroDaConvertire: "Nessun numero scritto come testo da convertire.",
  numeriConvertiti: (n: number, fogli: string[]) =>
    `${n === 1 ? "1 cella convertita" : `${n.toLocaleString("it-IT")} celle convertite`} da testo a numero (${fogli
      .map((f) => `«${f}»`)
      .join(
        ", "
      )}). Ricalcolare perché colore ed etichetta del Barometro di quelle righe seguano i dati anche senza il componente.`,
  dossierNonDisponibile:
    "Il dossier di validazione non è disponibile qui: serve Excel per Microsoft 365 o Excel sul web. In alternativa, «npx barometro dossier» lo scrive in un file .xlsx.",
  dossierAltrui: (foglio: string) =>
    `Esiste già un foglio «${foglio}» che non è stato creato da Barometro: rinominarlo (o eliminarlo) e riprovare. Nulla è stato modificato.`,
  dossierPronto: (foglio: string, creato: boolean, linee: number, avvisi: number) =>
    `${creato ? "Creato" : "Aggiornato"} il foglio «${foglio}»: ${linee === 1 ? "1 linea" : `${linee} linee`} con il calcolo di ogni cifra, ${
      avvisi === 0 ? "nessun avviso" : avvisi === 1 ? "1 avviso" : `${avvisi} avvisi`
    } della Verifica.`,
  annoNonTrovato:
    "Anno della Relazione non trovato nella cartella: il piè di pagina dice solo «Relazione sulla Performance». Indicarlo nel riquadro e rifare Prepara stampa.",
} as const;
