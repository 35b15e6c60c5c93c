/**
 * The wizard's checks and the body it sends. Validation runs core's own schemas (CardPersonBody,
 * CardLinkBody) over the values as typed, so the client refuses exactly what the worker would,
 * with the same words; what is sent is the normalised form the confirmation screen shows.
 */
import * as v from 'valibot'
import {
  CardLinkBody,
  CardPersonBody,
  checkInsurerNumber,
  isValidBranch,
  normalizeBranch,
  normalizeNumber,
  normalizeSymbol,
} from '../../../core/card'
import { isMessageKey } from '../../../core/i18n'
import { formatKanaName, isKatakanaName } from '../../../core/kana'
import type { CardLinkRequest } from '../../lib/api'
import { coreMsg, type Msg } from '../../lib/messages'
import type { CardForm } from './store'

export type PersonField = 'nameKana' | 'birthDate' | 'insurerNumber'
export type NumberField = 'symbol' | 'number' | 'branch'
export type CardField = PersonField | NumberField

export const PERSON_FIELDS: readonly PersonField[] = ['nameKana', 'birthDate', 'insurerNumber']
export const NUMBER_FIELDS: readonly NumberField[] = ['symbol', 'number', 'branch']

/** The first message per field, as core's schemas word it. */
function byField(issues: readonly v.BaseIssue<unknown>[]): Partial<Record<CardField, Msg>> {
  const found: Partial<Record<CardField, Msg>> = {}
  for (const issue of issues) {
    const key = issue.path?.[0]?.key as CardField | undefined
    if (typeof key !== 'string' || found[key]) continue
    found[key] = coreMsg(isMessageKey(issue.message) ? issue.message : 'field.invalid')
  }
  return found
}

/** Errors of the first step (氏名, 生年月日, 保険者番号). */
export function personErrors(form: CardForm): Partial<Record<PersonField, Msg>> {
  const result = v.safeParse(CardPersonBody, {
    nameKana: form.nameKana,
    birthDate: form.birthDate,
    insurerNumber: form.insurerNumber,
  })
  return result.success ? {} : byField(result.issues)
}

/** Errors of the whole card (both steps), as POST /api/card/link would find them. */
export function cardErrors(form: CardForm): Partial<Record<CardField, Msg>> {
  const result = v.safeParse(CardLinkBody, { ...form })
  return result.success ? {} : byField(result.issues)
}

/** NFKC without spaces: full-width digits typed into 保険者番号 become half-width. */
export function halfWidthDigits(raw: string): string {
  const digits = raw.normalize('NFKC').replace(/\s+/gu, '')
  return /^[0-9]+$/.test(digits) ? digits : raw
}

/** The name as it will be sent, when formatting gives a valid katakana name; else undefined. */
export function convertedName(raw: string): string | undefined {
  const name = formatKanaName(raw)
  return name !== '' && isKatakanaName(name) ? name : undefined
}

/** The 記号 that will be sent when it differs from what was typed (71-1234 → 1234). */
export function symbolNotice(raw: string): string | undefined {
  const symbol = normalizeSymbol(raw)
  return symbol !== '' && symbol !== raw ? symbol : undefined
}

/** The 番号 that will be sent when it differs from what was typed; `last7` when cut to 7 digits. */
export function numberNotice(raw: string): { value: string; last7: boolean } | undefined {
  const number = normalizeNumber(raw)
  if (number === '' || number === raw) return undefined
  const typedDigits = raw.normalize('NFKC').match(/[0-9]/gu)?.length ?? 0
  return { value: number, last7: /^[0-9]{7}$/.test(number) && typedDigits >= 8 }
}

/** The 枝番 that will be sent when it differs from what was typed (1 → 01). */
export function branchNotice(raw: string): string | undefined {
  if (!isValidBranch(raw)) return undefined
  const branch = normalizeBranch(raw)
  return branch !== null && branch !== raw ? branch : undefined
}

/** What 利用資格を照会する sends: every value normalised (the worker's rules are idempotent). */
export function linkBody(form: CardForm): CardLinkRequest {
  const insurer = checkInsurerNumber(form.insurerNumber)
  const branch = normalizeBranch(form.branch)
  return {
    nameKana: formatKanaName(form.nameKana),
    birthDate: form.birthDate,
    insurerNumber: insurer.ok ? insurer.display : halfWidthDigits(form.insurerNumber),
    symbol: normalizeSymbol(form.symbol),
    number: normalizeNumber(form.number),
    ...(branch === null ? {} : { branch }),
  }
}
