import { useNavigate, useSearchParams } from '@solidjs/router'
import { createEffect, createSignal, onCleanup, onMount, Show } from 'solid-js'
import { EmailField, Form, SubmitButton } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { StatusLine } from '../../components/Status'
import { ButtonLink, Page } from '../../components/Page'
import { PasswordField } from '../../components/PasswordField'
import { CaptchaField, createCaptcha } from '../../components/Turnstile'
import { api } from '../../lib/api'
import { createFormErrors, createFormState } from '../../lib/form'
import { ui } from '../../lib/i18n'
import { coreMsg, type Msg } from '../../lib/messages'
import {
  assert,
  autofillSupported,
  cancelCeremony,
  passkeyApi,
  passkeysSupported,
} from '../../lib/passkeys'
import { returnPath } from '../../lib/return-path'
import { member, setMember } from '../../lib/session'
import { s } from './strings'
import './styles.css'

/**
 * The address as presented at log-in: only required. Format answers would tell nothing useful, and
 * this keeps the sign-up's rules (client/lib/validate.ts) out of the log-in screen's first load.
 */
const loginEmailError = (raw: string): Msg | undefined =>
  raw === '' ? coreMsg('field.email.required') : undefined

type Name = 'email' | 'password' | 'captcha'

/** ログイン (manual: the app's first screen): e-mail, password, the adaptive captcha. */
export default function Login() {
  const navigate = useNavigate()
  const [params] = useSearchParams()
  /** Where the member was going when sent here (a notice's link), else ホーム. */
  const after = () => returnPath(typeof params.next === 'string' ? params.next : null)
  const form = createFormState('login', { email: '', password: '' })
  const [email, setEmail] = form.field('email')
  const [password, setPassword] = form.field('password')
  const [busy, setBusy] = createSignal(false)
  const captcha = createCaptcha('login')
  const errors = createFormErrors<Name>({
    email: { id: 'login-email', label: () => s('email') },
    password: { id: 'login-password', label: () => s('password') },
    captcha: { id: 'login-captcha', label: () => ui('captcha') },
  })

  // Already logged in (e.g. the browser's back button): nothing to do here.
  createEffect(() => {
    if (member()) navigate(after(), { replace: true })
  })

  // Passkeys (issue 12): a button, and the browser's autofill on the address field (a conditional
  // request started on load, stopped when the button is used or the page leaves).
  const [canPasskey, setCanPasskey] = createSignal(false)
  const [passkeyMessage, setPasskeyMessage] = createSignal<string | undefined>()
  const [passkeyBusy, setPasskeyBusy] = createSignal(false)
  let left = false

  /** One ceremony: options, the browser's answer, then the log-in (with the form's captcha token). */
  const passkeyCeremony = async (autofill: boolean): Promise<void> => {
    const options = await passkeyApi.loginOptions()
    if (!options.ok) {
      if (!autofill) setPasskeyMessage(options.error.message)
      return
    }
    const answer = await assert(options.data.options, autofill)
    if (left) return
    if (!answer.ok) {
      // The autofill request ends quietly (the button or leaving cancels it); the button's says why,
      // and the autofill is offered again.
      if (!autofill) {
        setPasskeyMessage(
          answer.why === 'cancelled' ? s('passkeyCancelled') : s('passkeyUnavailable'),
        )
        void startAutofill()
      }
      return
    }
    setPasskeyBusy(true)
    setPasskeyMessage(undefined)
    await captcha.settled()
    const result = await passkeyApi.login({
      challengeId: options.data.challengeId,
      response: answer.response,
      captchaToken: captcha.tokenForSubmit(),
    })
    setPasskeyBusy(false)
    if (result.ok) {
      form.forget()
      setMember(result.data.member)
      navigate(after(), { replace: true })
      return
    }
    // Not offered again by itself after a refusal: an authenticator that answers at once would
    // send refusal after refusal, each a failure of the address (the button or a reload tries again).
    captcha.settle(result.error.captcha)
    setPasskeyMessage(result.error.message)
  }

  const startAutofill = async () => {
    if (!left && (await autofillSupported())) await passkeyCeremony(true)
  }

  onMount(() => {
    void passkeysSupported().then(setCanPasskey)
    void startAutofill()
  })
  onCleanup(() => {
    left = true
    void cancelCeremony()
  })

  const passkeyButton = async () => {
    if (busy() || passkeyBusy()) return
    setPasskeyMessage(undefined)
    // A new ceremony aborts the pending autofill request (one WebAuthn request at a time).
    await cancelCeremony()
    await passkeyCeremony(false)
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    await captcha.settledWhile(setBusy)
    const found: Partial<Record<Name, Msg | undefined>> = {
      email: loginEmailError(email()),
      password: password() === '' ? coreMsg('field.password.required') : undefined,
      captcha: captcha.missing() ? coreMsg('error.captcha_required') : undefined,
    }
    if (!errors.validate(found)) return
    setBusy(true)
    const result = await api.login({
      email: email(),
      password: password(),
      captchaToken: captcha.tokenForSubmit(),
    })
    setBusy(false)
    if (result.ok) {
      form.forget()
      setMember(result.data.member)
      navigate(after(), { replace: true })
      return
    }
    // A token works once; the answer may also raise the captcha level (interactive key).
    captcha.settle(result.error.captcha)
    setPassword('')
    errors.fromServer(result.error, { captchaToken: 'captcha' })
    errors.focusSummary()
  }

  return (
    <Page title={s('loginTitle')}>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <EmailField
          {...errors.props('email')}
          required
          autocomplete="username webauthn"
          value={email()}
          onInput={errors.typed('email', setEmail, () => loginEmailError(email()))}
          onBlur={() => {
            // The address may need a stronger captcha than the network (docs/security.md, level 2).
            if (email()) void captcha.refresh(email())
          }}
        />
        <PasswordField
          {...errors.props('password')}
          required
          autocomplete="current-password"
          value={password()}
          onValue={(value) => {
            setPassword(value)
            if (value) errors.set('password', undefined)
          }}
        />
        <CaptchaField id="login-captcha" captcha={captcha} error={errors.field('captcha')} />
        <StatusLine text={(busy() && s('loggingIn')) || (passkeyBusy() && s('passkeyLoggingIn'))} />
        <Show when={passkeyMessage()}>
          {(message) => (
            <Notice kind="error" role="alert">
              {message()}
            </Notice>
          )}
        </Show>
        <div class="button-row button-row--stack">
          <SubmitButton class="button--wide">{s('login')}</SubmitButton>
          <Show when={canPasskey()}>
            <button
              type="button"
              class="button button--secondary button--wide"
              disabled={passkeyBusy()}
              onClick={() => void passkeyButton()}
            >
              {s('passkeyLogin')}
            </button>
          </Show>
        </div>
      </Form>
      <p class="center">
        <a href="/login/help">{s('cannotLogin')}</a>
      </p>
      <div class="divider" role="presentation">
        <span>{s('or')}</span>
      </div>
      <section class="signup-invite" aria-labelledby="login-first-time">
        <p id="login-first-time" class="center">
          {s('firstTime')}
        </p>
        <p class="center">
          <ButtonLink href="/signup" kind="secondary" class="button--wide">
            {s('signup')}
          </ButtonLink>
        </p>
      </section>
    </Page>
  )
}
