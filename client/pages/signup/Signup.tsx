import { useNavigate } from '@solidjs/router'
import { createSignal, onMount, Show } from 'solid-js'
import { EmailField, Field, Form, SubmitButton } from '../../components/Field'
import { Page } from '../../components/Page'
import { PasswordField } from '../../components/PasswordField'
import { PasswordGuidance } from '../../components/PasswordGuidance'
import { afterPointer, createFormErrors } from '../../lib/form'
import type { Msg } from '../../lib/messages'
import { emailConfirmError, emailError, optionalCodeError } from '../../lib/validate'
import { newPasswordError } from '../../lib/validate-password'
import { SignupSteps } from './Steps'
import { setSignup, signup, type SignupForm } from './store'
import { s } from './strings'
import './styles.css'

type Name = 'email' | 'emailConfirm' | 'password' | 'inviteCode' | 'orgCode'

/** メールアドレス登録 (manual STEP1): the address, its confirmation, the password and two codes. */
export default function Signup() {
  const navigate = useNavigate()
  const form = signup.form
  const errors = createFormErrors<Name>({
    email: { id: 'signup-email', label: () => s('email') },
    emailConfirm: { id: 'signup-email-confirm', label: () => s('emailConfirm') },
    password: { id: 'signup-password', label: () => s('password') },
    inviteCode: { id: 'signup-invite-code', label: () => s('inviteCode') },
    orgCode: { id: 'signup-org-code', label: () => s('orgCode') },
  })
  const rules: Record<Name, () => Msg | undefined> = {
    email: () => emailError(form.email),
    emailConfirm: () => emailConfirmError(form.email, form.emailConfirm),
    password: () => newPasswordError(form.password, form.email),
    inviteCode: () => optionalCodeError(form.inviteCode, 'field.inviteCode.format'),
    orgCode: () => optionalCodeError(form.orgCode, 'field.orgCode.format'),
  }
  const touched = new Set<Name>()
  const [pasteBlocked, setPasteBlocked] = createSignal(false)

  const check = (name: Name) => errors.set(name, rules[name]())
  const update = (name: Name, value: string) => {
    setSignup('form', name as keyof SignupForm, value)
    touched.add(name)
    // An error already shown follows the typing, so it disappears as soon as it is fixed.
    if (errors.field(name)) check(name)
  }
  const blur = (name: Name) => {
    if (!touched.has(name) && !errors.field(name)) return // just passing through with Tab
    afterPointer(() => {
      check(name)
      if (name === 'email' && touched.has('emailConfirm')) check('emailConfirm')
      if (name === 'email' && touched.has('password')) check('password')
    })
  }

  /** The optional invitation and organisation codes: the same input, each its own words. */
  const codeField = (name: 'inviteCode' | 'orgCode') => (
    <Field
      {...errors.props(name)}
      hint={s(`${name}Hint`)}
      type="text"
      autocomplete="off"
      autocapitalize="off"
      spellcheck={false}
      maxlength={32}
      value={form[name]}
      onInput={(event) => update(name, event.currentTarget.value)}
      onBlur={() => blur(name)}
    />
  )

  onMount(() => {
    // Back from the confirmation screen with the server's refusal (400 validation).
    const refused = signup.serverError
    if (!refused) return
    setSignup('serverError', undefined)
    errors.fromServer(refused)
    errors.focusSummary()
  })

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const found: Partial<Record<Name, Msg | undefined>> = {}
    for (const name of Object.keys(rules) as Name[]) found[name] = rules[name]()
    if (!errors.validate(found)) return
    setSignup('ready', true)
    navigate('/signup/confirm')
  }

  return (
    <Page title={s('signupTitle')} before={<SignupSteps current={1} />}>
      <p>{s('signupIntro')}</p>
      <Form errors={errors} onSubmit={submit}>
        <EmailField
          {...errors.props('email')}
          required
          hint={s('emailHint')}
          value={form.email}
          onInput={(event) => update('email', event.currentTarget.value)}
          onBlur={() => blur('email')}
        />
        <EmailField
          {...errors.props('emailConfirm')}
          required
          hint={s('emailConfirmHint')}
          autocomplete="off"
          value={form.emailConfirm}
          onInput={(event) => update('emailConfirm', event.currentTarget.value)}
          onBlur={() => blur('emailConfirm')}
          onPaste={(event) => {
            event.preventDefault()
            setPasteBlocked(true)
          }}
          onDrop={(event) => {
            event.preventDefault()
            setPasteBlocked(true)
          }}
          after={
            <p class="field__notice" role="status">
              <Show when={pasteBlocked()}>
                <span aria-hidden="true">ℹ </span>
                {s('pasteBlocked')}
              </Show>
            </p>
          }
        />
        <PasswordField
          {...errors.props('password')}
          required
          autocomplete="new-password"
          hint={s('passwordHint')}
          value={form.password}
          onValue={(value) => update('password', value)}
          onBlur={() => blur('password')}
          guidance={
            <PasswordGuidance
              id="signup-password"
              password={form.password}
              email={form.email || undefined}
            />
          }
        />
        {codeField('inviteCode')}
        {codeField('orgCode')}
        <p class="note">
          <span aria-hidden="true">※ </span>
          {s('mailNote')}
        </p>
        <div class="button-row">
          <SubmitButton>{s('toConfirm')}</SubmitButton>
        </div>
      </Form>
      <p class="aside">
        {s('alreadyMember')} <a href="/login">{s('login')}</a>
      </p>
    </Page>
  )
}
