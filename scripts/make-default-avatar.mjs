#!/usr/bin/env node
// Draws the default avatar Kiroku serves for users who chose none (src/views/static/default-avatar-*.png):
// a head-and-shoulders silhouette on a plain background, in AniList's two avatar sizes. Run it again only
// to change the picture; the PNG files are committed.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/views/static')
const BACKGROUND = [0xe4, 0xea, 0xf1]
const FIGURE = [0x9f, 0xad, 0xbd]
const SAMPLES = 4 // per axis: edges are smoothed by averaging 16 samples per pixel

// In unit coordinates (0..1 across the picture): a round head over rounded shoulders.
function inFigure(x, y) {
  const head = (x - 0.5) ** 2 + (y - 0.38) ** 2 <= 0.17 ** 2
  const shoulders = y >= 0.62 && ((x - 0.5) / 0.34) ** 2 + ((y - 0.98) / 0.36) ** 2 <= 1
  return head || shoulders
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(8 + data.length + 4)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), 8 + data.length)
  return out
}

function png(size) {
  const rows = []
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3) // filter byte 0 (none), then RGB
    for (let px = 0; px < size; px++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) if (inFigure((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) hits++
      }
      const t = hits / SAMPLES ** 2
      for (let c = 0; c < 3; c++) row[1 + px * 3 + c] = Math.round(BACKGROUND[c] * (1 - t) + FIGURE[c] * t)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit depth, truecolour, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

for (const [name, size] of [['large', 230], ['medium', 100]]) {
  fs.writeFileSync(path.join(OUT, `default-avatar-${name}.png`), png(size))
}
