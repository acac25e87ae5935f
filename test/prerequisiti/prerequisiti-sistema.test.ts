/**
 * scripts/prerequisiti-sistema.sh, the system packages `npm test` (its pretest script) and .ci/run
 * check first. It runs here with a PATH holding only stubs (dpkg-query, apt-get, sudo, id...) that
 * record their calls: nothing is installed or removed on this machine.
 */
import { spawnSync } from "child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const RADICE = resolve(__dirname, "../..");
const SCRIPT = join(RADICE, "scripts/prerequisiti-sistema.sh");
const BASH = "/bin/bash";

interface Macchina {
  /** Debian packages dpkg-query reports as installed; undefined: no dpkg/apt-get at all. */
  installati?: string[];
  root?: boolean;
  /** "senza-password": sudo -n works; "con-password": sudo exists but asks; undefined: no sudo. */
  sudo?: "senza-password" | "con-password";
  /** Other commands on PATH (soffice, pdftotext...). */
  comandi?: string[];
  env?: Record<string, string>;
  argomenti?: string[];
}

let cartelle: string[] = [];
afterEach(() => {
  for (const c of cartelle) rmSync(c, { recursive: true, force: true });
  cartelle = [];
});

function stub(bin: string, nome: string, corpo: string): void {
  writeFileSync(join(bin, nome), `#!${BASH}\n${corpo}\n`);
  chmodSync(join(bin, nome), 0o755);
}

/** Runs the script on a machine made of stubs; `chiamate` lists every stubbed command run. */
function esegui(m: Macchina) {
  const dir = mkdtempSync(join(tmpdir(), "barometro-prerequisiti-"));
  cartelle.push(dir);
  const bin = join(dir, "bin");
  const registro = join(dir, "chiamate.log");
  mkdirSync(bin);
  const registra = `echo "\${0##*/} $*" >> ${registro}`;
  stub(bin, "id", `${registra}\n[ "$1" = -u ] && echo ${m.root ? 0 : 1000}`);
  if (m.installati) {
    const installati = m.installati.join(" ");
    stub(
      bin,
      "dpkg-query",
      `${registra}\nfor p in ${installati}; do [ "$p" = "\${@: -1}" ] && { printf 'ii '; exit 0; }; done\n` +
        `echo "dpkg-query: no packages found matching \${@: -1}" >&2; exit 1`
    );
    stub(bin, "apt-get", `${registra}\nexit 0`);
  }
  if (m.sudo) {
    stub(
      bin,
      "sudo",
      `${registra}\n` +
        (m.sudo === "senza-password"
          ? `[ "$1" = -n ] && shift; "$@"`
          : `[ "$1" = -n ] && { echo "sudo: a password is required" >&2; exit 1; }; echo "password:" >&2; exit 1`)
    );
    // sudo runs `env VAR=… apt-get …`: a minimal env on the stub PATH.
    stub(bin, "env", `while [[ "$1" == *=* ]]; do export "$1"; shift; done; exec "$@"`);
  }
  for (const c of m.comandi ?? []) stub(bin, c, `${registra}\nexit 0`);
  const esito = spawnSync(BASH, [SCRIPT, ...(m.argomenti ?? [])], {
    env: { PATH: bin, ...m.env },
    encoding: "utf8",
    timeout: 20_000,
  });
  const chiamate = existsSync(registro) ? readFileSync(registro, "utf8").trim().split("\n") : [];
  return { codice: esito.status, stdout: esito.stdout, stderr: esito.stderr, chiamate };
}

const TUTTI = ["chromium", "libreoffice-calc", "poppler-utils", "python3-openpyxl"];

describe("scripts/prerequisiti-sistema.sh", () => {
  it("everything installed: exit 0, no apt call, no sudo", () => {
    const r = esegui({ installati: TUTTI, sudo: "senza-password" });
    expect(r.codice).toBe(0);
    expect(r.chiamate.filter((c) => /^(apt-get|sudo)/.test(c))).toEqual([]);
    expect(r.chiamate.filter((c) => c.startsWith("dpkg-query"))).toHaveLength(TUTTI.length);
  });

  it("a package missing, not root, no passwordless sudo: stops at once with the one command to type", () => {
    for (const sudo of [undefined, "con-password"] as const) {
      const r = esegui({ installati: ["chromium", "python3-openpyxl"], sudo });
      expect(r.codice).toBe(1);
      expect(r.stderr).toContain("sudo apt-get install -y libreoffice-calc poppler-utils\n");
      expect(r.stderr).toContain("Mancano i pacchetti di sistema che servono ai test: libreoffice-calc poppler-utils.");
      // Nothing installed, and sudo only asked whether it needs a password (never prompts).
      expect(r.chiamate.filter((c) => c.startsWith("apt-get"))).toEqual([]);
      expect(r.chiamate.filter((c) => c.startsWith("sudo"))).toEqual(sudo ? ["sudo -n true"] : []);
    }
  });

  it("as root: apt-get update, then apt-get install of the missing packages only", () => {
    const r = esegui({ installati: ["poppler-utils", "python3-openpyxl"], root: true });
    expect(r.codice).toBe(0);
    expect(r.chiamate.filter((c) => c.startsWith("apt-get"))).toEqual([
      "apt-get update -qq",
      "apt-get install -y -qq --no-install-recommends chromium libreoffice-calc",
    ]);
    expect(r.stdout).toContain("Installo i pacchetti di sistema che mancano ai test: chromium libreoffice-calc");
  });

  it("with passwordless sudo: installs through sudo", () => {
    const r = esegui({ installati: ["chromium", "libreoffice-calc", "python3-openpyxl"], sudo: "senza-password" });
    expect(r.codice).toBe(0);
    expect(r.chiamate).toEqual(
      expect.arrayContaining([
        "sudo -n true",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils",
        "apt-get install -y -qq --no-install-recommends poppler-utils",
      ])
    );
  });

  it("CHROMIUM_PATH and BAROMETRO_SOFFICE naming existing executables count as installed", () => {
    const dir = mkdtempSync(join(tmpdir(), "barometro-eseguibili-"));
    cartelle.push(dir);
    for (const f of ["chrome", "soffice"]) {
      writeFileSync(join(dir, f), "#!/bin/sh\n");
      chmodSync(join(dir, f), 0o755);
    }
    const env = { CHROMIUM_PATH: join(dir, "chrome"), BAROMETRO_SOFFICE: join(dir, "soffice") };
    const r = esegui({ installati: ["poppler-utils", "python3-openpyxl"], env });
    expect(r.codice).toBe(0);
    expect(r.chiamate.filter((c) => c.startsWith("apt-get"))).toEqual([]);
    // A path that does not exist does not count.
    const assente = esegui({
      installati: ["poppler-utils", "python3-openpyxl"],
      env: { ...env, CHROMIUM_PATH: join(dir, "nessuno") },
    });
    expect(assente.codice).toBe(1);
    expect(assente.stderr).toContain("sudo apt-get install -y chromium\n");
  });

  it("--con-libsecret (.ci/run, before npm ci) adds libsecret-1-dev", () => {
    const r = esegui({ installati: TUTTI, argomenti: ["--con-libsecret"] });
    expect(r.codice).toBe(1);
    expect(r.stderr).toContain("sudo apt-get install -y libsecret-1-dev\n");
  });

  it("not Debian (no dpkg/apt-get): says so and names what to install", () => {
    const r = esegui({ comandi: ["pdftotext", "pdftoppm"], env: { CHROMIUM_PATH: "/nessun/chromium" } });
    expect(r.codice).toBe(1);
    expect(r.stderr).toContain("non ha dpkg/apt-get (non è Debian/Ubuntu)");
    expect(r.stderr).toContain("Chromium (o il suo percorso in CHROMIUM_PATH)");
    expect(r.stderr).toContain("LibreOffice Calc");
    expect(r.stderr).not.toContain("poppler");
    // With the programs there, it passes.
    const dir = mkdtempSync(join(tmpdir(), "barometro-eseguibili-"));
    cartelle.push(dir);
    writeFileSync(join(dir, "chrome"), "#!/bin/sh\n");
    chmodSync(join(dir, "chrome"), 0o755);
    const ok = esegui({ comandi: ["pdftotext", "pdftoppm", "soffice"], env: { CHROMIUM_PATH: join(dir, "chrome") } });
    expect(ok.codice).toBe(0);
  });

  it("is what `npm test` runs first and what .ci/run runs before npm ci", () => {
    const pacchetto = JSON.parse(readFileSync(join(RADICE, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pacchetto.scripts.pretest).toBe("bash scripts/prerequisiti-sistema.sh");
    const ci = readFileSync(join(RADICE, ".ci/run"), "utf8");
    expect(ci).toMatch(/scripts\/prerequisiti-sistema\.sh --con-libsecret\n[\s\S]*npm ci/);
    expect(ci).not.toContain("apt-get");
  });
});
