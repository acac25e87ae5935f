/**
 * The fake workbook: its sheets, selection, the switches that make Excel refuse (cell edit mode,
 * read-only, protected structure, unreadable rules), the document settings, the log of syncs,
 * Excel.run, and a snapshot of everything a person could see.
 */
import { a1DaArea, areaDaA1 } from "../excel/addresses";
import { ExcelContext, ImpostazioniDocumento } from "../excel/excel-api";
import { Area } from "../layout/griglia";
import { ContestoFinto, SyncRegistrata } from "./contesto";
import { FoglioFinto } from "./foglio";
import { ImpostazioniNelDocumento, SessioneImpostazioni } from "./impostazioni";
import { paginaPredefinita, ValutaFormula } from "./modello";
import { LIMITE_PAYLOAD_EXCEL_WEB, MAX_AREE_UNITE } from "./vincoli";
import { selezioneCambiata } from "./eventi";

export interface OpzioniCartella {
  /** Request/response limit in bytes (Excel on the web: 5 MB). */
  limitePayload?: number;
  /** Most merged areas getMergedAreasOrNullObject() returns before failing (Office: 512). */
  maxAreeUnite?: number;
  valutaFormula?: ValutaFormula;
}

export class CartellaFinta {
  readonly fogli: FoglioFinto[] = [];
  /** Id of the active sheet. */
  foglioAttivo: string | null = null;
  private selezioneAttuale: { foglio: string; area: Area } | null = null;
  /** The selected range: sheet id and area; a change runs the onSelectionChanged handlers (eventi.ts). */
  get selezione(): { foglio: string; area: Area } | null {
    return this.selezioneAttuale;
  }
  set selezione(s: { foglio: string; area: Area } | null) {
    this.selezioneAttuale = s;
    if (s) selezioneCambiata(this, s.foglio, s.area);
  }
  /** While true every sync fails as Excel does when a cell is being edited. */
  modificaInCorso = false;
  /** While true the selection is a chart or a shape: getSelectedRanges() fails (InvalidSelection). */
  selezioneNonIntervallo = false;
  /** While true every write fails with AccessDenied (a workbook opened read-only). */
  solaLettura = false;
  /** Workbook (structure) protection: sheets cannot be added or deleted (AccessDenied). */
  strutturaProtetta = false;
  /** While true document settings fail to save. */
  get salvataggioImpostazioniFallisce(): boolean {
    return this.documentoImpostazioni.salvataggioFallisce;
  }
  set salvataggioImpostazioniFallisce(valore: boolean) {
    this.documentoImpostazioni.salvataggioFallisce = valore;
  }
  /**
   * While true, loading conditional formats fails with GeneralException, as it does in Excel for
   * some rules made in its UI (OfficeDev/office-js#6827, #6835).
   */
  formattazioniIlleggibili = false;
  sincronizzazioni = 0;
  readonly registro: SyncRegistrata[] = [];
  readonly limitePayload: number;
  readonly maxAreeUnite: number;
  valutaFormula?: ValutaFormula;

  private prossimoId = 1;
  /** The document's settings bag, shared by every session's copy. */
  readonly documentoImpostazioni = new ImpostazioniNelDocumento();

  constructor(opzioni: OpzioniCartella = {}) {
    this.limitePayload = opzioni.limitePayload ?? LIMITE_PAYLOAD_EXCEL_WEB;
    this.maxAreeUnite = opzioni.maxAreeUnite ?? MAX_AREE_UNITE;
    this.valutaFormula = opzioni.valutaFormula;
  }

  aggiungiFoglio(nome: string, posizione = this.fogli.length): FoglioFinto {
    if (this.foglio(nome)) throw new Error(`Esiste già un foglio «${nome}»`);
    const id = `{00000000-0001-0000-${String(this.prossimoId).padStart(4, "0")}-000000000000}`;
    this.prossimoId++;
    const foglio = new FoglioFinto(id, nome);
    this.fogli.splice(posizione, 0, foglio);
    if (this.foglioAttivo === null) this.foglioAttivo = id;
    return foglio;
  }

  /** Sheet by name (case-insensitive, as Excel) or id. */
  foglio(chiave: string): FoglioFinto | undefined {
    const minuscola = chiave.toLowerCase();
    return this.fogli.find((f) => f.id === chiave || f.nome.toLowerCase() === minuscola);
  }

  rimuoviFoglio(nome: string): void {
    const i = this.fogli.findIndex((f) => f === this.foglio(nome));
    if (i < 0) throw new Error(`Nessun foglio «${nome}»`);
    const [tolto] = this.fogli.splice(i, 1);
    if (this.foglioAttivo === tolto.id) this.foglioAttivo = this.fogli[0]?.id ?? null;
    if (this.selezione?.foglio === tolto.id) this.selezione = null;
  }

  rinominaFoglio(nome: string, nuovo: string): void {
    const f = this.foglio(nome);
    if (!f) throw new Error(`Nessun foglio «${nome}»`);
    f.nome = nuovo;
  }

  /** Selects "B7:D9" on a sheet and makes it active (as the user would). */
  seleziona(foglio: string, indirizzo: string): void {
    const f = this.foglio(foglio);
    if (!f) throw new Error(`Nessun foglio «${foglio}»`);
    this.foglioAttivo = f.id;
    this.selezione = { foglio: f.id, area: areaDaA1(indirizzo) };
  }

  /** Excel.run: runs the batch with a new request context, then syncs whatever is still queued. */
  run = async <T>(batch: (context: ExcelContext) => Promise<T>): Promise<T> => {
    const contesto = new ContestoFinto(this);
    const risultato = await batch(contesto);
    if (contesto.inCoda() > 0) await contesto.sync();
    return risultato;
  };

  /** Office.context.document.settings for this workbook: this session's (see impostazioni.ts). */
  readonly impostazioni: SessioneImpostazioni = this.documentoImpostazioni.sessione();

  /** Another instance of the add-in on the same workbook (a colleague co-authoring): its own settings copy. */
  impostazioniDiUnCollega(): ImpostazioniDocumento {
    return this.documentoImpostazioni.sessione();
  }

  /** The settings as saved in the file (what reopening the workbook would find). */
  impostazioniNelFile(): Record<string, unknown> {
    return this.documentoImpostazioni.nelFile();
  }

  /** Simulates closing and reopening: unsaved settings are lost. */
  riapri(): void {
    this.impostazioni.riapri();
  }

  azzeraContatori(): void {
    this.sincronizzazioni = 0;
    this.registro.length = 0;
  }

  /**
   * Everything a person could see, keyed "Foglio!A1" (cells) and "Foglio!#unioni" /
   * "Foglio!#protetto", plus "Foglio!#formattazioni" (conditional-format rules, by priority),
   * "Foglio!#grafici" on sheets that have some and "Foglio!#stampa" (page layout, page breaks,
   * column widths, autofitted rows) on sheets where they are not a new sheet's: to compare a
   * workbook before and after. Ids are left out (a rule deleted and added again the same is the
   * same for a person). The sheets' order is `fogli`'s.
   */
  istantanea(): Map<string, string> {
    const m = new Map<string, string>();
    for (const f of this.fogli) {
      m.set(`${f.nome}!#unioni`, JSON.stringify(f.unioni.map(a1DaArea).sort()));
      m.set(`${f.nome}!#protetto`, String(f.protetto));
      if (f.formattazioni.length > 0)
        m.set(
          `${f.nome}!#formattazioni`,
          JSON.stringify(f.formattazioni.map((r) => ({ ...senzaId(r), aree: r.aree.map(a1DaArea) })))
        );
      if (f.grafici.length > 0)
        m.set(
          `${f.nome}!#grafici`,
          JSON.stringify(
            f.grafici.map((g) => ({
              ...senzaId(g),
              origine: `${this.foglio(g.origine.foglio)?.nome ?? "?"}!${a1DaArea(g.origine.area)}`,
            }))
          )
        );
      const stampa = {
        pagina: f.pagina,
        interruzioni: f.interruzioni,
        larghezze: [...f.larghezze].sort((a, b) => a[0] - b[0]),
        righeAdattate: [...f.righeAdattate].sort((a, b) => a - b),
      };
      if (JSON.stringify(stampa) !== STAMPA_PREDEFINITA) m.set(`${f.nome}!#stampa`, JSON.stringify(stampa));
      for (const { riga, colonna, cella } of f.celle())
        m.set(
          `${f.nome}!${a1DaArea({ top: riga, left: colonna, bottom: riga, right: colonna })}`,
          JSON.stringify(cella)
        );
    }
    return m;
  }

  /** @internal the next sync's number. */
  nuovaSync(voce: Omit<SyncRegistrata, "numero">): SyncRegistrata {
    this.sincronizzazioni++;
    const registrata = { numero: this.sincronizzazioni, ...voce };
    this.registro.push(registrata);
    return registrata;
  }
}

export const STAMPA_PREDEFINITA = JSON.stringify({
  pagina: paginaPredefinita(),
  interruzioni: [],
  larghezze: [],
  righeAdattate: [],
});

export function senzaId<T extends { id: string }>(oggetto: T): Omit<T, "id"> {
  const copiato: Partial<T> = { ...oggetto };
  delete copiato.id;
  return copiato as Omit<T, "id">;
}
