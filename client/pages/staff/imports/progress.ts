/**
 * The progress bar's arithmetic, from samples the worker sends (at most 4 a second): the share of the
 * work DONE (rows or checkups the server has answered, or refused here), not of the bytes read, since
 * the worker reads ahead of the server. The total is estimated from the rows read so far and the share
 * of the file they came from (rows read ÷ bytes read × file size), refined at every sample and exact
 * once the whole file is read. The rate is the work done over the last `windowMs` (10 s), so a slow
 * start or a pause does not weigh on it for the rest of the import; the time left is the work still to
 * do at that rate, given once some batch has been answered.
 */
export type ProgressSample = {
  /** ms since the import started */
  elapsedMs: number
  /** rows (roster) or documents (checkups) with an outcome */
  done: number
  /** rows (or documents) read from the file so far (ahead of `done`) */
  read: number
  bytesRead: number
  totalBytes: number
}

export type ProgressView = {
  /** 0…1: done ÷ the estimated total */
  fraction: number
  /** rows (or documents) done a second, recently */
  perSecond: number
  /** the estimated total of rows (or documents); null until something is read */
  total: number | null
  /** null until some work is done and the rate is known, or when nothing moves */
  secondsLeft: number | null
}

/** The estimated number of rows (or documents) in the whole file. */
export function estimateTotal(s: ProgressSample): number | null {
  if (s.read <= 0) return null
  if (s.totalBytes <= 0 || s.bytesRead >= s.totalBytes) return Math.max(s.read, s.done)
  if (s.bytesRead <= 0) return null
  return Math.max(s.read, s.done, Math.round((s.read / s.bytesRead) * s.totalBytes))
}

export class ProgressMeter {
  private samples: ProgressSample[] = []
  constructor(private readonly windowMs = 10_000) {}

  add(sample: ProgressSample): ProgressView {
    this.samples.push(sample)
    const cut = sample.elapsedMs - this.windowMs
    while (this.samples.length > 2 && this.samples[1].elapsedMs <= cut) this.samples.shift()
    return this.view()
  }

  reset(): void {
    this.samples = []
  }

  view(): ProgressView {
    const last = this.samples.at(-1)
    if (!last) return { fraction: 0, perSecond: 0, total: null, secondsLeft: null }
    const total = estimateTotal(last)
    const fraction = total ? Math.min(1, Math.max(0, last.done / total)) : 0
    const first = this.samples[0]
    const span = last.elapsedMs - first.elapsedMs
    // the rate of work done: since the start until a second of samples exists, then over the window
    const perSecond =
      span < 1000
        ? last.elapsedMs > 0
          ? (last.done * 1000) / last.elapsedMs
          : 0
        : Math.max(0, ((last.done - first.done) * 1000) / span)
    // the time left once a batch is answered (done moves), from the rate of work done
    const secondsLeft =
      total !== null && last.done > 0 && perSecond > 0 && last.elapsedMs >= 500
        ? Math.ceil(Math.max(0, total - last.done) / perSecond)
        : null
    return { fraction, perSecond, total, secondsLeft }
  }
}

/**
 * When to tell a screen reader (an aria-live region): the first time, then at most every `everyMs`
 * (2 s), and always at the end. The bar itself redraws at every sample.
 */
export function announceGate(everyMs = 2000): (now: number, final?: boolean) => boolean {
  let last = -Infinity
  return (now, final = false) => {
    if (!final && now - last < everyMs) return false
    last = now
    return true
  }
}

/**
 * A text that follows a value at most every `everyMs`, and always ends on the latest: a change inside the
 * interval is written when it ends (so a live region never stays on a stale value). `stop` cancels the
 * pending write.
 */
export function throttledText(
  write: (text: string) => void,
  everyMs = 2000,
  clock: {
    now: () => number
    setTimeout: (f: () => void, ms: number) => unknown
    clearTimeout: (t: unknown) => void
  } = {
    now: () => performance.now(),
    setTimeout: (f, ms) => setTimeout(f, ms),
    clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  },
): { set: (text: string) => void; stop: () => void } {
  const gate = announceGate(everyMs)
  let pending: string | null = null
  let timer: unknown = null
  let lastAt = -Infinity
  const flush = () => {
    timer = null
    if (pending === null) return
    const text = pending
    pending = null
    gate(clock.now(), true)
    lastAt = clock.now()
    write(text)
  }
  return {
    set(text) {
      const now = clock.now()
      if (gate(now)) {
        if (timer !== null) clock.clearTimeout(timer)
        timer = null
        pending = null
        lastAt = now
        write(text)
        return
      }
      pending = text
      if (timer === null) timer = clock.setTimeout(flush, Math.max(0, lastAt + everyMs - now))
    },
    stop() {
      if (timer !== null) clock.clearTimeout(timer)
      timer = null
      pending = null
    },
  }
}

/** "1時間2分" / "1 h 2 min" style, from seconds: the screen formats it with its strings. */
export function splitDuration(seconds: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(seconds))
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 }
}
