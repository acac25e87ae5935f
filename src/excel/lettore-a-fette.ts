import { Area } from "../layout/griglia";
import { a1DaArea, areeDaIndirizzi } from "./addresses";
import { ExcelContext, ExcelWorksheet } from "./excel-api";
import type { ConfigLettura } from "./lettore";
import {
  blocchiTra,
  celleDaDensita,
  celleDelGruppo,
  densitaMassima,
  densitaUnioni,
  Fetta,
  FettaLetta,
  prossimoGruppo,
  quanteAree,
  restoDopo,
} from "./read-plan";
import type { TentativoLettura } from "./recuperi";
import {
  accodaElenco,
  accodaFoglio,
  accodaUnioni,
  areeFormule,
  datiFoglio,
  FoglioLetto,
  formuleIn,
  RichiestaFoglio,
} from "./richieste-foglio";
import { altezzaUnioni, StatoAccesso } from "./stato-accesso";

/**
 * The read in slices, for workbooks whose response Excel on the web refuses (> 5 MB). First the
 * list and the selection with, for the remembered sheets, the used range's address, protection,
 * conditional formats and charts (one more sync for sheets never read); then the values, number
 * formats, formulas and merged areas by slices of rows, one group of slices per sync: the first
 * of celleASync cells, or sized by what the last read learned; each next one by the bytes per
 * cell of the densest part read so far, to carry the state's byteObiettivo.
 * If Excel refuses a group all the same, the read goes on from that group in a new batch (the
 * slices already read are kept in FetteInCorso, nothing is read twice): the step is in the
 * recovery table (recuperi.ts), at most a quarter of its cells per sync until past its rows.
 */

/**
 * A read in slices under way: what its first syncs found and the slices read so far. Filled in
 * place by its batches and kept when Excel refuses one, so that the next batch goes on from there.
 */
export interface FetteInCorso {
  /** The sheets (their metadata) and the selection's address; null until the first syncs are done. */
  inizio: { letti: FoglioLetto[]; selezione: string | null } | null;
  /** Rows still to read, per sheet of the list (null once read or blank). */
  resto: (Area | null)[];
  lette: FettaLetta[];
  /** Per sheet, the first row whose merged areas are still to read (with the slice reaching it). */
  rigaSeguente: number[];
  /** Cells of the next sync. */
  celle: number;
  /** Bytes per cell of the densest part this read met. */
  misurata: number;
  /** After a refused sync: at most `celle` cells per sync until its `restanti` cells are read. */
  tetto: { celle: number; restanti: number } | null;
  /** The slices of the sync under way (set while Excel has them: a refusal names them). */
  inCorso: Fetta[] | null;
  /** Syncs so far, refused ones included. */
  sincronizzazioni: number;
}

/** A read in slices not started. */
export function nuoveFette(): FetteInCorso {
  return {
    inizio: null,
    resto: [],
    lette: [],
    rigaSeguente: [],
    celle: 0,
    misurata: 0,
    tetto: null,
    inCorso: null,
    sincronizzazioni: 0,
  };
}

/** What a read in slices found: the sheets with their data, the selection, its syncs, the bytes per cell it measured. */
export interface LettiAFette {
  letti: FoglioLetto[];
  selezione: string | null;
  sincronizzazioni: number;
  misurata: number;
}

/**
 * One batch of a read in slices: from the start, or on from the slices `t.fette` holds. Throws
 * Excel's refusal with `t.fette` as far as it got.
 */
export async function leggiAFette(t: TentativoLettura, config: ConfigLettura): Promise<LettiAFette> {
  const f = t.fette;
  if (f.inizio) await config.esegui((context: ExcelContext) => continua(context, t.stato, f));
  else await config.esegui((context: ExcelContext) => inizia(context, t, config.celleASync));
  const { letti, selezione } = f.inizio as NonNullable<FetteInCorso["inizio"]>;
  letti.forEach((l, i) => {
    const mie = f.lette.filter((x) => x.foglio === i);
    const usato = l.richiesta.usato.isNullObject
      ? null
      : {
          address: l.richiesta.usato.address,
          values: mie.flatMap((x) => x.values),
          numberFormat: mie.flatMap((x) => x.numberFormat),
        };
    l.dati = {
      ...l.dati,
      usato,
      formule: mie.flatMap((x) => x.formule),
      unioni: mie.flatMap((x) => x.unioni.map((u) => u.address)),
    };
    l.densitaUnioni = densitaUnioni(
      mie.flatMap((x) => x.unioni.map((u) => ({ da: u.riga, a: u.fino, aree: quanteAree(u.address) })))
    );
  });
  return { letti, selezione, sincronizzazioni: f.sincronizzazioni, misurata: f.misurata };
}

async function sincronizza(context: ExcelContext, f: FetteInCorso): Promise<void> {
  f.sincronizzazioni++;
  await context.sync();
}

/** The list and the sheets' metadata (the merged areas come with the slices: at 100,000 rows they are ~3 MB), then the slices. */
async function inizia(context: ExcelContext, t: TentativoLettura, celleASync: number): Promise<void> {
  const { stato, fette: f } = t;
  const { fogli, selezionate } = accodaElenco(context, t.conSelezione);
  const richieste = new Map<string, RichiestaFoglio>();
  stato.noti.forEach((noto) => richieste.set(noto.id, accodaFoglio(fogli, noto.id, [], false, stato.formattazioni)));
  await sincronizza(context, f);
  const elenco = fogli.items.map((x) => ({ id: x.id, nome: x.name }));
  const nuovi = elenco.filter((x) => !richieste.has(x.id));
  if (nuovi.length > 0) {
    nuovi.forEach((x) => richieste.set(x.id, accodaFoglio(fogli, x.id, [], false, stato.formattazioni)));
    await sincronizza(context, f);
  }
  const letti: FoglioLetto[] = elenco.map((x) => {
    const richiesta = richieste.get(x.id) as RichiestaFoglio;
    return { ...x, richiesta, dati: datiFoglio(x.nome, richiesta, false) };
  });
  f.resto = letti.map((l) =>
    l.richiesta.usato.isNullObject ? null : areeDaIndirizzi(l.richiesta.usato.address)[0].area
  );
  f.rigaSeguente = f.resto.map((a) => (a ? a.top : 0));
  f.celle = celleIniziali(stato, celleASync);
  f.inizio = { letti, selezione: selezionate ? selezionate.address : null };
  await leggiGruppi(context, (i) => letti[i].richiesta.foglio, stato, f);
}

/** After a refused sync: the rest, in a new batch that reaches the sheets by id. */
async function continua(context: ExcelContext, stato: StatoAccesso, f: FetteInCorso): Promise<void> {
  const fogli = context.workbook.worksheets;
  const letti = (f.inizio as NonNullable<FetteInCorso["inizio"]>).letti;
  const perIndice = new Map<number, ExcelWorksheet>();
  const foglio = (i: number): ExcelWorksheet => {
    let ws = perIndice.get(i);
    if (!ws) perIndice.set(i, (ws = fogli.getItem(letti[i].id)));
    return ws;
  };
  await leggiGruppi(context, foglio, stato, f);
}

/** The groups of slices, one sync each, one after the other (recursion: no context.sync() in a loop). */
async function leggiGruppi(
  context: ExcelContext,
  foglio: (i: number) => ExcelWorksheet,
  stato: StatoAccesso,
  f: FetteInCorso
): Promise<void> {
  const gruppo = prossimoGruppo(f.resto, f.tetto ? Math.min(f.tetto.celle, f.celle) : f.celle);
  if (gruppo.length === 0) return;
  const letti = (f.inizio as NonNullable<FetteInCorso["inizio"]>).letti;
  const richieste = gruppo.map((fetta) => {
    const range = foglio(fetta.foglio).getRange(a1DaArea(fetta.area));
    range.load("values,numberFormat");
    const blocchi = blocchiTra(
      Math.max(fetta.area.top, f.rigaSeguente[fetta.foglio]),
      fetta.area.bottom,
      altezzaUnioni(stato, letti[fetta.foglio].id)
    );
    return { fetta, range, formule: formuleIn(range), unioni: accodaUnioni(foglio(fetta.foglio), blocchi) };
  });
  f.inCorso = gruppo;
  await sincronizza(context, f);
  f.inCorso = null;
  const lette: FettaLetta[] = richieste.map(({ fetta, range, formule, unioni }) => ({
    ...fetta,
    values: range.values,
    numberFormat: range.numberFormat,
    formule: areeFormule(formule),
    unioni: unioni
      .filter((u) => !u.aree.isNullObject)
      .map((u) => ({ riga: u.blocco.da, fino: u.blocco.a, address: u.aree.address })),
  }));
  f.lette.push(...lette);
  for (const { fetta } of richieste)
    f.rigaSeguente[fetta.foglio] = Math.max(f.rigaSeguente[fetta.foglio], fetta.area.bottom + 1);
  f.resto = restoDopo(f.resto, gruppo);
  f.misurata = Math.max(f.misurata, densitaMassima(lette));
  f.celle = celleDaDensita(stato.byteObiettivo, Math.max(f.misurata, stato.densitaNota ?? 0));
  if (f.tetto) {
    f.tetto.restanti -= celleDelGruppo(gruppo);
    if (f.tetto.restanti <= 0) f.tetto = null;
  }
  await leggiGruppi(context, foglio, stato, f);
}

/**
 * Cells of a read in slices' first sync. Knowing the bytes per cell of the last one, as many as
 * fill byteObiettivo, less what was written since (it may all lie in these rows); never fewer
 * than a first read's, unless the last one found its cells denser than that.
 */
function celleIniziali(stato: StatoAccesso, celleASync: number): number {
  if (stato.densitaNota === null) return celleASync;
  const sicure = Math.min(celleASync, celleDaDensita(stato.byteObiettivo, stato.densitaNota));
  return Math.max(sicure, celleDaDensita(stato.byteObiettivo - stato.byteScritti, stato.densitaNota));
}
