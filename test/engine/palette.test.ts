/**
 * The default Barometro palette must survive a black-and-white printout and colour-blind readers
 * (issue #7). The measures, from src/engine/visione-colori.ts:
 *
 * - colour difference ΔE*ab (CIE76) ≥ 20 and ΔE00 (CIEDE2000) ≥ 10 between any two fills (the
 *   three bands and neutralised), for normal vision and simulated protanopia, deuteranopia and
 *   tritanopia (Machado et al. 2009, severity 1.0: complete dichromacy, the worst case). A just
 *   noticeable difference is about 2.3 ΔE*ab (Sharma & Trussell 1997) or 1 ΔE00; the fills are
 *   small areas side by side with other colours (small fields are harder to tell apart, Carter &
 *   Silverstein 2010), and must be named, not just told apart: we ask for about ten times that;
 * - lightness L* at least 10 apart between any two fills: a tenth of the black-to-white range, a
 *   clear step of grey on an office laser print (L* is perceptually uniform, unlike luminance);
 *   darker is worse, neutralised lightest;
 * - black text (the label written in the cell) with a WCAG 2.x contrast ≥ 4.5 on every fill
 *   (success criterion 1.4.3, normal text).
 *
 * Excel's traffic light, the previous default, fails the first two: that is why it changed.
 */
import { BANDE_PREDEFINITE, Bande } from "../../src/engine/fasce";
import {
  contrasto,
  deltaE2000,
  distanza,
  lab,
  lightness,
  linearRgb,
  luminanza,
  simula,
  VISIONI,
} from "../../src/engine/visione-colori";

const MIN_DELTA_E76 = 20;
const MIN_DELTA_E2000 = 10;
const MIN_DELTA_L = 10;
const MIN_CONTRASTO_TESTO = 4.5;

const colori = (b: Bande): [string, string][] => [
  ...b.fasce.map((f): [string, string] => [f.id, f.colore]),
  ["neutralizzato", b.neutralizzato.colore],
];

const coppie = <T>(xs: T[]): [T, T][] => xs.flatMap((x, i) => xs.slice(i + 1).map((y): [T, T] => [x, y]));

/** Every failure of the palette against the three criteria, as readable lines; [] when it passes. */
function difetti(b: Bande): string[] {
  const fuori: string[] = [];
  for (const [[a, ca], [z, cz]] of coppie(colori(b))) {
    for (const v of VISIONI) {
      const d = distanza(ca, cz, v);
      if (d.deltaE76 < MIN_DELTA_E76) fuori.push(`${a}–${z}, ${v}: ΔE76 ${d.deltaE76.toFixed(1)}`);
      if (d.deltaE2000 < MIN_DELTA_E2000) fuori.push(`${a}–${z}, ${v}: ΔE00 ${d.deltaE2000.toFixed(1)}`);
    }
    const dl = Math.abs(lightness(luminanza(ca) as number) - lightness(luminanza(cz) as number));
    if (dl < MIN_DELTA_L) fuori.push(`${a}–${z}: ΔL* in grigio ${dl.toFixed(1)}`);
  }
  for (const [id, c] of colori(b)) {
    const k = contrasto(c, "#000000");
    if (k < MIN_CONTRASTO_TESTO) fuori.push(`${id}: contrasto del testo nero ${k.toFixed(2)}`);
  }
  return fuori;
}

describe("the default palette", () => {
  it("passes: distinct for normal, protan, deutan and tritan vision, in grey, and legible with black text", () => {
    expect(difetti(BANDE_PREDEFINITE)).toEqual([]);
  });

  it("prints darker the worse the band, neutralised lightest", () => {
    const l = (c: string) => lightness(luminanza(c) as number);
    const [raggiunto, parziale, nonRaggiunto] = BANDE_PREDEFINITE.fasce.map((f) => l(f.colore));
    expect(l(BANDE_PREDEFINITE.neutralizzato.colore)).toBeGreaterThan(raggiunto);
    expect(raggiunto).toBeGreaterThan(parziale);
    expect(parziale).toBeGreaterThan(nonRaggiunto);
  });

  it("the measured margins (the numbers quoted in fasce.ts)", () => {
    const tutte = coppie(colori(BANDE_PREDEFINITE)).flatMap(([[, a], [, z]]) => VISIONI.map((v) => distanza(a, z, v)));
    expect(Math.min(...tutte.map((d) => d.deltaE76))).toBeGreaterThan(25);
    expect(Math.min(...tutte.map((d) => d.deltaE2000))).toBeGreaterThan(11);
    const contrasti = colori(BANDE_PREDEFINITE).map(([, c]) => contrasto(c, "#000000"));
    expect(Math.min(...contrasti)).toBeGreaterThan(5.2);
    const luci = colori(BANDE_PREDEFINITE).map(([, c]) => lightness(luminanza(c) as number));
    expect(Math.min(...coppie(luci).map(([a, z]) => Math.abs(a - z)))).toBeGreaterThanOrEqual(12);
  });

  it("Excel's traffic light, the old default, fails: green and red merge for a deuteranope, greys too close", () => {
    const semaforo: Bande = {
      fasce: [
        { id: "raggiunto", etichetta: "Raggiunto", soglia: 90, colore: "#63BE7B" },
        { id: "parziale", etichetta: "Parzialmente raggiunto", soglia: 70, colore: "#FFEB84" },
        { id: "non_raggiunto", etichetta: "Non raggiunto", soglia: 0, colore: "#F8696B" },
      ],
      neutralizzato: { etichetta: "Neutralizzato", colore: "#BFBFBF" },
    };
    const fuori = difetti(semaforo);
    expect(fuori).toContain("raggiunto–non_raggiunto, deuteranopia: ΔE76 10.2");
    expect(fuori).toContain("raggiunto–non_raggiunto, deuteranopia: ΔE00 4.7");
    expect(fuori).toContain("raggiunto–non_raggiunto: ΔL* in grigio 7.5");
    expect(fuori).toContain("raggiunto–neutralizzato: ΔL* in grigio 7.2");
  });
});

describe("colour-vision arithmetic", () => {
  it("one WCAG relative luminance, for the palette, the pane's theme and the workbench", () => {
    // WCAG 2.2's reference values; #777777: ((0.4667 + 0.055) / 1.055)^2.4 = 0.1845.
    expect(luminanza("#777777") as number).toBeCloseTo(0.1845, 4);
    expect(luminanza(" 777777 ")).toBe(luminanza("#777777"));
    // The darkest channels are on the linear segment (c / 12.92) under either threshold WCAG has written.
    expect(luminanza("#0A0A0A") as number).toBeCloseTo(10 / 255 / 12.92, 12);
    expect(luminanza("#0B0B0B") as number).toBeCloseTo(((11 / 255 + 0.055) / 1.055) ** 2.4, 12);
    for (const nonColore of ["nero", "#12345", "", null, undefined]) expect(luminanza(nonColore)).toBeNull();
    // The pane decides its theme with the same function (src/taskpane/tema.ts).
    expect(luminanza("#262626")).toBeLessThan(0.2);
  });

  it("WCAG relative luminance and contrast", () => {
    expect(luminanza("#FFFFFF") as number).toBeCloseTo(1, 10);
    expect(luminanza("#000000") as number).toBe(0);
    expect(contrasto("#000000", "#FFFFFF")).toBeCloseTo(21, 10);
    expect(contrasto("#FFFFFF", "#000000")).toBeCloseTo(21, 10);
    // #767676 is the lightest grey with 4.5:1 on white, #777777 just fails (a well-known pair).
    expect(contrasto("#767676", "#FFFFFF")).toBeGreaterThanOrEqual(4.5);
    expect(contrasto("#777777", "#FFFFFF")).toBeLessThan(4.5);
    expect(() => linearRgb("verde")).toThrow(/Colore non valido/);
  });

  it("CIE L*a*b*: white, black, a mid grey", () => {
    const bianco = lab(linearRgb("#FFFFFF"));
    expect(bianco.L).toBeCloseTo(100, 3);
    expect(Math.abs(bianco.a) + Math.abs(bianco.b)).toBeLessThan(0.01);
    expect(lab(linearRgb("#000000")).L).toBeCloseTo(0, 6);
    expect(lightness(luminanza("#777777") as number)).toBeCloseTo(50.03, 1);
  });

  it("CIEDE2000 matches Sharma, Wu & Dalal's test data", () => {
    const casi: [number[], number[], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[50, 2.5, 0], [61, -5, 29], 22.8977],
      [[50, 2.5, 0], [56, -27, -3], 31.903],
      [[50, 2.5, 0], [58, 24, 15], 19.4535],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    ];
    for (const [[L1, a1, b1], [L2, a2, b2], atteso] of casi) {
      expect(deltaE2000({ L: L1, a: a1, b: b1 }, { L: L2, a: a2, b: b2 })).toBeCloseTo(atteso, 4);
      expect(deltaE2000({ L: L2, a: a2, b: b2 }, { L: L1, a: a1, b: b1 })).toBeCloseTo(atteso, 4);
    }
  });

  it("dichromat simulation: greys stay grey, red and green fall together for protan and deutan", () => {
    for (const v of VISIONI) {
      const [r, g, b] = simula(linearRgb("#808080"), v);
      expect(Math.abs(r - g) + Math.abs(g - b)).toBeLessThan(0.01);
    }
    const rossoVerde = (v: (typeof VISIONI)[number]) => distanza("#FF0000", "#00FF00", v).deltaE76;
    expect(rossoVerde("normale")).toBeGreaterThan(150);
    expect(rossoVerde("deuteranopia")).toBeLessThan(rossoVerde("normale") / 2);
    expect(rossoVerde("protanopia")).toBeLessThan(rossoVerde("normale") / 2);
    // Tritanopes confuse blue with green, not red with green.
    expect(rossoVerde("tritanopia")).toBeGreaterThan(100);
  });
});
