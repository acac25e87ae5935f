#!/usr/bin/env node
/* global require, process, console, __dirname */
// npm run validate [-- altro/manifest.xml]: the manifest checked offline first (well-formed XML; for
// the project's own manifest.xml also its tests, test/manifest/manifest.test.ts: every resid
// resolved, shared runtime, PERF namespace, icons at their declared sizes), then by Microsoft's online
// validation service (office-addin-manifest validate, which needs the network).
// Exit codes: 0 valid; 1 not valid (a local check or Microsoft's service says so); 2 the online
// tool itself failed (e.g. a module missing); 3 Microsoft's
// service could not be reached or did not answer: the local checks passed, the online validation
// was NOT done (not a pass).
const { spawnSync } = require("child_process");
const { existsSync, readFileSync } = require("fs");
const { relative, resolve } = require("path");
const { DOMParser } = require("@xmldom/xmldom");

const RADICE = resolve(__dirname, "..");
const NON_RAGGIUNTO = 3;

const manifest = resolve(process.argv[2] ?? resolve(RADICE, "manifest.xml"));
const nome = relative(process.cwd(), manifest) || manifest;

function esci(codice, messaggio) {
  (codice === 0 ? console.log : console.error)(messaggio);
  process.exit(codice);
}

if (!existsSync(manifest)) esci(1, `Manifest non trovato: ${nome}`);

// 1. Well-formed XML (xmldom reports mismatched or unclosed tags only as warnings: every report counts).
const problemi = [];
const doc = new DOMParser({
  errorHandler: (livello, messaggio) => problemi.push(`${livello}: ${String(messaggio).trim()}`),
}).parseFromString(readFileSync(manifest, "utf8"), "text/xml");
if (!doc.documentElement) problemi.push("nessun elemento radice");
if (problemi.length > 0) esci(1, `${nome} non è XML ben formato:\n${problemi.join("\n")}`);
console.log(`Controllo locale: ${nome} è XML ben formato.`);

// 2. The project's own manifest tests (they read the project's manifest.xml, not another file).
if (manifest === resolve(RADICE, "manifest.xml")) {
  console.log("Controllo locale: test del manifest (test/manifest/manifest.test.ts)…");
  const test = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "test/manifest/manifest.test.ts"], {
    cwd: RADICE,
    stdio: "inherit",
  });
  if (test.status !== 0) esci(1, "Il manifest non supera i test locali (sopra i dettagli).");
}

// 3. Microsoft's validation service.
console.log("Validazione online con il servizio di Microsoft…");
const online = spawnSync(
  process.execPath,
  [require.resolve("office-addin-manifest/cli.js"), "validate", manifest],
  // node-fetch has no timeout of its own: a network that drops packets would hang here for ever.
  { cwd: RADICE, encoding: "utf8", timeout: 120_000, killSignal: "SIGKILL" }
);
const uscita = `${online.stdout ?? ""}${online.stderr ?? ""}`;
const scaduto = online.error?.code === "ETIMEDOUT" || online.signal === "SIGKILL";
if (scaduto || /Unable to contact the manifest validation service/.test(uscita)) {
  const causa = scaduto ? "nessuna risposta in 120 secondi" : uscita.match(/reason: (.*)/)?.[1]?.trim();
  esci(
    NON_RAGGIUNTO,
    [
      "Il servizio di validazione di Microsoft non è raggiungibile (serve la connessione a internet)" +
        (causa ? `: ${causa}` : "") +
        ".",
      "I controlli locali sono riusciti, ma il manifest NON è stato validato da Microsoft:",
      "rilanciare «npm run validate» da una macchina connessa prima di distribuirlo.",
    ].join("\n")
  );
}
process.stdout.write(online.stdout ?? "");
process.stderr.write(online.stderr ?? "");
const risposta = uscita.match(/Unable to validate the manifest\.\s*\n(\d+)/);
if (risposta) {
  esci(
    NON_RAGGIUNTO,
    `Il servizio di validazione di Microsoft ha risposto con un errore (HTTP ${risposta[1]}): il manifest NON è stato validato. Riprovare più tardi.`
  );
}
if (online.status === 0 && /The manifest is valid\./.test(uscita)) {
  esci(0, "Il manifest è valido secondo il servizio di Microsoft.");
}
if (/The manifest is not valid\./.test(uscita)) {
  esci(1, "Il manifest NON è valido secondo il servizio di Microsoft (sopra i dettagli, in inglese).");
}
esci(2, "La validazione online non è riuscita: lo strumento office-addin-manifest si è fermato (sopra i dettagli).");
