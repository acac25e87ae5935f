import { existsSync } from "fs";
import { Browser, chromium } from "playwright-core";

/** Debian's Chromium (apt-get install -y chromium): never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless Chromium as the browser tests and the bench run it; an Italian message when it is missing. */
export async function avviaChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium non trovato in ${CHROMIUM}: installarlo con «apt-get install -y chromium» (o impostare CHROMIUM_PATH).`
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
