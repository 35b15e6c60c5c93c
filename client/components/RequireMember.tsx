import { Navigate } from '@solidjs/router'
import { Show, type JSX } from 'solid-js'
import type { Member } from '../lib/api'
import { member } from '../lib/session'
import { Loading } from './Status'

/** Renders its children for a logged-in member; anyone else goes to the log-in screen. */
export function RequireMember(props: { children: (member: Member) => JSX.Element }) {
  return (
    <Show
      when={!member.loading}
      fallback={
        <Loading />
      }
    >
      <Show when={member()} keyed fallback={<Navigate href="/login" />}>
        {(current) => props.children(current)}
      </Show>
    </Show>
  )
}
