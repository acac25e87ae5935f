import * as React from "react";
import { Button, Caption1, Subtitle2, useRestoreFocusTarget } from "@fluentui/react-components";
import { conteggio } from "../stato-riquadro";
import { useStiliCondivisione } from "../stili";
import { DialogoConferma } from "./DialogoConferma";
import { ConfermaNumeri } from "../tipi";

export interface ConvertiNumeriProps {
  /** Cells holding a number as text that can be converted (numeriDaConvertire on the last read). */
  celle: number;
  occupato: boolean;
  onConverti(): void;
}

/**
 * In Verifica, above the findings: «Converti in numeri (N celle)», shown only when some Target
 * atteso, Target consuntivo or Peso holds a number as text that converts one way (NUMERO_COME_TESTO).
 */
export function ConvertiNumeri({ celle, occupato, onConverti }: ConvertiNumeriProps): React.JSX.Element | null {
  const stili = useStiliCondivisione();
  // Focus goes back to the button when the dialog closes.
  const ritornoFocus = useRestoreFocusTarget();
  if (celle === 0) return null;
  return (
    <section className={stili.sezione} aria-labelledby="barometro-titolo-numeri">
      <Subtitle2 as="h2" id="barometro-titolo-numeri">
        Numeri scritti come testo
      </Subtitle2>
      <Caption1 as="p" id="barometro-numeri-descrizione" className={stili.testo}>
        {conteggio(celle, "cella contiene", "celle contengono")} un numero scritto come testo: Barometro lo legge, le
        formule di Excel no, e il colore e l&apos;etichetta del Barometro di quelle righe non seguono le modifiche fatte
        senza il componente. Convertirli non cambia i risultati.
      </Caption1>
      <div className={stili.comandi}>
        <Button
          {...ritornoFocus}
          disabledFocusable={occupato}
          onClick={onConverti}
          aria-describedby="barometro-numeri-descrizione"
        >
          {`Converti in numeri (${conteggio(celle, "cella", "celle")})`}
        </Button>
      </div>
    </section>
  );
}

export interface DialogoNumeriProps {
  /** Open while set. */
  conferma: ConfermaNumeri | null;
  onConferma(): void;
  onAnnulla(): void;
}

/** «Convertire in numeri N celle…?» with what will change — Annulla first, so a stray Enter writes nothing. */
export function DialogoNumeri({ conferma, onConferma, onAnnulla }: DialogoNumeriProps): React.JSX.Element {
  const stili = useStiliCondivisione();
  return (
    <DialogoConferma
      conferma={conferma}
      titolo="Converti in numeri"
      idDomanda="barometro-domanda-numeri"
      dettagli={(mostrata) => (
        <>
          <ul className={stili.elenco} aria-label="Celle che cambiano">
            {mostrata.anteprima.map((riga) => (
              <li key={riga}>
                <Caption1>{riga}</Caption1>
              </li>
            ))}
          </ul>
          <Caption1 as="p" className={stili.testo}>
            Ogni cella riceve il numero che Barometro già usa; una cella in formato Testo prende un formato numerico.
            Poi ricalcolare perché colore ed etichetta seguano i dati.
          </Caption1>
        </>
      )}
      onConferma={onConferma}
      onAnnulla={onAnnulla}
    />
  );
}
