import * as React from "react";
import { Body1, Button, Caption1, Subtitle2 } from "@fluentui/react-components";
import { isInformativo, type Avviso } from "../../engine";
import { conteggio } from "../stato-riquadro";
import { useStiliVerifica } from "../stili";
import { GruppoAvvisi } from "../tipi";

export interface VerificaProps {
  /** null before the first read. */
  gruppi: GruppoAvvisi[] | null;
  onVai(avviso: Avviso): void;
}

/** Verifica's findings, grouped by line; each one selects its cell. */
export function Verifica({ gruppi, onVai }: VerificaProps): React.JSX.Element {
  const totale = gruppi?.reduce((n, g) => n + g.avvisi.length, 0) ?? 0;
  return (
    <>
      <Subtitle2 as="h2">Avvisi</Subtitle2>
      {gruppi === null ? (
        <Body1>Nessun dato letto: premere «Aggiorna» nel Riepilogo.</Body1>
      ) : totale === 0 ? (
        <Body1>Nessun avviso</Body1>
      ) : (
        <>
          <Caption1 id="barometro-verifica-suggerimento">
            {conteggio(totale, "avviso", "avvisi")}: scegliere un avviso per selezionare la sua cella nel foglio.
          </Caption1>
          {gruppi.map((g, i) => (
            <GruppoVerifica key={`${i}-${g.linea}`} gruppo={g} indice={i} onVai={onVai} />
          ))}
        </>
      )}
    </>
  );
}

/**
 * Findings shown at first, and added by each «Mostra altri»: a big sheet with stale figures has one
 * or two per row (100,000 rows: 200,000), which the pane cannot draw at once without freezing.
 */
export const AVVISI_PER_VOLTA = 50;

function GruppoVerifica({
  gruppo,
  indice,
  onVai,
}: {
  gruppo: GruppoAvvisi;
  indice: number;
  onVai(avviso: Avviso): void;
}): React.JSX.Element {
  const stili = useStiliVerifica();
  const [mostrati, setMostrati] = React.useState(AVVISI_PER_VOLTA);
  const { avvisi } = gruppo;
  const restano = avvisi.length - mostrati;
  return (
    <section className={stili.gruppo} aria-labelledby={`barometro-gruppo-${indice}`}>
      <Subtitle2 as="h3" id={`barometro-gruppo-${indice}`}>
        {gruppo.linea} ({avvisi.length})
      </Subtitle2>
      <ul className={stili.elenco} role="list">
        {avvisi.slice(0, mostrati).map((a, j) => (
          <li key={`${j}-${a.foglio}-${a.cella}-${a.codice}`}>
            <VoceAvviso avviso={a} onVai={onVai} />
          </li>
        ))}
      </ul>
      {restano > 0 && (
        <Button appearance="subtle" onClick={() => setMostrati((n) => n + AVVISI_PER_VOLTA)}>
          {`Mostra altri ${Math.min(restano, AVVISI_PER_VOLTA)} (${conteggio(restano, "avviso non mostrato", "avvisi non mostrati")})`}
        </Button>
      )}
    </section>
  );
}

function VoceAvviso({ avviso, onVai }: { avviso: Avviso; onVai(avviso: Avviso): void }): React.JSX.Element {
  const stili = useStiliVerifica();
  const riferimento = `${avviso.foglio}!${avviso.cella}`;
  return (
    <button
      type="button"
      className={stili.voce}
      onClick={() => onVai(avviso)}
      aria-describedby="barometro-verifica-suggerimento"
    >
      {/* The plain Italian message first; the cell, then the developer code, secondary. */}
      <span className={stili.messaggio}>{avviso.messaggio}</span>
      <span className={stili.intestazione}>
        <span className={stili.cella}>{riferimento}</span>
        {isInformativo(avviso) && <span className={stili.informazione}>Informazione</span>}
        <span className={stili.codice}>
          <span className={stili.nascosto}>codice </span>
          {avviso.codice}
        </span>
      </span>
    </button>
  );
}
