import * as React from "react";
import { makeStyles, mergeClasses, tokens, useId } from "@fluentui/react-components";
import type { Selezione } from "../../app/access";
import type { RilievoTraccia, Traccia, TracciaIndicatore, TracciaLinea, TracciaObiettivo } from "../../engine";
import { formatNumero, formatPercentuale } from "../../engine";

/**
 * «Perché questo numero»: the breakdown of a line's (or the ente's) percentage, from the engine's
 * trace. A disclosure: the button «Perché 84,44%?» opens it below, Escape closes it and gives the
 * focus back to that button. Objectives with weights and figures, each expandable to its
 * indicators (rule, figures, weight, contribution); neutralised objectives with the reason;
 * Verifica's findings beside the item they concern. Every item with a cell selects it on click
 * (Enter or Space from the keyboard): all are native buttons, wrapping at any width.
 */

export interface ScomposizioneLineaProps {
  traccia: TracciaLinea;
  onSeleziona(selezione: Selezione): void;
}

export function ScomposizioneLinea({ traccia, onSeleziona }: ScomposizioneLineaProps): React.JSX.Element {
  const stili = useStiliScomposizione();
  const conteggiati = traccia.obiettiviConteggiati;
  return (
    <Apribile percentuale={traccia.percentuale} descrizione={`Scomposizione della percentuale di ${traccia.nome}`}>
      <VoceCella cella={traccia.cella} foglio={traccia.foglio} onSeleziona={onSeleziona}>
        <span className={stili.nome}>{traccia.nome}</span>
        <span className={stili.cifra}>{formatPercentuale(traccia.percentuale)}</span>
      </VoceCella>
      <p className={stili.testo}>
        {traccia.percentuale === null
          ? "Nessun obiettivo conteggiato: la linea non ha una percentuale."
          : `Media aritmetica di ${conteggio(conteggiati, "obiettivo conteggiato", "obiettivi conteggiati")}`}
        {traccia.neutralizzati > 0 ? `; ${conteggio(traccia.neutralizzati, "neutralizzato", "neutralizzati")}` : ""}
        {traccia.incompleta ? "; dati incompleti" : ""}.
      </p>
      {traccia.diversa && (
        <p className={mergeClasses(stili.testo, stili.diverso)}>
          Nel foglio è scritto {formatPercentuale(traccia.percentualeNelFoglio)}: diverso dal calcolo.
        </p>
      )}
      <Rilievi rilievi={traccia.rilievi} onSeleziona={onSeleziona} />
      <ul className={stili.elenco} aria-label={`Obiettivi di ${traccia.nome}`}>
        {traccia.obiettivi.map((o, i) => (
          <li key={`${o.riga}-${i}`} className={stili.obiettivo}>
            <VoceObiettivo obiettivo={o} onSeleziona={onSeleziona} />
          </li>
        ))}
      </ul>
    </Apribile>
  );
}

export interface ScomposizioneEnteProps {
  traccia: Traccia;
  onSeleziona(selezione: Selezione): void;
}

/** The ente's figure: the mean of its lines, each selecting its cell. */
export function ScomposizioneEnte({ traccia, onSeleziona }: ScomposizioneEnteProps): React.JSX.Element {
  const stili = useStiliScomposizione();
  const { ente, linee } = traccia;
  return (
    <Apribile percentuale={ente.percentuale} descrizione="Scomposizione della percentuale dell'ente">
      <p className={stili.testo}>
        {ente.percentuale === null
          ? "Nessuna linea ha una percentuale."
          : `Media aritmetica di ${conteggio(ente.lineeConteggiate, "linea", "linee")}`}
        {ente.lineeConteggiate < linee.length
          ? `; ${conteggio(linee.length - ente.lineeConteggiate, "linea senza percentuale", "linee senza percentuale")}`
          : ""}
        {ente.incompleta ? "; dati incompleti" : ""}.
      </p>
      <ul className={stili.elenco} aria-label="Linee strategiche dell'ente">
        {linee.map((l, i) => (
          <li key={`${l.foglio}-${i}`}>
            <VoceCella cella={l.cella} foglio={l.foglio} onSeleziona={onSeleziona}>
              <span className={stili.nome}>{l.nome}</span>
              <span className={stili.cifra}>
                {l.percentuale === null ? "non conteggiata" : formatPercentuale(l.percentuale)}
              </span>
            </VoceCella>
          </li>
        ))}
      </ul>
    </Apribile>
  );
}

/** The disclosure: «Perché N%?», and what it opens, closed again by Escape. */
function Apribile({
  percentuale,
  descrizione,
  children,
}: {
  percentuale: number | null;
  descrizione: string;
  children: React.ReactNode;
}): React.JSX.Element {
  const stili = useStiliScomposizione();
  const [aperta, setAperta] = React.useState(false);
  const pulsante = React.useRef<HTMLButtonElement>(null);
  const idRegione = useId("barometro-scomposizione-");
  const idDescrizione = useId("barometro-scomposizione-di-");
  const chiudi = () => {
    setAperta(false);
    pulsante.current?.focus();
  };
  const esc = (e: React.KeyboardEvent) => {
    if (e.key === "Escape" && aperta) {
      e.stopPropagation();
      chiudi();
    }
  };
  return (
    <div className={stili.root} onKeyDown={esc}>
      <button
        ref={pulsante}
        type="button"
        className={mergeClasses(stili.focus, stili.apri)}
        aria-expanded={aperta}
        aria-controls={aperta ? idRegione : undefined}
        aria-describedby={idDescrizione}
        onClick={() => setAperta((a) => !a)}
      >
        <span aria-hidden="true" className={stili.freccia}>
          {aperta ? "▾" : "▸"}
        </span>
        Perché {formatPercentuale(percentuale)}?
      </button>
      <span id={idDescrizione} className={stili.nascosto}>
        {descrizione}
      </span>
      {aperta && (
        <section id={idRegione} aria-label={descrizione} className={stili.regione}>
          {children}
          <button type="button" className={mergeClasses(stili.focus, stili.chiudi)} onClick={chiudi}>
            Chiudi la scomposizione
          </button>
        </section>
      )}
    </div>
  );
}

function VoceObiettivo({
  obiettivo,
  onSeleziona,
}: {
  obiettivo: TracciaObiettivo;
  onSeleziona(selezione: Selezione): void;
}): React.JSX.Element {
  const stili = useStiliScomposizione();
  const [aperto, setAperto] = React.useState(false);
  const idIndicatori = useId("barometro-indicatori-");
  const n = obiettivo.indicatori.length;
  return (
    <>
      <VoceCella cella={obiettivo.cella} foglio={obiettivo.foglio} onSeleziona={onSeleziona}>
        <span className={stili.nome}>{obiettivo.nome || "(obiettivo senza nome)"}</span>
        <span className={stili.cifra}>
          {obiettivo.neutralizzato
            ? "neutralizzato"
            : obiettivo.percentuale === null
              ? "non conteggiato"
              : formatPercentuale(obiettivo.percentuale)}
        </span>
      </VoceCella>
      <p className={stili.testo}>
        Σ peso {formatNumero(obiettivo.sommaPesi, Number.isInteger(obiettivo.sommaPesi) ? 0 : 2)}
        {obiettivo.incompleto ? " · dati incompleti" : ""}
      </p>
      {obiettivo.motivo && (
        <p className={mergeClasses(stili.testo, stili.motivo)}>
          {obiettivo.neutralizzato ? "Neutralizzato" : "Non conteggiato"}: {obiettivo.motivo}
        </p>
      )}
      <Rilievi rilievi={obiettivo.rilievi} onSeleziona={onSeleziona} />
      {n > 0 && (
        <button
          type="button"
          className={mergeClasses(stili.focus, stili.espandi)}
          aria-expanded={aperto}
          aria-controls={aperto ? idIndicatori : undefined}
          onClick={() => setAperto((a) => !a)}
        >
          <span aria-hidden="true" className={stili.freccia}>
            {aperto ? "▾" : "▸"}
          </span>
          {conteggio(n, "indicatore", "indicatori")}
        </button>
      )}
      {aperto && (
        <ul id={idIndicatori} className={stili.elenco} aria-label={`Indicatori di ${obiettivo.nome}`}>
          {obiettivo.indicatori.map((ind, k) => (
            <li key={`${ind.riga}-${k}`} className={stili.indicatore}>
              <VoceIndicatore indicatore={ind} onSeleziona={onSeleziona} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function VoceIndicatore({
  indicatore: ind,
  onSeleziona,
}: {
  indicatore: TracciaIndicatore;
  onSeleziona(selezione: Selezione): void;
}): React.JSX.Element {
  const stili = useStiliScomposizione();
  const numero = (x: number) => formatNumero(x, Number.isInteger(x) ? 0 : 2);
  return (
    <>
      <VoceCella cella={ind.cella} foglio={ind.foglio} onSeleziona={onSeleziona}>
        <span className={stili.nome}>{ind.nome || "(indicatore senza nome)"}</span>
        <span className={stili.cifra}>% Ragg {ind.ragg === null ? "—" : numero(ind.ragg)}</span>
      </VoceCella>
      <dl className={stili.dati}>
        <dt>Regola</dt>
        <dd>{ind.regola}</dd>
        {ind.calcolo && (
          <>
            <dt>Calcolo</dt>
            <dd>{ind.calcolo}</dd>
          </>
        )}
        {ind.lettura && (
          <>
            <dt>Lettura</dt>
            <dd>{ind.lettura}</dd>
          </>
        )}
        <dt>Polarità</dt>
        <dd>{ind.originePolaritaTesto}</dd>
        <dt>Peso</dt>
        <dd>
          {ind.peso === null ? "—" : numero(ind.peso)}
          {ind.pesoNormalizzato !== null ? ` (${formatPercentuale(ind.pesoNormalizzato * 100)} dell'obiettivo)` : ""}
        </dd>
        <dt>Contributo</dt>
        <dd>
          {ind.contributo === null ? `non conteggiato: ${ind.motivo ?? "—"}` : `${formatNumero(ind.contributo)} punti`}
        </dd>
      </dl>
      <Rilievi rilievi={ind.rilievi} onSeleziona={onSeleziona} />
    </>
  );
}

/** Verifica's findings on an item, the plain message first; each selects its cell. */
function Rilievi({
  rilievi,
  onSeleziona,
}: {
  rilievi: RilievoTraccia[];
  onSeleziona(selezione: Selezione): void;
}): React.JSX.Element | null {
  const stili = useStiliScomposizione();
  if (rilievi.length === 0) return null;
  return (
    <ul className={stili.elenco} aria-label="Avvisi della Verifica">
      {rilievi.map((r, i) => (
        <li key={`${r.codice}-${r.cella}-${i}`}>
          <VoceCella cella={r.cella} foglio={r.foglio} onSeleziona={onSeleziona} variante="rilievo">
            <span className={stili.nome}>
              <span aria-hidden="true">{r.informativo ? "ℹ " : "⚠ "}</span>
              {r.informativo ? "Informazione" : "Avviso"}: {r.messaggio}
            </span>
          </VoceCella>
        </li>
      ))}
    </ul>
  );
}

/** An item of the breakdown: a button selecting its cell, or plain text where it has none. */
function VoceCella({
  cella,
  foglio,
  onSeleziona,
  variante,
  children,
}: {
  cella: string | null;
  foglio: string;
  onSeleziona(selezione: Selezione): void;
  variante?: "rilievo";
  children: React.ReactNode;
}): React.JSX.Element {
  const stili = useStiliScomposizione();
  const classe = mergeClasses(stili.voce, variante === "rilievo" && stili.rilievo);
  if (!cella) return <div className={classe}>{children}</div>;
  return (
    <button
      type="button"
      className={mergeClasses(stili.focus, classe, stili.cliccabile)}
      title={`Seleziona ${foglio}!${cella}`}
      onClick={() => onSeleziona({ foglio, indirizzo: cella })}
    >
      {children}
      <span className={stili.cella}>
        {foglio}!{cella}
      </span>
    </button>
  );
}

function conteggio(n: number, uno: string, molti: string): string {
  return `${n} ${n === 1 ? uno : molti}`;
}

const useStiliScomposizione = makeStyles({
  root: {
    position: "relative",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  // Drawn on the element itself (not a positioned ::after), so it is seen at any zoom.
  focus: {
    ":focus-visible": {
      outlineWidth: "2px",
      outlineStyle: "solid",
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: "2px",
    },
  },
  apri: {
    alignSelf: "flex-start",
    display: "inline-flex",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalXS,
    minHeight: "24px",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  freccia: { fontSize: tokens.fontSizeBase200 },
  regione: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  elenco: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  obiettivo: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  indicatore: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    marginLeft: tokens.spacingHorizontalS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `2px solid ${tokens.colorNeutralStroke1}`,
  },
  voce: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "2px",
    width: "100%",
    boxSizing: "border-box",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    border: "1px solid transparent",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    textAlign: "start",
  },
  cliccabile: {
    cursor: "pointer",
    ":hover": {
      backgroundColor: tokens.colorNeutralBackground1Hover,
      border: `1px solid ${tokens.colorNeutralStroke1}`,
    },
  },
  rilievo: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorStatusWarningBackground1,
  },
  nome: { flexGrow: 1, flexBasis: "12em", minWidth: 0, overflowWrap: "anywhere" },
  // Wraps between «% Ragg» and its number in a narrow pane, never clipped.
  cifra: { fontWeight: tokens.fontWeightSemibold, minWidth: 0, overflowWrap: "anywhere" },
  cella: {
    flexBasis: "100%",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
    overflowWrap: "anywhere",
  },
  testo: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  diverso: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  motivo: { color: tokens.colorNeutralForeground1 },
  espandi: {
    alignSelf: "flex-start",
    display: "inline-flex",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalXS,
    padding: `2px ${tokens.spacingHorizontalXS}`,
    border: "none",
    backgroundColor: "transparent",
    color: tokens.colorBrandForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    cursor: "pointer",
    textDecorationLine: "underline",
  },
  dati: {
    display: "grid",
    gridTemplateColumns: "minmax(0, max-content) minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "2px",
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    "& dt": { color: tokens.colorNeutralForeground2 },
    "& dd": { margin: 0, overflowWrap: "anywhere" },
    "@container barometro (max-width: 239px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  chiudi: {
    alignSelf: "flex-start",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    cursor: "pointer",
  },
  nascosto: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});
