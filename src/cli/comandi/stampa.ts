import { resolve } from "path";
import { ErroreBarometro } from "../../app/ricalcolo";
import { EsitoStampa, OpzioniStampa, preparaStampa } from "../../app/stampa";
import { formatPercentuale, Linea } from "../../engine";
import { rigaDelFoglio, SheetGrid } from "../../layout/griglia";
import { indiceAltrui } from "../../layout/indice";
import { grigliaVuota } from "../../layout/fogli-barometro";
import { PagineLinee, PRIMA_PAGINA_LINEE, stimaSezioni } from "../../layout/stampa";
import { pianoStampa } from "../../layout/stampa";
import { apriFile, CartellaFile, erroreDelFile, salvaFile } from "../apri";
import { CliError, MESSAGGI_CLI } from "../errors";
import { impostazioniCartella } from "../impostazioni";
import type { Io } from "../main";
import { convertiInPdf, pagineDeiTitoli, pagineSenza, testoPagine } from "../pdf";

/** The `--json` document of `barometro stampa` (the use case's own result is src/app/stampa.ts's EsitoStampa). */
export interface DocumentoStampa {
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

/**
 * `barometro stampa`: the task pane's «Prepara stampa» (src/app/stampa.ts) on the file — page
 * layout and Indice — written to OUT and, with --pdf, printed by LibreOffice. The printed PDF then
 * says what the estimate could not: whether every page got its header (else the header row is
 * repeated by the printer instead) and where each line starts (the Indice is written again with
 * those pages).
 */
export async function comandoStampa(
  io: Io,
  file: string,
  outArg: string | undefined,
  pdfArg: string | undefined,
  json: boolean
): Promise<number> {
  const out = resolve(outArg ?? file.replace(/\.xlsx$/i, "") + ".stampa.xlsx");
  if (out === file) throw new CliError(MESSAGGI_CLI.stessoFile());
  const { cartella } = await apriFile(file);
  // The bands and the year chosen in the task pane, as «Prepara stampa» uses them.
  const scelte = impostazioniCartella(cartella.leggiImpostazioni());
  const prepara = async (opzioni: OpzioniStampa): Promise<EsitoStampa> => {
    try {
      return await preparaStampa(cartella, scelte.impostazioni, opzioni);
    } catch (e) {
      throw await erroreStampa(file, cartella, e);
    }
  };
  let esito = await prepara({});
  if (scelte.errore) io.err(MESSAGGI_CLI.impostazioniNonValide(scelte.errore));
  const { linee, risultato, lettura } = esito.analisi;
  await salvaFile(cartella, out);

  let fonte: DocumentoStampa["fontePagine"] = "stima";
  let titoliRipetuti = false;
  const pdf = pdfArg ? resolve(pdfArg) : null;
  if (pdf) {
    await convertiInPdf(out, pdf);
    let testi = await testoPagine(pdf);
    if (testi && senzaIntestazione(testi, linee, lettura.fogli, esito.pagine)) {
      // A run of rows between two of the sheet's headers did not fit on a page: the header row is
      // repeated by the printer instead, on every page.
      titoliRipetuti = true;
      esito = await prepara({ titoliRipetuti });
      await salvaFile(cartella, out);
      await convertiInPdf(out, pdf);
      testi = await testoPagine(pdf);
    }
    if (testi) {
      const lette = pagineDeiTitoli(
        testi,
        linee.map((l) => l.nome),
        PRIMA_PAGINA_LINEE
      );
      if (lette.every((p) => p !== null)) {
        fonte = "pdf";
        if (lette.some((p, i) => p !== esito.pagine[i])) {
          // The index lists the pages as LibreOffice printed them: write it again and print again.
          esito = await prepara({ titoliRipetuti, pagine: lette });
          await salvaFile(cartella, out);
          await convertiInPdf(out, pdf);
        }
      }
    }
  }

  const pagine = esito.pagine;
  const documento: DocumentoStampa = {
    file,
    out,
    pdf,
    fontePagine: fonte,
    intestazione: esito.intestazioniProprie.length > 0 ? "foglio" : "ripetuta",
    linee: linee.map((l, i) => ({ nome: l.nome, pagina: pagine[i] })),
  };
  if (json) io.out(JSON.stringify(documento, null, 2));
  else {
    io.out(`Barometro — impaginazione di ${file}`);
    linee.forEach((l, i) =>
      io.out(`  ${l.nome}  ${formatPercentuale(risultato.linee[i].percentuale)}  pag. ${pagine[i] ?? "—"}`)
    );
    io.out(
      `Pagine dell'indice: ${fonte === "pdf" ? "lette dal PDF stampato" : "stimate (senza PDF Excel non dice dove cadono le pagine)"}.`
    );
    io.out(`Scritto ${out}${pdf ? ` e ${pdf}` : ""}.`);
  }
  return 0;
}

/** Prepara stampa's refusal as the command line says it: a user's «Indice» sheet named with the file. */
async function erroreStampa(file: string, cartella: CartellaFile, e: unknown): Promise<unknown> {
  if (!(e instanceof ErroreBarometro)) return e;
  const altrui = indiceAltrui((await cartella.leggi()).fogli);
  return altrui ? new CliError(MESSAGGI_CLI.indiceAltrui(file, altrui)) : erroreDelFile(file, e);
}

/**
 * Whether the sheets' own headers failed to start every printed page of the lines: a line starts
 * elsewhere than estimated (the estimate is exact when every run fits a page), a page of the
 * lines lacks the header, or pages follow the last line when no other sheet prints after it.
 */
function senzaIntestazione(testi: string[], linee: Linea[], fogli: SheetGrid[], stimate: PagineLinee): boolean {
  const piano = pianoStampa(linee, fogli);
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
