/**
 * Dress invariance on generated workbooks (issue 17): random sheets in the staff's layout (random
 * values, junk, column orders), each re-dressed in one of the ways offices write figures, give the
 * same line figures, bands and % Ragg, and the same real findings; nothing beyond the
 * informational LETTURA_SCELTA (and, for dresses that store numbers as text, the NUMERO_COME_TESTO
 * that rightly says so on the changed cells).
 */
import fc from "fast-check";
import { leggiLinee } from "../../src/layout";
import { esito, quasiUguali, reali, vesti, VESTITI } from "../layout/vestiti";
import { costruisci, disposizione, specFoglio } from "./generatori";

const RUNS = { numRuns: Number(process.env.BAROMETRO_FC_RUNS ?? 150) };

const caso = specFoglio.chain((spec) =>
  fc.record({ spec: fc.constant(spec), d: disposizione(spec.polarita), vestito: fc.constantFrom(...VESTITI) })
);

test("re-dressing any column gives the same figures, bands and real findings", () => {
  fc.assert(
    fc.property(caso, ({ spec, d, vestito }) => {
      const fogli = [costruisci(spec, d)];
      const prima = esito(fogli);
      const { fogli: vestiti, cambiate } = vesti(fogli, leggiLinee(fogli).linee, vestito);
      const dopo = esito(vestiti);
      expect(dopo.linee.map((l) => [l.nome, l.fascia, l.incompleta])).toEqual(
        prima.linee.map((l) => [l.nome, l.fascia, l.incompleta])
      );
      dopo.linee.forEach((l, i) => expect(quasiUguali(l.percentuale, prima.linee[i].percentuale)).toBe(true));
      expect(dopo.ragg).toHaveLength(prima.ragg.length);
      dopo.ragg.forEach((r, i) => expect([i, quasiUguali(r, prima.ragg[i])]).toEqual([i, true]));
      // The undressed sheet may hold a chosen reading of its own (a fraction beside "0%"): information too.
      expect(reali(dopo.avvisi, vestito, cambiate)).toEqual(reali(prima.avvisi, vestito, new Set()));
    }),
    RUNS
  );
});

test("every dress changes some cells of the generated workbooks (the property is not vacuous)", () => {
  const fogli = fc
    .sample(
      specFoglio.chain((spec) => disposizione(spec.polarita).map((d) => costruisci(spec, d))),
      { numRuns: 100, seed: 17 }
    )
    .map((g) => [g]);
  const cambiati = VESTITI.filter((vestito) =>
    fogli.some((f) => vesti(f, leggiLinee(f).linee, vestito).cambiate.size > 0)
  );
  expect(cambiati).toEqual(VESTITI);
});
