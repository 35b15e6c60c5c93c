import { For } from 'solid-js'
import { Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { s } from './strings'
import './styles.css'

/** /account — アカウント設定: the member's address and a link to each section. */
export default function Settings() {
  return (
    <Page title={s('settingsTitle')}>
      <RequireMember>
        {(member) => {
          const sections = () =>
            [
              ['/account/email', s('email')],
              ['/account/password', s('password')],
              ['/account/sessions', s('sessions')],
              ['/account/passkeys', s('passkeys')],
              ['/account/notifications', s('notifications')],
              ['/account/invite', s('invite')],
              ...(member.linked ? [['/account/access-log', s('accessLog')]] : []),
              ['/account/withdraw', s('withdraw')],
            ] as const
          return (
            <>
              <dl class="account-summary">
                <dt>{s('yourAddress')}</dt>
                <dd class="break">{member.email}</dd>
              </dl>
              <nav aria-label={s('sections')}>
                <ul class="account-sections">
                  <For each={sections()}>
                    {([href, label]) => (
                      <li>
                        <a href={href}>{label}</a>
                      </li>
                    )}
                  </For>
                </ul>
              </nav>
              <p>
                <a href="/home">{s('toHome')}</a>
              </p>
            </>
          )
        }}
      </RequireMember>
    </Page>
  )
}
