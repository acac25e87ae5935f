/**
 * Property tests of the XML patching: random sheets (numbers, shared and inline strings, rich text,
 * booleans, errors, formulas with cached values, shared formulas, existing styles, merges) and
 * random patches (values, formulas, empties, fills, number formats). After the write, reading again
 * gives the expected grid (ours and ExcelJS's reading agree), every cell not written keeps its XML,
 * and every filled cell's style carries its colour while the styles other cells use are unchanged.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import { worksheetToGrid } from "../support/griglia-exceljs";
import { a1, parseA1 } from "../../src/layout/griglia";
import { Patch } from "../../src/layout/patch";
import { SheetGrid } from "../../src/layout/griglia";
import { apriCartella } from "../../src/xlsx";
import { celleXml, liste, voci } from "./supporto";
import { foglioXml, pacchettoMinimo } from "./pacchetto-minimo";

type Forma =
  | { t: "vuota"; s: number }
  | { t: "n"; v: number; s: number }
  | { t: "s"; i: number; s: number }
  | { t: "inline"; testo: string; ricco: boolean; s: number }
  | { t: "b"; v: boolean; s: number }
  | { t: "e"; s: number }
  | { t: "f"; v: number; s: number }
  | { t: "fs"; v: string; s: number };

const STRINGHE = [
  "<si><t>Obiettivo</t></si>",
  '<si><t xml:space="preserve"> spazi </t></si>',
  "<si><r><t>Target </t></r><r><rPr><b/></rPr><t>atteso</t></r></si>",
  '<si><t>a&amp;b &lt;c&gt;</t><rPh sb="0" eb="1"><t>fonetica</t></rPh></si>',
];

const stile = fc.constantFrom(0, 1, 2, 3);
/** The number format of each cellXfs of STILI_MINIMI, as read. */
const FORMATI_STILI = [null, "0.0%", null, "0.00%"];
const testo = fc.string({
  unit: fc.constantFrom("a", "b", " ", "&", "<", "à", "€", '"', "1"),
  minLength: 1,
  maxLength: 6,
});
const forma: fc.Arbitrary<Forma> = fc.oneof(
  fc.record({ t: fc.constant("vuota" as const), s: stile }),
  fc.record({
    t: fc.constant("n" as const),
    v: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    s: stile,
  }),
  fc.record({ t: fc.constant("s" as const), i: fc.integer({ min: 0, max: STRINGHE.length - 1 }), s: stile }),
  fc.record({ t: fc.constant("inline" as const), testo, ricco: fc.boolean(), s: stile }),
  fc.record({ t: fc.constant("b" as const), v: fc.boolean(), s: stile }),
  fc.record({ t: fc.constant("e" as const), s: stile }),
  fc.record({ t: fc.constant("f" as const), v: fc.integer({ min: -100, max: 100 }), s: stile }),
  fc.record({ t: fc.constant("fs" as const), v: testo, s: stile })
);

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function cellaXml(r: number, c: number, f: Forma): string {
  const rif = `r="${a1(r, c)}"${f.s ? ` s="${f.s}"` : ""}`;
  switch (f.t) {
    case "vuota":
      return `<c ${rif}/>`;
    case "n":
      return `<c ${rif}><v>${f.v}</v></c>`;
    case "s":
      return `<c ${rif} t="s"><v>${f.i}</v></c>`;
    case "inline":
      return f.ricco
        ? `<c ${rif} t="inlineStr"><is><r><t>${esc(f.testo)}</t></r><r><rPr><i/></rPr><t xml:space="preserve"> fine</t></r></is></c>`
        : `<c ${rif} t="inlineStr"><is><t>${esc(f.testo)}</t></is></c>`;
    case "b":
      return `<c ${rif} t="b"><v>${f.v ? 1 : 0}</v></c>`;
    case "e":
      return `<c ${rif} t="e"><v>#DIV/0!</v></c>`;
    case "f":
      return `<c ${rif}><f>${a1(r, 0)}*2+1</f><v>${f.v}</v></c>`;
    case "fs":
      return `<c ${rif} t="str"><f>"x"&amp;"${esc(f.v.replace(/"/g, ""))}"</f><v>x${esc(f.v.replace(/"/g, ""))}</v></c>`;
  }
}

interface Caso {
  forme: (Forma | null)[][];
  condivisa: boolean;
  unione: boolean;
  scritture: { r: number; c: number; tipo: "n" | "s" | "f" | "vuoto"; v: number; s: string }[];
  colori: { r: number; c: number; colore: string | null }[];
  formati: { r: number; c: number; formato: string }[];
}

const RIGHE = 6;
const COLONNE = 5;
const pos = fc.record({ r: fc.integer({ min: 0, max: RIGHE + 1 }), c: fc.integer({ min: 1, max: COLONNE + 1 }) });
const caso: fc.Arbitrary<Caso> = fc.record({
  forme: fc.array(fc.array(fc.option(forma, { freq: 3 }), { minLength: COLONNE, maxLength: COLONNE }), {
    minLength: RIGHE,
    maxLength: RIGHE,
  }),
  condivisa: fc.boolean(),
  unione: fc.boolean(),
  scritture: fc.array(
    fc.record({
      r: pos.map((p) => p.r),
      c: pos.map((p) => p.c),
      tipo: fc.constantFrom("n" as const, "s" as const, "f" as const, "vuoto" as const),
      v: fc.integer({ min: -1000, max: 1000 }),
      s: testo,
    }),
    { maxLength: 8 }
  ),
  colori: fc.array(
    fc.record({
      r: pos.map((p) => p.r),
      c: pos.map((p) => p.c),
      colore: fc.constantFrom("#00B050", "#FFC000", "#C00000", null),
    }),
    { maxLength: 8 }
  ),
  formati: fc.array(
    fc.record({ r: pos.map((p) => p.r), c: pos.map((p) => p.c), formato: fc.constantFrom("0.00%", "#,##0", "0.0%") }),
    {
      maxLength: 4,
    }
  ),
});

/** The sheet's XML: column A holds numbers (the formulas read them), a shared formula in column F, maybe a merge in G1:G2. */
function costruisci(k: Caso): string {
  const righe: string[] = [];
  for (let r = 0; r < RIGHE + 2; r++) {
    const celle: string[] = [`<c r="${a1(r, 0)}"><v>${r + 1}</v></c>`];
    for (let c = 1; c <= COLONNE; c++) {
      const f = k.forme[r]?.[c - 1];
      if (f) celle.push(cellaXml(r, c, f));
    }
    if (k.condivisa && r < 4)
      celle.push(
        r === 0
          ? `<c r="G1"><f t="shared" ref="G1:G4" si="0">A1*10</f><v>10</v></c>`
          : `<c r="${a1(r, 6)}"><f t="shared" si="0"/><v>${(r + 1) * 10}</v></c>`
      );
    if (k.unione && r < 2)
      celle.push(r === 0 ? `<c r="H1" s="2" t="inlineStr"><is><t>unita</t></is></c>` : `<c r="H2" s="2"/>`);
    righe.push(`<row r="${r + 1}">${celle.join("")}</row>`);
  }
  return foglioXml(righe.join(""), k.unione ? '<mergeCells count="1"><mergeCell ref="H1:H2"/></mergeCells>' : "");
}

function patchDi(k: Caso): Patch {
  const foglio = "Dati";
  return {
    formatiNumero: k.formati.map((f) => ({ foglio, cella: a1(f.r, f.c), formato: f.formato })),
    scritture: k.scritture.map((w) =>
      w.tipo === "n"
        ? { foglio, cella: a1(w.r, w.c), valore: w.v }
        : w.tipo === "s"
          ? { foglio, cella: a1(w.r, w.c), valore: w.s }
          : w.tipo === "f"
            ? { foglio, cella: a1(w.r, w.c), valore: w.v, formula: `=A${w.r + 1}+${w.v}` }
            : { foglio, cella: a1(w.r, w.c), valore: "", formula: "" }
    ),
    colori: k.colori.map((f) => ({ foglio, cella: a1(f.r, f.c), colore: f.colore })),
  };
}

type Sparsa = Map<string, { v: unknown; f: string | null; n: string | null }>;

function sparsa(g: SheetGrid): Sparsa {
  const out: Sparsa = new Map();
  g.values.forEach((riga, r) =>
    riga.forEach((v, c) => {
      const f = g.formulas?.[r]?.[c] ?? null;
      if (v !== null || f !== null) out.set(a1(r, c), { v, f, n: g.numberFormats?.[r]?.[c] ?? null });
    })
  );
  return out;
}

/** The grid expected after the patch: the grid before, with the written cells changed (last write wins). */
function attesa(prima: Sparsa, k: Caso, formatoDi: (ind: string) => string | null): Sparsa {
  const out: Sparsa = new Map(prima);
  const p = patchDi(k);
  for (const w of p.scritture) {
    const numero = formatoDi(w.cella);
    if (w.formula === "" || w.valore === "") out.delete(w.cella);
    else out.set(w.cella, { v: w.valore, f: w.formula ?? null, n: numero });
  }
  for (const f of p.formatiNumero ?? []) {
    const x = out.get(f.cella);
    if (x) out.set(f.cella, { ...x, n: f.formato });
  }
  return out;
}

async function grigliaExcelJS(dati: Buffer): Promise<SheetGrid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(dati as unknown as ArrayBuffer);
  return worksheetToGrid(wb.worksheets[0]);
}

describe("XML patching, property-tested", () => {
  it("re-reads as expected, keeps every cell not written, gives each fill its own style", async () => {
    await fc.assert(
      fc.asyncProperty(caso, async (k) => {
        const xml = costruisci(k);
        const dati = await pacchettoMinimo([{ nome: "Dati", xml }], STRINGHE);
        const cartella = await apriCartella(dati, "prop.xlsx");
        const prima = sparsa((await cartella.leggi()).fogli[0]);
        const patch = patchDi(k);
        await cartella.scrivi(patch);
        const dopoDati = await cartella.salva();
        const dopoGriglia = (await (await apriCartella(dopoDati, "prop.xlsx")).leggi()).fogli[0];
        const dopo = sparsa(dopoGriglia);
        // The number format after: the last formatiNumero of the cell, else its format before.
        const formatoDi = (ind: string) => {
          const f = [...(patch.formatiNumero ?? [])].reverse().find((x) => x.cella === ind);
          if (f) return f.formato;
          const { row, col } = parseA1(ind);
          const st = col >= 1 && col <= COLONNE ? (k.forme[row]?.[col - 1]?.s ?? 0) : 0;
          return FORMATI_STILI[st];
        };
        const atteso = attesa(prima, k, formatoDi);
        expect(dopo).toEqual(atteso);
        // ExcelJS reads the output the same way.
        expect(sparsa(await grigliaExcelJS(dopoDati))).toEqual(dopo);

        // Cells not written, filled or formatted keep their XML (shared-formula cells whose first
        // cell was overwritten get their own formula).
        const toccate = new Set([
          ...patch.scritture.map((w) => w.cella),
          ...patch.colori.map((f) => f.cella),
          ...(patch.formatiNumero ?? []).map((f) => f.cella),
        ]);
        const masterRiscritto = patch.scritture.some((w) => w.cella === "G1");
        const v = await voci(dopoDati);
        const c0 = celleXml(xml);
        const c1 = celleXml(v.get("xl/worksheets/sheet1.xml")!.testo.toString("utf8"));
        for (const [ind, testo] of c0) {
          if (toccate.has(ind)) continue;
          if (masterRiscritto && /^G\d$/.test(ind)) {
            expect(c1.get(ind)).toMatch(/<f>A\d\*10<\/f>/);
            continue;
          }
          expect({ ind, xml: c1.get(ind) }).toEqual({ ind, xml: testo });
        }
        // Styles: the old lists are a prefix of the new ones; each filled cell's xf has its colour.
        const s0 = liste((await voci(dati)).get("xl/styles.xml")!.testo.toString("utf8"));
        const s1 = liste(v.get("xl/styles.xml")!.testo.toString("utf8"));
        for (const [lista, voci0] of s0) expect(s1.get(lista)!.slice(0, voci0.length)).toEqual(voci0);
        const ultimoColore = new Map(patch.colori.map((f) => [f.cella, f.colore]));
        for (const [ind, colore] of ultimoColore) {
          const s = Number(/\ss="(\d+)"/.exec(c1.get(ind) ?? "")?.[1] ?? 0);
          const xf = s1.get("cellXfs")![s];
          const fillId = Number(/fillId="(\d+)"/.exec(xf)?.[1] ?? 0);
          if (colore === null) expect(fillId).toBe(0);
          else expect(s1.get("fills")![fillId]).toContain(`rgb="FF${colore.slice(1)}"`);
        }
      }),
      { numRuns: 60 }
    );
  }, 120_000);

  it("writes every formula character for character, whatever digits it shares with its row's number", async () => {
    // The file side keeps a pending formula with its row's number taken out (one string for the
    // rows that write the same formula): the number must come back exactly where it was, and only there.
    const cifre = fc.string({ unit: fc.constantFrom("1", "2", "0", "9"), minLength: 1, maxLength: 4 });
    const pezzo = fc.oneof(
      cifre,
      cifre.map((n) => `$B$${n}`),
      cifre.map((n) => `A${n}`),
      fc.constantFrom("+", "*", "&", '"1 2"', "MIN(", ")", ",", "SUM(A1:A12)")
    );
    const scrittura = fc.record({
      r: fc.constantFrom(0, 1, 8, 9, 10, 11, 19, 20, 99, 100, 120),
      c: fc.integer({ min: 1, max: 3 }),
      f: fc.array(pezzo, { minLength: 1, maxLength: 8 }).map((p) => `=${p.join("")}`),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(scrittura, { minLength: 1, maxLength: 12 }), async (scritture) => {
        const dati = await pacchettoMinimo(
          [{ nome: "Dati", xml: foglioXml('<row r="1"><c r="A1"><v>1</v></c></row>', "") }],
          []
        );
        const cartella = await apriCartella(dati, "formule.xlsx");
        const patch: Patch = {
          scritture: scritture.map((w) => ({ foglio: "Dati", cella: a1(w.r, w.c), valore: 0, formula: w.f })),
          colori: [],
        };
        await cartella.scrivi(patch);
        const attese = new Map(scritture.map((w) => [a1(w.r, w.c), w.f]));
        const formule = (g: SheetGrid) =>
          new Map([...attese.keys()].map((ind) => [ind, g.formulas?.[parseA1(ind).row]?.[parseA1(ind).col] ?? null]));
        // Read before the save (the pending changes) and after it, from the file.
        expect(formule((await cartella.leggi()).fogli[0])).toEqual(attese);
        const salvato = await cartella.salva();
        expect(formule((await (await apriCartella(salvato, "formule.xlsx")).leggi()).fogli[0])).toEqual(attese);
      }),
      { numRuns: 150 }
    );
  }, 120_000);
});
