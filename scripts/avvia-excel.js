#!/usr/bin/env node
/* global require, process, console, __dirname */
// npm start / start:desktop / start:web: office-addin-debugging loads the add-in into Excel, with
// two cases it handles badly said first, in Italian:
// - Excel desktop exists only on Windows and macOS. Elsewhere (Linux) the tool generates development
//   certificates, runs `sudo` to install their CA in the system, then fails with "Platform not
//   supported: linux" and exit code 0. Here: a message, exit 1, nothing generated or installed.
// - The tool is an optional dependency (keytar compiles only with libsecret): without it npm would
//   only say "office-addin-debugging: not found".
//   node scripts/avvia-excel.js [desktop|web] [other office-addin-debugging options, e.g. --document URL]
const { spawnSync } = require("child_process");
const { resolve } = require("path");

const [piattaforma, ...opzioni] = process.argv.slice(2); // no platform: the tool's default, Excel desktop
const RADICE = resolve(__dirname, "..");

if (piattaforma !== "web" && process.platform !== "win32" && process.platform !== "darwin") {
  console.error(
    [
      `npm start carica il componente in Excel desktop, che esiste solo per Windows e Mac (questo sistema: ${process.platform}).`,
      "Da qui: il banco di prova senza Excel, «npm run workbench»; oppure Excel sul web,",
      "«npm run start:web -- --document URL-DI-UNA-CARTELLA-SU-ONEDRIVE-O-SHAREPOINT».",
    ].join("\n")
  );
  process.exit(1);
}

let cli;
try {
  cli = require.resolve("office-addin-debugging/cli.js");
} catch {
  console.error(
    [
      "Manca lo strumento che carica il componente in Excel (office-addin-debugging, dipendenza opzionale):",
      "si installa solo se keytar si compila, e keytar chiede libsecret. Su Debian/Ubuntu:",
      "  sudo apt-get install -y libsecret-1-dev && npm install",
    ].join("\n")
  );
  process.exit(1);
}

const esito = spawnSync(
  process.execPath,
  [cli, "start", "manifest.xml", ...(piattaforma ? [piattaforma] : []), ...opzioni],
  {
    cwd: RADICE,
    stdio: "inherit",
  }
);
process.exit(esito.status ?? 1);
