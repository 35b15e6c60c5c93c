/**
 * The member API, called through Hono's typed client (`hc<AppType>`): paths, bodies and answers come
 * from the worker's routes, so a change of an answer's shape fails `npm run check` wherever a screen
 * relies on it; no answer's type is written here. Every call answers a result object instead of
 * throwing, so a screen handles a refused request, an error answer and a dropped connection in the
 * same place; the messages are already in the UI language (the server follows Accept-Language).
 */
import { hc, type ClientResponse } from 'hono/client'
import type { CaptchaInput } from '../../core/schemas'
import type { AppType } from '../../worker/app'
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

/**
 * Every request's headers and options: the UI language, the installed app's mark, the session
 * cookie and no HTTP cache. A POST without a body still sends `{}` as JSON, as the API's CSRF rule
 * wants a JSON body on every write.
 */
const client = hc<AppType>('/', {
  headers: (): Record<string, string> => ({
    Accept: 'application/json',
    'Accept-Language': lang(),
    ...(isStandalone() ? { 'X-Client-Mode': 'standalone' } : {}),
  }),
  init: { credentials: 'same-origin', cache: 'no-store' },
  fetch: (input: RequestInfo | URL, init: RequestInit = {}) => {
    if (init.method !== 'GET' && init.body === undefined) {
      init = { ...init, body: '{}' }
      new Headers(init.headers).has('Content-Type') ||
        (init.headers = withHeader(init.headers, 'Content-Type', 'application/json'))
    }
    return fetch(input, init)
  },
})

function withHeader(headers: HeadersInit | undefined, name: string, value: string): Headers {
  const out = new Headers(headers)
  out.set(name, value)
  return out
}

const dropped = (): ApiResult<never> => {
  reportNetwork(false)
  return { ok: false, status: 0, error: { code: 'network', message: ui('networkError') } }
}

/** The answer's body type of a typed client call. */
type Answer<R> = R extends ClientResponse<infer T, infer _S, infer _F> ? T : never

/** One call through the typed client, its answer read into a result; never throws. */
async function call<R extends ClientResponse<unknown>>(
  send: () => Promise<R>,
): Promise<ApiResult<Answer<R>>> {
  // The device says it is offline: answer as a dropped connection would, without waiting for one
  // (the offline copy is then read at once).
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return dropped()
  let response: R
  try {
    response = await send()
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
      data: payload as Answer<R>,
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

const { api: routes } = client

/** What a call answers when it succeeds. */
type Data<F extends (...args: never[]) => Promise<ApiResult<unknown>>> =
  Awaited<ReturnType<F>> extends ApiResult<infer T> ? T : never
/** The body a call sends. */
type Body<F extends (body: never) => unknown> = Parameters<F>[0]

export const api = {
  captcha: (body: CaptchaInput) => call(() => routes.captcha.$post({ json: body })),
  signup: (body: Body<typeof routes.signup.$post>['json']) =>
    call(() => routes.signup.$post({ json: body })),
  resend: (body: Body<typeof routes.signup.resend.$post>['json']) =>
    call(() => routes.signup.resend.$post({ json: body })),
  verify: (body: Body<typeof routes.signup.verify.$post>['json']) =>
    call(() => routes.signup.verify.$post({ json: body })),
  verifyCode: (body: Body<(typeof routes.signup)['verify-code']['$post']>['json']) =>
    call(() => routes.signup['verify-code'].$post({ json: body })),
  login: (body: Body<typeof routes.login.$post>['json']) =>
    call(() => routes.login.$post({ json: body })),
  logout: () => call(() => routes.logout.$post()),
  me: () => call(() => routes.me.$get()),
  forgotPassword: (body: Body<typeof routes.password.forgot.$post>['json']) =>
    call(() => routes.password.forgot.$post({ json: body })),
  checkResetToken: (body: Body<typeof routes.password.check.$post>['json']) =>
    call(() => routes.password.check.$post({ json: body })),
  resetPassword: (body: Body<typeof routes.password.reset.$post>['json']) =>
    call(() => routes.password.reset.$post({ json: body })),
  unlock: (body: Body<typeof routes.unlock.$post>['json']) =>
    call(() => routes.unlock.$post({ json: body })),
  linkCard: (body: CardLinkRequest) => call(() => routes.card.link.$post({ json: body })),
  checkupAccess: () => call(() => routes.checkups.access.$get()),
  submitViewingCode: (body: Body<typeof routes.checkups.code.$post>['json']) =>
    call(() => routes.checkups.code.$post({ json: body })),
  setSecretQuestion: (body: Body<typeof routes.checkups.question.$post>['json']) =>
    call(() => routes.checkups.question.$post({ json: body })),
  acceptNotice: () => call(() => routes.checkups.notice.$post()),
  answerSecretQuestion: (body: Body<typeof routes.checkups.answer.$post>['json']) =>
    call(() => routes.checkups.answer.$post({ json: body })),
  checkups: () => call(() => routes.checkups.$get()),
  checkup: (examDate: string) =>
    call(() => routes.checkups[':examDate'].$get({ param: { examDate } })),
  accessLog: () => call(() => routes.account['access-log'].$get()),
  config: () => call(() => routes.config.$get()),
}

/** POST /api/card/link: the wizard's values, normalised as the confirmation screen shows them. */
export type CardLinkRequest = Body<typeof routes.card.link.$post>['json']
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
