// ExcelJS alone on the same file the command line reads: readFile, then writeFile, nothing else.
// The benchmark times this process from spawn to exit, exactly as it times the command line,
// so both include Node's start-up and loading their modules. Prints {"letturaMs","scritturaMs"}.
/* global require, process */
"use strict";
const { Workbook } = require("exceljs");

async function main() {
  const [ingresso, uscita] = process.argv.slice(2);
  const t0 = process.hrtime.bigint();
  const wb = new Workbook();
  await wb.xlsx.readFile(ingresso);
  const t1 = process.hrtime.bigint();
  await wb.xlsx.writeFile(uscita);
  const t2 = process.hrtime.bigint();
  process.stdout.write(JSON.stringify({ letturaMs: Number(t1 - t0) / 1e6, scritturaMs: Number(t2 - t1) / 1e6 }) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exitCode = 1;
});
