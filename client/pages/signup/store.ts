/**
 * The sign-up form between its screens (入力 → 確認 → 送信後), so 戻る keeps what was typed. Module
 * state only, never storage: it holds the password, which is cleared once the mail is sent.
 */
import { createStore } from 'solid-js/store'
import type { Navigator } from '@solidjs/router'
import type { ApiError, Member } from '../../lib/api'
import { setMember } from '../../lib/session'

export type SignupForm = {
  email: string
  emailConfirm: string
  password: string
  inviteCode: string
  orgCode: string
  agreeTerms: boolean
}

const emptyForm: SignupForm = {
  email: '',
  emailConfirm: '',
  password: '',
  inviteCode: '',
  orgCode: '',
  agreeTerms: false,
}

export const [signup, setSignup] = createStore<{
  form: SignupForm
  /** Set by 確認画面へ once every field passed; the confirmation screen needs it. */
  ready: boolean
  /** A 400 answer to show on the input screen after 戻る-style return. */
  serverError?: ApiError
  /** Where the provisional-registration mail went, and how long its link lives. */
  sentTo: string
  linkMinutes: number
}>({ form: { ...emptyForm }, ready: false, sentTo: '', linkMinutes: 60 })

/** After the mail is sent: the password is no longer needed anywhere. */
export function forgetSecrets(): void {
  setSignup('form', { password: '', emailConfirm: '', agreeTerms: false })
  setSignup('ready', false)
}

/** After the address is confirmed: nothing of the sign-up is kept. */
export function resetSignup(): void {
  // Emptied in place: a screen that holds the form object keeps working (see client/lib/form.ts).
  setSignup('form', { ...emptyForm })
  setSignup({ ready: false, serverError: undefined, sentTo: '', linkMinutes: 60 })
}

/**
 * 本登録 is done (by the mailed link or the 6-digit code): the member is logged in, nothing of the
 * sign-up is kept, and 本登録が完了しました follows in place of the screen that did it.
 */
export function finishSignup(member: Member, navigate: Navigator): void {
  setMember(member)
  resetSignup()
  navigate('/signup/done', { replace: true })
}
