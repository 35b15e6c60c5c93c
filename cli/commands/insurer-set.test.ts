/** `insurer set`: the command line in a child process against the fake operator API (../testing/ops-child.ts). */
import { describe, expect, it } from 'vitest'
import { createTestInsurer, fake, insurer } from '../testing/ops-child.ts'

describe('ops: insurer set', () => {
  it('changes only the settings named by flags, and only as a platform admin', async () => {
    const created = await createTestInsurer()
    expect(created.code).toBe(0)
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

    const forbidden = await insurer('set', '06132013', '--as', 'operator', '--name', 'x')
    expect(forbidden.code).toBe(1)
    expect(forbidden.stderr).toContain('HTTP 403')
  })
})
