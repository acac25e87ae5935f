/**
 * docs/PRESTAZIONI.md: the benchmark rewrites only the section between the two markers (the
 * numbers); the text around it (method, analysis) is written by hand and kept. A missing file is
 * created with the markers and a short introduction.
 */
import { mkdirSync, writeFileSync } from "fs";
import { dirname } from "path";
import { byte, decimale, intero, mediana, millisecondi } from "./comune";
import type { Risultati } from "./index";
import type { RisultatoPrepara } from "./prepara";

export const INIZIO = "<!-- risultati:inizio — sezione riscritta da `npm run bench`: non modificarla a mano -->";
export const FINE = "<!-- risultati:fine -->";

/** Goals of the issue. */
const OBIETTIVO_MOTORE_MS = 1_000;
const OBIETTIVO_SOVRACCARICO = 0.25;
const OBIETTIVO_GZIP = 300 * 1024;
const LIMITE_WEB = 5 * 1024 * 1024;

const INTRODUZIONE = `# Prestazioni

Misure di Barometro su cartelle di 1.000, 10.000 e 100.000 righe di indicatori nel formato del
Controllo di Gestione, prodotte da \`npm run bench\` (\`scripts/bench/\`). Non è un test: non fallisce
mai per un numero lento, misura e scrive questa pagina.

`;

const ok = (si: boolean) => (si ? "**raggiunto**" : "**non raggiunto**");
const percento = (x: number) => `${decimale(x * 100, 0)}%`;

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
  const sovraccarichi = r.cli.map((c) => {
    const cli = mediana(c.cliMs);
    const xl = mediana(c.exceljsMs);
    const classe = mediana(c.exceljsClasseMs);
    return { n: c.n, s: (cli - xl) / xl, classe: (cli - classe) / classe };
  });
  add(
    `| riga di comando: sovraccarico < 25% di ExcelJS (lettura + scrittura) | ${
      sovraccarichi.length
        ? sovraccarichi
            .map((s) => `${intero(s.n)}: ${percento(s.s)} (sul solo lavoro di Barometro ${percento(s.classe)})`)
            .join(", ")
        : "non misurato"
    }${r.cliSaltate.length ? `; non misurato a ${r.cliSaltate.map((s) => intero(s.n)).join(", ")}` : ""} | ${
      sovraccarichi.length ? ok(sovraccarichi.every((s) => s.s < OBIETTIVO_SOVRACCARICO)) : "—"
    }${r.cliSaltate.length ? " (sulle dimensioni misurate)" : ""} |`
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
  if (r.cli.length || r.cliSaltate.length) {
    add(
      "### Riga di comando",
      "",
      "`node bin/barometro.js ricalcola FILE --out OUT --json` (compilato dai sorgenti correnti) accanto a " +
        "ExcelJS da solo (`readFile` + `writeFile` dello stesso file, `scripts/bench/exceljs-solo.js`): " +
        "tempo dal lancio del processo alla sua uscita, avvio di Node compreso per entrambi; mediana di " +
        "esecuzioni alternate. Sovraccarico = (CLI − ExcelJS) / ExcelJS. La riga di comando carica di ExcelJS " +
        "la sola classe `Workbook` (non i moduli di streaming, ~130 ms di avvio): «stessa classe» è ExcelJS da " +
        "solo caricato allo stesso modo (`exceljs-solo.js --classe`), e il suo sovraccarico è il solo lavoro di Barometro.",
      "",
      "| righe | file .xlsx | esecuzioni | CLI | ExcelJS da solo (lettura + scrittura) | sovraccarico | ExcelJS, stessa classe | sovraccarico sul solo lavoro di Barometro | picco RSS CLI | picco RSS ExcelJS |",
      "|---|---|---|---|---|---|---|---|---|---|"
    );
    for (const c of r.cli) {
      const cli = mediana(c.cliMs);
      const xl = mediana(c.exceljsMs);
      const classe = mediana(c.exceljsClasseMs);
      const fx = {
        l: mediana(c.exceljsFasi.map((f) => f.letturaMs)),
        s: mediana(c.exceljsFasi.map((f) => f.scritturaMs)),
      };
      add(
        `| ${intero(c.n)} | ${byte(c.byteIngresso)} | ${c.ripetizioni} | ${millisecondi(cli)} | ${millisecondi(xl)} ` +
          `(${millisecondi(fx.l)} + ${millisecondi(fx.s)}) | ${percento((cli - xl) / xl)} | ` +
          `${millisecondi(classe)} | ${percento((cli - classe) / classe)} | ` +
          `${byte(mediana(c.cliMaxRssKb) * 1024)} | ${byte(mediana(c.exceljsMaxRssKb) * 1024)} |`
      );
    }
    for (const s of r.cliSaltate) add(`| ${intero(s.n)} | — | 0 | non misurata: ${s.motivo} | | | | | | |`);
    if (r.cli.length) {
      add(
        "",
        "Dove va il tempo della riga di comando (una esecuzione in un processo, fasi di `ricalcola` nell'ordine di `src/cli`):",
        "",
        "| righe | apertura (ExcelJS e zip riesaminato) | zip riesaminato (ora nell’apertura) | griglia (`worksheetToGrid`) | motore + lettore + verifica | Ricalcola senza la scrittura (rilettura, motore, creaPatch) | scrittura della patch (`scrivi`, regole condizionali comprese) | scrittura ExcelJS | JSON |",
        "|---|---|---|---|---|---|---|---|---|"
      );
      for (const c of r.cli) {
        const f = c.fasi;
        if (!f) continue;
        add(
          `| ${intero(c.n)} | ${millisecondi(f.letturaExcelJS)} | ${f.pacchetto === undefined ? "—" : millisecondi(f.pacchetto)} | ${millisecondi(f.griglia)} | ${millisecondi(f.motore)} | ` +
            `${millisecondi(f.patch)} | ${millisecondi(f.applicaPatch)} | ${millisecondi(f.scritturaExcelJS)} | ` +
            `${millisecondi(f.json)} (${byte(f.byteJson)}) |`
        );
      }
      add(
        "",
        `Crescita di ExcelJS da solo: ${crescita(
          r.cli.map((c) => ({ n: c.n, v: mediana(c.exceljsMs) })),
          (v) => `${decimale(v * 1000, 0)} µs`
        )}.`
      );
    }
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
