import { resolve } from "path";
import { formatPercentuale } from "../engine";
import { annoDelReport, PagineLinee, PRIMA_PAGINA_LINEE, stimaPagine, stimaSezioni } from "../layout/stampa";
import { grigliaVuota } from "../layout/fogli-barometro";
import { indiceAltrui } from "../layout/indice";
import { rigaDelFoglio, SheetGrid } from "../layout/griglia";
import { pianoStampa, StampaFoglio } from "../layout/stampa";
import { Linea } from "../engine";
import { CliError, MESSAGGI_CLI } from "./errors";
import { impostazioniCartella, scriviCartella } from "./impostazioni";
import { esaminaPacchetto, ripristinaInterruzioni } from "./non-conservati";
import { convertiInPdf, pagineDeiTitoli, pagineSenza, testoPagine } from "./pdf";
import { applicaImpaginazione, scriviIndice } from "./stampa";
import { elabora } from "./workbook";
import type { Io } from "./main";

export interface EsitoStampa {
  file: string;
  out: string;
  pdf: string | null;
  /** "pdf": pages read from the printed PDF; "stima": estimated from row counts. */
  fontePagine: "pdf" | "stima";
  /**
   * How each page gets its header row: "foglio", the sheets repeat it themselves and a page starts
   * at each (StampaFoglio.intestazioniProprie); "ripetuta", printed at the top of every page.
   */
  intestazione: "foglio" | "ripetuta";
  linee: { nome: string; pagina: number | null }[];
}

/** `barometro stampa`: page layout, Indice and, with --pdf, the annex as LibreOffice prints it. */
export async function stampa(
  io: Io,
  file: string,
  outArg: string | undefined,
  pdfArg: string | undefined,
  json: boolean
): Promise<number> {
  const out = resolve(outArg ?? file.replace(/\.xlsx$/i, "") + ".stampa.xlsx");
  if (out === file) throw new CliError(MESSAGGI_CLI.stessoFile());
  const e = await elabora(file);
  const { perse, interruzioni, riportate } = await esaminaPacchetto(e.dati);
  if (perse.length > 0) io.err(MESSAGGI_CLI.nonConservati(file, out, perse));
  // The bands and the year chosen in the task pane, as «Prepara stampa» uses them.
  const scelte = impostazioniCartella(riportate);
  if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
  // The other sheets keep their manual page breaks (those of the line sheets are laid out anew).
  ripristinaInterruzioni(e.workbook, interruzioni);
  const fogli = e.griglie;
  const altrui = indiceAltrui(fogli);
  if (altrui) throw new CliError(MESSAGGI_CLI.indiceAltrui(file, altrui));
  let piano = pianoStampa(e.linee, fogli);
  const anno = scelte.anno ?? annoDelReport(fogli);
  let pagine: PagineLinee = stimaPagine(e.linee, piano, PRIMA_PAGINA_LINEE);
  let fonte: EsitoStampa["fontePagine"] = "stima";
  const primaPagina = (foglio: string) => pagine[e.linee.findIndex((l) => l.foglio === foglio)] ?? null;
  const scrivi = async () => {
    applicaImpaginazione(e.workbook, piano, fogli, anno, primaPagina);
    scriviIndice(e.workbook, e.linee, e.risultato, pagine, anno, scelte.bande);
    await scriviCartella(e.workbook, out, riportate);
  };
  await scrivi();

  const pdf = pdfArg ? resolve(pdfArg) : null;
  if (pdf) {
    await convertiInPdf(out, pdf);
    let testi = await testoPagine(pdf);
    if (testi && senzaIntestazione(testi, piano, e.linee, fogli, pagine)) {
      // A run of rows between two of the sheet's headers did not fit on a page: the header row is
      // repeated by the printer instead, on every page.
      piano = pianoStampa(e.linee, fogli, { titoliRipetuti: true });
      pagine = stimaPagine(e.linee, piano, PRIMA_PAGINA_LINEE);
      await scrivi();
      await convertiInPdf(out, pdf);
      testi = await testoPagine(pdf);
    }
    if (testi) {
      const lette = pagineDeiTitoli(
        testi,
        e.linee.map((l) => l.nome),
        PRIMA_PAGINA_LINEE
      );
      if (lette.every((p) => p !== null)) {
        fonte = "pdf";
        if (lette.some((p, i) => p !== pagine[i])) {
          // The index lists the pages as LibreOffice printed them: write it again and print again.
          pagine = lette;
          await scrivi();
          await convertiInPdf(out, pdf);
        }
      }
    }
  }

  const esito: EsitoStampa = {
    file,
    out,
    pdf,
    fontePagine: fonte,
    intestazione: piano.some((p) => p.intestazioniProprie) ? "foglio" : "ripetuta",
    linee: e.linee.map((l, i) => ({ nome: l.nome, pagina: pagine[i] })),
  };
  if (json) io.out(JSON.stringify(esito, null, 2));
  else {
    io.out(`Barometro — impaginazione di ${file}`);
    e.linee.forEach((l, i) =>
      io.out(`  ${l.nome}  ${formatPercentuale(e.risultato.linee[i].percentuale)}  pag. ${pagine[i] ?? "—"}`)
    );
    io.out(
      `Pagine dell'indice: ${fonte === "pdf" ? "lette dal PDF stampato" : "stimate (senza PDF Excel non dice dove cadono le pagine)"}.`
    );
    io.out(`Scritto ${out}${pdf ? ` e ${pdf}` : ""}.`);
  }
  return 0;
}

/**
 * Whether the sheets' own headers failed to start every printed page of the lines: a line starts
 * elsewhere than estimated (the estimate is exact when every run fits a page), a page of the
 * lines lacks the header, or pages follow the last line when no other sheet prints after it.
 */
function senzaIntestazione(
  testi: string[],
  piano: StampaFoglio[],
  linee: Linea[],
  fogli: SheetGrid[],
  stimate: PagineLinee
): boolean {
  if (!piano.some((p) => p.intestazioniProprie)) return false;
  const lette = pagineDeiTitoli(
    testi,
    linee.map((l) => l.nome),
    PRIMA_PAGINA_LINEE
  );
  if (lette.some((p, i) => p !== stimate[i])) return true;
  const sezioni = stimaSezioni(linee, piano, PRIMA_PAGINA_LINEE);
  const fine = sezioni[sezioni.length - 1].fine;
  const ultimoFoglio = fogli.findIndex((g) => g.name === linee[linee.length - 1].foglio);
  const altriDopo = fogli.slice(ultimoFoglio + 1).some((g) => !grigliaVuota(g));
  if (!altriDopo && testi.length > fine) return true;
  return piano.some((p) => {
    const grid = fogli.find((g) => g.name === p.foglio);
    // The words of the header's first cells: pdftotext may split a wrapped header cell across lines.
    const intestazione = (p.rigaIntestazione && grid ? rigaDelFoglio(grid, p.rigaIntestazione) : [])
      .filter((v): v is string => typeof v === "string" && v.trim() !== "")
      .slice(0, 3)
      .flatMap((t) => t.split(/\s+/))
      .filter((parola) => parola.length >= 3);
    const proprie = linee.flatMap((l, i) => (l.foglio === p.foglio ? [sezioni[i]] : []));
    return proprie.some((s) => pagineSenza(testi, intestazione, s.inizio, s.fine).length > 0);
  });
}
