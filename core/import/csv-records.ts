/**
 * Reading a CSV file as a stream: encoding detection (./encoding.ts), decoding with TextDecoder in streaming
 * mode, csv-parse's stream parser, and the 1-based line on which each record starts (a quoted field holding
 * line breaks advances the line). Memory stays bounded: the source's chunks are pulled one at a time and the
 * consumer pulls records (nothing is read while it waits).
 *
 * `csv-parse` is its Node build under Node (the command line) and `csv-parse/browser/esm` in the browser
 * (vite.config.ts aliases the specifier): only what both have is used (write, end, on, info,
 * resume; destroy only where it exists, the browser build has none).
 */
import { parse } from 'csv-parse'
import {
  detectEncoding,
  SNIFF_BYTES,
  type DetectedEncoding,
  type EncodingName,
} from './encoding.ts'
import { ImportError } from './errors.ts'
import type { ByteSource } from './source.ts'

export {
  detectEncoding,
  scanUtf8,
  SNIFF_BYTES,
  type DetectedEncoding,
  type EncodingName,
} from './encoding.ts'

/** A record longer than this (characters) stops the read: almost always a quote that is never closed. */
export const MAX_RECORD_CHARS = 1024 * 1024

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
  maxRecordChars?: number
}

/**
 * The records of a CSV file, each with the line it starts on. Empty lines are skipped (and counted for the
 * line numbers). Throws ImportError csv_unclosed_quote / csv_record_too_large / csv_malformed after yielding every
 * record before the problem.
 */
export async function* readCsvRecords(
  chunks: AsyncIterable<Uint8Array>,
  encoding: EncodingName,
  options: ReadOptions = {},
): AsyncGenerator<CsvRecord> {
  const maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS
  const queue: CsvRecord[] = []
  let nextLine = 1
  let emptySeen = 0
  let failure: ImportError | null = null

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
      if (code === 'CSV_QUOTE_NOT_CLOSED') failure = new ImportError('csv_unclosed_quote', { line })
      else if (code === 'CSV_MAX_RECORD_SIZE') {
        failure = new ImportError('csv_record_too_large', {
          line,
          limit: `${Math.round(maxRecordChars / 1024)} KiB`,
        })
      } else
        failure = new ImportError('csv_malformed', { line, detail: err?.message ?? String(code) })
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
  // both builds' parsers are event emitters: 'end' when done, 'error' if it fails (stream/promises
  // `finished` is Node's only)
  const parserDone = new Promise<void>((resolve, reject) => {
    parser.on('end', () => resolve())
    parser.on('error', reject)
  })
  parserDone.catch(() => {}) // awaited below; an early return must not leave it unhandled

  const decoder = new TextDecoder(encoding) // not fatal: bad bytes become U+FFFD; a UTF-8 BOM is dropped
  const source = chunks[Symbol.asyncIterator]()
  try {
    for (;;) {
      const next = await source.next()
      if (next.done) break
      const chunk = next.value
      options.onBytes?.(chunk.length)
      const text = decoder.decode(chunk, { stream: true })
      if (text.length > 0) parser.write(text) // parses synchronously: on_record fills `queue`
      while (queue.length > 0) yield queue.shift() as CsvRecord
      if (failure) break
    }
    if (!failure) {
      const tail = decoder.decode()
      parser.end(tail.length > 0 ? tail : undefined)
      await parserDone
      while (queue.length > 0) yield queue.shift() as CsvRecord
    }
    if (failure) throw failure
  } finally {
    await source.return?.()
    // the browser build's stream has no destroy(): ending early just drops the parser
    if (!parser.destroyed && typeof parser.destroy === 'function') parser.destroy()
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

/** Opens a CSV file: detects the encoding, reads the header. Throws ImportError for an empty file, an
 * unrecognised encoding, or a missing header; a read error of the source is thrown as it comes (the entry
 * point's own error). */
export async function openCsv(source: ByteSource, options: OpenOptions = {}): Promise<CsvFile> {
  const file = source.name
  const size = source.size
  if (size === 0) throw new ImportError('file_empty', { file })
  const sample = await source.head(Math.min(SNIFF_BYTES, size))
  const encoding = detectEncoding(sample, sample.length >= size)

  const records = readCsvRecords(source.chunks(), encoding.encoding, options)
  let first: IteratorResult<CsvRecord>
  try {
    first = await records.next()
  } catch (err) {
    await records.return(undefined)
    throw err
  }
  if (first.done) throw new ImportError('file_empty', { file })
  const header = first.value.fields
  const headerLine = first.value.line
  if (options.requireColumn) {
    const wanted = new Set(options.requireColumn.map(headerKey))
    if (!header.some((h) => wanted.has(headerKey(h)))) {
      await records.return(undefined)
      throw new ImportError('csv_no_header', { line: headerLine })
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
