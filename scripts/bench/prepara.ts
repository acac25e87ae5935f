/**
 * One size, in a child process: generates the workbook (test/excel/generatore.ts, into the fake
 * Excel), saves its SheetGrid (v8 serialisation, for motore.ts) and its .xlsx (for the command
 * line), then measures the Office.js adapter over the fake Excel: syncs, payloads, and what the
 * adapter does when the read's response exceeds Excel on the web's 5 MB limit.
 *
 *   ts-node scripts/bench/prepara.ts N CARTELLA [--xlsx]
 *
 * Prints one JSON line (RisultatoPrepara).
 */
import { statSync, writeFileSync } from "fs";
import { join } from "path";
import { serialize } from "v8";
import { ricalcola } from "../../src/app/ricalcolo";
import { IMPOSTAZIONI_PREDEFINITE } from "../../src/app/impostazioni";
import { creaAccessoOffice } from "../../src/excel/office-access";
import { MAX_BYTE_LOTTO, pianoScrittura } from "../../src/excel/write-plan";
import type { WorkbookAccess } from "../../src/app/access";
import { CartellaFinta, SyncRegistrata } from "../../src/excel-finto";
import { FOGLIO_GENERATO } from "../../test/excel/generatore";
import { generaCartella, grigliaDaFoglio, scriviXlsx } from "./cartella";

export interface MisuraSync {
  /** Every context.sync() the fake counted, the failed ones included. */
  sync: number;
  /** Syncs that failed (e.g. ResponsePayloadSizeLimitExceeded), with their codes. */
  falliti: string[];
  syncLettura: number;
  syncScrittura: number;
  /** Largest request and response of one sync (the fake's JSON-length estimate). */
  maxRichiesta: number;
  maxRisposta: number;
  /** Sum over the read's syncs of the response bytes. */
  byteRispostaLettura: number;
  /** The write's payload as the adapter's write plan estimates it (also when the write failed), and as the fake measured the requests. */
  byteScritturaPiano: number;
  /** Lots (syncs) the write plan made. */
  lottiPiano: number;
  byteRichiestaScrittura: number;
  /** Whether the adapter read in slices. */
  aFette: boolean;
  ms: number;
  /** The operation failed: its message (the numbers above are those of the syncs made until then). */
  errore?: string;
  /** Request bytes of the sync that failed, when one did. */
  byteRichiestaFallita?: number;
}

export interface RisultatoPrepara {
  n: number;
  indicatori: number;
  righeFoglio: number;
  celle: number;
  unioni: number;
  generazioneMs: number;
  xlsx?: { file: string; byte: number; ms: number };
  primaLettura: MisuraSync;
  ricalcolaTutto: MisuraSync;
  ricalcolaLinea: MisuraSync;
  maxByteLotto: number;
}

const somma = (r: SyncRegistrata[], k: "byteRichiesta" | "byteRisposta") => r.reduce((s, x) => s + x[k], 0);
const massimo = (r: SyncRegistrata[], k: "byteRichiesta" | "byteRisposta") => r.reduce((s, x) => Math.max(s, x[k]), 0);
/** A write sync sets values or calls methods (fills) and loads nothing. */
const diScrittura = (s: SyncRegistrata) => s.operazioni.length > 0 && s.operazioni.every((o) => o.tipo !== "carica");

function misura(
  cartella: CartellaFinta,
  ms: number,
  aFette: boolean,
  piano: { byte: number; lotti: number } | null,
  errore?: unknown
): MisuraSync {
  const registro = cartella.registro;
  const fallita = registro.find((s) => s.errore);
  const scritture = registro.filter(diScrittura);
  const letture = registro.filter((s) => !diScrittura(s));
  return {
    sync: cartella.sincronizzazioni,
    falliti: registro.filter((s) => s.errore).map((s) => s.errore as string),
    syncLettura: letture.length,
    syncScrittura: scritture.length,
    maxRichiesta: massimo(registro, "byteRichiesta"),
    maxRisposta: massimo(registro, "byteRisposta"),
    byteRispostaLettura: somma(letture, "byteRisposta"),
    byteScritturaPiano: piano?.byte ?? 0,
    lottiPiano: piano?.lotti ?? 0,
    byteRichiestaScrittura: somma(scritture, "byteRichiesta"),
    aFette,
    ms,
    ...(errore !== undefined ? { errore: errore instanceof Error ? errore.message : String(errore) } : {}),
    ...(fallita ? { byteRichiestaFallita: fallita.byteRichiesta } : {}),
  };
}

/** Runs a use case, measuring it whether it succeeds or fails. */
async function misurata<T>(
  cartella: CartellaFinta,
  aFette: () => boolean,
  piano: () => { byte: number; lotti: number } | null,
  azione: () => Promise<T>
): Promise<{ misura: MisuraSync; esito: T | null }> {
  cartella.azzeraContatori();
  const t = performance.now();
  try {
    const esito = await azione();
    return { misura: misura(cartella, performance.now() - t, aFette(), piano()), esito };
  } catch (e) {
    return { misura: misura(cartella, performance.now() - t, aFette(), piano(), e), esito: null };
  }
}

async function main(): Promise<void> {
  const [nTesto, cartellaUscita, ...opzioni] = process.argv.slice(2);
  const n = Number(nTesto);
  if (!Number.isInteger(n) || n <= 0 || !cartellaUscita) throw new Error("Uso: prepara.ts N CARTELLA [--xlsx]");

  let t = performance.now();
  const g = generaCartella(n);
  const generazioneMs = performance.now() - t;
  const griglia = grigliaDaFoglio(g.foglio);
  writeFileSync(join(cartellaUscita, `griglia-${n}.v8`), serialize(griglia));
  const celle = griglia.values.length * (griglia.values[0]?.length ?? 0);

  let xlsx: RisultatoPrepara["xlsx"];
  if (opzioni.includes("--xlsx")) {
    const file = join(cartellaUscita, `indicatori-${n}.xlsx`);
    t = performance.now();
    await scriviXlsx(g.foglio, file);
    xlsx = { file, byte: statSync(file).size, ms: performance.now() - t };
  }

  const { cartella } = g;
  const accesso = creaAccessoOffice({ esegui: cartella.run, impostazioni: () => cartella.impostazioni });

  const aFette = () => accesso.diagnostica().ultimaLettura?.aFette ?? false;
  // The write plan of every patch the use case hands to the adapter: its estimate is known even
  // when Excel (here the fake) refuses the request.
  let piano: { byte: number; lotti: number } | null = null;
  const conPiano: WorkbookAccess = {
    ...accesso,
    scrivi: (patch) => {
      const p = pianoScrittura(patch);
      piano = { byte: p.byte, lotti: p.lotti.length };
      return accesso.scrivi(patch);
    },
  };
  const ultimoPiano = () => {
    const p = piano;
    piano = null;
    return p;
  };

  // The pane's first read of a session (sheet list, then the sheets).
  const { misura: primaLettura } = await misurata(cartella, aFette, ultimoPiano, () => accesso.leggi());

  // "Ricalcola tutto": one read, the engine, one write.
  const tutto = await misurata(cartella, aFette, ultimoPiano, () =>
    ricalcola(conPiano, { tipo: "tutto" }, IMPOSTAZIONI_PREDEFINITE)
  );
  const ricalcolaTutto = tutto.misura;
  if (tutto.esito && tutto.esito.linee.length !== g.linee)
    throw new Error(`Ricalcola tutto: ${tutto.esito.linee.length} linee, attese ${g.linee}`);

  // "Ricalcola linea" on the fifth line (selection inside it).
  cartella.seleziona(FOGLIO_GENERATO, `D${g.primeRighe[Math.min(4, g.primeRighe.length - 1)] + 1}`);
  const { misura: ricalcolaLinea } = await misurata(cartella, aFette, ultimoPiano, () =>
    ricalcola(conPiano, { tipo: "selezione" }, IMPOSTAZIONI_PREDEFINITE)
  );

  const risultato: RisultatoPrepara = {
    n,
    indicatori: g.indicatori,
    righeFoglio: griglia.values.length,
    celle,
    unioni: g.foglio.unioni.length,
    generazioneMs,
    xlsx,
    primaLettura,
    ricalcolaTutto,
    ricalcolaLinea,
    maxByteLotto: MAX_BYTE_LOTTO,
  };
  process.stdout.write(JSON.stringify(risultato) + "\n");
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exitCode = 1;
});
