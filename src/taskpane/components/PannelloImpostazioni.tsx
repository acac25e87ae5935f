import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Subtitle2,
  Switch,
  Text,
} from "@fluentui/react-components";
import { Impostazioni, IMPOSTAZIONI_PREDEFINITE, ModoScrittura } from "../../app/impostazioni";
import { ContenutoBarometro } from "../../layout/patch";
import {
  Bozza,
  bozzaDaImpostazioni,
  CampoBozza,
  ChiaveFascia,
  CHIAVI_FASCE,
  COLORE_VALIDO,
  ErroriBozza,
  NOMI_FASCE,
  validaBozza,
} from "../modulo-impostazioni";
import { useStiliFascia, useStiliImpostazioni } from "../stili";

export interface PannelloImpostazioniProps {
  impostazioni: Impostazioni;
  /** The stored settings were invalid: the defaults are in use. */
  errore: string | null;
  occupato: boolean;
  onSalva(impostazioni: Impostazioni): void;
}

const stato = (messaggio: string | undefined) => (messaggio ? "error" : "none");

/** Bands (thresholds, colours, labels), the Barometro cell's content and write mode; saved in the workbook. */
export function PannelloImpostazioni({
  impostazioni,
  errore,
  occupato,
  onSalva,
}: PannelloImpostazioniProps): React.JSX.Element {
  const stili = useStiliImpostazioni();
  const [bozza, setBozza] = React.useState<Bozza>(() => bozzaDaImpostazioni(impostazioni));
  const [errori, setErrori] = React.useState<ErroriBozza>({});
  React.useEffect(() => {
    setBozza(bozzaDaImpostazioni(impostazioni));
    setErrori({});
  }, [impostazioni]);

  const modifica = (campo: CampoBozza, cambia: (b: Bozza) => Bozza) => {
    setBozza(cambia);
    setErrori((e) => ({ ...e, [campo]: undefined, soglie: undefined }));
  };
  const soglia = (campo: "raggiunto" | "parziale") => (_: unknown, d: { value: string }) =>
    modifica(campo, (b) => ({ ...b, [campo]: d.value }));
  const colore = (c: ChiaveFascia, valore: string) =>
    modifica(`colore.${c}`, (b) => ({ ...b, colori: { ...b.colori, [c]: valore } }));
  const etichetta = (c: ChiaveFascia, valore: string) =>
    modifica(`etichetta.${c}`, (b) => ({ ...b, etichette: { ...b.etichette, [c]: valore } }));

  const salva = (evento: React.FormEvent) => {
    evento.preventDefault();
    const esito = validaBozza(bozza);
    if ("errori" in esito) setErrori(esito.errori);
    else {
      setErrori({});
      onSalva(esito.impostazioni);
    }
  };
  const ciSonoErrori = Object.values(errori).some((e) => e !== undefined);

  return (
    <form className={stili.modulo} onSubmit={salva} noValidate aria-labelledby="barometro-titolo-impostazioni">
      <Subtitle2 as="h2" id="barometro-titolo-impostazioni">
        Fasce del Barometro
      </Subtitle2>
      {errore !== null && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{errore} Si usano le impostazioni predefinite.</MessageBarBody>
        </MessageBar>
      )}
      <fieldset className={stili.gruppo}>
        <legend className={stili.legenda}>Soglie (% Ragg)</legend>
        <div className={stili.coppia}>
          <Field
            label="Raggiunto ≥"
            validationState={stato(errori.raggiunto ?? errori.soglie)}
            validationMessage={errori.raggiunto}
          >
            <Input value={bozza.raggiunto} onChange={soglia("raggiunto")} inputMode="decimal" contentAfter="%" />
          </Field>
          <Field
            label="Parzialmente raggiunto ≥"
            validationState={stato(errori.parziale ?? errori.soglie)}
            validationMessage={errori.parziale ?? errori.soglie}
          >
            <Input value={bozza.parziale} onChange={soglia("parziale")} inputMode="decimal" contentAfter="%" />
          </Field>
        </div>
        <Text size={200}>Sotto la soglia di «Parzialmente raggiunto» l&apos;indicatore è «Non raggiunto».</Text>
      </fieldset>
      {CHIAVI_FASCE.map((c) => (
        <fieldset key={c} className={stili.gruppo}>
          <legend className={stili.legenda}>{NOMI_FASCE[c]}</legend>
          <div className={stili.coppia}>
            <Field
              label="Etichetta"
              validationState={stato(errori[`etichetta.${c}`])}
              validationMessage={errori[`etichetta.${c}`]}
            >
              <Input value={bozza.etichette[c]} onChange={(_, d) => etichetta(c, d.value)} />
            </Field>
            <div className={stili.colore}>
              <Field
                label="Colore (#RRGGBB)"
                validationState={stato(errori[`colore.${c}`])}
                validationMessage={errori[`colore.${c}`]}
              >
                <Input
                  value={bozza.colori[c]}
                  onChange={(_, d) => colore(c, d.value)}
                  contentBefore={<Campione colore={bozza.colori[c]} />}
                  maxLength={7}
                  spellCheck={false}
                />
              </Field>
              <input
                type="color"
                className={stili.selettore}
                value={COLORE_VALIDO.test(bozza.colori[c].trim()) ? bozza.colori[c].trim().toLowerCase() : "#000000"}
                onChange={(e) => colore(c, e.target.value.toUpperCase())}
                aria-label={`Scegli il colore di «${NOMI_FASCE[c]}»`}
              />
            </div>
          </div>
        </fieldset>
      ))}
      <Field
        label="Nella cella Barometro"
        hint="Con l'etichetta o il simbolo la fascia si legge anche in una stampa in bianco e nero e da chi non distingue i colori."
      >
        <RadioGroup
          value={bozza.contenutoBarometro}
          onChange={(_, d) => setBozza((b) => ({ ...b, contenutoBarometro: d.value as ContenutoBarometro }))}
        >
          <Radio value="etichetta" label="Colore ed etichetta (es. «Raggiunto»)" />
          <Radio
            value="simbolo"
            label="Colore e simbolo (● raggiunto, ◐ parzialmente, ○ non raggiunto, – neutralizzato)"
          />
          <Radio value="colore" label="Solo colore" />
        </RadioGroup>
      </Field>
      <Subtitle2 as="h2">Scostamento, % Ragg e percentuale della linea</Subtitle2>
      <Field
        label="Nelle celle calcolate scrivere"
        hint="Formule di Excel: la riga e la linea si aggiornano da sole quando un collega cambia un target, anche senza Barometro (Excel sul web compreso); le righe con numeri scritti come testo ricevono i valori. Formule PERF.RAGG: solo la % Ragg, e servono Barometro."
      >
        <RadioGroup
          value={bozza.modoScrittura}
          onChange={(_, d) => setBozza((b) => ({ ...b, modoScrittura: d.value as ModoScrittura }))}
        >
          <Radio value="excel" label="Formule di Excel" />
          <Radio value="valori" label="Valori" />
          <Radio value="perf" label="Formule PERF.RAGG" />
        </RadioGroup>
      </Field>
      <Subtitle2 as="h2" id="barometro-titolo-condivisione-impostazioni">
        Condivisione
      </Subtitle2>
      <div className={stili.interruttori} role="group" aria-labelledby="barometro-titolo-condivisione-impostazioni">
        <Field hint="Ogni Ricalcola scrive anche regole di Excel: se un collega cambia i dati, il colore cambia. Per toglierle: disattivare, salvare e fare Ricalcola tutto.">
          <Switch
            checked={bozza.formattazioneCondizionale}
            onChange={(_, d) => setBozza((b) => ({ ...b, formattazioneCondizionale: d.checked }))}
            label="Colori che seguono i dati anche senza Barometro (formattazione condizionale)"
          />
        </Field>
        <Field hint="Per chi ha il componente: Excel apre questo riquadro insieme alla cartella.">
          <Switch
            checked={bozza.aperturaAutomatica}
            onChange={(_, d) => setBozza((b) => ({ ...b, aperturaAutomatica: d.checked }))}
            label="Apri Barometro all'apertura della cartella"
          />
        </Field>
      </div>
      <div role="alert">
        {ciSonoErrori && <Text weight="semibold">Correggere i campi evidenziati, poi salvare.</Text>}
      </div>
      <div className={stili.comandi}>
        <Button type="submit" appearance="primary" disabledFocusable={occupato}>
          Salva
        </Button>
        <Button
          type="button"
          disabledFocusable={occupato}
          onClick={() => {
            setBozza(bozzaDaImpostazioni(IMPOSTAZIONI_PREDEFINITE));
            setErrori({});
          }}
        >
          Ripristina predefinite
        </Button>
      </div>
    </form>
  );
}

function Campione({ colore }: { colore: string }): React.JSX.Element {
  const stili = useStiliFascia();
  const valido = COLORE_VALIDO.test(colore.trim());
  return (
    <span className={stili.campione} style={{ backgroundColor: valido ? colore.trim() : "transparent" }} aria-hidden />
  );
}
