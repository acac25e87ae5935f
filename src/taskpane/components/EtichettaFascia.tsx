import * as React from "react";
import { useStiliFascia } from "../stili";
import { FasciaVista } from "../tipi";

/** A band: colour swatch and label together, never the colour alone. */
export function EtichettaFascia({ fascia }: { fascia: FasciaVista | null }): React.JSX.Element {
  const stili = useStiliFascia();
  if (!fascia) return <span className={stili.root}>Non calcolabile</span>;
  return (
    <span className={stili.root}>
      <span className={stili.campione} style={{ backgroundColor: fascia.colore }} aria-hidden="true" />
      <span>{fascia.etichetta}</span>
    </span>
  );
}
