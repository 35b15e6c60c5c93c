/**
 * What the roster and checkup importers read and write, so that one parser serves the command line
 * (Node streams, yauzl) and the staff console (a Web Worker over `File.slice`, zip.js) alike. Nothing
 * here opens a file or a socket: the entry points build these from what their platform has.
 */

/** A file to import, read in order by pulling chunks: the consumer pulls, so reading waits for it. */
export interface ByteSource {
  /** Shown and used in refs ("members.csv", "x.zip"). */
  name: string
  size: number
  /** The first `bytes` bytes (or fewer), for encoding and format sniffing, without starting the stream. */
  head(bytes: number): Promise<Uint8Array>
  /** The content from `start` (default 0) to the end, chunk by chunk; any cut is valid. */
  chunks(start?: number): AsyncIterable<Uint8Array>
}

/** One row of a rejection file, as written (the header is the audience's `rejected_csv_header`). */
export type Cells = Array<string | number>

/** Where rejected rows go: FILE.rejected.csv for the CLI, memory (and the server's copy) in the console. */
export interface RejectionSink {
  write(rows: Cells[]): Promise<void>
  /** Ends the file; returns where it is (a path, a name) or null when no row was written. */
  close(): Promise<string | null>
}

/** One entry of a zip's central directory, as both adapters (yauzl, zip.js) describe it. */
export interface ZipEntryMeta {
  /** Decoded by the shared rule: UTF-8 when bit 11 is set, else CP437 (as yauzl's strict decoding). */
  name: string
  index: number
  directory: boolean
  encrypted: boolean
  /** 0 stored, 8 deflate; anything else is refused by the shared policy. */
  method: number
  compressedSize: number
  declaredSize: number
}

/** Random access to a zip archive: its central directory, then any entry's inflated bytes. */
export interface ZipAccess {
  /** The central directory, in order. Throws an archive error (not a zip, broken directory). */
  entries(): AsyncIterable<ZipEntryMeta>
  /**
   * The inflated bytes of one entry, chunk by chunk. The adapter stops (throws) past `cap` bytes or past
   * the entry's declared size, and checks the CRC-32 at the end.
   */
  open(entry: ZipEntryMeta, cap: number, signal?: AbortSignal): AsyncIterable<Uint8Array>
  close(): Promise<void>
}

/**
 * The server-side record of one import (docs/operator-api.md, "Import records"): each batch carries the
 * import's id and its sequence number, so a batch sent twice applies once, and a resumed import (closed
 * tab, lost network, a second run of the CLI) continues after the last batch the server recorded.
 */
export type ImportTag = {
  importId: string
  /** 1, 2, 3 … in the order the importer built the batches. */
  seq: number
}

// ---------------------------------------------------------------------------------------------------------
// Helpers both entry points use

/**
 * A ZipAccess that also knows how many entries the archive's end record declares, before the directory is
 * listed (so a zip claiming too many is refused without listing any: yauzl reads it from the record, the
 * zip.js adapter with `zipEndCount`).
 */
export interface CountedZipAccess extends ZipAccess {
  entryCount(): Promise<number>
}

/** The chunks joined into one array. */
export function concatBytes(chunks: Uint8Array[], total?: number): Uint8Array {
  const size = total ?? chunks.reduce((n, c) => n + c.length, 0)
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c.subarray(0, Math.min(c.length, size - at)), at)
    at += c.length
    if (at >= size) break
  }
  return out
}

/** The same bytes cut into chunks of exactly `size` (the last shorter): tests feed both entry points alike. */
export async function* rechunk(
  chunks: AsyncIterable<Uint8Array>,
  size: number,
): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array = new Uint8Array(0)
  for await (const chunk of chunks) {
    pending = pending.length ? concatBytes([pending, chunk]) : chunk
    let at = 0
    while (pending.length - at >= size) {
      yield pending.slice(at, at + size)
      at += size
    }
    pending = pending.slice(at)
  }
  if (pending.length) yield pending
}

/** A ByteSource whose chunks are re-cut to `size` bytes each (the head is unchanged). */
export function rechunkSource(source: ByteSource, size: number): ByteSource {
  return {
    name: source.name,
    size: source.size,
    head: (bytes) => source.head(bytes),
    chunks: (start) => rechunk(source.chunks(start), size),
  }
}

// CP437 as yauzl decodes a name whose UTF-8 flag (bit 11) is clear: its graphic forms for the control
// bytes (but NUL), ASCII, ⌂ for 0x7F, then the upper half.
const CP437_LOW =
  '\u0000\u263a\u263b\u2665\u2666\u2663\u2660\u2022\u25d8\u25cb\u25d9\u2642\u2640\u266a\u266b\u263c\u25ba\u25c4\u2195\u203c\u00b6\u00a7\u25ac\u21a8\u2191\u2193\u2192\u2190\u221f\u2194\u25b2\u25bc'
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0'

/**
 * A zip entry's name from its raw bytes: UTF-8 when the entry's flag says so (bit 11), else CP437, as
 * yauzl's strict decoding does; both adapters name entries by this rule, so refs and rejection rows agree.
 */
export function zipEntryName(raw: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw)
  let out = ''
  for (const b of raw) {
    if (b >= 0x80) out += CP437_HIGH[b - 0x80]
    else if (b < 0x20) out += CP437_LOW[b]
    else out += b === 0x7f ? '\u2302' : String.fromCharCode(b)
  }
  return out
}

/** Bytes in memory as a ByteSource, cut into `chunk`-byte chunks (tests; a small file already read). */
export function bytesSource(name: string, bytes: Uint8Array, chunk = 64 * 1024): ByteSource {
  return {
    name,
    size: bytes.length,
    head: async (n) => bytes.slice(0, n),
    async *chunks(start = 0) {
      for (let at = start; at < bytes.length; at += chunk) yield bytes.slice(at, at + chunk)
    },
  }
}

/** A RejectionSink that keeps the rows in memory; `close` names it `name` when it holds any. */
export class MemorySink implements RejectionSink {
  rows: Cells[] = []
  name: string
  constructor(name = 'rejected.csv') {
    this.name = name
  }
  async write(rows: Cells[]): Promise<void> {
    this.rows.push(...rows)
  }
  async close(): Promise<string | null> {
    return this.rows.length > 0 ? this.name : null
  }
}
