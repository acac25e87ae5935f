import * as fs from "fs";
import * as path from "path";
import { leggiLinee } from "../../src/layout";
import { FoglioBuilder, SpecObiettivo } from "./grid-builder";

/** The 2024 report's content (test/fixtures), laid out the way the staff's workbook prints it. */
interface Relazione {
  linee: {
    linea: string;
    publishedPercent: number;
    obiettivi: {
      settore: string;
      obiettivo: string;
      definizione: string;
      indicatori: Record<string, string | number>[];
    }[];
  }[];
}

const relazione = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "fixtures", "relazione-performance-2024.json"), "utf8")
) as Relazione;

function obiettivi(linea: Relazione["linee"][number]): SpecObiettivo[] {
  return linea.obiettivi.map((o) => ({
    settore: o.settore,
    nome: o.obiettivo,
    definizione: o.definizione,
    indicatori: o.indicatori.map((i) => ({
      nome: i.indicatore,
      formula: i.formula,
      finalita: i.finalita,
      atteso: i.targetAtteso,
      consuntivo: i.targetConsuntivo,
      scostamento: i.publishedScostamento,
      note: i.note,
      peso: i.peso,
      ragg: i.publishedRagg,
    })),
  }));
}

describe.each(["unione", "vuota"] as const)("Relazione sulla Performance 2024, celle %s", (continuazione) => {
  const b = new FoglioBuilder("All. B");
  b.riga(0, 0, ["Stato di attuazione degli Obiettivi 2024"]);
  b.vuote(2);
  for (const linea of relazione.linee) {
    const n = linea.obiettivi.reduce((s, o) => s + o.indicatori.length, 0);
    b.sezione({
      titolo: linea.linea,
      percentuale: { valore: linea.publishedPercent / 100, fmt: "0.00%", dove: "sotto", righeVuote: 2 },
      continuazione,
      // Printed pages repeat the header every few rows, sometimes inside an objective.
      intestazioneRipetuta: Array.from({ length: Math.floor(n / 5) }, (_, k) => 5 * (k + 1)),
      righeVuote: n > 3 ? [3] : [],
      obiettivi: obiettivi(linea),
    });
  }
  const { linee, errore } = leggiLinee([b.build()]);

  it("legge tutte le linee, gli obiettivi e gli indicatori", () => {
    expect(errore).toBeNull();
    expect(linee.map((l) => l.nome)).toEqual(relazione.linee.map((l) => l.linea));
    linee.forEach((linea, l) => {
      const attesa = relazione.linee[l];
      expect(linea.obiettivi.map((o) => [o.nome, o.indicatori.length])).toEqual(
        attesa.obiettivi.map((o) => [o.obiettivo, o.indicatori.length])
      );
      expect(linea.percentuale?.valore).toBeCloseTo(attesa.publishedPercent, 10);
      expect(linea.percentuale?.scala).toBe("frazione");
    });
  });

  it("legge i valori degli indicatori come sono", () => {
    linee.forEach((linea, l) =>
      linea.obiettivi.forEach((o, k) => {
        const atteso = relazione.linee[l].obiettivi[k];
        expect(o.definizione).toBe(atteso.definizione);
        o.indicatori.forEach((ind, i) => {
          const a = atteso.indicatori[i];
          expect([ind.nome, ind.atteso, ind.consuntivo, ind.peso, ind.ragg]).toEqual([
            String(a.indicatore).trim(),
            a.targetAtteso,
            a.targetConsuntivo,
            a.peso,
            a.publishedRagg,
          ]);
        });
      })
    );
  });

  it("il settore vuoto riprende quello delle righe sopra", () => {
    const mandato = linee[linee.length - 1];
    const fonte = relazione.linee[relazione.linee.length - 1].obiettivi;
    let settore = "";
    mandato.obiettivi.forEach((o, k) => {
      if (fonte[k].settore.trim() !== "") settore = fonte[k].settore.trim();
      expect(o.settore).toBe(settore);
    });
  });
});
