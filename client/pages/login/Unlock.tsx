import { useSearchParams } from '@solidjs/router'
import { createSignal, Match, onMount, Switch } from 'solid-js'
import { Page } from '../../components/Page'
import { api } from '../../lib/api'
import { s } from './strings'

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
          <p class="status" role="status">
            {s('unlocking')}
          </p>
        </Match>
        <Match when={state() === 'done'}>
          <div class="notice notice--success" role="status">
            <p>
              <span aria-hidden="true">✓ </span>
              {s('unlocked')}
            </p>
          </div>
        </Match>
        <Match when={state() === 'expired'}>
          <div class="notice notice--warning" role="alert">
            <p>
              <span aria-hidden="true">⚠ </span>
              {s('expired')}
            </p>
          </div>
          <p>{s('expiredHelp')}</p>
        </Match>
        <Match when={state() === 'error'}>
          <div class="notice notice--error" role="alert">
            <p>
              <span aria-hidden="true">⚠ </span>
              {message()}
            </p>
          </div>
        </Match>
      </Switch>
      <p>
        <a class="button button--primary" href="/login">
          {s('toLogin')}
        </a>
      </p>
    </Page>
  )
}
