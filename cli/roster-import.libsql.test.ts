import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { rosterPersons } from '../db/schema'
import { seedDemo } from '../worker/dev/seed'
import { DEMO_INSURER, insurerDb, makeHarness, testDb } from '../worker/test/harness'
import { ApiClient } from './client.ts'
import { importRoster } from './roster-import.ts'
import { encodeShiftJis } from './sjis.ts'

/**
 * The CLI's import against the real app (createApp on libSQL), its HTTP calls answered in-process:
 * the whole path an operator's file takes, from bytes on disk to rows in the database.
 */
async function realServer() {
  const h = makeHarness(await testDb())
  const tokens = await seedDemo(h.deps)
  const api = new ApiClient(
    { url: 'http://localhost:8787', token: tokens.admin, tokenSource: 'flag' },
    {
      fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
        h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
    },
  )
  // The demo insurer's own database (issue 14): where its roster is.
  const demo = await insurerDb(h.deps.db, DEMO_INSURER.id)
  const rows = async () => (await demo.select({ n: count() }).from(rosterPersons))[0].n
  return { h, api, rows, demo }
}

function rosterFile(
  n: number,
  encode: (text: string) => Buffer = (t) => Buffer.from(t, 'utf8'),
  eol = '\n',
): string {
  const lines = [
    '個人識別番号,保険者番号,記号,番号,枝番,氏名カナ,生年月日,性別,続柄,資格取得日,資格喪失日,郵便番号,住所',
  ]
  for (let i = 0; i < n; i++)
    lines.push(
      `G${String(i).padStart(6, '0')},06139992,3000,${1000 + i},,シケン　タロウ,1980-01-01,1,1,2020-04-01,,100-0001,東京都デモ区${i}`,
    )
  const dir = mkdtempSync(join(tmpdir(), 'kp-roster-'))
  const file = join(dir, 'roster.csv')
  writeFileSync(file, encode(lines.join(eol) + eol))
  return file
}

describe('roster import from file to database (CLI → operator API → libSQL)', () => {
  it('imports a Shift_JIS file with CRLF, and a second run changes nothing', async () => {
    const { api, rows } = await realServer()
    const file = rosterFile(2500, encodeShiftJis, '\r\n')
    const post = api.postRosterBatch.bind(api)
    const first = await importRoster({ file, insurer: '06139992', post, batchSize: 1000 })
    expect(first).toMatchObject({
      encoding: { encoding: 'shift_jis' },
      complete: true,
      inserted: 2500,
      rejected: 0,
    })
    expect(await rows()).toBe(2500)
    const second = await importRoster({ file, insurer: '06139992', post, batchSize: 1000 })
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 2500 })
  })

  it('loses and duplicates nothing when killed half-way and run again', async () => {
    const { api, rows, demo } = await realServer()
    const file = rosterFile(5000)
    let batches = 0
    const controller = new AbortController()
    const dying = async (insurer: string, batch: Parameters<typeof api.postRosterBatch>[1]) => {
      if (++batches === 3) controller.abort()
      return api.postRosterBatch(insurer, batch)
    }
    const killed = await importRoster({
      file,
      insurer: '06139992',
      post: dying,
      batchSize: 1000,
      signal: controller.signal,
    })
    expect(killed.complete).toBe(false)
    const half = await rows()
    expect(half).toBeGreaterThan(0)
    expect(half).toBeLessThan(5000)
    const resumed = await importRoster({
      file,
      insurer: '06139992',
      post: api.postRosterBatch.bind(api),
      batchSize: 1000,
    })
    expect(resumed.complete).toBe(true)
    expect(resumed.inserted + resumed.unchanged).toBe(5000)
    expect(resumed.unchanged).toBe(half)
    expect(await rows()).toBe(5000)
    const [one] = await demo
      .select()
      .from(rosterPersons)
      .where(eq(rosterPersons.personKey, 'G004999'))
    expect(one.nameKana).toBe('シケン　タロウ')
  })
})
