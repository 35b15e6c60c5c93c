/** `insurer list`: the command line in a child process against the fake operator API (../testing/ops-child.ts). */
import { describe, expect, it } from 'vitest'
import { createTestInsurer, insurer } from '../testing/ops-child.ts'

describe('ops: insurer list', () => {
  it('lists the insurers in aligned columns, or as JSON', async () => {
    const created = await createTestInsurer('--insured-only')
    expect(created.code).toBe(0)
    const list = await insurer('list')
    expect(list.code).toBe(0)
    const lines = list.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^保険者番号\s+名称\s+利用できる人/)
    expect(lines[1]).toMatch(/^-{10}  -{18}  /) // 保険者番号 and テスト健康保険組合 are 10 and 18 columns wide
    expect(lines.some((l) => /^06139992 {4}デモ健康保険組合 {4}本人と家族/.test(l))).toBe(true)
    expect(lines.some((l) => /^06132013 {4}テスト健康保険組合 {2}本人のみ/.test(l))).toBe(true)

    const json = await insurer('list', '--json')
    expect(JSON.parse(json.stdout).insurers.map((i: { number: string }) => i.number)).toContain(
      '06132013',
    )
  })
})
