import * as React from "react";
import { Body1, FluentProvider, Theme, Title2 } from "@fluentui/react-components";
import { useStiliApp } from "../stili";

/** Shown when the page is opened outside Excel: Barometro needs a workbook. */
export function FuoriDaExcel({ tema }: { tema: Theme }): React.JSX.Element {
  const stili = useStiliApp();
  return (
    <FluentProvider theme={tema} lang="it">
      <main className={stili.root}>
        <Title2 as="h1">Barometro</Title2>
        <Body1 as="p">
          Barometro funziona dentro Excel: aprire la cartella di lavoro della Relazione sulla performance e scegliere
          Barometro nella barra multifunzione.
        </Body1>
      </main>
    </FluentProvider>
  );
}
