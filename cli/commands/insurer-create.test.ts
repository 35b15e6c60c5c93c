/**
 * `insurer create`, then `insurer set` and `insurer list` on what it made: the command line in a child process
 * against the fake operator API (../testing/ops-child.ts).
 */
import { describe, expect, it } from 'vitest'
import { fake, insurer } from '../testing/ops-child.ts'

describe('ops: insurers', () => {
  it('creates, changes and lists insurers', async () => {
    const created = await insurer(
      'create',
      '--number',
      '06132013',
      '--name',
      'テスト健康保険組合',
      '--dependent-max-age',
      '18',
      '--cidr',
      '203.0.113.0/24,2001:db8::/32',
      '--cidr',
      '198.51.100.0/24',
      '--failure-limit',
      '10',
      '--maintenance',
    )
    expect(created.code).toBe(0)
    expect(created.stdout).toContain('保険者 06132013 を作成しました')
    expect(fake.requests.at(-1)?.body).toEqual({
      number: '06132013',
      name: 'テスト健康保険組合',
      dependentMaxAge: 18,
      maintenance: true,
      allowedCidrs: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.0/24'],
      allowlistFailureLimit: 10,
    })

    const conflict = await insurer('create', '--number', '06132013', '--name', 'x')
    expect(conflict.code).toBe(1)
    expect(conflict.stderr).toContain('HTTP 409 conflict')

    const changed = await insurer(
      'set',
      '06132013',
      '--insured-only',
      'on',
      '--maintenance',
      'off',
      '--dependent-max-age',
      'none',
      '--cidr',
      'none',
    )
    expect(changed.code).toBe(0)
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/api/ops/insurers/06132013',
      body: { insuredOnly: true, maintenance: false, dependentMaxAge: null, allowedCidrs: [] },
    })
    expect(changed.stdout).toContain('本人のみ')

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

    const forbidden = await insurer('set', '06132013', '--as', 'operator', '--name', 'x')
    expect(forbidden.code).toBe(1)
    expect(forbidden.stderr).toContain('HTTP 403')
  })
})
