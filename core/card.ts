/**
 * The insurance card (保険証) as members type it and insurers list it (docs/data-formats.md, "Who is
 * who"; the manual's STEP2-2 to STEP2-5). Unlike the account forms, card fields are normalised
 * rather than refused: full-width digits, the part before a hyphen and the leading digits of a
 * long 番号 are all things the manual tells members to type one way and people type another, and
 * the same rules run over the roster so both sides meet in one key.
 */
import * as v from 'valibot'
import type { MessageKey } from './i18n.ts'
import { body } from './schemas.ts'
import { formatKanaName, isKatakanaName } from './kana.ts'

/** 記号 and 番号 hold up to 20 characters as printed (docs/data-formats.md). */
export const SYMBOL_MAX = 20
export const NUMBER_MAX = 20
/** Room for long foreign names; the roster has the same bound, so anyone listed can type theirs. */
export const NAME_KANA_MAX = 64
/** Nobody alive was born earlier; a year before it is a typing mistake. */
export const BIRTH_YEAR_MIN = 1900
/** Bound on any raw card field before normalisation, so no input makes the checks do much work. */
const RAW_MAX = 200

/** Japan has one time zone and no daylight saving time: "today" is the date in UTC+9. */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000

const SPACES = /\s+/gu
/** Hyphens and dashes as they appear after NFKC (which already makes － and ﹣ an ASCII '-'). */
const HYPHEN_CHARS = '\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212'
const HYPHENS = new RegExp(`[${HYPHEN_CHARS}]`, 'gu')
const EDGE_HYPHENS = new RegExp(`^[${HYPHEN_CHARS}]+|[${HYPHEN_CHARS}]+$`, 'gu')
/** ー typed for a hyphen by a Japanese IME: only between digits, since 記号 may also hold kana. */
const LONG_VOWEL_BETWEEN_DIGITS = /(?<=[0-9])\u30fc+(?=[0-9])/gu
const DIGITS = /^[0-9]+$/
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/

// ---------------------------------------------------------------------------------------------
// 保険者番号

export type InsurerNumberProblem = 'required' | 'digits' | 'length' | 'check_digit'

export type InsurerNumberCheck =
  { ok: true; number: string; display: string } | { ok: false; problem: InsurerNumberProblem }

/**
 * The check digit of a 保険者番号 over the digits before it: weights 2,1,2,1… from the right,
 * a two-digit product counting as the sum of its digits, then 10 − last digit of the sum (0 for 0).
 */
export function insurerCheckDigit(body: string): number {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const weight = i % 2 === 0 ? 2 : 1
    const product = Number(body[body.length - 1 - i]) * weight
    sum += product >= 10 ? product - 9 : product
  }
  return (10 - (sum % 10)) % 10
}

/**
 * A 保険者番号 as typed. Full-width digits count and spaces are dropped (a number holds nothing
 * else, so neither can change its meaning). `number` is the stored form, 8 digits: the 6-digit
 * numbers of municipal national health insurance are zero-padded, as in the checkup XML, which
 * keeps the check digit (leading zeros weigh nothing). `display` is the number as on the card.
 */
export function checkInsurerNumber(raw: string): InsurerNumberCheck {
  const digits = raw.normalize('NFKC').replace(SPACES, '')
  if (digits === '') return { ok: false, problem: 'required' }
  if (!DIGITS.test(digits)) return { ok: false, problem: 'digits' }
  if (digits.length !== 6 && digits.length !== 8) return { ok: false, problem: 'length' }
  const number = digits.padStart(8, '0')
  if (insurerCheckDigit(number.slice(0, 7)) !== Number(number[7])) {
    return { ok: false, problem: 'check_digit' }
  }
  return { ok: true, number, display: displayInsurerNumber(number) }
}

/**
 * A stored 8-digit 保険者番号 as the card prints it. No 8-digit number starts with 00 (法別番号 00
 * does not exist), so such a number is a padded 6-digit one.
 */
export function displayInsurerNumber(stored: string): string {
  return stored.length === 8 && stored.startsWith('00') ? stored.slice(2) : stored
}

// ---------------------------------------------------------------------------------------------
// 記号, 番号, 枝番

/** NFKC with every space removed: what was printed, in one width. */
function printed(raw: string): string {
  return raw.normalize('NFKC').replace(SPACES, '')
}

/** Length in characters (not UTF-16 units) of a value as printed. */
export function printedLength(raw: string): number {
  return [...printed(raw)].length
}

/**
 * 記号 as entered (manual STEP2-4): NFKC (full-width → half-width), spaces removed, then the part
 * after the last hyphen (71-1234 → 1234). Every dash look-alike counts as the hyphen, and so does
 * ー between digits; hyphens at either end are dropped rather than leaving nothing. Idempotent.
 */
export function normalizeSymbol(raw: string): string {
  const symbol = printed(raw).replace(LONG_VOWEL_BETWEEN_DIGITS, '-').replace(EDGE_HYPHENS, '')
  const parts = symbol.split(HYPHENS)
  return parts[parts.length - 1]
}

/**
 * 番号 as entered (manual STEP2-4): NFKC, spaces and hyphens removed, and a number of 8 digits or
 * more cut to its last 7 (12345678 → 2345678). Leading zeros are kept here, as printed; `cardKey`
 * is where they stop mattering. Idempotent.
 */
export function normalizeNumber(raw: string): string {
  const number = printed(raw).replace(LONG_VOWEL_BETWEEN_DIGITS, '').replace(HYPHENS, '')
  return DIGITS.test(number) && number.length >= 8 ? number.slice(-7) : number
}

/** Whether a 枝番 is empty or 1–2 digits (full-width digits and spaces allowed). */
export function isValidBranch(raw: string | null | undefined): boolean {
  return /^[0-9]{0,2}$/.test(printed(raw ?? ''))
}

/**
 * 枝番: 1–2 digits padded to 2 ('1' → '01': spreadsheets drop the zero), empty → null. A value
 * that is not a branch (see isValidBranch) comes back as printed, so it equals no real branch.
 */
export function normalizeBranch(raw: string | null | undefined): string | null {
  const branch = printed(raw ?? '')
  if (branch === '') return null
  return /^[0-9]{1,2}$/.test(branch) ? branch.padStart(2, '0') : branch
}

/** An all-digit value without its leading zeros ('0100' → '100', '000' → '0'). */
function withoutLeadingZeros(value: string): string {
  return DIGITS.test(value) ? value.replace(/^0+(?=[0-9])/u, '') : value
}

/** Latin letters in one case: a member types 'ab' for a card's 'AB'. Other scripts stay. */
function upperAscii(value: string): string {
  return value.replace(/[a-z]+/gu, (letters) => letters.toUpperCase())
}

export interface Card {
  symbol?: string | null
  number: string
  branch?: string | null
}

/**
 * The key that finds a card within an insurer, computed the same way from the roster (as printed)
 * and from the member's input (as typed): normalizeSymbol and normalizeNumber, then leading zeros
 * dropped from all-digit values ("0100" and "100" are the same number: insurers pad inconsistently
 * and spreadsheets strip zeros) and Latin letters upper-cased. The two parts are joined by a space,
 * which neither can contain, so the key is unambiguous.
 *
 * The 枝番 is deliberately not part of the key: cards issued before 2021 print none while the
 * insurer's data has one, and a member may leave it empty. Compare it with `sameBranch`; family
 * members sharing a key are told apart by name and birth date.
 */
export function cardKey(card: Card): string {
  const symbol = withoutLeadingZeros(normalizeSymbol(card.symbol ?? ''))
  const number = withoutLeadingZeros(normalizeNumber(card.number))
  return upperAscii(`${symbol} ${number}`)
}

/** Whether two 枝番 agree: equal once normalised, or either side has none. */
export function sameBranch(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = normalizeBranch(a)
  const right = normalizeBranch(b)
  return left === null || right === null || left === right
}

// ---------------------------------------------------------------------------------------------
// Dates

/** 'YYYY-MM-DD' when the year, month and day make a date of the Gregorian calendar; else null. */
export function realDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null
  if (!Number.isInteger(month) || month < 1 || month > 12) return null
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  if (!Number.isInteger(day) || day < 1 || day > days) return null
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/** A real date written 'YYYY-MM-DD' (what a date input sends), or null. */
export function isoDate(raw: string): string | null {
  const match = ISO_DATE.exec(raw)
  return match ? realDate(Number(match[1]), Number(match[2]), Number(match[3])) : null
}

/** Today's date in Japan, 'YYYY-MM-DD'. */
export function todayInJapan(now: Date = new Date()): string {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10)
}

// ---------------------------------------------------------------------------------------------
// Wizard bodies

const INSURER_NUMBER_MESSAGES: Record<InsurerNumberProblem, MessageKey> = {
  required: 'field.insurerNumber.required',
  digits: 'field.insurerNumber.format',
  length: 'field.insurerNumber.format',
  check_digit: 'field.insurerNumber.check_digit',
}

/** 氏名(フルネーム・全角カナ): half-width kana and hiragana converted; output as stored. */
export const nameKana = v.pipe(
  v.string('field.nameKana.required'),
  v.maxLength(RAW_MAX, 'field.nameKana.too_long'),
  v.rawTransform<string, string>(({ dataset, addIssue, NEVER }) => {
    const name = formatKanaName(dataset.value)
    if (name === '') {
      addIssue({ message: 'field.nameKana.required' })
      return NEVER
    }
    if ([...name].length > NAME_KANA_MAX) {
      addIssue({ message: 'field.nameKana.too_long' })
      return NEVER
    }
    if (!isKatakanaName(name)) {
      addIssue({ message: 'field.nameKana.katakana' })
      return NEVER
    }
    return name
  }),
)

/**
 * 生年月日 from a date input: 'YYYY-MM-DD', a real date, from 1900 to today in Japan. "Today" is
 * read when the body is validated, so the check moves with the clock.
 */
export const birthDate = v.pipe(
  v.string('field.birthDate.required'),
  v.nonEmpty('field.birthDate.required'),
  v.check((raw) => {
    const date = isoDate(raw)
    return date !== null && date >= `${BIRTH_YEAR_MIN}-01-01` && date <= todayInJapan()
  }, 'field.birthDate.invalid'),
)

/** 保険者番号 with its check digit verified as typed; output in the stored 8-digit form. */
const insurerNumber = v.pipe(
  v.string(INSURER_NUMBER_MESSAGES.required),
  v.maxLength(RAW_MAX, INSURER_NUMBER_MESSAGES.length),
  v.rawTransform<string, string>(({ dataset, addIssue, NEVER }) => {
    const result = checkInsurerNumber(dataset.value)
    if (result.ok) return result.number
    addIssue({ message: INSURER_NUMBER_MESSAGES[result.problem] })
    return NEVER
  }),
)

/** 記号: may be empty (the roster does not always have one); output after the hyphen rule. */
const symbol = v.optional(
  v.pipe(
    v.string('field.invalid'),
    v.maxLength(RAW_MAX, 'field.symbol.too_long'),
    v.check((raw) => printedLength(raw) <= SYMBOL_MAX, 'field.symbol.too_long'),
    v.transform(normalizeSymbol),
  ),
  '',
)

/** 番号: required; output after the last-7 rule. */
const number = v.pipe(
  v.string('field.number.required'),
  v.maxLength(RAW_MAX, 'field.number.too_long'),
  v.rawTransform<string, string>(({ dataset, addIssue, NEVER }) => {
    const value = normalizeNumber(dataset.value)
    if (value === '') {
      addIssue({ message: 'field.number.required' })
      return NEVER
    }
    if (printedLength(dataset.value) > NUMBER_MAX) {
      addIssue({ message: 'field.number.too_long' })
      return NEVER
    }
    return value
  }),
)

/** 枝番: optional, up to 2 digits; output '01'-style, or null when not given. */
const branch = v.pipe(
  v.optional(v.nullable(v.string('field.branch.format')), null),
  v.check((raw) => isValidBranch(raw), 'field.branch.format'),
  v.transform((raw) => normalizeBranch(raw)),
)

/** POST of the wizard's first step (STEP2-2): who the member is and which insurer. */
export const CardPersonBody = body({ nameKana, birthDate, insurerNumber })

/**
 * POST of 利用資格を照会する (STEP2-5): the first step's fields again plus the card. The worker
 * matches with cardKey(output) and sameBranch against the roster's cardKey and branch.
 */
export const CardLinkBody = body({ nameKana, birthDate, insurerNumber, symbol, number, branch })

export type CardPersonInput = v.InferOutput<typeof CardPersonBody>
export type CardLinkInput = v.InferOutput<typeof CardLinkBody>
