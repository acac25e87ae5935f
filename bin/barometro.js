#!/usr/bin/env node
"use strict";
let cli;
try {
  cli = require("../lib/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND") {
    process.stderr.write(
      "Barometro non è ancora compilato: eseguire «npm install» (o «npm run build:cli») nella cartella del progetto.\n"
    );
    process.exit(2);
  }
  throw e;
}
// Output piped into a command that stops reading («| head»): the reader is gone, not an error of ours.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`Errore inatteso: ${e && e.message ? e.message : e}\n`);
    process.exitCode = 1;
  }
);
