// Draws the Barometro icon (a gauge: red / yellow / green dial with a needle) and writes
// assets/icon-16.png, icon-32.png, icon-64.png and icon-80.png. No dependencies: the
// shapes are rasterised with 8×8 supersampling and encoded as RGBA PNG with node:zlib.
//
//   node scripts/icons/genera-icone.mjs
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SIZES = [16, 32, 64, 80];
const OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../assets");
const SS = 8; // supersampling per axis

// Colours (RGB): the band colours of the engine's BANDE_PREDEFINITE, darker rim and needle.
const RIM = [64, 64, 64];
const FACE = [255, 255, 255];
const RED = [0xf8, 0x69, 0x6b];
const YELLOW = [0xf0, 0xc8, 0x40];
const GREEN = [0x63, 0xbe, 0x7b];
const NEEDLE = [40, 40, 40];

/** Colour of the icon at point (x, y) in a unit square [0,1]², or null for transparent. */
function shade(x, y) {
  const cx = 0.5;
  const cy = 0.56;
  const dx = x - cx;
  const dy = cy - y; // y up
  const r = Math.hypot(dx, dy);

  // Needle: a thick segment from the hub towards the green band (about 50° from the right).
  const angle = (50 * Math.PI) / 180;
  const nx = Math.cos(angle);
  const ny = Math.sin(angle);
  const along = dx * nx + dy * ny;
  const across = Math.abs(-dx * ny + dy * nx);
  if (along >= -0.02 && along <= 0.36 && across <= 0.045 - along * 0.06) return NEEDLE;
  if (r <= 0.08) return NEEDLE; // hub

  // Dial: a disc with a dark rim.
  if (r > 0.48) return null;
  if (r > 0.42) return RIM;

  // Coloured arc on the upper half: red (left), yellow (top), green (right).
  if (r >= 0.24 && r <= 0.38 && dy >= -0.02) {
    const theta = Math.atan2(Math.max(dy, 0), dx); // 0 = right, π = left
    if (theta > (2 * Math.PI) / 3) return RED;
    if (theta > Math.PI / 3) return YELLOW;
    return GREEN;
  }
  return FACE;
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = shade((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered > 0) {
        rgba[i] = Math.round(r / covered);
        rgba[i + 1] = Math.round(g / covered);
        rgba[i + 2] = Math.round(b / covered);
        rgba[i + 3] = Math.round((255 * covered) / (SS * SS));
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = resolve(OUT_DIR, `icon-${size}.png`);
  writeFileSync(file, png(size, render(size)));
  console.log(`${file} (${size}×${size})`);
}
