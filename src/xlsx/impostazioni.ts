/**
 * The add-in's document settings (Office.js document.settings), as Excel saves them: the
 * <we:property name value> elements of the web extension part of the add-in (values as JSON).
 * Reading finds the add-in's part (its <we:reference id> is manifest.xml's <Id>; failing that, the
 * part that holds Barometro's keys, never another add-in's); saving changes only those properties' values
 * (or appends new ones) in that part. A workbook without the add-in has no such part: the values
 * are kept for this run only (an add-in part cannot be made up without the add-in's identity).
 */
import type { ValoriImpostazioni } from "../app/access";
import type { Pacchetto } from "./pacchetto";
import { applicaModifiche, Modifica, perAttributo } from "./xml";

const PREFISSO_BAROMETRO = "barometro.";
/** manifest.xml's <Id> (test/xlsx/impostazioni-componente.test.ts reads the manifest's). */
export const ID_COMPONENTE = "80394d98-cd7a-469d-b9c3-d6cc989c182c";

const nostroId = (id: string | undefined) => id?.replace(/[{}]/g, "").toLowerCase() === ID_COMPONENTE;

interface Proprieta {
  nome: string;
  valore: string;
  inizio: number;
  fine: number;
}

function daJson(testo: string): unknown {
  try {
    return JSON.parse(testo);
  } catch {
    return testo;
  }
}

async function parteDelleImpostazioni(
  pacchetto: Pacchetto
): Promise<{ parte: string; xml: string; proprieta: Proprieta[]; chiusuraProprieta: number } | null> {
  const nomi = Object.keys(pacchetto.zip.files).filter((n) => /^xl\/webextensions\/[^/]+\.xml$/.test(n));
  let conChiavi: Awaited<ReturnType<typeof parteDelleImpostazioni>> = null;
  for (const parte of nomi.sort()) {
    const xml = await pacchetto.testo(parte);
    if (!xml) continue;
    const proprieta: Proprieta[] = [];
    let chiusuraProprieta = -1;
    let nostra = false;
    try {
      pacchetto.leggiXml(parte, xml, {
        chiude: (el, fine) => {
          if (el.nome === "reference") nostra ||= nostroId(el.attributi.id);
          else if (el.nome === "property" && el.attributi.name !== undefined)
            proprieta.push({ nome: el.attributi.name, valore: el.attributi.value ?? "", inizio: el.inizio, fine });
          else if (el.nome === "properties") chiusuraProprieta = el.autochiuso ? -1 : xml.lastIndexOf("<", fine - 1);
        },
      });
    } catch {
      continue;
    }
    if (nostra) return { parte, xml, proprieta, chiusuraProprieta };
    if (!conChiavi && proprieta.some((p) => p.nome.startsWith(PREFISSO_BAROMETRO)))
      conChiavi = { parte, xml, proprieta, chiusuraProprieta };
  }
  return conChiavi;
}

export async function leggiImpostazioniDocumento(pacchetto: Pacchetto): Promise<ValoriImpostazioni> {
  const trovata = await parteDelleImpostazioni(pacchetto);
  const valori: ValoriImpostazioni = {};
  for (const p of trovata?.proprieta ?? []) valori[p.nome] = daJson(p.valore);
  return valori;
}

/** Saves these keys (unchanged ones are not written); returns the settings as they are now. */
export async function salvaImpostazioniDocumento(
  pacchetto: Pacchetto,
  attuali: ValoriImpostazioni,
  valori: ValoriImpostazioni
): Promise<ValoriImpostazioni> {
  const dopo = { ...attuali };
  const cambiate = Object.entries(valori).filter(([k, v]) => JSON.stringify(attuali[k]) !== JSON.stringify(v));
  if (cambiate.length === 0) return dopo;
  for (const [k, v] of cambiate) dopo[k] = v;
  const trovata = await parteDelleImpostazioni(pacchetto);
  if (!trovata) return dopo;
  const modifiche: Modifica[] = [];
  const nuove: string[] = [];
  const tag = (k: string, v: unknown) =>
    `<we:property name="${perAttributo(k)}" value="${perAttributo(JSON.stringify(v))}"/>`;
  for (const [k, v] of cambiate) {
    const p = trovata.proprieta.find((x) => x.nome === k);
    const prefisso = p ? (/^<([\w.-]+:)?/.exec(trovata.xml.slice(p.inizio))![1] ?? "") : "";
    if (p) modifiche.push({ da: p.inizio, a: p.fine, testo: tag(k, v).replace(/^<we:/, `<${prefisso}`) });
    else nuove.push(tag(k, v));
  }
  if (nuove.length > 0 && trovata.chiusuraProprieta >= 0)
    modifiche.push({ da: trovata.chiusuraProprieta, a: trovata.chiusuraProprieta, testo: nuove.join("") });
  pacchetto.scrivi(trovata.parte, applicaModifiche(trovata.xml, modifiche));
  return dopo;
}
