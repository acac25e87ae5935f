/**
 * Colour arithmetic for choosing and checking the Barometro's fills: pure functions, no Office.
 *
 * - sRGB ↔ linear light and relative luminance as WCAG 2.x defines them (IEC 61966-2-1);
 * - WCAG 2.x contrast ratio (success criterion 1.4.3: ≥ 4.5 for normal text);
 * - colour-vision deficiency simulation with the matrices of Machado, Oliveira & Fernandes,
 *   "A Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6),
 *   2009, severity 1.0 (protanopia, deuteranopia, tritanopia), applied to linear RGB;
 * - CIE L*a*b* (D65) and the colour differences ΔE*ab (CIE76) and ΔE00 (CIEDE2000; Sharma, Wu &
 *   Dalal, "The CIEDE2000 color-difference formula", Color Res. Appl. 30(1), 2005).
 */

/** Linear-light RGB, each channel 0–1. */
export type Rgb = readonly [number, number, number];

export interface Lab {
  L: number;
  a: number;
  b: number;
}

export type Visione = "normale" | "protanopia" | "deuteranopia" | "tritanopia";

export const VISIONI: readonly Visione[] = ["normale", "protanopia", "deuteranopia", "tritanopia"];

type Matrice = readonly [Rgb, Rgb, Rgb];

/** Machado et al. 2009, Table/supplement, severity 1.0 (complete dichromacy). */
const MACHADO: Record<Exclude<Visione, "normale">, Matrice> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const HEX = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

/**
 * sRGB channel (0–1) → linear light, with the sRGB standard's 0.04045 as WCAG 2.2 writes it (WCAG 2.0
 * and 2.1 wrote 0.03928, from an older draft: no 8-bit channel lies between the two, 10/255 < 0.03928
 * and 11/255 > 0.04045, so every "#RRGGBB" has the same luminance either way).
 */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** "#RRGGBB" → linear RGB. */
export function linearRgb(hex: string): Rgb {
  const m = HEX.exec(hex.trim());
  if (!m) throw new Error(`Colore non valido: ${hex}`);
  return [m[1], m[2], m[3]].map((h) => srgbToLinear(parseInt(h, 16) / 255)) as unknown as Rgb;
}

/** WCAG 2.x relative luminance (0 black – 1 white) of linear RGB. */
function luminanzaLineare(rgb: Rgb): number {
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/**
 * The one relative luminance (WCAG 2.x, 0 black – 1 white) of "#RRGGBB" or "RRGGBB": the palette's
 * contrast checks, the pane's theme and the workbench's text colour. Null when it is not such a colour.
 */
export function luminanza(colore: string | null | undefined): number | null {
  const testo = (colore ?? "").trim();
  return HEX.test(testo) ? luminanzaLineare(linearRgb(testo)) : null;
}

/** WCAG 2.x contrast ratio (1–21) between two colours "#RRGGBB". */
export function contrasto(hexA: string, hexB: string): number {
  const [chiaro, scuro] = [linearRgb(hexA), linearRgb(hexB)].map(luminanzaLineare).sort((x, y) => y - x);
  return (chiaro + 0.05) / (scuro + 0.05);
}

/** The colour as a reader with this vision sees it (linear RGB, clamped to the gamut). */
export function simula(rgb: Rgb, visione: Visione): Rgb {
  if (visione === "normale") return rgb;
  const m = MACHADO[visione];
  const riga = (k: number) => Math.min(1, Math.max(0, m[k][0] * rgb[0] + m[k][1] * rgb[1] + m[k][2] * rgb[2]));
  return [riga(0), riga(1), riga(2)];
}

/** Linear sRGB (D65) → CIE L*a*b* with the D65 white. */
export function lab(rgb: Rgb): Lab {
  const [r, g, b] = rgb;
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  return { L: 116 * f(y) - 16, a: 500 * (f(x) - f(y)), b: 200 * (f(y) - f(z)) };
}

/** CIE lightness L* (0–100) of a relative luminance: what a grey print of the colour keeps. */
export function lightness(y: number): number {
  return lab([y, y, y]).L;
}

/** ΔE*ab, CIE 1976: Euclidean distance in L*a*b*. */
export function deltaE76(p: Lab, q: Lab): number {
  return Math.hypot(p.L - q.L, p.a - q.a, p.b - q.b);
}

/** ΔE00, CIEDE2000 (kL = kC = kH = 1). */
export function deltaE2000(p: Lab, q: Lab): number {
  const rad = Math.PI / 180;
  const c1 = Math.hypot(p.a, p.b);
  const c2 = Math.hypot(q.a, q.b);
  const cMedio = (c1 + c2) / 2;
  const g = 0.5 * (1 - Math.sqrt(cMedio ** 7 / (cMedio ** 7 + 25 ** 7)));
  const a1 = (1 + g) * p.a;
  const a2 = (1 + g) * q.a;
  const C1 = Math.hypot(a1, p.b);
  const C2 = Math.hypot(a2, q.b);
  const angolo = (b: number, a: number) => {
    if (a === 0 && b === 0) return 0;
    const h = Math.atan2(b, a) / rad;
    return h < 0 ? h + 360 : h;
  };
  const h1 = angolo(p.b, a1);
  const h2 = angolo(q.b, a2);

  const dL = q.L - p.L;
  const dC = C2 - C1;
  let dh = 0;
  if (C1 * C2 !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(C1 * C2) * Math.sin((dh * rad) / 2);

  const L = (p.L + q.L) / 2;
  const C = (C1 + C2) / 2;
  let H = h1 + h2;
  if (C1 * C2 !== 0) {
    if (Math.abs(h1 - h2) <= 180) H = (h1 + h2) / 2;
    else H = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  }
  const t =
    1 -
    0.17 * Math.cos((H - 30) * rad) +
    0.24 * Math.cos(2 * H * rad) +
    0.32 * Math.cos((3 * H + 6) * rad) -
    0.2 * Math.cos((4 * H - 63) * rad);
  const dTheta = 30 * Math.exp(-(((H - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(C ** 7 / (C ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (L - 50) ** 2) / Math.sqrt(20 + (L - 50) ** 2);
  const sc = 1 + 0.045 * C;
  const sh = 1 + 0.015 * C * t;
  const rt = -Math.sin(2 * dTheta * rad) * rc;
  return Math.sqrt((dL / sl) ** 2 + (dC / sc) ** 2 + (dH / sh) ** 2 + rt * (dC / sc) * (dH / sh));
}

/** How far apart two fills are for a reader with the given vision. */
export function distanza(
  hexA: string,
  hexB: string,
  visione: Visione
): { deltaE76: number; deltaE2000: number; deltaL: number } {
  const p = lab(simula(linearRgb(hexA), visione));
  const q = lab(simula(linearRgb(hexB), visione));
  return { deltaE76: deltaE76(p, q), deltaE2000: deltaE2000(p, q), deltaL: Math.abs(p.L - q.L) };
}
