/** `whoami`: the command line in a child process against the fake operator API (../testing/ops-child.ts). */
import { describe, expect, it } from 'vitest'
import { fake, noToken, ops } from '../testing/ops-child.ts'

describe('ops: whoami', () => {
  it('names the token’s staff member, role and insurer (all, for an admin) and the server, in aligned rows', async () => {
    const run = await ops(['whoami', '--url', fake.url, '--lang', 'en'])
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toContain('管理 太郎')
    expect(lines[1]).toContain('admin')
    expect(lines[3]).toContain(fake.url)
    // The values start in one column (English labels: one character, one column).
    const column = [
      lines[0].indexOf('管理 太郎'),
      lines[1].indexOf('admin'),
      lines[3].indexOf(fake.url),
    ]
    expect(new Set(column).size).toBe(1)
    expect(column[0]).toBeGreaterThan(0)
    noToken(run)
  })

  it('answers JSON with the insurer an operator is bound to', async () => {
    const run = await ops(['whoami', '--as', 'operator', '--json', '--url', fake.url])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      staff: { id: 's2', name: '担当 花子', role: 'operator', insurer: '06139992' },
      url: fake.url,
    })
    noToken(run)
  })
})
