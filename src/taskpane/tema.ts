import { useEffect, useState } from "react";
import { Theme, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { luminanza } from "../engine/visione-colori";

/** What the pane needs of Office.context.officeTheme (every field may be missing on older hosts). */
export interface TemaOffice {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

/** The Fluent theme that matches Office's: isDarkTheme when the host says, else the background's luminance. */
export function temaDaOffice(tema: TemaOffice | null | undefined): Theme {
  if (!tema) return webLightTheme;
  if (typeof tema.isDarkTheme === "boolean") return tema.isDarkTheme ? webDarkTheme : webLightTheme;
  const l = luminanza(tema.bodyBackgroundColor);
  return l !== null && l < 0.2 ? webDarkTheme : webLightTheme;
}

/**
 * Office's theme, followed: `leggi` (Office.context.officeTheme through temaDaOffice) is called again
 * whenever the pane gets the focus or is shown again. Excel has no theme-changed event
 * (Office.EventType.OfficeThemeChanged is Outlook's, Mailbox 1.14): that is when a theme changed
 * in Excel's options can first be seen by the pane.
 */
export function useTemaDiOffice(leggi: () => Theme): Theme {
  const [tema, setTema] = useState(leggi);
  useEffect(() => {
    const rileggi = () => setTema(leggi());
    window.addEventListener("focus", rileggi);
    document.addEventListener("visibilitychange", rileggi);
    return () => {
      window.removeEventListener("focus", rileggi);
      document.removeEventListener("visibilitychange", rileggi);
    };
  }, [leggi]);
  return tema;
}
