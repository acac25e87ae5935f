import { GraficoLetto, Lettura } from "../app/access";
import { RegolaEsistente } from "../layout/regole-condizionali";
import { comeErroreBarometro } from "./errors";
import { EseguiExcel, ExcelContext } from "./excel-api";
import { leggiAFette, nuoveFette } from "./lettore-a-fette";
import { grigliaDaDati, righeUsate, selezioneDaIndirizzo } from "./range-data";
import { blocchiPrevisti, densitaUnioni, quanteAree } from "./read-plan";
import { conRecuperi, recuperiLettura, TentativoLettura } from "./recuperi";
import {
  accodaElenco,
  accodaFoglio,
  accodaUnioni,
  datiFoglio,
  FoglioLetto,
  RichiestaFoglio,
  unioniMancanti,
} from "./richieste-foglio";
import { altezzaUnioni, Esito, StatoAccesso } from "./stato-accesso";

/**
 * The Office adapter's read (creaAccessoOffice().leggi()): from the adapter's state to a Lettura and
 * the state after it. Every context.sync() is a network round trip in Excel on the web:
 *
 * ONE sync, usually. Office.js cannot list the worksheets and queue loads on each of them without
 * a sync in between, so the state remembers the sheets (id, name, used rows) of the last read. A
 * read queues, together: worksheets.load("items/name,items/id"), the selection's address and, for
 * every remembered sheet (worksheets.getItemOrNullObject(id)), its used range (address, values,
 * numberFormat), the formulas of its formula cells, its protection and its merged areas. After the
 * sync it compares the list: sheets renamed, moved or removed need nothing more (ids are stable,
 * names come from the list); only sheets it has never seen need a second sync, queued for them
 * alone. So: the first read ever takes 2 syncs, every later one 1, plus 1 when sheets were added.
 * One more sync is needed only when a sheet grew beyond the rows whose merged areas were queued
 * (see read-plan.ts: its last used rows plus max(1,024, 25%)). Merged areas are read in blocks of
 * rows sized by the areas per row the last read found, to stay well under the 512 areas
 * getMergedAreasOrNullObject() can return.
 *
 * Excel on the web also refuses responses over 5 MB (ResponsePayloadSizeLimitExceeded): tens of
 * thousands of rows. The read is then done in slices of rows (lettore-a-fette.ts), each sync sized
 * by the bytes per cell read so far to carry about 4 MB, until the workbook is small again — a
 * failed round trip once, not at every read. What to do after each refusal by Excel is the
 * recovery table in recuperi.ts.
 *
 * Choices for the read:
 * - getUsedRangeOrNullObject(false), not valuesOnly=true: the used range must reach cells that are
 *   formatted but empty — the Barometro column before its first colouring, a merged area's empty
 *   cells, a line's empty percentage cell with its % format — or the layout reader would see a
 *   narrower table than the person does. The cost is a few extra empty cells in the payload.
 * - formulas come from getSpecialCellsOrNullObject("Formulas") (the formula cells only) instead of
 *   the used range's `formulas`, which repeats every constant and roughly doubles the response:
 *   Excel on the web also limits responses to 5 MB.
 * - the selection comes from getSelectedRanges() (first area), which does not throw when several
 *   ranges are selected as getSelectedRange() does. Both throw InvalidSelection while a chart or a
 *   shape is selected (by design, OfficeDev/office-js#2268): the read is then redone without it.
 * - each sheet's conditional formats (getRange().conditionalFormats: id, type and, through
 *   customOrNullObject — a null object for other kinds, where `custom` would fail the whole load,
 *   OfficeDev/office-js#2180 — the custom rule's formula) and its charts' names come in the same
 *   sync: Ricalcola replaces Barometro's marked rules, the Riepilogo finds its chart. Some rules
 *   made in Excel's UI cannot be read back (OfficeDev/office-js#6827, #6835): if Excel refuses the
 *   read, it is redone without conditional formats (Lettura.formattazioni = null: Barometro then
 *   leaves them alone) and later reads skip them too.
 */

export interface ConfigLettura {
  esegui: EseguiExcel;
  /** Cells of the first sync of a read in slices, before it knows what a cell costs. */
  celleASync: number;
  /** Bytes each sync of a read in slices aims at first (under Excel on the web's 5 MB). */
  maxByteRisposta: number;
}

/** A whole read, with the recovery table's steps after Excel's refusals; the state after it either way. */
export async function leggiCartella(stato: StatoAccesso, config: ConfigLettura): Promise<Esito<Lettura>> {
  const primo: TentativoLettura = { stato, conSelezione: true, fette: nuoveFette() };
  const esito = await conRecuperi(primo, (t) => tentativo(t, config), recuperiLettura(config.maxByteRisposta));
  if (!esito.ok) return { stato: esito.ultimo.stato, errore: comeErroreBarometro(esito.errore) };
  return esito.valore;
}

/** One attempt: in one go, or in slices once Excel has refused a whole response. */
async function tentativo(
  t: TentativoLettura,
  config: ConfigLettura
): Promise<{ stato: StatoAccesso; valore: Lettura }> {
  if (!t.stato.aFette) return config.esegui((context: ExcelContext) => leggiInUnaVolta(context, t));
  const r = await leggiAFette(t, config);
  const stato = { ...t.stato, densitaNota: r.misurata > 0 ? r.misurata : t.stato.densitaNota };
  return conAFetteAggiornato(concludi(stato, r.letti, r.selezione, r.sincronizzazioni, true));
}

/**
 * The read in one go: 1 sync with the remembered sheets, 2 the first time or when sheets were
 * added, 1 more when a sheet grew past the merged areas queued for it.
 */
async function leggiInUnaVolta(
  context: ExcelContext,
  t: TentativoLettura
): Promise<{ stato: StatoAccesso; valore: Lettura }> {
  const { stato } = t;
  const { fogli, selezionate } = accodaElenco(context, t.conSelezione);
  const richieste = new Map<string, RichiestaFoglio>();
  const accoda = (id: string, noto: (typeof stato.noti)[number] | undefined) =>
    richieste.set(id, accodaFoglio(fogli, id, blocchiPrevisti(noto, stato.divisoreUnioni), true, stato.formattazioni));
  stato.noti.forEach((noto) => accoda(noto.id, noto));
  await context.sync();
  let sincronizzazioni = 1;

  const elenco = fogli.items.map((f) => ({ id: f.id, nome: f.name }));
  const nuovi = elenco.filter((f) => !richieste.has(f.id));
  if (nuovi.length > 0) {
    // First read ever, or sheets added since the last one: queue those sheets alone.
    nuovi.forEach((f) => accoda(f.id, undefined));
    await context.sync();
    sincronizzazioni++;
  }

  const letti: FoglioLetto[] = elenco.map((f) => {
    const richiesta = richieste.get(f.id) as RichiestaFoglio;
    return { ...f, richiesta, dati: datiFoglio(f.nome, richiesta) };
  });
  const cresciuti = unioniMancanti(letti, (l) => altezzaUnioni(stato, l.id));
  if (cresciuti.length > 0) {
    // A sheet grew past the rows whose merged areas were queued: read the rest.
    cresciuti.forEach((c) => c.l.richiesta.unioni.push(...accodaUnioni(c.l.richiesta.foglio, c.blocchi)));
    await context.sync();
    sincronizzazioni++;
    cresciuti.forEach((c) => (c.l.dati = datiFoglio(c.l.nome, c.l.richiesta)));
  }
  for (const l of letti)
    if (l.richiesta.unioni.length > 0)
      l.densitaUnioni = densitaUnioni(
        l.richiesta.unioni.map((u) => ({ ...u.blocco, aree: u.aree.isNullObject ? 0 : quanteAree(u.aree.address) }))
      );
  return concludi(stato, letti, selezionate ? selezionate.address : null, sincronizzazioni, false);
}

/** Last step of every read: the grids, the selection, and the state the next read needs. */
function concludi(
  prima: StatoAccesso,
  letti: FoglioLetto[],
  indirizzoSelezione: string | null,
  sincronizzazioni: number,
  aFette: boolean
): { stato: StatoAccesso; valore: Lettura } {
  const presenti = letti.filter((l) => !l.richiesta.foglio.isNullObject);
  const protetti = presenti.filter((l) => l.richiesta.foglio.protection.protected).map((l) => l.nome);
  const stato: StatoAccesso = {
    ...prima,
    noti: letti.map((l) => ({
      id: l.id,
      nome: l.nome,
      righe: righeUsate(l.dati.usato),
      densitaUnioni: l.densitaUnioni ?? prima.noti.find((n) => n.id === l.id)?.densitaUnioni,
    })),
    protetti: new Set(protetti),
    divisoreUnioni: 1,
    byteScritti: 0,
    ultimaLettura: { sincronizzazioni, fogli: letti.length, aFette, formattazioni: prima.formattazioni },
  };
  const formattazioni: RegolaEsistente[] | null = !prima.formattazioni
    ? null
    : presenti.flatMap((l) =>
        (l.richiesta.formati?.items ?? []).map((cf) => ({
          foglio: l.nome,
          id: cf.id,
          formula: cf.customOrNullObject.isNullObject ? null : cf.customOrNullObject.rule.formula,
        }))
      );
  const grafici: GraficoLetto[] = presenti.flatMap((l) =>
    l.richiesta.grafici.items.map((g) => ({ foglio: l.nome, nome: g.name }))
  );
  const valore: Lettura = {
    fogli: letti.map((l) => grigliaDaDati(l.dati)),
    selezione: selezioneDaIndirizzo(indirizzoSelezione),
    protetti,
    formattazioni,
    grafici,
  };
  return { stato, valore };
}

/**
 * Sliced reads go on until the workbook has shrunk to half the cells it had when Excel refused
 * the whole response (measured by the first sliced read): no failed round trip at every read.
 */
function conAFetteAggiornato(esito: { stato: StatoAccesso; valore: Lettura }): {
  stato: StatoAccesso;
  valore: Lettura;
} {
  const { stato, valore } = esito;
  const celle = valore.fogli.reduce((s, g) => s + g.values.reduce((n, r) => n + r.length, 0), 0);
  const celleAlRifiuto = stato.aFette?.celleAlRifiuto ?? 0;
  if (celleAlRifiuto === 0) return { valore, stato: { ...stato, aFette: { celleAlRifiuto: celle } } };
  if (celle < celleAlRifiuto / 2) return { valore, stato: { ...stato, aFette: null } };
  return esito;
}
