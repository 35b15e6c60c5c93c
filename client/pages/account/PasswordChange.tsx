import { createSignal, onMount, Show } from 'solid-js'
import { Field, Form, SubmitButton } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { PasswordField } from '../../components/PasswordField'
import { PasswordGuidance } from '../../components/PasswordGuidance'
import { RequireMember } from '../../components/RequireMember'
import { call, type Member } from '../../lib/api'
import { afterPointer, createFormErrors, createFormState } from '../../lib/form'
import { coreMsg, type Msg } from '../../lib/messages'
import { setMember } from '../../lib/session'
import { newPasswordError, preparePasswordPolicy } from '../../lib/validate-password'
import { s } from './strings'
import './styles.css'

type Name = 'currentPassword' | 'password' | 'confirm'

/** /account/password — パスワードの変更: the current password, then a new one by sign-up's rules. */
export default function PasswordChange() {
  return (
    <Page title={s('password')}>
      <RequireMember>{(member) => <PasswordForm member={member} />}</RequireMember>
    </Page>
  )
}

function PasswordForm(props: { member: Member }) {
  const form = createFormState('account-password', {
    currentPassword: '',
    password: '',
    confirm: '',
  })
  const [currentPassword, setCurrentPassword] = form.field('currentPassword')
  const [password, setPassword] = form.field('password')
  const [confirm, setConfirm] = form.field('confirm')
  const [busy, setBusy] = createSignal(false)
  const [done, setDone] = createSignal(false)
  onMount(() => void preparePasswordPolicy())
  const errors = createFormErrors<Name>({
    currentPassword: { id: 'account-current-password', label: () => s('currentPassword') },
    password: { id: 'account-new-password', label: () => s('newPassword') },
    confirm: { id: 'account-new-password-confirm', label: () => s('newPasswordConfirm') },
  })
  const rules: Record<Name, () => Msg | undefined> = {
    currentPassword: () =>
      currentPassword() === '' ? coreMsg('field.currentPassword.required') : undefined,
    password: () => newPasswordError(password(), props.member.email),
    confirm: () =>
      confirm() === ''
        ? () => s('confirmRequired')
        : confirm() !== password()
          ? () => s('confirmMismatch')
          : undefined,
  }
  const touched = new Set<Name>()
  const update = (name: Name, value: string) => {
    ;({ currentPassword: setCurrentPassword, password: setPassword, confirm: setConfirm })[name](
      value,
    )
    touched.add(name)
    errors.recheck(name, rules[name])
  }
  const blur = (name: Name) => {
    if (touched.has(name) || errors.field(name)) afterPointer(() => errors.set(name, rules[name]()))
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    const found = {
      currentPassword: rules.currentPassword(),
      password: rules.password(),
      confirm: rules.confirm(),
    }
    if (!errors.validate(found)) return
    setBusy(true)
    const result = await call('$post', '/api/account/password', {
      json: { currentPassword: currentPassword(), password: password() },
    })
    setBusy(false)
    if (result.ok) {
      form.forget()
      setDone(true)
      return
    }
    if (result.error.code === 'unauthenticated') return setMember(null)
    errors.fromServer(result.error)
    errors.focusSummary()
  }

  return (
    <Show
      when={!done()}
      fallback={
        <>
          <Notice kind="success" role="status">
            {s('passwordChanged')}
          </Notice>
          <p>
            <a href="/account">{s('toSettings')}</a>
          </p>
        </>
      }
    >
      <p>{s('passwordIntro')}</p>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        {/* Lets password managers file the new password under the right account. */}
        <input
          type="text"
          class="visually-hidden"
          autocomplete="username"
          value={props.member.email}
          readonly
          tabindex="-1"
          aria-hidden="true"
        />
        <PasswordField
          {...errors.props('currentPassword')}
          required
          autocomplete="current-password"
          value={currentPassword()}
          onValue={(value) => update('currentPassword', value)}
          onBlur={() => blur('currentPassword')}
        />
        <PasswordField
          {...errors.props('password')}
          required
          autocomplete="new-password"
          hint={s('newPasswordHint')}
          value={password()}
          onValue={(value) => update('password', value)}
          onBlur={() => blur('password')}
          guidance={
            <PasswordGuidance
              id="account-new-password"
              password={password()}
              email={props.member.email}
            />
          }
        />
        <Field
          {...errors.props('confirm')}
          required
          type="password"
          autocomplete="new-password"
          autocapitalize="off"
          spellcheck={false}
          maxlength={256}
          value={confirm()}
          onInput={(event) => update('confirm', event.currentTarget.value)}
          onBlur={() => blur('confirm')}
        />
        <div class="button-row">
          <SubmitButton>{s('changePassword')}</SubmitButton>
        </div>
      </Form>
      <p>
        <a href="/account">{s('toSettings')}</a>
      </p>
    </Show>
  )
}
