import JSZip from "jszip";
import type { ValoriImpostazioni } from "../app/access";
import { perAttributo, perElemento } from "./xml";

/**
 * Parts of a workbook that hang from the package itself and that ExcelJS neither reads nor writes,
 * carried by the command line into what it writes:
 * - the add-ins saved in it (Office's "web extension" parts): the add-in's presence, its task pane
 *   (and auto-open) and its document settings, from which the command line reads Barometro's;
 * - the custom document properties (docProps/custom.xml: on SharePoint, the library's columns).
 */
export interface PartiRiportate {
  /** Barometro's document settings as Office.js's document.settings gives them ({} when none). */
  impostazioni: ValoriImpostazioni;
  /** Every part carried (xl/webextensions/…, their _rels, docProps/custom.xml), as stored. */
  parti: { nome: string; dati: Uint8Array; tipo: string | null }[];
  /** The package relationships that point at them (the task panes, the custom properties), as found. */
  relazioni: { id: string; tipo: string; destinazione: string }[];
}

const CARTELLA = "xl/webextensions/";
const PROPRIETA_PERSONALIZZATE = "docProps/custom.xml";
/** Whether a part (its name in the zip, no leading slash) is one the command line carries. */
const daRiportare = (nome: string) => nome.startsWith(CARTELLA) || nome === PROPRIETA_PERSONALIZZATE;
const NS_ESTENSIONE = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11";
const NS_TIPI = "http://schemas.openxmlformats.org/package/2006/content-types";
const NS_RELAZIONI = "http://schemas.openxmlformats.org/package/2006/relationships";
/** The prefix of every document-settings key Barometro writes (src/app/impostazioni.ts). */
const PREFISSO_BAROMETRO = "barometro.";

/** The workbook's parts to carry; null when it has none (the common case: nothing to carry). */
export async function partiRiportateDi(zip: JSZip): Promise<PartiRiportate | null> {
  const nomi = Object.keys(zip.files).filter((n) => daRiportare(n) && !zip.files[n].dir);
  if (nomi.length === 0) return null;
  const tipi = await tipiDelleParti(zip);
  const parti = await Promise.all(
    nomi.map(async (nome) => ({ nome, dati: await zip.files[nome].async("uint8array"), tipo: tipi.get(nome) ?? null }))
  );
  let impostazioni: ValoriImpostazioni = {};
  for (const p of parti) {
    if (!/^xl\/webextensions\/[^/]+\.xml$/.test(p.nome)) continue;
    const proprieta = proprietaDi(new TextDecoder().decode(p.dati));
    if (Object.keys(proprieta).some((k) => k.startsWith(PREFISSO_BAROMETRO))) {
      impostazioni = proprieta;
      break;
    }
  }
  return { impostazioni, parti, relazioni: await relazioniVerso(zip) };
}

/**
 * The parts put back into a package ExcelJS wrote: the parts, their content types and the package
 * relationships (renamed when ExcelJS's own ids took theirs).
 */
export async function riportaParti(scritto: Buffer, riportate: PartiRiportate): Promise<Buffer> {
  const zip = await JSZip.loadAsync(scritto);
  for (const p of riportate.parti) zip.file(p.nome, p.dati, { createFolders: false });

  // Only what the written package lacks: were ExcelJS to keep these parts one day, nothing doubles.
  const tipi = await zip.file("[Content_Types].xml")?.async("string");
  const conTipo = new Set(tipi ? overrideDi(tipi).map(([parte]) => parte) : []);
  const nuoviTipi = riportate.parti
    .filter((p) => p.tipo !== null && !conTipo.has(p.nome))
    .map((p) => `<Override PartName="${perAttributo("/" + p.nome)}" ContentType="${perAttributo(p.tipo ?? "")}"/>`)
    .join("");
  if (tipi) zip.file("[Content_Types].xml", tipi.replace(/<\/Types>\s*$/, `${nuoviTipi}</Types>`));

  const relazioni = await zip.file("_rels/.rels")?.async("string");
  if (relazioni) {
    const esistenti = relazioniDi(relazioni);
    const usati = new Set(esistenti.map((r) => r.id));
    const destinazioni = new Set(esistenti.map((r) => r.destinazione.replace(/^\//, "")));
    const nuove = riportate.relazioni
      .filter((r) => !destinazioni.has(r.destinazione.replace(/^\//, "")))
      .map((r) => {
        let id = r.id;
        for (let n = 1; usati.has(id); n++) id = `rIdBarometro${n}`;
        usati.add(id);
        return `<Relationship Id="${perAttributo(id)}" Type="${perAttributo(r.tipo)}" Target="${perAttributo(r.destinazione)}"/>`;
      })
      .join("");
    zip.file("_rels/.rels", relazioni.replace(/<\/Relationships>\s*$/, `${nuove}</Relationships>`));
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The <we:property name value> pairs of one web extension part; values are JSON, as Office saves them. */
export function proprietaDi(xml: string): ValoriImpostazioni {
  const valori: ValoriImpostazioni = {};
  perElemento(xml, (tag) => {
    if (tag.uri !== NS_ESTENSIONE || tag.local !== "property") return;
    const nome = tag.attributes.name?.value;
    const valore = tag.attributes.value?.value;
    if (nome !== undefined && valore !== undefined) valori[nome] = daJson(valore);
  });
  return valori;
}

function daJson(testo: string): unknown {
  try {
    return JSON.parse(testo);
  } catch {
    return testo;
  }
}

/** Content types of the parts to carry, by part name (without the leading slash). */
async function tipiDelleParti(zip: JSZip): Promise<Map<string, string>> {
  const xml = await zip.file("[Content_Types].xml")?.async("string");
  return new Map(xml ? overrideDi(xml).filter(([parte]) => daRiportare(parte)) : []);
}

/** The Override entries of [Content_Types].xml: [part name without the leading slash, content type]. */
function overrideDi(xml: string): [string, string][] {
  const parti: [string, string][] = [];
  perElemento(xml, (tag) => {
    if (tag.uri !== NS_TIPI || tag.local !== "Override") return;
    const parte = tag.attributes.PartName?.value.replace(/^\//, "");
    const tipo = tag.attributes.ContentType?.value;
    if (parte && tipo) parti.push([parte, tipo]);
  });
  return parti;
}

/** The package relationships whose target is a part to carry. */
async function relazioniVerso(zip: JSZip): Promise<PartiRiportate["relazioni"]> {
  const xml = await zip.file("_rels/.rels")?.async("string");
  return xml ? relazioniDi(xml).filter((r) => daRiportare(r.destinazione.replace(/^\//, ""))) : [];
}

function relazioniDi(xml: string): PartiRiportate["relazioni"] {
  const relazioni: PartiRiportate["relazioni"] = [];
  perElemento(xml, (tag) => {
    if (tag.uri !== NS_RELAZIONI || tag.local !== "Relationship") return;
    const { Id, Type, Target } = tag.attributes;
    relazioni.push({ id: Id?.value ?? "", tipo: Type?.value ?? "", destinazione: Target?.value ?? "" });
  });
  return relazioni;
}
