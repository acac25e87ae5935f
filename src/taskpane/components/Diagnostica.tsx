import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  shorthands,
  Subtitle2,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import {
  Avanzamento,
  dettaglioEsito,
  EsitoCapacita,
  MESSAGGI_DIAGNOSTICA,
  RapportoDiagnostica,
  riassunto,
  StatoEsito,
  testoRapporto,
  testoRequisito,
  usoDi,
} from "../../app/diagnostica";

const useStili = makeStyles({
  sezione: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  testo: { margin: 0 },
  comandi: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  elenco: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  esito: {
    display: "grid",
    gridTemplateColumns: "1.25em 1fr",
    columnGap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    borderRadius: tokens.borderRadiusMedium,
  },
  // Colour only adds to the symbol and the word: each state reads without it.
  riuscito: { color: tokens.colorPaletteGreenForeground1 },
  fallito: {
    color: tokens.colorPaletteRedForeground1,
    ...shorthands.borderColor(tokens.colorPaletteRedBorder2),
  },
  nonVerificato: { color: tokens.colorNeutralForeground3 },
  simbolo: { fontWeight: tokens.fontWeightBold, textAlign: "center" },
  corpo: { display: "flex", flexDirection: "column", minWidth: 0, color: tokens.colorNeutralForeground1 },
  dettaglio: { overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
  requisiti: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  copia: { fontFamily: tokens.fontFamilyMonospace, minHeight: "12em" },
});

const SIMBOLO: Record<StatoEsito, string> = { riuscito: "✓", "non riuscito": "✗", "non verificato": "–" };

export interface DiagnosticaProps {
  /** False where no Diagnostica bench was given (then the button is disabled, and why is said). */
  disponibile: boolean;
  /** Another operation (or this one) is running. */
  occupato: boolean;
  /** Set while Diagnostica runs. */
  avanzamento: Avanzamento | null;
  inCorso: boolean;
  rapporto: RapportoDiagnostica | null;
  onEsegui(): void;
}

/**
 * «Diagnostica»: one button that tries, in this Excel and this workbook, every capability Barometro
 * uses, on a temporary sheet deleted at the end; then one line per capability (a symbol AND a word,
 * not colour alone), the host and version, the requirement sets, and «Copia» for the report.
 */
export function Diagnostica({
  disponibile,
  occupato,
  avanzamento,
  inCorso,
  rapporto,
  onEsegui,
}: DiagnosticaProps): React.JSX.Element {
  const stili = useStili();
  return (
    <section className={stili.sezione} aria-labelledby="barometro-titolo-diagnostica">
      <Subtitle2 as="h2" id="barometro-titolo-diagnostica">
        Diagnostica
      </Subtitle2>
      <Caption1 as="p" id="barometro-diagnostica-descrizione" className={stili.testo}>
        Prova in questo Excel tutto ciò che Barometro usa (scritture, colori, formattazione condizionale, celle unite,
        stampa, grafico, impostazioni, funzioni PERF) su un foglio temporaneo, eliminato alla fine. I fogli della
        cartella non vengono toccati.
      </Caption1>
      <div className={stili.comandi}>
        <Button
          disabledFocusable={occupato || !disponibile}
          onClick={onEsegui}
          aria-describedby={disponibile ? "barometro-diagnostica-descrizione" : "barometro-diagnostica-assente"}
        >
          Esegui diagnostica
        </Button>
      </div>
      {!disponibile && (
        <Caption1 as="p" id="barometro-diagnostica-assente" className={stili.testo}>
          Non disponibile qui: la diagnostica si esegue nel riquadro di Barometro in Excel.
        </Caption1>
      )}
      {inCorso && avanzamento && (
        <Field
          label={`Prova ${Math.min(avanzamento.fatte + 1, avanzamento.totale)} di ${avanzamento.totale}: ${avanzamento.corrente}`}
          validationState="none"
        >
          <ProgressBar value={avanzamento.fatte} max={avanzamento.totale} />
        </Field>
      )}
      {rapporto && !inCorso && <Rapporto rapporto={rapporto} />}
    </section>
  );
}

function Rapporto({ rapporto }: { rapporto: RapportoDiagnostica }): React.JSX.Element {
  const stili = useStili();
  const { ambiente } = rapporto;
  return (
    <>
      <Text weight="semibold" as="p" className={stili.testo}>
        Esito: {riassunto(rapporto.esiti)}
      </Text>
      {(rapporto.nota || rapporto.foglioRimasto) && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {rapporto.nota}
            {rapporto.nota && rapporto.foglioRimasto ? " " : ""}
            {rapporto.foglioRimasto && MESSAGGI_DIAGNOSTICA.foglioRimasto(rapporto.foglioRimasto)}
          </MessageBarBody>
        </MessageBar>
      )}
      <ul className={stili.elenco} aria-label="Esiti della diagnostica">
        {rapporto.esiti.map((e) => (
          <RigaEsito key={e.id} esito={e} />
        ))}
      </ul>
      <Text as="p" size={200} className={stili.testo}>
        {ambiente
          ? `Excel: ${ambiente.host}, piattaforma ${ambiente.piattaforma}, versione ${ambiente.versione}`
          : "Excel: host, piattaforma e versione non disponibili"}
      </Text>
      <Text as="p" size={200} weight="semibold" className={stili.testo} id="barometro-diagnostica-requisiti">
        Requisiti supportati
      </Text>
      <ul className={stili.requisiti} aria-labelledby="barometro-diagnostica-requisiti">
        {rapporto.requisiti.map((r) => (
          <li key={r.nome}>
            <Text size={200}>{testoRequisito(r)}</Text>
          </li>
        ))}
      </ul>
      <Copia testo={testoRapporto(rapporto)} />
    </>
  );
}

function RigaEsito({ esito }: { esito: EsitoCapacita }): React.JSX.Element {
  const stili = useStili();
  const classe =
    esito.stato === "riuscito" ? stili.riuscito : esito.stato === "non riuscito" ? stili.fallito : stili.nonVerificato;
  const dettaglio = dettaglioEsito(esito);
  return (
    <li className={`${stili.esito} ${classe}`}>
      <span className={stili.simbolo} aria-hidden>
        {SIMBOLO[esito.stato]}
      </span>
      <span className={stili.corpo}>
        <Text size={200}>
          <Text size={200} weight="bold" className={classe}>
            {esito.stato}
          </Text>
          {" — "}
          {esito.nome}
        </Text>
        {dettaglio && (
          <Text size={200} className={stili.dettaglio}>
            {dettaglio}
          </Text>
        )}
        {esito.stato === "non riuscito" && (
          <Text size={200} className={stili.dettaglio}>
            Serve per: {usoDi(esito.id)}
          </Text>
        )}
      </span>
    </li>
  );
}

/**
 * «Copia»: the report to the clipboard. The add-in's iframe may refuse the clipboard (no permission,
 * no focus): then the text is shown selected in a read-only box, and the person presses Ctrl+C.
 */
function Copia({ testo }: { testo: string }): React.JSX.Element {
  const stili = useStili();
  const [esito, setEsito] = React.useState<"copiato" | "manuale" | null>(null);
  const casella = React.useRef<HTMLTextAreaElement>(null);
  React.useEffect(() => setEsito(null), [testo]);
  React.useEffect(() => {
    if (esito !== "manuale" || !casella.current) return;
    casella.current.focus();
    casella.current.select();
  }, [esito]);

  const copia = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("Appunti non disponibili");
      await navigator.clipboard.writeText(testo);
      setEsito("copiato");
    } catch {
      setEsito("manuale");
    }
  };

  return (
    <>
      <div className={stili.comandi}>
        <Button onClick={() => void copia()}>Copia</Button>
      </div>
      <div role="status" aria-live="polite">
        {esito === "copiato" && <Text size={200}>Rapporto copiato negli appunti.</Text>}
        {esito === "manuale" && (
          <Text size={200}>Excel non consente di copiare da qui: il testo qui sotto è selezionato, premi Ctrl+C.</Text>
        )}
      </div>
      {esito === "manuale" && (
        <Field label="Rapporto della diagnostica">
          <Textarea
            ref={casella}
            className={stili.copia}
            value={testo}
            readOnly
            resize="vertical"
            onFocus={(e) => e.currentTarget.select()}
          />
        </Field>
      )}
    </>
  );
}
