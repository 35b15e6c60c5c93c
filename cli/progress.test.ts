import { describe, expect, it } from 'vitest'
import { createProgress, formatBar, formatPlain } from './progress.ts'
import type { ImportProgress } from './roster-import.ts'

function p(over: Partial<ImportProgress> = {}): ImportProgress {
  return {
    rowsRead: 0,
    rowsDone: 0,
    bytesRead: 0,
    totalBytes: 1000,
    elapsedMs: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    done: false,
    ...over,
  }
}

describe('progress', () => {
  it('draws rows done, rows per second and bytes as a percentage', () => {
    const bar = formatBar(p({ rowsDone: 12_000, bytesRead: 500, elapsedMs: 2000 }), 'en', 100)
    expect(bar).toMatch(/^\[█{15}░{15}\]  50%  12,000 rows  6,000 rows\/s  500 B \/ 1000 B$/)
    expect(formatBar(p({ rowsDone: 10, bytesRead: 1000, elapsedMs: 1000 }), 'ja', 80)).toContain(
      '100%  10 行  10 行/秒',
    )
    expect(formatPlain(p({ rowsDone: 1500, bytesRead: 250, elapsedMs: 3000 }), 'ja')).toBe(
      '取込中: 1,500 行(25%)、500 行/秒',
    )
  })

  it('redraws in place on a terminal and clears the line at the end', () => {
    const out: string[] = []
    let time = 0
    const progress = createProgress({
      stream: { write: (s) => out.push(s), isTTY: true, columns: 80 },
      lang: 'en',
      now: () => time,
    })
    time = 50
    progress.update(p({ rowsDone: 1 })) // too soon
    time = 150
    progress.update(p({ rowsDone: 2, elapsedMs: 150 }))
    time = 160
    progress.update(p({ rowsDone: 3, done: true, elapsedMs: 160 })) // the last state is always drawn
    progress.finish()
    expect(out).toHaveLength(3)
    expect(out[0].startsWith('\r\x1b[2K[')).toBe(true)
    expect(out[1]).toContain('3 rows')
    expect(out[2]).toBe('\r\x1b[2K')
  })

  it('prints a plain line every few seconds when stderr is not a terminal', () => {
    const out: string[] = []
    let time = 0
    const progress = createProgress({
      stream: { write: (s) => out.push(s), isTTY: false },
      lang: 'en',
      now: () => time,
    })
    for (time = 0; time <= 12_000; time += 500)
      progress.update(p({ rowsDone: time, elapsedMs: time }))
    progress.update(p({ rowsDone: 12_000, done: true, elapsedMs: 12_000 }))
    progress.finish()
    expect(out).toEqual([
      'Importing: 5,000 rows (0%), 1,000 rows/s\n',
      'Importing: 10,000 rows (0%), 1,000 rows/s\n',
    ])
  })
})
