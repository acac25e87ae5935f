/**
 * Workbooks of real writers, built at test time from the bundled sample (no binaries in the
 * repository), for the tests of the lossless access (lossless.test.ts) and of the Office schemas
 * (schema-ooxml.test.ts): openpyxl (fixture_openpyxl.py), LibreOffice's own package with what its
 * API adds (fixture_libreoffice.bas, run headless in a throwaway profile), and Excel's parts plus the
 * add-in's settings on top of LibreOffice's package (parti-excel.ts, test/cli/con-componente.ts).
 */
import { execFileSync } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { conComponente } from "../cli/con-componente";
import { conPartiExcel } from "./parti-excel";
import { PYTHON } from "./supporto";

export const SAMPLE = resolve(__dirname, "../../assets/relazione-performance-2024.xlsx");
/** The line sheet's part in every workbook built here. */
export const PARTE_LINEE = "xl/worksheets/sheet1.xml";

/** Runs test/xlsx/fixture_libreoffice.bas in a throwaway LibreOffice profile under `tmp` (LibreOffice's own API). */
export function macroLibreOffice(tmp: string, sorgente: string, esterno: string, destinazione: string): void {
  const profilo = join(tmp, "profilo-lo");
  const url = (p: string) => `file://${p}`;
  execFileSync("soffice", ["--headless", `-env:UserInstallation=${url(profilo)}`, "--terminate_after_init"], {
    stdio: "pipe",
  });
  const basic = readFileSync(resolve(__dirname, "fixture_libreoffice.bas"), "utf8")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
  writeFileSync(
    join(profilo, "user/basic/Standard/Module1.xba"),
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n' +
      `<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">${basic}</script:module>`
  );
  execFileSync(
    "soffice",
    [
      "--headless",
      `-env:UserInstallation=${url(profilo)}`,
      `macro:///Standard.Module1.Prepara("${url(sorgente)}","${url(esterno)}","${url(destinazione)}")`,
    ],
    { stdio: "pipe" }
  );
}

export interface Scrittori {
  openpyxl: string;
  libreoffice: string;
  /** LibreOffice's package with Excel's parts and the add-in's settings. */
  excel: string;
}

/** Builds the three workbooks in `tmp` (openpyxl.xlsx, libreoffice.xlsx, excel.xlsx; esterno.xlsx is the external link's target). */
export async function cartelleDiScrittori(tmp: string): Promise<Scrittori> {
  execFileSync(PYTHON, [resolve(__dirname, "fixture_openpyxl.py"), SAMPLE, tmp]);
  const openpyxl = join(tmp, "openpyxl.xlsx");
  // The workbook the external link points at.
  const esterno = join(tmp, "esterno.xlsx");
  execFileSync(PYTHON, [
    "-c",
    "import sys, openpyxl\nwb = openpyxl.Workbook()\nwb.active.title = 'Foglio1'\nwb.active['A1'] = 42\nwb.save(sys.argv[1])",
    esterno,
  ]);
  // LibreOffice writes its own package from the same workbook, with what its API adds.
  const libreoffice = join(tmp, "libreoffice.xlsx");
  macroLibreOffice(tmp, openpyxl, esterno, libreoffice);
  // Then Excel's parts and the add-in (settings as the pane saves them) on top of LibreOffice's package.
  const conExcel = join(tmp, "con-parti-excel.xlsx");
  writeFileSync(conExcel, await conPartiExcel(readFileSync(libreoffice), PARTE_LINEE));
  const excel = join(tmp, "excel.xlsx");
  await conComponente(
    conExcel,
    excel,
    { "barometro.bande": { raggiunto: 80, parziale: 60, etichette: { raggiunto: "Ottimo" } } },
    { idRelazione: "rIdWe1" }
  );
  return { openpyxl, libreoffice, excel };
}
