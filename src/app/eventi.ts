import type { EsitoRicalcolo } from "./ricalcolo";

/** What the ribbon tells the task pane: both live in the shared runtime, so a plain listener list suffices. */
export type Evento = { tipo: "esito"; esito: EsitoRicalcolo } | { tipo: "errore"; messaggio: string };

type Ascoltatore = (evento: Evento) => void;
const ascoltatori = new Set<Ascoltatore>();

export function ascolta(ascoltatore: Ascoltatore): () => void {
  ascoltatori.add(ascoltatore);
  return () => ascoltatori.delete(ascoltatore);
}

export function pubblica(evento: Evento): void {
  for (const a of ascoltatori) a(evento);
}
