import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";

function monta(): void {
  const contenitore = document.getElementById("container");
  if (!contenitore) return;
  createRoot(contenitore).render(
    <FluentProvider theme={webLightTheme}>
      <App />
    </FluentProvider>
  );
}

// Inside Office wait for Office.js; opened in a plain browser (no office.js) render straight away.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady(() => monta());
} else {
  monta();
}
