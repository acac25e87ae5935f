#!/usr/bin/env node
// npm run demo: recalculates the bundled sample, then prints the annex (.xlsx and, with LibreOffice, PDF).
/* global require, __dirname, process, console */
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const { join } = require("path");

const root = join(__dirname, "..");
const barometro = (args) =>
  spawnSync(process.execPath, [join(root, "bin/barometro.js"), ...args], { stdio: "inherit" }).status;
const campione = join(root, "assets/relazione-performance-2024");

let code = barometro(["ricalcola"]);
if (code !== 0) process.exit(code);

let libreoffice = true;
try {
  execFileSync("sh", ["-c", "command -v soffice || command -v libreoffice"], { stdio: "ignore" });
} catch {
  libreoffice = false;
}
console.log("");
const stampa = ["stampa", `${campione}.ricalcolato.xlsx`, "--out", `${campione}.allegato.xlsx`];
code = barometro(libreoffice ? [...stampa, "--pdf", `${campione}.allegato.pdf`] : stampa);
if (!libreoffice)
  console.log("(PDF non creato: LibreOffice non è installato — Debian/Ubuntu: sudo apt-get install libreoffice-calc)");
process.exit(code);
