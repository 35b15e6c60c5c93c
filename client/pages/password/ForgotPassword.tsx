import { createSignal, Show } from 'solid-js'
import { ErrorSummary } from '../../components/ErrorSummary'
import { EmailField, Field, FieldError } from '../../components/Field'
import { Page } from '../../components/Page'
import { createCaptcha, Turnstile } from '../../components/Turnstile'
import { api } from '../../lib/api'
import { afterPointer, createFormErrors, createFormState } from '../../lib/form'
import { ui } from '../../lib/i18n'
import { coreMsg } from '../../lib/messages'
import { emailError } from '../../lib/validate'
import { s } from './strings'
import { Notice } from '../../components/Notice'

type Name = 'email' | 'captcha'

/** パスワードの再設定: asks for a reset mail; the answer is the same for every address. */
export default function ForgotPassword() {
  const form = createFormState('forgot-password', { email: '' })
  const [email, setEmail] = form.field('email')
  const [busy, setBusy] = createSignal(false)
  const [sent, setSent] = createSignal(false)
  const captcha = createCaptcha('reset')
  const errors = createFormErrors<Name>({
    email: { id: 'forgot-email', label: () => s('email') },
    captcha: { id: 'forgot-captcha', label: () => ui('captcha') },
  })
  let sentNotice: HTMLDivElement | undefined

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    setBusy(true)
    await captcha.settled()
    setBusy(false)
    const found = {
      email: emailError(email()),
      captcha: captcha.missing() ? coreMsg('error.captcha_required') : undefined,
    }
    if (!errors.validate(found)) return
    setBusy(true)
    const result = await api.forgotPassword({
      email: email(),
      captchaToken: captcha.tokenForSubmit(),
    })
    setBusy(false)
    captcha.settle(result.ok ? undefined : result.error.captcha)
    if (result.ok) {
      form.forget()
      setSent(true)
      setTimeout(() => sentNotice?.focus(), 0)
      return
    }
    errors.fromServer(result.error, { captchaToken: 'captcha' })
    errors.focusSummary()
  }

  return (
    <Page title={s('forgotTitle')}>
      <Show
        when={!sent()}
        fallback={
          <>
            <Notice kind="success" role="status" focusable ref={sentNotice}>
              {s('sent')}
            </Notice>
            <p>{s('sentHelp')}</p>
            <p>
              <a class="button button--primary" href="/login">
                {s('toLogin')}
              </a>
            </p>
          </>
        }
      >
        <p>{s('forgotIntro')}</p>
        <ErrorSummary message={errors.top()} errors={errors.entries()} ref={errors.summaryRef} />
        <form class="form" novalidate onSubmit={submit} aria-busy={busy()}>
          <EmailField
            id="forgot-email"
            label={s('email')}
            required
            error={errors.field('email')}
            value={email()}
            onInput={(event) => {
              setEmail(event.currentTarget.value)
              if (errors.field('email')) errors.set('email', emailError(email()))
            }}
            onBlur={() => {
              if (!email()) return
              afterPointer(() => errors.set('email', emailError(email())))
              void captcha.refresh(email())
            }}
          />
          <Turnstile
            id="forgot-captcha"
            action="reset"
            siteKey={captcha.siteKey()}
            ref={captcha.bind}
          />
          <Show when={errors.field('captcha')}>
            <FieldError id="forgot-captcha-error" message={errors.field('captcha')!} />
          </Show>
          <p class="status" role="status">
            {busy() ? s('sending') : ''}
          </p>
          <div class="button-row">
            <button type="submit" class="button button--primary">
              {s('send')}
            </button>
          </div>
        </form>
        <p>
          <a href="/login">{s('toLogin')}</a>
        </p>
      </Show>
    </Page>
  )
}
