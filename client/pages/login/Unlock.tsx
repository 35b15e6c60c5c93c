import { StatusLine } from '../../components/Status'
import { ExpiredLink } from '../../components/ExpiredLink'
import { useSearchParams } from '@solidjs/router'
import { createSignal, Match, onMount, Switch } from 'solid-js'
import { ButtonLink, Page } from '../../components/Page'
import { api } from '../../lib/api'
import { s } from './strings'
import { ErrorAlert, Notice } from '../../components/Notice'
import './styles.css'

/** /unlock?token=: the link mailed when an address was locked (captcha level 3) lifts the lock. */
export default function Unlock() {
  const [params] = useSearchParams<{ token?: string }>()
  const [state, setState] = createSignal<'working' | 'done' | 'expired' | 'error'>('working')
  const [message, setMessage] = createSignal('')

  onMount(async () => {
    const token = typeof params.token === 'string' ? params.token : ''
    if (!token) {
      setState('expired')
      return
    }
    const result = await api.unlock({ token })
    if (result.ok) setState('done')
    else if (result.status === 410 || result.status === 400) setState('expired')
    else {
      setMessage(result.error.message)
      setState('error')
    }
  })

  return (
    <Page title={s('unlockTitle')}>
      <Switch>
        <Match when={state() === 'working'}>
          <StatusLine text={s('unlocking')} />
        </Match>
        <Match when={state() === 'done'}>
          <Notice kind="success" role="status">
            {s('unlocked')}
          </Notice>
        </Match>
        <Match when={state() === 'expired'}>
          <ExpiredLink message={s('expired')} help={s('expiredHelp')} />
        </Match>
        <Match when={state() === 'error'}>
          <ErrorAlert>{message()}</ErrorAlert>
        </Match>
      </Switch>
      <p>
        <ButtonLink href="/login">{s('toLogin')}</ButtonLink>
      </p>
    </Page>
  )
}
