/** The charts of each sheet, by name: the graphic frames of its drawing part that hold a chart. */
import type { GraficoLetto } from "../app/access";
import type { FoglioLetto } from "./foglio-lettura";
import type { Pacchetto } from "./pacchetto";

const URI_GRAFICO = "http://schemas.openxmlformats.org/drawingml/2006/chart";

export async function leggiGrafici(
  pacchetto: Pacchetto,
  fogli: { nome: string; parte: string | null; letto: FoglioLetto | null }[]
): Promise<GraficoLetto[]> {
  const grafici: GraficoLetto[] = [];
  for (const f of fogli) {
    if (!f.parte || !f.letto?.disegno) continue;
    const rel = (await pacchetto.relazioni(f.parte)).find((r) => r.id === f.letto!.disegno);
    const xml = rel?.parte ? await pacchetto.testo(rel.parte) : null;
    if (!xml) continue;
    let cornice = 0;
    let nome: string | null = null;
    let grafico = false;
    pacchetto.leggiXml(rel!.parte!, xml, {
      apre: (el) => {
        if (el.nome === "graphicFrame") {
          cornice++;
          nome = null;
          grafico = false;
        } else if (cornice > 0 && el.nome === "cNvPr" && nome === null) nome = el.attributi.name ?? "";
        else if (cornice > 0 && el.nome === "graphicData" && el.attributi.uri === URI_GRAFICO) grafico = true;
      },
      chiude: (el) => {
        if (el.nome !== "graphicFrame") return;
        cornice--;
        if (grafico && nome !== null) grafici.push({ foglio: f.nome, nome });
      },
    });
  }
  return grafici;
}
