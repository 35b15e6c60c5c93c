/**
 * Who is logged in: GET /api/me once per page load, updated by the screens that log in or out.
 * The session itself is the HttpOnly cookie; nothing about it is stored on the client.
 */
import { useNavigate, type Navigator } from '@solidjs/router'
import { createResource, createRoot } from 'solid-js'
import { api, type Member } from './api'
import { rememberLang } from './i18n'

const session = createRoot(() => {
  const [member, { mutate, refetch }] = createResource<Member | null>(async () => {
    const result = await api.me()
    return result.ok ? result.data.member : null
  })
  return { member, mutate, refetch }
})

/** The logged-in member; `undefined` while the first check runs, `null` when logged out. */
export const member = session.member

/** Records the member a log-in or an e-mail check has just started a session for. */
export function setMember(next: Member | null): void {
  session.mutate(next)
}

/** Asks the server again (e.g. after a password reset ended every session). */
export function refreshMember(): void {
  void session.refetch()
}

/** POST /api/logout, then the log-in screen. The session ends locally even if the call fails. */
export async function logout(navigate: Navigator): Promise<void> {
  await api.logout()
  session.mutate(null)
  // The answer's Clear-Site-Data: "storage" also wipes the language choice; keep it.
  rememberLang()
  navigate('/login', { replace: true })
}

/** `logout` bound to the calling component's router. */
export function useLogout(): () => Promise<void> {
  const navigate = useNavigate()
  return () => logout(navigate)
}
