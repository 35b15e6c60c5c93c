/**
 * The progress bar's arithmetic: the share of the file read, rows (or documents) per second and the time
 * left, from samples the worker sends (at most 4 a second). The rate is over the last `windowMs` (10 s),
 * so a slow start or a pause does not weigh on it for the rest of the import; the time left is the bytes
 * still to read at the recent bytes-per-second.
 */
export type ProgressSample = {
  /** ms since the import started */
  elapsedMs: number
  /** rows (roster) or documents (checkups) with an outcome */
  done: number
  bytesRead: number
  totalBytes: number
}

export type ProgressView = {
  /** 0…1 */
  fraction: number
  perSecond: number
  /** null until two samples a second apart exist, or when nothing moves */
  secondsLeft: number | null
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
    if (!last) return { fraction: 0, perSecond: 0, secondsLeft: null }
    const fraction =
      last.totalBytes > 0 ? Math.min(1, Math.max(0, last.bytesRead / last.totalBytes)) : 0
    const first = this.samples[0]
    const span = last.elapsedMs - first.elapsedMs
    if (span < 1000) {
      const perSecond = last.elapsedMs > 0 ? (last.done * 1000) / last.elapsedMs : 0
      return { fraction, perSecond, secondsLeft: null }
    }
    const perSecond = ((last.done - first.done) * 1000) / span
    const bytesPerMs = (last.bytesRead - first.bytesRead) / span
    const left = Math.max(0, last.totalBytes - last.bytesRead)
    const secondsLeft = bytesPerMs > 0 ? Math.ceil(left / bytesPerMs / 1000) : null
    return { fraction, perSecond: Math.max(0, perSecond), secondsLeft }
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

/** "1時間2分" / "1 h 2 min" style, from seconds: the screen formats it with its strings. */
export function splitDuration(seconds: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(seconds))
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 }
}
