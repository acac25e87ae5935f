import { existsSync, readdirSync, statSync } from "fs";
import { join, resolve } from "path";
import { CliError, MESSAGGI_CLI } from "./errors";
import type { Io } from "./main";

/**
 * The files named on the command line, a folder standing for the .xlsx files in it (not its
 * subfolders; Excel's lock files "~$…" and Barometro's own outputs left out), each once.
 */
export function fileDaElaborare(argomenti: string[]): string[] {
  const files = argomenti.flatMap((a) => {
    const percorso = resolve(a);
    if (!existsSync(percorso) || !statSync(percorso).isDirectory()) return [percorso];
    const dentro = readdirSync(percorso)
      .filter((n) => /\.xlsx$/i.test(n) && !n.startsWith("~$") && !USCITE.test(n))
      .sort((x, y) => x.localeCompare(y, "it"))
      .map((n) => join(percorso, n));
    if (dentro.length === 0) throw new CliError(MESSAGGI_CLI.cartellaVuota(percorso));
    return dentro;
  });
  return [...new Set(files)];
}

/** What Barometro itself writes next to a file: not inputs when a folder is named. */
const USCITE = /\.(ricalcolato|stampa|allegato|dossier)\.xlsx$/i;

/**
 * Several files, one after the other: a file that cannot be processed is reported and the others
 * go on; exit code 2 if any failed (1 if for a reason not foreseen). With --json, one document:
 * the array of each file's.
 */
export async function elaboraTutti(
  files: string[],
  elaboraFile: (file: string, io: Io) => Promise<number>,
  io: Io,
  json: boolean
): Promise<number> {
  const documenti: unknown[] = [];
  const falliti: string[] = [];
  let inatteso = false;
  for (const [i, file] of files.entries()) {
    if (!json && i > 0) io.out("");
    const perFile: Io = json ? { out: (t) => documenti.push(JSON.parse(t)), err: io.err } : io;
    try {
      await elaboraFile(file, perFile);
    } catch (e) {
      // Even a failure Barometro did not foresee stops only this file (exit code 1, as for one file).
      inatteso ||= !(e instanceof CliError);
      const messaggio =
        e instanceof CliError
          ? e.message
          : MESSAGGI_CLI.erroreInatteso(file, e instanceof Error ? e.message : String(e));
      io.err(messaggio);
      falliti.push(file);
      if (json) documenti.push({ file, errore: messaggio });
    }
  }
  if (json) io.out(JSON.stringify(documenti, null, 2));
  else io.out(`\n${MESSAGGI_CLI.elaborati(files.length - falliti.length, files.length, falliti)}`);
  return inatteso ? 1 : falliti.length > 0 ? 2 : 0;
}
