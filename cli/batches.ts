/**
 * What the roster and checkup imports share once they have a batch: sending it with at most
 * `maxInFlight` requests on the wire, counting the answers in the order the batches were sent (so the
 * rejection file follows the input file), writing FILE.rejected.csv as they come, and stopping at the
 * first batch the server refuses or the rejection file cannot take.
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import { OpsError } from './errors.ts'

/** A batch is sent early when its JSON would pass this (the server takes bodies up to 8 MiB). */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024
/** How many rejections the final report lists; the rejection file has them all. */
export const FIRST_REJECTIONS = 20

export type Cells = Array<string | number>

export function asOpsError(err: unknown): OpsError {
  if (err instanceof OpsError) return err
  return new OpsError('internal_error', { message: (err as Error)?.message ?? String(err) })
}

/** Adds `items` to the report's first rejections, up to FIRST_REJECTIONS. */
export function keepFirst<T>(into: T[], items: T[]): void {
  for (const item of items) {
    if (into.length >= FIRST_REJECTIONS) return
    into.push(item)
  }
}

/**
 * What a spreadsheet may take for a formula (OWASP CSV injection): a cell that starts with = + - @, a
 * tab or CR, or the full-width = + - @ (a Japanese Excel reads ＝ as =), and has anything after it:
 * `-1` too. The sign alone (the rejection files' "-" for a missing column) cannot form a formula.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20][^]/

/**
 * A CSV field for Excel: quoted when needed, and text that could start a formula is prefixed with '.
 * Strings are prefixed even when they look like a plain negative number ("-1+2" is a formula, and the
 * rule stays one test rather than a parser of what Excel evaluates); numbers our own code writes
 * (counts, line numbers) are JavaScript numbers and written as they are.
 */
export function csvField(value: string | number): string {
  let s = String(value)
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** FILE.rejected.csv, written as rejections come: UTF-8 with BOM, CRLF, Excel-safe fields. Opened on the first
 * row; closing it without any removes a stale one from an earlier run. */
export class RejectionFile {
  path: string
  header: string
  stream: WriteStream | null = null
  error: unknown = null

  constructor(path: string, header: string) {
    this.path = path
    this.header = header
  }

  async write(rows: Cells[]): Promise<void> {
    if (rows.length === 0) return
    if (this.error) throw this.error
    if (!this.stream) {
      this.stream = createWriteStream(this.path)
      this.stream.on('error', (err) => {
        this.error ??= err
      })
      this.stream.write(`\uFEFF${this.header}\r\n`)
    }
    const text = rows.map((cells) => cells.map(csvField).join(',')).join('\r\n')
    if (!this.stream.write(text + '\r\n')) await once(this.stream, 'drain')
    if (this.error) throw this.error
  }

  /** Returns the path when something was written. */
  async close(): Promise<string | null> {
    if (!this.stream) {
      await rm(this.path, { force: true }).catch(() => {})
      return null
    }
    this.stream.end()
    await finished(this.stream).catch((err) => {
      this.error ??= err
    })
    if (this.error) throw this.error
    return this.path
  }
}

export type BatchSenderOptions<B, A> = {
  maxInFlight: number
  rejectionFile: RejectionFile
  /** The request for a batch, or null when nothing in it is for the server (only rejections found here). */
  post: (batch: B) => Promise<A> | null
  /** Counts a batch's answer (null: nothing was posted) and returns its rows of the rejection file, in file order. */
  settle: (batch: B, answer: A | null) => Cells[]
  /** The first failure: a batch refused or unanswered, the rejection file unwritable. Reading stops. */
  onFailure: (error: OpsError) => void
  /** After a batch is sent and after one is counted. */
  onProgress: () => void
}

type Settled<A> = { ok: true; value: A | null } | { ok: false; error: unknown }

export class BatchSender<B, A> {
  #options: BatchSenderOptions<B, A>
  #inflight: Array<{ batch: B; promise: Promise<Settled<A>> }> = []
  /** A batch failed or the rejection file did: send nothing more, read no further. */
  stopped = false
  /** Batches sent. */
  sent = 0

  constructor(options: BatchSenderOptions<B, A>) {
    this.#options = options
  }

  /** Sends a batch once fewer than maxInFlight are on the wire (counting the oldest answers meanwhile). */
  async send(batch: B): Promise<void> {
    while (this.#inflight.length >= this.#options.maxInFlight) await this.#settleOldest()
    if (this.stopped) return
    this.sent++
    const posted = this.#options.post(batch)
    const promise: Promise<Settled<A>> = posted
      ? posted.then(
          (value) => ({ ok: true, value }),
          (error) => ({ ok: false, error }),
        )
      : Promise.resolve({ ok: true, value: null })
    this.#inflight.push({ batch, promise })
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
    const { batch, promise } = this.#inflight.shift()!
    const settled = await promise
    if (!settled.ok) {
      this.#fail(asOpsError(settled.error))
      return
    }
    const rows = this.#options.settle(batch, settled.value)
    try {
      await this.#options.rejectionFile.write(rows)
    } catch (err) {
      this.#fileFailed(err)
    }
    this.#options.onProgress()
  }

  #fileFailed(err: unknown) {
    const file = this.#options.rejectionFile.path
    this.#fail(
      new OpsError('file_unwritable', {
        file,
        reason: (err as { code?: string }).code ?? String(err),
      }),
    )
  }

  #fail(error: OpsError) {
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
  fatal: OpsError | null
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
