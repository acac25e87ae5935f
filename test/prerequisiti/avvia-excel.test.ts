/**
 * `npm start` (scripts/avvia-excel.js) on a system without Excel desktop (Linux): an Italian message
 * and exit 1 before office-addin-debugging generates development certificates and runs sudo to
 * install their CA, only to fail with "Platform not supported: linux" and exit code 0.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

jest.setTimeout(120_000);

const RADICE = resolve(__dirname, "../..");

describe("npm start", () => {
  it.each(["start", "start:desktop"])(
    "npm run %s on Linux: says Excel desktop is not there, exit 1, nothing generated",
    (script) => {
      const casa = mkdtempSync(join(tmpdir(), "barometro-casa-"));
      try {
        const esito = spawnSync("npm", ["run", "--silent", script], {
          cwd: RADICE,
          encoding: "utf8",
          timeout: 60_000,
          env: {
            ...process.env,
            HOME: casa,
            NODE_OPTIONS: `--require ${join(__dirname, "piattaforma.js")}`,
            BAROMETRO_TEST_PIATTAFORMA: "linux",
          },
        });
        expect(esito.stderr).toContain(
          "npm start carica il componente in Excel desktop, che esiste solo per Windows e Mac (questo sistema: linux)."
        );
        expect(esito.stderr).toContain("npm run workbench");
        expect(esito.status).toBe(1);
        expect(existsSync(join(casa, ".office-addin-dev-certs"))).toBe(false);
      } finally {
        rmSync(casa, { recursive: true, force: true });
      }
    }
  );
});
