/**
 * One row of the insurer's roster CSV (名簿, docs/data-formats.md "Roster CSV"), already split into
 * fields by the CSV reader: its header mapped to columns, and each row checked and turned into a
 * typed record. Every problem of a row is reported, with the header as written in the file, so an
 * insurer can fix a file in one pass; a rejected row never stops the good ones.
 *
 * The card is kept as printed, beside the keys that matching uses (cardKey, nameKey), so a later
 * change of the matching rules needs no new file from the insurer.
 */
import {
  BIRTH_YEAR_MIN,
  cardKey,
  checkInsurerNumber,
  isValidBranch,
  NAME_KANA_MAX,
  normalizeBranch,
  normalizeNumber,
  NUMBER_MAX,
  printedLength,
  realDate,
  SYMBOL_MAX,
} from './card.ts'
import type { MessageKey } from './i18n.ts'
import { formatKanaName, isFormattedKatakanaName, nameKeyOf } from './kana.ts'

/** The columns, in the order of the table in docs/data-formats.md; `en` is also the column's id. */
export const ROSTER_COLUMNS = [
  { en: 'person_key', ja: '個人識別番号', required: true },
  { en: 'insurer_number', ja: '保険者番号', required: true },
  { en: 'symbol', ja: '記号', required: false },
  { en: 'number', ja: '番号', required: true },
  { en: 'branch', ja: '枝番', required: false },
  { en: 'name_kana', ja: '氏名カナ', required: true },
  { en: 'birth_date', ja: '生年月日', required: true },
  { en: 'sex', ja: '性別', required: true },
  { en: 'relationship', ja: '続柄', required: true },
  { en: 'valid_from', ja: '資格取得日', required: false },
  { en: 'valid_to', ja: '資格喪失日', required: false },
  { en: 'postal_code', ja: '郵便番号', required: false },
  { en: 'address', ja: '住所', required: false },
] as const

export type RosterColumn = (typeof ROSTER_COLUMNS)[number]['en']

/** The insurer's own id for a person; long enough for any member-number scheme. */
export const PERSON_KEY_MAX = 64
export const ADDRESS_MAX = 200

/** Where each column sits in a row, and how the file names it (for error reports). */
export interface RosterIndex {
  /** Position of each column in a row; -1 for an optional column the file does not have. */
  readonly position: Readonly<Record<RosterColumn, number>>
  /** Each column's header as in the file (trimmed); if absent, its name in the file's language. */
  readonly header: Readonly<Record<RosterColumn, string>>
  /** Number of columns of the header row; a row with more non-empty fields is misaligned. */
  readonly width: number
}

export type HeaderMapping =
  | { ok: true; index: RosterIndex }
  | { ok: false; missing: RosterColumn[]; unknown: string[]; duplicate: RosterColumn[] }

export type Sex = 1 | 2
/** 1 insured person (本人), 2 dependent (家族). */
export type Relationship = 1 | 2

export interface RosterRecord {
  personKey: string
  /** Stored 8-digit form. */
  insurerNumber: string
  /** 記号 as printed (trimmed); null when the file has none. */
  symbol: string | null
  /** 番号 as printed (trimmed). */
  number: string
  /** 枝番 as printed (trimmed); null when the file has none. */
  branch: string | null
  /** cardKey of symbol and number, compared with the member's. */
  cardKey: string
  /** 枝番 normalised ('01'), compared with sameBranch; null when none. */
  branchKey: string | null
  /** Full-width katakana, one full-width space between words. */
  nameKana: string
  /** normalizeKanaName (via nameKeyOf of the formatted name), compared with the member's. */
  nameKey: string
  /** Dates as 'YYYY-MM-DD'. */
  birthDate: string
  sex: Sex
  relationship: Relationship
  validFrom: string | null
  validTo: string | null
  /** 'NNN-NNNN'. */
  postalCode: string | null
  address: string | null
}

export interface RosterRowError {
  /** The header as written in the file; '' for a problem of the whole row. */
  column: string
  reason: MessageKey
}

export type RosterRowResult =
  { ok: true; row: RosterRecord } | { ok: false; errors: RosterRowError[] }

const BOM = '\ufeff'
const SPACES = /\s+/gu
/** A header in one form whatever the keyboard: NFKC (ｶﾅ → カナ, full-width → ASCII), trimmed. */
const headerName = (raw: string) => raw.normalize('NFKC').trim()

const BY_JA = new Map<string, RosterColumn>(ROSTER_COLUMNS.map((c) => [c.ja, c.en]))
const BY_EN = new Map<string, RosterColumn>(ROSTER_COLUMNS.map((c) => [c.en, c.en]))

/**
 * Maps the header row to columns. Japanese and English names are accepted (English in any case),
 * even mixed. Empty header cells (a spreadsheet's trailing commas) are ignored; any other unknown
 * header fails the file, since a misspelt optional column (資格喪失日) would otherwise be dropped
 * without a word. A column named twice fails too: which one holds the data would be a guess.
 */
export function mapHeader(headerRow: string[]): HeaderMapping {
  const position: Partial<Record<RosterColumn, number>> = {}
  const header: Partial<Record<RosterColumn, string>> = {}
  const unknown: string[] = []
  const duplicate: RosterColumn[] = []
  let japanese = 0
  let english = 0
  headerRow.forEach((raw, i) => {
    const name = headerName(i === 0 && raw.startsWith(BOM) ? raw.slice(1) : raw)
    if (name === '') return
    const byJa = BY_JA.get(name)
    const column = byJa ?? BY_EN.get(name.toLowerCase())
    if (column === undefined) {
      unknown.push(name)
      return
    }
    if (byJa) japanese++
    else english++
    if (position[column] !== undefined) {
      if (!duplicate.includes(column)) duplicate.push(column)
      return
    }
    position[column] = i
    header[column] = name
  })
  const missing = ROSTER_COLUMNS.filter((c) => c.required && position[c.en] === undefined).map(
    (c) => c.en,
  )
  if (missing.length > 0 || unknown.length > 0 || duplicate.length > 0) {
    return { ok: false, missing, unknown, duplicate }
  }
  const lang = english > japanese ? 'en' : 'ja'
  for (const c of ROSTER_COLUMNS) {
    position[c.en] ??= -1
    header[c.en] ??= c[lang]
  }
  return {
    ok: true,
    index: {
      position: position as Record<RosterColumn, number>,
      header: header as Record<RosterColumn, string>,
      width: headerRow.length,
    },
  }
}

/** Whether a row has nothing in it (a blank line, or only commas): to be skipped, not reported. */
export function isBlankRow(fields: string[]): boolean {
  return fields.every((field) => field.trim() === '')
}

/**
 * The dates a roster may hold: YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD. With slashes, month and day
 * may lack their leading zero (1962/1/10), the way a spreadsheet re-saves a date.
 */
const DATE_FORMATS = [
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/u,
  /^([0-9]{4})\/([0-9]{1,2})\/([0-9]{1,2})$/u,
  /^([0-9]{4})([0-9]{2})([0-9]{2})$/u,
]

/** A roster date as 'YYYY-MM-DD', or null when it is in none of the formats or not a real date. */
export function parseRosterDate(raw: string): string | null {
  const value = raw.normalize('NFKC').trim()
  for (const format of DATE_FORMATS) {
    const match = format.exec(value)
    if (match) return realDate(Number(match[1]), Number(match[2]), Number(match[3]))
  }
  return null
}

/** A 番号 a spreadsheet has shown in scientific notation (1.23457E+11): its digits are lost. */
const EXPONENT = /^[0-9](\.[0-9]+)?E\+[0-9]+$/iu
const POSTAL_CODE = /^([0-9]{3})[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc]?([0-9]{4})$/u
const ONE_OR_TWO = /^[12]$/u

/**
 * Checks one roster row against its header and the importing insurer, and returns either the
 * record or every problem found. Fields are trimmed (a missing trailing field reads as empty);
 * `insurerNumber` is the importing insurer's, in any form checkInsurerNumber accepts.
 */
export function parseRosterRow(
  fields: string[],
  index: RosterIndex,
  insurerNumber: string,
): RosterRowResult {
  const errors: RosterRowError[] = []
  const get = (column: RosterColumn): string => {
    const at = index.position[column]
    return at >= 0 && at < fields.length ? fields[at].trim() : ''
  }
  const fail = (column: RosterColumn, reason: MessageKey): null => {
    errors.push({ column: index.header[column], reason })
    return null
  }

  if (fields.slice(index.width).some((field) => field.trim() !== '')) {
    errors.push({ column: '', reason: 'roster.row.too_many_fields' })
  }

  const personKey = get('person_key')
  if (personKey === '') fail('person_key', 'roster.person_key.required')
  else if ([...personKey].length > PERSON_KEY_MAX) fail('person_key', 'roster.person_key.too_long')

  const insurer = parseInsurerNumber(get('insurer_number'), insurerNumber)
  if (typeof insurer !== 'string') fail('insurer_number', insurer.reason)

  const symbol = get('symbol')
  if (printedLength(symbol) > SYMBOL_MAX) fail('symbol', 'roster.symbol.too_long')

  const number = get('number')
  if (normalizeNumber(number) === '') fail('number', 'roster.number.required')
  else if (EXPONENT.test(number)) fail('number', 'roster.number.exponent')
  else if (printedLength(number) > NUMBER_MAX) fail('number', 'roster.number.too_long')

  const branch = get('branch')
  if (!isValidBranch(branch)) fail('branch', 'roster.branch.invalid')

  const nameKana = formatKanaName(get('name_kana'))
  if (nameKana === '') fail('name_kana', 'roster.name_kana.required')
  else if ([...nameKana].length > NAME_KANA_MAX) fail('name_kana', 'roster.name_kana.too_long')
  else if (!isFormattedKatakanaName(nameKana)) fail('name_kana', 'roster.name_kana.katakana')

  const rawBirthDate = get('birth_date')
  const birthDate =
    rawBirthDate === ''
      ? fail('birth_date', 'roster.birth_date.required')
      : parseRosterDate(rawBirthDate)
  // Nobody born before 1900 could type the date in the card form, so such a row is a mistake.
  if (rawBirthDate !== '' && (birthDate === null || birthDate < `${BIRTH_YEAR_MIN}-01-01`)) {
    fail('birth_date', 'roster.birth_date.invalid')
  }

  const sex = oneOrTwo('sex', 'roster.sex.invalid')
  const relationship = oneOrTwo('relationship', 'roster.relationship.invalid')

  const validFrom = optionalDate('valid_from', 'roster.valid_from.invalid')
  const validTo = optionalDate('valid_to', 'roster.valid_to.invalid')
  if (validFrom !== null && validTo !== null && validTo < validFrom) {
    fail('valid_to', 'roster.valid_to.before_valid_from')
  }

  const postal = get('postal_code').normalize('NFKC').replace(SPACES, '')
  const postalMatch = POSTAL_CODE.exec(postal)
  if (postal !== '' && !postalMatch) fail('postal_code', 'roster.postal_code.invalid')

  const address = get('address')
  if ([...address].length > ADDRESS_MAX) fail('address', 'roster.address.too_long')

  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    row: {
      personKey,
      insurerNumber: insurer as string,
      symbol: symbol === '' ? null : symbol,
      number,
      branch: branch === '' ? null : branch,
      cardKey: cardKey({ symbol, number }),
      branchKey: normalizeBranch(branch),
      nameKana,
      nameKey: nameKeyOf(nameKana),
      birthDate: birthDate as string,
      sex: sex as Sex,
      relationship: relationship as Relationship,
      validFrom,
      validTo,
      postalCode: postalMatch ? `${postalMatch[1]}-${postalMatch[2]}` : null,
      address: address === '' ? null : address,
    },
  }

  function optionalDate(column: RosterColumn, invalid: MessageKey): string | null {
    const raw = get(column)
    if (raw === '') return null
    return parseRosterDate(raw) ?? fail(column, invalid)
  }

  function oneOrTwo(column: RosterColumn, invalid: MessageKey): 1 | 2 | null {
    const raw = get(column).normalize('NFKC')
    return ONE_OR_TWO.test(raw) ? (Number(raw) as 1 | 2) : fail(column, invalid)
  }
}

/**
 * The row's 保険者番号 in its stored form when it is the importing insurer's. A digits-only value
 * shorter than 8 is padded first: a spreadsheet turns 06139992 into 6139992, and since the value
 * must equal one known number, the padding cannot make a wrong row right.
 */
function parseInsurerNumber(raw: string, importing: string): string | { reason: MessageKey } {
  if (raw === '') return { reason: 'roster.insurer_number.required' }
  const digits = raw.normalize('NFKC').replace(SPACES, '')
  const check = checkInsurerNumber(/^[0-9]{1,8}$/u.test(digits) ? digits.padStart(8, '0') : digits)
  if (!check.ok) return { reason: 'roster.insurer_number.invalid' }
  const expected = checkInsurerNumber(importing)
  if (!expected.ok || expected.number !== check.number) {
    return { reason: 'roster.insurer_number.mismatch' }
  }
  return check.number
}

/**
 * Whether a listed person holds the qualification on a date ('YYYY-MM-DD'): from 資格取得日 on,
 * and before 資格喪失日 — the loss date is the first day without it, as on the card's notice.
 */
export function isQualifiedOn(
  record: Pick<RosterRecord, 'validFrom' | 'validTo'>,
  date: string,
): boolean {
  return (
    (record.validFrom === null || record.validFrom <= date) &&
    (record.validTo === null || date < record.validTo)
  )
}

/** What a row's hash covers: every field the roster holds, so a changed field is an update. */
export function rosterHashInput(r: RosterRecord): string {
  return JSON.stringify([
    r.symbol,
    r.number,
    r.branch,
    r.nameKana,
    r.birthDate,
    r.sex,
    r.relationship,
    r.validFrom,
    r.validTo,
    r.postalCode,
    r.address,
  ])
}

/**
 * A checked row as the import statement reads it (worker/services/roster.ts: one JSON value per
 * chunk, read by `json_each`): short keys, in roster_persons' column order, and the row's hash.
 */
export function rosterPayload(r: RosterRecord, hash: string) {
  return {
    k: r.personKey,
    s: r.symbol ?? '',
    n: r.number,
    b: r.branch,
    ck: r.cardKey,
    nk: r.nameKana,
    nn: r.nameKey,
    bd: r.birthDate,
    sx: r.sex,
    rl: r.relationship,
    vf: r.validFrom,
    vt: r.validTo,
    pc: r.postalCode,
    ad: r.address,
    h: hash,
  }
}
