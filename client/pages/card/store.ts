/**
 * The card wizard between its screens (入力 → 記号・番号 → 確認), so 戻る keeps what was typed. Module
 * state only, never storage: it is personal data, and it is dropped as soon as the session ends
 * or another member logs in on the device.
 */
import { createEffect, createRoot } from 'solid-js'
import { createStore } from 'solid-js/store'
import type { ApiError } from '../../lib/api'
import { member } from '../../lib/session'

/** The values as typed (the name and insurer number as converted on blur). */
export type CardForm = {
  nameKana: string
  birthDate: string
  insurerNumber: string
  symbol: string
  number: string
  branch: string
}

const emptyForm: CardForm = {
  nameKana: '',
  birthDate: '',
  insurerNumber: '',
  symbol: '',
  number: '',
  branch: '',
}

export const [card, setCard] = createStore<{
  form: CardForm
  /** Set by 記号・番号入力に進む once the first step passed; /card/number and /card/confirm need it. */
  personReady: boolean
  /** Set by 入力内容の確認へ once the second step passed; /card/confirm needs it. */
  numberReady: boolean
  /** A 400 answer for the screen that has the fields it names (each screen takes its own). */
  serverError?: ApiError
}>({ form: { ...emptyForm }, personReady: false, numberReady: false })

/**
 * Empties the wizard. The form is emptied in place, never replaced: a screen that holds `card.form`
 * (drawn before the reset, e.g. while the member was still being asked for) goes on reading and
 * writing the one object the store has.
 */
export function resetCard(): void {
  setCard('form', { ...emptyForm })
  setCard({ personReady: false, numberReady: false, serverError: undefined })
}

/**
 * The part of a kept 400 answer that concerns `fields`, removed from the store; the rest stays for
 * the other screen.
 */
export function takeServerError(fields: readonly string[]): ApiError | undefined {
  const error = card.serverError
  if (!error) return undefined
  const mine: Record<string, string> = {}
  const rest: Record<string, string> = {}
  for (const [key, message] of Object.entries(error.fields ?? {})) {
    if (fields.includes(key)) mine[key] = message
    else rest[key] = message
  }
  if (Object.keys(mine).length === 0) return undefined
  setCard('serverError', Object.keys(rest).length ? { ...error, fields: rest } : undefined)
  return { ...error, fields: mine }
}

createRoot(() => {
  let owner: Member['id'] | null | undefined
  createEffect(() => {
    const current = member()
    if (current === undefined) return // the first check is still running
    const id = current ? current.id : null
    if (owner !== undefined && id !== owner) resetCard()
    owner = id
  })
})

type Member = NonNullable<ReturnType<typeof member>>
