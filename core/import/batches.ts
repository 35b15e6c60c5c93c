/**
 * What the roster and checkup imports share once they have a batch: sending it with at most
 * `maxInFlight` requests on the wire, counting the answers in the order the batches were sent (so the
 * rejection file follows the input file), writing the rejection rows to the sink as they come (the CLI's
 * FILE.rejected.csv), and stopping at the first batch the server refuses or the sink cannot take.
 */
import { asImportError, ImportError } from './errors.ts'
import type { Cells, RejectionSink } from './source.ts'
import { csvField } from '../csv-field.ts'

export { csvField }

export type { Cells } from './source.ts'

/** A batch is sent early when its JSON would pass this (the server takes bodies up to 8 MiB). */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024
/** How many rejections the final report lists; the rejection file has them all. */
export const FIRST_REJECTIONS = 20

/** Adds `items` to the report's first rejections, up to FIRST_REJECTIONS. */
export function keepFirst<T>(into: T[], items: T[]): void {
  for (const item of items) {
    if (into.length >= FIRST_REJECTIONS) return
    into.push(item)
  }
}

/** A batch is sent once this many rejections made here wait in it (memory stays bounded; an import
 * record takes at most this many a batch). */
export const LOCAL_FLUSH = 1000
/** Longest text of a rejection row's cell (an import record keeps cells up to this). */
export const MAX_CELL_CHARS = 1000

/** A rejection row with each text cut to MAX_CELL_CHARS. */
export function clipCells(cells: Cells): Cells {
  return cells.map((c) =>
    typeof c === 'string' && c.length > MAX_CELL_CHARS ? c.slice(0, MAX_CELL_CHARS - 1) + '…' : c,
  )
}

/** Rows of a rejection file: CRLF after each, Excel-safe fields (csvField). */
export function rejectionLines(rows: Cells[]): string {
  return rows.map((cells) => cells.map(csvField).join(',') + '\r\n').join('')
}

/** A whole rejection file's text: UTF-8 BOM, the header, the rows. */
export function rejectionCsv(header: string, rows: Cells[]): string {
  return `\uFEFF${header}\r\n` + rejectionLines(rows)
}

export type BatchSenderOptions<B, A> = {
  maxInFlight: number
  rejectionFile: RejectionSink
  /** How the sink is named in an error (file_unwritable {file}); default: its `path`, if it has one. */
  rejectionName?: string
  /** The request for a batch (`seq`: 1, 2, 3 … in the order built), or null when nothing in it is for the
   * server (only rejections found here, and no import record to tell). */
  post: (batch: B, seq: number) => Promise<A> | null
  /** Counts a batch's answer (null: nothing was posted) and returns its rows of the rejection file, in file order. */
  settle: (batch: B, answer: A | null) => Cells[]
  /** The first failure: a batch refused or unanswered, the rejection file unwritable. Reading stops. */
  onFailure: (error: ImportError) => void
  /** After a batch is sent and after one is counted. */
  onProgress: () => void
  /**
   * A resumed import: the first `skip` batches are built as a normal run would, then dropped unsent (no
   * post, no settle, no rejection row): the server has them already.
   */
  skip?: number
  /** The seq of the first batch built (default 1): a zip resumed at an entry builds no batch before it. */
  firstSeq?: number
  /** A batch dropped by `skip`. */
  onSkipped?: (batch: B, seq: number) => void
  /** A batch counted and its rejection rows written, in seq order (answer null: nothing was posted). */
  onSettled?: (batch: B, seq: number, answer: A | null) => void
}

type Settled<A> = { ok: true; value: A | null } | { ok: false; error: unknown }

export class BatchSender<B, A> {
  #options: BatchSenderOptions<B, A>
  #inflight: Array<{ batch: B; seq: number; promise: Promise<Settled<A>> }> = []
  /** A batch failed or the rejection file did: send nothing more, read no further. */
  stopped = false
  /** Batches sent (not those skipped). */
  sent = 0
  /** The seq of the last batch built. */
  seq: number

  constructor(options: BatchSenderOptions<B, A>) {
    this.#options = options
    this.seq = (options.firstSeq ?? 1) - 1
  }

  /** Sends a batch once fewer than maxInFlight are on the wire (counting the oldest answers meanwhile). */
  async send(batch: B): Promise<void> {
    if (this.seq < (this.#options.skip ?? 0)) {
      this.seq++
      this.#options.onSkipped?.(batch, this.seq)
      this.#options.onProgress()
      return
    }
    while (this.#inflight.length >= this.#options.maxInFlight) await this.#settleOldest()
    if (this.stopped) return
    this.sent++
    const seq = ++this.seq
    const posted = this.#options.post(batch, seq)
    const promise: Promise<Settled<A>> = posted
      ? posted.then(
          (value) => ({ ok: true, value }),
          (error) => ({ ok: false, error }),
        )
      : Promise.resolve({ ok: true, value: null })
    this.#inflight.push({ batch, seq, promise })
    this.#options.onProgress()
  }

  /** Counts every batch still on the wire, then closes the rejection file: its path, or null if it stayed empty. */
  async finish(): Promise<string | null> {
    try {
      while (this.#inflight.length > 0) await this.#settleOldest()
    } finally {
      try {
        return await this.#options.rejectionFile.close()
      } catch (err) {
        this.#fileFailed(err)
        return null
      }
    }
  }

  async #settleOldest(): Promise<void> {
    const { batch, seq, promise } = this.#inflight.shift()!
    const settled = await promise
    if (!settled.ok) {
      this.#fail(asImportError(settled.error))
      return
    }
    const rows = this.#options.settle(batch, settled.value)
    let written = true
    try {
      await this.#options.rejectionFile.write(rows)
    } catch (err) {
      written = false
      this.#fileFailed(err)
    }
    if (written) this.#options.onSettled?.(batch, seq, settled.value)
    this.#options.onProgress()
  }

  #fileFailed(err: unknown) {
    const file =
      this.#options.rejectionName ?? (this.#options.rejectionFile as { path?: string }).path ?? ''
    this.#fail(
      new ImportError('file_unwritable', {
        file,
        reason: (err as { code?: string }).code ?? String(err),
      }),
    )
  }

  #fail(error: ImportError) {
    this.stopped = true
    this.#options.onFailure(error)
  }
}

/** What every import reports about how it ended. */
export type ImportEnd = {
  rejectedFile: string | null
  batches: number
  elapsedMs: number
  complete: boolean
  fatal: ImportError | null
}

/**
 * The end of an import, roster or checkups: the last batch is sent unless a failure stopped the sender,
 * every answer is counted and the rejection file closed (even when sending failed, so that no rejection
 * already known is lost), then how it ended is written into `result`.
 */
export async function closeImport<B, A>(
  sender: BatchSender<B, A>,
  sendLast: () => Promise<void>,
  result: ImportEnd,
  elapsedMs: () => number,
): Promise<void> {
  try {
    if (!sender.stopped) await sendLast()
  } finally {
    result.rejectedFile = await sender.finish()
  }
  result.batches = sender.sent
  result.complete = result.fatal === null
  result.elapsedMs = elapsedMs()
}
