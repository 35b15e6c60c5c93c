/** CSV cells people open in a spreadsheet (docs/security.md "CSV for people"). */

/**
 * What a spreadsheet may take for a formula (OWASP CSV injection): a cell that starts with = + - @, a
 * tab or CR, or the full-width = + - @ (a Japanese Excel reads ＝ as =), and has anything after it:
 * `-1` too. The sign alone (the rejection files' "-" for a missing column) cannot form a formula.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20][^]/

/**
 * A CSV field for Excel: quoted when needed, and text that could start a formula is prefixed with '.
 * Strings are prefixed even when they look like a plain negative number ("-1+2" is a formula, and the
 * rule stays one test rather than a parser of what Excel evaluates); numbers our own code writes
 * (counts, line numbers) are JavaScript numbers and written as they are.
 */
export function csvField(value: string | number): string {
  let s = String(value)
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
