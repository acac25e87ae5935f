import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { CartellaFinta, GraficoFinto } from "../excel-finto";
import { testoMostrato, VistaGrafico } from "../excel-finto/exceljs";

/**
 * A chart of the fake workbook drawn as an accessible SVG: title, one bar per point in its colour,
 * and, where the series has data labels, each value as text (formatted like its source cell, as
 * Excel's data labels are by default). All text goes through React text nodes.
 */

const useStili = makeStyles({
  contenitore: {
    backgroundColor: "#FFFFFF",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
    padding: tokens.spacingHorizontalS,
    flexShrink: 0,
  },
  svg: { display: "block", fontFamily: "Calibri, Arial, sans-serif" },
});

/** Excel's first series colour (Office theme accent 1), for a point without its own fill. */
const COLORE_SERIE = "#4472C4";
const LARGHEZZA = 600;
const TITOLO = 34;
const ETICHETTE = 230; // category labels, left of the bars
const VALORI = 60; // value labels, right of the longest bar
const MARGINE = 12;
const ASSE = 22; // value axis labels, under the bars
const RIGA = 30; // one category
const CARATTERI_RIGA = 32; // category label: characters per line, before wrapping

export interface GraficoViewProps {
  grafico: VistaGrafico;
  /** The number format of each series' values (from the source cells), by series then point. */
  formati: string[][];
}

/** Horizontal bars (Bar…) as Excel draws them; other chart types as vertical columns would be, on the same data. */
export function GraficoView({ grafico, formati }: GraficoViewProps): React.JSX.Element {
  const stili = useStili();
  const { categorie, serie } = grafico;
  const valori = serie.flatMap((s) => s.valori.filter((v): v is number => v !== null));
  const minimo = grafico.minimo ?? Math.min(0, ...valori);
  const massimo = grafico.massimo ?? Math.max(minimo + 1, ...valori);
  const ampiezza = massimo - minimo || 1;
  const formatoAsse = formati[0]?.find((f) => f !== "") ?? "General";
  const testo = (k: number, i: number) => {
    const v = serie[k].valori[i];
    return v === null ? "" : testoMostrato(v, formati[k]?.[i] ?? "General");
  };

  // Excel draws a bar chart's first category at the bottom, unless the category axis is reversed.
  const ordine = categorie.map((_, i) => i);
  if (!grafico.categorieInvertite) ordine.reverse();

  const x0 = MARGINE + ETICHETTE;
  const larghezzaBarre = LARGHEZZA - x0 - VALORI - MARGINE;
  const x = (v: number) => x0 + ((Math.max(minimo, Math.min(massimo, v)) - minimo) / ampiezza) * larghezzaBarre;
  const y0 = TITOLO + MARGINE / 2;
  const altezzaBarre = ordine.length * RIGA;
  const altezza = y0 + altezzaBarre + ASSE + MARGINE;
  const spessore = Math.max(4, (RIGA * 0.62) / Math.max(1, serie.length));
  const tacche = Array.from({ length: 5 }, (_, t) => minimo + (ampiezza * t) / 4);

  const titolo = grafico.titolo ?? grafico.nome;
  const descrizione = `${titolo}: ${categorie
    .map((c, i) => `${c} ${serie.map((_, k) => testo(k, i) || "nessun valore").join(", ")}`)
    .join("; ")}`;

  return (
    <div className={stili.contenitore} data-grafico={grafico.nome}>
      <svg
        className={stili.svg}
        role="img"
        aria-label={descrizione}
        width={LARGHEZZA}
        height={altezza}
        viewBox={`0 0 ${LARGHEZZA} ${altezza}`}
      >
        <text x={LARGHEZZA / 2} y={TITOLO - 12} textAnchor="middle" fontSize={15} fill="#404040">
          {titolo}
        </text>
        {tacche.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={y0} y2={y0 + altezzaBarre} stroke="#D9D9D9" strokeWidth={1} />
            <text x={x(t)} y={y0 + altezzaBarre + 15} textAnchor="middle" fontSize={10} fill="#595959">
              {testoMostrato(t, formatoAsse.includes("%") ? "0%" : "General")}
            </text>
          </g>
        ))}
        {ordine.map((i, riga) => {
          const yRiga = y0 + riga * RIGA;
          const righe = aCapo(categorie[i]);
          return (
            <g key={i} data-categoria={categorie[i]}>
              <title>{categorie[i]}</title>
              <text x={x0 - 6} y={yRiga + RIGA / 2} textAnchor="end" fontSize={10} fill="#404040">
                {righe.map((r, j) => (
                  <tspan key={j} x={x0 - 6} dy={j === 0 ? `${0.35 - (righe.length - 1) * 0.55}em` : "1.1em"}>
                    {r}
                  </tspan>
                ))}
              </text>
              {serie.map((s, k) => {
                const v = s.valori[i];
                if (v === null) return null;
                const colore = s.colori[i] ?? null;
                const y = yRiga + (RIGA - spessore * serie.length) / 2 + k * spessore;
                const da = x(Math.max(minimo, Math.min(0, massimo)));
                const a = x(v);
                return (
                  <g key={k}>
                    <rect
                      data-punto-colore={colore ?? ""}
                      x={Math.min(da, a)}
                      y={y}
                      width={Math.max(1, Math.abs(a - da))}
                      height={spessore}
                      fill={colore ?? COLORE_SERIE}
                      stroke="#7F7F7F"
                      strokeWidth={0.5}
                    />
                    {s.etichette && (
                      <text x={Math.max(da, a) + 4} y={y + spessore / 2} dy="0.35em" fontSize={10} fill="#262626">
                        {testo(k, i)}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
        <line x1={x0} x2={x0} y1={y0} y2={y0 + altezzaBarre} stroke="#A6A6A6" strokeWidth={1} />
      </svg>
    </div>
  );
}

/** A category label in at most two lines, cut with "…" beyond (the full text is in the bar's tooltip). */
export function aCapo(testo: string, larghezza = CARATTERI_RIGA): string[] {
  const righe: string[] = [];
  let corrente = "";
  for (const parola of testo.split(/\s+/).filter((p) => p !== "")) {
    if (corrente === "") corrente = parola;
    else if (corrente.length + 1 + parola.length <= larghezza) corrente += ` ${parola}`;
    else {
      righe.push(corrente);
      corrente = parola;
    }
  }
  if (corrente !== "") righe.push(corrente);
  if (righe.length <= 2) return righe.map((r) => taglia(r, larghezza));
  return [taglia(righe[0], larghezza), taglia(righe.slice(1).join(" "), larghezza)];
}

function taglia(riga: string, larghezza: number): string {
  if (riga.length <= larghezza) return riga;
  return `${riga.slice(0, larghezza - 1).trimEnd()}…`;
}

/**
 * Each series' number formats, point by point, from the chart's source cells (the same cells
 * datiGrafico reads: series by columns unless "Rows", a leading text line as categories).
 */
export function formatiGrafico(cartella: CartellaFinta, grafico: GraficoFinto, vista: VistaGrafico): string[][] {
  const foglio = cartella.foglio(grafico.origine.foglio);
  const { area } = grafico.origine;
  const perColonne = grafico.serieDa !== "Rows";
  const linee = perColonne ? area.right - area.left + 1 : area.bottom - area.top + 1;
  const primaSerie = linee - vista.serie.length;
  return vista.serie.map((_, k) =>
    vista.categorie.map((_, i) => {
      const riga = perColonne ? area.top + i : area.top + primaSerie + k;
      const colonna = perColonne ? area.left + primaSerie + k : area.left + i;
      return foglio?.cellaIn(riga, colonna)?.formato ?? "General";
    })
  );
}
