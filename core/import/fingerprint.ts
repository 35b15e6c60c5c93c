/**
 * A file's fingerprint for an import record: the SHA-256 (hex) of its first MiB and of its last MiB, as
 * "head:tail" (WebCrypto, in Node and the browser alike). Hashing the whole file would read it all once
 * more before importing; the name, the size and these two say "the same file" well enough to resume it.
 */
import type { ByteSource } from './source.ts'

export const FINGERPRINT_BYTES = 1024 * 1024

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** The last `bytes` of a source, read through its chunks from that offset. */
async function tailOf(source: ByteSource, bytes: number): Promise<Uint8Array> {
  const start = Math.max(0, source.size - bytes)
  const out = new Uint8Array(source.size - start)
  let at = 0
  for await (const chunk of source.chunks(start)) {
    const take = Math.min(chunk.length, out.length - at)
    out.set(chunk.subarray(0, take), at)
    at += take
    if (at >= out.length) break
  }
  return out.subarray(0, at)
}

/** "sha256(first MiB):sha256(last MiB)", 129 characters. */
export async function fileFingerprint(source: ByteSource): Promise<string> {
  const head = await source.head(Math.min(FINGERPRINT_BYTES, source.size))
  const tail = await tailOf(source, FINGERPRINT_BYTES)
  return `${await sha256Hex(head)}:${await sha256Hex(tail)}`
}
