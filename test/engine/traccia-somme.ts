/**
 * What every trace must satisfy, whatever the workbook: the same numbers as calcolaEnte, the same
 * findings as verifica, and the sums the issue asks for. Returns the broken ones as readable lines
 * (an empty list when all hold), so a failing property shows what broke and where.
 */
import { calcolaEnte, Linea, RisultatoEnte, Traccia, verifica } from "../../src/engine";

const vicino = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

export function sommeRotte(linee: Linea[], traccia: Traccia, risultato: RisultatoEnte = calcolaEnte(linee)): string[] {
  const rotte: string[] = [];
  const rotta = (dove: string, cosa: string) => rotte.push(`${dove}: ${cosa}`);
  if (traccia.ente.percentuale !== risultato.percentuale) rotta("ente", "percentuale diversa da calcolaEnte");
  const conPercentuale = traccia.linee.map((l) => l.percentuale).filter((v): v is number => v !== null);
  if (conPercentuale.length !== traccia.ente.lineeConteggiate) rotta("ente", "linee conteggiate");
  if (traccia.linee.length !== linee.length) rotta("ente", "numero di linee");

  traccia.linee.forEach((l, i) => {
    const r = risultato.linee[i];
    const dl = `linea ${i}`;
    if (l.percentuale !== r.percentuale) rotta(dl, "percentuale diversa da calcolaEnte");
    if (l.incompleta !== r.incompleta) rotta(dl, "incompleta");
    const contate = l.obiettivi.filter((o) => o.conteggiato).map((o) => o.percentuale as number);
    if (contate.length !== l.obiettiviConteggiati) rotta(dl, "obiettivi conteggiati");
    if (contate.length === 0 ? l.percentuale !== null : !vicino(l.percentuale ?? NaN, media(contate)))
      rotta(dl, "non è la media degli obiettivi conteggiati");

    l.obiettivi.forEach((o, k) => {
      const ro = r.obiettivi[k];
      const dov = `${dl} obiettivo ${k}`;
      if (o.percentuale !== ro.ragg || o.neutralizzato !== ro.neutralizzato) rotta(dov, "diverso da calcolaEnte");
      if (o.conteggiato !== (ro.ragg !== null)) rotta(dov, "conteggiato");
      if (!o.conteggiato && !o.motivo) rotta(dov, "non conteggiato senza motivo");
      o.indicatori.forEach((x, j) => {
        const ri = ro.indicatori[j];
        if (x.ragg !== ri.ragg || x.raggRegola !== ri.raggRegola || x.polarita !== ri.polarita)
          rotta(`${dov} indicatore ${j}`, "diverso da calcolaEnte");
        if (!x.conteggiato && (x.pesoNormalizzato !== null || x.contributo !== null || !x.motivo))
          rotta(`${dov} indicatore ${j}`, "non conteggiato con un peso normalizzato o senza motivo");
        if (x.pesoNormalizzato !== null && !(x.pesoNormalizzato >= 0 && x.pesoNormalizzato <= 1))
          rotta(`${dov} indicatore ${j}`, `peso normalizzato ${x.pesoNormalizzato}`);
      });
      const contati = o.indicatori.filter((x) => x.conteggiato);
      if (o.conteggiato) {
        const somma = contati.reduce((s, x) => s + (x.pesoNormalizzato ?? NaN), 0);
        const contributi = contati.reduce((s, x) => s + (x.contributo ?? NaN), 0);
        if (!vicino(somma, 1)) rotta(dov, `Σ pesoNormalizzato = ${somma}`);
        if (!vicino(contributi, o.percentuale ?? NaN)) rotta(dov, `Σ contributo = ${contributi} ≠ ${o.percentuale}`);
      } else if (contati.length > 0) rotta(dov, "indicatori conteggiati in un obiettivo non conteggiato");
    });

    // Every finding of the line, once, where it belongs.
    const attesi = verifica([linee[i]], [r]);
    const trovati = [
      ...l.rilievi,
      ...l.obiettivi.flatMap((o) => [...o.rilievi, ...o.indicatori.flatMap((x) => x.rilievi)]),
    ];
    const chiave = (a: { codice: string; foglio: string; cella: string; messaggio: string }) =>
      `${a.codice} ${a.foglio}!${a.cella} ${a.messaggio}`;
    const per = (lista: string[]) => lista.sort().join("\n");
    if (per(attesi.map(chiave)) !== per(trovati.map(chiave))) rotta(dl, "avvisi diversi da verifica");
    for (const o of l.obiettivi)
      for (const x of o.indicatori)
        if (x.avvisi.join() !== x.rilievi.map((a) => a.codice).join()) rotta(dl, "codici degli avvisi");
  });
  return rotte;
}

function media(valori: number[]): number {
  return valori.reduce((a, b) => a + b, 0) / valori.length;
}
