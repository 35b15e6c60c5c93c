import { describe, expect, it } from 'vitest'
import { confirmCodeRun, revokeCodeRun, startCodeRun } from '../client.ts'
import { ops, realServer } from '../testing/codes-app.ts'
import { INSURER } from '../testing/demo-app.ts'

/** `codes status` against the real app on in-memory libSQL (../testing/codes-app.ts). */
describe('npm run ops -- codes status (CLI → operator API → libSQL)', () => {
  it('counts issued, used and locked codes and the persons without one, as a table or JSON', async () => {
    const { api, codes } = await realServer()
    // 5 codes confirmed, 2 issued into a run not confirmed yet (未印刷), 1 revoked (the re-issue queue).
    const run = await startCodeRun(api, INSURER, 'issue')
    expect(await api.issueCodes(INSURER, { runId: run.id, limit: 5 })).toHaveLength(5)
    expect(await confirmCodeRun(api, INSURER, run.id, 5)).toBe(5)
    const open = await startCodeRun(api, INSURER, 'issue')
    expect(await api.issueCodes(INSURER, { runId: open.id, limit: 3 })).toHaveLength(3)
    const revoked = await startCodeRun(api, INSURER, 'issue')
    expect(await api.issueCodes(INSURER, { runId: revoked.id, limit: 1 })).toHaveLength(1)
    expect(await revokeCodeRun(api, INSURER, revoked.id)).toBe(1)
    const json = await codes('status', '--json')
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({
      insurer: INSURER,
      issued: 5,
      used: 0,
      locked: 0,
      withoutCode: 12,
      notPrinted: 3,
      reissueQueue: 1,
      neverIssued: 11,
    })
    const table = await codes('status', '--lang', 'en')
    expect(table.code).toBe(0)
    const lines = table.stdout.trimEnd().split('\n')
    expect(lines[0]).toContain(INSURER)
    // The numbers right-aligned in one column, as wide as the widest.
    expect(lines.slice(1).map((line) => /\s(\d+)$/.exec(line)?.[1])).toEqual([
      '5',
      '0',
      '0',
      '3',
      '12',
      '1',
      '11',
    ])
    expect(new Set(lines.slice(1).map((line) => line.length)).size).toBe(1)
  })

  it('needs --insurer, and refuses an operator another insurer’s codes', async () => {
    const { fetch, tokens } = await realServer()
    const missing = await ops(['codes', 'status'], fetch, tokens.admin)
    expect(missing.code).toBe(2)
    const other = await ops(['codes', 'status', '--insurer', '06132013'], fetch, tokens.operator)
    expect(other.code).toBe(1)
    expect(other.stderr).not.toContain(tokens.operator)
  })
})
