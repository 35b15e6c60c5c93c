/**
 * The staff API, typed by the worker's own routes (`StaffAppType`, worker/app.ts), as client/lib/api.ts
 * does for the member API: each call names its path and method, so body, params, query and answer are
 * the route's. The console's calls go with its `__Host-staff` cookie (same origin); never throws.
 */
import type { Hono } from 'hono'
import type { StaffAppType } from '../../../worker/app'
import { lang, ui } from '../../lib/i18n'
import type { ApiResult } from '../../lib/api'

type Schema = StaffAppType extends Hono<infer _Env, infer S, infer _Base> ? S : never
type Path = keyof Schema & string
type Verb = '$get' | '$post' | '$patch' | '$put' | '$delete'
type Method<P extends Path> = keyof Schema[P] & Verb
type Endpoint<P extends Path, M extends Method<P>> = Schema[P][M]
export type StaffAnswer<P extends Path, M extends Method<P>> =
  Endpoint<P, M> extends { output: infer O } ? O : never
type Input<P extends Path, M extends Method<P>> =
  Endpoint<P, M> extends { input: infer I } ? I : never
type Args<P extends Path, M extends Method<P>> = keyof Input<P, M> extends never
  ? []
  : [input: Input<P, M>]

export type { ApiResult }

const METHOD: Record<Verb, string> = {
  $get: 'GET',
  $post: 'POST',
  $patch: 'PATCH',
  $put: 'PUT',
  $delete: 'DELETE',
}

/** Called when an answer says the console session is gone (401): the shell sends the user to log-in. */
let onSignedOut: (() => void) | undefined
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler
}

/** One request to a route of the staff API, its answer read into a result. */
export async function staffApi<P extends Path, M extends Method<P>>(
  method: M,
  path: P,
  ...[input]: Args<P, M>
): Promise<ApiResult<StaffAnswer<P, M>>> {
  const { json, param, query } = (input ?? {}) as {
    json?: unknown
    param?: Record<string, string>
    query?: Record<string, string | undefined>
  }
  let url = param
    ? path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(param[name] ?? ''))
    : path
  if (query) {
    const search = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, v)
    const q = search.toString()
    if (q) url += `?${q}`
  }
  const verb = METHOD[method as Verb]
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang() }
  const hasBody = verb !== 'GET' && verb !== 'DELETE'
  if (hasBody) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(url, {
      method: verb,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: hasBody ? JSON.stringify(json ?? {}) : undefined,
    })
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: ui('networkError') } }
  }
  const text = await response.text().catch(() => '')
  let payload: unknown
  try {
    payload = text ? JSON.parse(text) : undefined
  } catch {
    payload = undefined
  }
  if (response.ok) return { ok: true, status: response.status, data: payload as never }
  if (response.status === 401 && !path.endsWith('/session')) onSignedOut?.()
  const error = (payload as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  if (error && typeof error.code === 'string' && typeof error.message === 'string')
    return { ok: false, status: response.status, error: error as never }
  return {
    ok: false,
    status: response.status,
    error: { code: 'internal', message: ui('unexpectedError') },
  }
}

/** A file download of the staff API (CSV exports, print files): the browser saves what it answers. */
export async function staffDownload(url: string, filename: string): Promise<ApiResult<null>> {
  let response: Response
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Accept-Language': lang() },
    })
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: ui('networkError') } }
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => undefined)) as
      { error?: { code: string; message: string } } | undefined
    if (response.status === 401) onSignedOut?.()
    return {
      ok: false,
      status: response.status,
      error: payload?.error ?? { code: 'internal', message: ui('unexpectedError') },
    }
  }
  const blob = await response.blob()
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = filename
  link.click()
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
  return { ok: true, status: response.status, data: null }
}
