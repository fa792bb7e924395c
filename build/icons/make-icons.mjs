// Regenerates every icon in this folder from icon.svg: NxN.png for Linux (electron-builder
// takes the folder as the AppImage icon set) and icon.ico for Windows (exe, NSIS
// installer, portable). The results are committed; run this only after changing icon.svg.
//
//   node build/icons/make-icons.mjs
//
// Needs rsvg-convert (Debian: apt-get install librsvg2-bin). Everything else is Node's own:
// the .ico holds 32-bit bitmaps up to 128 px (which every Windows tool, NSIS included,
// reads) and a PNG at 256 px (the size Explorer and electron-builder ask for).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const svg = path.join(here, 'icon.svg');
const PNG_SIZES = [16, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

function render(size) {
  try {
    return execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-f', 'png', svg], { maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    console.error(`Không chạy được rsvg-convert (cài gói librsvg2-bin): ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}

/** RGBA pixels of an 8-bit, non-interlaced RGBA PNG (what rsvg-convert writes). */
function decodeRgba(png) {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (png[24] !== 8 || png[25] !== 6 || png[28] !== 0) throw new Error('expected an 8-bit RGBA, non-interlaced PNG');
  const idat = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? out[y * stride + x - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (line[x] + predicted) & 0xff;
    }
  }
  return { width, height, rgba: out };
}

/** An icon-resource DIB: BITMAPINFOHEADER, BGRA rows bottom-up, then the 1-bit AND mask. */
function dib({ width, height, rgba }) {
  const maskStride = Math.ceil(width / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(width * height * 4 + maskStride * height, 20);
  const pixels = Buffer.alloc(width * height * 4);
  const mask = Buffer.alloc(maskStride * height);
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y;
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = (row * width + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
      if (rgba[from + 3] === 0) mask[row * maskStride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    head[entry] = size >= 256 ? 0 : size;
    head[entry + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, entry + 4);
    head.writeUInt16LE(32, entry + 6);
    head.writeUInt32LE(data.length, entry + 8);
    head.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((image) => image.data)]);
}

const rendered = new Map([...new Set([...PNG_SIZES, ...ICO_SIZES])].map((size) => [size, render(size)]));
for (const size of PNG_SIZES) fs.writeFileSync(path.join(here, `${size}x${size}.png`), rendered.get(size));
const images = ICO_SIZES.map((size) => ({ size, data: size >= 256 ? rendered.get(size) : dib(decodeRgba(rendered.get(size))) }));
fs.writeFileSync(path.join(here, 'icon.ico'), ico(images));
console.log(`Đã tạo ${PNG_SIZES.map((s) => `${s}x${s}.png`).join(', ')} và icon.ico (${ICO_SIZES.join(', ')} px) trong build/icons.`);
