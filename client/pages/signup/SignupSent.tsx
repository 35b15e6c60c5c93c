import { Form } from '../../components/Field'
import { Navigate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { Page } from '../../components/Page'
import { CaptchaField, createCaptcha } from '../../components/Turnstile'
import { api } from '../../lib/api'
import { createFormErrors } from '../../lib/form'
import { ui } from '../../lib/i18n'
import { coreMsg } from '../../lib/messages'
import { SignupSteps } from './Steps'
import { setSignup, signup } from './store'
import { duration, s } from './strings'
import './styles.css'

/** 仮登録メールを送信しました: where the mail went, the manual's hints, 再送信, and the code route. */
export default function SignupSent() {
  if (!signup.sentTo) return <Navigate href="/signup" />

  const captcha = createCaptcha('resend')
  const [busy, setBusy] = createSignal(false)
  const [resent, setResent] = createSignal(false)
  const errors = createFormErrors<'captcha'>({
    captcha: { id: 'resend-captcha', label: () => ui('captcha') },
  })

  const resend = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    await captcha.settledWhile(setBusy)
    setResent(false)
    errors.clear()
    if (captcha.missing()) {
      errors.set('captcha', coreMsg('error.captcha_required'))
      errors.focusSummary()
      return
    }
    setBusy(true)
    const result = await api.resend({
      email: signup.sentTo,
      captchaToken: captcha.tokenForSubmit(),
    })
    setBusy(false)
    captcha.settle(result.ok ? undefined : result.error.captcha)
    if (result.ok) {
      setSignup('linkMinutes', result.data.linkMinutes)
      setResent(true)
      return
    }
    errors.fromServer(result.error, { captchaToken: 'captcha' })
    errors.focusSummary()
  }

  return (
    <Page title={s('sentTitle')} before={<SignupSteps current={3} />}>
      <p class="lead">{s('sentLead', { duration: duration(signup.linkMinutes) })}</p>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{s('sentTo')}</dt>
          <dd class="break">{signup.sentTo}</dd>
        </div>
      </dl>

      <h2>{s('notArrived')}</h2>
      <ul class="bullets">
        <li>{s('hintSpam')}</li>
        <li>{s('hintDomain')}</li>
        <li>{s('hintAddress')}</li>
      </ul>
      <p>
        {s('fixAddress')} <a href="/signup">{s('toSignup')}</a>
      </p>

      <h2>{s('resendHeading')}</h2>
      <p>{s('resendLead')}</p>
      <Form errors={errors} onSubmit={resend} busy={busy()}>
        <CaptchaField id="resend-captcha" captcha={captcha} error={errors.field('captcha')} />
        <p id="resend-note" class="note">
          {s('resendNote')}
        </p>
        <div class="button-row">
          <button type="submit" class="button button--secondary" aria-describedby="resend-note">
            {s('resend')}
          </button>
        </div>
        <p class="status status--success" role="status" aria-live="polite">
          <Show when={resent()}>
            <span aria-hidden="true">✓ </span>
            {s('resent')}
          </Show>
        </p>
      </Form>

      <h2>{s('codeHeading')}</h2>
      <p>{s('codeLead')}</p>
      <p>
        <a href="/signup/code">{s('codeLink')}</a>
      </p>
    </Page>
  )
}
