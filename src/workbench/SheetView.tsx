import * as React from "react";
import { makeStyles, tokens, Tab, TabList, Text } from "@fluentui/react-components";
import { CartellaFinta } from "./fake-excel";
import { vistaFoglio } from "./xlsx-to-fake";
import { a1DaArea, contiene, areaDaA1 } from "../excel/addresses";

const useStili = makeStyles({
  radice: { display: "flex", flexDirection: "column", minWidth: 0, flex: 1, height: "100%" },
  scorrimento: { overflow: "auto", flex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  tabella: { borderCollapse: "collapse", fontSize: "11px", fontFamily: "Calibri, Arial, sans-serif" },
  intestazione: {
    position: "sticky",
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    fontWeight: 400,
    minWidth: "28px",
    zIndex: 1,
  },
  numeroRiga: {
    position: "sticky",
    left: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    textAlign: "right",
    paddingRight: "4px",
    color: tokens.colorNeutralForeground3,
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
  // A tint over the cell's own fill, so the Barometro colours stay visible inside the selection.
  selezionata: { boxShadow: "inset 0 0 0 999px rgba(0, 120, 212, 0.14)" },
});

export interface SheetViewProps {
  cartella: CartellaFinta;
  /** Bumped after every Excel.run on the fake workbook, to draw it again. */
  versione: number;
  onSeleziona: (foglio: string, indirizzo: string) => void;
}

/** The in-memory workbook drawn like Excel: sheet tabs, column letters, row numbers, values and fills. */
export function SheetView({ cartella, versione, onSeleziona }: SheetViewProps): React.JSX.Element {
  const stili = useStili();
  const attivo = cartella.fogli.find((f) => f.id === cartella.foglioAttivo) ?? cartella.fogli[0];
  const vista = React.useMemo(() => (attivo ? vistaFoglio(attivo) : null), [attivo, versione]);
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
        <table className={stili.tabella} data-foglio={attivo.nome}>
          <thead>
            <tr>
              <th className={stili.intestazione} />
              {Array.from({ length: colonne }, (_, c) => (
                <th key={c} className={stili.intestazione} scope="col">
                  {a1DaArea({ top: 0, left: c, bottom: 0, right: c }).replace(/\d+$/, "")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {vista.righe.map((riga, r) => (
              <tr key={r}>
                <th className={stili.numeroRiga} scope="row">
                  {r + 1}
                </th>
                {riga.map((cella) =>
                  cella.coperta ? null : (
                    <td
                      key={cella.indirizzo}
                      data-cella={cella.indirizzo}
                      data-colore={cella.colore ?? ""}
                      title={cella.formula ?? undefined}
                      rowSpan={cella.unione?.righe}
                      colSpan={cella.unione?.colonne}
                      className={[
                        stili.cella,
                        cella.numero ? stili.numero : "",
                        selezione && contiene(selezione, areaDaA1(cella.indirizzo)) ? stili.selezionata : "",
                      ].join(" ")}
                      style={cella.colore ? { backgroundColor: cella.colore } : undefined}
                      onClick={() => onSeleziona(attivo.nome, cella.indirizzo)}
                    >
                      {cella.testo}
                    </td>
                  )
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
