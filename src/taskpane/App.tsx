import * as React from "react";
import { CounterBadge, FluentProvider, Tab, TabList, Theme, webLightTheme } from "@fluentui/react-components";
import { WorkbookAccess } from "../app/access";
import { BancoDiagnostica } from "../app/diagnostica";
import { numeriDaConvertire } from "../app/numeri";
import { condivisioneDi } from "../app/impostazioni";
import { annoDelReport } from "../layout/stampa";
import { Condivisione, DialogoCondivisione } from "./components/Condivisione";
import { ConvertiNumeri, DialogoNumeri } from "./components/ConvertiNumeri";
import { Diagnostica } from "./components/Diagnostica";
import { EnteHeader } from "./components/EnteHeader";
import { FunzioniPerf } from "./components/FunzioniPerf";
import { PannelloImpostazioni } from "./components/PannelloImpostazioni";
import { Riepilogo } from "./components/Riepilogo";
import { Stampa } from "./components/Stampa";
import { Stato } from "./components/Stato";
import { Verifica } from "./components/Verifica";
import { conteggio, gruppiAvvisi, occupato, problemi, righeLinee } from "./stato-riquadro";
import { useStiliApp } from "./stili";
import { Scheda } from "./tipi";
import { useBarometro } from "./useBarometro";

export interface AppProps {
  /** The workbook: Office.js in Excel, an in-memory workbook in tests. */
  access: WorkbookAccess;
  /** Fluent theme matching Office's (index.tsx chooses it); light by default. */
  tema?: Theme;
  /** Diagnostica's bench (Office.js in Excel, the fake in the workbench); absent: not available. */
  diagnostica?: BancoDiagnostica;
}

/** Barometro's task pane. */
export function App({ access, tema = webLightTheme, diagnostica }: AppProps): React.JSX.Element {
  return (
    <FluentProvider theme={tema} lang="it">
      <Pannello access={access} diagnostica={diagnostica} />
    </FluentProvider>
  );
}

const SCHEDE: { valore: Scheda; nome: string }[] = [
  { valore: "riepilogo", nome: "Riepilogo" },
  { valore: "verifica", nome: "Verifica" },
  { valore: "condivisione", nome: "Condivisione" },
  { valore: "impostazioni", nome: "Impostazioni" },
];

function Pannello({
  access,
  diagnostica,
}: {
  access: WorkbookAccess;
  diagnostica?: BancoDiagnostica;
}): React.JSX.Element {
  const stili = useStiliApp();
  const barometro = useBarometro(access, diagnostica);
  const { stato } = barometro;
  const { analisi, impostazioni, scheda } = stato;
  const righe = React.useMemo(
    () => (analisi ? righeLinee(analisi, impostazioni.bande) : null),
    [analisi, impostazioni]
  );
  const gruppi = React.useMemo(() => (analisi ? gruppiAvvisi(analisi) : null), [analisi]);
  const numeri = React.useMemo(
    () => (analisi ? numeriDaConvertire(analisi.lettura, analisi.linee).length : 0),
    [analisi]
  );
  const annoCartella = React.useMemo(() => (analisi ? annoDelReport(analisi.lettura.fogli) : null), [analisi]);
  const numeroAvvisi = analisi ? problemi(analisi.avvisi) : 0;
  const attesa = occupato(stato);

  return (
    <main className={stili.root}>
      <EnteHeader risultato={analisi?.risultato ?? null} bande={impostazioni.bande} />
      <Stato lavoro={stato.lavoro} notifica={stato.notifica} onChiudi={barometro.chiudiNotifica} />
      <TabList
        className={stili.schede}
        selectedValue={scheda}
        onTabSelect={(_, d) => barometro.scegliScheda(d.value as Scheda)}
        aria-label="Sezioni di Barometro"
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
          />
        )}
        {scheda === "impostazioni" && (
          <>
            <PannelloImpostazioni
              impostazioni={impostazioni}
              errore={stato.erroreImpostazioni}
              occupato={attesa}
              onSalva={(i) => void barometro.salvaImpostazioni(i)}
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
