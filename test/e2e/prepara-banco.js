/* global require, module, process, __dirname */
/**
 * globalSetup of the e2e project (jest.config.js): the workbench built once for every end-to-end
 * test file (test/e2e/banco.ts copies it), instead of one production build per file.
 */
const { execFileSync } = require("child_process");
const { mkdtempSync } = require("fs");
const { tmpdir } = require("os");
const { join, resolve } = require("path");

module.exports = async function preparaBanco() {
  if (process.env.BAROMETRO_BANCO) return;
  // The run's temporary folder first (jest runs a project's globalSetup before the root one): the
  // build goes inside it and is removed with it at the end of the run.
  await require("../temporanei")();
  const out = mkdtempSync(join(tmpdir(), "barometro-banco-"));
  execFileSync(
    "npx",
    ["webpack", "--config", "webpack.workbench.config.js", "--mode", "production", "--env", `outDir=${out}`],
    { cwd: resolve(__dirname, "../.."), stdio: "pipe" }
  );
  process.env.BAROMETRO_BANCO = out;
};
