import { CartellaFinta, FoglioFinto, OpzioniCartella } from "../../src/excel-finto";
import { INTESTAZIONE_STAFF } from "../../scripts/staff-layout";

/**
 * A workbook in the staff's layout (as scripts/build-sample.ts writes the 2024 report) with any
 * number of indicator rows, straight into the fake Excel: title rows; per line the
 * "Relazione sulla Performance" row, the line's title merged across A:N, the
 * "% Raggiungimento …" label merged A:C and the percentage as a % fraction; the header repeated
 * every 9 indicators as on printed pages; Settore / Obiettivo / Definizione merged over an
 * objective's rows; borders everywhere (formatted cells) and an empty Barometro column.
 */
export const FOGLIO_GENERATO = "Obiettivi 2024";

const INTESTAZIONE = INTESTAZIONE_STAFF;
const RIGHE_PER_PAGINA = 9;
/** Objective sizes, in turn: on average 2.4 indicators, 3 merges per objective of 2 rows or more. */
const DIMENSIONI = [2, 1, 3, 4, 2, 1, 3, 2];

export interface Generata {
  cartella: CartellaFinta;
  foglio: FoglioFinto;
  linee: number;
  indicatori: number;
  /** 1-based rows of each line's first indicator (to put a selection inside a line). */
  primeRighe: number[];
}

/** A small deterministic generator (mulberry32). */
function casuale(seme: number): () => number {
  let a = seme;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generaCartella(indicatori: number, linee = 10, opzioni: OpzioniCartella = {}): Generata {
  const cartella = new CartellaFinta(opzioni);
  const ws = cartella.aggiungiFoglio(FOGLIO_GENERATO);
  const rnd = casuale(indicatori);
  const bordo = { formattata: true };
  const scrivi = (riga: number, col: number, valore: string | number | null, formato?: string) =>
    ws.impostaIn(riga - 1, col - 1, { valore, ...(formato ? { formato } : {}), ...bordo });

  ws.imposta("A1", { valore: "COMUNE DI CREMONA", formattata: true });
  ws.imposta("A2", { valore: "Servizio Programmazione, Controllo di Gestione" });
  ws.imposta("A3", { valore: "Stato di attuazione degli Obiettivi 2024", formattata: true });

  let riga = 5;
  let scritti = 0;
  const primeRighe: number[] = [];
  for (let l = 0; l < linee; l++) {
    const quanti = Math.floor(indicatori / linee) + (l < indicatori % linee ? 1 : 0);
    ws.imposta(`A${riga}`, { valore: "Relazione sulla Performance 2024", formattata: true });
    riga++;
    ws.imposta(`A${riga}`, { valore: `LINEA STRATEGICA NUMERO ${l + 1}`, colore: "#1F4E79", formattata: true });
    ws.unisci(`A${riga}:N${riga}`);
    riga += 2;
    ws.imposta(`A${riga}`, { valore: "% Raggiungimento obiettivi per area strategica", formattata: true });
    ws.unisci(`A${riga}:C${riga}`);
    riga++;
    ws.imposta(`A${riga}`, { valore: 0.5, formato: "0.00%", formattata: true });
    riga += 2;
    const intestazione = () => {
      INTESTAZIONE.forEach((h, i) => ws.impostaIn(riga - 1, i, { valore: h, colore: "#DDEBF7", formattata: true }));
      riga++;
    };
    intestazione();
    primeRighe.push(riga);
    let inPagina = 0;
    let fatti = 0;
    let o = 0;
    while (fatti < quanti) {
      const dimensione = Math.min(DIMENSIONI[(l + o) % DIMENSIONI.length], quanti - fatti);
      if (inPagina > 0 && inPagina + dimensione > RIGHE_PER_PAGINA) {
        riga++;
        intestazione();
        inPagina = 0;
      }
      const prima = riga;
      for (let i = 0; i < dimensione; i++) {
        const atteso = 10 + Math.floor(rnd() * 990);
        const consuntivo = Math.round(atteso * (0.5 + rnd() * 0.7));
        const peso = Math.floor(100 / dimensione) + (i < 100 % dimensione ? 1 : 0);
        if (i === 0) {
          scrivi(riga, 1, `Settore ${(o % 7) + 1} - Servizi al cittadino`);
          scrivi(riga, 2, `Obiettivo ${l + 1}.${o + 1}: migliorare la qualità e la tempestività dei servizi`);
          scrivi(
            riga,
            3,
            `Definizione dell'obiettivo ${l + 1}.${o + 1}: garantire l'attuazione delle azioni previste dal DUP ` +
              "nei tempi stabiliti, con il monitoraggio periodico degli indicatori di risultato."
          );
        } else for (let c = 1; c <= 3; c++) scrivi(riga, c, null);
        scrivi(riga, 4, `Indicatore ${scritti + 1}: numero di pratiche evase`);
        scrivi(riga, 5, "pratiche evase / pratiche ricevute");
        scrivi(riga, 6, "Ridurre i tempi di risposta alle richieste dei cittadini");
        scrivi(riga, 7, rnd() < 0.05 ? "↓" : null);
        scrivi(riga, 8, atteso, "#,##0");
        scrivi(riga, 9, consuntivo, "#,##0");
        scrivi(riga, 10, 0, "#,##0");
        scrivi(riga, 11, rnd() < 0.2 ? "Dato provvisorio" : null);
        scrivi(riga, 12, peso, "0");
        scrivi(riga, 13, 0, "0");
        scrivi(riga, 14, null);
        riga++;
        scritti++;
        fatti++;
      }
      if (dimensione > 1) for (const col of ["A", "B", "C"]) ws.unisci(`${col}${prima}:${col}${riga - 1}`);
      inPagina += dimensione;
      o++;
    }
    riga += 3;
  }
  return { cartella, foglio: ws, linee, indicatori: scritti, primeRighe };
}
