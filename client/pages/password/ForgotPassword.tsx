import { createSignal, Show } from 'solid-js'
import { EmailField, Form, SubmitButton } from '../../components/Field'
import { StatusLine } from '../../components/Status'
import { ButtonLink, Page } from '../../components/Page'
import { CaptchaField, createCaptcha } from '../../components/Turnstile'
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
    await captcha.settledWhile(setBusy)
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
              <ButtonLink href="/login">{s('toLogin')}</ButtonLink>
            </p>
          </>
        }
      >
        <p>{s('forgotIntro')}</p>
        <Form errors={errors} onSubmit={submit} busy={busy()}>
          <EmailField
            {...errors.props('email')}
            required
            value={email()}
            onInput={errors.typed('email', setEmail, () => emailError(email()))}
            onBlur={() => {
              if (!email()) return
              afterPointer(() => errors.set('email', emailError(email())))
              void captcha.refresh(email())
            }}
          />
          <CaptchaField id="forgot-captcha" captcha={captcha} error={errors.field('captcha')} />
          <StatusLine text={busy() && s('sending')} />
          <div class="button-row">
            <SubmitButton>{s('send')}</SubmitButton>
          </div>
        </Form>
        <p>
          <a href="/login">{s('toLogin')}</a>
        </p>
      </Show>
    </Page>
  )
}
