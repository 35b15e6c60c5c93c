/**
 * The fuzz test's runner (worker/fuzz.test.ts): sends an endpoint's probes as each identity, one at a
 * time, and collects the problems of each answer and of the row counts after it.
 */
import { MAX_BODY_BYTES } from '../middleware/request'
import { OPS_MAX_BODY_BYTES } from '../middleware/staff'
import { answerProblems, probesFor, type Probe } from './fuzz'
import { ORIGIN, type Ctx, type Endpoint, type Identity } from './fuzz-endpoint'
import { readCounts, setup } from './fuzz-setup'

/** The run's state, made by setup() before the first probe. */
export let ctx: Ctx

/** Makes the run's state (before the first probe). */
export async function beginFuzz() {
  ctx = await setup()
}

export let nextIp = 0
/** A client IP of its own for each request (10.0.0.0/8), so no per-IP counter stops the probes. */
export const freshIp = () => {
  const n = ++nextIp
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

/** The request of a probe sent by an identity: the usual headers, the identity's, the probe's. */
export function requestOf(probe: Probe, who: Identity): Request {
  const headers = new Headers({ 'CF-Connecting-IP': freshIp() })
  if (!probe.path.startsWith('/api/ops')) headers.set('Origin', ORIGIN)
  if (probe.body !== undefined) headers.set('Content-Type', 'application/json')
  const overrides = { ...ctx.identity[who], ...probe.headers }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) headers.delete(name)
    else headers.set(name, value)
  }
  const body = typeof probe.body === 'function' ? probe.body() : probe.body
  return new Request(`${ORIGIN}${probe.path}`, {
    method: probe.method,
    headers,
    body,
    duplex: 'half',
  } as RequestInit)
}

/**
 * Sends one probe and returns its problems: those of the answer itself, an error the app logged,
 * a body its schema refuses that was accepted, and a refused request that changed a row count.
 */
export async function send(probe: Probe, who: Identity): Promise<string[]> {
  let req: Request
  try {
    req = requestOf(probe, who)
  } catch {
    ctx.unsendable++ // a method or header the Fetch API itself refuses never reaches the app
    return []
  }
  ctx.sent++
  const writesBefore = ctx.db.writes
  const started = performance.now()
  const { status, problems } = await answerOf(req, probe.method)
  noteTime(
    performance.now() - started,
    `${who} ${probe.method} ${probe.path.slice(0, 60)} [${probe.label}] ${status}`,
  )
  ctx.statuses.set(status, (ctx.statuses.get(status) ?? 0) + 1)
  problems.push(...ctx.logged.splice(0).map((line) => `logged an error: ${line.slice(0, 200)}`))
  if (probe.mustRefuse && status >= 200 && status < 400)
    problems.push(`accepted (${status}) what must be refused`)
  // A request that bound no write statement changed no row, so the counts are read only after one
  // that did; fuzz() checks this shortcut against real counts after each endpoint.
  if (ctx.db.writes !== writesBefore) problems.push(...(await rowChanges(probe, status)))
  return problems.map(
    (p) => `${who} ${probe.method} ${probe.path.slice(0, 80)} [${probe.label}] (${status}): ${p}`,
  )
}

/** The app's answer to a request: its status (0 if it threw) and what is wrong with it. */
export async function answerOf(
  req: Request,
  method: string,
): Promise<{ status: number; problems: string[] }> {
  try {
    const res = await ctx.h.app.request(req)
    return {
      status: res.status,
      problems: answerProblems(
        method,
        res.status,
        res.headers.get('Content-Type') ?? '',
        await res.text(),
      ),
    }
  } catch (err) {
    return {
      status: 0,
      problems: [
        `the app threw instead of answering: ${err instanceof Error ? err.name : typeof err}`,
      ],
    }
  }
}

/**
 * The row counts after a request that wrote: a refused request (4xx) must have changed none. An
 * accepted one (2xx) sent a valid body, such as one whose missing field is optional, and may write
 * what it is for; its writes are tallied for the summary.
 */
export async function rowChanges(probe: Probe, status: number): Promise<string[]> {
  const after = await readCounts(ctx.db)
  const changed = Object.keys(after).filter((k) => after[k] !== ctx.counts[k])
  const before = ctx.counts
  ctx.counts = after
  if (!changed.length) return []
  if (status >= 400)
    return [
      `refused (${status}) but changed ${changed.map((k) => `${k} ${before[k]} → ${after[k]}`).join(', ')}`,
    ]
  for (const k of changed) {
    const key = `${probe.method} ${probe.path.split('?')[0].slice(0, 60)} → ${k}`
    ctx.accepted.set(key, (ctx.accepted.get(key) ?? 0) + 1)
  }
  return []
}

/** Keeps the ten slowest probes. */
export function noteTime(ms: number, what: string) {
  ctx.slowest.push({ ms: Math.round(ms), what })
  ctx.slowest.sort((a, b) => b.ms - a.ms)
  ctx.slowest.length = Math.min(ctx.slowest.length, 10)
}

/** All probes of an endpoint, each identity in turn; the problems found, at most 40 shown. */
export async function fuzz(ep: Endpoint): Promise<string[]> {
  ep.prepare?.(ctx)
  const path = ep.param ? ep.route.replace(/:\w+/, ep.param) : ep.route
  const { field, door } = await probesFor({
    method: ep.method,
    path,
    pathWith: ep.param ? (segment) => ep.route.replace(/:\w+/, segment) : undefined,
    schema: ep.schema,
    bodies: ep.bodies,
    doorBody: ep.doorBody,
    extraPaths: ep.extraPaths,
    largest: ep.largest,
    noOddValues: ep.noOddValues,
    bodyLimit: ep.route.startsWith('/api/ops') ? OPS_MAX_BODY_BYTES : MAX_BODY_BYTES,
    csrf: !ep.route.startsWith('/api/ops'),
    staff: ep.route.startsWith('/api/ops'),
  })
  const problems: string[] = []
  const [sentBefore, started] = [ctx.sent, performance.now()]
  const first = ep.as[0]
  const sendAs = async (probe: Probe, who: Identity) => {
    await ep.beforeEach?.()
    problems.push(...(await send(probe, who)))
  }
  for (const who of ep.as)
    for (const probe of [...field, ...door])
      if (!probe.once || who === first) await sendAs(probe, who)
  for (const who of ep.doorAs) for (const probe of door) if (!probe.once) await sendAs(probe, who)
  const real = await readCounts(ctx.db)
  const unseen = Object.keys(real).filter((k) => real[k] !== ctx.counts[k])
  if (unseen.length)
    problems.push(
      `rows changed by no write statement the test saw (${unseen.join(', ')}): the per-request shortcut missed a write`,
    )
  ctx.counts = real
  ctx.perEndpoint.set(`${ep.method} ${ep.route}`, {
    requests: ctx.sent - sentBefore,
    ms: Math.round(performance.now() - started),
  })
  return problems.length > 40
    ? [...problems.slice(0, 40), `… and ${problems.length - 40} more`]
    : problems
}
