/**
 * A checkup's URL (issue 12): /checkups/2026-06-10 opens that checkup, /checkups the newest. Notices
 * (お知らせ) link here, so the form is fixed: the exam date as YYYY-MM-DD.
 */

const DATED = /^\/checkups\/(\d{4}-\d{2}-\d{2})\/?$/

/** The URL of one checkup. */
export const checkupPath = (examDate: string) => `/checkups/${examDate}`

/** The exam date a path names (YYYY-MM-DD, a real calendar day), or undefined. */
export function dateInPath(pathname: string): string | undefined {
  const date = DATED.exec(pathname)?.[1]
  return date && isCalendarDate(date) ? date : undefined
}

/** YYYY-MM-DD naming a day that exists (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const at = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value
}
