/**
 * The member API of docs/api.md, as typed functions. Every call answers a result object instead of
 * throwing, so a screen handles a refused request, an error answer and a dropped connection in the
 * same place; the messages are already in the UI language (the server follows Accept-Language).
 */
import { lang, ui } from './i18n'
import { reportNetwork, reportServerTime } from './network'

export type CaptchaLevel = 0 | 1 | 2 | 3
/** The captcha the next submit needs; `siteKey` null at level 0 (no widget). */
export type Captcha = { level: CaptchaLevel; siteKey: string | null }
/** The member's insurer once the card is linked; `number` is the stored 8-digit form. */
export type Insurer = { number: string; name: string }
export type Member = {
  id: number | string
  email: string
  linked: boolean
  /** The roster's name (全角カナ) once the card is linked. */
  name: string | null
  insurer: Insurer | null
}
export type Config = {
  turnstile: { scriptUrl: string; siteKey: string; siteKeyInteractive: string }
  environment: string
}
export type CaptchaAction = 'login' | 'signup' | 'reset' | 'resend'

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

/** One JSON request to the API; never throws. */
export async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': lang(),
  }
  if (method !== 'GET') headers['Content-Type'] = 'application/json'
  if (isStandalone()) headers['X-Client-Mode'] = 'standalone'
  let response: Response
  // The device says it is offline: answer as a dropped connection would, without waiting for one
  // (the offline copy is then read at once).
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    reportNetwork(false)
    return { ok: false, status: 0, error: { code: 'network', message: ui('networkError') } }
  }
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    })
  } catch {
    reportNetwork(false)
    return { ok: false, status: 0, error: { code: 'network', message: ui('networkError') } }
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
      data: payload as T,
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

let configPromise: Promise<Config | null> | undefined

/** GET /api/config, fetched once per page load (a failure is retried on the next call). */
export function getConfig(): Promise<Config | null> {
  configPromise ??= request<Config>('GET', '/api/config').then((result) => {
    if (result.ok) return result.data
    configPromise = undefined
    return null
  })
  return configPromise
}

type Sent = { sent: true; linkMinutes: number }

/** POST /api/card/link: the wizard's values, normalised as the confirmation screen shows them. */
export type CardLinkRequest = {
  nameKana: string
  birthDate: string
  insurerNumber: string
  symbol: string
  number: string
  branch?: string
}

/** Where the member stands on the way to their results (GET /api/checkups/access). */
export type CheckupAccessState =
  'code' | 'question_setup' | 'notice' | 'question' | 'ready' | 'code_locked' | 'locked'
export type SecretQuestion = { id: string; ja: string; en: string }
export type CheckupAccess = {
  state: CheckupAccessState
  /** The member's own question (state `question`). */
  question?: SecretQuestion
  /** The questions to choose from (state `question_setup`). */
  questions: SecretQuestion[]
}
import type { StoredResult } from '../../worker/checkup-json'
import type { Grade } from '../../core/grading'
export type { Grade }
/** One result as the insurer's file gave it, with the grade it was given at import (the worker's type). */
export type { StoredResult }
export type Checkup = {
  examDate: string
  institution: string | null
  tableVersion: string
  results: StoredResult[]
}
/** The roster's person (性別 1 male, 2 female). */
export type CheckupPerson = { name: string; sex: 1 | 2 }
/** One checkup in the list: no results, only how many items got each grade. */
export type CheckupSummary = {
  examDate: string
  institution: string | null
  tableVersion: string
  grades: Record<Grade, number>
}
/** GET /api/checkups: the person and their checkups, newest first, without results. */
export type CheckupList = { person: CheckupPerson; checkups: CheckupSummary[] }
/** GET /api/checkups/:examDate: that checkup whole, then every earlier one (newest first). */
export type CheckupDetail = { person: CheckupPerson; checkups: Checkup[] }
export type AccessLogEntry = { at: string; actor: 'member' | 'staff'; action: string }

export const api = {
  captcha: (body: { action: CaptchaAction; email?: string }) =>
    request<Captcha>('POST', '/api/captcha', body),
  signup: (body: {
    email: string
    emailConfirm: string
    password: string
    inviteCode?: string
    orgCode?: string
    agreeTerms: true
    captchaToken?: string
  }) => request<Sent>('POST', '/api/signup', body),
  resend: (body: { email: string; captchaToken?: string }) =>
    request<Sent>('POST', '/api/signup/resend', body),
  verify: (body: { token: string; password?: string }) =>
    request<{ member: Member }>('POST', '/api/signup/verify', body),
  verifyCode: (body: { email: string; code: string; password?: string }) =>
    request<{ member: Member }>('POST', '/api/signup/verify-code', body),
  login: (body: { email: string; password: string; captchaToken?: string }) =>
    request<{ member: Member }>('POST', '/api/login', body),
  logout: () => request<void>('POST', '/api/logout', {}),
  me: () =>
    request<{
      member: Member
      session: { mode: 'browser' | 'app'; idleSeconds: number; expiresAt: string }
    }>('GET', '/api/me'),
  forgotPassword: (body: { email: string; captchaToken?: string }) =>
    request<{ sent: true }>('POST', '/api/password/forgot', body),
  checkResetToken: (body: { token: string }) =>
    request<{ valid: true; email: string }>('POST', '/api/password/check', body),
  resetPassword: (body: { token: string; password: string }) =>
    request<{ ok: true }>('POST', '/api/password/reset', body),
  unlock: (body: { token: string }) => request<{ ok: true }>('POST', '/api/unlock', body),
  linkCard: (body: CardLinkRequest) =>
    request<{ outcome: 'linked'; member: Member }>('POST', '/api/card/link', body),
  checkupAccess: () => request<CheckupAccess>('GET', '/api/checkups/access'),
  submitViewingCode: (body: { code: string }) =>
    request<{ state: CheckupAccessState }>('POST', '/api/checkups/code', body),
  setSecretQuestion: (body: { questionId: string; answer: string }) =>
    request<{ state: CheckupAccessState }>('POST', '/api/checkups/question', body),
  acceptNotice: () => request<{ state: 'ready' }>('POST', '/api/checkups/notice', {}),
  answerSecretQuestion: (body: { answer: string }) =>
    request<{ state: 'ready' }>('POST', '/api/checkups/answer', body),
  checkups: () => request<CheckupList>('GET', '/api/checkups'),
  checkup: (examDate: string) =>
    request<CheckupDetail>('GET', `/api/checkups/${encodeURIComponent(examDate)}`),
  accessLog: () => request<{ reads: AccessLogEntry[] }>('GET', '/api/account/access-log'),
}
