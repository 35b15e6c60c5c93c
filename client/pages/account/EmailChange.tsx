import { createSignal, Show } from 'solid-js'
import { Field, Form, SubmitButton } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { PasswordField } from '../../components/PasswordField'
import { RequireMember } from '../../components/RequireMember'
import { call } from '../../lib/api'
import { afterPointer, createFormErrors, createFormState } from '../../lib/form'
import { coreMsg, type Msg } from '../../lib/messages'
import { setMember } from '../../lib/session'
import { emailConfirmError, emailError } from '../../lib/validate'
import { s } from './strings'
import './styles.css'

type Name = 'email' | 'emailConfirm' | 'currentPassword'

/** /account/email — メールアドレスの変更: the new address twice and the password; a link goes to it. */
export default function EmailChange() {
  return (
    <Page title={s('email')}>
      <RequireMember>{() => <EmailForm />}</RequireMember>
    </Page>
  )
}

function EmailForm() {
  const form = createFormState('account-email', {
    email: '',
    emailConfirm: '',
    currentPassword: '',
  })
  const [email, setEmail] = form.field('email')
  const [emailConfirm, setEmailConfirm] = form.field('emailConfirm')
  const [currentPassword, setCurrentPassword] = form.field('currentPassword')
  const [busy, setBusy] = createSignal(false)
  const [sent, setSent] = createSignal(false)
  const errors = createFormErrors<Name>({
    email: { id: 'account-email', label: () => s('newEmail') },
    emailConfirm: { id: 'account-email-confirm', label: () => s('newEmailConfirm') },
    currentPassword: { id: 'account-email-password', label: () => s('currentPassword') },
  })
  const rules: Record<Name, () => Msg | undefined> = {
    email: () => emailError(email()),
    emailConfirm: () => emailConfirmError(email(), emailConfirm()),
    currentPassword: () =>
      currentPassword() === '' ? coreMsg('field.currentPassword.required') : undefined,
  }
  const blur = (name: Name) => afterPointer(() => errors.set(name, rules[name]()))

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    const found = {
      email: rules.email(),
      emailConfirm: rules.emailConfirm(),
      currentPassword: rules.currentPassword(),
    }
    if (!errors.validate(found)) return
    setBusy(true)
    const result = await call('$post', '/api/account/email', {
      json: { email: email(), emailConfirm: emailConfirm(), currentPassword: currentPassword() },
    })
    setBusy(false)
    if (result.ok) {
      form.forget()
      setSent(true)
      return
    }
    if (result.error.code === 'unauthenticated') return setMember(null)
    errors.fromServer(result.error)
    errors.focusSummary()
  }

  return (
    <Show
      when={!sent()}
      fallback={
        <>
          <Notice kind="success" role="status">
            {s('emailSent')}
          </Notice>
          <p>{s('emailSentHelp')}</p>
          <p>
            <a href="/account">{s('toSettings')}</a>
          </p>
        </>
      }
    >
      <p>{s('emailIntro')}</p>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <Field
          {...errors.props('email')}
          required
          type="email"
          autocomplete="email"
          autocapitalize="off"
          spellcheck={false}
          maxlength={254}
          value={email()}
          onInput={errors.typed('email', setEmail, rules.email)}
          onBlur={() => blur('email')}
        />
        <Field
          {...errors.props('emailConfirm')}
          required
          type="email"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          maxlength={254}
          hint={s('newEmailConfirmHint')}
          value={emailConfirm()}
          onInput={errors.typed('emailConfirm', setEmailConfirm, rules.emailConfirm)}
          onBlur={() => blur('emailConfirm')}
        />
        <PasswordField
          {...errors.props('currentPassword')}
          required
          autocomplete="current-password"
          hint={s('currentPasswordHint')}
          value={currentPassword()}
          onValue={(value) => {
            setCurrentPassword(value)
            errors.recheck('currentPassword', rules.currentPassword)
          }}
        />
        <div class="button-row">
          <SubmitButton>{s('sendConfirm')}</SubmitButton>
        </div>
      </Form>
      <p>
        <a href="/account">{s('toSettings')}</a>
      </p>
    </Show>
  )
}
