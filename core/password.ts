/**
 * Password policy (docs/security.md, "Passwords"): 8 to 128 characters of any kind, no composition
 * rule, but refused when it is common, contains the e-mail's local part or the service's name, or
 * holds an easy sequence. Each refusal has its own reason, so the member learns what to change.
 *
 * Deliberately free of zxcvbn (see password-strength.ts), so importing this never pulls the
 * strength estimator and its dictionaries into a bundle.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts'
import { emailLocalPart } from './email.ts'
import {
  countCodePoints,
  PASSWORD_MAX,
  PASSWORD_MIN,
  passwordLengthProblems,
  type PasswordProblem,
} from './password-rules.ts'

export { PASSWORD_MAX, PASSWORD_MIN, type PasswordProblem } from './password-rules.ts'

/** The local part only counts when it is at least this long: "a@…" must not forbid every "a". */
const LOCAL_PART_MIN = 3
/** Spellings of the service's name, folded (see `fold`); half-width ｹﾝｼﾝ folds to ケンシン. */
const SERVICE_NAMES = ['kenshin', 'kenshinportal', 'kenshin portal', 'ケンシン', '健診ポータル']
/** Ascending or descending runs of consecutive digits this long are easy sequences (123, 987). */
const DIGIT_RUN_MIN = 3
/**
 * Runs of consecutive letters must be longer: 3-letter runs are everywhere in ordinary words
 * (fiRST, PONy, DEFinitely, FEDeral, STUdy), so only 4 or more are easy sequences (abcd, dcba).
 */
const LETTER_RUN_MIN = 4
/** The manual's own example of an easy sequence, refused anywhere despite being 3 letters. */
const LETTER_RUNS_ALWAYS_REFUSED = ['abc', 'cba']
/** The same character this many times in a row is an easy sequence. */
const REPEAT_MIN = 4
/** Runs this long along a keyboard row, either way, are easy sequences. */
const KEYBOARD_RUN_MIN = 4
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm']
const KEYBOARD_RUNS = KEYBOARD_ROWS.flatMap((row) => {
  const runs: string[] = []
  for (const line of [row, [...row].reverse().join('')]) {
    for (let i = 0; i + KEYBOARD_RUN_MIN <= line.length; i++) {
      runs.push(line.slice(i, i + KEYBOARD_RUN_MIN))
    }
  }
  return runs
})

/**
 * Every reason the policy refuses a password, in a fixed order (empty: accepted). An empty password
 * is only `required`. `ctx.email` is the member's address, when known, for `contains_email`.
 * Lengths count Unicode code points, so an emoji or a kanji is one character, as members see it.
 */
export function checkPassword(password: string, ctx: { email?: string }): PasswordProblem[] {
  if (password === '') return ['required']
  const problems = passwordLengthProblems(password)
  const folded = fold(password)
  if (COMMON_PASSWORDS.has(password.toLowerCase()) || COMMON_PASSWORDS.has(folded)) {
    problems.push('common')
  }
  if (ctx.email !== undefined && containsLocalPart(folded, ctx.email)) {
    problems.push('contains_email')
  }
  if (SERVICE_NAMES.some((name) => folded.includes(name))) problems.push('contains_service')
  if (hasEasySequence(folded)) problems.push('sequence')
  return problems
}

/**
 * The manual's on-screen checklist: 8+ characters (and no more than the maximum, so a tick never
 * promises what the form will refuse), and 2+ kinds among letters, digits and symbols. Guidance
 * only: the policy enforces no composition rule.
 */
export function passwordChecklist(password: string): { length: boolean; kinds: boolean } {
  const length = countCodePoints(password)
  const kinds = [/\p{L}/u, /\p{N}/u, /[\p{P}\p{S}\p{Zs}]/u].filter((kind) => kind.test(password))
  return { length: length >= PASSWORD_MIN && length <= PASSWORD_MAX, kinds: kinds.length >= 2 }
}

/**
 * Compatibility-folds width (ＫＥＮＳＨＩＮ, ｹﾝｼﾝ, １２３ become kenshin, ケンシン, 123) and case,
 * since a Japanese keyboard produces either width and neither makes a password harder to guess.
 */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

/**
 * The local part, as typed or without its separators (. - _ +), so taro.yamada@… also refuses
 * TaroYamada2024: the separators add nothing an attacker would not try.
 */
function containsLocalPart(foldedPassword: string, email: string): boolean {
  const local = emailLocalPart(fold(email))
  const compactLocal = withoutSeparators(local)
  return (
    (countCodePoints(local) >= LOCAL_PART_MIN && foldedPassword.includes(local)) ||
    (countCodePoints(compactLocal) >= LOCAL_PART_MIN &&
      withoutSeparators(foldedPassword).includes(compactLocal))
  )
}

function withoutSeparators(text: string): string {
  return text.replace(/[.\-_+]/g, '')
}

/**
 * 123, 321 (3+ digits), abcd, dcba (4+ letters), abc and cba themselves, qwer, fdsa, 7890 (4+ along
 * a keyboard row, only as the keys actually sit: never wrapping onto the next row), aaaa, 1111 (4+).
 */
function hasEasySequence(folded: string): boolean {
  if (LETTER_RUNS_ALWAYS_REFUSED.some((run) => folded.includes(run))) return true
  if (KEYBOARD_RUNS.some((run) => folded.includes(run))) return true
  let previous = -1
  let repeat = 0
  let ascending = 0
  let descending = 0
  for (const char of folded) {
    const code = char.codePointAt(0) ?? 0
    repeat = code === previous ? repeat + 1 : 1
    const kind = alphabetClass(code)
    const sameClass = kind !== null && kind === alphabetClass(previous)
    ascending = sameClass && code === previous + 1 ? ascending + 1 : 1
    descending = sameClass && code === previous - 1 ? descending + 1 : 1
    const runMin = kind === 'digit' ? DIGIT_RUN_MIN : LETTER_RUN_MIN
    if (repeat >= REPEAT_MIN || ascending >= runMin || descending >= runMin) return true
    previous = code
  }
  return false
}

/** Sequences run within the digits or within the Latin letters, never across them. */
function alphabetClass(code: number): 'digit' | 'letter' | null {
  if (code >= 0x30 && code <= 0x39) return 'digit'
  if (code >= 0x61 && code <= 0x7a) return 'letter'
  return null
}
