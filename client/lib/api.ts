/**
 * The member API, typed by the worker's own routes: `AppType` (worker/app.ts) is the chain of every
 * route under /api, and each call here names its path and method in it, so the path, the body and
 * the answer are the route's. A change of an answer's shape fails `npm run check` wherever a screen
 * relies on it; no answer's type is written here. (The command line calls through `hc<StaffAppType>`;
 * the browser uses the same types with this one function instead of hc's runtime, which would add
 * 1.8 KB gzip to every screen's first load: docs/decisions.md.) Every call answers a result object
 * instead of throwing, so a screen handles a refused request, an error answer and a dropped
 * connection in the same place; the messages are already in the UI language (the server follows
 * Accept-Language).
 */
import type { Hono } from 'hono'
import type { CaptchaInput } from '../../core/schemas'
import type { AppType } from '../../worker/app'
import { retryWhileBusy } from './busy-retry'
import { lang, ui } from './i18n'
import { reportNetwork, reportServerTime } from './network'

export type ApiError = {
  code: string
  message: string
  /** Per-field messages of a 400 `validation` answer, keyed by the body's field names. */
  fields?: Record<string, string>
  captcha?: Captcha
}
export type ApiResult<T> =
  /**
   * `serverTime`: the answer's Date header (epoch ms), when it had one; `stepUpAt`: on a health read,
   * when this session passed the step-up (X-Step-Up-At, epoch ms of the server's clock).
   */
  | { ok: true; status: number; data: T; serverTime?: number; stepUpAt?: number }
  | { ok: false; status: number; error: ApiError }

/** The installed app (display-mode standalone, or iOS's home-screen flag) gets longer sessions. */
function isStandalone(): boolean {
  const nav = navigator as Navigator & { standalone?: boolean }
  return (
    (typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches) ||
    nav.standalone === true
  )
}

function isApiError(value: unknown): value is { error: ApiError } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error = (value as { error: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as ApiError).code === 'string' &&
    typeof (error as ApiError).message === 'string'
  )
}

const dropped = (): ApiResult<never> => {
  reportNetwork(false)
  return { ok: false, status: 0, error: { code: 'network', message: ui('networkError') } }
}

/** The member API's routes as the worker declares them: path → method → input and answer. */
type Schema = AppType extends Hono<infer _Env, infer S, infer _Base> ? S : never
type Path = keyof Schema & string
type Method<P extends Path> = keyof Schema[P] & ('$get' | '$post')
type Endpoint<P extends Path, M extends Method<P>> = Schema[P][M]
/** What a route answers when it succeeds (its error answers are the app's one shape, ApiError). */
type Answer<P extends Path, M extends Method<P>> =
  Endpoint<P, M> extends { output: infer O } ? O : never
/** What a route takes: its validated body (`json`) and its path's parameters (`param`). */
type Input<P extends Path, M extends Method<P>> =
  Endpoint<P, M> extends { input: infer I } ? I : never
type Args<P extends Path, M extends Method<P>> = keyof Input<P, M> extends never
  ? []
  : [input: Input<P, M>]

/**
 * One request to a route of the member API, its answer read into a result; never throws. A POST
 * without a body still sends `{}` as JSON: the API's CSRF rule wants a JSON body on every write.
 */
export async function call<P extends Path, M extends Method<P>>(
  method: M,
  path: P,
  ...[input]: Args<P, M>
): Promise<ApiResult<Answer<P, M>>> {
  const { json, param } = (input ?? {}) as { json?: unknown; param?: Record<string, string> }
  const url = param
    ? path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(param[name] ?? ''))
    : path
  const get = method === '$get'
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': lang(),
  }
  if (!get) headers['Content-Type'] = 'application/json'
  if (isStandalone()) headers['X-Client-Mode'] = 'standalone'
  // The device says it is offline: answer as a dropped connection would, without waiting for one
  // (the offline copy is then read at once).
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return dropped()
  let response: Response
  try {
    // issue 14, F: a write held by an insurer's move (503 + Retry-After) is sent again.
    const body = get ? undefined : JSON.stringify(json ?? {})
    response = await retryWhileBusy(() =>
      fetch(url, {
        method: get ? 'GET' : 'POST',
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        body,
      }),
    )
  } catch {
    return dropped()
  }
  reportNetwork(true)
  const serverTime = reportServerTime(response.headers.get('Date'))
  let payload: unknown = undefined
  const text = await response.text().catch(() => '')
  if (text) {
    try {
      payload = JSON.parse(text)
    } catch {
      payload = undefined
    }
  }
  const stepUpAt = Number(response.headers.get('X-Step-Up-At') ?? NaN)
  if (response.ok)
    return {
      ok: true,
      status: response.status,
      data: payload as Answer<P, M>,
      serverTime,
      ...(Number.isFinite(stepUpAt) ? { stepUpAt } : {}),
    }
  if (isApiError(payload)) return { ok: false, status: response.status, error: payload.error }
  return {
    ok: false,
    status: response.status,
    error: { code: 'internal', message: ui('unexpectedError') },
  }
}

/** What a call answers when it succeeds. */
type Data<F extends (...args: never[]) => Promise<ApiResult<unknown>>> =
  Awaited<ReturnType<F>> extends ApiResult<infer T> ? T : never
/** The body a route takes (its POST's, where the path also answers a GET). */
type Body<P extends Path> = Input<P, Method<P> & '$post'> extends { json: infer J } ? J : never

export const api = {
  captcha: (body: Body<'/api/captcha'>) => call('$post', '/api/captcha', { json: body }),
  signup: (body: Body<'/api/signup'>) => call('$post', '/api/signup', { json: body }),
  resend: (body: Body<'/api/signup/resend'>) => call('$post', '/api/signup/resend', { json: body }),
  verify: (body: Body<'/api/signup/verify'>) => call('$post', '/api/signup/verify', { json: body }),
  verifyCode: (body: Body<'/api/signup/verify-code'>) =>
    call('$post', '/api/signup/verify-code', { json: body }),
  login: (body: Body<'/api/login'>) => call('$post', '/api/login', { json: body }),
  logout: () => call('$post', '/api/logout'),
  me: () => call('$get', '/api/me'),
  forgotPassword: (body: Body<'/api/password/forgot'>) =>
    call('$post', '/api/password/forgot', { json: body }),
  checkResetToken: (body: Body<'/api/password/check'>) =>
    call('$post', '/api/password/check', { json: body }),
  resetPassword: (body: Body<'/api/password/reset'>) =>
    call('$post', '/api/password/reset', { json: body }),
  unlock: (body: Body<'/api/unlock'>) => call('$post', '/api/unlock', { json: body }),
  linkCard: (body: CardLinkRequest) => call('$post', '/api/card/link', { json: body }),
  checkupAccess: () => call('$get', '/api/checkups/access'),
  submitViewingCode: (body: Body<'/api/checkups/code'>) =>
    call('$post', '/api/checkups/code', { json: body }),
  setSecretQuestion: (body: Body<'/api/checkups/question'>) =>
    call('$post', '/api/checkups/question', { json: body }),
  acceptNotice: () => call('$post', '/api/checkups/notice'),
  answerSecretQuestion: (body: Body<'/api/checkups/answer'>) =>
    call('$post', '/api/checkups/answer', { json: body }),
  checkups: () => call('$get', '/api/checkups'),
  checkup: (examDate: string) => call('$get', '/api/checkups/:examDate', { param: { examDate } }),
  accessLog: () => call('$get', '/api/account/access-log'),
  config: () => call('$get', '/api/config'),
}

/** POST /api/card/link: the wizard's values, normalised as the confirmation screen shows them. */
export type CardLinkRequest = Body<'/api/card/link'>
export type CaptchaAction = CaptchaInput['action']
/** The captcha the next submit needs; `siteKey` null at level 0 (no widget). */
export type Captcha = Data<typeof api.captcha>
export type CaptchaLevel = Captcha['level']
export type Config = Data<typeof api.config>
export type Member = Data<typeof api.me>['member']
/** The member's insurer once the card is linked; `number` is the stored 8-digit form. */
export type Insurer = NonNullable<Member['insurer']>
/** Where the member stands on the way to their results (GET /api/checkups/access). */
export type CheckupAccess = Data<typeof api.checkupAccess>
export type CheckupAccessState = CheckupAccess['state']
export type SecretQuestion = CheckupAccess['questions'][number]
/** GET /api/checkups: the person and their checkups, newest first, without results. */
export type CheckupList = Data<typeof api.checkups>
/** GET /api/checkups/:examDate: that checkup whole, then every earlier one (newest first). */
export type CheckupDetail = Data<typeof api.checkup>
export type CheckupPerson = CheckupList['person']
/** One checkup in the list: no results, only how many items got each grade. */
export type CheckupSummary = CheckupList['checkups'][number]
export type Checkup = CheckupDetail['checkups'][number]
/** One result as the insurer's file gave it, with the grade it was given at import. */
export type StoredResult = Checkup['results'][number]
export type { Grade } from '../../core/grading'
export type AccessLogEntry = Data<typeof api.accessLog>['reads'][number]
/** GET /api/inquiries (お問い合わせ履歴); the page calls `call` itself, so the shell's `api` stays as it was. */
export type InquiryHistory = Answer<'/api/inquiries', '$get'>

let configPromise: Promise<Config | null> | undefined

/** GET /api/config, fetched once per page load (a failure is retried on the next call). */
export function getConfig(): Promise<Config | null> {
  configPromise ??= api.config().then((result) => {
    if (result.ok) return result.data
    configPromise = undefined
    return null
  })
  return configPromise
}
