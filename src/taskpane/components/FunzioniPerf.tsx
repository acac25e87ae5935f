import * as React from "react";
import { Body1, Caption1, Link, Subtitle2 } from "@fluentui/react-components";
import { FUNZIONI_PERF, URL_GUIDA_FUNZIONI } from "../../functions/catalogo";
import { useStiliImpostazioni } from "../stili";

/** The PERF functions available in any cell, with their help links. */
export function FunzioniPerf(): React.JSX.Element {
  const stili = useStiliImpostazioni();
  return (
    <section className={stili.sezione} aria-labelledby="barometro-titolo-funzioni">
      <Subtitle2 as="h2" id="barometro-titolo-funzioni">
        Funzioni PERF
      </Subtitle2>
      <Body1 as="p" className={stili.paragrafo}>
        Le funzioni PERF si scrivono in qualsiasi cella e danno gli stessi risultati del Barometro. Accettano numeri
        scritti all&apos;italiana («3.800», «78,5», «80%») e interi intervalli.
      </Body1>
      <ul className={stili.elenco} role="list">
        {FUNZIONI_PERF.map((f) => (
          <li key={f.id}>
            <Link href={f.helpUrl} target="_blank" rel="noopener noreferrer" className={stili.sintassi}>
              ={f.sintassi}
            </Link>
            <Caption1>{f.descrizione}</Caption1>
          </li>
        ))}
      </ul>
      <Body1 as="p" className={stili.paragrafo}>
        <Link href={URL_GUIDA_FUNZIONI} target="_blank" rel="noopener noreferrer">
          Guida alle funzioni, con un esempio per ciascuna
        </Link>
      </Body1>
    </section>
  );
}
