/**
 * The checkup import's batches (./checkup-import.ts): filled from the units read, sent by ./batches.ts, and
 * counted when answered, the server's rejections merged with ours in file order.
 */
import type { CheckupInput } from '../checkup-import.ts'
import { utf8Length } from '../utf8.ts'
import {
  BatchSender,
  clipCells,
  keepFirst,
  LOCAL_FLUSH,
  MAX_BATCH_BYTES,
  type Cells,
} from './batches.ts'
import { localMessage, schemaProblem, type CheckupRejection } from './checkup-input.ts'
import type { Run } from './checkup-import.ts'
import type { Unit } from './checkup-sources.ts'
import type { RejectionSink } from './source.ts'
import type { CheckupBatchResult } from './types.ts'

/** One checkup's JSON larger than this is rejected here (a batch holds at most MAX_BATCH_BYTES). */
export const MAX_CHECKUP_BYTES = MAX_BATCH_BYTES

type Ordered = { r: CheckupRejection; order: number }
type Batch = {
  checkups: CheckupInput[]
  /** ref → where it sorts and its first line (CSV). */
  meta: Map<string, { order: number; line: number | null }>
  local: Ordered[]
  /** Checkups rejected here, waiting in this batch to be counted in file order. */
  localCheckups: number
  bytes: number
  /** A CSV's last line in this batch (null for XML and zips). */
  lastLine: number | null
  /** The last unit in this batch: a zip entry's index, else the count of units read. */
  lastUnit: number | null
}
const newBatch = (): Batch => ({
  checkups: [],
  meta: new Map(),
  local: [],
  localCheckups: 0,
  bytes: 0,
  lastLine: null,
  lastUnit: null,
})

/** A rejection's row of the rejection file. */
const cells = (r: CheckupRejection): Cells =>
  clipCells([r.ref, r.line ?? '', r.column ?? r.item ?? '-', r.message, r.reason])

/**
 * The sender of this import's batches (./batches.ts): at most `maxInFlight` on the wire, their answers counted
 * in the order sent, so that the rejection file follows the input file. A batch of local rejections only is
 * not posted, but still settles in its turn.
 */
export function checkupSender(
  run: Run,
  rejectionFile: RejectionSink,
): BatchSender<Batch, CheckupBatchResult> {
  const { options } = run
  const skipUnits = options.skipUnits !== undefined && options.skipUnits > 0
  return new BatchSender<Batch, CheckupBatchResult>({
    maxInFlight: Math.max(1, options.maxInFlight ?? 2),
    rejectionFile,
    rejectionName: options.sinkName ?? options.source.name,
    // a zip resumed at an entry builds no batch before it: its first batch is the next seq
    skip: skipUnits ? 0 : options.skipBatches,
    firstSeq: skipUnits ? (options.skipBatches ?? 0) + 1 : 1,
    post: (batch, seq) => {
      if (!options.tag) {
        return batch.checkups.length > 0
          ? options.post(options.insurer, { checkups: batch.checkups })
          : null
      }
      return options.post(options.insurer, {
        checkups: batch.checkups,
        importId: options.tag.importId,
        seq,
        lastUnit: batch.lastUnit ?? 0,
        localRejections: [...batch.local]
          .sort((a, b) => a.order - b.order)
          .map(({ r }) => cells(r)),
      })
    },
    onSkipped: (batch) => {
      run.done += batch.checkups.length + batch.localCheckups
    },
    onSettled: (batch, seq, answer) =>
      options.onBatchSettled?.({ seq, lastLine: batch.lastLine, lastUnit: batch.lastUnit, answer }),
    settle: (batch, answer) => settleBatch(run, batch, answer),
    onFailure: (error) => (run.result.fatal ??= error),
    onProgress: () => reportProgress(run),
  })
}

/**
 * Counts a batch's answer (null: nothing was posted) and returns its rows for the rejection file. The server
 * names a rejected checkup by its ref; the batch's `meta` gives it back its place in the file (and, for a
 * CSV, its first line when the server names none), so that its rejections and ours are merged in file order.
 * A checkup the server neither counted nor rejected by name is still counted as rejected.
 */
export function settleBatch(run: Run, batch: Batch, answer: CheckupBatchResult | null): Cells[] {
  const { result } = run
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
    return { r, order: run.csv ? (line ?? meta?.order ?? 0) : (meta?.order ?? 0) }
  })
  const all = batch.local.concat(server).sort((a, b) => a.order - b.order)
  result.rejections += all.length
  keepFirst(
    result.firstRejections,
    all.map(({ r }) => r),
  )
  run.done += batch.checkups.length + batch.localCheckups
  return all.map(({ r }) => cells(r))
}

/**
 * The batch being filled. A checkup goes in unless the API's schema refuses it or its JSON is larger than a
 * batch may be: those are rejected here, alone, rather than the server refusing the batch they would be in.
 * Local rejections wait in the batch too, so that they are counted and written in file order with the
 * server's answers.
 */
export class Batcher {
  run: Run
  sender: BatchSender<Batch, CheckupBatchResult>
  current = newBatch()

  constructor(run: Run, sender: BatchSender<Batch, CheckupBatchResult>) {
    this.run = run
    this.sender = sender
  }

  /** Hands the batch to the sender (which may wait for a free slot) and starts a new one. */
  async dispatch(): Promise<void> {
    const batch = this.current
    this.current = newBatch()
    if (batch.checkups.length > 0 || batch.local.length > 0 || batch.localCheckups > 0)
      await this.sender.send(batch)
  }

  /** Marks where the batch being filled has reached: the unit just added or rejected. */
  reached(unit: number, line: number | null): void {
    this.current.lastUnit = unit
    if (line !== null && this.run.csv)
      this.current.lastLine = Math.max(this.current.lastLine ?? 0, line)
  }

  /** Full: enough checkups, or enough local rejections that memory would grow without a send. */
  full(): boolean {
    const { checkups, local } = this.current
    return checkups.length >= this.run.batchSize || local.length >= LOCAL_FLUSH
  }

  /** A rejection made here (a checkup, or CSV rows that belong to none), placed at `order`. */
  reject(unit: { rejections: CheckupRejection[]; checkup: boolean; rows: number }, order: number) {
    if (unit.checkup) this.current.localCheckups++
    this.run.result.rowsRejected += unit.rows
    for (const r of unit.rejections)
      this.current.local.push({ r, order: this.run.csv ? (r.line ?? order) : order })
  }

  /**
   * Adds a checkup, or rejects it here. A checkup that would push the batch past MAX_BATCH_BYTES sends the
   * batch first. False when that send found the import stopped.
   */
  async add(unit: Extract<Unit, { kind: 'send' }>, seq: number): Promise<boolean> {
    const { input, line } = unit
    const lang = this.run.lang
    const order = this.run.csv ? (line ?? seq) : seq
    const problem = schemaProblem(input, lang)
    const bytes = problem ? 0 : utf8Length(JSON.stringify(input)) + 1
    if (problem || bytes > MAX_CHECKUP_BYTES) {
      const r = problem ?? {
        ref: input.ref,
        line,
        column: null,
        item: null,
        reason: 'checkup_too_large',
        message: localMessage(lang, 'checkup_too_large', `${bytes} bytes of JSON`),
      }
      this.reject({ rejections: [r], checkup: true, rows: 0 }, order)
      return true
    }
    if (this.current.checkups.length > 0 && this.current.bytes + bytes > MAX_BATCH_BYTES) {
      await this.dispatch()
      if (this.sender.stopped) return false
    }
    this.current.checkups.push(input)
    if (!this.current.meta.has(input.ref)) this.current.meta.set(input.ref, { order, line })
    this.current.bytes += bytes
    return true
  }
}

/** The progress callback speaks in rows (the roster import's words): here a row is a checkup. */
export function reportProgress(run: Run, finished = false): void {
  const { result } = run
  run.options.onProgress?.({
    rowsRead: result.checkupsRead,
    rowsDone: run.done,
    bytesRead: run.bytesRead,
    totalBytes: run.totalBytes,
    elapsedMs: run.now() - run.started,
    inserted: result.inserted,
    updated: result.replaced,
    unchanged: result.unchanged,
    rejected: result.rejected,
    done: finished,
  })
}
