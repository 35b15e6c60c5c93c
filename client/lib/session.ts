/**
 * Who is logged in: GET /api/me once per page load, updated by the screens that log in or out.
 * The session itself is the HttpOnly cookie; nothing about it is stored on the client.
 */
import { useNavigate, type Navigator } from '@solidjs/router'
import { createResource, createRoot } from 'solid-js'
import { api, type Member } from './api'
import { rememberLang } from './i18n'

const session = createRoot(() => {
  // A log-in or e-mail check can finish while a GET /api/me is still on its way (e.g. /verify
  // starts both on the first load): what it recorded must win over the older answer.
  let recorded = 0
  let latest: Member | null = null
  const [member, { mutate, refetch }] = createResource<Member | null>(async () => {
    const before = recorded
    const result = await api.me()
    if (recorded !== before) return latest
    return result.ok ? result.data.member : null
  })
  const record = (next: Member | null) => {
    recorded++
    latest = next
    mutate(next)
  }
  return { member, record, refetch }
})

/** The logged-in member; `undefined` while the first check runs, `null` when logged out. */
export const member = session.member

/** Records the member a log-in or an e-mail check has just started a session for. */
export function setMember(next: Member | null): void {
  session.record(next)
}

/** Asks the server again (e.g. after a password reset ended every session). */
export function refreshMember(): void {
  void session.refetch()
}

/** POST /api/logout, then the log-in screen. The session ends locally even if the call fails. */
export async function logout(navigate: Navigator): Promise<void> {
  await api.logout()
  session.record(null)
  // The answer's Clear-Site-Data: "storage" also wipes the language choice; keep it.
  rememberLang()
  navigate('/login', { replace: true })
}

/** `logout` bound to the calling component's router. */
export function useLogout(): () => Promise<void> {
  const navigate = useNavigate()
  return () => logout(navigate)
}
