/**
 * What a checkup file holds, read one unit at a time: the format (CSV, one XML DATA file, a zip of them) by
 * extension or content, then each checkup to send, each rejection made here, each blank line, from the
 * parsers (./checkup-csv.ts, ./checkup-xml.ts, ./checkup-archive.ts). Bytes read are counted for progress.
 */
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import yauzl, { type Entry } from 'yauzl'
import type { CheckupInput } from '../core/checkup-import.ts'
import type { Lang } from './i18n.ts'
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
import type { DetectedEncoding } from './csv.ts'
import { fileError, OpsError } from './errors.ts'

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

/** By the extension (.csv, .xml, .zip), else by the content. Throws OpsError for a file that cannot be read. */
export async function detectCheckupFormat(file: string): Promise<CheckupFormat> {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv' || ext === '.xml' || ext === '.zip') return ext.slice(1) as CheckupFormat
  let handle
  try {
    handle = await open(file, 'r')
    const head = Buffer.alloc(512)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    return sniffCheckupFormat(head.subarray(0, bytesRead))
  } catch (err) {
    throw fileError(file, err)
  } finally {
    await handle?.close()
  }
}

export type Unit =
  | { kind: 'blank' }
  | { kind: 'send'; input: CheckupInput; line: number | null }
  /** `checkup`: a checkup (document, entry) is rejected; `rows`: CSV rows rejected here. */
  | { kind: 'reject'; rejections: CheckupRejection[]; checkup: boolean; rows: number }

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
  file: string,
  lang: Lang,
  onBytes: (n: number) => void,
  maxOpen?: number,
): Promise<Source> {
  let csv: CheckupCsvFile
  try {
    csv = await openCheckupCsv(file, { onBytes, maxOpen })
  } catch (err) {
    if (err instanceof CheckupCsvError) {
      throw new OpsError(
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

async function* countBytes(file: string, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file)) {
    onBytes((chunk as Buffer).length)
    yield chunk as Buffer
  }
}

/** Bytes the DATA files of an archive declare (for the progress bar only; 0 when unknown). */
function declaredDataBytes(file: string): Promise<number> {
  return new Promise((resolve) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return resolve(0)
      let total = 0
      zip.on('entry', (entry: Entry) => {
        if (
          /(^|\/)DATA\/h[^/]*\.xml$/i.test(entry.fileName) &&
          entry.uncompressedSize <= MAX_ENTRY_BYTES
        ) {
          total += entry.uncompressedSize
        }
        zip.readEntry()
      })
      zip.on('end', () => {
        zip.close()
        resolve(total)
      })
      zip.on('error', () => {
        zip.close()
        resolve(0)
      })
      zip.readEntry()
    })
  })
}

function archiveError(file: string, err: CheckupArchiveError): OpsError {
  const detail = err.message.startsWith(`${err.file}: `)
    ? err.message.slice(err.file.length + 2)
    : err.message
  switch (err.reason) {
    case 'unreadable':
      return new OpsError('file_unreadable', { file, reason: detail })
    case 'not_a_zip':
      return new OpsError('archive_not_a_zip', { file, detail })
    case 'too_many_entries':
      return new OpsError('archive_too_many_entries', { file, detail })
    case 'too_large':
      return new OpsError('archive_too_large', { file, detail })
    default:
      return new OpsError('archive_corrupt', { file, detail })
  }
}

export async function openSource(
  file: string,
  format: CheckupFormat,
  insurer: string,
  lang: Lang,
  onBytes: (n: number) => void,
  setTotal: (n: number) => void,
  maxOpen?: number,
): Promise<Source> {
  if (format === 'csv') return openCsvSource(file, lang, onBytes, maxOpen)
  const size = (await stat(file)).size
  if (format === 'xml') {
    setTotal(size)
    async function* units(): AsyncGenerator<Unit> {
      yield xmlUnit(await parseCheckupXml(countBytes(file, onBytes)), basename(file), insurer, lang)
    }
    return { size, encoding: null, units: units() }
  }
  setTotal(await declaredDataBytes(file))
  async function* units(): AsyncGenerator<Unit> {
    try {
      for await (const item of readCheckupArchive(file, { onInflate: onBytes })) {
        if ('xml' in item) {
          yield xmlUnit(await parseCheckupXml(item.xml), item.name, insurer, lang)
        } else {
          const message = localMessage(lang, item.rejected, item.detail)
          yield rejectOne(
            {
              ref: item.name,
              line: null,
              column: null,
              item: null,
              reason: item.rejected,
              message,
            },
            true,
          )
        }
      }
    } catch (err) {
      throw err instanceof CheckupArchiveError ? archiveError(file, err) : err
    }
  }
  return { size, encoding: null, units: units() }
}
