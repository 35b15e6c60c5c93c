/**
 * Checkup import: a checkup CSV, one national XML DATA file or a whole zip archive, read with the parsers
 * (./checkup-csv.ts, ./checkup-xml.ts, ./checkup-archive.ts), mapped to the operator API's checkups
 * (core/checkup-import.ts) and sent to POST /api/ops/insurers/:number/checkups in batches of at most
 * `batchSize` checkups (200) and MAX_BATCH_BYTES of JSON, at most `maxInFlight` (2) at a time; while both are
 * out, nothing more is read. The same design as ./roster-import.ts, sent by ./batches.ts: local rejections and the server's go, in
 * file order, to FILE.rejected.csv (with a `ref` column), the first 20 into the result; an abort sends what
 * was read and stops; the POST function is a parameter.
 *
 * What is never sent:
 * - a CSV checkup that had a row rejected here: the server would replace the stored checkup with an
 *   incomplete one. Its rows are reported, and the checkup counted as rejected;
 * - a document the XML parser refuses, an archive entry refused (unsafe path, bomb, junk), a document of
 *   another insurer: each is a per-file rejection;
 * - a checkup the API's schema would refuse (the server refuses the whole batch for one): checked here with
 *   the same schema, and rejected alone.
 */
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import * as v from 'valibot'
import yauzl, { type Entry } from 'yauzl'
import {
  CheckupInput as CheckupInputSchema,
  type CheckupInput,
  type CheckupResultInput,
} from '../core/checkup-import.ts'
import { CheckupArchiveError, MAX_ENTRY_BYTES, readCheckupArchive } from './checkup-archive.ts'
import {
  CheckupCsvError,
  NOT_PERFORMED,
  openCheckupCsv,
  type CheckupCsvFile,
  type CsvCheckup,
} from './checkup-csv.ts'
import {
  parseCheckupXml,
  type CheckupDocument,
  type ResultValue,
  type XmlResult,
} from './checkup-xml.ts'
import type { CheckupBatch, CheckupBatchResult } from './client.ts'
import type { DetectedEncoding } from './csv.ts'
import { OpsError, t, type Lang, type MessageKey, type Params } from './messages.ts'
import { asOpsError, BatchSender, keepFirst, MAX_BATCH_BYTES, RejectionFile } from './batches.ts'
import type { ImportProgress } from './roster-import.ts'

export const DEFAULT_CHECKUP_BATCH = 200
/** The API takes 1–500 checkups a request. */
export const MAX_CHECKUP_BATCH = 500
/** One checkup's JSON larger than this is rejected here (a batch holds at most MAX_BATCH_BYTES). */
export const MAX_CHECKUP_BYTES = MAX_BATCH_BYTES
/** A batch is sent once this many local rejections wait in it, so memory stays bounded. */
const LOCAL_FLUSH = 1000
/** core/checkup-import.ts: ref is at most 300 characters. */
const REF_MAX = 300

export type CheckupFormat = 'csv' | 'xml' | 'zip'

export type PostCheckups = (insurer: string, batch: CheckupBatch) => Promise<CheckupBatchResult>

/** A rejection, ours or the server's. */
export type CheckupRejection = {
  /** The checkup: 'line N' in a CSV (its first line; a row rejected alone: that row), else the file or the
   * archive entry name. */
  ref: string
  /** The CSV row, or the line in the XML where the parser stopped. */
  line: number | null
  /** The CSV column at fault, as written in the header. */
  column: string | null
  /** The item code at fault. */
  item: string | null
  /** A stable key: the parsers' reasons, 'checkup_not_sent', 'insurer_mismatch', 'invalid', or the server's. */
  reason: string
  message: string
}

export type CheckupImportStart = {
  file: string
  size: number
  format: CheckupFormat
  encoding: DetectedEncoding | null
}

export type CheckupImportOptions = {
  file: string
  insurer: string
  post: PostCheckups
  batchSize?: number
  maxInFlight?: number
  /** Language of the local rejection messages and of the rejection file's header. */
  lang?: Lang
  /** Default: beside the input, FILE.rejected.csv. */
  rejectedFile?: string
  signal?: AbortSignal
  onStart?: (info: CheckupImportStart) => void
  /** rowsRead / rowsDone count checkups (documents); `updated` is `replaced`. */
  onProgress?: (progress: ImportProgress) => void
  now?: () => number
  /** CSV: checkups held open at once (./checkup-csv.ts). */
  maxOpen?: number
}

export type CheckupImportResult = {
  file: string
  format: CheckupFormat | null
  size: number
  /** CSV only. */
  encoding: DetectedEncoding | null
  /** Checkups read: CSV checkups, XML documents, archive entries refused. */
  checkupsRead: number
  /** Checkups with a known outcome; equals checkupsRead when complete. */
  checkupsDone: number
  inserted: number
  replaced: number
  unchanged: number
  /** Checkups rejected, here or by the server. */
  rejected: number
  /** CSV rows rejected here (those of a checkup not sent, and those that belong to no checkup). */
  rowsRejected: number
  blank: number
  /** Rejection entries (a checkup may have more than one). */
  rejections: number
  firstRejections: CheckupRejection[]
  /** Written only when there is a rejection; a stale one from an earlier run is removed otherwise. */
  rejectedFile: string | null
  batches: number
  elapsedMs: number
  /** Everything was read and every batch answered. */
  complete: boolean
  fatal: OpsError | null
}

/** FILE.rejected.csv beside the input (x.csv, x.xml and x.zip → x.rejected.csv). */
export function checkupRejectedPathFor(file: string): string {
  return file.replace(/\.(csv|txt|tsv|xml|zip)$/i, '') + '.rejected.csv'
}

// ------------------------------------------------------------------------------------------------ format

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

function fileError(file: string, err: unknown): OpsError {
  return new OpsError('file_unreadable', {
    file,
    reason: (err as { code?: string }).code ?? String(err),
  })
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

// ----------------------------------------------------------------------------------------------- mapping

/** A CSV checkup as the API takes it: every value raw, read by the server by the catalogue's kind of item. */
export function csvCheckupInput(c: CsvCheckup, ref: string): CheckupInput {
  const input: CheckupInput = {
    ref,
    personKey: c.personKey,
    examDate: c.examDate,
    source: 'csv',
    results: c.results.map((r) => {
      const out: CheckupResultInput = {
        code: r.code,
        type: 'raw',
        value: r.notPerformed ? NOT_PERFORMED : r.value,
        line: r.line,
      }
      if (r.unit) out.unit = r.unit
      return out
    }),
  }
  if (c.institution) input.institution = c.institution
  return input
}

/** One parsed result in the API's form. */
export function xmlResultInput(r: ResultValue): CheckupResultInput {
  let out: CheckupResultInput
  const value = r.value
  switch (value.type) {
    case 'PQ': {
      out = { code: r.code, type: 'PQ', value: value.value }
      if (value.unit) out.unit = value.unit
      const low = r.referenceRange?.low?.value
      const high = r.referenceRange?.high?.value
      if (low) out.low = low
      if (high) out.high = high
      if (r.interpretation) out.interpretation = r.interpretation
      if (r.bound) out.bound = r.bound
      break
    }
    case 'CD':
    case 'CO':
      out = { code: r.code, type: value.type, answerCode: value.code }
      if (value.codeSystem) out.answerSystem = value.codeSystem
      break
    case 'ST':
      out = { code: r.code, type: 'ST', text: value.text }
      break
    default:
      out = { code: r.code, type: value.type }
  }
  if (r.group) out.group = r.group
  return out
}

/** A parsed DATA file as the API takes it: the person by card and birth date. */
export function xmlCheckupInput(doc: CheckupDocument, ref: string): CheckupInput {
  const card: NonNullable<CheckupInput['card']> = { number: doc.card.number }
  if (doc.card.symbol !== null) card.symbol = doc.card.symbol
  if (doc.card.branch !== null) card.branch = doc.card.branch
  const input: CheckupInput = {
    ref,
    card,
    birthDate: doc.person.birthDate,
    examDate: doc.examDate,
    source: 'xml',
    results: doc.results.map(xmlResultInput),
  }
  if (doc.institution.name) input.institution = doc.institution.name
  return input
}

function shortRef(name: string): string {
  return name.length <= REF_MAX ? name : '…' + name.slice(name.length - REF_MAX + 1)
}

// ---------------------------------------------------------------------------------------------- sources

type Unit =
  | { kind: 'blank' }
  | { kind: 'send'; input: CheckupInput; line: number | null }
  /** `checkup`: a checkup (document, entry) is rejected; `rows`: CSV rows rejected here. */
  | { kind: 'reject'; rejections: CheckupRejection[]; checkup: boolean; rows: number }

type Source = { size: number; encoding: DetectedEncoding | null; units: AsyncGenerator<Unit> }

/** Reasons whose Japanese message says all the parser's detail would (the line and column are shown beside it). */
const SELF_EXPLAINED_JA = new Set([
  'missing_person_key',
  'missing_value',
  'duplicate_item',
  'checkup_split',
  'invalid_bytes',
])

/** A rejection made here: the message in the operator's language, the parser's detail (plain English) after it. */
export function localMessage(lang: Lang, reason: string, detail = '', params: Params = {}): string {
  const key = `rej_${reason}`
  const text = t(lang, key as MessageKey, params)
  if (text === key) return detail || reason
  if (!detail || (lang === 'ja' && SELF_EXPLAINED_JA.has(reason))) return text
  return lang === 'ja' ? `${text}(${detail})` : `${text}: ${detail}`
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

async function openSource(
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

/** The API's own schema, so that one bad checkup is rejected alone rather than failing its whole batch. */
function schemaProblem(input: CheckupInput, lang: Lang): CheckupRejection | null {
  const checked = v.safeParse(CheckupInputSchema, input)
  if (checked.success) return null
  const issue = checked.issues[0]
  const field = v.getDotPath(issue) ?? ''
  const at = /^results\.(\d+)/.exec(field)
  const result = at ? input.results[Number(at[1])] : undefined
  return {
    ref: input.ref,
    line: result?.line ?? null,
    column: null,
    item: result?.code ?? null,
    reason: 'invalid',
    message: localMessage(lang, 'invalid', issue.message, { field: field || '-' }),
  }
}

// --------------------------------------------------------------------------------------------- the import

type Ordered = { r: CheckupRejection; order: number }
type Batch = {
  checkups: CheckupInput[]
  /** ref → where it sorts and its first line (CSV). */
  meta: Map<string, { order: number; line: number | null }>
  local: Ordered[]
  /** Checkups rejected here, waiting in this batch to be counted in file order. */
  localCheckups: number
  bytes: number
}
const newBatch = (): Batch => ({
  checkups: [],
  meta: new Map(),
  local: [],
  localCheckups: 0,
  bytes: 0,
})

export async function importCheckupFile(
  options: CheckupImportOptions,
): Promise<CheckupImportResult> {
  const now = options.now ?? Date.now
  const started = now()
  const lang = options.lang ?? 'ja'
  const batchSize = Math.max(
    1,
    Math.min(MAX_CHECKUP_BATCH, options.batchSize ?? DEFAULT_CHECKUP_BATCH),
  )
  const maxInFlight = Math.max(1, options.maxInFlight ?? 2)
  const result: CheckupImportResult = {
    file: options.file,
    format: null,
    size: 0,
    encoding: null,
    checkupsRead: 0,
    checkupsDone: 0,
    inserted: 0,
    replaced: 0,
    unchanged: 0,
    rejected: 0,
    rowsRejected: 0,
    blank: 0,
    rejections: 0,
    firstRejections: [],
    rejectedFile: null,
    batches: 0,
    elapsedMs: 0,
    complete: false,
    fatal: null,
  }
  let bytesRead = 0
  let totalBytes = 0
  let done = 0

  const progress = (finished = false) =>
    options.onProgress?.({
      rowsRead: result.checkupsRead,
      rowsDone: done,
      bytesRead,
      totalBytes,
      elapsedMs: now() - started,
      inserted: result.inserted,
      updated: result.replaced,
      unchanged: result.unchanged,
      rejected: result.rejected,
      done: finished,
    })

  let source: Source
  try {
    const s = await stat(options.file).catch((err) => {
      throw fileError(options.file, err)
    })
    if (s.isDirectory()) throw new OpsError('file_is_directory', { file: options.file })
    result.format = await detectCheckupFormat(options.file)
    source = await openSource(
      options.file,
      result.format,
      options.insurer,
      lang,
      (n) => {
        bytesRead += n
      },
      (n) => {
        totalBytes = n
      },
      options.maxOpen,
    )
  } catch (err) {
    result.fatal = asOpsError(err)
    result.elapsedMs = now() - started
    return result
  }
  const csv = result.format === 'csv'
  result.size = source.size
  result.encoding = source.encoding
  if (csv) totalBytes = source.size
  options.onStart?.({
    file: options.file,
    size: source.size,
    format: result.format,
    encoding: source.encoding,
  })

  const rejectionFile = new RejectionFile(
    options.rejectedFile ?? checkupRejectedPathFor(options.file),
    t(lang, 'checkup_rejected_csv_header'),
  )
  let current = newBatch()
  let seq = 0
  const sender = new BatchSender<Batch, CheckupBatchResult>({
    maxInFlight,
    rejectionFile,
    post: (batch) =>
      batch.checkups.length > 0
        ? options.post(options.insurer, { checkups: batch.checkups })
        : null,
    settle: (batch, answer) => {
      if (answer) {
        result.inserted += answer.inserted
        result.replaced += answer.replaced
        result.unchanged += answer.unchanged
      }
      const accepted = answer ? answer.inserted + answer.replaced + answer.unchanged : 0
      result.rejected += batch.localCheckups + Math.max(0, batch.checkups.length - accepted)
      const server: Ordered[] = (answer?.rejected ?? []).map((p) => {
        const ref = String(p.ref)
        const meta = batch.meta.get(ref)
        const line = typeof p.line === 'number' ? p.line : (meta?.line ?? null)
        const r: CheckupRejection = {
          ref,
          line,
          column: null,
          item: p.code ? String(p.code) : null,
          reason: String(p.reason ?? ''),
          message: String(p.message ?? p.reason ?? ''),
        }
        return { r, order: csv ? (line ?? meta?.order ?? 0) : (meta?.order ?? 0) }
      })
      const all = batch.local.concat(server).sort((a, b) => a.order - b.order)
      result.rejections += all.length
      keepFirst(
        result.firstRejections,
        all.map(({ r }) => r),
      )
      done += batch.checkups.length + batch.localCheckups
      return all.map(({ r }) => [
        r.ref,
        r.line ?? '',
        r.column ?? r.item ?? '-',
        r.message,
        r.reason,
      ])
    },
    onFailure: (error) => (result.fatal ??= error),
    onProgress: () => progress(),
  })

  const dispatch = async () => {
    const batch = current
    current = newBatch()
    if (batch.checkups.length > 0 || batch.local.length > 0 || batch.localCheckups > 0)
      await sender.send(batch)
  }

  const rejectHere = (
    unit: { rejections: CheckupRejection[]; checkup: boolean; rows: number },
    order: number,
  ) => {
    if (unit.checkup) current.localCheckups++
    result.rowsRejected += unit.rows
    for (const r of unit.rejections)
      current.local.push({ r, order: csv ? (r.line ?? order) : order })
  }

  try {
    for await (const unit of source.units) {
      if (options.signal?.aborted) {
        result.fatal = new OpsError('import_interrupted', {}, 130)
        break // the checkups read so far are still sent
      }
      if (unit.kind === 'blank') {
        result.blank++
        continue
      }
      seq++
      if (unit.kind === 'reject') {
        if (unit.checkup) result.checkupsRead++
        rejectHere(unit, seq)
      } else {
        result.checkupsRead++
        const input = unit.input
        const problem = schemaProblem(input, lang)
        const bytes = problem ? 0 : Buffer.byteLength(JSON.stringify(input)) + 1
        if (problem || bytes > MAX_CHECKUP_BYTES) {
          const r = problem ?? {
            ref: input.ref,
            line: unit.line,
            column: null,
            item: null,
            reason: 'checkup_too_large',
            message: localMessage(lang, 'checkup_too_large', `${bytes} bytes of JSON`),
          }
          rejectHere({ rejections: [r], checkup: true, rows: 0 }, csv ? (unit.line ?? seq) : seq)
        } else {
          if (current.checkups.length > 0 && current.bytes + bytes > MAX_BATCH_BYTES) {
            await dispatch()
            if (sender.stopped) break
          }
          current.checkups.push(input)
          if (!current.meta.has(input.ref))
            current.meta.set(input.ref, { order: csv ? (unit.line ?? seq) : seq, line: unit.line })
          current.bytes += bytes
        }
      }
      if (current.checkups.length >= batchSize || current.local.length >= LOCAL_FLUSH) {
        await dispatch()
        if (sender.stopped) break
      }
    }
  } catch (err) {
    // a CSV error (unclosed quote …), a read error, an archive refused part-way: what came before is still sent
    result.fatal ??= asOpsError(err)
  } finally {
    await source.units.return(undefined).catch(() => {})
  }

  try {
    if (!sender.stopped) await dispatch()
  } finally {
    result.rejectedFile = await sender.finish()
  }
  result.batches = sender.sent
  result.complete = result.fatal === null
  result.checkupsDone = done
  result.elapsedMs = now() - started
  progress(true)
  return result
}
