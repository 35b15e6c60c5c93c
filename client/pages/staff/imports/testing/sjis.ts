/**
 * Shift_JIS for the job's tests (a client test may not import cli/sjis.ts): the encoder's table built
 * by decoding every two-byte code, as cli/sjis.ts does, on Uint8Array.
 */
let table: Map<number, number> | null = null

function build(): Map<number, number> {
  const decoder = new TextDecoder('shift_jis')
  const map = new Map<number, number>()
  const pair = new Uint8Array(2)
  const leads: number[] = []
  for (let b = 0x81; b <= 0x9f; b++) leads.push(b)
  for (let b = 0xe0; b <= 0xfc; b++) leads.push(b)
  for (const lead of leads) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue
      pair[0] = lead
      pair[1] = trail
      const s = decoder.decode(pair)
      if (s.length !== 1 || s === '\uFFFD') continue
      const cp = s.charCodeAt(0)
      if (!map.has(cp)) map.set(cp, (lead << 8) | trail)
    }
  }
  return map
}

export function encodeShiftJis(text: string): Uint8Array<ArrayBuffer> {
  table ??= build()
  const out = new Uint8Array(text.length * 2)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i)
    if (cp < 0x80) out[n++] = cp
    else {
      const code = table.get(cp)
      if (code === undefined) throw new Error(`not in Shift_JIS: U+${cp.toString(16)}`)
      out[n++] = code >> 8
      out[n++] = code & 0xff
    }
  }
  return out.subarray(0, n)
}
