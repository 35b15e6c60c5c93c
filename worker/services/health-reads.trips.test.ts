import { createClient, type Client } from '@libsql/client'
import { describe, expect, it } from 'vitest'
import { migrateLibsql } from '../../db/migrate'
import { openLibsql } from '../../db/open'
import {
  assembleTestDb,
  registerTestDb,
  StatementWatch,
  TEST_SHARDS,
  testDbKind,
  watchLibsql,
  type RawTestDatabases,
  type TestDbOpener,
} from '../test/database'
import { passStepUp, setupDemoMember } from '../test/demo-member'

/**
 * The cost of the directory lookup in a member's health read (issue 14, docs/scale.md): the session
 * and step-up from the directory, then one batch in the insurer's database — at most two SEQUENTIAL
 * round trips, and no database but those two. Each call of a libSQL client (an `execute` or a
 * `batch`: one round trip to sqld, Turso or D1) is held for a while and timed; calls made together
 * overlap, calls made one after another do not, and the longest chain of calls each starting after
 * the one before it ended is the number of sequential round trips. In Node only: the clients are
 * libSQL's (workerd's D1 bindings are not wrapped here).
 */

interface Call {
  database: string
  start: number
  end: number
  /** The call's statements. */
  sql: string[]
}

/**
 * A read of the shard map (db/open.ts): in production once per isolate and 10 s, not per request; the
 * test databases turn that cache off (so a test's placement is seen at once), and so a read here
 * reloads it. It is left out of a read's count.
 */
const mapRead = (c: Call) =>
  c.sql.every((q) => /^select\b/i.test(q.trim()) && /from "(shard_map|databases)"/.test(q))

/** The SQL of an `execute` or `batch` call's first argument. */
const statements = (arg: unknown): string[] =>
  (Array.isArray(arg) ? arg : [arg]).map((s) =>
    typeof s === 'string' ? s : String((s as { sql?: unknown })?.sql ?? ''),
  )

const HOLD_MS = 40

/** The project's libSQL databases (as worker/test/setup-libsql.ts opens them), each call recorded. */
function recordingOpener(calls: Call[], recording: { on: boolean }): TestDbOpener {
  const record = (name: string, client: Client): Client =>
    new Proxy(client, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key)
        if ((key !== 'execute' && key !== 'batch') || typeof value !== 'function')
          return typeof value === 'function' ? value.bind(target) : value
        return async (...args: unknown[]) => {
          if (!recording.on) return value.apply(target, args)
          const call = {
            database: name,
            start: performance.now(),
            end: 0,
            sql: statements(args[0]),
          }
          calls.push(call)
          await new Promise((r) => setTimeout(r, HOLD_MS))
          try {
            return await value.apply(target, args)
          } finally {
            call.end = performance.now()
          }
        }
      },
    })
  return {
    kind: 'libsql',
    open: async (options) => {
      const watch = new StatementWatch(options)
      const open = async (stream: 'directory' | 'insurer') => {
        const client = createClient({ url: ':memory:' })
        await migrateLibsql(client, stream)
        return client
      }
      const directory = await open('directory')
      const shards = await Promise.all(
        TEST_SHARDS.map(async (name) => [name, await open('insurer')] as const),
      )
      type Raw = RawTestDatabases<ReturnType<typeof openLibsql>>
      const raw = (wrap: (name: string, c: Client) => Client): Raw => ({
        directory: openLibsql(wrap('directory', directory)),
        shards: Object.fromEntries(
          shards.map(([name, client]) => [name, openLibsql(wrap(name, client))]),
        ) as Raw['shards'],
      })
      return assembleTestDb(
        'libsql',
        raw((name, c) => record(name, watchLibsql(c, options, watch).client)),
        raw((_, c) => c),
        watch,
      )
    },
  }
}

/** The longest chain of calls, each starting after the previous one ended. */
function sequentialTrips(calls: Call[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start)
  const depth: number[] = []
  sorted.forEach((c, i) => {
    depth[i] =
      1 + Math.max(0, ...sorted.slice(0, i).flatMap((p, j) => (p.end <= c.start ? [depth[j]] : [])))
  })
  return Math.max(0, ...depth)
}

describe.skipIf(testDbKind() !== 'libsql')(
  'a member’s health read across databases (libSQL)',
  () => {
    /** The demo member past the step-up, on databases whose calls are recorded while `on`. */
    async function member() {
      const calls: Call[] = []
      const recording = { on: false }
      const key = Symbol.for('kenshin-portal.test-db')
      const project = (globalThis as { [key]?: TestDbOpener })[key]!
      registerTestDb(recordingOpener(calls, recording))
      try {
        const s = await setupDemoMember()
        await passStepUp(s)
        const read = async (path: string) => {
          calls.length = 0
          recording.on = true
          const res = await s.h.get(path, { cookie: s.cookie })
          recording.on = false
          expect(res.status).toBe(200)
          return { calls: [...calls], body: (await res.json()) as { checkups: unknown[] } }
        }
        return { read }
      } finally {
        registerTestDb(project)
      }
    }

    it('reads the list and a checkup in at most two sequential round trips: the directory, then the insurer’s database', async () => {
      const { read } = await member()
      // The first read after the step-up may move the session's idle deadline; the figure is a read's.
      await read('/api/checkups')
      for (const path of ['/api/checkups', '/api/checkups/latest']) {
        const { calls, body } = await read(path)
        expect(body.checkups.length).toBeGreaterThan(0)
        const reads = calls.filter((c) => !mapRead(c))
        expect(sequentialTrips(reads)).toBeLessThanOrEqual(2)
        // Exactly the databases it needs: the directory and the demo insurer's, never the other one.
        expect(new Set(reads.map((c) => c.database))).toEqual(new Set(['directory', 'demo']))
      }
    })
  },
)

describe('sequential round trips, the measure', () => {
  it('counts calls made together as one trip and calls made in turn as several', () => {
    const at = (start: number, end: number): Call => ({ database: 'x', start, end, sql: [] })
    expect(sequentialTrips([at(0, 40), at(1, 41)])).toBe(1)
    expect(sequentialTrips([at(0, 40), at(41, 81)])).toBe(2)
    expect(sequentialTrips([at(0, 40), at(41, 81), at(42, 82), at(90, 130)])).toBe(3)
    expect(sequentialTrips([])).toBe(0)
    const map = { database: 'directory', start: 0, end: 1 }
    expect(mapRead({ ...map, sql: ['select "name", "kind" from "databases"'] })).toBe(true)
    expect(mapRead({ ...map, sql: ['select "insurer_id" from "shard_map" order by 1'] })).toBe(true)
    expect(mapRead({ ...map, sql: ['select "account_id" from "sessions"'] })).toBe(false)
    expect(
      mapRead({ ...map, sql: ['select 1 from "databases"', 'insert into "audit_log" …'] }),
    ).toBe(false)
  })
})
