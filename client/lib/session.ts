/**
 * Who is logged in: GET /api/me once per page load, updated by the screens that log in or out.
 * The session itself is the HttpOnly cookie. The offline copy (offline-store.ts) follows it: bound to
 * the member and the session's deadlines at every answer of /api/me, wiped when the server says there
 * is no session (ended, expired, another member's) and at log-out. Without a network, the member is
 * the one of a live offline copy, if any. The store (with `idb`) is fetched at its first use here:
 * binding after an answer of /api/me, or reading without a network. Wiping needs none of it
 * (offline-wipe.ts), so a logged-out screen never fetches it.
 */
import { useNavigate, type Navigator } from '@solidjs/router'
import { createEffect, createResource, createRoot, on } from 'solid-js'
import { forgetAllDrafts } from './drafts'
import { api, type Member } from './api'
import { rememberLang } from './i18n'
import { wipeOffline as wipeCopy } from './offline-wipe'

/** The offline store's module, fetched once, at its first use (again after a failed fetch). */
let store: Promise<typeof import('./offline-store')> | undefined
function offlineStore(): Promise<typeof import('./offline-store')> {
  store ??= import('./offline-store').catch((error: unknown) => {
    store = undefined
    throw error
  })
  return store
}

/**
 * Wipes the offline copy. A store still being fetched is let in first, so that it closes its own
 * connection and forgets its reads before the database goes, as when it was part of the entry.
 */
async function wipeOffline(): Promise<void> {
  await store?.catch(() => undefined)
  await wipeCopy()
}

/** A log-out made without a network: the server's session is ended at the next chance. */
const PENDING_LOGOUT = 'kenshin.pendingLogout'

/** Whether a log-out made without a network has yet to reach the server. */
export function logoutPending(): boolean {
  try {
    return localStorage.getItem(PENDING_LOGOUT) !== null
  } catch {
    return false
  }
}

async function finishPendingLogout(): Promise<void> {
  try {
    if (!logoutPending()) return
    const result = await api.logout()
    if (result.ok || result.error.code !== 'network') localStorage.removeItem(PENDING_LOGOUT)
  } catch {
    // No storage: nothing was pending.
  }
}

/**
 * The member of GET /api/me, with the offline copy kept in step (see the comment above). `known`: the
 * member this page recorded (a log-in, a log-out), if any; without a network it stands, and the copy
 * (which may still be an earlier member's) is not read.
 */
async function whoIsLoggedIn(known?: Member | null): Promise<Member | null> {
  await finishPendingLogout()
  const result = await api.me()
  if (result.ok) {
    const { member, session } = result.data
    const id = String(member.id)
    void offlineStore().then(
      ({ bindOffline, saveOffline }) =>
        void bindOffline(id, session).then(() => saveOffline(id, 'member', member)),
      () => {}, // the store's file could not be fetched: the next answer of /api/me binds the copy
    )
    return member
  }
  if (result.error.code === 'network') return known !== undefined ? known : offlineMember()
  // The server knows no session: whatever this device kept of one goes.
  await wipeOffline()
  return null
}

/**
 * Without a network, the member of a live offline copy (the offline start). The results screen's list
 * is read beside the member. The store's file comes from the service worker's precache.
 */
async function offlineMember(): Promise<Member | null> {
  const loaded = await offlineStore().catch(() => undefined)
  if (!loaded) return null
  loaded.prefetchOffline(['member', 'list'])
  return (await loaded.readOffline<Member>('member'))?.data ?? null
}

const session = createRoot(() => {
  // A log-in or e-mail check can finish while a GET /api/me is still on its way (e.g. /verify
  // starts both on the first load): what it recorded must win over the older answer.
  let recorded = 0
  let latest: Member | null = null
  const [member, { mutate, refetch }] = createResource<Member | null>(async () => {
    const before = recorded
    const found = await whoIsLoggedIn(recorded > 0 ? latest : undefined)
    return recorded !== before ? latest : found
  })
  // A member gives way to another or to none (log-out, a log-in over the session, the session's end):
  // what was typed for them goes (client/lib/form.ts). Not while nobody was logged in: a log-in form
  // filled before the first answer of /api/me keeps its values.
  createEffect(
    on(
      () =>
        member.state === 'ready' || member.state === 'refreshing' ? member.latest?.id : undefined,
      (id, previous) => {
        if (previous !== undefined && previous !== null && String(id ?? '') !== String(previous))
          forgetAllDrafts()
      },
    ),
  )
  const record = (next: Member | null) => {
    recorded++
    latest = next
    mutate(next)
  }
  return { member, record, refetch }
})

/** The logged-in member; `undefined` while the first check runs, `null` when logged out. */
export const member = session.member

/**
 * Records the member a log-in or an e-mail check has just started a session for, then asks
 * GET /api/me for the session's deadlines (which bind the offline copy to the new session).
 */
export function setMember(next: Member | null): void {
  session.record(next)
  if (next) void session.refetch()
}

/** Asks the server again (e.g. after a password reset ended every session). */
export function refreshMember(): void {
  void session.refetch()
}

/**
 * POST /api/logout, then the log-in screen. The offline copy is wiped first, whatever the network;
 * without one, the session is ended on the server at the next chance (PENDING_LOGOUT).
 */
export async function logout(navigate: Navigator): Promise<void> {
  await wipeOffline()
  const result = await api.logout()
  if (!result.ok && result.error.code === 'network') {
    try {
      localStorage.setItem(PENDING_LOGOUT, '1')
    } catch {
      // No storage: the server's session ends at its deadline.
    }
  }
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
