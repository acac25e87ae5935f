import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from "@fluentui/react-components";
import { useStiliApp } from "../stili";
import { Lavoro, Notifica } from "../tipi";

export interface StatoProps {
  lavoro: Lavoro | null;
  /** How far the work has got («Ricalcolo: scrittura di 10 linee…»); null: the work's name only. */
  avanzamento?: string | null;
  notifica: Notifica | null;
  onChiudi(): void;
}

function testoLavoro(lavoro: Lavoro): string {
  switch (lavoro.tipo) {
    case "lettura":
      return "Lettura della cartella di lavoro in corso…";
    case "ricalcolo":
      return "Ricalcolo in corso…";
    case "salvataggio":
      return "Salvataggio delle impostazioni in corso…";
    case "condivisione":
      return lavoro.conferma ? "Sostituzione delle formule PERF in corso…" : "Ricerca delle formule PERF in corso…";
    case "foglioRiepilogo":
      return "Aggiornamento del foglio «Riepilogo» in corso…";
    case "stampa":
      return "Impaginazione e Indice in corso…";
    case "diagnostica":
      return "Diagnostica in corso…";
    case "numeri":
      return "Conversione dei numeri scritti come testo in corso…";
  }
}

const INTENTO = {
  successo: "success",
  avviso: "warning",
  errore: "error",
} as const;

/**
 * Progress and results, in live regions: "status" (polite) for progress, successes and warnings,
 * "alert" for errors. The regions stay in the page so screen readers notice what appears in them.
 */
export function Stato({ lavoro, avanzamento = null, notifica, onChiudi }: StatoProps): React.JSX.Element {
  const stili = useStiliApp();
  const id = React.useId();
  // MessageBar labels itself with its MessageBarTitle's id: without a title, with its own text.
  const messaggio = (n: Notifica) => (
    <MessageBar intent={INTENTO[n.intento]} layout="multiline" aria-labelledby={`${id}-testo`}>
      <MessageBarBody id={`${id}-testo`}>{n.testo}</MessageBarBody>
      <MessageBarActions>
        <Button appearance="transparent" size="small" onClick={onChiudi} aria-label="Chiudi il messaggio">
          Chiudi
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
  return (
    <div className={stili.stato}>
      <div role="status" aria-live="polite">
        {lavoro && <Spinner size="tiny" labelPosition="after" label={avanzamento ?? testoLavoro(lavoro)} />}
        {notifica && notifica.intento !== "errore" && messaggio(notifica)}
      </div>
      <div role="alert">{notifica?.intento === "errore" && messaggio(notifica)}</div>
    </div>
  );
}
