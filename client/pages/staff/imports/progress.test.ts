import { describe, expect, it } from 'vitest'
import {
  announceGate,
  estimateTotal,
  ProgressMeter,
  splitDuration,
  throttledText,
} from './progress'

describe('the progress meter', () => {
  it('gives the share of the work done against the estimated total, not the bytes read', () => {
    const meter = new ProgressMeter(10_000)
    expect(meter.view()).toEqual({ fraction: 0, perSecond: 0, total: null, secondsLeft: null })
    // the worker has read 73% of the file but the server has answered nothing: 0%, no time left
    let v = meter.add({
      elapsedMs: 400,
      done: 0,
      read: 14_600,
      bytesRead: 730_000,
      totalBytes: 1_000_000,
    })
    expect(v.fraction).toBe(0)
    expect(v.total).toBe(20_000)
    expect(v.secondsLeft).toBeNull()
    // a batch answered at 1 s: 1,000 of ~20,000 rows → 5%, 1,000 rows/s since the start → 19 s left
    v = meter.add({
      elapsedMs: 1000,
      done: 1000,
      read: 14_600,
      bytesRead: 730_000,
      totalBytes: 1_000_000,
    })
    expect(v.fraction).toBeCloseTo(0.05)
    expect(v.perSecond).toBe(1000)
    expect(v.secondsLeft).toBe(19)
    // 2 s later: 5,000 rows done since the first sample (2.6 s) → ~1,923 rows/s; 15,000 left → 8 s
    v = meter.add({
      elapsedMs: 3000,
      done: 5000,
      read: 20_000,
      bytesRead: 1_000_000,
      totalBytes: 1_000_000,
    })
    expect(v.total).toBe(20_000)
    expect(v.fraction).toBeCloseTo(0.25)
    expect(Math.round(v.perSecond)).toBe(1923)
    expect(v.secondsLeft).toBe(8)
  })

  it('refines the estimate as it reads, and is exact once the file is read', () => {
    expect(
      estimateTotal({ elapsedMs: 0, done: 0, read: 0, bytesRead: 100, totalBytes: 1000 }),
    ).toBeNull()
    expect(
      estimateTotal({ elapsedMs: 0, done: 0, read: 10, bytesRead: 100, totalBytes: 1000 }),
    ).toBe(100)
    expect(
      estimateTotal({ elapsedMs: 0, done: 0, read: 36, bytesRead: 1000, totalBytes: 1000 }),
    ).toBe(36)
    // never less than what is already read or done
    expect(
      estimateTotal({ elapsedMs: 0, done: 50, read: 60, bytesRead: 900, totalBytes: 1000 }),
    ).toBe(67)
  })

  it('forgets samples older than the window, so a slow start stops weighing on the rate', () => {
    const meter = new ProgressMeter(10_000)
    meter.add({ elapsedMs: 0, done: 0, read: 0, bytesRead: 0, totalBytes: 30_000_000 })
    meter.add({
      elapsedMs: 20_000,
      done: 1000,
      read: 1000,
      bytesRead: 100_000,
      totalBytes: 30_000_000,
    }) // slow
    for (let t = 21_000; t <= 40_000; t += 1000) {
      const done = 1000 + ((t - 20_000) / 1000) * 10_000
      meter.add({ elapsedMs: t, done, read: done, bytesRead: done * 100, totalBytes: 30_000_000 })
    }
    const v = meter.view()
    expect(v.perSecond).toBe(10_000)
    // 300,000 rows in all, 201,000 done, at 10,000 rows/s
    expect(v.total).toBe(300_000)
    expect(v.secondsLeft).toBe(10)
  })

  it('gives no time left while nothing moves, and never more than the whole', () => {
    const meter = new ProgressMeter()
    meter.add({ elapsedMs: 0, done: 10, read: 10, bytesRead: 50, totalBytes: 100 })
    const v = meter.add({ elapsedMs: 5000, done: 10, read: 10, bytesRead: 50, totalBytes: 100 })
    expect(v.secondsLeft).toBeNull()
    expect(v.perSecond).toBe(0)
    expect(
      meter.add({ elapsedMs: 6000, done: 21, read: 21, bytesRead: 120, totalBytes: 100 }).fraction,
    ).toBe(1)
  })
})

describe('the live text', () => {
  it('writes at once, then at most every interval, and always ends on the latest text', () => {
    let now = 0
    const timers: { at: number; f: () => void }[] = []
    const written: string[] = []
    const live = throttledText((t) => written.push(t), 2000, {
      now: () => now,
      setTimeout: (f, ms) => timers.push({ at: now + ms, f }),
      clearTimeout: () => {},
    })
    live.set('a')
    now = 500
    live.set('b')
    now = 900
    live.set('c')
    expect(written).toEqual(['a'])
    now = 2000
    timers.shift()!.f()
    expect(written).toEqual(['a', 'c'])
    live.stop()
  })
})

describe('the screen reader gate', () => {
  it('lets the first announcement through, then one per 2 s, and the final one always', () => {
    const gate = announceGate(2000)
    expect(gate(0)).toBe(true)
    expect(gate(500)).toBe(false)
    expect(gate(1999)).toBe(false)
    expect(gate(2000)).toBe(true)
    expect(gate(2100, true)).toBe(true)
    expect(gate(2200)).toBe(false)
  })
})

describe('durations', () => {
  it('splits seconds into hours, minutes and seconds', () => {
    expect(splitDuration(3725)).toEqual({ h: 1, m: 2, s: 5 })
    expect(splitDuration(59.6)).toEqual({ h: 0, m: 1, s: 0 })
    expect(splitDuration(-3)).toEqual({ h: 0, m: 0, s: 0 })
  })
})
