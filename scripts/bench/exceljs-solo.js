// ExcelJS alone on the same file the command line reads: readFile, then writeFile, nothing else.
// The benchmark times this process from spawn to exit, exactly as it times the command line,
// so both include Node's start-up and loading ExcelJS. Prints {"letturaMs","scritturaMs"}.
// With --classe, ExcelJS's Workbook class is required from its own module, as the command line
// does (src/cli/cartella-exceljs.ts): the same ExcelJS work, so the difference is only Barometro's.
"use strict";
const classe = process.argv.includes("--classe");
const Workbook = classe ? require("exceljs/lib/doc/workbook") : require("exceljs").Workbook;

async function main() {
  const [ingresso, uscita] = process.argv.slice(2).filter((a) => a !== "--classe");
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
