import { EsitoScrittura } from "../app/access";
import { MESSAGGI_APP } from "../app/messaggi";
import { ErroreBarometro } from "../app/ricalcolo";
import { PianoStampaCartella } from "../layout/stampa";
import { Patch } from "../layout/patch";
import { areaDaA1 } from "./addresses";
import { CODICI_OFFICE, codiceOffice, comeErroreBarometro } from "./errors";
import { EseguiExcel, ExcelConditionalFormatCollection, ExcelContext, ExcelWorksheet } from "./excel-api";
import { impaginaInExcel } from "./office-stampa";
import { fogliProtetti } from "./protezione";
import { conRecuperi, RECUPERI_SCRITTURA, ScritturaInCorso } from "./recuperi";
import { accodaRegoleAttuali, eliminaRegoleBarometro } from "./regole-barometro";
import { conFogliAggiunti, Esito, StatoAccesso } from "./stato-accesso";
import { LottoScrittura, OpzioniPiano, pianoScrittura } from "./write-plan";

/**
 * The Office adapter's writes (creaAccessoOffice().scrivi() and impagina()): from the adapter's
 * state and a patch to Excel, and the state after it.
 *
 * scrivi(patch) — ONE sync: runs of cells become 2-D `values`/`formulas` writes, fills one
 * multi-area getRanges() per sheet and colour (write-plan.ts); the new conditional-format rules are
 * added on getRanges(…).conditionalFormats. When Barometro's old rules are to go, ONE more sync
 * before: rule ids are positions in the collection (ConditionalFormat.id in the reference), stale
 * once any rule is added or deleted, so the sheets' rules are read again and only those carrying
 * Barometro's marker, of the lines being replaced, are deleted, lowest priority first. The Riepilogo
 * sheet is added (worksheets.add) or cleared, and its chart deleted and added again, all in the
 * same batch: a new sheet, chart or rule can be used in the batch that creates it, no sync needed
 * in between. It is split into several syncs only when the estimated request exceeds ~4.5 MB
 * (Excel on the web refuses requests over 5 MB); should Excel refuse a lot all the same
 * (RequestPayloadSizeLimitExceeded: nothing of it was applied), the recovery table (recuperi.ts)
 * splits that lot in two and the write goes on from it in a new batch — the lots already applied
 * are not sent again. Writes to a sheet known to be protected are refused before anything is sent.
 */

export interface ConfigScrittura {
  esegui: EseguiExcel;
  opzioniPiano: OpzioniPiano;
}

/** Writes a patch (one sync, more only for rules to delete or lots over ~4.5 MB); the state after it either way. */
export async function scriviPatch(
  stato: StatoAccesso,
  patch: Patch,
  config: ConfigScrittura
): Promise<Esito<EsitoScrittura>> {
  const piano = pianoScrittura(patch, config.opzioniPiano);
  if (piano.lotti.length === 0) {
    const vuota = { sincronizzazioni: 0, byte: 0 };
    return { stato: { ...stato, ultimaScrittura: vuota }, valore: vuota };
  }
  const protetto = piano.fogli.find((f) => stato.protetti.has(f));
  if (protetto !== undefined) return { stato, errore: new ErroreBarometro(MESSAGGI_APP.foglioProtetto(protetto)) };
  const primo: ScritturaInCorso = { lotti: [...piano.lotti], scritti: 0, sincronizzazioni: 0, aggiunti: [] };
  const esito = await conRecuperi(
    primo,
    (t) => config.esegui((context: ExcelContext) => scriviLotti(context, t)),
    RECUPERI_SCRITTURA
  );
  // The next read reads back what was written; it knows the sheets added (no extra sync for them).
  const dopo = conFogliAggiunti({ ...stato, byteScritti: stato.byteScritti + piano.byte }, esito.ultimo.aggiunti);
  if (!esito.ok) {
    const e = esito.errore;
    if (codiceOffice(e) === CODICI_OFFICE.accessoNegato)
      return { stato: dopo, errore: comeErroreBarometro(e, await fogliProtetti(config.esegui, piano.fogli)) };
    return { stato: dopo, errore: comeErroreBarometro(e) };
  }
  const valore: EsitoScrittura = { sincronizzazioni: esito.ultimo.sincronizzazioni, byte: piano.byte };
  return { stato: { ...dopo, ultimaScrittura: valore }, valore };
}

/** Prepara stampa (office-stampa.ts): one sync; the Indice sheet, when added, remembered for the next read. */
export async function impagina(
  stato: StatoAccesso,
  piano: PianoStampaCartella,
  esegui: EseguiExcel
): Promise<Esito<EsitoScrittura>> {
  const aggiunti: { id: string; nome: string }[] = [];
  const ricorda = (fogli: ExcelWorksheet[]) => aggiunti.push(...fogli.map((ws) => ({ id: ws.id, nome: ws.name })));
  try {
    const valore = await impaginaInExcel(esegui, piano, ricorda);
    const dopo = conFogliAggiunti(stato, aggiunti);
    return { stato: { ...dopo, byteScritti: dopo.byteScritti + valore.byte, ultimaScrittura: valore }, valore };
  } catch (e) {
    return { stato: conFogliAggiunti(stato, aggiunti), errore: comeErroreBarometro(e) };
  }
}

/**
 * One batch of a write: the lots from the first not yet applied, one sync each, one after the
 * other (recursion: no context.sync() in a loop); there is a single lot below ~4.5 MB. A lot that
 * deletes rules first reads those sheets' rules as they are now: one more sync, only then.
 */
async function scriviLotti(context: ExcelContext, t: ScritturaInCorso): Promise<void> {
  const fogli = context.workbook.worksheets;
  const perNome = new Map<string, ExcelWorksheet>();
  const foglio = (nome: string): ExcelWorksheet => {
    let ws = perNome.get(nome);
    if (!ws) perNome.set(nome, (ws = fogli.getItem(nome)));
    return ws;
  };
  // A sheet added here (the Riepilogo) loads its id with the write: the next read knows it and
  // stays at one sync.
  const nuovi: ExcelWorksheet[] = [];
  const aggiungiFoglio = (nome: string): void => {
    const nuovo = fogli.add(nome);
    nuovo.load("id,name");
    nuovi.push(nuovo);
    perNome.set(nome, nuovo);
  };
  const scriviDa = async (i: number): Promise<void> => {
    if (i >= t.lotti.length) return;
    const attuali = accodaRegoleAttuali(t.lotti[i].eliminaRegole, foglio);
    if (attuali.size > 0) {
      t.sincronizzazioni++;
      await context.sync();
    }
    accodaLotto(t.lotti[i], foglio, aggiungiFoglio, attuali);
    t.sincronizzazioni++;
    await context.sync();
    t.scritti = i + 1;
    t.aggiunti.push(...nuovi.splice(0).map((ws) => ({ id: ws.id, nome: ws.name })));
    await scriviDa(i + 1);
  };
  await scriviDa(t.scritti);
}

/** Queues one lot's writes (no sync), in the order LottoScrittura describes. */
function accodaLotto(
  lotto: LottoScrittura,
  foglio: (nome: string) => ExcelWorksheet,
  aggiungiFoglio: (nome: string) => void,
  regoleAttuali: ReadonlyMap<string, ExcelConditionalFormatCollection>
): void {
  eliminaRegoleBarometro(lotto.eliminaRegole, regoleAttuali);
  // Before the values: a cell formatted as Text keeps a number written there as text.
  for (const f of lotto.formatiNumero ?? []) foglio(f.foglio).getRange(f.cella).numberFormat = [[f.formato]];
  const prima = lotto.riepilogoPrima;
  if (prima) {
    if (prima.crea) aggiungiFoglio(prima.foglio);
    else {
      const ws = foglio(prima.foglio);
      if (prima.pulisci) ws.getRange(prima.pulisci).clear("All");
      for (let k = 0; k < prima.graficiDaEliminare && prima.grafico; k++)
        ws.charts.getItem(prima.grafico.nome).delete();
    }
  }
  for (const b of lotto.valori) {
    const range = foglio(b.foglio).getRange(b.indirizzo);
    if (b.proprieta === "formulas") range.formulas = b.dati;
    else range.values = b.dati;
  }
  for (const c of lotto.colori) {
    const aree = foglio(c.foglio).getRanges(c.indirizzi);
    if (c.colore === null) aree.format.fill.clear();
    else aree.format.fill.color = c.colore;
  }
  const dopo = lotto.riepilogoDopo;
  if (dopo) {
    const ws = foglio(dopo.foglio);
    for (const f of dopo.formati) {
      const a = areaDaA1(f.indirizzo);
      ws.getRange(f.indirizzo).numberFormat = Array.from({ length: a.bottom - a.top + 1 }, () =>
        Array.from({ length: a.right - a.left + 1 }, () => f.formato)
      );
    }
    if (dopo.adatta) ws.getRange(dopo.adatta).format.autofitColumns();
    const g = dopo.grafico;
    if (g) {
      const grafico = ws.charts.add(g.tipo, ws.getRange(g.dati), "Columns");
      grafico.name = g.nome;
      grafico.title.text = g.titolo;
      grafico.legend.visible = false;
      grafico.axes.categoryAxis.reversePlotOrder = true; // first line at the top, as in the table
      grafico.axes.valueAxis.minimum = 0;
      grafico.axes.valueAxis.maximum = 1;
      grafico.setPosition(g.posizione.da, g.posizione.a);
      const serie = grafico.series.getItemAt(0);
      serie.name = g.nomeSerie;
      // Each bar with its percentage, as in the Riepilogo's table: the chart reads on paper too.
      serie.hasDataLabels = true;
      g.colori.forEach((colore, i) => {
        if (colore) serie.points.getItemAt(i).format.fill.setSolidColor(colore);
      });
    }
  }
  for (const r of lotto.aggiungiRegole) {
    const cf = foglio(r.foglio).getRanges(r.aree.join(", ")).conditionalFormats.add("Custom");
    cf.custom.rule.formula = r.formula;
    cf.custom.format.fill.color = r.colore;
  }
}
