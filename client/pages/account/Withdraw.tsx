import { useNavigate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { Form, SubmitButton } from '../../components/Field'
import { Page } from '../../components/Page'
import { PasswordField } from '../../components/PasswordField'
import { RequireMember } from '../../components/RequireMember'
import { call } from '../../lib/api'
import { createFormErrors, createFormState } from '../../lib/form'
import { coreMsg, type Msg } from '../../lib/messages'
import { wipeOffline } from '../../lib/offline-wipe'
import { setMember } from '../../lib/session'
import { s } from './strings'
import './styles.css'

/** /account/withdraw — 退会: what happens, the password, 退会する. */
export default function Withdraw() {
  return (
    <Page title={s('withdraw')}>
      <RequireMember>{() => <WithdrawForm />}</RequireMember>
    </Page>
  )
}

function WithdrawForm() {
  const navigate = useNavigate()
  const form = createFormState('account-withdraw', { currentPassword: '' })
  const [currentPassword, setCurrentPassword] = form.field('currentPassword')
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<'currentPassword'>({
    currentPassword: { id: 'withdraw-password', label: () => s('currentPassword') },
  })
  const rule = (): Msg | undefined =>
    currentPassword() === '' ? coreMsg('field.currentPassword.required') : undefined

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ currentPassword: rule() })) return
    setBusy(true)
    const result = await call('$post', '/api/account/withdraw', {
      json: { currentPassword: currentPassword() },
    })
    setBusy(false)
    if (result.ok) {
      form.forget()
      await wipeOffline()
      setMember(null)
      navigate('/account/withdrawn', { replace: true })
      return
    }
    if (result.error.code === 'unauthenticated') return setMember(null)
    errors.fromServer(result.error)
    errors.focusSummary()
  }

  return (
    <>
      <p>{s('withdrawIntro')}</p>
      <ul class="withdraw-list">
        <li>{s('withdrawAccount')}</li>
        <li>{s('withdrawResults')}</li>
        <li>{s('withdrawAgain')}</li>
        <li>{s('withdrawAudit')}</li>
        <li>{s('withdrawDevice')}</li>
      </ul>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <PasswordField
          {...errors.props('currentPassword')}
          required
          autocomplete="current-password"
          hint={s('currentPasswordHint')}
          value={currentPassword()}
          onValue={(value) => {
            setCurrentPassword(value)
            errors.recheck('currentPassword', rule)
          }}
        />
        <div class="button-row">
          <SubmitButton>{s('withdrawButton')}</SubmitButton>
        </div>
      </Form>
      <p>
        <a href="/account">{s('toSettings')}</a>
      </p>
    </>
  )
}
