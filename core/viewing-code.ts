/**
 * The 健診閲覧コード printed on the insurer's postcard (STEP1 of the step-up), as the worker reads it
 * and as the client checks it before sending: kept apart from health-access.ts's request schemas so
 * the browser's code step needs no valibot.
 */

/** Viewing codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const VIEWING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const VIEWING_CODE_LENGTH = 12

/** A code as typed, folded (full width, lower case) and without the hyphens and spaces members type. */
export function compactViewingCode(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\-‐−ー]/g, '')
    .toUpperCase()
}

/** A code as typed (hyphens, spaces, full width, lower case) in its stored form, or null. */
export function normalizeViewingCode(raw: string): string | null {
  const code = compactViewingCode(raw)
  if (code.length !== VIEWING_CODE_LENGTH) return null
  for (const ch of code) if (!VIEWING_CODE_ALPHABET.includes(ch)) return null
  return code
}
