import { MESSAGGI_XLSX } from "../xlsx";

/** A failure the command line reports in Italian and ends with exit code 2. */
export class CliError extends Error {
  readonly exitCode = 2;
}

export const MESSAGGI_CLI = {
  fileMancante: (file: string) => `File non trovato: ${file}`,
  // The file access says these the same way (its own refusals pass through unchanged).
  nonXlsx: MESSAGGI_XLSX.nonXlsx,
  protettoOXls: MESSAGGI_XLSX.protettoOXls,
  nessunFoglio: MESSAGGI_XLSX.nessunFoglio,
  nessunaTabella: (file: string, dettaglio: string) => `«${file}»: ${dettaglio}`,
  scritturaFallita: (file: string, motivo: string) => `Impossibile scrivere «${file}»: ${motivo}`,
  comandoSconosciuto: (comando: string) =>
    `Comando sconosciuto: «${comando}». Usare «ricalcola», «verifica», «stampa» o «dossier».`,
  argomenti: (motivo: string) => `Argomenti non validi: ${motivo}`,
  stessoFile: () =>
    "Il file di uscita coincide con quello di ingresso: indicare un altro --out per non sovrascrivere l'originale.",
  barometroDellUtente: (celle: string[]) =>
    `Attenzione: ${celle.length === 1 ? "1 cella Barometro contiene" : `${celle.length} celle Barometro contengono`} un testo non di Barometro, lasciato com'era: ${
      celle.length <= 10 ? celle.join(", ") : `${celle.slice(0, 10).join(", ")} e altre ${celle.length - 10}`
    }. ${celle.length === 1 ? "Svuotarla" : "Svuotarle"} perché Barometro vi scriva la fascia.`,
  indiceAltrui: (file: string, foglio: string) =>
    `«${file}» ha già un foglio «${foglio}» che non è stato creato da Barometro: rinominarlo (o eliminarlo) e riprovare. Non è stato scritto nulla.`,
  erroreInatteso: (file: string, motivo: string) => `Errore inatteso con «${file}»: ${motivo}`,
  cartellaVuota: (cartella: string) => `Nessun file .xlsx nella cartella «${cartella}».`,
  elaborati: (fatti: number, tutti: number, falliti: string[]) =>
    `Elaborati ${fatti} file su ${tutti}.` + (falliti.length > 0 ? ` Non elaborati: ${falliti.join(", ")}.` : ""),
  impostazioniNonValide: (dettaglio: string) =>
    `Attenzione: ${dettaglio} Uso le soglie predefinite; correggerle in Impostazioni nel riquadro di Barometro.`,
  numeriConvertiti: (n: number) =>
    `${n === 1 ? "1 cella convertita" : `${n} celle convertite`} da testo a numero (--converti-numeri).`,
  formulaNonScritta: (cella: string, motivo: string) =>
    `Nota: in ${cella} la percentuale della linea è scritta come valore, non come formula di Excel: ${motivo}.`,
  modoFormule: () =>
    "Nota: nelle impostazioni della cartella il % Ragg si scrive come formula =PERF.RAGG; la riga di comando scrive i valori (le formule già presenti restano).",
} as const;
