import { Navigate, useNavigate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { ErrorSummary } from '../../components/ErrorSummary'
import { FieldError, SubmitButton } from '../../components/Field'
import { StatusLine } from '../../components/Status'
import { Page } from '../../components/Page'
import { CaptchaField, createCaptcha } from '../../components/Turnstile'
import { api } from '../../lib/api'
import { createFormErrors } from '../../lib/form'
import { ui } from '../../lib/i18n'
import { coreMsg, type Msg } from '../../lib/messages'
import { SignupSteps } from './Steps'
import { forgetSecrets, setSignup, signup } from './store'
import { s } from './strings'
import './styles.css'

type Name = 'agreeTerms' | 'captcha'
const SIGNUP_FIELDS = new Set(['email', 'emailConfirm', 'password', 'inviteCode', 'orgCode'])

/** 登録情報・規約確認 (manual STEP2): what will be registered, the terms, 仮登録メールを送信する. */
export default function SignupConfirm() {
  if (!signup.ready) return <Navigate href="/signup" />

  const navigate = useNavigate()
  const form = signup.form
  const captcha = createCaptcha('signup')
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<Name>({
    agreeTerms: { id: 'signup-agree', label: () => s('agreeLabel') },
    captcha: { id: 'signup-captcha', label: () => ui('captcha') },
  })

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    await captcha.settledWhile(setBusy)
    const found: Partial<Record<Name, Msg>> = {}
    if (!form.agreeTerms) found.agreeTerms = coreMsg('field.agreeTerms.required')
    if (captcha.missing()) found.captcha = coreMsg('error.captcha_required')
    if (!errors.validate(found)) return
    setBusy(true)
    const result = await api.signup({
      email: form.email,
      emailConfirm: form.emailConfirm,
      password: form.password,
      inviteCode: form.inviteCode || undefined,
      orgCode: form.orgCode || undefined,
      agreeTerms: true,
      captchaToken: captcha.tokenForSubmit(),
    })
    setBusy(false)
    if (result.ok) {
      setSignup({ sentTo: form.email, linkMinutes: result.data.linkMinutes })
      forgetSecrets()
      navigate('/signup/sent')
      return
    }
    captcha.settle(result.error.captcha)
    const fields = Object.keys(result.error.fields ?? {})
    if (result.status === 400 && fields.some((field) => SIGNUP_FIELDS.has(field))) {
      // The input screen shows the refusal beside the fields it concerns.
      setSignup({ serverError: result.error, ready: false })
      navigate('/signup')
      return
    }
    errors.fromServer(result.error, { captchaToken: 'captcha' })
    errors.focusSummary()
  }

  const optional = (value: string) => value || s('notEntered')

  return (
    <Page title={s('confirmTitle')} before={<SignupSteps current={2} />}>
      <p>{s('confirmIntro')}</p>
      <ErrorSummary of={errors} />
      <h2>{s('entered')}</h2>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{s('email')}</dt>
          <dd class="break">{form.email}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{s('password')}</dt>
          <dd>
            <span aria-hidden="true">●●●●●●●●</span>{' '}
            <span class="muted">{s('passwordNotShown')}</span>
          </dd>
        </div>
        <div class="summary-list__row">
          <dt>{s('inviteCode')}</dt>
          <dd>{optional(form.inviteCode)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{s('orgCode')}</dt>
          <dd>{optional(form.orgCode)}</dd>
        </div>
      </dl>
      <h2>{s('termsHeading')}</h2>
      <p>{s('termsLead')}</p>
      <ul class="link-list">
        <li>
          <a href="/terms">{s('terms')}</a>
        </li>
        <li>
          <a href="/privacy">{s('privacy')}</a>
        </li>
      </ul>
      <form class="form" novalidate onSubmit={submit} aria-busy={busy()}>
        <div class="field" classList={{ 'field--invalid': Boolean(errors.field('agreeTerms')) }}>
          <div class="checkbox checkbox--large">
            <input
              id="signup-agree"
              type="checkbox"
              required
              checked={form.agreeTerms}
              onChange={(event) => {
                setSignup('form', 'agreeTerms', event.currentTarget.checked)
                if (event.currentTarget.checked) errors.set('agreeTerms', undefined)
              }}
              aria-invalid={errors.field('agreeTerms') ? 'true' : undefined}
              aria-describedby={errors.field('agreeTerms') ? 'signup-agree-error' : undefined}
            />
            <label for="signup-agree">{s('agree')}</label>
          </div>
          <Show when={errors.field('agreeTerms')}>
            <FieldError id="signup-agree-error" message={errors.field('agreeTerms')!} />
          </Show>
        </div>
        <CaptchaField id="signup-captcha" captcha={captcha} error={errors.field('captcha')} />
        <StatusLine text={busy() && s('sending')} />
        <div class="button-row">
          <SubmitButton>{s('send')}</SubmitButton>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => navigate('/signup')}
          >
            {s('back')}
          </button>
        </div>
      </form>
    </Page>
  )
}
