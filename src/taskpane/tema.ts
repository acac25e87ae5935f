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
