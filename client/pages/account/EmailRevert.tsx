import { useSearchParams } from '@solidjs/router'
import { createSignal, Match, Switch } from 'solid-js'
import { ExpiredLink } from '../../components/ExpiredLink'
import { ErrorAlert, Notice } from '../../components/Notice'
import { ButtonLink, Page } from '../../components/Page'
import { call } from '../../lib/api'
import { wipeOffline } from '../../lib/offline-wipe'
import { setMember } from '../../lib/session'
import { s } from './strings'
import './styles.css'

/**
 * /account/email/revert?token= — 「心当たりがない」 from the old address (7 days). Nothing happens on
 * opening (a mail scanner may open links): the member presses the button.
 */
export default function EmailRevert() {
  const [params] = useSearchParams<{ token?: string }>()
  const token = () => (typeof params.token === 'string' ? params.token : '')
  const [state, setState] = createSignal<'form' | 'done' | 'expired' | 'error'>(
    token() ? 'form' : 'expired',
  )
  const [problem, setProblem] = createSignal('')
  const [busy, setBusy] = createSignal(false)

  const revert = async () => {
    if (busy()) return
    setBusy(true)
    const result = await call('$post', '/api/account/email/revert', { json: { token: token() } })
    setBusy(false)
    if (result.ok) {
      await wipeOffline()
      setMember(null)
      setState('done')
    } else if (result.status === 410 || result.status === 400) setState('expired')
    else {
      setProblem(result.error.message)
      setState('error')
    }
  }

  return (
    <Page title={s('revertTitle')}>
      <Switch>
        <Match when={state() === 'expired'}>
          <ExpiredLink message={s('expired')} help={s('expiredRevertHelp')}>
            <p>
              <ButtonLink href="/inquiry?type=login">{s('inquiry')}</ButtonLink>
            </p>
          </ExpiredLink>
        </Match>
        <Match when={state() === 'error'}>
          <ErrorAlert>{problem()}</ErrorAlert>
        </Match>
        <Match when={state() === 'done'}>
          <Notice kind="success" role="status">
            {s('reverted')}
          </Notice>
          <p>
            <ButtonLink href="/login">{s('toLogin')}</ButtonLink>
          </p>
        </Match>
        <Match when={state() === 'form'}>
          <p>{s('revertIntro')}</p>
          <div class="button-row">
            <button
              type="button"
              class="button button--primary"
              aria-disabled={busy()}
              onClick={revert}
            >
              {s('revertButton')}
            </button>
          </div>
        </Match>
      </Switch>
    </Page>
  )
}
