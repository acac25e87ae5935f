import * as React from "react";
import { Body1, Button, mergeClasses, Subtitle2 } from "@fluentui/react-components";
import { conteggio } from "../stato-riquadro";
import { useStiliRiepilogo } from "../stili";
import { RigaLinea } from "../tipi";
import { EtichettaFascia } from "./EtichettaFascia";

export interface RiepilogoProps {
  /** null before the first read. */
  righe: RigaLinea[] | null;
  lineaScelta: number | null;
  occupato: boolean;
  onScegli(indice: number): void;
  onRicalcolaLinea(): void;
  onRicalcolaTutto(): void;
  onAggiorna(): void;
  /** Shown under a line's card: its breakdown («Perché 84,44%?»). */
  dettaglio?(riga: RigaLinea): React.ReactNode;
}

/** The lines found, with their percentage and band; Ricalcola linea / tutto and Aggiorna. */
export function Riepilogo(props: RiepilogoProps): React.JSX.Element {
  const { righe, lineaScelta, occupato } = props;
  const stili = useStiliRiepilogo();
  const scelta = righe?.find((r) => r.indice === lineaScelta);
  return (
    <>
      <div className={stili.comandi}>
        <Button
          appearance="primary"
          disabledFocusable={occupato || !scelta}
          onClick={props.onRicalcolaLinea}
          aria-describedby="barometro-ambito"
        >
          Ricalcola linea
        </Button>
        <Button disabledFocusable={occupato} onClick={props.onRicalcolaTutto}>
          Ricalcola tutto
        </Button>
        <Button
          appearance="subtle"
          disabledFocusable={occupato}
          onClick={props.onAggiorna}
          aria-label="Aggiorna: rileggi la cartella di lavoro"
        >
          Aggiorna
        </Button>
      </div>
      {/* The line «Ricalcola linea» acts on, right under it: chosen below, or where the sheet's selection is. */}
      <Body1 id="barometro-ambito" className={stili.ambito}>
        {scelta ? (
          <>
            Ricalcola linea: <strong>{scelta.nome}</strong>
          </>
        ) : (
          "Ricalcola linea: nessuna linea. Sceglierne una qui sotto o selezionare una sua cella nel foglio."
        )}
      </Body1>
      <Subtitle2 as="h2" id="barometro-titolo-linee">
        Linee strategiche
      </Subtitle2>
      {righe === null ? (
        <Body1>Nessun dato letto: premere «Aggiorna».</Body1>
      ) : righe.length === 0 ? (
        <Body1>Nessuna linea strategica trovata.</Body1>
      ) : (
        <ul className={stili.elenco} role="list" aria-labelledby="barometro-titolo-linee">
          {righe.map((r) => (
            <li key={r.indice} className={stili.voceElenco}>
              <VoceLinea riga={r} scelta={r.indice === lineaScelta} onScegli={props.onScegli} />
              {props.dettaglio?.(r)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function VoceLinea({
  riga,
  scelta,
  onScegli,
}: {
  riga: RigaLinea;
  scelta: boolean;
  onScegli(indice: number): void;
}): React.JSX.Element {
  const stili = useStiliRiepilogo();
  const dettagli = [
    conteggio(riga.obiettivi, "obiettivo", "obiettivi"),
    riga.neutralizzati > 0 ? conteggio(riga.neutralizzati, "neutralizzato", "neutralizzati") : null,
    conteggio(riga.avvisi, "avviso", "avvisi"),
  ].filter((d): d is string => d !== null);
  return (
    <button
      type="button"
      className={mergeClasses(stili.voce, scelta && stili.scelta)}
      aria-pressed={scelta}
      onClick={() => onScegli(riga.indice)}
    >
      <span className={stili.nome}>{riga.nome}</span>
      <span className={stili.riga}>
        <span className={stili.percentuale}>{riga.testo}</span>
        <EtichettaFascia fascia={riga.fascia} />
        {riga.incompleta && <span className={stili.incompleta}>dati incompleti</span>}
      </span>
      <span className={stili.dettaglio}>{dettagli.join(" · ")}</span>
    </button>
  );
}
