import * as React from "react";
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { useStiliCondivisione } from "../stili";

export interface DialogoConfermaProps<T extends { domanda: string }> {
  /** Open while set. */
  conferma: T | null;
  titolo: string;
  /** Id of the question, for aria-describedby: unique in the pane. */
  idDomanda: string;
  /** What will change, under the question (the last question shown while the dialog fades out). */
  dettagli?: (mostrata: T) => React.ReactNode;
  onConferma(): void;
  onAnnulla(): void;
}

/**
 * A question before Barometro writes what cannot be undone from the pane (an alert dialog): Annulla
 * first, so a stray Enter writes nothing; Esc or a click outside is Annulla.
 */
export function DialogoConferma<T extends { domanda: string }>({
  conferma,
  titolo,
  idDomanda,
  dettagli,
  onConferma,
  onAnnulla,
}: DialogoConfermaProps<T>): React.JSX.Element {
  const stili = useStiliCondivisione();
  // Keeps the last question while the dialog fades out.
  const ultima = React.useRef(conferma);
  if (conferma) ultima.current = conferma;
  const mostrata = conferma ?? ultima.current;
  return (
    <Dialog
      open={conferma !== null}
      modalType="alert"
      onOpenChange={(_, d) => {
        if (!d.open) onAnnulla();
      }}
    >
      <DialogSurface aria-describedby={idDomanda}>
        <DialogBody>
          <DialogTitle>{titolo}</DialogTitle>
          <DialogContent className={stili.dialogo}>
            <Body1 as="p" id={idDomanda} className={stili.domanda}>
              {mostrata?.domanda}
            </Body1>
            {mostrata && dettagli?.(mostrata)}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onAnnulla}>
              Annulla
            </Button>
            <Button appearance="primary" onClick={onConferma}>
              Conferma
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
