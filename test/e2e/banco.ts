/**
 * The workbench the end-to-end tests open, built ONCE for the e2e project (its globalSetup,
 * test/e2e/prepara-banco.js, builds it and names it in BAROMETRO_BANCO) and copied for each test
 * file, which may add files of its own (assets/grande.xlsx…) while another file runs. A test file
 * run alone, without the project's setup, builds its own.
 */
import { execFileSync } from "child_process";
import { cpSync, existsSync, mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "../..");

/** A production build of the workbench in `out` (webpack.workbench.config.js). */
export function costruisciBanco(out: string): void {
  execFileSync(
    "npx",
    ["webpack", "--config", "webpack.workbench.config.js", "--mode", "production", "--env", `outDir=${out}`],
    { cwd: ROOT, stdio: "pipe" }
  );
}

/** A folder of this test file's own holding the built workbench. */
export function bancoDiProva(prefisso: string): string {
  const out = mkdtempSync(join(tmpdir(), `barometro-${prefisso}-`));
  const costruito = process.env.BAROMETRO_BANCO;
  if (costruito && existsSync(join(costruito, "index.html"))) cpSync(costruito, out, { recursive: true });
  else costruisciBanco(out);
  return out;
}
