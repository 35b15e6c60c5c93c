import { useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, Match, onMount, Switch } from 'solid-js'
import { Page } from '../../components/Page'
import { api } from '../../lib/api'
import { setMember } from '../../lib/session'
import { SignupSteps } from './Steps'
import { resetSignup } from './store'
import { s } from './strings'
import { Notice } from '../../components/Notice'

/** /verify?token=: the link of the provisional-registration mail completes the e-mail check. */
export default function Verify() {
  const navigate = useNavigate()
  const [params] = useSearchParams<{ token?: string }>()
  const [state, setState] = createSignal<'checking' | 'expired' | 'error'>('checking')
  const [message, setMessage] = createSignal('')

  onMount(async () => {
    const token = typeof params.token === 'string' ? params.token : ''
    if (!token) {
      setState('expired')
      return
    }
    const result = await api.verify({ token })
    if (result.ok) {
      setMember(result.data.member)
      resetSignup()
      navigate('/signup/done', { replace: true })
      return
    }
    if (result.status === 410 || result.status === 400) {
      setState('expired')
      return
    }
    setMessage(result.error.message)
    setState('error')
  })

  return (
    <Page title={s('verifyTitle')} before={<SignupSteps current={3} />}>
      <Switch>
        <Match when={state() === 'checking'}>
          <p class="status" role="status">
            {s('verifying')}
          </p>
        </Match>
        <Match when={state() === 'expired'}>
          <Notice kind="warning" role="alert">{s('expired')}</Notice>
          <p>{s('expiredHelp')}</p>
          <p>
            <a class="button button--primary" href="/signup">
              {s('toSignup')}
            </a>
          </p>
        </Match>
        <Match when={state() === 'error'}>
          <Notice kind="error" role="alert">{message()}</Notice>
        </Match>
      </Switch>
    </Page>
  )
}
