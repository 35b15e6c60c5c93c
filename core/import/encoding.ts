/**
 * The encoding of a CSV file from its first bytes (SNIFF_BYTES): UTF-8 with or without BOM, or
 * Shift_JIS/CP932 (WHATWG's shift_jis, which Node with full ICU and every browser decode alike).
 * Refusals throw ImportError encoding_utf16 / encoding_unknown / encoding_broken_utf8.
 */
import { ImportError } from './errors.ts'

/** Bytes looked at to decide the encoding. */
export const SNIFF_BYTES = 64 * 1024
export type EncodingName = 'utf-8' | 'shift_jis'
export type DetectedEncoding = { encoding: EncodingName; bom: boolean }

type Utf8Scan = { firstInvalid: number; invalid: number; multibyte: number }

/** Validates UTF-8 by hand (TextDecoder does not say where it failed). A sequence cut off by the end of an
 * incomplete sample is not an error. */
export function scanUtf8(bytes: Uint8Array, complete: boolean): Utf8Scan {
  let firstInvalid = -1
  let invalid = 0
  let multibyte = 0
  const n = bytes.length
  let i = 0
  while (i < n) {
    const c = bytes[i]
    if (c < 0x80) {
      i++
      continue
    }
    let need = 0
    let lo = 0x80
    let hi = 0xbf
    if (c >= 0xc2 && c <= 0xdf) need = 1
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2
      if (c === 0xe0) lo = 0xa0
      if (c === 0xed) hi = 0x9f
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3
      if (c === 0xf0) lo = 0x90
      if (c === 0xf4) hi = 0x8f
    }
    let ok = need > 0
    let truncated = false
    for (let k = 1; ok && k <= need; k++) {
      if (i + k >= n) {
        truncated = true
        break
      }
      const b = bytes[i + k]
      if (k === 1 ? b < lo || b > hi : b < 0x80 || b > 0xbf) ok = false
    }
    if (ok && truncated && !complete) break
    if (ok && !truncated) {
      multibyte++
      i += need + 1
      continue
    }
    if (firstInvalid < 0) firstInvalid = i
    invalid++
    i++
  }
  return { firstInvalid, invalid, multibyte }
}

/**
 * Decides the encoding from the first bytes of a file (`complete` when they are the whole file):
 * a UTF-8 BOM → UTF-8; valid UTF-8 → UTF-8 (plain ASCII included); otherwise Shift_JIS, unless decoding as
 * Shift_JIS needs replacement characters for more than 1% of the text, or the sample is plainly UTF-8 with a
 * few broken bytes (valid multi-byte sequences outnumber invalid bytes 8 to 1: as Shift_JIS it would only
 * become garbage, so the broken line is named instead).
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): DetectedEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true }
  }
  if (
    sample.length >= 2 &&
    ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))
  ) {
    throw new ImportError('encoding_utf16')
  }
  if (sample.includes(0)) throw new ImportError('encoding_unknown')
  const scan = scanUtf8(sample, complete)
  if (scan.invalid === 0) return { encoding: 'utf-8', bom: false }
  if (scan.multibyte >= 8 && scan.multibyte >= 8 * scan.invalid) {
    throw new ImportError('encoding_broken_utf8', {
      line: lineAt(sample, scan.firstInvalid),
      offset: scan.firstInvalid + 1,
    })
  }
  const text = new TextDecoder('shift_jis').decode(sample, { stream: !complete })
  let replaced = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) replaced++
  if (replaced > text.length * 0.01) throw new ImportError('encoding_unknown')
  return { encoding: 'shift_jis', bom: false }
}

export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return line
}
