import * as React from "react";
import { Button, Caption1, Field, Input, makeStyles, Subtitle2 } from "@fluentui/react-components";
import { annoDaSalvato } from "../../app/impostazioni";
import { useStiliCondivisione } from "../stili";

const useStili = makeStyles({
  anno: { maxWidth: "10em" },
});

export interface StampaProps {
  occupato: boolean;
  /** False when this workbook access cannot lay out pages (then the button is disabled, and why is said). */
  disponibile: boolean;
  /** The year saved in the workbook for the annex (null: none saved). */
  annoSalvato: number | null;
  /** The year read from the workbook's texts (null: not found, or not read yet). */
  annoCartella: number | null;
  /** `anno`: the year typed (saved in the workbook), null to forget the saved one, undefined: as saved. */
  onPrepara(anno?: number | null): void;
  /** Progress and result of Prepara stampa, shown next to it (live regions). */
  esito?: React.ReactNode;
}

/**
 * Prepara stampa: the annex to publish, as `barometro stampa` makes it from the command line —
 * page layout of the sheets that hold lines and the «Indice» sheet first, with estimated pages.
 */
export function Stampa({
  occupato,
  disponibile,
  annoSalvato,
  annoCartella,
  onPrepara,
  esito,
}: StampaProps): React.JSX.Element {
  const stili = useStiliCondivisione();
  const propri = useStili();
  const [anno, setAnno] = React.useState(annoSalvato === null ? "" : String(annoSalvato));
  const [toccato, setToccato] = React.useState(false);
  // The saved year arrives after the first render (read on open), or changes after a run: the
  // field shows it (what was typed has been saved by then).
  React.useEffect(() => {
    setAnno(annoSalvato === null ? "" : String(annoSalvato));
    setToccato(false);
  }, [annoSalvato]);

  const scritto = anno.trim();
  const valido = scritto === "" || annoDaSalvato(scritto) !== null;
  const prepara = () => {
    if (!valido) return;
    if (!toccato) onPrepara();
    else onPrepara(scritto === "" ? null : annoDaSalvato(scritto));
  };

  return (
    <section className={stili.sezione} aria-labelledby="barometro-titolo-stampa">
      <Subtitle2 as="h2" id="barometro-titolo-stampa">
        Stampa dell&apos;allegato
      </Subtitle2>
      <Caption1 as="p" id="barometro-stampa-descrizione" className={stili.testo}>
        Imposta la stampa dei fogli con le linee (orizzontale, larga una pagina, intestazione su ogni pagina, una pagina
        nuova per ogni linea, testi lunghi a capo, piè di pagina con l&apos;anno e il numero di pagina) e crea in testa
        il foglio «Indice». I numeri di pagina dell&apos;Indice sono stimati: Excel non dice dove cadono le pagine.
      </Caption1>
      <Field
        label="Anno della Relazione"
        hint={
          annoCartella !== null
            ? `Vuoto: ${annoCartella}, letto dalla cartella.`
            : "Non trovato nella cartella: indicarlo per il piè di pagina."
        }
        validationMessage={valido ? undefined : "Un anno di quattro cifre, per esempio 2024."}
        validationState={valido ? "none" : "error"}
      >
        <Input
          className={propri.anno}
          value={anno}
          inputMode="numeric"
          placeholder={annoCartella !== null ? String(annoCartella) : undefined}
          onChange={(_, d) => {
            setAnno(d.value);
            setToccato(true);
          }}
        />
      </Field>
      <div className={stili.comandi}>
        <Button
          disabledFocusable={occupato || !disponibile}
          onClick={prepara}
          aria-describedby={disponibile ? "barometro-stampa-descrizione" : "barometro-stampa-non-disponibile"}
        >
          Prepara stampa
        </Button>
      </div>
      {esito}
      {!disponibile && (
        <Caption1 as="p" id="barometro-stampa-non-disponibile" className={stili.testo}>
          Non disponibile qui: serve Excel per Microsoft 365 o Excel sul web. In alternativa, «npx barometro stampa»
          prepara lo stesso allegato da un file .xlsx.
        </Caption1>
      )}
    </section>
  );
}
