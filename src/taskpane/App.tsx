import * as React from "react";
import { Body1, Caption1, Link, Subtitle2, Title1, makeStyles, tokens } from "@fluentui/react-components";
import { FUNZIONI_PERF, URL_GUIDA_FUNZIONI } from "../functions/catalogo";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  elenco: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  sintassi: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
    display: "block",
  },
});

/** Task pane, for now: what Barometro does and the PERF functions available. */
export function App(): React.JSX.Element {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Title1 as="h1">Barometro</Title1>
      <Body1 as="p">
        Barometro calcola lo stato di attuazione degli obiettivi della Relazione sulla performance: la % di
        raggiungimento di ogni indicatore, degli obiettivi, delle linee strategiche e dell&apos;ente, con le fasce del
        Barometro.
      </Body1>
      <Body1 as="p">
        Le funzioni PERF si scrivono in qualsiasi cella della cartella di lavoro e danno gli stessi risultati del motore
        di calcolo. Accettano numeri scritti all&apos;italiana («3.800», «78,5», «80%») e interi intervalli.
      </Body1>
      <Subtitle2 as="h2">Funzioni disponibili</Subtitle2>
      <ul className={styles.elenco}>
        {FUNZIONI_PERF.map((f) => (
          <li key={f.id}>
            <Link href={f.helpUrl} target="_blank" rel="noopener noreferrer" className={styles.sintassi}>
              ={f.sintassi}
            </Link>
            <Caption1>{f.descrizione}</Caption1>
          </li>
        ))}
      </ul>
      <Body1 as="p">
        <Link href={URL_GUIDA_FUNZIONI} target="_blank" rel="noopener noreferrer">
          Guida alle funzioni, con un esempio per ciascuna
        </Link>
      </Body1>
    </main>
  );
}
