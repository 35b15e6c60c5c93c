/**
 * `insurer set`: the command line in a child process against the fake operator API (../testing/ops-child.ts),
 * and in-process against the real app (../testing/demo-app.ts) for the maintenance message and end time.
 */
import { describe, expect, it } from 'vitest'
import { demoApp, INSURER, root, runOps } from '../testing/demo-app.ts'
import { createTestInsurer, fake, insurer } from '../testing/ops-child.ts'
import { displayWidth } from '../terminal.ts'

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

describe('ops: insurer set --maintenance-message / --maintenance-until (the real app)', () => {
  async function realServer() {
    const app = await demoApp()
    /** `insurer <sub> …` as the platform admin. */
    const ops = (sub: 'set' | 'list', ...args: string[]) =>
      runOps(['insurer', sub, ...args], { fetch: app.fetch, token: app.tokens.admin, cwd: root })
    /** The demo insurer as the API answers it. */
    const demo = async () => (await app.api.listInsurers()).find((i) => i.number === INSURER)
    return { ...app, ops, demo }
  }

  it('sets both, shows them (the end in Japan time) and gives them in --json; clears both', async () => {
    const { ops, demo } = await realServer()
    const set = await ops(
      'set',
      INSURER,
      '--maintenance',
      'on',
      '--maintenance-message',
      '  システムの点検中です。\n12月24日18時に再開します  ',
      '--maintenance-until',
      '2026-12-24T09:00Z',
    )
    expect(set.code).toBe(0)
    expect(set.stderr).toBe('')
    expect(set.stdout).toMatch(/メンテナンス終了予定\s+2026-12-24 18:00\(日本時間\)/)
    // the message whole, its second line under its first
    const lines = set.stdout.split('\n')
    const first = lines.findIndex((l) => /メンテナンス中の案内\s+システムの点検中です。$/.test(l))
    expect(first).toBeGreaterThan(0)
    expect(lines[first + 1]).toMatch(/^\s+12月24日18時に再開します$/)
    const valueColumn = displayWidth(lines[first].slice(0, lines[first].indexOf('シ')))
    expect(lines[first + 1].indexOf('12')).toBe(valueColumn)
    expect(await demo()).toMatchObject({
      maintenance: true,
      maintenanceMessage: 'システムの点検中です。\n12月24日18時に再開します',
      maintenanceUntil: '2026-12-24T09:00:00.000Z',
    })

    const json = await ops(
      'set',
      INSURER,
      '--maintenance-until',
      '2026-12-24T18:30+09:00',
      '--json',
    )
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).insurer).toMatchObject({
      maintenanceMessage: 'システムの点検中です。\n12月24日18時に再開します',
      maintenanceUntil: '2026-12-24T09:30:00.000Z',
    })

    const list = await ops('list')
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^保険者番号.*メンテナンス終了予定\s+メンテナンス中の案内/)
    expect(list.stdout).toMatch(
      /06139992 .*オン\s+2026-12-24 18:30\(日本時間\)\s+システムの点検中です。…  20 /,
    )
    const listed = JSON.parse((await ops('list', '--json')).stdout).insurers
    expect(listed.find((i: { number: string }) => i.number === INSURER)).toMatchObject({
      maintenanceMessage: 'システムの点検中です。\n12月24日18時に再開します',
      maintenanceUntil: '2026-12-24T09:30:00.000Z',
    })

    const cleared = await ops(
      'set',
      INSURER,
      '--maintenance-message',
      '',
      '--maintenance-until',
      '',
    )
    expect(cleared.code).toBe(0)
    expect(cleared.stdout).toMatch(/メンテナンス終了予定\s+なし/)
    expect(cleared.stdout).toMatch(/メンテナンス中の案内\s+\(標準の文言\)/)
    expect(await demo()).toMatchObject({
      maintenance: true,
      maintenanceMessage: null,
      maintenanceUntil: null,
    })

    // none clears the end too; 500 characters are allowed
    expect((await ops('set', INSURER, '--maintenance-until', '2026-12-25T00:00+09:00')).code).toBe(
      0,
    )
    const none = await ops(
      'set',
      INSURER,
      '--maintenance-until',
      'none',
      '--maintenance-message',
      'あ'.repeat(500),
      '--lang',
      'en',
    )
    expect(none.code).toBe(0)
    expect(none.stdout).toMatch(/Maintenance ends\s+none/)
    expect(await demo()).toMatchObject({
      maintenanceMessage: 'あ'.repeat(500),
      maintenanceUntil: null,
    })
  })

  it('refuses a bad end time or a message over 500 characters, changing nothing', async () => {
    const { ops, demo } = await realServer()
    const set = await ops(
      'set',
      INSURER,
      '--maintenance-message',
      '点検中',
      '--maintenance-until',
      '2026-12-24T18:00+09:00',
    )
    expect(set.code).toBe(0)
    const before = await demo()

    for (const bad of [
      '2026-12-24 18:00',
      '2026-12-24T18:00',
      '2026-13-01T00:00+09:00',
      'tomorrow',
    ]) {
      const refused = await ops(
        'set',
        INSURER,
        '--maintenance',
        'on',
        '--maintenance-message',
        '変えない',
        '--maintenance-until',
        bad,
      )
      expect(refused.code).toBe(2)
      expect(refused.stdout).toBe('')
      expect(refused.stderr).toContain(
        `エラー: オプション --maintenance-until の値が正しくありません: ${bad}(オフセット付きの日時(例: 2026-12-24T18:00+09:00)か none)`,
      )
      expect(refused.stderr).toContain('使い方: npm run ops -- insurer set --help')
    }
    const english = await ops('set', INSURER, '--maintenance-until', 'tomorrow', '--lang', 'en')
    expect(english.code).toBe(2)
    expect(english.stderr).toContain(
      'Error: Bad value for --maintenance-until: tomorrow (expected a date and time with its offset, e.g. 2026-12-24T18:00+09:00, or none)',
    )

    const long = await ops(
      'set',
      INSURER,
      '--maintenance',
      'on',
      '--maintenance-message',
      'あ'.repeat(501),
      '--maintenance-until',
      'none',
    )
    expect(long.code).toBe(2)
    expect(long.stdout).toBe('')
    expect(long.stderr).toContain(
      'エラー: オプション --maintenance-message の値が長すぎます: 501 文字(500 文字まで)',
    )
    expect(long.stderr).not.toContain('ああああ')
    const longEn = await ops(
      'set',
      INSURER,
      '--maintenance-message',
      'x'.repeat(501),
      '--lang',
      'en',
    )
    expect(longEn.code).toBe(2)
    expect(longEn.stderr).toContain(
      'Error: --maintenance-message is too long: 501 characters (at most 500)',
    )

    expect(await demo()).toEqual(before)
    expect(before).toMatchObject({
      maintenanceMessage: '点検中',
      maintenanceUntil: '2026-12-24T09:00:00.000Z',
    })
  })
})
