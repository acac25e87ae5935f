// The floor of any tool that changes cells in an .xlsx and keeps the rest: unzip (JSZip), decode every
// worksheet with Node's UTF-8 and parse it with saxes (every cell seen, its text read), put it back as
// a new value (JSZip compresses it again, as a real change would; the other parts keep their
// compressed bytes), zip (DEFLATE, level 6) and write the file. Nothing else: no model, no patch.
// Plain JavaScript, so that its process, timed from spawn to exit like the command line's, pays only
// Node's start-up and loading JSZip and saxes.
//
//   node scripts/bench/pavimento.js FILE.xlsx OUT.xlsx
//
// Prints one JSON line: {ms, fasi: {lettura, unzip, sax, zip, scrittura}, celle, byteUscita} (ms in
// process, after the modules are loaded). The bench runs it beside the command line (part "cli") and
// beside the lossless access in process (part "senzaperdite", senza-perdite.ts).
/* global require, process, Buffer, performance */
"use strict";
const { readFileSync, writeFileSync } = require("fs");
const JSZip = require("jszip");
const { SaxesParser } = require("saxes");

const FOGLIO = /^xl\/worksheets\/[^/]+\.xml$/;

/** The floor's work on the bytes of an .xlsx: {out, fasi, celle}. */
async function pavimento(dati) {
  const fasi = {};
  let t = performance.now();
  const zip = await JSZip.loadAsync(dati);
  fasi.unzip = performance.now() - t;
  t = performance.now();
  let celle = 0;
  for (const nome of Object.keys(zip.files).filter((n) => FOGLIO.test(n))) {
    // Decoded and encoded with Node's UTF-8 (as src/xlsx does), not JSZip's JavaScript one.
    const xml = (await zip.file(nome).async("nodebuffer")).toString("utf8");
    const parser = new SaxesParser({ position: true });
    let testo = "";
    parser.on("opentag", (tag) => {
      if (tag.name === "c") celle++;
    });
    parser.on("text", (x) => (testo = x));
    parser.write(xml).close();
    void testo;
    zip.file(nome, Buffer.from(xml, "utf8"), { binary: true });
  }
  fasi.sax = performance.now() - t;
  t = performance.now();
  const out = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  fasi.zip = performance.now() - t;
  return { out, fasi, celle };
}

async function main() {
  const [file, uscita] = process.argv.slice(2);
  if (!file || !uscita) throw new Error("Uso: node pavimento.js FILE.xlsx OUT.xlsx");
  const inizio = performance.now();
  let t = inizio;
  const dati = readFileSync(file);
  const lettura = performance.now() - t;
  const { out, fasi, celle } = await pavimento(dati);
  t = performance.now();
  writeFileSync(uscita, out);
  const scrittura = performance.now() - t;
  const ms = performance.now() - inizio;
  process.stdout.write(
    JSON.stringify({ ms, fasi: { lettura, ...fasi, scrittura }, celle, byteUscita: out.length }) + "\n"
  );
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exitCode = 1;
});
