import { Show, type JSX } from 'solid-js'
import type { Capability } from '../../../core/staff'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { can, staffMember } from './session'
import { s } from './strings'

/**
 * A console screen for the roles that can use it: others (who opened its address directly) read that
 * they may not, rather than a failed load. The Worker refuses them anyway (403).
 */
export default function Guard(props: { needs?: readonly Capability[]; children: JSX.Element }) {
  const allowed = () => !props.needs || !staffMember() || props.needs.some((c) => can(c))
  return (
    <Show
      when={allowed()}
      fallback={
        <Page title={s('forbiddenTitle')}>
          <Notice kind="warning" role="alert">
            {s('forbidden')}
          </Notice>
          <p>
            <a href="/staff">{s('home')}</a>
          </p>
        </Page>
      }
    >
      {props.children}
    </Show>
  )
}
