import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { openD1 } from '../db/open'
import { seedDemo } from './dev/seed'
import type { Deps } from './deps'
import { captcha, makeHarness } from './test/harness'

const binding = () => (env as unknown as { DB: D1Database }).DB

/**
 * The real D1 binding, except that every statement naming `table` names a table that does not exist:
 * D1 refuses it, and drizzle raises its own error, whose message carries the statement's bound values
 * (what security.md's log rule is about). Everything else reaches the real database.
 */
function d1WithBrokenTable(d1: D1Database, table: string): D1Database {
  const broken = (query: string) => query.replaceAll(`"${table}"`, `"${table}_dropped"`)
  return new Proxy(d1, {
    get(target, key) {
      if (key === 'prepare') return (query: string) => target.prepare(broken(query))
      const value = Reflect.get(target, key) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

type LogLine = { level: string; message: string; fields: Record<string, unknown> }

/** The app on D1 with `table` broken, keeping every log line it writes. */
function brokenApp(table: string) {
  const lines: LogLine[] = []
  const log: Deps['log'] = (level, message, fields = {}) =>
    void lines.push({ level, message, fields })
  const h = makeHarness(openD1(d1WithBrokenTable(binding(), table)), { log })
  return { h, lines }
}

/** The answer every unexpected error gets: 500 `internal`, a fixed message, nothing more. */
async function expectInternal(res: Response) {
  expect(res.status).toBe(500)
  const body = (await res.json()) as { error: Record<string, unknown> }
  expect(Object.keys(body)).toEqual(['error'])
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message'])
  expect(body.error.code).toBe('internal')
  expect(body.error.message).toMatch(/\S/)
  expect(JSON.stringify(body)).not.toMatch(/at \S+ \(|Failed query|params:|\.ts:\d+/)
}

describe('an unexpected error (workerd, D1)', () => {
  it('answers 500 internal and logs its name, route and request id, never a bound value', async () => {
    const { h, lines } = brokenApp('accounts')
    const email = 'hanako.secret@example.jp'
    const res = await h.post('/api/login', {
      email,
      password: 'mugi-cha-natsu-88',
      captchaToken: captcha('login'),
    })
    const requestId = res.headers.get('X-Request-Id')
    await expectInternal(res)

    const errors = lines.filter((l) => l.level === 'error')
    expect(errors).toHaveLength(1)
    const [line] = errors
    expect(line.message).toBe('unhandled error')
    expect(line.fields).toEqual({
      name: 'DrizzleQueryError',
      method: 'POST',
      route: '/api/login',
      requestId,
    })
    // What the driver's message held (the statement and its parameters) is nowhere in the log.
    const logged = JSON.stringify(lines)
    expect(logged).not.toContain(email)
    expect(logged).not.toMatch(/Failed query|params|select|accounts/i)
  })

  it('logs the route pattern, not the path with its values', async () => {
    const good = makeHarness(openD1(binding()))
    const tokens = await seedDemo(good.deps)
    const { h, lines } = brokenApp('audit_log')
    const res = await h.app.request('http://localhost:8787/api/ops/insurers/06139992', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${tokens.admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'デモ健康保険組合' }),
    })
    await expectInternal(res)
    const [line] = lines.filter((l) => l.level === 'error')
    expect(line.fields).toMatchObject({
      name: 'DrizzleQueryError',
      method: 'PATCH',
      route: '/api/ops/insurers/:number',
    })
    expect(JSON.stringify(lines)).not.toMatch(/06139992|デモ健康保険組合|audit_log/)
  })
})

describe('the request id', () => {
  it('is drawn for every answer and never taken from the request', async () => {
    const h = makeHarness(openD1(binding()))
    const ids = new Set<string>()
    for (const path of ['/api/config', '/api/me', '/api/nothing-here']) {
      const res = await h.get(path, { headers: { 'X-Request-Id': 'chosen-by-the-client' } })
      const id = res.headers.get('X-Request-Id') ?? ''
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      ids.add(id)
    }
    expect(ids.size).toBe(3)
  })
})
