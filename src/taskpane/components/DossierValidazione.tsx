import * as React from "react";
import { Body1, Button, Caption1, MessageBar, MessageBarBody, Subtitle2, Link } from "@fluentui/react-components";
import type { WorkbookAccess } from "../../app/access";
import { scriviDossier } from "../../app/dossier";
import { version } from "../../../package.json";
import { messaggioDiErrore } from "../stato-riquadro";
import { useStiliCondivisione } from "../stili";

export interface DossierValidazioneProps {
  access: WorkbookAccess;
  /** Another operation of the pane is running. */
  occupato: boolean;
}

type Esito = { intento: "success" | "error"; testo: string; foglio: string | null };

/**
 * Condivisione ▸ «Dossier di validazione»: creates or rewrites the sheet for the Nucleo di
 * Valutazione / OIV (src/app/dossier.ts): the trace of every figure with its cells. The result is
 * shown under the button, announced (a polite live region), with a link to the sheet.
 */
export function DossierValidazione({ access, occupato }: DossierValidazioneProps): React.JSX.Element {
  const stili = useStiliCondivisione();
  const [inCorso, setInCorso] = React.useState(false);
  const [esito, setEsito] = React.useState<Esito | null>(null);
  const disponibile = typeof access.impagina === "function";

  const scrivi = async () => {
    if (inCorso || occupato) return;
    setInCorso(true);
    setEsito(null);
    try {
      const r = await scriviDossier(access, { cartella: null, versione: version });
      setEsito({ intento: "success", testo: r.messaggio, foglio: r.foglio });
    } catch (e) {
      setEsito({ intento: "error", testo: messaggioDiErrore(e), foglio: null });
    } finally {
      setInCorso(false);
    }
  };

  return (
    <section className={stili.sezione} aria-labelledby="barometro-titolo-dossier">
      <Subtitle2 as="h2" id="barometro-titolo-dossier">
        Dossier di validazione
      </Subtitle2>
      <Caption1 as="p" id="barometro-dossier-descrizione" className={stili.testo}>
        Per il Nucleo di Valutazione o l&apos;OIV: un foglio con il calcolo di ogni percentuale (obiettivi, indicatori,
        pesi, regole, celle) e ogni avviso della Verifica. Il foglio è riscritto ogni volta; il resto della cartella non
        cambia.
      </Caption1>
      <div className={stili.comandi}>
        <Button
          disabledFocusable={occupato || inCorso || !disponibile}
          onClick={() => void scrivi()}
          aria-describedby="barometro-dossier-descrizione"
        >
          {inCorso ? "Scrittura del dossier…" : "Dossier di validazione"}
        </Button>
      </div>
      {!disponibile && (
        <Body1 as="p" className={stili.testo}>
          Non disponibile qui: serve Excel per Microsoft 365 o Excel sul web («npx barometro dossier» lo scrive in un
          file).
        </Body1>
      )}
      <div aria-live="polite" aria-atomic="true">
        {esito && (
          <MessageBar intent={esito.intento} layout="multiline">
            <MessageBarBody>
              {esito.testo}{" "}
              {esito.foglio && (
                <Link
                  as="button"
                  onClick={() =>
                    void access
                      .seleziona({ foglio: esito.foglio!, indirizzo: "A1" })
                      .catch((e) => setEsito({ intento: "error", testo: messaggioDiErrore(e), foglio: null }))
                  }
                >
                  Vai al foglio
                </Link>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
