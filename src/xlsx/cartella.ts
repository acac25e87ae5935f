/**
 * The workbook part (sheets in tab order, defined names, the 1904 date system) and the shared
 * strings, read once.
 */
import { ErroreCartella, MESSAGGI_XLSX, Pacchetto, TIPO_FOGLIO } from "./pacchetto";
import { daXstring } from "./xml";

export interface FoglioCartella {
  nome: string;
  sheetId: number;
  rid: string;
  /** The worksheet part (zip entry name); null for a chart sheet or a missing part. */
  parte: string | null;
  /** Offsets of its <sheet> element in workbook.xml. */
  inizio: number;
  fine: number;
}

export interface NomeDefinito {
  nome: string;
  localSheetId: number | null;
  testo: string;
  inizio: number;
  fine: number;
}

export interface Cartella {
  parte: string;
  xml: string;
  fogli: FoglioCartella[];
  nomi: NomeDefinito[];
  /** Offsets of <sheets> and <definedNames> (null when absent), <bookViews>' first workbookView. */
  sheets: { inizio: number; fine: number };
  definedNames: { inizio: number; fine: number } | null;
  /** Elements after which <definedNames> may go, in the schema's order (their end offsets). */
  elementi: { nome: string; inizio: number; fine: number }[];
  vista: { inizio: number; fineApertura: number; activeTab: number; firstSheet: number } | null;
  date1904: boolean;
  prefisso: string;
}

/** The id attribute of the relationships namespace, whatever its prefix ("r:id"). */
export function attributoRid(attributi: Record<string, string>): string | undefined {
  for (const k of Object.keys(attributi)) if (k.endsWith(":id")) return attributi[k];
  return undefined;
}

export async function leggiCartella(pacchetto: Pacchetto): Promise<Cartella> {
  const parte = await pacchetto.parteCartella();
  const xml = await pacchetto.testo(parte);
  if (xml === null) throw new ErroreCartella(MESSAGGI_XLSX.nonXlsx(pacchetto.nomeFile));
  if (xml.includes("http://purl.oclc.org/ooxml/spreadsheetml/main"))
    throw new ErroreCartella(MESSAGGI_XLSX.strict(pacchetto.nomeFile));
  const rel = new Map((await pacchetto.relazioni(parte)).map((r) => [r.id, r]));
  const c: Cartella = {
    parte,
    xml,
    fogli: [],
    nomi: [],
    sheets: { inizio: -1, fine: -1 },
    definedNames: null,
    elementi: [],
    vista: null,
    date1904: false,
    prefisso: "",
  };
  let nome: NomeDefinito | null = null;
  pacchetto.leggiXml(parte, xml, {
    apre: (el, p) => {
      if (p === 0) {
        const i = el.qnome.indexOf(":");
        c.prefisso = i < 0 ? "" : el.qnome.slice(0, i + 1);
      } else if (p === 1 && el.nome === "workbookPr")
        c.date1904 = el.attributi.date1904 === "1" || el.attributi.date1904 === "true";
      else if (p === 2 && el.nome === "workbookView" && !c.vista)
        c.vista = {
          inizio: el.inizio,
          fineApertura: el.fineApertura,
          activeTab: Number(el.attributi.activeTab ?? 0),
          firstSheet: Number(el.attributi.firstSheet ?? 0),
        };
      else if (p === 2 && el.nome === "sheet") {
        const rid = attributoRid(el.attributi) ?? "";
        const r = rel.get(rid);
        c.fogli.push({
          nome: el.attributi.name ?? "",
          sheetId: Number(el.attributi.sheetId ?? 0),
          rid,
          parte: r && r.tipo === TIPO_FOGLIO && r.parte && pacchetto.esiste(r.parte) ? r.parte : null,
          inizio: el.inizio,
          fine: -1,
        });
      } else if (p === 2 && el.nome === "definedName") {
        const l = el.attributi.localSheetId;
        nome = {
          nome: el.attributi.name ?? "",
          localSheetId: l === undefined ? null : Number(l),
          testo: "",
          inizio: el.inizio,
          fine: -1,
        };
      }
    },
    testo: (t) => {
      if (nome) nome.testo += t;
    },
    chiude: (el, fine, p) => {
      if (p === 2 && el.nome === "sheet") c.fogli[c.fogli.length - 1].fine = fine;
      else if (p === 2 && el.nome === "definedName" && nome) {
        nome.fine = fine;
        c.nomi.push(nome);
        nome = null;
      } else if (p === 1) {
        c.elementi.push({ nome: el.nome, inizio: el.inizio, fine });
        if (el.nome === "sheets") c.sheets = { inizio: el.inizio, fine };
        else if (el.nome === "definedNames") c.definedNames = { inizio: el.inizio, fine };
      }
    },
  });
  if (c.fogli.length === 0) throw new ErroreCartella(MESSAGGI_XLSX.nessunFoglio(pacchetto.nomeFile));
  return c;
}

/**
 * A text of its own, not a slice of the text it was read from: V8 gives a substring of 13 characters or more as a
 * view of the whole text, which then lives as long as any of them, and in two bytes a character
 * when one character of the part needs it (one "↓" in a 100,000-row file's shared strings: 36 MB
 * kept for the whole run, and every message made from these texts two bytes a character too).
 * Decoded again from UTF-8, the copy is one byte a character when it can be.
 */
function propria(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, "utf8").toString("utf8");
}

/** The shared strings' texts (rich text joined, phonetic guides left out). */
export async function leggiStringhe(pacchetto: Pacchetto, parte: string | null): Promise<string[]> {
  if (!parte) return [];
  const xml = await pacchetto.pezziDiTesto(parte);
  if (xml === null) return [];
  const testi: string[] = [];
  let corrente: string | null = null;
  let inT = false;
  let inRPh = 0;
  pacchetto.leggiXml(parte, xml, {
    apre: (el, p) => {
      if (p === 1 && el.nome === "si") corrente = "";
      else if (el.nome === "rPh") inRPh++;
      else if (el.nome === "t" && inRPh === 0 && !el.autochiuso) inT = true;
    },
    testo: (t) => {
      if (inT && corrente !== null) corrente += t;
    },
    chiude: (el, _fine, p) => {
      if (p === 1 && el.nome === "si") {
        testi.push(propria(daXstring(corrente ?? "")));
        corrente = null;
      } else if (el.nome === "rPh") inRPh--;
      else if (el.nome === "t") inT = false;
    },
  });
  return testi;
}
