import { useSearchParams } from '@solidjs/router'
import { createSignal, Match, onMount, Switch } from 'solid-js'
import { ExpiredLink } from '../../components/ExpiredLink'
import { ErrorAlert, Notice } from '../../components/Notice'
import { ButtonLink, Page } from '../../components/Page'
import { StatusLine } from '../../components/Status'
import { call } from '../../lib/api'
import { refreshMember } from '../../lib/session'
import { s } from './strings'
import './styles.css'

/**
 * /account/email/confirm?token= — the link mailed to the new address. Works without a session (the
 * link proves the address; the change was asked with the password): it shows the address, then one
 * button confirms it. Every other session of the account ends.
 */
export default function EmailConfirm() {
  const [params] = useSearchParams<{ token?: string }>()
  const token = () => (typeof params.token === 'string' ? params.token : '')
  const [state, setState] = createSignal<'checking' | 'form' | 'done' | 'expired' | 'error'>(
    'checking',
  )
  const [email, setEmail] = createSignal('')
  const [problem, setProblem] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [loggedIn, setLoggedIn] = createSignal(false)

  onMount(async () => {
    if (!token()) return setState('expired')
    const result = await call('$post', '/api/account/email/check', { json: { token: token() } })
    if (result.ok) {
      setEmail(result.data.email)
      setState('form')
    } else if (result.status === 410 || result.status === 400) setState('expired')
    else {
      setProblem(result.error.message)
      setState('error')
    }
  })

  const confirm = async () => {
    if (busy()) return
    setBusy(true)
    const result = await call('$post', '/api/account/email/confirm', { json: { token: token() } })
    setBusy(false)
    if (result.ok) {
      setLoggedIn(result.data.loggedIn)
      refreshMember()
      setState('done')
    } else if (result.status === 410) setState('expired')
    else {
      setProblem(result.error.message)
      setState('error')
    }
  }

  return (
    <Page title={s('confirmTitle')}>
      <Switch>
        <Match when={state() === 'checking'}>
          <StatusLine text={s('checking')} />
        </Match>
        <Match when={state() === 'expired'}>
          <ExpiredLink message={s('expired')} help={s('expiredEmailHelp')}>
            <p>
              <ButtonLink href="/account/email">{s('startAgain')}</ButtonLink>
            </p>
          </ExpiredLink>
        </Match>
        <Match when={state() === 'error'}>
          <ErrorAlert>{problem()}</ErrorAlert>
          <p>
            <a href="/account/email">{s('startAgain')}</a>
          </p>
        </Match>
        <Match when={state() === 'done'}>
          <Notice kind="success" role="status">
            {s('confirmed')}
          </Notice>
          <p>{s('confirmedHelp')}</p>
          <p>
            {loggedIn() ? (
              <ButtonLink href="/account">{s('toSettings')}</ButtonLink>
            ) : (
              <ButtonLink href="/login">{s('toLogin')}</ButtonLink>
            )}
          </p>
        </Match>
        <Match when={state() === 'form'}>
          <p>{s('confirmIntro')}</p>
          <p class="break">
            <strong>{email()}</strong>
          </p>
          <div class="button-row">
            <button
              type="button"
              class="button button--primary"
              aria-disabled={busy()}
              onClick={confirm}
            >
              {s('confirmButton')}
            </button>
          </div>
        </Match>
      </Switch>
    </Page>
  )
}
