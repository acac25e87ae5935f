/* global require, module, process */
/**
 * globalSetup and globalTeardown of every jest run (jest.config.js): one folder for everything the
 * run writes under os.tmpdir() — the test files' own temporary folders, LibreOffice's files,
 * Chromium's profiles, the workbench built for the e2e tests —, given to the workers as TMPDIR
 * (os.tmpdir() reads it at each call) and removed at the end: a run leaves nothing in /tmp.
 */
const { mkdtempSync, rmSync } = require("fs");
const { tmpdir } = require("os");
const { join } = require("path");

async function prepara() {
  if (process.env.BAROMETRO_TMP) return;
  const cartella = mkdtempSync(join(tmpdir(), "barometro-test-"));
  process.env.BAROMETRO_TMP = cartella;
  process.env.TMPDIR = cartella;
}

async function togli() {
  if (process.env.BAROMETRO_TMP) rmSync(process.env.BAROMETRO_TMP, { recursive: true, force: true });
}

module.exports = prepara;
module.exports.togli = togli;
