import { StatusLine } from '../../components/Status'
import { ExpiredLink } from '../../components/ExpiredLink'
import { useSearchParams } from '@solidjs/router'
import { createSignal, Match, onMount, Switch } from 'solid-js'
import { Field, Form, SubmitButton } from '../../components/Field'
import { ButtonLink, Page } from '../../components/Page'
import { PasswordField } from '../../components/PasswordField'
import { PasswordGuidance } from '../../components/PasswordGuidance'
import { api } from '../../lib/api'
import { afterPointer, createFormErrors, createFormState } from '../../lib/form'
import type { Msg } from '../../lib/messages'
import { setMember } from '../../lib/session'
import { newPasswordError } from '../../lib/validate-password'
import { s } from './strings'
import { ErrorAlert, Notice } from '../../components/Notice'

type Name = 'password' | 'confirm'

/** /password/reset?token=: checks the mailed link first, then sets the new password. */
export default function ResetPassword() {
  const [params] = useSearchParams<{ token?: string }>()
  const token = () => (typeof params.token === 'string' ? params.token : '')
  const [state, setState] = createSignal<'checking' | 'form' | 'done' | 'expired' | 'error'>(
    'checking',
  )
  const [email, setEmail] = createSignal('')
  const form = createFormState('reset-password', { password: '', confirm: '' })
  const [password, setPassword] = form.field('password')
  const [confirm, setConfirm] = form.field('confirm')
  const [busy, setBusy] = createSignal(false)
  const [problem, setProblem] = createSignal('')
  const errors = createFormErrors<Name>({
    password: { id: 'reset-password', label: () => s('newPassword') },
    confirm: { id: 'reset-password-confirm', label: () => s('newPasswordConfirm') },
  })
  const rules: Record<Name, () => Msg | undefined> = {
    password: () => newPasswordError(password(), email() || undefined),
    confirm: () =>
      confirm() === ''
        ? () => s('confirmRequired')
        : confirm() !== password()
          ? () => s('confirmMismatch')
          : undefined,
  }
  const touched = new Set<Name>()

  onMount(async () => {
    if (!token()) {
      setState('expired')
      return
    }
    const result = await api.checkResetToken({ token: token() })
    if (result.ok) {
      setEmail(result.data.email)
      setState('form')
    } else if (result.status === 410 || result.status === 400) {
      setState('expired')
    } else {
      setProblem(result.error.message)
      setState('error')
    }
  })

  const update = (name: Name, value: string) => {
    ;(name === 'password' ? setPassword : setConfirm)(value)
    touched.add(name)
    errors.recheck(name, rules[name])
  }
  const blur = (name: Name) => {
    if (touched.has(name) || errors.field(name)) afterPointer(() => errors.set(name, rules[name]()))
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ password: rules.password(), confirm: rules.confirm() })) return
    setBusy(true)
    const result = await api.resetPassword({ token: token(), password: password() })
    setBusy(false)
    if (result.ok) {
      form.forget()
      setMember(null) // every session of the account has ended
      setState('done')
      return
    }
    if (result.status === 410) {
      setState('expired')
      return
    }
    errors.fromServer(result.error)
    errors.focusSummary()
  }

  return (
    <Page title={s('resetTitle')}>
      <Switch>
        <Match when={state() === 'checking'}>
          <StatusLine text={s('checking')} />
        </Match>
        <Match when={state() === 'expired'}>
          <ExpiredLink message={s('expired')} help={s('expiredHelp')}>
            <p>
              <ButtonLink href="/password/forgot">{s('forgotLink')}</ButtonLink>
            </p>
          </ExpiredLink>
        </Match>
        <Match when={state() === 'error'}>
          <ErrorAlert>{problem()}</ErrorAlert>
        </Match>
        <Match when={state() === 'done'}>
          <Notice kind="success" role="status">
            {s('done')}
          </Notice>
          <p>{s('doneHelp')}</p>
          <p>
            <ButtonLink href="/login">{s('toLogin')}</ButtonLink>
          </p>
        </Match>
        <Match when={state() === 'form'}>
          <p class="break">{s('resetIntro', { email: email() })}</p>
          <Form errors={errors} onSubmit={submit} busy={busy()}>
            {/* Lets password managers file the new password under the right account. */}
            <input
              type="text"
              class="visually-hidden"
              autocomplete="username"
              value={email()}
              readonly
              tabindex="-1"
              aria-hidden="true"
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
                <PasswordGuidance id="reset-password" password={password()} email={email()} />
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
              <SubmitButton>{s('reset')}</SubmitButton>
            </div>
          </Form>
        </Match>
      </Switch>
    </Page>
  )
}
