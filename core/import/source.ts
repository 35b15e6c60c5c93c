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
