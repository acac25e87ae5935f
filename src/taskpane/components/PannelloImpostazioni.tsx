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
  /** Progress and result of Salva, shown next to it (live regions). */
  esito?: React.ReactNode;
}

/** The fields in the order of the form: the first one in error takes the focus. */
const ORDINE: readonly CampoBozza[] = [
  "raggiunto",
  "parziale",
  "soglie",
  ...CHIAVI_FASCE.flatMap((c) => [`etichetta.${c}`, `colore.${c}`] as const),
];

/** The name of a field, as the message under Salva names it. */
function nomeCampo(campo: CampoBozza): string {
  if (campo === "raggiunto") return "soglia di «Raggiunto»";
  if (campo === "parziale" || campo === "soglie") return "soglia di «Parzialmente raggiunto»";
  const [tipo, c] = campo.split(".") as ["etichetta" | "colore", ChiaveFascia];
  return `${tipo === "colore" ? "colore" : "etichetta"} di «${NOMI_FASCE[c]}»`;
}

const stato = (messaggio: string | undefined) => (messaggio ? "error" : "none");

/** Bands (thresholds, colours, labels), the Barometro cell's content and write mode; saved in the workbook. */
export function PannelloImpostazioni({
  impostazioni,
  errore,
  occupato,
  onSalva,
  esito,
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

  // The inputs by field, to move the focus to the first one in error.
  const campi = React.useRef<Partial<Record<CampoBozza, HTMLInputElement | null>>>({});
  const rif = (campo: CampoBozza) => (el: HTMLInputElement | null) => {
    campi.current[campo] = el;
  };
  const [tentativo, setTentativo] = React.useState(0);
  const salva = (evento: React.FormEvent) => {
    evento.preventDefault();
    const validata = validaBozza(bozza);
    if ("errori" in validata) {
      setErrori(validata.errori);
      setTentativo((n) => n + 1);
    } else {
      setErrori({});
      onSalva(validata.impostazioni);
    }
  };
  const sbagliati = ORDINE.filter((c) => errori[c] !== undefined);
  React.useEffect(() => {
    if (tentativo === 0) return;
    const primo = ORDINE.find((c) => errori[c] !== undefined);
    const campo = primo === "soglie" ? "parziale" : primo;
    if (campo) campi.current[campo]?.focus();
    // Only after a Salva refused: typing clears errors without moving the focus.
  }, [tentativo]);

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
            className={stili.campo}
            label="Raggiunto ≥"
            validationState={stato(errori.raggiunto ?? errori.soglie)}
            validationMessage={errori.raggiunto}
          >
            <Input
              ref={rif("raggiunto")}
              className={stili.input}
              value={bozza.raggiunto}
              onChange={soglia("raggiunto")}
              inputMode="decimal"
              contentAfter="%"
            />
          </Field>
          <Field
            className={stili.campo}
            label="Parzialmente raggiunto ≥"
            validationState={stato(errori.parziale ?? errori.soglie)}
            validationMessage={errori.parziale ?? errori.soglie}
          >
            <Input
              ref={rif("parziale")}
              className={stili.input}
              value={bozza.parziale}
              onChange={soglia("parziale")}
              inputMode="decimal"
              contentAfter="%"
            />
          </Field>
        </div>
        <Text size={200}>Sotto la soglia di «Parzialmente raggiunto» l&apos;indicatore è «Non raggiunto».</Text>
      </fieldset>
      {CHIAVI_FASCE.map((c) => (
        <fieldset key={c} className={stili.gruppo}>
          <legend className={stili.legenda}>{NOMI_FASCE[c]}</legend>
          <div className={stili.coppia}>
            <Field
              className={stili.campo}
              label="Etichetta"
              validationState={stato(errori[`etichetta.${c}`])}
              validationMessage={errori[`etichetta.${c}`]}
            >
              <Input
                ref={rif(`etichetta.${c}`)}
                className={stili.input}
                value={bozza.etichette[c]}
                onChange={(_, d) => etichetta(c, d.value)}
              />
            </Field>
            <div className={stili.colore}>
              <Field
                className={stili.campo}
                label="Colore (#RRGGBB)"
                validationState={stato(errori[`colore.${c}`])}
                validationMessage={errori[`colore.${c}`]}
              >
                <Input
                  ref={rif(`colore.${c}`)}
                  className={stili.input}
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
        <Field
          className={stili.campo}
          hint="Ogni Ricalcola scrive anche regole di Excel: se un collega cambia i dati, il colore cambia. Per toglierle: disattivare, salvare e fare Ricalcola tutto."
        >
          <Switch
            checked={bozza.formattazioneCondizionale}
            onChange={(_, d) => setBozza((b) => ({ ...b, formattazioneCondizionale: d.checked }))}
            className={stili.interruttore}
            label={{
              children: "Colori che seguono i dati anche senza Barometro (formattazione condizionale)",
              className: stili.etichettaInterruttore,
            }}
          />
        </Field>
        <Field
          className={stili.campo}
          hint="Per chi ha il componente: Excel apre questo riquadro insieme alla cartella."
        >
          <Switch
            checked={bozza.aperturaAutomatica}
            onChange={(_, d) => setBozza((b) => ({ ...b, aperturaAutomatica: d.checked }))}
            className={stili.interruttore}
            label={{ children: "Apri Barometro all'apertura della cartella", className: stili.etichettaInterruttore }}
          />
        </Field>
      </div>
      <div role="alert">
        {sbagliati.length > 0 && (
          <Text weight="semibold">
            {`Da correggere prima di salvare: ${[...new Set(sbagliati.map(nomeCampo))].join(", ")}.`}
          </Text>
        )}
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
      {esito}
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
