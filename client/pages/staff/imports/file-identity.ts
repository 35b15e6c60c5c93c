/**
 * A file's identity for resuming its import: its name, size and last-modified time as the browser gives
 * them, and the SHA-256 of its first and last MiB. Hashing the whole file would read all of it (a 1 GB
 * roster); the two ends are read with `Blob.slice`, 2 MiB held for a moment, never the file. A file edited
 * in the middle with the same size and time is not told apart; the server's batches (idempotent by import
 * and batch number) and the unchanged-row rule keep a resume of such a file from doubling anything.
 */
import { FINGERPRINT_BYTES, fileFingerprint } from '../../../../core/import/fingerprint'
import { fileSource } from './file-source'

export const IDENTITY_SPAN = FINGERPRINT_BYTES

export type FileIdentity = {
  name: string
  size: number
  lastModified: number
  headSha: string
  tailSha: string
}

export async function fileIdentity(file: File): Promise<FileIdentity> {
  // the command line's own fingerprint of the same bytes (core/import/fingerprint.ts): "head:tail"
  const [headSha, tailSha] = (await fileFingerprint(fileSource(file))).split(':')
  return { name: file.name, size: file.size, lastModified: file.lastModified, headSha, tailSha }
}

/**
 * What the server keeps as the import's fingerprint: "head:tail", the same string the command line
 * sends for the same file (core/import/fingerprint.ts; the test checks both agree).
 */
export function fingerprintOf(id: FileIdentity): string {
  return `${id.headSha}:${id.tailSha}`
}
