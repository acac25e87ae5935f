import { createCustomFocusIndicatorStyle, makeStyles, shorthands, tokens } from "@fluentui/react-components";

/**
 * The keyboard focus ring of our own buttons and inputs. Fluent draws it in an absolutely placed
 * ::after: the element must be positioned, or the ring lands around some ancestor (off-screen).
 * Drawn 4 px outside the element, so a card keeps its own border (and its chosen state) while focused.
 */
const anelloDelFocus = {
  position: "relative",
  ":focus": { outlineStyle: "none" },
  ":focus-visible": { outlineStyle: "none" },
  ...createCustomFocusIndicatorStyle({
    "::after": {
      content: '""',
      position: "absolute",
      pointerEvents: "none",
      zIndex: 1,
      ...shorthands.border("2px", "solid", tokens.colorStrokeFocus2),
      borderRadius: tokens.borderRadiusLarge,
      ...shorthands.inset("-4px"),
    },
    "@media (forced-colors: active)": { "::after": { ...shorthands.borderColor("Highlight") } },
  }),
} as const;

/** The same for an <input> (no ::after there): an outline, 2 px off. */
const anelloInput = {
  ":focus-visible": {
    ...shorthands.outline("2px", "solid", tokens.colorStrokeFocus2),
    outlineOffset: "2px",
  },
} as const;

const elenco = {
  listStyleType: "none",
  margin: 0,
  padding: 0,
  display: "flex",
  flexDirection: "column",
  rowGap: tokens.spacingVerticalS,
} as const;

/** A card of a list (a line, a finding, a choice): a whole button, its focus ring drawn on itself. */
const voce = {
  display: "flex",
  flexDirection: "column",
  rowGap: tokens.spacingVerticalXXS,
  width: "100%",
  textAlign: "start",
  cursor: "pointer",
  padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
  borderRadius: tokens.borderRadiusMedium,
  backgroundColor: tokens.colorNeutralBackground1,
  color: tokens.colorNeutralForeground1,
  fontFamily: tokens.fontFamilyBase,
  fontSize: tokens.fontSizeBase300,
  ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  ...anelloDelFocus,
} as const;

export const useStiliApp = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: "100vh",
    boxSizing: "border-box",
    containerType: "inline-size",
    containerName: "barometro",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  // Four tabs need ~420 px in one row. In a narrower pane (350 px is common) they sit two by two;
  // narrower still (zoomed in) they wrap as they fit. Never cut.
  schede: {
    flexWrap: "wrap",
    rowGap: tokens.spacingVerticalXXS,
    "@container barometro (min-width: 240px) and (max-width: 419px)": {
      display: "grid",
      gridTemplateColumns: "repeat(2, max-content)",
    },
  },
  pannello: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  stato: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
});

export const useStiliEnte = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  // Zoomed to 200 % the pane is ~160 px: the title's size steps down instead of overflowing.
  titolo: {
    "@container barometro (max-width: 239px)": {
      fontSize: tokens.fontSizeBase500,
      lineHeight: tokens.lineHeightBase500,
    },
  },
  cifra: {
    display: "flex",
    alignItems: "baseline",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
  percentuale: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export const useStiliFascia = makeStyles({
  root: {
    display: "inline-flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
  },
  campione: {
    display: "inline-block",
    width: "12px",
    height: "12px",
    flexShrink: 0,
    // The swatch's edge, not its fill, carries the 3:1 contrast against the pane's background
    // (WCAG 1.4.11) in light and dark themes alike: fills light enough for black cell text cannot.
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStrokeAccessible),
    borderRadius: tokens.borderRadiusSmall,
  },
});

export const useStiliRiepilogo = makeStyles({
  elenco,
  /** A line's card and, under it, the button that opens its breakdown: apart, not touching. */
  voceElenco: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  voce,
  scelta: {
    ...shorthands.border(tokens.strokeWidthThick, "solid", tokens.colorBrandStroke1),
    backgroundColor: tokens.colorBrandBackground2,
    ":hover": { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  nome: {
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  riga: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
  },
  percentuale: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
  },
  dettaglio: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  incompleta: {
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorPaletteDarkOrangeForeground1,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorPaletteDarkOrangeBorder1),
    borderRadius: tokens.borderRadiusSmall,
  },
  comandi: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  ambito: { overflowWrap: "anywhere" },
});

export const useStiliVerifica = makeStyles({
  elenco,
  gruppo: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  voce,
  intestazione: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
  /** The finding's code (PESI_NON_100): for whoever reports it, after the message. */
  codice: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
  /** Read by screen readers only. */
  nascosto: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  /** The tag of a finding that informs (a reading chosen), not a problem. */
  informazione: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
  cella: {
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  messaggio: {
    overflowWrap: "anywhere",
  },
});

export const useStiliImpostazioni = makeStyles({
  modulo: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  gruppo: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    // A fieldset is at least as wide as its content by default: zoomed in, the form scrolled sideways.
    minWidth: 0,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    borderRadius: tokens.borderRadiusMedium,
  },
  legenda: {
    fontWeight: tokens.fontWeightSemibold,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  coppia: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  colore: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXS,
    maxWidth: "100%",
  },
  /** A field that narrows with the pane (an input is ~190 px wide by its own measure). */
  campo: { minWidth: 0, maxWidth: "100%" },
  input: { maxWidth: "100%", minWidth: 0 },
  selettore: {
    width: "32px",
    height: "32px",
    padding: 0,
    cursor: "pointer",
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    ...anelloInput,
  },
  comandi: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  interruttori: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  // Fluent's Text is inline: a section of headings and paragraphs needs its own column.
  sezione: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  paragrafo: { margin: 0 },
  elenco,
  sintassi: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
    display: "block",
    overflowWrap: "anywhere",
  },
  /** A switch's long label wraps in a narrow (zoomed) pane instead of pushing the form sideways. */
  interruttore: { maxWidth: "100%", minWidth: 0 },
  etichettaInterruttore: { minWidth: 0, overflowWrap: "anywhere" },
});

export const useStiliCondivisione = makeStyles({
  sezione: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  testo: { margin: 0 },
  comandi: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  elenco,
  voce,
  cella: { fontWeight: tokens.fontWeightSemibold },
  formula: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  motivo: { overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
  dialogo: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  domanda: { margin: 0, fontWeight: tokens.fontWeightSemibold },
});
