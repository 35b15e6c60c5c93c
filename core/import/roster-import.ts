/**
 * Roster import: streams a CSV source to POST /api/ops/insurers/:number/roster/batches in batches, at most
 * `maxInFlight` (2) at a time; while both are out, nothing more is read. Rows that cannot be sent (column count,
 * undecodable bytes) are rejected here; the server validates the rest. Every rejection goes, in line order, to
 * the rejection sink (the CLI's FILE.rejected.csv), the first 20 into the result. The source, the sink and the
 * POST function are parameters: the command line (cli/import-files.ts) and the console's Web Worker give
 * theirs, and the whole flow runs against an in-process fake in tests.
 */
import {
  BatchSender,
  clipCells,
  closeImport,
  keepFirst,
  LOCAL_FLUSH,
  MAX_BATCH_BYTES,
} from './batches.ts'
import { openCsv, type CsvFile, type DetectedEncoding, type ReadOptions } from './csv-records.ts'
import { asImportError, ImportError } from './errors.ts'
import type { ByteSource, Cells, RejectionSink } from './source.ts'
import type { BatchResult, Rejection, RosterBatch, RosterRow } from './types.ts'
import { t, type Lang } from '../i18n.ts'

export const PERSON_KEY_HEADERS = ['個人識別番号', 'person_key']
export const DEFAULT_BATCH = 1000
export const MAX_BATCH = 2000
/** The server refuses a whole batch holding a longer field (core/insurer.ts RosterBatchBody), so such a row
 * is rejected here. */
export const MAX_FIELD_CHARS = 1000

export type PostBatch = (insurer: string, batch: RosterBatch) => Promise<BatchResult>

export type ImportProgress = {
  rowsRead: number
  /** Rows whose batch has been answered (or that were rejected here and written). */
  rowsDone: number
  bytesRead: number
  totalBytes: number
  elapsedMs: number
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  done: boolean
}

export type ImportStart = {
  file: string
  size: number
  encoding: DetectedEncoding
  header: string[]
}

export type ImportOptions = {
  source: ByteSource
  /** Where rejected rows go (header: `rejected_csv_header` in `lang`). */
  sink: RejectionSink
  /** How the sink is named if it fails (file_unwritable). */
  sinkName?: string
  insurer: string
  post: PostBatch
  batchSize?: number
  maxInFlight?: number
  onProgress?: (progress: ImportProgress) => void
  onStart?: (info: ImportStart) => void
  /** Language of the local rejection reasons. */
  lang?: Lang
  signal?: AbortSignal
  readOptions?: ReadOptions
  now?: () => number
  /**
   * The import record this run feeds (POST /insurers/:n/imports): every body then carries `importId`,
   * `seq` and `localRejections` (the rejection rows of this batch made here), and a batch of local
   * rejections only is posted too (no rows), so the server's record of the import is complete.
   * Without it the bodies are exactly those of an untracked import.
   */
  tag?: { importId: string }
  /** A resume: batches 1…n are built as before and dropped unsent; sending starts at n+1. */
  skipBatches?: number
  /** Each batch counted, in seq order (answer null: nothing was posted). */
  onBatchSettled?: (info: BatchSettled<BatchResult>) => void
}

/** What a resume needs from each batch counted: its seq, the last line (or unit) it covers, the answer. */
export type BatchSettled<A> = {
  seq: number
  lastLine: number | null
  /** Checkups: the zip entry index, or the CSV units, consumed up to the end of the batch. */
  lastUnit: number | null
  answer: A | null
}

export type ImportResult = {
  file: string
  size: number
  encoding: DetectedEncoding | null
  rowsRead: number
  /** Rows with a known outcome (answered by the server or rejected here); equals rowsRead when complete. */
  rowsDone: number
  blank: number
  inserted: number
  updated: number
  unchanged: number
  /** Rows rejected (here or by the server). */
  rejected: number
  /** Rejection entries (a row may have more than one). */
  rejections: number
  firstRejections: Rejection[]
  /** Written only when there is a rejection; a stale one from an earlier run is removed otherwise. */
  rejectedFile: string | null
  batches: number
  elapsedMs: number
  /** The whole file was read and every batch answered. */
  complete: boolean
  fatal: ImportError | null
}

type Batch = { rows: RosterRow[]; local: Rejection[]; bytes: number; lastLine: number | null }

const localCells = (local: Rejection[]): Cells[] =>
  local.map((r) => clipCells([r.line, r.column, r.message, r.reason]))

export async function importRoster(options: ImportOptions): Promise<ImportResult> {
  const now = options.now ?? Date.now
  const started = now()
  const lang = options.lang ?? 'ja'
  const batchSize = Math.max(1, Math.min(MAX_BATCH, options.batchSize ?? DEFAULT_BATCH))
  const maxInFlight = Math.max(1, options.maxInFlight ?? 2)
  const result = emptyRosterResult(options.source.name)
  let bytesRead = 0
  let rowsDone = 0

  const progress = (done = false) =>
    options.onProgress?.({
      rowsRead: result.rowsRead,
      rowsDone,
      bytesRead,
      totalBytes: result.size,
      elapsedMs: now() - started,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      done,
    })

  let csv: CsvFile
  try {
    csv = await openCsv(options.source, {
      ...options.readOptions,
      requireColumn: PERSON_KEY_HEADERS,
      onBytes: (n) => {
        bytesRead += n
      },
    })
  } catch (err) {
    result.fatal = asImportError(err)
    result.elapsedMs = now() - started
    return result
  }
  result.size = csv.size
  result.encoding = csv.encoding
  options.onStart?.({
    file: options.source.name,
    size: csv.size,
    encoding: csv.encoding,
    header: csv.header,
  })

  const header = csv.header
  const sender = new BatchSender<Batch, BatchResult>({
    maxInFlight,
    rejectionFile: options.sink,
    rejectionName: options.sinkName ?? options.source.name,
    skip: options.skipBatches,
    post: (batch, seq) => {
      if (!options.tag) {
        return batch.rows.length > 0
          ? options.post(options.insurer, { header, rows: batch.rows })
          : null
      }
      return options.post(options.insurer, {
        header,
        rows: batch.rows,
        importId: options.tag.importId,
        seq,
        localRejections: localCells(batch.local),
      })
    },
    onSkipped: (batch) => {
      rowsDone += batch.rows.length + batch.local.length
    },
    onSettled: (batch, seq, answer) =>
      options.onBatchSettled?.({ seq, lastLine: batch.lastLine, lastUnit: null, answer }),
    settle: (batch, answer) => {
      if (answer) {
        result.inserted += answer.inserted
        result.updated += answer.updated
        result.unchanged += answer.unchanged
      }
      const serverRejected = (answer?.rejected ?? []).map((r) => ({
        line: Number(r.line),
        column: r.column ? String(r.column) : '-',
        reason: String(r.reason ?? ''),
        message: String(r.message ?? r.reason ?? ''),
      }))
      const all = batch.local.concat(serverRejected).sort((a, b) => a.line - b.line)
      result.rejected += batch.local.length + new Set(serverRejected.map((r) => r.line)).size
      result.rejections += all.length
      keepFirst(result.firstRejections, all)
      rowsDone += batch.rows.length + batch.local.length
      return localCells(all)
    },
    onFailure: (error) => (result.fatal ??= error),
    onProgress: () => progress(),
  })
  let current: Batch = { rows: [], local: [], bytes: 0, lastLine: null }

  const dispatch = async () => {
    const batch = current
    current = { rows: [], local: [], bytes: 0, lastLine: null }
    if (batch.rows.length > 0 || batch.local.length > 0) await sender.send(batch)
  }

  try {
    for await (const item of csv.items) {
      if (options.signal?.aborted) {
        result.fatal = new ImportError('import_stopped')
        break // the rows read so far are still sent
      }
      if (item.kind === 'blank') {
        result.blank++
        continue
      }
      result.rowsRead++
      current.lastLine = item.line
      if (item.kind === 'invalid') {
        current.local.push(
          item.reason === 'column_count'
            ? {
                line: item.line,
                column: item.column,
                reason: 'column_count',
                message: t(lang, 'reject_column_count', {
                  count: item.count,
                  expected: item.expected,
                }),
              }
            : {
                line: item.line,
                column: item.column,
                reason: 'invalid_bytes',
                message: t(lang, 'reject_invalid_bytes'),
              },
        )
      } else if (item.fields.some((f) => f.length > MAX_FIELD_CHARS)) {
        const at = item.fields.findIndex((f) => f.length > MAX_FIELD_CHARS)
        current.local.push({
          line: item.line,
          column: header[at] || String(at + 1),
          reason: 'field_too_long',
          message: t(lang, 'reject_field_too_long', { max: MAX_FIELD_CHARS }),
        })
      } else {
        current.rows.push({ line: item.line, fields: item.fields })
        let bytes = 24
        for (const f of item.fields) bytes += f.length * 3 + 4
        current.bytes += bytes
      }
      if (
        current.rows.length >= batchSize ||
        current.bytes >= MAX_BATCH_BYTES ||
        current.local.length >= Math.min(batchSize, LOCAL_FLUSH)
      ) {
        await dispatch()
        if (sender.stopped) break
      }
    }
  } catch (err) {
    // a CSV error (unclosed quote …) or a read error: the rows before it are still sent
    result.fatal ??= asImportError(err)
  }

  await closeImport(sender, dispatch, result, () => now() - started)
  result.rowsDone = rowsDone
  progress(true)
  return result
}

/** The result of an import that sent nothing (a file refused before its first batch). */
export function emptyRosterResult(file: string): ImportResult {
  return {
    file,
    size: 0,
    encoding: null,
    rowsRead: 0,
    rowsDone: 0,
    blank: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejections: 0,
    firstRejections: [],
    rejectedFile: null,
    batches: 0,
    elapsedMs: 0,
    complete: false,
    fatal: null,
  }
}
