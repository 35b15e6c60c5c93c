import { describe, expect, it } from 'vitest'
import { announceGate, ProgressMeter, splitDuration } from './progress'

describe('the progress meter', () => {
  it('gives the share read, the rate and the time left from the recent samples', () => {
    const meter = new ProgressMeter(10_000)
    expect(meter.view()).toEqual({ fraction: 0, perSecond: 0, secondsLeft: null })
    // under a second of samples: rate since the start, no time left yet
    let v = meter.add({ elapsedMs: 500, done: 1000, bytesRead: 100_000, totalBytes: 1_000_000 })
    expect(v).toEqual({ fraction: 0.1, perSecond: 2000, secondsLeft: null })
    // 2 s later: 4,000 more rows, 200,000 more bytes → 2,000 rows/s, 100,000 B/s, 700,000 B left → 7 s
    v = meter.add({ elapsedMs: 2500, done: 5000, bytesRead: 300_000, totalBytes: 1_000_000 })
    expect(v.fraction).toBeCloseTo(0.3)
    expect(v.perSecond).toBe(2000)
    expect(v.secondsLeft).toBe(7)
  })

  it('forgets samples older than the window, so a slow start stops weighing on the rate', () => {
    const meter = new ProgressMeter(10_000)
    meter.add({ elapsedMs: 0, done: 0, bytesRead: 0, totalBytes: 10_000_000 })
    meter.add({ elapsedMs: 20_000, done: 1000, bytesRead: 100_000, totalBytes: 10_000_000 }) // slow
    for (let t = 21_000; t <= 40_000; t += 1000)
      meter.add({
        elapsedMs: t,
        done: 1000 + ((t - 20_000) / 1000) * 10_000,
        bytesRead: 100_000 + ((t - 20_000) / 1000) * 1_000_000,
        totalBytes: 30_000_000,
      })
    const v = meter.view()
    expect(v.perSecond).toBe(10_000)
    // 30 MB − 20.1 MB = 9.9 MB at 1 MB/s
    expect(v.secondsLeft).toBe(10)
  })

  it('gives no time left while nothing moves, and never more than the whole', () => {
    const meter = new ProgressMeter()
    meter.add({ elapsedMs: 0, done: 10, bytesRead: 50, totalBytes: 100 })
    const v = meter.add({ elapsedMs: 5000, done: 10, bytesRead: 50, totalBytes: 100 })
    expect(v.secondsLeft).toBeNull()
    expect(v.perSecond).toBe(0)
    expect(meter.add({ elapsedMs: 6000, done: 11, bytesRead: 120, totalBytes: 100 }).fraction).toBe(
      1,
    )
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
