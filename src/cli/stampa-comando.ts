import { resolve } from "path";
import { formatPercentuale } from "../engine";
import { annoDellaCartella, indiceAltrui, PagineLinee, PRIMA_PAGINA_LINEE, stimaPagine } from "../layout/indice";
import { pianoStampa } from "../layout/stampa";
import { CliError, MESSAGGI_CLI } from "./errors";
import { impostazioniCartella, scriviCartella } from "./impostazioni";
import { esaminaPacchetto, ripristinaInterruzioni } from "./non-conservati";
import { convertiInPdf, pagineDeiTitoli, testoPagine } from "./pdf";
import { applicaImpaginazione, scriviIndice } from "./stampa";
import { elabora } from "./workbook";
import type { Io } from "./main";

export interface EsitoStampa {
  file: string;
  out: string;
  pdf: string | null;
  /** "pdf": pages read from the printed PDF; "stima": estimated from row counts. */
  fontePagine: "pdf" | "stima";
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
  const { perse, interruzioni, estensioni } = await esaminaPacchetto(e.dati);
  if (perse.length > 0) io.err(MESSAGGI_CLI.nonConservati(file, out, perse));
  // The bands and the year chosen in the task pane, as «Prepara stampa» uses them.
  const scelte = impostazioniCartella(estensioni);
  if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
  // The other sheets keep their manual page breaks (those of the line sheets are laid out anew).
  ripristinaInterruzioni(e.workbook, interruzioni);
  const fogli = e.griglie;
  const altrui = indiceAltrui(fogli);
  if (altrui) throw new CliError(MESSAGGI_CLI.indiceAltrui(file, altrui));
  const piano = pianoStampa(e.linee, fogli);
  const anno = scelte.anno ?? annoDellaCartella(fogli);
  let pagine: PagineLinee = stimaPagine(e.linee, piano, PRIMA_PAGINA_LINEE);
  let fonte: EsitoStampa["fontePagine"] = "stima";
  const primaPagina = (foglio: string) => pagine[e.linee.findIndex((l) => l.foglio === foglio)] ?? null;
  const scrivi = async () => {
    applicaImpaginazione(e.workbook, piano, fogli, anno, primaPagina);
    scriviIndice(e.workbook, e.linee, e.risultato, pagine, anno, scelte.bande);
    await scriviCartella(e.workbook, out, estensioni);
  };
  await scrivi();

  const pdf = pdfArg ? resolve(pdfArg) : null;
  if (pdf) {
    await convertiInPdf(out, pdf);
    const testi = await testoPagine(pdf);
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
