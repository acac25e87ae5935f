/** The command line over several files, or a folder of them: batch work for the office. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { CAMPIONE } from "../support/campione";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { main } from "../../src/cli/main";
import { fileDaElaborare } from "../../src/cli/piu-file";
import * as cartellaDiLavoro from "../../src/cli/elabora";

const tmp = mkdtempSync(join(tmpdir(), "barometro-piu-file-"));
let n = 0;

async function esegui(...argomenti: string[]) {
  const righe = { out: [] as string[], err: [] as string[] };
  const codice = await main(argomenti, { out: (t) => righe.out.push(t), err: (t) => righe.err.push(t) });
  return { codice, out: righe.out.join("\n"), err: righe.err.join("\n") };
}

/** A folder with two copies of the sample, a damaged .xlsx, Excel's lock file, old outputs and a text file. */
function cartella(): string {
  const dir = join(tmp, `cartella-${n++}`);
  mkdirSync(dir);
  copyFileSync(CAMPIONE, join(dir, "Settore B.xlsx"));
  copyFileSync(CAMPIONE, join(dir, "Settore A.xlsx"));
  writeFileSync(join(dir, "rotto.xlsx"), "non è uno zip");
  copyFileSync(CAMPIONE, join(dir, "~$Settore A.xlsx"));
  copyFileSync(CAMPIONE, join(dir, "Settore A.ricalcolato.xlsx"));
  copyFileSync(CAMPIONE, join(dir, "Settore A.dossier.xlsx"));
  writeFileSync(join(dir, "note.txt"), "appunti");
  return dir;
}

describe("several files", () => {
  it("a folder stands for its .xlsx files, in name order as Explorer shows them, without lock files and Barometro's outputs", () => {
    const dir = cartella();
    expect(fileDaElaborare([dir])).toEqual(["rotto.xlsx", "Settore A.xlsx", "Settore B.xlsx"].map((f) => join(dir, f)));
    // A file named twice is processed once; a missing one is kept (its message comes when processed).
    expect(fileDaElaborare([join(dir, "Settore A.xlsx"), dir, "manca.xlsx"])).toEqual([
      join(dir, "Settore A.xlsx"),
      join(dir, "rotto.xlsx"),
      join(dir, "Settore B.xlsx"),
      resolve("manca.xlsx"),
    ]);
  });

  it("ricalcola on a folder: each file written next to itself, a damaged one reported, the others done, exit 2", async () => {
    const dir = cartella();
    const r = await esegui("ricalcola", dir);
    expect(r.codice).toBe(2);
    expect(existsSync(join(dir, "Settore A.ricalcolato.xlsx"))).toBe(true);
    expect(existsSync(join(dir, "Settore B.ricalcolato.xlsx"))).toBe(true);
    expect(existsSync(join(dir, "rotto.ricalcolato.xlsx"))).toBe(false);
    expect(r.err).toContain(`Impossibile leggere «${join(dir, "rotto.xlsx")}»`);
    expect(r.out.match(/^Scritto .*\.ricalcolato\.xlsx/gm)).toHaveLength(2);
    expect(r.out).toMatch(/Elaborati 2 file su 3\. Non elaborati: .*rotto\.xlsx\.$/);
    expect(r.out).not.toContain("~$");
  });

  it("verifica on two files: both summaries, exit 0; --json: one document, the list of each file's", async () => {
    const dir = cartella();
    const [a, b] = ["Settore A.xlsx", "Settore B.xlsx"].map((f) => join(dir, f));
    const testo = await esegui("verifica", a, b);
    expect(testo.codice).toBe(0);
    expect(testo.out.match(/^Barometro — Settore [AB]\.xlsx$/gm)).toEqual([
      "Barometro — Settore A.xlsx",
      "Barometro — Settore B.xlsx",
    ]);
    expect(testo.out).toMatch(/Elaborati 2 file su 2\.$/);

    const json = await esegui("verifica", a, join(dir, "rotto.xlsx"), "--json");
    expect(json.codice).toBe(2);
    const documenti = JSON.parse(json.out) as { file: string; linee?: unknown[]; errore?: string }[];
    expect(documenti.map((d) => d.file)).toEqual([a, join(dir, "rotto.xlsx")]);
    expect(documenti[0].linee).toHaveLength(10);
    expect(documenti[1].errore).toContain("non è una cartella di lavoro .xlsx valida");
  });

  it("a failure nobody foresaw stops only its file: the others are done, exit 1", async () => {
    const dir = cartella();
    const originale = cartellaDiLavoro.elabora;
    const spia = jest
      .spyOn(cartellaDiLavoro, "elabora")
      .mockImplementation((file) =>
        file.endsWith("Settore A.xlsx") ? Promise.reject(new TypeError("boom")) : originale(file)
      );
    try {
      const r = await esegui("verifica", join(dir, "Settore A.xlsx"), join(dir, "Settore B.xlsx"));
      expect(r.codice).toBe(1);
      expect(r.err).toBe(`Errore inatteso con «${join(dir, "Settore A.xlsx")}»: boom`);
      expect(r.out).toContain("Barometro — Settore B.xlsx");
      expect(r.out).toMatch(/Elaborati 1 file su 2\./);
    } finally {
      spia.mockRestore();
    }
  });

  it("--out goes with one file only, --pdf with several is a folder; an empty folder is said so", async () => {
    const dir = cartella();
    const due = [join(dir, "Settore A.xlsx"), join(dir, "Settore B.xlsx")];
    const out = await esegui("ricalcola", ...due, "--out", join(tmp, "x.xlsx"));
    expect(out.codice).toBe(2);
    expect(out.err).toContain("--out vale con un solo file");
    expect((await esegui("stampa", ...due, "--pdf", join(tmp, "x.pdf"))).err).toContain(
      "con più file --pdf vuole una cartella"
    );
    const vuota = join(tmp, "vuota");
    mkdirSync(vuota);
    const r = await esegui("verifica", vuota);
    expect(r.codice).toBe(2);
    expect(r.err).toBe(`Nessun file .xlsx nella cartella «${vuota}».`);
  });
});
