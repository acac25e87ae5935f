import * as React from "react";
import { CounterBadge, FluentProvider, Tab, TabList, Theme, webLightTheme } from "@fluentui/react-components";
import { WorkbookAccess } from "../app/access";
import { BancoDiagnostica } from "../app/diagnostica";
import { numeriDaConvertire } from "../app/numeri";
import { condivisioneDi } from "../app/impostazioni";
import { tracciaEnte } from "../engine";
import { annoDelReport } from "../layout/stampa";
import { Condivisione, DialogoCondivisione } from "./components/Condivisione";
import { ConvertiNumeri, DialogoNumeri } from "./components/ConvertiNumeri";
import { Diagnostica } from "./components/Diagnostica";
import { DossierValidazione } from "./components/DossierValidazione";
import { EnteHeader } from "./components/EnteHeader";
import { FunzioniPerf } from "./components/FunzioniPerf";
import { PannelloImpostazioni } from "./components/PannelloImpostazioni";
import { Riepilogo } from "./components/Riepilogo";
import { ScomposizioneEnte, ScomposizioneLinea } from "./components/Scomposizione";
import { Stampa } from "./components/Stampa";
import { Stato } from "./components/Stato";
import { Verifica } from "./components/Verifica";
import { conteggio, gruppiAvvisi, luogoDi, occupato, problemi, righeLinee } from "./stato-riquadro";
import { useStiliApp } from "./stili";
import { Luogo, Scheda } from "./tipi";
import { SeguiSelezione, useBarometro } from "./useBarometro";

export interface AppProps {
  /** The workbook: Office.js in Excel, an in-memory workbook in tests. */
  access: WorkbookAccess;
  /** Fluent theme matching Office's (index.tsx chooses it); light by default. */
  tema?: Theme;
  /** Diagnostica's bench (Office.js in Excel, the fake in the workbench); absent: not available. */
  diagnostica?: BancoDiagnostica;
  /** Follows the sheet's selection (src/excel/selezione.ts); absent: the line is chosen in the pane only. */
  seguiSelezione?: SeguiSelezione;
}

/** Barometro's task pane. */
export function App({ access, tema = webLightTheme, diagnostica, seguiSelezione }: AppProps): React.JSX.Element {
  return (
    <FluentProvider theme={tema} lang="it">
      <Pannello access={access} diagnostica={diagnostica} seguiSelezione={seguiSelezione} />
    </FluentProvider>
  );
}

const SCHEDE: { valore: Scheda; nome: string }[] = [
  { valore: "riepilogo", nome: "Riepilogo" },
  { valore: "verifica", nome: "Verifica" },
  { valore: "condivisione", nome: "Condivisione" },
  { valore: "impostazioni", nome: "Impostazioni" },
];

/**
 * Up and Down in the tabs, which sit two by two in a narrow pane (one by one zoomed in): the tab
 * drawn above or below the focused one. Left and Right (Fluent's) go through them in order.
 */
function frecceVerticali(evento: React.KeyboardEvent<HTMLElement>): void {
  if (evento.key !== "ArrowDown" && evento.key !== "ArrowUp") return;
  const attuale = (evento.target as HTMLElement).closest<HTMLElement>('[role="tab"]');
  if (!attuale) return;
  const giu = evento.key === "ArrowDown";
  const da = attuale.getBoundingClientRect();
  const centro = (r: DOMRect) => r.left + r.width / 2;
  let migliore: { tab: HTMLElement; distanza: number } | null = null;
  for (const tab of evento.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')) {
    const r = tab.getBoundingClientRect();
    const dy = giu ? r.top - da.bottom : da.top - r.bottom;
    if (tab === attuale || dy < -1) continue;
    const distanza = dy * 1000 + Math.abs(centro(r) - centro(da));
    if (!migliore || distanza < migliore.distanza) migliore = { tab, distanza };
  }
  evento.preventDefault();
  migliore?.tab.focus();
}

function Pannello({
  access,
  diagnostica,
  seguiSelezione,
}: {
  access: WorkbookAccess;
  diagnostica?: BancoDiagnostica;
  seguiSelezione?: SeguiSelezione;
}): React.JSX.Element {
  const stili = useStiliApp();
  const barometro = useBarometro(access, diagnostica, seguiSelezione);
  const { stato } = barometro;
  const { analisi, impostazioni, scheda } = stato;
  const righe = React.useMemo(
    () => (analisi ? righeLinee(analisi, impostazioni.bande) : null),
    [analisi, impostazioni]
  );
  // «Perché questo numero»: the engine's trace of every figure, for the breakdowns.
  const traccia = React.useMemo(() => (analisi ? tracciaEnte(analisi.linee, analisi.risultato) : null), [analisi]);
  const gruppi = React.useMemo(() => (analisi ? gruppiAvvisi(analisi) : null), [analisi]);
  const numeri = React.useMemo(
    () => (analisi ? numeriDaConvertire(analisi.lettura, analisi.linee).length : 0),
    [analisi]
  );
  const annoCartella = React.useMemo(() => (analisi ? annoDelReport(analisi.lettura.fogli) : null), [analisi]);
  const numeroAvvisi = analisi ? problemi(analisi.avvisi) : 0;
  const attesa = occupato(stato);
  // Progress and results next to the button that asked (Salva, Prepara stampa) while its tab is
  // shown, else at the top; each place keeps its live regions in the page.
  const luogoVisibile = (luogo: Luogo | undefined) =>
    luogo === "impostazioni" ? scheda === "impostazioni" : luogo === "stampa" ? scheda === "condivisione" : false;
  const qui = (luogo: Luogo | undefined, suo: Luogo | undefined) => {
    const dove = luogoVisibile(suo) ? suo : undefined;
    return dove === luogo;
  };
  const statoIn = (luogo: Luogo) => (
    <Stato
      lavoro={stato.lavoro && qui(luogo, luogoDi(stato.lavoro)) ? stato.lavoro : null}
      avanzamento={stato.avanzamento}
      notifica={stato.notifica && qui(luogo, stato.notifica.luogo) ? stato.notifica : null}
      onChiudi={barometro.chiudiNotifica}
    />
  );

  return (
    <main className={stili.root}>
      <EnteHeader risultato={analisi?.risultato ?? null} bande={impostazioni.bande} />
      {traccia && traccia.linee.length > 0 && (
        <ScomposizioneEnte traccia={traccia} onSeleziona={(s) => void barometro.vaiAllaCella(s)} />
      )}
      <Stato
        lavoro={stato.lavoro && qui(undefined, luogoDi(stato.lavoro)) ? stato.lavoro : null}
        avanzamento={stato.avanzamento}
        notifica={stato.notifica && qui(undefined, stato.notifica.luogo) ? stato.notifica : null}
        onChiudi={barometro.chiudiNotifica}
      />
      <TabList
        className={stili.schede}
        selectedValue={scheda}
        onTabSelect={(_, d) => barometro.scegliScheda(d.value as Scheda)}
        aria-label="Sezioni di Barometro"
        onKeyDown={frecceVerticali}
      >
        {SCHEDE.map(({ valore, nome }) => (
          <Tab
            key={valore}
            value={valore}
            id={`barometro-scheda-${valore}`}
            aria-controls={valore === scheda ? `barometro-pannello-${valore}` : undefined}
            aria-label={valore === "verifica" ? `Verifica, ${conteggio(numeroAvvisi, "avviso", "avvisi")}` : undefined}
          >
            {nome}
            {valore === "verifica" && numeroAvvisi > 0 && (
              <>
                {" "}
                <CounterBadge count={numeroAvvisi} overflowCount={999} size="small" color="informative" />
              </>
            )}
          </Tab>
        ))}
      </TabList>
      <div
        role="tabpanel"
        id={`barometro-pannello-${scheda}`}
        aria-labelledby={`barometro-scheda-${scheda}`}
        className={stili.pannello}
      >
        {scheda === "riepilogo" && (
          <Riepilogo
            righe={righe}
            lineaScelta={stato.lineaScelta}
            occupato={attesa}
            onScegli={(i) => void barometro.scegliLinea(i)}
            onRicalcolaLinea={() => void barometro.ricalcolaLinea()}
            onRicalcolaTutto={() => void barometro.ricalcolaTutto()}
            onAggiorna={() => void barometro.aggiorna()}
            dettaglio={(r) =>
              traccia?.linee[r.indice] && (
                <ScomposizioneLinea
                  traccia={traccia.linee[r.indice]}
                  onSeleziona={(s) => void barometro.vaiAllaCella(s)}
                />
              )
            }
          />
        )}
        {scheda === "verifica" && (
          <ConvertiNumeri celle={numeri} occupato={attesa} onConverti={barometro.chiediConversione} />
        )}
        {scheda === "verifica" && <Verifica gruppi={gruppi} onVai={(a) => void barometro.vaiAllAvviso(a)} />}
        {scheda === "condivisione" && (
          <Condivisione
            occupato={attesa}
            modoFormule={impostazioni.modoScrittura === "perf"}
            formattazioneCondizionale={condivisioneDi(impostazioni).formattazioneCondizionale}
            escluse={stato.escluse}
            onPrepara={() => void barometro.preparaCondivisione()}
            onAggiornaRiepilogo={() => void barometro.aggiornaRiepilogo()}
            onVai={(f) =>
              void barometro.vaiAllaCella({
                foglio: f.foglio,
                indirizzo: f.cella,
              })
            }
          />
        )}
        {scheda === "condivisione" && (
          <Stampa
            occupato={attesa}
            disponibile={typeof access.impagina === "function"}
            annoSalvato={stato.annoRelazione}
            annoCartella={annoCartella}
            onPrepara={(anno) => void barometro.preparaStampa(anno)}
            esito={statoIn("stampa")}
          />
        )}
        {scheda === "condivisione" && <DossierValidazione access={access} occupato={attesa} />}
        {scheda === "impostazioni" && (
          <>
            <PannelloImpostazioni
              impostazioni={impostazioni}
              errore={stato.erroreImpostazioni}
              occupato={attesa}
              onSalva={(i) => void barometro.salvaImpostazioni(i)}
              esito={statoIn("impostazioni")}
            />
            <FunzioniPerf />
            <Diagnostica
              disponibile={diagnostica !== undefined}
              occupato={attesa}
              inCorso={stato.lavoro?.tipo === "diagnostica"}
              avanzamento={stato.diagnostica.avanzamento}
              rapporto={stato.diagnostica.rapporto}
              onEsegui={() => void barometro.eseguiDiagnostica()}
            />
          </>
        )}
      </div>
      <DialogoCondivisione
        conferma={stato.conferma}
        onConferma={() => void barometro.confermaCondivisione()}
        onAnnulla={barometro.annullaCondivisione}
      />
      <DialogoNumeri
        conferma={stato.confermaNumeri}
        onConferma={() => void barometro.confermaConversione()}
        onAnnulla={barometro.annullaConversione}
      />
    </main>
  );
}
