import { a1, Area, parseA1 } from "../layout/griglia";

/** Excel's grid: 1,048,576 rows × 16,384 columns (0-based bounds below are inclusive). */
export const ULTIMA_RIGA = 1_048_575;
export const ULTIMA_COLONNA = 16_383;

/** One rectangle of an address list, with the sheet it names (undefined when the address has none). */
export interface AreaIndirizzo {
  foglio?: string;
  area: Area;
}

/**
 * "A1", "A1:B2", "$A$1:$B$2", whole columns "A:C" and whole rows "3:7" → a 0-based area.
 * Throws on anything else.
 */
export function areaDaA1(testo: string): Area {
  const [da, a = da] = testo.trim().split(":");
  const colonne = /^\$?([A-Z]+)$/i;
  const righe = /^\$?(\d+)$/;
  if (colonne.test(da) && colonne.test(a)) {
    const sinistra = parseA1(`${da.replace("$", "")}1`).col;
    const destra = parseA1(`${a.replace("$", "")}1`).col;
    return ordina({ top: 0, left: sinistra, bottom: ULTIMA_RIGA, right: destra });
  }
  if (righe.test(da) && righe.test(a)) {
    return ordina({
      top: Number(da.replace("$", "")) - 1,
      left: 0,
      bottom: Number(a.replace("$", "")) - 1,
      right: ULTIMA_COLONNA,
    });
  }
  const p = parseA1(da);
  const q = parseA1(a);
  return ordina({ top: p.row, left: p.col, bottom: q.row, right: q.col });
}

/** A 0-based area → "B7" or "B7:D9" (no sheet name). */
export function a1DaArea(area: Area): string {
  const inizio = a1(area.top, area.left);
  return area.top === area.bottom && area.left === area.right ? inizio : `${inizio}:${a1(area.bottom, area.right)}`;
}

/** Whole rows, 0-based and inclusive → "7:12". */
export function indirizzoRighe(da: number, a: number): string {
  return `${da + 1}:${a + 1}`;
}

/**
 * The sheet name as an address writes it: bare when it is a plain identifier,
 * otherwise in single quotes with inner quotes doubled ('Obiettivi 2024', 'L''Aquila').
 */
export function nomeFoglioPerIndirizzo(nome: string): string {
  const semplice = /^[A-Za-z_\u00C0-\u024F][A-Za-z0-9_.\u00C0-\u024F]*$/.test(nome);
  const sembraCella = /^[A-Za-z]{1,3}\d+$/.test(nome) || /^R\d*C\d*$/i.test(nome);
  return semplice && !sembraCella ? nome : `'${nome.replace(/'/g, "''")}'`;
}

/** "Foglio!A1:B2" with the sheet name quoted as needed. */
export function indirizzoCompleto(foglio: string, area: Area): string {
  return `${nomeFoglioPerIndirizzo(foglio)}!${a1DaArea(area)}`;
}

/**
 * Splits an address list as Office.js gives it ("'Obiettivi 2024'!A7:A9, 'Obiettivi 2024'!B7:B9",
 * "Sheet1!A1", "A1:B2; C3") into areas. Sheet names may be quoted and hold commas, quotes and "!".
 * Throws on a malformed list.
 */
export function areeDaIndirizzi(indirizzi: string): AreaIndirizzo[] {
  const aree: AreaIndirizzo[] = [];
  let i = 0;
  const n = indirizzi.length;
  const spazi = () => {
    while (i < n && /\s/.test(indirizzi[i])) i++;
  };
  while (i < n) {
    spazi();
    if (i >= n) break;
    let foglio: string | undefined;
    if (indirizzi[i] === "'") {
      let nome = "";
      i++;
      for (;;) {
        if (i >= n) throw new Error(`Indirizzo non valido (apice non chiuso): ${indirizzi}`);
        if (indirizzi[i] === "'") {
          if (indirizzi[i + 1] === "'") {
            nome += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        nome += indirizzi[i++];
      }
      if (indirizzi[i] !== "!") throw new Error(`Indirizzo non valido (manca "!"): ${indirizzi}`);
      i++;
      foglio = nome;
    }
    const inizio = i;
    while (i < n && indirizzi[i] !== "," && indirizzi[i] !== ";") i++;
    let pezzo = indirizzi.slice(inizio, i).trim();
    if (foglio === undefined) {
      const esclamativo = pezzo.lastIndexOf("!");
      if (esclamativo >= 0) {
        foglio = pezzo.slice(0, esclamativo);
        pezzo = pezzo.slice(esclamativo + 1);
      }
    }
    if (pezzo === "") throw new Error(`Indirizzo non valido: ${indirizzi}`);
    aree.push({ foglio, area: areaDaA1(pezzo) });
    i++; // the separator
  }
  return aree;
}

/** True when the area lies inside the other. */
export function contiene(esterna: Area, interna: Area): boolean {
  return (
    interna.top >= esterna.top &&
    interna.bottom <= esterna.bottom &&
    interna.left >= esterna.left &&
    interna.right <= esterna.right
  );
}

export function intersecano(a: Area, b: Area): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** The cells two areas share, or null when they share none. */
export function intersezione(a: Area, b: Area): Area | null {
  if (!intersecano(a, b)) return null;
  return {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
}

function ordina(area: Area): Area {
  return {
    top: Math.min(area.top, area.bottom),
    bottom: Math.max(area.top, area.bottom),
    left: Math.min(area.left, area.right),
    right: Math.max(area.left, area.right),
  };
}
