/**
 * docs/PRESTAZIONI.md: the benchmark rewrites only the section between the two markers (the
 * numbers); the text around it (method, analysis) is written by hand and kept. A missing file is
 * created with the markers and a short introduction.
 */
import { mkdirSync, writeFileSync } from "fs";
import { dirname } from "path";
import { byte, decimale, intero, mediana, millisecondi } from "./comune";
import type { MisuraCli, Risultati } from "./index";
import type { RisultatoPrepara } from "./prepara";

export const INIZIO = "<!-- risultati:inizio — sezione riscritta da `npm run bench`: non modificarla a mano -->";
export const FINE = "<!-- risultati:fine -->";

/** Goals of the issue. */
const OBIETTIVO_MOTORE_MS = 1_000;
/** The command line: at most 3× the floor, under 15 s and under 1 GB of peak RSS at 100,000 rows. */
const OBIETTIVO_RAPPORTO_PAVIMENTO = 3;
const OBIETTIVO_CLI_100K_MS = 15_000;
const OBIETTIVO_CLI_100K_RSS = 1024 ** 3;
const DIMENSIONE_GRANDE = 100_000;
const OBIETTIVO_GZIP = 300 * 1024;
const LIMITE_WEB = 5 * 1024 * 1024;

const INTRODUZIONE = `# Prestazioni

Misure di Barometro su cartelle di 1.000, 10.000 e 100.000 righe di indicatori nel formato del
Controllo di Gestione, prodotte da \`npm run bench\` (\`scripts/bench/\`). Non è un test: non fallisce
mai per un numero lento, misura e scrive questa pagina.

`;

const ok = (si: boolean) => (si ? "**raggiunto**" : "**non raggiunto**");
const gigabyte = (kb: number) => `${decimale((kb * 1024) / 1024 ** 3, 2)} GB`;

/** Growth exponent between two sizes: 1 = linear, 2 = quadratic. */
function esponente(n1: number, t1: number, n2: number, t2: number): number {
  return Math.log(t2 / t1) / Math.log(n2 / n1);
}

function crescita(punti: { n: number; v: number }[], unita: (v: number) => string): string {
  const p = punti.filter((x) => Number.isFinite(x.v) && x.v > 0).sort((a, b) => a.n - b.n);
  if (p.length < 2) return "una sola dimensione misurata";
  const tratti = p.slice(1).map((b, i) => {
    const a = p[i];
    const k = esponente(a.n, a.v, b.n, b.v);
    return `${intero(a.n)} → ${intero(b.n)}: ×${decimale(b.v / a.v, 1)} (esponente ${decimale(k, 2)})`;
  });
  return `${tratti.join("; ")}; per riga: ${p.map((x) => `${unita(x.v / x.n)} a ${intero(x.n)}`).join(", ")}`;
}

export function sezioneRisultati(r: Risultati): string {
  const m = r.macchina;
  const out: string[] = [];
  const add = (...righe: string[]) => out.push(...righe);
  const data = r.data.slice(0, 10);
  add(
    `## Risultati del ${data}`,
    "",
    `Macchina: ${m.core} core (${m.cpu}), ${decimale(m.memoria / 1024 ** 3, 0)} GB di RAM, Node ${m.node}` +
      (r.pannello ? `, Chromium ${r.pannello.chromium}` : "") +
      `; commit ${m.commit}${m.modificato ? " con modifiche locali in src/" : ""}. ` +
      `Durata del banco: ${millisecondi(r.durataMs)}. Carico medio della macchina (1 minuto) all'inizio ` +
      `${decimale(m.caricoInizio[0], 1)}, alla fine ${decimale(m.caricoFine?.[0] ?? NaN, 1)}` +
      (Math.max(m.caricoInizio[0], m.caricoFine?.[0] ?? 0) > m.core
        ? ": altri processi usavano la macchina, i tempi sono più alti e più variabili che su una macchina libera."
        : "."),
    ""
  );

  // ── Goals ──
  const mo100 = r.motore.find((x) => x.n === 100_000);
  /** Fewest syncs Excel on the web allows for what was read and written: each carries at most 5 MB. */
  const minimoSync = (p: RisultatoPrepara) =>
    Math.ceil(p.ricalcolaTutto.byteRispostaLettura / LIMITE_WEB) +
    Math.ceil(p.ricalcolaTutto.byteRichiestaScrittura / LIMITE_WEB);
  const tutte2 = r.prepara.every((p) => p.ricalcolaTutto.sync === 2 && !p.ricalcolaTutto.errore);
  const scritture1 = r.prepara.every(
    (p) =>
      !p.ricalcolaTutto.errore &&
      (p.ricalcolaTutto.byteScritturaPiano >= p.maxByteLotto || p.ricalcolaTutto.syncScrittura === 1)
  );
  add("### Obiettivi", "", "| obiettivo | misura | esito |", "|---|---|---|");
  add(
    `| motore + lettore su 100.000 righe < 1 s | ${
      mo100
        ? `mediana ${millisecondi(mo100.mediana.totale)} (prima esecuzione ${millisecondi(mo100.freddo.totale)})`
        : "non misurato"
    } | ${mo100 ? ok(mo100.mediana.totale < OBIETTIVO_MOTORE_MS) : "—"} |`
  );
  add(
    `| «Ricalcola tutto» in 2 sync a ogni dimensione | ${r.prepara
      .map(
        (p) =>
          `${intero(p.n)}: ${p.ricalcolaTutto.sync}${
            p.ricalcolaTutto.aFette ? ` (lettura a fette; il minimo sotto 5 MB per chiamata è ${minimoSync(p)})` : ""
          }` + `${p.ricalcolaTutto.errore ? " e poi errore" : ""}`
      )
      .join(", ")} | ${ok(tutte2)} |`
  );
  add(
    `| scrittura in un solo sync, divisa solo oltre ~4,5 MB | ${r.prepara
      .map(
        (p) =>
          `${intero(p.n)}: stima ${byte(p.ricalcolaTutto.byteScritturaPiano)} in ${p.ricalcolaTutto.lottiPiano} lotto/i, ` +
          `richiesta ${byte(p.ricalcolaTutto.byteRichiestaScrittura)}${p.ricalcolaTutto.errore ? " **rifiutata**" : ""}`
      )
      .join("; ")} | ${ok(scritture1)} |`
  );
  // The command line: both commands, each beside the floor measured in the same run.
  const rapporti = r.cli.map((c) => {
    const pav = mediana(c.pavimento.ms);
    return { n: c.n, ricalcola: mediana(c.ricalcola.ms) / pav, stampa: mediana(c.stampa.ms) / pav };
  });
  const mancanti = [1_000, 10_000, DIMENSIONE_GRANDE].filter((n) => !r.cli.some((c) => c.n === n));
  add(
    `| riga di comando ≤ 3× il pavimento a ogni dimensione (\`ricalcola\`, \`stampa\`) | ${
      rapporti.length
        ? rapporti.map((x) => `${intero(x.n)}: ${decimale(x.ricalcola, 1)}× / ${decimale(x.stampa, 1)}×`).join(", ")
        : "non misurato"
    }${mancanti.length && rapporti.length ? `; non misurato a ${mancanti.map(intero).join(", ")}` : ""} | ${
      rapporti.length
        ? ok(
            rapporti.every(
              (x) => x.ricalcola <= OBIETTIVO_RAPPORTO_PAVIMENTO && x.stampa <= OBIETTIVO_RAPPORTO_PAVIMENTO
            )
          )
        : "—"
    }${mancanti.length && rapporti.length ? " (sulle dimensioni misurate)" : ""} |`
  );
  const grande = r.cli.find((c) => c.n === DIMENSIONE_GRANDE);
  add(
    `| riga di comando a 100.000 righe < 15 s | ${
      grande
        ? `\`ricalcola\` ${millisecondi(mediana(grande.ricalcola.ms))}, \`stampa\` ${millisecondi(mediana(grande.stampa.ms))} ` +
          `(pavimento ${millisecondi(mediana(grande.pavimento.ms))})`
        : "non misurato"
    } | ${
      grande ? ok(Math.max(mediana(grande.ricalcola.ms), mediana(grande.stampa.ms)) < OBIETTIVO_CLI_100K_MS) : "—"
    } |`
  );
  const picco = (c: MisuraCli, k: "ricalcola" | "stampa" | "pavimento") => Math.max(...c[k].maxRssKb);
  add(
    `| picco RSS della riga di comando a 100.000 righe < 1 GB | ${
      grande
        ? `\`ricalcola\` ${gigabyte(picco(grande, "ricalcola"))}, \`stampa\` ${gigabyte(picco(grande, "stampa"))} ` +
          `(pavimento ${gigabyte(picco(grande, "pavimento"))})`
        : "non misurato"
    } | ${
      grande ? ok(Math.max(picco(grande, "ricalcola"), picco(grande, "stampa")) * 1024 < OBIETTIVO_CLI_100K_RSS) : "—"
    } |`
  );
  add(
    `| JavaScript del riquadro < 300 KB gzip | ${
      r.pannello
        ? `${byte(r.pannello.totaleJs.gzip)} gzip (${byte(r.pannello.totaleJs.byte)} non compressi)`
        : "non misurato"
    } | ${r.pannello ? ok(r.pannello.totaleJs.gzip < OBIETTIVO_GZIP) : "—"} |`,
    ""
  );

  // ── Engine + reader ──
  if (r.motore.length) {
    add(
      "### Motore + lettore",
      "",
      "`leggiLinee` + `calcolaEnte` + `verifica` + `creaPatch` su una SheetGrid in memoria (un foglio).",
      "",
      "| righe | righe del foglio | avvisi | prima esecuzione | mediana | (min–max) | leggiLinee | calcolaEnte | verifica | creaPatch | µs per riga | picco RSS | heap trattenuto |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for (const mo of r.motore) {
      const p = r.prepara.find((x) => x.n === mo.n);
      add(
        `| ${intero(mo.n)} | ${p ? intero(p.righeFoglio) : "—"} | ${intero(mo.avvisi)} | ${millisecondi(mo.freddo.totale)} | ` +
          `${millisecondi(mo.mediana.totale)} (${mo.ripetizioni} esecuzioni) | ${millisecondi(mo.minimo)}–${millisecondi(mo.massimo)} | ` +
          `${millisecondi(mo.mediana.leggiLinee)} | ${millisecondi(mo.mediana.calcolaEnte)} | ${millisecondi(mo.mediana.verifica)} | ` +
          `${millisecondi(mo.mediana.creaPatch)} | ${decimale((mo.mediana.totale * 1000) / mo.n, 1)} | ${byte(mo.piccoRss)} | ${byte(mo.heapTrattenuto)} |`
      );
    }
    add(
      "",
      `Crescita del tempo (mediana): ${crescita(
        r.motore.map((x) => ({ n: x.n, v: x.mediana.totale })),
        (v) => `${decimale(v * 1000, 1)} µs`
      )}.`,
      "",
      `Crescita della memoria (picco RSS): ${crescita(
        r.motore.map((x) => ({ n: x.n, v: x.piccoRss })),
        (v) => `${intero(v)} B`
      )}.`,
      ""
    );
  }

  // ── Adapter ──
  if (r.prepara.length) {
    add(
      "### Adattatore Office.js (falso Excel)",
      "",
      "«Ricalcola tutto» dopo la prima lettura della sessione, attraverso `creaAccessoOffice` su `CartellaFinta` " +
        "(limite di 5 MB per richiesta e risposta, come Excel sul web). Byte: stima del falso Excel " +
        "(lunghezza JSON di ciò che viaggia); «piano» è la stima dell'adattatore stesso (`write-plan.ts`).",
      "",
      "| righe | celle lette | unioni | prima lettura: sync | Ricalcola tutto: sync (lettura + scrittura) | a fette | sync falliti | risposta più grande | scrittura: stima del piano (lotti) | scrittura: richiesta misurata | esito | Ricalcola linea: sync | tempo Ricalcola tutto (in memoria) |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for (const p of r.prepara) {
      const t = p.ricalcolaTutto;
      const falliti = [...p.primaLettura.falliti.map((f) => `prima lettura: ${f}`), ...t.falliti];
      const risposta = Math.max(t.maxRisposta, p.primaLettura.maxRisposta);
      add(
        `| ${intero(p.n)} | ${intero(p.celle)} | ${intero(p.unioni)} | ${p.primaLettura.sync}${p.primaLettura.aFette ? " (a fette)" : ""} | ` +
          `${t.sync} (${t.syncLettura} + ${t.syncScrittura}) | ${t.aFette ? "sì" : "no"} | ${falliti.length ? falliti.join(", ") : "nessuno"} | ` +
          `${byte(risposta)}${risposta > LIMITE_WEB ? " (oltre 5 MB: rifiutata)" : ""} | ` +
          `${byte(t.byteScritturaPiano)} (${t.lottiPiano}) | ${byte(t.byteRichiestaScrittura)} | ${t.errore ? `errore: ${t.errore}` : "ok"} | ` +
          `${p.ricalcolaLinea.sync}${p.ricalcolaLinea.errore ? " (errore)" : ""} | ${millisecondi(t.ms)} |`
      );
    }
    add("");
  }

  // ── Command line ──
  if (r.cli.length) {
    add(
      "### Riga di comando",
      "",
      "`node bin/barometro.js ricalcola FILE --out OUT --json` e `node bin/barometro.js stampa FILE --out OUT --json` " +
        "(solo l'impaginazione, senza `--pdf`: LibreOffice non è lanciato), compilati dai sorgenti correnti, accanto al " +
        "pavimento (`scripts/bench/pavimento.js`: unzip con JSZip, analisi SAX con saxes di ogni foglio, zip DEFLATE 6) " +
        "e, fino a `--exceljs-max`, a ExcelJS da solo (`readFile` + `writeFile` dello stesso file, `scripts/bench/exceljs-solo.js`). " +
        "Tempo dal lancio del processo alla sua uscita, avvio di Node compreso per tutti; mediana di esecuzioni alternate " +
        "nello stesso giro. Rapporto = comando / pavimento. Picco RSS: il massimo delle esecuzioni.",
      "",
      "| righe | file .xlsx | esecuzioni | pavimento (in processo: unzip + SAX + zip) | `ricalcola` | rapporto | `stampa` | rapporto | ExcelJS da solo (lettura + scrittura) | picco RSS pavimento | picco RSS `ricalcola` | picco RSS `stampa` | picco RSS ExcelJS |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for (const c of r.cli) {
      const pav = mediana(c.pavimento.ms);
      const ric = mediana(c.ricalcola.ms);
      const st = mediana(c.stampa.ms);
      const fp = (k: string) => millisecondi(mediana(c.pavimento.interni.map((x) => x.fasi[k] ?? NaN)));
      const xl = c.exceljs
        ? `${millisecondi(mediana(c.exceljs.ms))} (${millisecondi(mediana(c.exceljs.fasi.map((f) => f.letturaMs)))} + ` +
          `${millisecondi(mediana(c.exceljs.fasi.map((f) => f.scritturaMs)))})`
        : (c.exceljsSaltato ?? "non misurato");
      add(
        `| ${intero(c.n)} | ${byte(c.byteIngresso)} | ${c.ripetizioni} | ${millisecondi(pav)} ` +
          `(${fp("unzip")} + ${fp("sax")} + ${fp("zip")}) | ${millisecondi(ric)} | ${decimale(ric / pav, 1)}× | ` +
          `${millisecondi(st)} | ${decimale(st / pav, 1)}× | ${xl} | ${byte(picco(c, "pavimento") * 1024)} | ` +
          `${byte(picco(c, "ricalcola") * 1024)} | ${byte(picco(c, "stampa") * 1024)} | ` +
          `${c.exceljs ? byte(Math.max(...c.exceljs.maxRssKb) * 1024) : "—"} |`
      );
    }
    add(
      "",
      "Dove va il tempo di `ricalcola` (una esecuzione in un processo, `scripts/bench/cli-fasi.ts`: i passi di " +
        "`src/cli/comandi/ricalcola.ts` nello stesso ordine; Ricalcola diviso ai passi del suo `avanzamento`):",
      "",
      "| righe | lettura del file | apertura (`apriCartella`) | impostazioni della cartella | Ricalcola: lettura dei fogli | Ricalcola: calcolo (lettore, motore, regole, `creaPatch`) | Ricalcola: scrittura della patch (`scrivi`) | resoconto (Verifica + JSON) | salvataggio (`salva`: parti cambiate e zip) | scrittura del file | totale |",
      "|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for (const c of r.cli) {
      const f = c.fasi;
      if (!f) continue;
      const totale =
        f.letturaFile +
        f.apertura +
        f.impostazioni +
        f.lettura +
        f.calcolo +
        f.scrittura +
        f.resoconto +
        f.salva +
        f.scritturaFile;
      add(
        `| ${intero(c.n)} | ${[f.letturaFile, f.apertura, f.impostazioni, f.lettura, f.calcolo, f.scrittura].map(millisecondi).join(" | ")} | ` +
          `${millisecondi(f.resoconto)} (${byte(f.byteJson)}) | ${millisecondi(f.salva)} (${byte(f.byteUscita)}) | ` +
          `${millisecondi(f.scritturaFile)} | ${millisecondi(totale)} |`
      );
    }
    const conExceljs = r.cli.filter((c) => c.exceljs);
    add(
      "",
      `Crescita di \`ricalcola\` (tempo del processo: a 1.000 righe pesano soprattutto l'avvio di Node e dei moduli): ${crescita(
        r.cli.map((c) => ({ n: c.n, v: mediana(c.ricalcola.ms) })),
        (v) => `${decimale(v * 1000, 0)} µs`
      )}.`,
      "",
      `Crescita del pavimento (idem): ${crescita(
        r.cli.map((c) => ({ n: c.n, v: mediana(c.pavimento.ms) })),
        (v) => `${decimale(v * 1000, 0)} µs`
      )}.`
    );
    if (conExceljs.length)
      add(
        "",
        `Crescita di ExcelJS da solo: ${crescita(
          conExceljs.map((c) => ({ n: c.n, v: mediana((c.exceljs as NonNullable<MisuraCli["exceljs"]>).ms) })),
          (v) => `${decimale(v * 1000, 0)} µs`
        )}.`
      );
    add("");
  }

  // ── Task pane ──
  if (r.pannello) {
    const p = r.pannello;
    add(
      "### Riquadro attività",
      "",
      `Build di produzione (\`webpack --mode production\`, ${millisecondi(p.buildMs)}). JavaScript caricato da taskpane.html ` +
        "(Office.js escluso: viene dal CDN di Microsoft); gzip con zlib, livello predefinito (6).",
      "",
      "| file | byte | gzip |",
      "|---|---|---|",
      ...p.js.map((f) => `| ${f.file} | ${byte(f.byte)} | ${byte(f.gzip)} |`),
      `| **totale** | **${byte(p.totaleJs.byte)}** | **${byte(p.totaleJs.gzip)}** |`,
      "",
      `Primo render in Chromium headless (${p.render.corse} caricamenti, ciascuno con cache vuota; mediane dall'inizio della navigazione; ` +
        "office.js bloccato, quindi la vista «fuori da Excel»):",
      "",
      "| misura | mediana | tutte |",
      "|---|---|---|",
      `| titolo «Barometro» nel documento (primo frame) | ${millisecondi(p.render.titolo ?? NaN)} | ${p.render.tutti
        .map((t) => millisecondi(t.titolo ?? NaN))
        .join(", ")} |`,
      `| first-contentful-paint | ${millisecondi(p.render.fcp ?? NaN)} | ${p.render.tutti.map((t) => millisecondi(t.fcp ?? NaN)).join(", ")} |`,
      `| DOMContentLoaded | ${millisecondi(p.render.domContentLoaded ?? NaN)} | |`
    );
    if (p.workbench) {
      const w = p.workbench;
      add(
        "",
        `Banco di prova (\`webpack.workbench.config.js\`, ${byte(w.js.byte)}, gzip ${byte(w.js.gzip)}: contiene anche ExcelJS e il falso Excel): ` +
          "riquadro completo sulla cartella di esempio, dal caricamento all'elenco delle linee (scarica il .xlsx, ExcelJS lo legge nel browser, " +
          "lettura dell'adattatore, motore):",
        "",
        "| misura | mediana | tutte |",
        "|---|---|---|",
        `| titolo «Barometro» | ${millisecondi(w.render.titolo ?? NaN)} | ${w.render.tutti.map((t) => millisecondi(t.titolo ?? NaN)).join(", ")} |`,
        `| elenco delle linee | ${millisecondi(w.render.linee ?? NaN)} | ${w.render.tutti.map((t) => millisecondi(t.linee ?? NaN)).join(", ")} |`,
        `| first-contentful-paint | ${millisecondi(w.render.fcp ?? NaN)} | |`
      );
    }
    add("");
  }
  return out.join("\n");
}

/** Rewrites the results section of `file` (or creates the file). */
export function scriviRapporto(file: string, r: Risultati, esistente: string | null): void {
  const sezione = `${INIZIO}\n${sezioneRisultati(r)}\n${FINE}`;
  let testo: string;
  if (esistente && esistente.includes(INIZIO) && esistente.includes(FINE)) {
    const a = esistente.indexOf(INIZIO);
    const b = esistente.indexOf(FINE) + FINE.length;
    testo = esistente.slice(0, a) + sezione + esistente.slice(b);
  } else {
    testo = `${INTRODUZIONE}${sezione}\n${esistente ? `\n${esistente}` : ""}`;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, testo);
}
