import { useNavigate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { ErrorSummary } from '../../components/ErrorSummary'
import { EmailField, Field, SubmitButton } from '../../components/Field'
import { Page } from '../../components/Page'
import { api } from '../../lib/api'
import { createFormErrors } from '../../lib/form'
import { coreMsg, textMsg, type Msg } from '../../lib/messages'
import { emailError, oneTimeCodeError } from '../../lib/validate'
import { SignupPassword } from './SignupPassword'
import { SignupSteps } from './Steps'
import { finishSignup, signup } from './store'
import { s } from './strings'
import './styles.css'

type Name = 'email' | 'code' | 'password'

/** 確認コードの入力: the 6-digit code of the mail, for the installed app (links open in the browser). */
export default function SignupCode() {
  const navigate = useNavigate()
  const [email, setEmail] = createSignal(signup.sentTo || signup.form.email)
  const [code, setCode] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [expired, setExpired] = createSignal(false)
  // Asked for once the server says this app did not begin the sign-up (docs/security.md, the binding).
  const [needsPassword, setNeedsPassword] = createSignal(false)
  const [password, setPassword] = createSignal('')
  const errors = createFormErrors<Name>({
    email: { id: 'code-email', label: () => s('email') },
    code: { id: 'code-code', label: () => s('code') },
    password: { id: 'code-password', label: () => s('signupPassword') },
  })
  const rules: Record<Name, () => Msg | undefined> = {
    email: () => emailError(email()),
    code: () => oneTimeCodeError(code()),
    password: () =>
      needsPassword() && !password() ? coreMsg('field.password.required') : undefined,
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    setExpired(false)
    if (!errors.validate({ email: rules.email(), code: rules.code(), password: rules.password() }))
      return
    setBusy(true)
    const result = await api.verifyCode({
      email: email(),
      code: code(),
      ...(needsPassword() ? { password: password() } : {}),
    })
    setBusy(false)
    if (result.ok) {
      finishSignup(result.data.member, navigate)
      return
    }
    if (result.error.code === 'signup_password_required') {
      setNeedsPassword(true)
      document.getElementById('code-password')?.focus()
      return
    }
    if (result.error.code === 'invalid_code') {
      errors.replace({ code: textMsg(result.error.message) })
    } else if (result.error.code === 'signup_password_wrong' || result.error.fields?.password) {
      errors.replace({ password: textMsg(result.error.fields?.password ?? result.error.message) })
    } else {
      errors.fromServer(result.error)
      setExpired(result.error.code === 'code_expired')
    }
    errors.focusSummary()
  }

  return (
    <Page title={s('codeTitle')} before={<SignupSteps current={3} />}>
      <p>{s('codeIntro')}</p>
      <ErrorSummary of={errors} />
      <Show when={expired()}>
        <p>
          <a href={signup.sentTo ? '/signup/sent' : '/signup'}>{s('resendInstead')}</a>
        </p>
      </Show>
      <form class="form" novalidate onSubmit={submit} aria-busy={busy()}>
        <EmailField
          {...errors.props('email')}
          required
          value={email()}
          onInput={errors.typed('email', setEmail, rules.email)}
        />
        <Field
          {...errors.props('code')}
          required
          hint={s('codeHint')}
          class="input--code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]*"
          maxlength={6}
          value={code()}
          onInput={errors.typed('code', setCode, rules.code)}
        />
        <Show when={needsPassword()}>
          <SignupPassword
            id="code-password"
            via="code"
            value={password()}
            onValue={setPassword}
            error={errors.field('password')}
          />
        </Show>
        <div class="button-row">
          <SubmitButton>{s('verify')}</SubmitButton>
        </div>
      </form>
    </Page>
  )
}
