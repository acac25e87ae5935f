import * as React from "react";
import { Badge, Caption1, Title2 } from "@fluentui/react-components";
import type { Bande, RisultatoEnte } from "../../engine";
import { formatPercentuale } from "../../engine";
import { fasciaVista } from "../stato-riquadro";
import { useStiliEnte } from "../stili";
import { EtichettaFascia } from "./EtichettaFascia";

export interface EnteHeaderProps {
  /** null until the first read ends. */
  risultato: RisultatoEnte | null;
  bande: Bande;
}

/** Title and the overall (ente) figure with its band. */
export function EnteHeader({ risultato, bande }: EnteHeaderProps): React.JSX.Element {
  const stili = useStiliEnte();
  const percentuale = risultato?.percentuale ?? null;
  return (
    <header className={stili.root}>
      <Title2 as="h1" className={stili.titolo}>
        Barometro
      </Title2>
      <Caption1 id="barometro-ente-etichetta">Stato di attuazione complessivo dell&apos;ente</Caption1>
      <div className={stili.cifra} role="group" aria-labelledby="barometro-ente-etichetta">
        <span className={stili.percentuale}>{risultato ? formatPercentuale(percentuale) : "—"}</span>
        {risultato && <EtichettaFascia fascia={fasciaVista(percentuale, bande)} />}
        {risultato?.incompleta && (
          <Badge appearance="tint" color="warning">
            dati incompleti
          </Badge>
        )}
      </div>
    </header>
  );
}
