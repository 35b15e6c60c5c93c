/**
 * Draws the app icons (a white disc with a green cross on the theme colour) and writes them as PNG
 * into client/public/icons/. Node built-ins only: zlib deflates the image data, CRC-32 is computed
 * here. Run again after changing the colours: `node client/scripts/make-icons.mjs`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const THEME = [0x00, 0x69, 0x5c] // #00695c, the manifest's theme_color
const WHITE = [0xff, 0xff, 0xff]
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons')

/** One icon: `fullBleed` fills every pixel (maskable, apple-touch); else a rounded square. */
const ICONS = [
  { file: 'icon-192.png', size: 192, fullBleed: false, scale: 1 },
  { file: 'icon-512.png', size: 512, fullBleed: false, scale: 1 },
  // Maskable: the mark stays inside the central 80% safe zone, the background bleeds to the edges.
  { file: 'maskable-512.png', size: 512, fullBleed: true, scale: 0.78 },
  { file: 'apple-touch-icon-180.png', size: 180, fullBleed: true, scale: 0.9 },
  { file: 'favicon-32.png', size: 32, fullBleed: false, scale: 1.1 },
]

/** The colour (RGBA) at a point of the unit square, centre (0.5, 0.5). */
function shade(x, y, { fullBleed, scale }) {
  const dx = x - 0.5
  const dy = y - 0.5
  if (!fullBleed && !insideRoundedSquare(dx, dy, 0.5, 0.2)) return null
  const disc = 0.31 * scale
  const arm = 0.18 * scale
  const bar = 0.06 * scale
  if (Math.hypot(dx, dy) > disc) return THEME
  const onCross =
    (Math.abs(dx) <= bar && Math.abs(dy) <= arm) || (Math.abs(dy) <= bar && Math.abs(dx) <= arm)
  return onCross ? THEME : WHITE
}

function insideRoundedSquare(dx, dy, half, radius) {
  const qx = Math.abs(dx) - (half - radius)
  const qy = Math.abs(dy) - (half - radius)
  if (qx <= 0 || qy <= 0) return Math.abs(dx) <= half && Math.abs(dy) <= half
  return Math.hypot(qx, qy) <= radius
}

/** RGBA pixels, 4×4 supersampled so the edges are smooth. */
function draw(icon) {
  const { size } = icon
  const samples = 4
  const rows = []
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4) // filter byte 0 (None), then RGBA
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = shade(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
            icon,
          )
          if (!colour) continue
          r += colour[0]
          g += colour[1]
          b += colour[2]
          a += 1
        }
      }
      const o = 1 + px * 4
      if (a > 0) {
        row[o] = Math.round(r / a)
        row[o + 1] = Math.round(g / a)
        row[o + 2] = Math.round(b / a)
      }
      row[o + 3] = Math.round((a / (samples * samples)) * 255)
    }
    rows.push(row)
  }
  return Buffer.concat(rows)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(size, pixels) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type RGBA
  header[10] = 0 // deflate
  header[11] = 0 // adaptive filtering
  header[12] = 0 // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(OUT, { recursive: true })
for (const icon of ICONS) {
  const file = join(OUT, icon.file)
  writeFileSync(file, png(icon.size, draw(icon)))
  console.log(`${icon.file} ${icon.size}×${icon.size}`)
}
