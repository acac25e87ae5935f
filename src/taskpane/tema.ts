import { useEffect, useState } from "react";
import { Theme, webDarkTheme, webLightTheme } from "@fluentui/react-components";

/** What the pane needs of Office.context.officeTheme (every field may be missing on older hosts). */
export interface TemaOffice {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

/** Relative luminance (0 black – 1 white) of "#RRGGBB" or "RRGGBB"; null when it is not such a colour. */
export function luminanza(colore: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec((colore ?? "").trim());
  if (!m) return null;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
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
