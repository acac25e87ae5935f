/**
 * The lossless file side: a WorkbookAccess over an .xlsx package that reads it once (JSZip +
 * saxes), changes only what Barometro owns — cells it writes, styles it adds, its conditional-format
 * rules, its Riepilogo and Indice sheets, print settings of the sheets with lines, the print-titles
 * defined names, the add-in's settings — and writes every other zip entry back byte for byte.
 * No ExcelJS here. See docs in src/xlsx/README.md.
 */
import type { Lettura, ValoriImpostazioni, WorkbookAccess, EsitoScrittura } from "../app/access";
import type { PianoStampaCartella } from "../layout/stampa";
import type { Patch } from "../layout/patch";
import { attributoRid, Cartella, leggiCartella, leggiStringhe } from "./cartella";
import { FoglioLetto, leggiFoglio } from "./foglio-lettura";
import { ErroreCartella, MESSAGGI_XLSX, Pacchetto } from "./pacchetto";
import { Stili } from "./stili";
import { Scrittore } from "./scrittura";
import { leggiImpostazioniDocumento, salvaImpostazioniDocumento } from "./impostazioni";
import { leggiGrafici } from "./grafici";

export { ErroreCartella, MESSAGGI_XLSX };

export interface CartellaFile extends WorkbookAccess {
  /** The package with Barometro's changes; every part not changed is copied as it was. */
  salva(): Promise<Buffer>;
  /** The zip entries this access changed or added so far (for reports and tests). */
  partiCambiate(): string[];
}

const TIPO_STILI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
const TIPO_STRINGHE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

export async function apriCartella(dati: Buffer, nomeFile: string): Promise<CartellaFile> {
  const pacchetto = await Pacchetto.apri(dati, nomeFile);
  let stato = await leggiStato(pacchetto);
  let impostazioni = await leggiImpostazioniDocumento(pacchetto);
  /**
   * The changes not yet written into the parts: every write (scrivi, impagina) adds to them, reads
   * see them (Scrittore.lettura), and salva() splices each part once. No part is parsed twice.
   */
  let inSospeso: Scrittore | null = null;
  /** After salva(): the parts changed are parsed again only if this access is used again. */
  let daRileggere = false;
  const scrittore = async () => {
    if (daRileggere) {
      stato = await leggiStato(pacchetto, stato);
      daRileggere = false;
    }
    return (inSospeso ??= new Scrittore(pacchetto, stato));
  };

  const cartella: CartellaFile = {
    async leggi(): Promise<Lettura> {
      const lettura = (await scrittore()).lettura();
      // A sheet's protection locks Excel's editing, where the add-in can only refuse (Office.js
      // answers AccessDenied). The command line writes a new file, the original untouched, and
      // keeps the protection in it (sheetProtection is not Barometro's): no sheet is reported as
      // protected, so the use cases write there as the command line always has.
      return { ...lettura, protetti: [], selezione: null, grafici: await leggiGrafici(pacchetto, stato.fogli) };
    },
    async scrivi(patch: Patch): Promise<EsitoScrittura> {
      await (await scrittore()).applicaPatch(patch);
      return { sincronizzazioni: 0, byte: 0 };
    },
    async impagina(piano: PianoStampaCartella): Promise<EsitoScrittura> {
      await (await scrittore()).impagina(piano);
      return { sincronizzazioni: 0, byte: 0 };
    },
    async seleziona(): Promise<void> {
      // A file has no selection to move.
    },
    leggiImpostazioni(): ValoriImpostazioni {
      return { ...impostazioni };
    },
    async salvaImpostazioni(valori: ValoriImpostazioni): Promise<void> {
      impostazioni = await salvaImpostazioniDocumento(pacchetto, impostazioni, valori);
    },
    async salva(): Promise<Buffer> {
      if (inSospeso) {
        await inSospeso.concludi();
        inSospeso = null;
        daRileggere = true;
      }
      return pacchetto.salva();
    },
    partiCambiate: () => pacchetto.parteCambiate(),
  };
  return cartella;
}

/** What a read finds: the workbook part, styles, shared strings and every worksheet. */
export interface StatoCartella {
  cartella: Cartella;
  stili: Stili;
  stringhe: string[];
  fogli: { nome: string; parte: string | null; letto: FoglioLetto | null; versione: number }[];
}

/** Reads the workbook; with `prima`, a worksheet whose part was not written since is not parsed again. */
async function leggiStato(pacchetto: Pacchetto, prima?: StatoCartella): Promise<StatoCartella> {
  const cartella = await leggiCartella(pacchetto);
  const rel = await pacchetto.relazioni(cartella.parte);
  const stili = await Stili.leggi(pacchetto, rel.find((r) => r.tipo === TIPO_STILI)?.parte ?? null);
  const stringhe = await leggiStringhe(pacchetto, rel.find((r) => r.tipo === TIPO_STRINGHE)?.parte ?? null);
  const fogli: StatoCartella["fogli"] = [];
  for (const f of cartella.fogli) {
    const versione = f.parte ? pacchetto.versione(f.parte) : 0;
    const uguale = prima?.fogli.find((g) => g.parte === f.parte && g.nome === f.nome && g.versione === versione);
    // Styles are only ever appended to: an unchanged sheet's formats read the same.
    if (uguale?.letto) {
      fogli.push(uguale);
      continue;
    }
    const xml = f.parte ? await pacchetto.testo(f.parte) : null;
    fogli.push({
      nome: f.nome,
      parte: f.parte,
      versione,
      letto:
        xml === null || f.parte === null
          ? null
          : leggiFoglio(pacchetto, f.parte, xml, f.nome, stili, stringhe, cartella.date1904),
    });
  }
  if (!fogli.some((f) => f.letto)) throw new ErroreCartella(MESSAGGI_XLSX.nessunFoglio(pacchetto.nomeFile));
  return { cartella, stili, stringhe, fogli };
}

export { attributoRid };
