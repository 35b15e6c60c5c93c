import { describe, expect, it } from 'vitest'
import type { ImportReport } from '../../../../core/import/report'
import { rejectionLine, rendered } from './importers'

const report = (ms: number): ImportReport => ({
  file: 'extra.csv',
  rows: [
    { label: 'report_read', value: { kind: 'count', value: 49 } },
    { label: 'report_time', value: { kind: 'time', ms, rate: 49_000, rateKey: 'report_rate' } },
  ],
  note: null,
  rejectionsTitle: 'report_rejections',
  rejections: ['行 3  列 氏名カナ  理由'],
  more: 2,
  rejectedFile: null,
})

describe("the console's report", () => {
  it('says 「1 秒未満」 for a short run, with no rate from it', () => {
    const r = rendered('ja', ['3 行目・氏名カナ: 理由'], report(40))
    expect(r.rows.at(-1)).toEqual({ label: '所要時間', value: '1 秒未満' })
    expect(rendered('ja', [], report(2500)).rows.at(-1)!.value).toBe('2.5 秒 (49,000 行/秒)')
  })

  it('keeps the file, the notes and the errors apart: the screen words the headings', () => {
    const r = rendered('ja', ['3 行目・氏名カナ: 理由'], report(40))
    expect(r.file).toBe('extra.csv')
    expect(r.lines).toEqual([])
    expect(r.rejections).toEqual(['3 行目・氏名カナ: 理由'])
    expect(r.more).toBe('… ほか 2 件')
  })

  it('words an error as 「3 行目・氏名カナ: 理由」, naming no column for a whole row', () => {
    expect(rejectionLine('ja', null, 3, '氏名カナ', '全角カナで')).toBe(
      '3 行目・氏名カナ: 全角カナで',
    )
    expect(rejectionLine('ja', null, 5, '-', '列の数が 12 です')).toBe('5 行目: 列の数が 12 です')
    expect(rejectionLine('ja', 'a.xml', 12, '項目 9N001', '値')).toBe(
      'a.xml・12 行目・項目 9N001: 値',
    )
    expect(rejectionLine('en', null, 1200, 'kana', 'why')).toBe('line 1,200, kana: why')
    expect(rejectionLine('ja', null, null, null, '理由だけ')).toBe('理由だけ')
  })
})
