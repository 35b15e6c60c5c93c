import { useNavigate, useSearchParams } from '@solidjs/router'
import { createEffect, createSignal, Show } from 'solid-js'
import { EmailField, Field, Form, SubmitButton } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { PasswordField } from '../../components/PasswordField'
import { StatusLine } from '../../components/Status'
import { CaptchaField, createCaptcha } from '../../components/Turnstile'
import { createFormErrors } from '../../lib/form'
import { ui } from '../../lib/i18n'
import { coreMsg, type Msg } from '../../lib/messages'
import { staffApi } from './api'
import { setStaffMember, staffMember } from './session'
import { s } from './strings'

type Name = 'email' | 'password' | 'code' | 'captcha'

/** Only a path of the console itself is followed after log-in (never another site). */
const safeNext = (next: string | undefined) =>
  next && /^\/staff(\/|$)/.test(next) && !next.startsWith('//') ? next : '/staff'

/**
 * スタッフログイン (docs/security.md#staff): e-mail, password and the authenticator app's 6-digit code
 * on one form, behind the same adaptive captcha as members. A failure never says which part was wrong.
 */
export default function StaffLogin() {
  const navigate = useNavigate()
  const [params] = useSearchParams<{ next?: string }>()
  const [email, setEmail] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [code, setCode] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [passkeyFailed, setPasskeyFailed] = createSignal(false)
  const captcha = createCaptcha('staff_login')
  const errors = createFormErrors<Name>({
    email: { id: 'staff-email', label: () => s('email') },
    password: { id: 'staff-password', label: () => s('password') },
    code: { id: 'staff-code', label: () => s('code') },
    captcha: { id: 'staff-captcha', label: () => ui('captcha') },
  })

  createEffect(() => {
    if (staffMember()) navigate(safeNext(params.next), { replace: true })
  })

  const codeError = (): Msg | undefined => {
    const value = code().replace(/[\s\u3000]/g, '')
    if (value === '') return coreMsg('staff.field.code.required')
    return /^\d{6}$/.test(value) ? undefined : coreMsg('staff.field.code.format')
  }

  /**
   * Signs in with the password and either the code or, with `withPasskey`, a passkey the browser asks
   * for (@simplewebauthn/browser, fetched only then).
   */
  const signIn = async (withPasskey: boolean) => {
    if (busy()) return
    await captcha.settledWhile(setBusy)
    const found: Partial<Record<Name, Msg | undefined>> = {
      email: email() === '' ? coreMsg('staff.field.email.required') : undefined,
      password: password() === '' ? coreMsg('staff.field.password.required') : undefined,
      code: withPasskey ? undefined : codeError(),
      captcha: captcha.missing() ? coreMsg('error.captcha_required') : undefined,
    }
    if (!errors.validate(found)) return
    setBusy(true)
    let passkey: Record<string, unknown> | undefined
    if (withPasskey) {
      const options = await staffApi('$post', '/api/ops/session/passkey-options')
      if (!options.ok) {
        setBusy(false)
        errors.fromServer(options.error)
        errors.focusSummary()
        return
      }
      try {
        const { startAuthentication } = await import('@simplewebauthn/browser')
        passkey = (await startAuthentication({
          optionsJSON: options.data.options as never, // its buffers are strings after JSON, as expected
        })) as unknown as Record<string, unknown>
      } catch {
        setBusy(false)
        setPasskeyFailed(true)
        return
      }
    }
    const result = await staffApi('$post', '/api/ops/session', {
      json: {
        email: email(),
        password: password(),
        ...(withPasskey ? { passkey: passkey as never } : { code: code() }),
        captchaToken: captcha.tokenForSubmit(),
      },
    })
    setBusy(false)
    if (result.ok) {
      setStaffMember(result.data.staff)
      navigate(safeNext(params.next), { replace: true })
      return
    }
    captcha.settle(result.error.captcha)
    setPassword('')
    setCode('')
    errors.fromServer(result.error, { captchaToken: 'captcha' })
    errors.focusSummary()
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    void signIn(false)
  }

  return (
    <Page title={s('loginTitle')}>
      <p>{s('loginLead')}</p>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <EmailField
          {...errors.props('email')}
          required
          autocomplete="username"
          value={email()}
          onInput={(e) => {
            setEmail(e.currentTarget.value)
            if (e.currentTarget.value) errors.set('email', undefined)
          }}
          onBlur={() => {
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
        <Field
          {...errors.props('code')}
          required
          hint={s('codeHint')}
          inputmode="numeric"
          autocomplete="one-time-code"
          maxLength={8}
          value={code()}
          onInput={errors.typed('code', setCode, codeError)}
        />
        <CaptchaField id="staff-captcha" captcha={captcha} error={errors.field('captcha')} />
        <StatusLine text={busy() && s('loggingIn')} />
        <div class="button-row">
          <SubmitButton>{s('login')}</SubmitButton>
        </div>
      </Form>
      <section class="staff-card" aria-labelledby="passkey-login-title">
        <h2 id="passkey-login-title">{s('passkeyLoginTitle')}</h2>
        <p>{s('passkeyLoginLead')}</p>
        <Show when={passkeyFailed()}>
          <Notice kind="warning" role="alert">
            {s('passkeyCancelled')}
          </Notice>
        </Show>
        <button
          type="button"
          class="button button--secondary"
          aria-busy={busy()}
          onClick={() => {
            setPasskeyFailed(false)
            void signIn(true)
          }}
        >
          {s('passkeyLogin')}
        </button>
      </section>
      <p>
        <a href="/login">{s('memberLink')}</a>
      </p>
    </Page>
  )
}
