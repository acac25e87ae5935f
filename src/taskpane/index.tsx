import { StrictMode } from "react";
import type * as React from "react";
import type { ReactNode } from "react";
import type { Theme } from "@fluentui/react-components";
import type { Selezione } from "../app/access";
import type { EseguiExcel } from "../excel/excel-api";
import { seguiSelezione } from "../excel/selezione";
import { createRoot } from "react-dom/client";
import { registraComandi } from "../commands/commands";
import { creaBancoDiagnostica } from "../excel/diagnostica";
import { creaAccessoOffice } from "../excel/office-access";
import { App } from "./App";
import { FuoriDaExcel } from "./components/FuoriDaExcel";
import { temaDaOffice, useTemaDiOffice } from "./tema";

function monta(contenuto: ReactNode): void {
  const contenitore = document.getElementById("container");
  if (!contenitore) return;
  createRoot(contenitore).render(<StrictMode>{contenuto}</StrictMode>);
}

/** Office's theme, when the host exposes it. */
function temaCorrente() {
  try {
    return temaDaOffice(Office.context?.officeTheme);
  } catch {
    return temaDaOffice(null);
  }
}

/**
 * The Office boundary: the only place that touches Office globals. One WorkbookAccess serves the
 * task pane and the ribbon (shared runtime), so both use the same remembered sheets.
 */
function avvia(host: Office.HostType | null): void {
  const tema = temaCorrente();
  if (host !== Office.HostType.Excel) {
    monta(<FuoriDaExcel tema={tema} />);
    return;
  }
  const access = creaAccessoOffice();
  try {
    registraComandi(access);
  } catch {
    // Hosts without Office.actions (no ribbon commands): the task pane works all the same.
  }
  const esegui: EseguiExcel = (batch) => Excel.run(batch);
  const segui = (avvisa: (s: Selezione) => void) => seguiSelezione(esegui, avvisa);
  const diagnostica = creaBancoDiagnostica();
  monta(
    <ConTemaDiOffice>
      {(t) => <App access={access} tema={t} diagnostica={diagnostica} seguiSelezione={segui} />}
    </ConTemaDiOffice>
  );
}

/** The pane in Office's theme, followed (useTemaDiOffice). */
function ConTemaDiOffice({ children }: { children: (tema: Theme) => ReactNode }): React.JSX.Element {
  return <>{children(useTemaDiOffice(temaCorrente))}</>;
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => avvia(info.host));
} else {
  // Opened in a plain browser without office.js.
  monta(<FuoriDaExcel tema={temaDaOffice(null)} />);
}
