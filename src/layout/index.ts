export * from "./grid";
export * from "./patch";
export { leggiLinee } from "./reader";
export type { LetturaLinee } from "./reader";
export { abbinaColonne, campoIntestazione, CAMPI_OBBLIGATORI, riconosciIntestazione } from "./headers";
export { normalizza } from "./text";
export { isEtichettaPercentuale, isTitolo } from "./sections";
export { isFormatoPercentuale, leggiPercentuale } from "./percent";
export type { ColonneTabella } from "./headers";
