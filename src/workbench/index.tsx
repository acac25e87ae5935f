import * as React from "react";
import { createRoot } from "react-dom/client";
import ExcelJS from "exceljs";
import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { App } from "../taskpane/App";
import { creaAccessoOffice } from "../excel/office-access";
import { creaBancoDiagnostica } from "../excel/diagnostica";
import { seguiSelezione } from "../excel/selezione";
import type { Selezione } from "../app/access";
import { CartellaFinta } from "../excel-finto";
import { AMBIENTE_BANCO, impostazioniBanco, requisitiBanco, valutaFormulaBanco } from "../excel-finto/office-finto";
import { cartellaDaExcelJS } from "../excel-finto/exceljs";
import { SheetView } from "./SheetView";

/**
 * The workbench: the real task pane, adapter and engine over an in-memory Excel loaded from an
 * .xlsx (the bundled sample, or ?file=NAME.xlsx from assets/). Only the workbook is swapped.
 */
const CAMPIONE = "relazione-performance-2024.xlsx";

/** ?tema=scuro: the pane (and the page) in Office's dark theme, as index.tsx would choose it. */
const TEMA = new URLSearchParams(window.location.search).get("tema") === "scuro" ? webDarkTheme : webLightTheme;

const useStili = makeStyles({
  pagina: { display: "flex", height: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  pannello: {
    width: "380px",
    flexShrink: 0,
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

async function caricaCartella(): Promise<CartellaFinta> {
  const nome = new URLSearchParams(window.location.search).get("file") ?? CAMPIONE;
  if (!/^[\w.-]+\.xlsx$/.test(nome)) throw new Error(`Nome di file non valido: ${nome}`);
  const risposta = await fetch(`assets/${nome}`);
  if (!risposta.ok) throw new Error(`Impossibile caricare assets/${nome} (${risposta.status})`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await risposta.arrayBuffer());
  return cartellaDaExcelJS(wb, { valutaFormula: valutaFormulaBanco });
}

function Banco({ cartella }: { cartella: CartellaFinta }): React.JSX.Element {
  const stili = useStili();
  const [versione, setVersione] = React.useState(0);
  const ridisegna = React.useCallback(() => setVersione((v) => v + 1), []);
  const access = React.useMemo(
    () =>
      creaAccessoOffice({
        esegui: async (batch) => {
          try {
            return await cartella.run(batch);
          } finally {
            ridisegna();
          }
        },
        impostazioni: () => cartella.impostazioni,
      }),
    [cartella, ridisegna]
  );
  // Diagnostica on the same workbook, with a fake Office around it (host, requirement sets, settings).
  const diagnostica = React.useMemo(
    () =>
      creaBancoDiagnostica({
        esegui: async (batch) => {
          try {
            return await cartella.run(batch);
          } finally {
            ridisegna();
          }
        },
        impostazioni: () => impostazioniBanco(cartella),
        ambiente: () => AMBIENTE_BANCO,
        supporta: requisitiBanco,
      }),
    [cartella, ridisegna]
  );
  // The sheet's selection followed through the fake's Worksheets.onSelectionChanged, as in Excel.
  const segui = React.useCallback(
    (avvisa: (s: Selezione) => void) => seguiSelezione((batch) => cartella.run(batch), avvisa),
    [cartella]
  );
  const seleziona = (foglio: string, indirizzo: string) => {
    cartella.seleziona(foglio, indirizzo);
    ridisegna();
  };
  return (
    <div className={stili.pagina}>
      <SheetView cartella={cartella} versione={versione} onSeleziona={seleziona} />
      <aside className={stili.pannello} aria-label="Riquadro attività Barometro">
        <App access={access} tema={TEMA} diagnostica={diagnostica} seguiSelezione={segui} />
      </aside>
    </div>
  );
}

function Avvio(): React.JSX.Element {
  const [cartella, setCartella] = React.useState<CartellaFinta | null>(null);
  const [errore, setErrore] = React.useState<string | null>(null);
  React.useEffect(() => {
    caricaCartella().then(setCartella, (e) => setErrore(e instanceof Error ? e.message : String(e)));
  }, []);
  if (errore)
    return (
      <FluentProvider theme={webLightTheme}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{errore}</MessageBarBody>
        </MessageBar>
      </FluentProvider>
    );
  if (!cartella) return <p>Caricamento della cartella di lavoro…</p>;
  return (
    <FluentProvider theme={TEMA}>
      <Banco cartella={cartella} />
    </FluentProvider>
  );
}

const contenitore = document.getElementById("workbench");
if (contenitore) createRoot(contenitore).render(<Avvio />);
