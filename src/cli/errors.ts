/** A failure the command line reports in Italian and ends with exit code 2. */
export class CliError extends Error {
  readonly exitCode = 2;
}

export const MESSAGGI_CLI = {
  fileMancante: (file: string) => `File non trovato: ${file}`,
  nonXlsx: (file: string) =>
    `Impossibile leggere «${file}»: non è una cartella di lavoro .xlsx valida (file danneggiato, protetto da password o di un altro formato).`,
  nessunFoglio: (file: string) => `La cartella di lavoro «${file}» non contiene fogli.`,
  scritturaFallita: (file: string, motivo: string) => `Impossibile scrivere «${file}»: ${motivo}`,
  comandoSconosciuto: (comando: string) => `Comando sconosciuto: «${comando}». Usare «ricalcola» o «verifica».`,
  argomenti: (motivo: string) => `Argomenti non validi: ${motivo}`,
  stessoFile: () =>
    "Il file di uscita coincide con quello di ingresso: indicare un altro --out per non sovrascrivere l'originale.",
} as const;
