/**
 * A file's identity for resuming its import: its name, size and last-modified time as the browser gives
 * them, and the SHA-256 of its first and last MiB. Hashing the whole file would read all of it (a 1 GB
 * roster); the two ends are read with `Blob.slice`, 2 MiB held for a moment, never the file. A file edited
 * in the middle with the same size and time is not told apart; the server's batches (idempotent by import
 * and batch number) and the unchanged-row rule keep a resume of such a file from doubling anything.
 */
export const IDENTITY_SPAN = 1024 * 1024

export type FileIdentity = {
  name: string
  size: number
  lastModified: number
  headSha: string
  tailSha: string
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

export async function fileIdentity(file: File): Promise<FileIdentity> {
  const [headSha, tailSha] = await Promise.all([
    sha256Hex(file.slice(0, IDENTITY_SPAN)),
    sha256Hex(file.slice(Math.max(0, file.size - IDENTITY_SPAN))),
  ])
  return { name: file.name, size: file.size, lastModified: file.lastModified, headSha, tailSha }
}

/**
 * What the server keeps as the import's fingerprint: "head:tail", the same string the command line
 * sends for the same file (core/import/fingerprint.ts; the test checks both agree).
 */
export function fingerprintOf(id: FileIdentity): string {
  return `${id.headSha}:${id.tailSha}`
}
