import * as React from "react";
import { Body1, Caption1, Subtitle2 } from "@fluentui/react-components";
import type { Avviso } from "../../engine";
import { conteggio } from "../state";
import { useStiliVerifica } from "../styles";
import { GruppoAvvisi } from "../types";

export interface VerificaProps {
  /** null before the first read. */
  gruppi: GruppoAvvisi[] | null;
  onVai(avviso: Avviso): void;
}

/** Verifica's findings, grouped by line; each one selects its cell. */
export function Verifica({ gruppi, onVai }: VerificaProps): React.JSX.Element {
  const stili = useStiliVerifica();
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
            <section key={`${i}-${g.linea}`} className={stili.gruppo} aria-labelledby={`barometro-gruppo-${i}`}>
              <Subtitle2 as="h3" id={`barometro-gruppo-${i}`}>
                {g.linea} ({g.avvisi.length})
              </Subtitle2>
              <ul className={stili.elenco} role="list">
                {g.avvisi.map((a, j) => (
                  <li key={`${j}-${a.foglio}-${a.cella}-${a.codice}`}>
                    <VoceAvviso avviso={a} onVai={onVai} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
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
      <span className={stili.intestazione}>
        <span className={stili.cella}>{riferimento}</span>
        <span className={stili.codice}>{avviso.codice}</span>
      </span>
      <span className={stili.messaggio}>{avviso.messaggio}</span>
    </button>
  );
}
