import { EsitoScrittura, GraficoLetto, Lettura, Selezione, ValoriImpostazioni, WorkbookAccess } from "../app/access";
import { MESSAGGI_APP } from "../app/messaggi";
import { ErroreBarometro } from "../app/ricalcolo";
import { CHIAVI_IMPOSTAZIONI } from "../app/impostazioni";
import { Area } from "../layout/griglia";
import { Patch } from "../layout/patch";
import { RegolaEsistente } from "../layout/regole-condizionali";
import { a1DaArea, areaDaA1, areeDaIndirizzi, indirizzoRighe } from "./addresses";
import { CODICI_OFFICE, codiceOffice, comeErroreBarometro, isErroreUnioni } from "./errors";
import {
  EseguiExcel,
  ExcelChartCollection,
  ExcelConditionalFormatCollection,
  ExcelContext,
  ExcelRange,
  ExcelRangeAreas,
  ExcelWorksheet,
  ExcelWorksheetCollection,
  ImpostazioniDocumento,
} from "./excel-api";
import { rileggiImpostazioni, salvaChiaviCambiate } from "./impostazioni-documento";
import { impaginaInExcel } from "./office-stampa";
import { fogliProtetti } from "./protezione";
import { DatiFoglio, grigliaDaDati, righeUsate, selezioneDaIndirizzo } from "./range-data";
import {
  blocchiMancanti,
  blocchiPrevisti,
  blocchiTra,
  BloccoUnioni,
  CELLE_PER_SYNC_A_FETTE,
  celleDaDensita,
  celleDelGruppo,
  densitaMassima,
  densitaUnioni,
  FATTORE_RIDUZIONE_UNIONI,
  Fetta,
  FettaLetta,
  FoglioNoto,
  MAX_BYTE_RISPOSTA,
  prossimoGruppo,
  quanteAree,
  restoDopo,
  RIGHE_MAX_PER_BLOCCO,
  righePerBlocco,
} from "./read-plan";
import { accodaRegoleAttuali, eliminaRegoleBarometro } from "./regole-barometro";
import { dividiLotto, LottoScrittura, OpzioniPiano, pianoScrittura } from "./write-plan";

export interface DipendenzeOffice extends OpzioniPiano {
  /** Excel.run, or the workbench's / a test's fake run. */
  esegui?: EseguiExcel;
  /** Office.context.document.settings, or a fake. Read lazily: Office may not be ready at creation. */
  impostazioni?: () => ImpostazioniDocumento;
  /** Setting keys leggiImpostazioni() returns (Office cannot list them): Barometro's by default. */
  chiaviImpostazioni?: readonly string[];
  /** Cells of the first sync of a read in slices, before it knows what a cell costs (default CELLE_PER_SYNC_A_FETTE). */
  celleASync?: number;
  /** Bytes each sync of a read in slices aims at (default MAX_BYTE_RISPOSTA, under Excel on the web's 5 MB). */
  maxByteRisposta?: number;
}

/** How many round trips the last read and the last write took. */
export interface Diagnostica {
  ultimaLettura: {
    sincronizzazioni: number;
    fogli: number;
    aFette: boolean;
    /** False once Excel refused to read the conditional formats (they are then left alone). */
    formattazioni?: boolean;
  } | null;
  ultimaScrittura: EsitoScrittura | null;
}

export interface AccessoOffice extends WorkbookAccess {
  diagnostica(): Diagnostica;
  /** Forgets the sheets of the last read: the next read starts over (2 syncs). */
  dimentica(): void;
}

/** One worksheet read: its proxies, its data, and the merged areas per row of its densest block. */
interface FoglioLetto {
  id: string;
  nome: string;
  richiesta: RichiestaFoglio;
  dati: DatiFoglio;
  densitaUnioni?: number;
}

/** A read in slices under way: what its first syncs found, and the slices read so far. */
interface StatoAFette {
  letti: FoglioLetto[];
  selezione: string | null;
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
  /** The slices of the sync under way. */
  inCorso: Fetta[] | null;
}

/** The proxies one worksheet's read is queued on. */
interface RichiestaFoglio {
  foglio: ExcelWorksheet;
  usato: ExcelRange;
  /** The formula cells of the whole sheet; null in a read in slices (each slice reads its own). */
  formule: ExcelRangeAreas | null;
  unioni: { blocco: BloccoUnioni; aree: ExcelRangeAreas }[];
  /** The sheet's conditional formats (null when not read); its charts' names. */
  formati: ExcelConditionalFormatCollection | null;
  grafici: ExcelChartCollection;
}

/**
 * WorkbookAccess over Office.js. Every context.sync() is a network round trip in Excel on the
 * web, so a Ricalcola (leggi + scrivi) costs 2 syncs whatever the workbook's size:
 *
 * leggi() — ONE sync. Office.js cannot list the worksheets and queue loads on each of them
 * without a sync in between, so this object remembers the sheets (id, name, used rows) of its
 * last read. A read queues, together: worksheets.load("items/name,items/id"), the selection's
 * address and, for every remembered sheet (worksheets.getItemOrNullObject(id)), its used range
 * (address, values, numberFormat), the formulas of its formula cells, its protection and its
 * merged areas. After the sync it compares the list: sheets renamed, moved or removed need
 * nothing more (ids are stable, names come from the list); only sheets it has never seen need a
 * second sync, queued for them alone. So: the first read ever takes 2 syncs, every later one 1,
 * plus 1 when sheets were added. One more sync is needed only when a sheet grew beyond the rows
 * whose merged areas were queued (see read-plan.ts: its last used rows plus max(1,024, 25%)).
 * Merged areas are read in blocks of rows sized by the areas per row the last read found, to stay
 * well under the 512 areas getMergedAreasOrNullObject() can return; should Excel refuse a block
 * all the same (recognised by the error's location, "Range.getMergedAreasOrNullObject",
 * isErroreUnioni), the read is done again with blocks four times lower — the conditional formats
 * are still read.
 *
 * Excel on the web also refuses responses over 5 MB (ResponsePayloadSizeLimitExceeded): tens of
 * thousands of rows. When that happens the read is done again in slices of rows (list and sheet
 * metadata, then the slices), each sync sized by the bytes per cell read so far to carry about
 * 4 MB, and this object keeps reading that way until the workbook is small again — a failed round
 * trip once, not at every read. It remembers the bytes per cell for the next reads' first slices.
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
 * (RequestPayloadSizeLimitExceeded: nothing of it was applied), that lot is split in two and the
 * write goes on from it in a new batch — the lots already applied are not sent again.
 * Writes to a sheet known to be protected are refused before anything is sent.
 *
 * No context.sync() is ever called in a loop.
 */
export function creaAccessoOffice(deps: DipendenzeOffice = {}): AccessoOffice {
  const esegui: EseguiExcel = deps.esegui ?? ((batch) => Excel.run(batch));
  const impostazioni: () => ImpostazioniDocumento =
    deps.impostazioni ?? ((): ImpostazioniDocumento => Office.context.document.settings);
  const chiavi = new Set<string>(deps.chiaviImpostazioni ?? CHIAVI_IMPOSTAZIONI);
  const opzioniPiano: OpzioniPiano = {
    maxByteLotto: deps.maxByteLotto,
    maxCaratteriIndirizzi: deps.maxCaratteriIndirizzi,
  };

  const celleASync = deps.celleASync ?? CELLE_PER_SYNC_A_FETTE;
  let noti: FoglioNoto[] = [];
  let protettiNoti = new Set<string>();
  /** Set once Excel refused a read's response as too large: read in slices from then on. */
  let aFette = false;
  let celleAlRifiuto = 0;
  const maxByteRisposta = deps.maxByteRisposta ?? MAX_BYTE_RISPOSTA;
  /** Bytes a sync of a read in slices aims at: a quarter lower each time Excel refuses one all the same. */
  let byteObiettivo = maxByteRisposta;
  /** Bytes per cell of the densest part the last read in slices met (null before any). */
  let densitaNota: number | null = null;
  /** Estimated bytes written since the last read: the next one reads them back. */
  let byteScritti = 0;
  /** Set once Excel refused to read the conditional formats: they are left out from then on. */
  let senzaFormattazioni = false;
  /**
   * Blocks of merged areas are this many times lower than the sheets' known densities ask: raised
   * each time Excel refuses a block (more than 512 areas), back to 1 after a read succeeds.
   */
  let divisoreUnioni = 1;
  const altezzaUnioni = (id: string) => righePerBlocco(noti.find((n) => n.id === id)?.densitaUnioni, divisoreUnioni);
  /** Lower blocks after Excel refused one; false once every block is a single row. */
  const riduciBlocchiUnioni = (): boolean => {
    if (divisoreUnioni >= RIGHE_MAX_PER_BLOCCO) return false;
    divisoreUnioni *= FATTORE_RIDUZIONE_UNIONI;
    return true;
  };
  const diagnostica: Diagnostica = {
    ultimaLettura: null,
    ultimaScrittura: null,
  };

  /** Last step of every read: the grids, the selection, and what the next read needs. */
  const concludi = (
    letti: FoglioLetto[],
    indirizzoSelezione: string | null,
    sincronizzazioni: number,
    aFetteOra: boolean
  ): Lettura => {
    noti = letti.map((l) => ({
      id: l.id,
      nome: l.nome,
      righe: righeUsate(l.dati.usato),
      densitaUnioni: l.densitaUnioni ?? noti.find((n) => n.id === l.id)?.densitaUnioni,
    }));
    divisoreUnioni = 1;
    byteScritti = 0;
    const protetti = letti
      .filter((l) => !l.richiesta.foglio.isNullObject && l.richiesta.foglio.protection.protected)
      .map((l) => l.nome);
    protettiNoti = new Set(protetti);
    diagnostica.ultimaLettura = {
      sincronizzazioni,
      fogli: letti.length,
      aFette: aFetteOra,
      formattazioni: !senzaFormattazioni,
    };
    const presenti = letti.filter((l) => !l.richiesta.foglio.isNullObject);
    const formattazioni: RegolaEsistente[] | null = senzaFormattazioni
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
    return {
      fogli: letti.map((l) => grigliaDaDati(l.dati)),
      selezione: selezioneDaIndirizzo(indirizzoSelezione),
      protetti,
      formattazioni,
      grafici,
    };
  };

  /**
   * The read: 1 sync with the remembered sheets, 2 the first time or when sheets were added.
   * Without the selection when a chart or a shape is selected (getSelectedRanges() fails then).
   */
  const leggiUnaVolta = (conSelezione = true) =>
    esegui(async (context: ExcelContext): Promise<Lettura> => {
      const { fogli, selezionate } = accodaElenco(context, conSelezione);
      const richieste = new Map<string, RichiestaFoglio>();
      noti.forEach((noto) =>
        richieste.set(
          noto.id,
          accodaFoglio(fogli, noto.id, blocchiPrevisti(noto, divisoreUnioni), true, !senzaFormattazioni)
        )
      );
      await context.sync();
      let sincronizzazioni = 1;

      const elenco = fogli.items.map((f) => ({ id: f.id, nome: f.name }));
      const nuovi = elenco.filter((f) => !richieste.has(f.id));
      if (nuovi.length > 0) {
        // First read ever, or sheets added since the last one: queue those sheets alone.
        nuovi.forEach((f) =>
          richieste.set(
            f.id,
            accodaFoglio(fogli, f.id, blocchiPrevisti(undefined, divisoreUnioni), true, !senzaFormattazioni)
          )
        );
        await context.sync();
        sincronizzazioni++;
      }

      const letti: FoglioLetto[] = elenco.map((f) => {
        const richiesta = richieste.get(f.id) as RichiestaFoglio;
        return { ...f, richiesta, dati: datiFoglio(f.nome, richiesta) };
      });
      const cresciuti = unioniMancanti(letti, (l) => altezzaUnioni(l.id));
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
            l.richiesta.unioni.map((u) => ({
              ...u.blocco,
              aree: u.aree.isNullObject ? 0 : quanteAree(u.aree.address),
            }))
          );
      return concludi(letti, selezionate ? selezionate.address : null, sincronizzazioni, false);
    });

  /**
   * The read in slices, for workbooks whose response Excel on the web refuses (> 5 MB). First the
   * list and the selection with, for the remembered sheets, the used range's address, protection,
   * conditional formats and charts (one more sync for sheets never read); then the values, number
   * formats, formulas and merged areas by slices of rows, one group of slices per sync: the first
   * of celleASync cells, or sized by what the last read learned; each next one by the bytes per
   * cell of the densest part read so far, to carry byteObiettivo.
   * If Excel refuses a group all the same, the read goes on from that group in a new batch (the
   * slices already read are kept, nothing is read twice), at most a quarter of its cells per sync
   * until past its rows; a single row refused ends the read with the error.
   */
  const leggiAFette = async (conSelezione: boolean): Promise<Lettura> => {
    let stato = null as StatoAFette | null;
    let sincronizzazioni = 0;
    const sincronizza = async (context: ExcelContext) => {
      sincronizzazioni++;
      await context.sync();
    };

    const leggiGruppi = async (
      context: ExcelContext,
      foglio: (i: number) => ExcelWorksheet,
      s: StatoAFette
    ): Promise<void> => {
      const gruppo = prossimoGruppo(s.resto, s.tetto ? Math.min(s.tetto.celle, s.celle) : s.celle);
      if (gruppo.length === 0) return;
      const richieste = gruppo.map((f) => {
        const range = foglio(f.foglio).getRange(a1DaArea(f.area));
        range.load("values,numberFormat");
        const blocchi = blocchiTra(
          Math.max(f.area.top, s.rigaSeguente[f.foglio]),
          f.area.bottom,
          altezzaUnioni(s.letti[f.foglio].id)
        );
        return {
          f,
          range,
          formule: formuleIn(range),
          unioni: accodaUnioni(foglio(f.foglio), blocchi),
        };
      });
      s.inCorso = gruppo;
      await sincronizza(context);
      s.inCorso = null;
      const lette: FettaLetta[] = richieste.map(({ f, range, formule, unioni }) => ({
        ...f,
        values: range.values,
        numberFormat: range.numberFormat,
        formule: areeFormule(formule),
        unioni: unioni
          .filter((u) => !u.aree.isNullObject)
          .map((u) => ({
            riga: u.blocco.da,
            fino: u.blocco.a,
            address: u.aree.address,
          })),
      }));
      s.lette.push(...lette);
      for (const { f } of richieste) s.rigaSeguente[f.foglio] = Math.max(s.rigaSeguente[f.foglio], f.area.bottom + 1);
      s.resto = restoDopo(s.resto, gruppo);
      s.misurata = Math.max(s.misurata, densitaMassima(lette));
      s.celle = celleDaDensita(byteObiettivo, Math.max(s.misurata, densitaNota ?? 0));
      if (s.tetto) {
        s.tetto.restanti -= celleDelGruppo(gruppo);
        if (s.tetto.restanti <= 0) s.tetto = null;
      }
      await leggiGruppi(context, foglio, s);
    };

    const inizia = () =>
      esegui(async (context: ExcelContext): Promise<void> => {
        const { fogli, selezionate } = accodaElenco(context, conSelezione);
        const richieste = new Map<string, RichiestaFoglio>();
        // The merged areas come with the slices: at 100,000 rows they are ~3 MB.
        noti.forEach((noto) => richieste.set(noto.id, accodaFoglio(fogli, noto.id, [], false, !senzaFormattazioni)));
        await sincronizza(context);
        const elenco = fogli.items.map((f) => ({ id: f.id, nome: f.name }));
        const nuovi = elenco.filter((f) => !richieste.has(f.id));
        if (nuovi.length > 0) {
          nuovi.forEach((f) => richieste.set(f.id, accodaFoglio(fogli, f.id, [], false, !senzaFormattazioni)));
          await sincronizza(context);
        }
        const letti: FoglioLetto[] = elenco.map((f) => {
          const richiesta = richieste.get(f.id) as RichiestaFoglio;
          return {
            ...f,
            richiesta,
            dati: datiFoglio(f.nome, richiesta, false),
          };
        });
        const resto = letti.map((l) =>
          l.richiesta.usato.isNullObject ? null : areeDaIndirizzi(l.richiesta.usato.address)[0].area
        );
        const s: StatoAFette = {
          letti,
          selezione: selezionate ? selezionate.address : null,
          resto,
          lette: [],
          rigaSeguente: resto.map((a) => (a ? a.top : 0)),
          celle: celleIniziali(),
          misurata: 0,
          tetto: null,
          inCorso: null,
        };
        stato = s;
        await leggiGruppi(context, (i) => letti[i].richiesta.foglio, s);
      });

    /** After a refused sync: the rest, in a new batch that reaches the sheets by id. */
    const continua = (s: StatoAFette) =>
      esegui(async (context: ExcelContext): Promise<void> => {
        const fogli = context.workbook.worksheets;
        const perIndice = new Map<number, ExcelWorksheet>();
        const foglio = (i: number): ExcelWorksheet => {
          let ws = perIndice.get(i);
          if (!ws) perIndice.set(i, (ws = fogli.getItem(s.letti[i].id)));
          return ws;
        };
        await leggiGruppi(context, foglio, s);
      });

    const leggiTutto = async (): Promise<StatoAFette> => {
      try {
        if (stato) await continua(stato);
        else await inizia();
        return stato as StatoAFette;
      } catch (e) {
        const rifiutato = stato?.inCorso;
        // A block of merged areas refused (more than 512): that group again, with lower blocks.
        if (stato && rifiutato && isErroreUnioni(e) && riduciBlocchiUnioni()) {
          stato.inCorso = null;
          return leggiTutto();
        }
        const unaRiga = rifiutato?.length === 1 && rifiutato[0].area.top === rifiutato[0].area.bottom;
        if (!stato || !rifiutato || unaRiga || codiceOffice(e) !== CODICI_OFFICE.rispostaTroppoGrande) throw e;
        const celle = celleDelGruppo(rifiutato);
        stato.inCorso = null;
        // Within rows already refused once, the cap of the first refusal still holds.
        stato.tetto = {
          celle: Math.max(1, Math.floor(celle / 4)),
          restanti: Math.max(celle, stato.tetto?.restanti ?? 0),
        };
        // Denser than measured, or Excel counts more than the estimate: aim lower from now on.
        byteObiettivo = Math.max(Math.floor(maxByteRisposta / 4), Math.floor((byteObiettivo * 3) / 4));
        return leggiTutto();
      }
    };

    const s = await leggiTutto();
    densitaNota = s.misurata > 0 ? s.misurata : densitaNota;
    s.letti.forEach((l, i) => {
      const mie = s.lette.filter((f) => f.foglio === i);
      const usato = l.richiesta.usato.isNullObject
        ? null
        : {
            address: l.richiesta.usato.address,
            values: mie.flatMap((f) => f.values),
            numberFormat: mie.flatMap((f) => f.numberFormat),
          };
      l.dati = {
        ...l.dati,
        usato,
        formule: mie.flatMap((f) => f.formule),
        unioni: mie.flatMap((f) => f.unioni.map((u) => u.address)),
      };
      l.densitaUnioni = densitaUnioni(
        mie.flatMap((f) =>
          f.unioni.map((u) => ({
            da: u.riga,
            a: u.fino,
            aree: quanteAree(u.address),
          }))
        )
      );
    });
    return concludi(s.letti, s.selezione, sincronizzazioni, true);
  };

  /**
   * Cells of a read in slices' first sync. Knowing the bytes per cell of the last one, as many as
   * fill byteObiettivo, less what was written since (it may all lie in these rows); never fewer
   * than a first read's, unless the last one found its cells denser than that.
   */
  const celleIniziali = (): number => {
    if (densitaNota === null) return celleASync;
    const sicure = Math.min(celleASync, celleDaDensita(byteObiettivo, densitaNota));
    return Math.max(sicure, celleDaDensita(byteObiettivo - byteScritti, densitaNota));
  };

  /**
   * Sliced reads go on until the workbook has shrunk to half the cells it had when Excel refused
   * the whole response (measured by the first sliced read): no failed round trip at every read.
   */
  const aggiornaAFette = (lettura: Lettura) => {
    const celle = lettura.fogli.reduce((s, g) => s + g.values.reduce((t, r) => t + r.length, 0), 0);
    if (celleAlRifiuto === 0) celleAlRifiuto = celle;
    else if (celle < celleAlRifiuto / 2) {
      aFette = false;
      celleAlRifiuto = 0;
    }
    return lettura;
  };

  /**
   * A read, recovering once from each known failure: a response too large (→ slices), a remembered
   * sheet gone (→ from the list), a chart or shape selected (→ without the selection).
   */
  const leggiConRecuperi = async (conSelezione: boolean, gestiti: ReadonlySet<string>): Promise<Lettura> => {
    try {
      if (aFette) return aggiornaAFette(await leggiAFette(conSelezione));
      return await leggiUnaVolta(conSelezione);
    } catch (e) {
      // A block of merged areas refused (more than 512, by the error's location): the read again
      // with lower blocks; conditional formats have nothing to do with it.
      if (isErroreUnioni(e)) {
        if (riduciBlocchiUnioni()) return leggiConRecuperi(conSelezione, gestiti);
        throw comeErroreBarometro(e);
      }
      const codice = codiceOffice(e);
      if (codice !== null && !gestiti.has(codice)) {
        const ancora = new Set(gestiti).add(codice);
        if (codice === CODICI_OFFICE.rispostaTroppoGrande && !aFette) {
          aFette = true;
          celleAlRifiuto = 0;
          return leggiConRecuperi(conSelezione, ancora);
        }
        // A remembered sheet that no longer exists may fail the batch instead of giving a null
        // object: start over from the list (the first-read path).
        if (codice === CODICI_OFFICE.nonTrovato && noti.length > 0) {
          noti = [];
          return leggiConRecuperi(conSelezione, ancora);
        }
        // A chart or a shape is selected (OfficeDev/office-js#2268).
        if (codice === CODICI_OFFICE.selezioneNonValida && conSelezione) return leggiConRecuperi(false, ancora);
        // Any other refusal may come from a conditional format Excel cannot describe
        // (OfficeDev/office-js#6827, #6835): once, read again without conditional formats.
        if (!senzaFormattazioni && !CODICI_NON_DA_FORMATTAZIONI.has(codice)) {
          senzaFormattazioni = true;
          return leggiConRecuperi(conSelezione, ancora);
        }
      }
      throw comeErroreBarometro(e);
    }
  };

  /** Sheets added by a write (after its sync): remembered as blank, so the next read queues them at once. */
  const ricordaAggiunti = (aggiunti: ExcelWorksheet[]): void => {
    for (const ws of aggiunti)
      if (noti.length > 0 && !noti.some((n) => n.id === ws.id)) noti.push({ id: ws.id, nome: ws.name, righe: null });
  };

  return {
    leggi: () => leggiConRecuperi(true, new Set()),

    async scrivi(patch: Patch): Promise<EsitoScrittura> {
      const piano = pianoScrittura(patch, opzioniPiano);
      if (piano.lotti.length === 0) return (diagnostica.ultimaScrittura = { sincronizzazioni: 0, byte: 0 });
      const protetto = piano.fogli.find((f) => protettiNoti.has(f));
      if (protetto !== undefined) throw new ErroreBarometro(MESSAGGI_APP.foglioProtetto(protetto));
      byteScritti += piano.byte;
      const lotti = [...piano.lotti];
      /** Lots Excel has applied (each is one sync); the next run starts from there. */
      let scritti = 0;
      let sincronizzazioni = 0;
      const scriviDaQui = () =>
        esegui(async (context: ExcelContext) => {
          const fogli = context.workbook.worksheets;
          const perNome = new Map<string, ExcelWorksheet>();
          const foglio = (nome: string): ExcelWorksheet => {
            let ws = perNome.get(nome);
            if (!ws) perNome.set(nome, (ws = fogli.getItem(nome)));
            return ws;
          };
          // A sheet added here (the Riepilogo) loads its id with the write: the next read knows it
          // and stays at one sync.
          const aggiunti: ExcelWorksheet[] = [];
          const aggiungiFoglio = (nome: string): void => {
            const nuovo = fogli.add(nome);
            nuovo.load("id,name");
            aggiunti.push(nuovo);
            perNome.set(nome, nuovo);
          };
          // One sync per lot, one after the other; there is a single lot below ~4.5 MB. A lot that
          // deletes rules first reads those sheets' rules as they are now: one more sync, only then.
          const scriviDa = async (i: number): Promise<void> => {
            if (i >= lotti.length) return;
            const attuali = accodaRegoleAttuali(lotti[i].eliminaRegole, foglio);
            if (attuali.size > 0) {
              sincronizzazioni++;
              await context.sync();
            }
            accodaLotto(lotti[i], foglio, aggiungiFoglio, attuali);
            sincronizzazioni++;
            await context.sync();
            scritti = i + 1;
            ricordaAggiunti(aggiunti.splice(0));
            await scriviDa(i + 1);
          };
          await scriviDa(scritti);
        });
      /**
       * Excel refused a lot as too large (the estimate is only an estimate): that lot, which was
       * not applied, is split in two and the write goes on from it, in a new batch.
       */
      const scriviConRiprova = async (): Promise<void> => {
        try {
          await scriviDaQui();
        } catch (e) {
          const meta = codiceOffice(e) === CODICI_OFFICE.richiestaTroppoGrande ? dividiLotto(lotti[scritti]) : null;
          if (!meta) throw e;
          lotti.splice(scritti, 1, ...meta);
          await scriviConRiprova();
        }
      };
      try {
        await scriviConRiprova();
      } catch (e) {
        if (codiceOffice(e) === CODICI_OFFICE.accessoNegato)
          throw comeErroreBarometro(e, await fogliProtetti(esegui, piano.fogli));
        throw comeErroreBarometro(e);
      }
      return (diagnostica.ultimaScrittura = {
        sincronizzazioni,
        byte: piano.byte,
      });
    },

    async impagina(piano) {
      const esito = await impaginaInExcel(esegui, piano, ricordaAggiunti);
      byteScritti += esito.byte;
      return (diagnostica.ultimaScrittura = esito);
    },

    async seleziona(selezione: Selezione): Promise<void> {
      try {
        await esegui(async (context: ExcelContext) => {
          const foglio = context.workbook.worksheets.getItem(selezione.foglio);
          foglio.activate();
          foglio.getRange(selezione.indirizzo.replace(/^.*!/, "")).select();
          await context.sync();
        });
      } catch (e) {
        throw comeErroreBarometro(e);
      }
    },

    leggiImpostazioni(): ValoriImpostazioni {
      const s = impostazioni();
      const valori: ValoriImpostazioni = {};
      for (const chiave of chiavi) {
        const valore = s.get(chiave);
        if (valore !== null && valore !== undefined) valori[chiave] = valore;
      }
      return valori;
    },

    aggiornaImpostazioni: () => rileggiImpostazioni(impostazioni()),

    /** Co-authoring safe: the changed keys only, on the document's bag as it is now (impostazioni-documento.ts). */
    async salvaImpostazioni(valori: ValoriImpostazioni): Promise<void> {
      Object.keys(valori).forEach((chiave) => chiavi.add(chiave));
      await salvaChiaviCambiate(impostazioni(), valori);
    },

    diagnostica: () => ({ ...diagnostica }),
    dimentica() {
      noti = [];
      protettiNoti = new Set();
      aFette = false;
      senzaFormattazioni = false;
      divisoreUnioni = 1;
      byteObiettivo = maxByteRisposta;
      densitaNota = null;
      byteScritti = 0;
    },
  };
}

/** Office error codes that do not come from reading conditional formats (handled on their own or final). */
const CODICI_NON_DA_FORMATTAZIONI = new Set<string>([
  CODICI_OFFICE.modificaInCorso,
  CODICI_OFFICE.accessoNegato,
  CODICI_OFFICE.rispostaTroppoGrande,
  CODICI_OFFICE.selezioneNonValida,
  CODICI_OFFICE.nonTrovato,
]);

/** Queues the list of sheets and, when asked, the selection's address (one read). */
function accodaElenco(context: ExcelContext, conSelezione: boolean) {
  const fogli = context.workbook.worksheets;
  fogli.load("items/name,items/id");
  const selezionate = conSelezione ? context.workbook.getSelectedRanges() : null;
  if (selezionate) selezionate.load("address");
  return { fogli, selezionate };
}

/**
 * Queues everything one worksheet's read needs (no sync); without `dati`, the used range's
 * address only; without `formattazioni`, no conditional formats.
 */
function accodaFoglio(
  fogli: ExcelWorksheetCollection,
  id: string,
  blocchi: BloccoUnioni[],
  dati: boolean,
  formattazioni: boolean
): RichiestaFoglio {
  const foglio = fogli.getItemOrNullObject(id);
  const usato = foglio.getUsedRangeOrNullObject(false);
  if (dati) usato.load("address,values,numberFormat");
  else usato.load("address");
  // In a read in slices the formulas come with each slice: a sheet full of formulas (Barometro's
  // labels on 100,000 rows are ~25 MB of text) would exceed the 5 MB of a response on its own.
  const formule = dati ? formuleIn(foglio.getRange()) : null;
  foglio.load("protection/protected");
  let formati: ExcelConditionalFormatCollection | null = null;
  if (formattazioni) {
    formati = foglio.getRange().conditionalFormats;
    formati.load("items/id,items/type,items/customOrNullObject/rule/formula");
  }
  const grafici = graficiDel(foglio);
  grafici.load("items/name");
  return {
    foglio,
    usato,
    formule,
    unioni: accodaUnioni(foglio, blocchi),
    formati,
    grafici,
  };
}

/** Queues the formula cells of a range (their areas' addresses and formulas). */
function formuleIn(range: ExcelRange): ExcelRangeAreas {
  const formule = range.getSpecialCellsOrNullObject("Formulas");
  formule.load("areas/items/address,areas/items/formulas");
  return formule;
}

/** Loaded formula areas → plain data; none for a null object. */
function areeFormule(formule: ExcelRangeAreas | null): DatiFoglio["formule"] {
  return !formule || formule.isNullObject
    ? []
    : formule.areas.items.map((area) => ({
        address: area.address,
        formulas: area.formulas,
      }));
}

/** A worksheet's charts: a navigation property, reading it needs no sync (unlike its items). */
function graficiDel(foglio: ExcelWorksheet): ExcelChartCollection {
  return foglio.charts;
}

/** Queues the merged areas of these blocks of rows (no sync). */
function accodaUnioni(foglio: ExcelWorksheet, blocchi: BloccoUnioni[]): RichiestaFoglio["unioni"] {
  return blocchi.map((blocco) => {
    const aree = foglio.getRange(indirizzoRighe(blocco.da, blocco.a)).getMergedAreasOrNullObject();
    aree.load("address");
    return { blocco, aree };
  });
}

/** Sheets whose used rows go past the blocks of merged areas queued for them. */
function unioniMancanti<L extends { richiesta: RichiestaFoglio; dati: DatiFoglio }>(
  letti: L[],
  altezza: (l: L) => number
): { l: L; blocchi: BloccoUnioni[] }[] {
  return letti
    .map((l) => ({
      l,
      blocchi: blocchiMancanti(
        righeUsate(l.dati.usato),
        l.richiesta.unioni.map((u) => u.blocco),
        altezza(l)
      ),
    }))
    .filter((c) => c.blocchi.length > 0);
}

/** The loaded proxies → plain data (after the sync); the used range's cells only when they were loaded. */
function datiFoglio(nome: string, r: RichiestaFoglio, conCelle = true): DatiFoglio {
  return {
    nome,
    usato: r.usato.isNullObject
      ? null
      : conCelle
        ? {
            address: r.usato.address,
            values: r.usato.values,
            numberFormat: r.usato.numberFormat,
          }
        : { address: r.usato.address, values: [], numberFormat: [] },
    formule: areeFormule(r.formule),
    unioni: r.unioni.filter((u) => !u.aree.isNullObject).map((u) => u.aree.address),
  };
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
