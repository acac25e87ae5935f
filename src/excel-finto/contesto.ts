/**
 * The request context: operations queue on the proxies and run only at sync(), in order; a sync
 * fails as a whole in cell edit mode or over the payload limit, otherwise the first failing
 * operation stops it (earlier writes stay, loads deliver nothing). Every sync is logged with its
 * operations and estimated request/response bytes.
 */
import { ExcelContext, ExcelWorkbook } from "../excel/excel-api";
import { CartellaFinta } from "./cartella";
import { CODICI_ERRORE, ErroreExcelFinto } from "./errori";
import { CartellaProxy } from "./fogli";
import { ProxyFinto } from "./proxy";

/** One operation as the log shows it. */
export interface OperazioneRegistrata {
  tipo: "carica" | "imposta" | "chiama";
  /** The proxy's path: "worksheets.getItem(\"Obiettivi 2024\").getRange(\"J7:J9\")". */
  oggetto: string;
  /** Property names loaded, property set, or method called. */
  dettaglio: string;
  /** Estimated bytes this operation adds to the request (JSON length). */
  byte: number;
}

export interface SyncRegistrata {
  numero: number;
  operazioni: OperazioneRegistrata[];
  byteRichiesta: number;
  byteRisposta: number;
  /** The error code when the sync failed. */
  errore?: string;
}

export interface Operazione {
  registro: OperazioneRegistrata;
  /** Runs at sync; returns the data a load brings back (undefined for writes). */
  esegui(): { risposta?: unknown; consegna?: () => void } | void;
}

export const lunghezza = (v: unknown) => JSON.stringify(v)?.length ?? 0;

export class ContestoFinto implements ExcelContext {
  readonly workbook: ExcelWorkbook;
  private coda: Operazione[] = [];
  private proxy: ProxyFinto<unknown>[] = [];
  private fissati = 0;

  constructor(readonly cartella: CartellaFinta) {
    this.workbook = new CartellaProxy(this);
  }

  inCoda(): number {
    return this.coda.length;
  }

  registra(p: ProxyFinto<unknown>): void {
    this.proxy.push(p);
  }

  accoda(
    tipo: OperazioneRegistrata["tipo"],
    oggetto: string,
    dettaglio: string,
    argomenti: unknown,
    esegui: Operazione["esegui"]
  ): void {
    this.coda.push({
      registro: { tipo, oggetto, dettaglio, byte: lunghezza([oggetto, dettaglio, argomenti]) },
      esegui,
    });
  }

  async sync(): Promise<void> {
    const coda = this.coda;
    this.coda = [];
    const voce = this.cartella.nuovaSync({
      operazioni: coda.map((o) => o.registro),
      byteRichiesta: coda.reduce((s, o) => s + o.registro.byte, 0),
      byteRisposta: 0,
    });
    await Promise.resolve(); // a round trip: never synchronous
    const fallisce = (e: ErroreExcelFinto): never => {
      voce.errore = e.code;
      throw e;
    };
    if (this.cartella.modificaInCorso)
      fallisce(new ErroreExcelFinto(CODICI_ERRORE.modificaInCorso, "Excel è in modalità modifica della cella."));
    if (voce.byteRichiesta > this.cartella.limitePayload)
      fallisce(
        new ErroreExcelFinto(CODICI_ERRORE.richiestaTroppoGrande, "La richiesta supera il limite di dimensione.")
      );
    const consegne: (() => void)[] = [];
    for (const op of coda) {
      try {
        const esito = op.esegui();
        if (esito) {
          voce.byteRisposta += lunghezza(esito.risposta);
          if (esito.consegna) consegne.push(esito.consegna);
        }
      } catch (e) {
        if (e instanceof ErroreExcelFinto)
          fallisce(new ErroreExcelFinto(e.code, e.message, e.debugInfo.errorLocation ?? op.registro.oggetto));
        throw e;
      }
    }
    if (voce.byteRisposta > this.cartella.limitePayload)
      fallisce(new ErroreExcelFinto(CODICI_ERRORE.rispostaTroppoGrande, "La risposta supera il limite di dimensione."));
    consegne.forEach((c) => c());
    // isNullObject becomes readable for the proxies created before or during this sync.
    for (const p of this.proxy.slice(this.fissati)) p.fissaNullo();
    this.fissati = this.proxy.length;
  }
}
