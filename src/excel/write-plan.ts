import { Area, parseA1 } from "../layout/griglia";
import { Patch } from "../layout/patch";
import { PianoRiepilogo } from "../layout/riepilogo";
import { RegolaCondizionale, RegolaEsistente } from "../layout/regole-condizionali";
import { a1DaArea, areaDaA1 } from "./addresses";

/** Excel on the web refuses requests over 5 MB: a write is split only above this estimate. */
export const MAX_BYTE_LOTTO = 4_500_000;
/** Longest address list passed to one worksheet.getRanges() call. */
export const MAX_CARATTERI_INDIRIZZI = 2_000;

/** One 2-D write: range.values (or range.formulas when the block holds a formula). */
export interface BloccoValori {
  foglio: string;
  /** "J7:J40", "M12" (no sheet name). */
  indirizzo: string;
  proprieta: "values" | "formulas";
  dati: (string | number)[][];
  /** Estimated bytes this write adds to the request. */
  byte: number;
}

/** One fill over a multi-area range (worksheet.getRanges(indirizzi)); null clears the fill. */
export interface BloccoColore {
  foglio: string;
  colore: string | null;
  /** "N7:N9, N12, N15:N20", at most MAX_CARATTERI_INDIRIZZI characters. */
  indirizzi: string;
  celle: number;
  byte: number;
}

/**
 * What one context.sync() sends, in this order: Barometro's conditional-format rules to delete
 * (first, as the sheets hold them when the lot is sent: scrittore.ts reads them again in a sync
 * of their own just before, since rule ids are positions), the Riepilogo
 * sheet's preparation (added, or its old contents and chart cleared), the values, the fills, the
 * Riepilogo's number formats and chart, the new rules.
 */
export interface LottoScrittura {
  /** As the read found them: the adapter reads the sheets' rules again before deleting (ids are positions). */
  eliminaRegole: RegolaEsistente[];
  /** Cells' number formats (Patch.formatiNumero), before the values: first lot only. */
  formatiNumero?: { foglio: string; cella: string; formato: string }[];
  riepilogoPrima?: PianoRiepilogo;
  valori: BloccoValori[];
  colori: BloccoColore[];
  riepilogoDopo?: PianoRiepilogo;
  aggiungiRegole: RegolaCondizionale[];
  byte: number;
}

export interface PianoScrittura {
  /** One sync each; a single lot unless the estimate exceeds maxByteLotto. */
  lotti: LottoScrittura[];
  /** Estimated bytes of all lots: JSON length of sheet names, addresses, values, formulas and colours. */
  byte: number;
  /** Sheets written, in order of first appearance. */
  fogli: string[];
}

export interface OpzioniPiano {
  maxByteLotto?: number;
  maxCaratteriIndirizzi?: number;
}

const json = (v: unknown) => JSON.stringify(v).length;

/**
 * What one queued operation adds to the request besides its arguments. Office.js sends each as
 * an action ({"Id","ActionType","Name","ObjectPathId","ArgumentInfo"}) plus the object paths it
 * creates (the worksheet once, a "GetRange"/"GetRanges" path and its instantiation per range):
 * about 200–250 characters. Counting only the arguments undercounted the request by ~1.6× at every
 * size (measured against the fake Excel, which counts the path text; docs/PRESTAZIONI.md).
 */
export const BYTE_PER_OPERAZIONE = 250;

/**
 * Turns a patch into as few Office.js operations as possible: the cells of one column on
 * consecutive rows become one 2-D write (then single cells next to each other on a row), the
 * fills become one multi-area range per sheet and colour. A cell written twice keeps the last
 * value. Text is written with a leading apostrophe so that Excel keeps it as text ("84,44%" would
 * otherwise be parsed as a number in the user's locale), exactly as typing it would.
 */
export function pianoScrittura(patch: Patch, opzioni: OpzioniPiano = {}): PianoScrittura {
  const maxByte = opzioni.maxByteLotto ?? MAX_BYTE_LOTTO;
  const maxCaratteri = opzioni.maxCaratteriIndirizzi ?? MAX_CARATTERI_INDIRIZZI;
  const fogli: string[] = [];
  const notaFoglio = (f: string) => {
    if (!fogli.includes(f)) fogli.push(f);
  };

  const celle = new Map<
    string,
    Map<string, { riga: number; colonna: number; dato: string | number; formula: boolean }>
  >();
  for (const w of patch.scritture) {
    notaFoglio(w.foglio);
    const { row, col } = parseA1(w.cella);
    const formula = w.formula !== undefined;
    const dato = formula ? (w.formula as string) : typeof w.valore === "string" ? `'${w.valore}` : w.valore;
    mappaDi(celle, w.foglio).set(`${row},${col}`, {
      riga: row,
      colonna: col,
      dato,
      formula,
    });
  }
  const valori: BloccoValori[] = [];
  for (const [foglio, perCella] of celle) {
    for (const gruppo of raggruppa([...perCella.values()])) {
      const proprieta = gruppo.celle.some((c) => c.formula) ? "formulas" : "values";
      const righe = gruppo.area.bottom - gruppo.area.top + 1;
      const dati: (string | number)[][] =
        righe > 1 ? gruppo.celle.map((c) => [c.dato]) : [gruppo.celle.map((c) => c.dato)];
      valori.push(
        ...dividi(
          {
            foglio,
            indirizzo: a1DaArea(gruppo.area),
            proprieta,
            dati,
            byte: 0,
          },
          gruppo.area,
          maxByte
        )
      );
    }
  }

  const perColore = new Map<string, Map<string, { riga: number; colonna: number; colore: string | null }>>();
  for (const f of patch.colori) {
    notaFoglio(f.foglio);
    const { row, col } = parseA1(f.cella);
    mappaDi(perColore, f.foglio).set(`${row},${col}`, {
      riga: row,
      colonna: col,
      colore: f.colore,
    });
  }
  const colori: BloccoColore[] = [];
  for (const [foglio, perCella] of perColore) {
    const gruppi = new Map<string, { riga: number; colonna: number }[]>();
    for (const c of perCella.values()) {
      const chiave = c.colore === null ? "" : c.colore.toUpperCase();
      (gruppi.get(chiave) ?? gruppi.set(chiave, []).get(chiave)!).push(c);
    }
    for (const [chiave, elenco] of gruppi) {
      const colore = chiave === "" ? null : chiave;
      const aree = raggruppa(elenco.map((c) => ({ ...c, dato: 0, formula: false }))).map((g) => ({
        indirizzo: a1DaArea(g.area),
        celle: g.celle.length,
      }));
      for (const pezzo of spezzaIndirizzi(aree, maxCaratteri)) {
        colori.push({
          foglio,
          colore,
          indirizzi: pezzo.indirizzi,
          celle: pezzo.celle,
          byte: BYTE_PER_OPERAZIONE + json(foglio) + json(pezzo.indirizzi) + json(colore),
        });
      }
    }
  }

  const lotti: LottoScrittura[] = [];
  const nuovo = (): LottoScrittura => {
    const lotto: LottoScrittura = {
      eliminaRegole: [],
      valori: [],
      colori: [],
      aggiungiRegole: [],
      byte: 0,
    };
    lotti.push(lotto);
    return lotto;
  };
  let corrente: LottoScrittura | null = null;
  const aggiungi = (byte: number, metti: (l: LottoScrittura) => void) => {
    if (!corrente || (corrente.byte > 0 && corrente.byte + byte > maxByte)) corrente = nuovo();
    metti(corrente);
    corrente.byte += byte;
  };
  for (const b of valori) aggiungi(b.byte, (l) => l.valori.push(b));
  for (const b of colori) aggiungi(b.byte, (l) => l.colori.push(b));

  // Rules to delete and the Riepilogo's preparation go first in the first lot; its formats, its
  // chart and the new rules last in the last lot (a few KB: they never need a lot of their own).
  const formattazione = patch.formattazione;
  const riepilogo = patch.riepilogo;
  const prima = formattazione?.elimina ?? [];
  const formatiNumero = patch.formatiNumero ?? [];
  if (formatiNumero.length > 0) {
    const lotto = lotti[0] ?? nuovo();
    lotto.formatiNumero = formatiNumero;
    formatiNumero.forEach((f) => notaFoglio(f.foglio));
    lotto.byte += formatiNumero.reduce((n, f) => n + BYTE_PER_OPERAZIONE + json(f), 0);
  }
  if (prima.length > 0 || riepilogo) {
    const lotto = lotti[0] ?? nuovo();
    lotto.eliminaRegole.push(...prima);
    prima.forEach((e) => notaFoglio(e.foglio));
    lotto.byte += prima.reduce((n, e) => n + BYTE_PER_OPERAZIONE + json({ foglio: e.foglio, id: e.id }), 0);
    if (riepilogo) {
      notaFoglio(riepilogo.foglio);
      lotto.riepilogoPrima = riepilogo;
      lotto.byte += json(riepilogo.foglio) + json(riepilogo.pulisci);
    }
  }
  const dopo = formattazione?.aggiungi ?? [];
  if (dopo.length > 0 || riepilogo) {
    const lotto = lotti[lotti.length - 1] ?? nuovo();
    lotto.aggiungiRegole.push(...dopo);
    dopo.forEach((r) => notaFoglio(r.foglio));
    lotto.byte += dopo.reduce((n, r) => n + byteRegola(r), 0);
    if (riepilogo) {
      lotto.riepilogoDopo = riepilogo;
      lotto.byte +=
        json(riepilogo.formati) +
        json(riepilogo.grafico) +
        BYTE_PER_OPERAZIONE * (riepilogo.formati.length + 12 + (riepilogo.grafico?.colori.length ?? 0));
    }
  }
  return { lotti, byte: lotti.reduce((s, l) => s + l.byte, 0), fogli };
}

function byteValori(b: Pick<BloccoValori, "foglio" | "indirizzo" | "dati">): number {
  return BYTE_PER_OPERAZIONE + json(b.foglio) + json(b.indirizzo) + json(b.dati);
}

/** A rule is three operations on the same multi-area range: add, its formula, its fill. */
function byteRegola(r: RegolaCondizionale): number {
  return 3 * (BYTE_PER_OPERAZIONE + json(r.foglio) + json(r.aree.join(", "))) + json(r.formula) + json(r.colore);
}

/**
 * A lot Excel refused as too large → two lots with half its writes each (the rules to delete and
 * the Riepilogo's preparation stay in the first, the new rules and the Riepilogo's contents go to
 * the second, as in the plan). A lot with a single value block splits that block. Null when the
 * lot cannot be split any further.
 */
export function dividiLotto(lotto: LottoScrittura): [LottoScrittura, LottoScrittura] | null {
  const scritture = [...lotto.valori.map((v) => ({ v })), ...lotto.colori.map((c) => ({ c }))];
  if (scritture.length === 1 && lotto.valori.length === 1) {
    const b = lotto.valori[0];
    const meta = dimezza(b, areaDaA1(b.indirizzo));
    if (meta) scritture.splice(0, 1, ...meta.map((v) => ({ v })));
  }
  const regole = lotto.aggiungiRegole;
  if (scritture.length < 2 && regole.length < 2) return null;
  const meta = Math.ceil(scritture.length / 2);
  const lotti: [LottoScrittura, LottoScrittura] = [
    {
      ...lotto,
      valori: [],
      colori: [],
      riepilogoDopo: undefined,
      aggiungiRegole: [],
      byte: 0,
    },
    {
      ...lotto,
      valori: [],
      colori: [],
      eliminaRegole: [],
      formatiNumero: undefined,
      riepilogoPrima: undefined,
      byte: 0,
    },
  ];
  scritture.forEach((s, i) => {
    const l = lotti[i < meta ? 0 : 1];
    if ("v" in s) l.valori.push(s.v);
    else l.colori.push(s.c);
  });
  if (scritture.length < 2) {
    lotti[0].aggiungiRegole = regole.slice(0, Math.ceil(regole.length / 2));
    lotti[1].aggiungiRegole = regole.slice(Math.ceil(regole.length / 2));
  }
  for (const l of lotti)
    l.byte =
      l.valori.reduce((n, v) => n + v.byte, 0) +
      l.colori.reduce((n, c) => n + c.byte, 0) +
      l.aggiungiRegole.reduce((n, r) => n + byteRegola(r), 0);
  return lotti;
}

function mappaDi<T>(m: Map<string, Map<string, T>>, chiave: string): Map<string, T> {
  let interna = m.get(chiave);
  if (!interna) m.set(chiave, (interna = new Map()));
  return interna;
}

interface CellaPiano {
  riga: number;
  colonna: number;
  dato: string | number;
  formula: boolean;
}

/**
 * Cells of one sheet → rectangles of one row or one column: vertical runs first (the owned
 * columns J, M, N), then what is left alone joined along its row. Order: by column, then row.
 */
export function raggruppa<T extends CellaPiano>(celle: T[]): { area: Area; celle: T[] }[] {
  const perColonna = [...celle].sort((a, b) => a.colonna - b.colonna || a.riga - b.riga);
  const gruppi: { area: Area; celle: T[] }[] = [];
  const soli: T[] = [];
  let i = 0;
  while (i < perColonna.length) {
    let j = i;
    while (
      j + 1 < perColonna.length &&
      perColonna[j + 1].colonna === perColonna[i].colonna &&
      perColonna[j + 1].riga === perColonna[j].riga + 1
    )
      j++;
    if (j > i) {
      const serie = perColonna.slice(i, j + 1);
      gruppi.push({
        area: {
          top: serie[0].riga,
          bottom: serie[serie.length - 1].riga,
          left: serie[0].colonna,
          right: serie[0].colonna,
        },
        celle: serie,
      });
    } else soli.push(perColonna[i]);
    i = j + 1;
  }
  const perRiga = soli.sort((a, b) => a.riga - b.riga || a.colonna - b.colonna);
  i = 0;
  while (i < perRiga.length) {
    let j = i;
    while (
      j + 1 < perRiga.length &&
      perRiga[j + 1].riga === perRiga[i].riga &&
      perRiga[j + 1].colonna === perRiga[j].colonna + 1
    )
      j++;
    const serie = perRiga.slice(i, j + 1);
    gruppi.push({
      area: {
        top: serie[0].riga,
        bottom: serie[0].riga,
        left: serie[0].colonna,
        right: serie[serie.length - 1].colonna,
      },
      celle: serie,
    });
    i = j + 1;
  }
  return gruppi.sort((a, b) => a.area.left - b.area.left || a.area.top - b.area.top);
}

/** A block over the size limit → halves, along its longer side, until each fits. */
function dividi(blocco: BloccoValori, area: Area, maxByte: number): BloccoValori[] {
  const stimato = { ...blocco, byte: byteValori(blocco) };
  if (stimato.byte <= maxByte) return [stimato];
  const meta = dimezza(stimato, area);
  return meta ? meta.flatMap((m) => dividi(m, areaDaA1(m.indirizzo), maxByte)) : [stimato];
}

/** A block's two halves along its longer side; null for a single cell. */
function dimezza(blocco: BloccoValori, area: Area): [BloccoValori, BloccoValori] | null {
  const righe = area.bottom - area.top + 1;
  const colonne = area.right - area.left + 1;
  if (righe === 1 && colonne === 1) return null;
  const parte = (a: Area, dati: BloccoValori["dati"]): BloccoValori => {
    const b = { ...blocco, indirizzo: a1DaArea(a), dati };
    return { ...b, byte: byteValori(b) };
  };
  if (righe >= colonne) {
    const meta = Math.floor(righe / 2);
    return [
      parte({ ...area, bottom: area.top + meta - 1 }, blocco.dati.slice(0, meta)),
      parte({ ...area, top: area.top + meta }, blocco.dati.slice(meta)),
    ];
  }
  const meta = Math.floor(colonne / 2);
  return [
    parte(
      { ...area, right: area.left + meta - 1 },
      blocco.dati.map((r) => r.slice(0, meta))
    ),
    parte(
      { ...area, left: area.left + meta },
      blocco.dati.map((r) => r.slice(meta))
    ),
  ];
}

/** Joins addresses with ", " into lists of at most maxCaratteri characters (one address may stand alone). */
export function spezzaIndirizzi(
  aree: { indirizzo: string; celle: number }[],
  maxCaratteri: number = MAX_CARATTERI_INDIRIZZI
): { indirizzi: string; celle: number }[] {
  const pezzi: { indirizzi: string; celle: number }[] = [];
  let corrente: { indirizzi: string; celle: number } | null = null;
  for (const a of aree) {
    if (corrente && corrente.indirizzi.length + 2 + a.indirizzo.length <= maxCaratteri) {
      corrente.indirizzi += `, ${a.indirizzo}`;
      corrente.celle += a.celle;
    } else {
      corrente = { indirizzi: a.indirizzo, celle: a.celle };
      pezzi.push(corrente);
    }
  }
  return pezzi;
}
