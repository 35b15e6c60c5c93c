/**
 * Reading a CSV file as a stream: encoding detection (UTF-8 with or without BOM, or Shift_JIS/CP932),
 * decoding with TextDecoder in streaming mode, csv-parse's stream parser, and the 1-based line on which each
 * record starts (a quoted field holding line breaks advances the line). Memory stays bounded: the file is read
 * in 64 KiB chunks and the consumer pulls records (nothing is read while it waits).
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { parse } from 'csv-parse'
import { fileError, OpsError } from './errors.ts'

/** Bytes looked at to decide the encoding. */
export const SNIFF_BYTES = 64 * 1024
/** A record longer than this (characters) stops the read: almost always a quote that is never closed. */
export const MAX_RECORD_CHARS = 1024 * 1024

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
    throw new OpsError('encoding_utf16')
  }
  if (sample.includes(0)) throw new OpsError('encoding_unknown')
  const scan = scanUtf8(sample, complete)
  if (scan.invalid === 0) return { encoding: 'utf-8', bom: false }
  if (scan.multibyte >= 8 && scan.multibyte >= 8 * scan.invalid) {
    throw new OpsError('encoding_broken_utf8', {
      line: lineAt(sample, scan.firstInvalid),
      offset: scan.firstInvalid + 1,
    })
  }
  const text = new TextDecoder('shift_jis').decode(sample, { stream: !complete })
  let replaced = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) replaced++
  if (replaced > text.length * 0.01) throw new OpsError('encoding_unknown')
  return { encoding: 'shift_jis', bom: false }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return line
}

/** Line breaks inside a field: CRLF, LF and CR each count once, like the record delimiters. */
export function countLineBreaks(s: string): number {
  if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return 0
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x0a) n++
    else if (c === 0x0d) {
      n++
      if (s.charCodeAt(i + 1) === 0x0a) i++
    }
  }
  return n
}

export type CsvRecord = { line: number; fields: string[] }

export type ReadOptions = {
  /** Called with the size of every chunk read from the file. */
  onBytes?: (bytes: number) => void
  /** Read size; tests use tiny chunks to cut multi-byte characters and records apart. */
  highWaterMark?: number
  maxRecordChars?: number
}

/**
 * The records of a CSV file, each with the line it starts on. Empty lines are skipped (and counted for the
 * line numbers). Throws OpsError csv_unclosed_quote / csv_record_too_large / csv_malformed after yielding every
 * record before the problem.
 */
export async function* readCsvRecords(
  file: string,
  encoding: EncodingName,
  options: ReadOptions = {},
): AsyncGenerator<CsvRecord> {
  const maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS
  const queue: CsvRecord[] = []
  let nextLine = 1
  let emptySeen = 0
  let failure: OpsError | null = null

  // csv-parse's own line counter counts a CRLF inside quotes twice, so the start line is computed here:
  // the line after the previous record, plus the empty lines skipped since, plus nothing else (a record
  // ends where its last field's breaks end).
  const parser = parse({
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: maxRecordChars,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (failure) return undefined
      const line = nextLine + (parser.info.empty_lines - emptySeen)
      const code = (err as { code?: string } | undefined)?.code
      if (code === 'CSV_QUOTE_NOT_CLOSED') failure = new OpsError('csv_unclosed_quote', { line })
      else if (code === 'CSV_MAX_RECORD_SIZE') {
        failure = new OpsError('csv_record_too_large', {
          line,
          limit: `${Math.round(maxRecordChars / 1024)} KiB`,
        })
      } else failure = new OpsError('csv_malformed', { line, detail: err?.message ?? String(code) })
      return undefined
    },
    on_record: (record: string[], context) => {
      if (failure) return null
      const line = nextLine + (context.empty_lines - emptySeen)
      emptySeen = context.empty_lines
      let breaks = 0
      for (const field of record) breaks += countLineBreaks(field)
      nextLine = line + breaks + 1
      queue.push({ line, fields: record })
      return null // kept out of the stream: records are handed over from `queue`, in order, errors after them
    },
  })
  parser.resume() // nothing is pushed; flowing mode lets 'end' come
  const parserDone = finished(parser)
  parserDone.catch(() => {}) // awaited below; an early return must not leave it unhandled

  const source = createReadStream(file, { highWaterMark: options.highWaterMark ?? 64 * 1024 })
  const decoder = new TextDecoder(encoding) // not fatal: bad bytes become U+FFFD; a UTF-8 BOM is dropped
  try {
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        options.onBytes?.(chunk.length)
        const text = decoder.decode(chunk, { stream: true })
        if (text.length > 0) parser.write(text) // parses synchronously: on_record fills `queue`
        while (queue.length > 0) yield queue.shift() as CsvRecord
        if (failure) break
      }
    } catch (err) {
      if (err instanceof OpsError) throw err
      throw fileError(file, err)
    }
    if (!failure) {
      const tail = decoder.decode()
      parser.end(tail.length > 0 ? tail : undefined)
      await parserDone
      while (queue.length > 0) yield queue.shift() as CsvRecord
    }
    if (failure) throw failure
  } finally {
    source.destroy()
    if (!parser.destroyed) parser.destroy()
  }
}

export type CsvItem =
  | { kind: 'row'; line: number; fields: string[] }
  | { kind: 'blank'; line: number }
  | {
      kind: 'invalid'
      line: number
      column: string
      reason: 'column_count'
      count: number
      expected: number
    }
  | { kind: 'invalid'; line: number; column: string; reason: 'invalid_bytes' }

export type CsvFile = {
  file: string
  size: number
  encoding: DetectedEncoding
  header: string[]
  headerLine: number
  /** Data rows after the header; `blank` for rows whose every field is empty; `invalid` for rows that cannot
   * be sent (column count differs from the header, undecodable bytes). */
  items: AsyncGenerator<CsvItem>
}

export type OpenOptions = ReadOptions & {
  /** The header must contain one of these (compared after NFKC, trimming and lower-casing, ignoring spaces,
   * '_' and '-'); otherwise the first row is taken for data and csv_no_header is thrown. */
  requireColumn?: string[]
}

/** A header cell as columns are compared: NFKC, trimmed, lower case, no spaces, '_' or '-'. */
export function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-]/g, '')
}

/** Opens a CSV file: detects the encoding, reads the header. Throws OpsError for an unreadable or empty file,
 * an unrecognised encoding, or a missing header. */
export async function openCsv(file: string, options: OpenOptions = {}): Promise<CsvFile> {
  let size = 0
  let sample: Uint8Array
  let handle
  try {
    handle = await open(file, 'r')
  } catch (err) {
    throw fileError(file, err)
  }
  try {
    const stat = await handle.stat()
    if (stat.isDirectory()) throw new OpsError('file_is_directory', { file })
    size = stat.size
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, size))
    let filled = 0
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    sample = buffer.subarray(0, filled)
  } catch (err) {
    if (err instanceof OpsError) throw err
    throw fileError(file, err)
  } finally {
    await handle.close()
  }
  if (size === 0) throw new OpsError('file_empty', { file })
  const encoding = detectEncoding(sample, sample.length >= size)

  const records = readCsvRecords(file, encoding.encoding, options)
  let first: IteratorResult<CsvRecord>
  try {
    first = await records.next()
  } catch (err) {
    await records.return(undefined)
    throw err
  }
  if (first.done) throw new OpsError('file_empty', { file })
  const header = first.value.fields
  const headerLine = first.value.line
  if (options.requireColumn) {
    const wanted = new Set(options.requireColumn.map(headerKey))
    if (!header.some((h) => wanted.has(headerKey(h)))) {
      await records.return(undefined)
      throw new OpsError('csv_no_header', { line: headerLine })
    }
  }

  async function* items(): AsyncGenerator<CsvItem> {
    try {
      for await (const { line, fields } of records) {
        if (fields.every((f) => f.trim() === '')) {
          yield { kind: 'blank', line }
          continue
        }
        if (fields.length !== header.length) {
          yield {
            kind: 'invalid',
            line,
            column: '-',
            reason: 'column_count',
            count: fields.length,
            expected: header.length,
          }
          continue
        }
        const bad = fields.findIndex((f) => f.includes('\uFFFD'))
        if (bad >= 0) {
          yield {
            kind: 'invalid',
            line,
            column: header[bad] || String(bad + 1),
            reason: 'invalid_bytes',
          }
          continue
        }
        yield { kind: 'row', line, fields }
      }
    } finally {
      await records.return(undefined)
    }
  }

  return { file, size, encoding, header, headerLine, items: items() }
}
