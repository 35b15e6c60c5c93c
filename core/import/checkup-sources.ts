/**
 * What a checkup file holds, read one unit at a time: the format (CSV, one XML DATA file, a zip of them) by
 * extension or content, then each checkup to send, each rejection made here, each blank line, from the
 * parsers (./checkup-csv.ts, ./checkup-xml.ts, ./checkup-archive.ts). Bytes read are counted for progress.
 */
import type { CheckupInput } from '../checkup-import.ts'
import type { Lang } from '../i18n.ts'
import { CheckupArchiveError, MAX_ENTRY_BYTES, readCheckupArchive } from './checkup-archive.ts'
import { CheckupCsvError, openCheckupCsv, type CheckupCsvFile } from './checkup-csv.ts'
import {
  csvCheckupInput,
  localMessage,
  shortRef,
  xmlCheckupInput,
  type CheckupRejection,
} from './checkup-input.ts'
import { parseCheckupXml, type XmlResult } from './checkup-xml.ts'
import type { DetectedEncoding } from './csv-records.ts'
import { ImportError } from './errors.ts'
import type { ByteSource, CountedZipAccess, ZipAccess } from './source.ts'

export type CheckupFormat = 'csv' | 'xml' | 'zip'

/** From the first bytes: a zip's local header (or an empty zip's end record), '<' (after a BOM and white
 * space) for XML, anything else CSV. */
export function sniffCheckupFormat(head: Uint8Array): CheckupFormat {
  if (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))
  ) {
    return 'zip'
  }
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  while (
    i < head.length &&
    (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)
  )
    i++
  return head[i] === 0x3c ? 'xml' : 'csv'
}

/** The last part of a path ("a/b/x.xml" → "x.xml"; a browser File's name is one already). */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
}

/** By the extension (.csv, .xml, .zip), else by the content (the first 512 bytes). */
export async function detectCheckupFormat(source: ByteSource): Promise<CheckupFormat> {
  const name = baseName(source.name)
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 ? name.slice(dot).toLowerCase() : ''
  if (ext === '.csv' || ext === '.xml' || ext === '.zip') return ext.slice(1) as CheckupFormat
  return sniffCheckupFormat(await source.head(Math.min(512, source.size)))
}

/** `index`: the zip entry's index, where the unit comes from an archive (a resume starts after it). */
export type Unit = (
  | { kind: 'blank' }
  | { kind: 'send'; input: CheckupInput; line: number | null }
  /** `checkup`: a checkup (document, entry) is rejected; `rows`: CSV rows rejected here. */
  | { kind: 'reject'; rejections: CheckupRejection[]; checkup: boolean; rows: number }
) & { index?: number }

export type Source = {
  size: number
  encoding: DetectedEncoding | null
  units: AsyncGenerator<Unit>
}

function rejectOne(r: CheckupRejection, checkup: boolean, rows = 0): Unit {
  return { kind: 'reject', rejections: [r], checkup, rows }
}

function listLines(lines: number[]): string {
  const sorted = [...lines].sort((a, b) => a - b)
  return sorted.length <= 10 ? sorted.join(', ') : `${sorted.slice(0, 10).join(', ')}, …`
}

async function openCsvSource(
  file: ByteSource,
  lang: Lang,
  onBytes: (n: number) => void,
  maxOpen?: number,
): Promise<Source> {
  let csv: CheckupCsvFile
  try {
    csv = await openCheckupCsv(file, { onBytes, maxOpen })
  } catch (err) {
    if (err instanceof CheckupCsvError) {
      throw new ImportError(
        err.reason === 'missing_column'
          ? 'checkup_csv_missing_column'
          : 'checkup_csv_duplicate_column',
        {
          column: err.column,
        },
      )
    }
    throw err
  }
  async function* units(): AsyncGenerator<Unit> {
    for await (const item of csv.items) {
      if (item.kind === 'blank') {
        yield { kind: 'blank' }
      } else if (item.kind === 'rejected') {
        const column = item.column === '-' ? null : item.column
        const message = localMessage(lang, item.reason, item.detail)
        yield rejectOne(
          {
            ref: `line ${item.line}`,
            line: item.line,
            column,
            item: null,
            reason: item.reason,
            message,
          },
          false,
          1,
        )
      } else {
        const c = item.checkup
        const first = Math.min(...c.results.map((r) => r.line), ...c.rejectedLines)
        const ref = `line ${first}`
        if (c.rejectedLines.length > 0) {
          const message = localMessage(lang, 'checkup_not_sent', '', {
            lines: listLines(c.rejectedLines),
          })
          yield rejectOne(
            { ref, line: first, column: null, item: null, reason: 'checkup_not_sent', message },
            true,
          )
        } else {
          yield { kind: 'send', input: csvCheckupInput(c, ref), line: first }
        }
      }
    }
  }
  return { size: csv.size, encoding: csv.encoding, units: units() }
}

function xmlUnit(parsed: XmlResult, name: string, insurer: string, lang: Lang): Unit {
  const ref = name
  if (!parsed.ok) {
    const message = localMessage(lang, parsed.reason, parsed.detail)
    return rejectOne(
      { ref, line: parsed.line ?? null, column: null, item: null, reason: parsed.reason, message },
      true,
    )
  }
  const doc = parsed.checkup
  if (doc.card.insurerNumber !== insurer.padStart(8, '0')) {
    const message = localMessage(lang, 'insurer_mismatch', '', { number: doc.card.insurerNumber })
    return rejectOne(
      { ref, line: null, column: null, item: null, reason: 'insurer_mismatch', message },
      true,
    )
  }
  return { kind: 'send', input: xmlCheckupInput(doc, shortRef(name)), line: null }
}

async function* countBytes(
  chunks: AsyncIterable<Uint8Array>,
  onBytes: (n: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    onBytes(chunk.length)
    yield chunk
  }
}

/** Bytes the DATA files of an archive declare (for the progress bar only; 0 when unknown). */
async function declaredDataBytes(zip: ZipAccess): Promise<number> {
  let total = 0
  try {
    for await (const entry of zip.entries()) {
      if (/(^|\/)DATA\/h[^/]*\.xml$/i.test(entry.name) && entry.declaredSize <= MAX_ENTRY_BYTES)
        total += entry.declaredSize
    }
  } catch {
    return 0
  }
  return total
}

function archiveError(file: string, err: CheckupArchiveError): ImportError {
  const detail = err.message.startsWith(`${err.file}: `)
    ? err.message.slice(err.file.length + 2)
    : err.message
  switch (err.reason) {
    case 'unreadable':
      return new ImportError('file_unreadable', { file, reason: detail })
    case 'not_a_zip':
      return new ImportError('archive_not_a_zip', { file, detail })
    case 'too_many_entries':
      return new ImportError('archive_too_many_entries', { file, detail })
    case 'too_large':
      return new ImportError('archive_too_large', { file, detail })
    default:
      return new ImportError('archive_corrupt', { file, detail })
  }
}

/** Where a checkup file's units come from: the file itself, and for a zip the archive's random access. */
export type SourceInput = {
  source: ByteSource
  /** Required for a zip: the entry point's adapter over the same file. */
  zip?: ZipAccess | CountedZipAccess
  /** A zip: entries before this index are passed over without inflating (a resumed import). */
  skipUnits?: number
  /** A zip: stops an entry's inflating (the import was cancelled). */
  signal?: AbortSignal
}

export async function openSource(
  input: SourceInput,
  format: CheckupFormat,
  insurer: string,
  lang: Lang,
  onBytes: (n: number) => void,
  setTotal: (n: number) => void,
  maxOpen?: number,
): Promise<Source> {
  const { source } = input
  const file = source.name
  if (format === 'csv') return openCsvSource(source, lang, onBytes, maxOpen)
  const size = source.size
  if (format === 'xml') {
    setTotal(size)
    async function* units(): AsyncGenerator<Unit> {
      yield xmlUnit(
        await parseCheckupXml(countBytes(source.chunks(), onBytes)),
        baseName(file),
        insurer,
        lang,
      )
    }
    return { size, encoding: null, units: units() }
  }
  const zip = input.zip
  if (!zip) throw new ImportError('archive_not_a_zip', { file, detail: 'no zip reader' })
  setTotal(await declaredDataBytes(zip))
  async function* units(): AsyncGenerator<Unit> {
    try {
      for await (const item of readCheckupArchive(zip!, {
        name: file,
        onInflate: onBytes,
        skipUnits: input.skipUnits,
        signal: input.signal,
      })) {
        if ('xml' in item) {
          yield {
            ...xmlUnit(await parseCheckupXml(item.xml), item.name, insurer, lang),
            index: item.index,
          }
        } else {
          const message = localMessage(lang, item.rejected, item.detail)
          yield {
            ...rejectOne(
              {
                ref: item.name,
                line: null,
                column: null,
                item: null,
                reason: item.rejected,
                message,
              },
              true,
            ),
            index: item.index,
          }
        }
      }
    } catch (err) {
      throw err instanceof CheckupArchiveError ? archiveError(file, err) : err
    }
  }
  return { size, encoding: null, units: units() }
}
