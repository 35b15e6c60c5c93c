import { Navigate, useLocation } from '@solidjs/router'
import { createMemo, Show, type JSX } from 'solid-js'
import type { Member } from '../lib/api'
import { loginHref } from '../lib/return-path'
import { member } from '../lib/session'
import { Loading } from './Status'

/**
 * Renders its children for a logged-in member; anyone else goes to the log-in screen. The loading
 * screen shows only for the first check: while /api/me is asked again (after a log-in, a card link)
 * the screen stays, so a form on it keeps what was typed (issue 9, finding 8). The screen is drawn
 * anew only when the member changes, not for each new answer about the same member. The log-in screen
 * is told where the member was going (a notice's link), and goes there afterwards.
 */
export function RequireMember(props: { children: (member: Member) => JSX.Element }) {
  const location = useLocation()
  const current = createMemo(() => member.latest ?? null, null, {
    equals: (a, b) =>
      a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b)),
  })
  return (
    <Show when={member.state !== 'pending' && member.state !== 'unresolved'} fallback={<Loading />}>
      <Show
        when={current()}
        keyed
        fallback={<Navigate href={loginHref(location.pathname + location.search)} />}
      >
        {(current) => props.children(current)}
      </Show>
    </Show>
  )
}
