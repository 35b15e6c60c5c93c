/**
 * A Shift_JIS (CP932) encoder for test fixtures and the benchmark generator. Node has a Shift_JIS decoder
 * (TextDecoder, full ICU) but no encoder, so the table is built once by decoding every two-byte code.
 * Like the WHATWG encoder, NEC-selected IBM extensions (lead bytes 0xED, 0xEE) are used only for characters
 * that have no other code.
 */

let table: Map<number, number> | null = null

function build(): Map<number, number> {
  const decoder = new TextDecoder('shift_jis')
  const map = new Map<number, number>()
  const leads: number[] = []
  for (let b = 0x81; b <= 0x9f; b++) leads.push(b)
  for (let b = 0xe0; b <= 0xfc; b++) if (b !== 0xed && b !== 0xee) leads.push(b)
  leads.push(0xed, 0xee)
  const pair = new Uint8Array(2)
  for (const lead of leads) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue
      pair[0] = lead
      pair[1] = trail
      const s = decoder.decode(pair)
      if (s.length !== 1 || s === '\uFFFD') continue
      const cp = s.charCodeAt(0)
      if (cp >= 0xe000 && cp <= 0xf8ff) continue // user-defined area: never produced by the encoder
      if (!map.has(cp)) map.set(cp, (lead << 8) | trail)
    }
  }
  return map
}

/** Encodes text as Shift_JIS; throws on a character that Shift_JIS cannot hold. */
export function encodeShiftJis(text: string): Buffer {
  table ??= build()
  const out = Buffer.allocUnsafe(text.length * 2)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i)
    if (cp < 0x80) out[n++] = cp
    else if (cp >= 0xff61 && cp <= 0xff9f)
      out[n++] = cp - 0xff61 + 0xa1 // half-width katakana
    else {
      const code = table.get(cp)
      if (code === undefined)
        throw new Error(`not encodable in Shift_JIS: U+${cp.toString(16).toUpperCase()}`)
      out[n++] = code >> 8
      out[n++] = code & 0xff
    }
  }
  return out.subarray(0, n)
}
