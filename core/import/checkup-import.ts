/**
 * Checkup import: a checkup CSV, one national XML DATA file or a whole zip archive, read with the parsers
 * (./checkup-csv.ts, ./checkup-xml.ts, ./checkup-archive.ts), mapped to the operator API's checkups
 * (core/checkup-import.ts) and sent to POST /api/ops/insurers/:number/checkups in batches of at most
 * `batchSize` checkups (200) and MAX_BATCH_BYTES of JSON, at most `maxInFlight` (2) at a time; while both are
 * out, nothing more is read. The same design as ./roster-import.ts, sent by ./batches.ts: local rejections and the server's go, in
 * file order, to the rejection sink (the CLI's FILE.rejected.csv, with a `ref` column), the first 20 into the
 * result; an abort sends what was read and stops; the source, the zip reader, the sink and the POST
 * function are parameters.
 *
 * What is never sent:
 * - a CSV checkup that had a row rejected here: the server would replace the stored checkup with an
 *   incomplete one. Its rows are reported, and the checkup counted as rejected;
 * - a document the XML parser refuses, an archive entry refused (unsafe path, bomb, junk), a document of
 *   another insurer: each is a per-file rejection;
 * - a checkup the API's schema would refuse (the server refuses the whole batch for one): checked here with
 *   the same schema, and rejected alone.
 */
import type { Lang } from '../i18n.ts'
import { closeImport } from './batches.ts'
import { Batcher, checkupSender, reportProgress } from './checkup-batches.ts'
import type { CheckupRejection } from './checkup-input.ts'
import {
  detectCheckupFormat,
  openSource,
  type CheckupFormat,
  type Source,
} from './checkup-sources.ts'
import type { DetectedEncoding } from './csv-records.ts'
import { asImportError, ImportError } from './errors.ts'
import type { BatchSettled, ImportProgress } from './roster-import.ts'
import type { ByteSource, CountedZipAccess, RejectionSink, ZipAccess } from './source.ts'
import type { CheckupBatch, CheckupBatchResult } from './types.ts'

export {
  csvCheckupInput,
  localMessage,
  xmlCheckupInput,
  xmlResultInput,
  type CheckupRejection,
} from './checkup-input.ts'
export { MAX_CHECKUP_BYTES } from './checkup-batches.ts'
export { detectCheckupFormat, sniffCheckupFormat, type CheckupFormat } from './checkup-sources.ts'

export const DEFAULT_CHECKUP_BATCH = 200
/** The API takes 1–500 checkups a request. */
export const MAX_CHECKUP_BATCH = 500

export type PostCheckups = (insurer: string, batch: CheckupBatch) => Promise<CheckupBatchResult>

export type CheckupImportStart = {
  file: string
  size: number
  format: CheckupFormat
  encoding: DetectedEncoding | null
}

export type CheckupImportOptions = {
  source: ByteSource
  /** A zip's random access over the same file (required for a zip). */
  zip?: ZipAccess | CountedZipAccess
  /** Where rejections go (header: `checkup_rejected_csv_header`). */
  sink: RejectionSink
  /** How the sink is named if it fails (file_unwritable). */
  sinkName?: string
  insurer: string
  post: PostCheckups
  batchSize?: number
  maxInFlight?: number
  /** Language of the local rejection messages. */
  lang?: Lang
  signal?: AbortSignal
  onStart?: (info: CheckupImportStart) => void
  /** rowsRead / rowsDone count checkups (documents); `updated` is `replaced`. */
  onProgress?: (progress: ImportProgress) => void
  now?: () => number
  /** CSV: checkups held open at once (./checkup-csv.ts). */
  maxOpen?: number
  /** The import record this run feeds: each body carries importId, seq, lastUnit and localRejections,
   * and a batch of local rejections only is posted too (./roster-import.ts, `tag`). */
  tag?: { importId: string }
  /** A resume: batches 1…n are built as before and dropped unsent; sending starts at n+1. */
  skipBatches?: number
  /** A zip resumed: entries before this index are passed over without inflating, and the first batch
   * built is seq skipBatches+1 (give the entry after the last batch's `lastUnit`). */
  skipUnits?: number
  /** Each batch counted, in seq order (answer null: nothing was posted). */
  onBatchSettled?: (info: BatchSettled<CheckupBatchResult>) => void
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
  fatal: ImportError | null
}

// --------------------------------------------------------------------------------------------- the import

/** One import's state, shared by the steps below. */
export type Run = {
  options: CheckupImportOptions
  lang: Lang
  /** Checkups a batch (1 to MAX_CHECKUP_BATCH). */
  batchSize: number
  now: () => number
  started: number
  result: CheckupImportResult
  /** A CSV's rejections sort by line (a checkup's rows may lie apart); others by the order read. */
  csv: boolean
  bytesRead: number
  totalBytes: number
  /** Checkups with an outcome (answered, or rejected here), counted as batches settle. */
  done: number
}

export async function importCheckupFile(
  options: CheckupImportOptions,
): Promise<CheckupImportResult> {
  const now = options.now ?? Date.now
  const run: Run = {
    options,
    lang: options.lang ?? 'ja',
    batchSize: Math.max(1, Math.min(MAX_CHECKUP_BATCH, options.batchSize ?? DEFAULT_CHECKUP_BATCH)),
    now,
    started: now(),
    result: emptyCheckupResult(options.source.name),
    csv: false,
    bytesRead: 0,
    totalBytes: 0,
    done: 0,
  }
  const { result } = run
  let source: Source
  try {
    source = await openCheckupFile(run)
  } catch (err) {
    result.fatal = asImportError(err)
    result.elapsedMs = now() - run.started
    return result
  }
  options.onStart?.({
    file: options.source.name,
    size: source.size,
    format: result.format!,
    encoding: source.encoding,
  })
  const batcher = new Batcher(run, checkupSender(run, options.sink))
  await readUnits(run, source, batcher)
  await closeImport(
    batcher.sender,
    () => batcher.dispatch(),
    result,
    () => now() - run.started,
  )
  result.checkupsDone = run.done
  reportProgress(run, true)
  return result
}

/** The result of an import that sent nothing (a file refused before its first batch). */
export function emptyCheckupResult(file: string): CheckupImportResult {
  return {
    file,
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
}

/**
 * The file opened before anything is sent, so that a format that cannot be read fails at once (an
 * ImportError) rather than after a first batch. The format decides how
 * progress is measured: a CSV's bytes read of its size, an XML file's too, an archive's inflated bytes of
 * what its DATA entries declare.
 */
async function openCheckupFile(run: Run): Promise<Source> {
  const { options, result } = run
  result.format = await detectCheckupFormat(options.source)
  run.csv = result.format === 'csv'
  const source = await openSource(
    {
      source: options.source,
      zip: options.zip,
      skipUnits: options.skipUnits,
      signal: options.signal,
    },
    result.format,
    options.insurer,
    run.lang,
    (n) => {
      run.bytesRead += n
    },
    (n) => {
      run.totalBytes = n
    },
    options.maxOpen,
  )
  result.size = source.size
  result.encoding = source.encoding
  if (run.csv) run.totalBytes = source.size
  return source
}

/**
 * Reads the file unit by unit into batches, sending each when full. Stops reading at an abort (what was read
 * is still sent: the import is interrupted, exit 130) and at the sender's first failure. An error while
 * reading (an unclosed quote, a read error, an archive refused part-way) fails the import, but what came
 * before it is still sent.
 */
async function readUnits(run: Run, source: Source, batcher: Batcher): Promise<void> {
  const { result, options } = run
  let seq = 0
  try {
    for await (const unit of source.units) {
      if (options.signal?.aborted) {
        result.fatal = new ImportError('import_stopped')
        break // the checkups read so far are still sent
      }
      if (unit.kind === 'blank') {
        result.blank++
        continue
      }
      seq++
      if (unit.kind === 'reject') {
        if (unit.checkup) result.checkupsRead++
        batcher.reject(unit, seq)
        batcher.reached(unit.index ?? seq, unit.rejections[0]?.line ?? null)
      } else {
        result.checkupsRead++
        if (!(await batcher.add(unit, seq))) break
        batcher.reached(unit.index ?? seq, unit.line)
      }
      if (batcher.full()) {
        await batcher.dispatch()
        if (batcher.sender.stopped) break
      }
    }
  } catch (err) {
    // a CSV error (unclosed quote …), a read error, an archive refused part-way: what came before is still sent
    result.fatal ??= asImportError(err)
  } finally {
    await source.units.return(undefined).catch(() => {})
  }
}
