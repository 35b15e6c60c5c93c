import { Navigate } from '@solidjs/router'
import { Show, type JSX } from 'solid-js'
import type { Member } from '../lib/api'
import { ui } from '../lib/i18n'
import { member } from '../lib/session'

/** Renders its children for a logged-in member; anyone else goes to the log-in screen. */
export function RequireMember(props: { children: (member: Member) => JSX.Element }) {
  return (
    <Show
      when={!member.loading}
      fallback={
        <p class="status" role="status">
          {ui('loading')}
        </p>
      }
    >
      <Show when={member()} keyed fallback={<Navigate href="/login" />}>
        {(current) => props.children(current)}
      </Show>
    </Show>
  )
}
