/**
 * `npm run validate` (scripts/valida-manifest.js): local checks first, then Microsoft's online
 * service. Here the service's host does not resolve (test/manifest/senza-rete.js, preloaded), as on
 * a machine without internet: the command must say so in Italian and exit 3, not crash nor pass.
 */
import { spawnSync } from "child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

jest.setTimeout(120_000);

const RADICE = resolve(__dirname, "../..");
let cartella: string;
beforeEach(() => {
  cartella = mkdtempSync(join(tmpdir(), "barometro-valida-"));
});
afterEach(() => rmSync(cartella, { recursive: true, force: true }));

/** `npm run validate -- <manifest>` with no route to Microsoft's service. */
function valida(manifest: string) {
  const tentativi = join(cartella, "tentativi.log");
  const esito = spawnSync("npm", ["run", "--silent", "validate", "--", manifest], {
    cwd: RADICE,
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_OPTIONS: `--require ${join(__dirname, "senza-rete.js")}`,
      BAROMETRO_TEST_TENTATIVI: tentativi,
    },
  });
  return {
    codice: esito.status,
    uscita: `${esito.stdout}${esito.stderr}`,
    tentativi: existsSync(tentativi) ? readFileSync(tentativi, "utf8").trim().split("\n") : [],
  };
}

describe("npm run validate", () => {
  it("without internet: local checks, then says Microsoft's service cannot be reached, exit 3", () => {
    const manifest = join(cartella, "manifest.xml");
    copyFileSync(join(RADICE, "manifest.xml"), manifest);
    const r = valida(manifest);
    expect(r.uscita).toContain("è XML ben formato");
    expect(r.uscita).toContain(
      "Il servizio di validazione di Microsoft non è raggiungibile (serve la connessione a internet): getaddrinfo ENOTFOUND validationgateway.omex.office.net."
    );
    expect(r.uscita).toContain("il manifest NON è stato validato da Microsoft");
    expect(r.uscita).not.toMatch(/Cannot find module|Unable to contact/);
    expect(r.tentativi).toEqual(["validationgateway.omex.office.net"]);
    expect(r.codice).toBe(3);
  });

  it("a manifest that is not well-formed XML: exit 1 at the local check, no call to the service", () => {
    const manifest = join(cartella, "manifest.xml");
    writeFileSync(manifest, readFileSync(join(RADICE, "manifest.xml"), "utf8").replace("</OfficeApp>", ""));
    const r = valida(manifest);
    expect(r.uscita).toContain("non è XML ben formato");
    expect(r.tentativi).toEqual([]);
    expect(r.codice).toBe(1);
  });
});
