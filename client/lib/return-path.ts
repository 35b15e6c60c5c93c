/**
 * Where the log-in screen goes afterwards: a screen of this app that sent a logged-out member to
 * log in (a notice's link to `/checkups/2026-06-10`, a bookmarked settings page). Only a path of
 * this origin is followed, never `//host` or `/\host` (which browsers read as another origin), and
 * never the log-in screen itself; anything else is ホーム.
 */
export function returnPath(next: string | undefined | null): string {
  if (!next || next.length > 512) return '/home'
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/home'
  if (/[\u0000-\u001f]/.test(next)) return '/home'
  if (next === '/' || next.startsWith('/login')) return '/home'
  return next
}

/** The log-in screen's address for a member sent there from `path` (ホーム needs no return). */
export function loginHref(path: string): string {
  const back = returnPath(path)
  return back === '/home' ? '/login' : `/login?next=${encodeURIComponent(back)}`
}
