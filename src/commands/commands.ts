import { WorkbookAccess } from "../app/access";
import { pubblica } from "../app/eventi";
import { ErroreBarometro, ricalcola } from "../app/ricalcolo";
import { leggiImpostazioni } from "../app/impostazioni";
import { MESSAGGI_APP } from "../app/messaggi";

/** The ribbon's "Ricalcola linea": the line holding the sheet's selection, then the result in the task pane. */
export async function ricalcolaLineaDaBarra(
  access: WorkbookAccess,
  mostraPannello: () => Promise<void>
): Promise<void> {
  try {
    const { impostazioni } = leggiImpostazioni(access.leggiImpostazioni());
    pubblica({ tipo: "esito", esito: await ricalcola(access, { tipo: "selezione" }, impostazioni) });
  } catch (e) {
    const messaggio =
      e instanceof ErroreBarometro ? e.message : MESSAGGI_APP.inatteso(e instanceof Error ? e.message : String(e));
    pubblica({ tipo: "errore", messaggio });
  }
  // The ribbon has no place for a message: the task pane shows the result or the error.
  await mostraPannello().catch(() => undefined);
}

/** Registers the ribbon's ExecuteFunction commands (manifest.xml: FunctionName). */
export function registraComandi(access: WorkbookAccess): void {
  Office.actions.associate("ricalcolaLinea", (event: Office.AddinCommands.Event) => {
    ricalcolaLineaDaBarra(access, () => Office.addin.showAsTaskpane()).finally(() => event.completed());
  });
}
