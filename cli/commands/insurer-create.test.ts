/** `insurer create`: the command line in a child process against the fake operator API (../testing/ops-child.ts). */
import { describe, expect, it } from 'vitest'
import { fake, insurer } from '../testing/ops-child.ts'

describe('ops: insurer create', () => {
  it('creates an insurer with its settings from the flags, and refuses its number twice', async () => {
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
  })

  // issue 14, operator
  it('sends --database to place the insurer, and refuses a malformed name before sending', async () => {
    const placed = await insurer(
      'create',
      '--number',
      '06139463',
      '--name',
      '置き場所健保',
      '--database',
      'second',
    )
    expect(placed.code).toBe(0)
    expect(fake.requests.at(-1)?.body).toEqual({
      number: '06139463',
      name: '置き場所健保',
      database: 'second',
    })
    const sent = fake.requests.length
    const bad = await insurer(
      'create',
      '--number',
      '06139992',
      '--name',
      'x',
      '--database',
      'Bad Name',
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--database')
    expect(fake.requests.length).toBe(sent)
  })
})
