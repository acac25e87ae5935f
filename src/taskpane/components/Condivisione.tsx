import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import type { FormulaEsclusa } from "../../app/condivisione";
import { useStiliCondivisione } from "../stili";
import { DialogoConferma } from "./DialogoConferma";
import { ConfermaCondivisione } from "../tipi";

export interface CondivisioneProps {
  occupato: boolean;
  /** % Ragg is written as =PERF.RAGG(…): the next Ricalcola would bring the formulas back. */
  modoFormule: boolean;
  /** Whether each Ricalcola also writes the colours as conditional formatting. */
  formattazioneCondizionale: boolean;
  /** PERF formulas the last Prepara left as they are (null before any). */
  escluse: FormulaEsclusa[] | null;
  onPrepara(): void;
  onAggiornaRiepilogo(): void;
  onVai(formula: FormulaEsclusa): void;
}

/** Before sharing the workbook with colleagues without the add-in: PERF formulas to values, the Riepilogo sheet. */
export function Condivisione(props: CondivisioneProps): React.JSX.Element {
  const { occupato, escluse } = props;
  const stili = useStiliCondivisione();
  // Focus goes back to «Prepara per la condivisione» when the dialog closes.
  const ritornoFocus = useRestoreFocusTarget();
  return (
    <>
      <Body1 as="p" className={stili.testo}>
        Chi apre la cartella senza Barometro vede i numeri dell&apos;ultimo Ricalcola, ma al posto delle formule PERF
        vede #NOME?.
      </Body1>
      <section className={stili.sezione} aria-labelledby="barometro-titolo-formule">
        <Subtitle2 as="h2" id="barometro-titolo-formule">
          Formule PERF
        </Subtitle2>
        <Caption1 as="p" id="barometro-prepara-descrizione" className={stili.testo}>
          Sostituisce ogni formula PERF di tutti i fogli con il suo valore, dopo una conferma. Le formule sostituite non
          tornano.
        </Caption1>
        {props.modoFormule && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              Nelle Impostazioni % Ragg è scritto come formula PERF.RAGG: il prossimo Ricalcola la rimetterà. Per
              condividere la cartella scegliere «Valori».
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={stili.comandi}>
          <Button
            {...ritornoFocus}
            appearance="primary"
            disabledFocusable={occupato}
            onClick={props.onPrepara}
            aria-describedby="barometro-prepara-descrizione"
          >
            Prepara per la condivisione
          </Button>
        </div>
        {escluse !== null && escluse.length > 0 && <FormuleEscluse escluse={escluse} onVai={props.onVai} />}
      </section>
      <section className={stili.sezione} aria-labelledby="barometro-titolo-foglio-riepilogo">
        <Subtitle2 as="h2" id="barometro-titolo-foglio-riepilogo">
          Foglio «Riepilogo»
        </Subtitle2>
        <Caption1 as="p" id="barometro-riepilogo-descrizione" className={stili.testo}>
          Crea o riscrive il foglio «Riepilogo»: una riga per linea strategica e un grafico a barre colorate per fascia,
          visibili anche senza Barometro.
        </Caption1>
        <div className={stili.comandi}>
          <Button
            disabledFocusable={occupato}
            onClick={props.onAggiornaRiepilogo}
            aria-describedby="barometro-riepilogo-descrizione"
          >
            Aggiorna riepilogo
          </Button>
        </div>
      </section>
      <Caption1 as="p" className={stili.testo}>
        {props.formattazioneCondizionale
          ? "I colori del Barometro seguono i dati anche senza Barometro (formattazione condizionale, scritta a ogni Ricalcola)."
          : "I colori del Barometro restano quelli dell'ultimo Ricalcola: la formattazione condizionale è disattivata."}{" "}
        Si cambia nelle Impostazioni.
      </Caption1>
    </>
  );
}

/** The PERF formulas left as they are, with why; each one selects its cell. */
function FormuleEscluse({
  escluse,
  onVai,
}: {
  escluse: FormulaEsclusa[];
  onVai(formula: FormulaEsclusa): void;
}): React.JSX.Element {
  const stili = useStiliCondivisione();
  return (
    <>
      <Subtitle2 as="h3" id="barometro-titolo-escluse">
        Non sostituite ({escluse.length})
      </Subtitle2>
      <Caption1 as="p" id="barometro-escluse-suggerimento" className={stili.testo}>
        Restano formule: scegliere una voce per selezionare la sua cella.
      </Caption1>
      <ul className={stili.elenco} role="list" aria-labelledby="barometro-titolo-escluse">
        {escluse.map((e, i) => (
          <li key={`${i}-${e.foglio}-${e.cella}`}>
            <button
              type="button"
              className={stili.voce}
              onClick={() => onVai(e)}
              aria-describedby="barometro-escluse-suggerimento"
            >
              <span className={stili.cella}>{`${e.foglio}!${e.cella}`}</span>
              <span className={stili.formula}>{e.formula}</span>
              <span className={stili.motivo}>{e.motivo}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface DialogoCondivisioneProps {
  /** Open while set. */
  conferma: ConfermaCondivisione | null;
  onConferma(): void;
  onAnnulla(): void;
}

/** «Sostituire N formule PERF con il loro valore?» — Annulla first, so a stray Enter writes nothing. */
export function DialogoCondivisione({ conferma, onConferma, onAnnulla }: DialogoCondivisioneProps): React.JSX.Element {
  const stili = useStiliCondivisione();
  return (
    <DialogoConferma
      conferma={conferma}
      titolo="Prepara per la condivisione"
      idDomanda="barometro-domanda-condivisione"
      dettagli={(mostrata) =>
        mostrata.fogli.length > 0 && (
          <Caption1 as="p" className={stili.testo}>
            {mostrata.fogli.length === 1 ? "Nel foglio " : "Nei fogli "}
            {mostrata.fogli.map((f) => `«${f}»`).join(", ")}. Le formule sostituite non tornano.
          </Caption1>
        )
      }
      onConferma={onConferma}
      onAnnulla={onAnnulla}
    />
  );
}
