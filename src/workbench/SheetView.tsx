import * as React from "react";
import { makeStyles, tokens, Tab, TabList, Text } from "@fluentui/react-components";
import { CartellaFinta } from "../excel-finto";
import { CellaDaMostrare, vistaFoglio, vistaGrafici } from "../excel-finto/exceljs";
import { formatiGrafico, GraficoView } from "./GraficoView";
import { a1DaArea, contiene, areaDaA1 } from "../excel/addresses";
import { luminanza } from "../engine/visione-colori";

const useStili = makeStyles({
  radice: { display: "flex", flexDirection: "column", minWidth: 0, flex: 1, height: "100%" },
  scorrimento: { overflow: "auto", flex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  // The grid, then the sheet's charts: beside it when there is room, else below.
  contenuto: { display: "flex", flexWrap: "wrap", alignItems: "flex-start", gap: "16px" },
  grafici: { display: "flex", flexDirection: "column", gap: "16px", padding: "12px" },
  tabella: { borderCollapse: "collapse", fontSize: "11px", fontFamily: "Calibri, Arial, sans-serif" },
  intestazione: {
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    fontWeight: 400,
    minWidth: "28px",
    zIndex: 2,
  },
  angolo: { left: 0, zIndex: 3 },
  numeroRiga: {
    position: "sticky",
    left: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    textAlign: "right",
    paddingRight: "4px",
    color: tokens.colorNeutralForeground3,
    // Above text spilling from column A when the grid is scrolled sideways.
    zIndex: 1,
  },
  cella: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: "1px 4px",
    maxWidth: "96px",
    verticalAlign: "top",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    cursor: "cell",
  },
  numero: { textAlign: "right" },
  // Text spills over the empty cells on its right, as in Excel (clipped at the grid's edge).
  trabocca: { overflow: "visible", textOverflow: "clip" },
  griglia: { overflow: "clip" },
  // A tint over the cell's own fill, so the Barometro colours stay visible inside the selection.
  selezionata: { boxShadow: "inset 0 0 0 999px rgba(0, 120, 212, 0.14)" },
});

/**
 * A text cell with nothing on its right in its row (a title, a note) shows all its text over the
 * empty cells, as Excel does; elsewhere text that does not fit is cut with "…" (Excel would stop at
 * the next filled cell, which a table cannot measure).
 */
function trabocca(riga: CellaDaMostrare[], c: number, ultimaPiena: number): boolean {
  const cella = riga[c];
  return c === ultimaPiena && c < riga.length - 1 && !cella.numero && cella.testo !== "" && !cella.unione;
}

/** Index of the last cell of the row with text, or under a merged area (-1 for none). */
function ultimaPienaDi(riga: CellaDaMostrare[]): number {
  for (let c = riga.length - 1; c >= 0; c--) if (riga[c].testo !== "" || riga[c].coperta || riga[c].unione) return c;
  return -1;
}

/**
 * A filled cell's text is black, as Excel's automatic font colour shows it (the pane's theme text,
 * #242424, gave 3.8:1 on the red fill); white on fills too dark for it, as the workbook's own white
 * font would show (fonts are not modelled): whichever contrasts more.
 */
function stileCella(colore: string | null): React.CSSProperties | undefined {
  if (!colore) return undefined;
  const l = luminanza(colore);
  const bianco = l !== null && 1.05 / (l + 0.05) > (l + 0.05) / 0.05;
  return { backgroundColor: colore, color: bianco ? "#FFFFFF" : "#000000" };
}

export interface SheetViewProps {
  cartella: CartellaFinta;
  /** Bumped after every Excel.run on the fake workbook, to draw it again. */
  versione: number;
  onSeleziona: (foglio: string, indirizzo: string) => void;
}

/**
 * The in-memory workbook drawn like Excel: sheet tabs, column letters, row numbers, values, and the
 * colour a person sees (a true conditional format's over the cell's own fill); the sheet's charts
 * beside the grid.
 */
export function SheetView({ cartella, versione, onSeleziona }: SheetViewProps): React.JSX.Element {
  const stili = useStili();
  const attivo = cartella.fogli.find((f) => f.id === cartella.foglioAttivo) ?? cartella.fogli[0];
  const vista = React.useMemo(() => (attivo ? vistaFoglio(attivo) : null), [attivo, versione]);
  const grafici = React.useMemo(
    () =>
      attivo
        ? vistaGrafici(cartella, attivo).map((g, i) => ({
            vista: g,
            formati: formatiGrafico(cartella, attivo.grafici[i], g),
          }))
        : [],
    [cartella, attivo, versione]
  );
  const selezione = cartella.selezione && cartella.selezione.foglio === attivo?.id ? cartella.selezione.area : null;

  React.useEffect(() => {
    if (!selezione) return;
    const primo = a1DaArea({ ...selezione, bottom: selezione.top, right: selezione.left });
    document.querySelector(`[data-cella="${primo}"]`)?.scrollIntoView({ block: "center", inline: "nearest" });
  }, [selezione?.top, selezione?.left, versione]);

  if (!attivo || !vista) return <Text>Nessun foglio.</Text>;
  const colonne = vista.righe[0]?.length ?? 0;
  return (
    <section className={stili.radice} aria-label="Foglio di lavoro">
      <TabList
        selectedValue={attivo.id}
        onTabSelect={(_, d) => onSeleziona(String(d.value), "A1")}
        size="small"
        aria-label="Fogli"
      >
        {cartella.fogli.map((f) => (
          <Tab key={f.id} value={f.id}>
            {f.nome}
          </Tab>
        ))}
      </TabList>
      <div className={stili.scorrimento}>
        <div className={stili.contenuto}>
          <div className={stili.griglia}>
            <table className={stili.tabella} data-foglio={attivo.nome}>
              <thead>
                <tr>
                  <th className={`${stili.intestazione} ${stili.angolo}`} />
                  {Array.from({ length: colonne }, (_, c) => (
                    <th key={c} className={stili.intestazione} scope="col">
                      {a1DaArea({ top: 0, left: c, bottom: 0, right: c }).replace(/\d+$/, "")}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {vista.righe.map((riga, r) => {
                  const ultimaPiena = ultimaPienaDi(riga);
                  return (
                    <tr key={r}>
                      <th className={stili.numeroRiga} scope="row">
                        {r + 1}
                      </th>
                      {riga.map((cella, c) =>
                        cella.coperta ? null : (
                          <td
                            key={cella.indirizzo}
                            data-cella={cella.indirizzo}
                            data-colore={cella.colore ?? ""}
                            data-riempimento={cella.riempimento ?? ""}
                            data-condizionale={cella.condizionale ? "true" : undefined}
                            title={cella.formula ?? (cella.testo || undefined)}
                            rowSpan={cella.unione?.righe}
                            colSpan={cella.unione?.colonne}
                            className={[
                              stili.cella,
                              cella.numero ? stili.numero : "",
                              trabocca(riga, c, ultimaPiena) ? stili.trabocca : "",
                              selezione && contiene(selezione, areaDaA1(cella.indirizzo)) ? stili.selezionata : "",
                            ].join(" ")}
                            style={stileCella(cella.colore)}
                            onClick={() => onSeleziona(attivo.nome, cella.indirizzo)}
                          >
                            {cella.testo}
                          </td>
                        )
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {grafici.length > 0 && (
            <div className={stili.grafici} aria-label={`Grafici del foglio ${attivo.nome}`} role="group">
              {grafici.map((g, i) => (
                <GraficoView key={`${i}-${g.vista.nome}`} grafico={g.vista} formati={g.formati} />
              ))}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
