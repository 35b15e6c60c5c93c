import { useSearchParams } from '@solidjs/router'
import { createResource, createSignal, Show } from 'solid-js'
import { renderSVG } from 'uqr'
import { Field, Form, SubmitButton } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { PasswordField } from '../../../components/PasswordField'
import { PasswordGuidance } from '../../../components/PasswordGuidance'
import { Loading } from '../../../components/Status'
import { createFormErrors } from '../../../lib/form'
import { coreMsg, type Msg } from '../../../lib/messages'
import { newPasswordError } from '../../../lib/validate-password'
import { staffApi } from '../api'
import { s } from './strings'
import './admin.css'

type Name = 'password' | 'code'

/** The base32 key in groups of four, for typing into an authenticator by hand. */
const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ')

/**
 * スタッフ登録 (/staff/enrol?token=…): the invitation or re-enrolment link. A password with the member
 * password guidance when one is to be set, then the QR code of the TOTP secret (an SVG image, with the
 * key in groups of four as its text alternative for typing by hand), then the 6-digit code that
 * proves the app has it. Done: on to the log-in.
 */
export default function Enrol() {
  const [params] = useSearchParams()
  const token = () => (typeof params.token === 'string' ? params.token : '')
  const [link] = createResource(token, async (value) => {
    if (!value) return null
    const result = await staffApi('$post', '/api/ops/enrol/check', { json: { token: value } })
    return result.ok ? result.data : null
  })
  const [password, setPassword] = createSignal('')
  const [code, setCode] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [done, setDone] = createSignal(false)
  const errors = createFormErrors<Name>({
    password: { id: 'enrol-password', label: () => s('passwordLabel') },
    code: { id: 'enrol-code', label: () => s('codeLabel') },
  })
  const passwordError = (): Msg | undefined =>
    link()?.needsPassword ? newPasswordError(password(), link()?.email) : undefined
  const codeError = (): Msg | undefined => {
    const digits = code().replace(/[\s\u3000]/g, '')
    if (digits === '') return coreMsg('staff.field.code.required')
    return /^\d{6}$/.test(digits) ? undefined : coreMsg('staff.field.code.format')
  }
  const qr = () => {
    const uri = link()?.otpauthUri
    return uri
      ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(uri, { pixelSize: 6 }))}`
      : ''
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ password: passwordError(), code: codeError() })) return
    setBusy(true)
    const result = await staffApi('$post', '/api/ops/enrol/complete', {
      json: {
        token: token(),
        code: code(),
        ...(link()?.needsPassword ? { password: password() } : {}),
      },
    })
    setBusy(false)
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      return
    }
    setPassword('')
    setDone(true)
  }

  const step = (n: number) => String(link()?.needsPassword ? n : n - 1)

  return (
    <Page title={s('enrolTitle')}>
      <Show when={!link.loading} fallback={<Loading />}>
        <Show
          when={link()}
          fallback={
            <>
              <Notice kind="error" role="alert">
                {s('enrolExpired')}
              </Notice>
              <p>
                <a href="/staff/login">{s('toLogin')}</a>
              </p>
            </>
          }
        >
          {(info) => (
            <Show
              when={!done()}
              fallback={
                <>
                  <Notice kind="success" role="status">
                    {s('enrolDone')}
                  </Notice>
                  <p>
                    <a class="button button--primary" href="/staff/login">
                      {s('toLogin')}
                    </a>
                  </p>
                </>
              }
            >
              <p>{s('enrolLead', { name: info().name, email: info().email })}</p>
              <Form errors={errors} onSubmit={submit} busy={busy()}>
                <Show when={info().needsPassword}>
                  <h2>{s('passwordTitle')}</h2>
                  <input
                    type="email"
                    name="username"
                    autocomplete="username"
                    value={info().email}
                    readonly
                    hidden
                  />
                  <PasswordField
                    {...errors.props('password')}
                    required
                    autocomplete="new-password"
                    hint={s('passwordHint')}
                    value={password()}
                    onValue={(value) => {
                      setPassword(value)
                      errors.recheck('password', passwordError)
                    }}
                    guidance={
                      <PasswordGuidance
                        id="enrol-password-guidance"
                        password={password()}
                        email={info().email}
                      />
                    }
                  />
                </Show>
                <Show when={info().secret} fallback={<p>{s('keepSecondFactor')}</p>}>
                  {(secret) => (
                    <section aria-labelledby="enrol-qr-title">
                      <h2 id="enrol-qr-title">{s('qrTitle', { step: step(2) })}</h2>
                      <p>{s('qrLead')}</p>
                      <img class="enrol-qr" src={qr()} alt={s('qrAlt')} width="246" height="246" />
                      <p id="enrol-key-label">{s('manualKey')}</p>
                      <p
                        class="staff-secret enrol-key"
                        aria-labelledby="enrol-key-label"
                        data-testid="enrol-secret"
                      >
                        {groupSecret(secret())}
                      </p>
                    </section>
                  )}
                </Show>
                <h2>{s('codeTitle', { step: step(info().secret ? 3 : 2) })}</h2>
                <Field
                  {...errors.props('code')}
                  required
                  hint={s('codeHint')}
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  maxLength={7}
                  value={code()}
                  onInput={errors.typed('code', setCode, codeError)}
                />
                <div class="button-row">
                  <SubmitButton>{s('complete')}</SubmitButton>
                </div>
              </Form>
            </Show>
          )}
        </Show>
      </Show>
    </Page>
  )
}
