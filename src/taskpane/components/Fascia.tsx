import * as React from "react";
import { useStiliFascia } from "../styles";
import { FasciaVista } from "../types";

/** A band: colour swatch and label together, never the colour alone. */
export function Fascia({ fascia }: { fascia: FasciaVista | null }): React.JSX.Element {
  const stili = useStiliFascia();
  if (!fascia) return <span className={stili.root}>Non calcolabile</span>;
  return (
    <span className={stili.root}>
      <span className={stili.campione} style={{ backgroundColor: fascia.colore }} aria-hidden="true" />
      <span>{fascia.etichetta}</span>
    </span>
  );
}
