import { Form, SubmitButton } from '../../components/Field'
import { StatusLine } from '../../components/Status'
import { ExpiredLink } from '../../components/ExpiredLink'
import { useNavigate, useSearchParams } from '@solidjs/router'
import { createSignal, Match, onMount, Switch } from 'solid-js'
import { ErrorAlert } from '../../components/Notice'
import { ButtonLink, Page } from '../../components/Page'
import { api, type ApiResult, type Member } from '../../lib/api'
import { createFormErrors } from '../../lib/form'
import { coreMsg, textMsg } from '../../lib/messages'
import { SignupPassword } from './SignupPassword'
import { SignupSteps } from './Steps'
import { finishSignup } from './store'
import { s } from './strings'
import './styles.css'

/**
 * /verify?token=: the link of the provisional-registration mail completes the e-mail check. In the
 * browser that signed up it does so at once; elsewhere it first asks for the password chosen at
 * sign-up (docs/security.md, the sign-up binding), so a stranger's sign-up of one's address goes nowhere.
 */
export default function Verify() {
  const navigate = useNavigate()
  const [params] = useSearchParams<{ token?: string }>()
  const token = typeof params.token === 'string' ? params.token : ''
  const [state, setState] = createSignal<'checking' | 'password' | 'expired' | 'error'>('checking')
  const [message, setMessage] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<'password'>({
    password: { id: 'verify-password', label: () => s('signupPassword') },
  })

  /** Where an answer leads: home to the next step, the password form, or a dead end that says why. */
  const settle = (result: ApiResult<{ member: Member }>) => {
    if (result.ok) {
      finishSignup(result.data.member, navigate)
      return
    }
    if (result.error.code === 'signup_password_required') {
      setState('password')
      // The screen changed under the member: take them to the field the note above it explains.
      document.getElementById('verify-password')?.focus()
      return
    }
    const wrong =
      result.error.code === 'signup_password_wrong'
        ? result.error.message
        : result.error.fields?.password
    if (wrong) {
      errors.replace({ password: textMsg(wrong) })
      errors.focusSummary()
      return
    }
    if (result.status === 410 || result.status === 400) return setState('expired')
    setMessage(result.error.message)
    setState('error')
  }

  onMount(async () => {
    if (!token) return setState('expired')
    settle(await api.verify({ token }))
  })

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ password: password() ? undefined : coreMsg('field.password.required') }))
      return
    setBusy(true)
    settle(await api.verify({ token, password: password() }))
    setBusy(false)
  }

  return (
    <Page title={s('verifyTitle')} before={<SignupSteps current={3} />}>
      <Switch>
        <Match when={state() === 'checking'}>
          <StatusLine text={s('verifying')} />
        </Match>
        <Match when={state() === 'password'}>
          <Form errors={errors} onSubmit={submit} busy={busy()}>
            <SignupPassword
              id="verify-password"
              via="link"
              value={password()}
              onValue={setPassword}
              error={errors.field('password')}
            />
            <div class="button-row">
              <SubmitButton>{s('completeSignup')}</SubmitButton>
            </div>
          </Form>
        </Match>
        <Match when={state() === 'expired'}>
          <ExpiredLink message={s('expired')} help={s('expiredHelp')}>
            <p>
              <ButtonLink href="/signup">{s('toSignup')}</ButtonLink>
            </p>
          </ExpiredLink>
        </Match>
        <Match when={state() === 'error'}>
          <ErrorAlert>{message()}</ErrorAlert>
        </Match>
      </Switch>
    </Page>
  )
}
