import { describe, expect, it } from 'vitest'
import type { Deps } from './deps'
import { captcha, harness, json, makeHarness, openTestDb, seedDemo } from './test/harness'

type LogLine = { level: string; message: string; fields: Record<string, unknown> }

/**
 * The app on the project's database, except that every statement naming `table` names a table that
 * does not exist: the database refuses it, and drizzle raises its own error, whose message carries
 * the statement's bound values (what docs/security.md's log rule is about). Every log line is kept;
 * `plain` is the same database, unbroken.
 */
async function brokenApp(table: string) {
  const lines: LogLine[] = []
  const log: Deps['log'] = (level, message, fields = {}) =>
    void lines.push({ level, message, fields })
  const { db, plain } = await openTestDb({
    rewrite: (query) => query.replaceAll(`"${table}"`, `"${table}_dropped"`),
  })
  return { h: makeHarness(db, { log }), lines, plain }
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

describe('an unexpected error', () => {
  it('answers 500 internal and logs its name, route and request id, never a bound value', async () => {
    const { h, lines } = await brokenApp('accounts')
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
    const { h, lines, plain } = await brokenApp('audit_log')
    const tokens = await seedDemo(makeHarness(plain).deps)
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
    const h = await harness()
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

describe('API rules', () => {
  it('answers unknown API paths with a JSON 404 and never a stack trace', async () => {
    const h = await harness()
    const res = await h.get('/api/nothing-here')
    expect(res.status).toBe(404)
    const body = await json(res)
    expect(body.error.code).toBe('not_found')
    expect(JSON.stringify(body)).not.toMatch(/at .*\(.*:\d+:\d+\)/)
  })
})
