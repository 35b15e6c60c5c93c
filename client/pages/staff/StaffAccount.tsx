import { createResource, createSignal, For, Show } from 'solid-js'
import { Loaded } from './Loaded'
import { t, type MessageKey } from '../../../core/i18n'
import { Field, Form, SubmitButton } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { createFormErrors } from '../../lib/form'
import { lang } from '../../lib/i18n'
import { coreMsg, type Msg } from '../../lib/messages'
import { staffApi } from './api'
import { Passkeys } from './Passkeys'
import { staffMember } from './session'
import { s } from './strings'

const when = (ms: number | null) =>
  ms === null
    ? s('never')
    : new Date(ms).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })

type Name = 'label' | 'days' | 'code'

/** 自分のアカウント: who I am, and my API tokens for the command line (issue, list, revoke). */
export default function StaffAccount() {
  const [tokens, { refetch }] = createResource(async () => {
    const result = await staffApi('$get', '/api/ops/tokens')
    if (!result.ok) throw new Error(result.error.message)
    return result.data.tokens
  })
  const [label, setLabel] = createSignal('')
  const [days, setDays] = createSignal('90')
  const [code, setCode] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [issued, setIssued] = createSignal<string | null>(null)
  const [notice, setNotice] = createSignal<string | null>(null)
  const errors = createFormErrors<Name>({
    label: { id: 'token-label', label: () => s('tokenLabel') },
    days: { id: 'token-days', label: () => s('tokenDays') },
    code: { id: 'token-code', label: () => s('code') },
  })
  const codeError = (): Msg | undefined => {
    const value = code().replace(/[\s\u3000]/g, '')
    if (value === '') return coreMsg('staff.field.code.required')
    return /^\d{6}$/.test(value) ? undefined : coreMsg('staff.field.code.format')
  }
  const labelError = (): Msg | undefined =>
    label().trim() === '' || label().trim().length > 60
      ? coreMsg('staff.field.label.invalid')
      : undefined
  const daysError = (): Msg | undefined => {
    const n = Number(days())
    return Number.isInteger(n) && n >= 1 && n <= 90
      ? undefined
      : coreMsg('staff.field.days.invalid')
  }

  const issue = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ label: labelError(), days: daysError(), code: codeError() })) return
    setBusy(true)
    const result = await staffApi('$post', '/api/ops/tokens', {
      json: { code: code(), label: label().trim(), days: Number(days()) },
    })
    setBusy(false)
    setCode('')
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      return
    }
    setIssued(result.data.token.token)
    setNotice(null)
    setLabel('')
    void refetch()
  }

  const revoke = async (id: string, tokenLabel: string) => {
    const result = await staffApi('$delete', '/api/ops/tokens/:id', { param: { id } })
    if (result.ok) setNotice(s('revoked', { label: tokenLabel }))
    void refetch()
  }

  return (
    <Page title={s('accountTitle')}>
      <Show when={staffMember()}>
        {(m) => (
          <section class="staff-card" aria-labelledby="profile-title">
            <h2 id="profile-title">{s('profile')}</h2>
            <dl class="staff-dl">
              <dt>{s('name')}</dt>
              <dd>{m().name}</dd>
              <dt>{s('email')}</dt>
              <dd>{m().email}</dd>
              <dt>{s('role')}</dt>
              <dd>{t(lang(), `staff.role.${m().role}` as MessageKey)}</dd>
              <dt>{s('scope')}</dt>
              <dd>
                {m().insurer ? `${m().insurer!.name}(${m().insurer!.number})` : s('scopeAll')}
              </dd>
            </dl>
          </section>
        )}
      </Show>
      <Passkeys />
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{s('tokensTitle')}</h2>
        <p>{s('tokensLead')}</p>
        <Show when={issued()}>
          {(value) => (
            <div class="staff-card" role="status">
              <Notice kind="success">{s('issued')}</Notice>
              <p id="issued-token-label">{s('tokenValue')}</p>
              <p class="staff-secret" data-testid="issued-token">
                {value()}
              </p>
            </div>
          )}
        </Show>
        <Show when={notice()}>
          <p role="status">{notice()}</p>
        </Show>
        <Form errors={errors} onSubmit={issue} busy={busy()}>
          <Field
            {...errors.props('label')}
            required
            hint={s('tokenLabelHint')}
            maxLength={60}
            value={label()}
            onInput={errors.typed('label', setLabel, labelError)}
          />
          <Field
            {...errors.props('days')}
            required
            hint={s('tokenDaysHint')}
            type="number"
            min="1"
            max="90"
            inputmode="numeric"
            value={days()}
            onInput={errors.typed('days', setDays, daysError)}
          />
          <Field
            {...errors.props('code')}
            required
            hint={s('tokenCodeHint')}
            inputmode="numeric"
            autocomplete="one-time-code"
            maxLength={8}
            value={code()}
            onInput={errors.typed('code', setCode, codeError)}
          />
          <div class="button-row">
            <SubmitButton>{s('issueToken')}</SubmitButton>
          </div>
        </Form>
        <h3>{s('tokenList')}</h3>
        <Loaded data={tokens} onRetry={refetch} empty={s('noTokens')}>
          {(list) => (
            <div class="staff-table-wrap">
              <table class="staff-table">
                <thead>
                  <tr>
                    <th scope="col">{s('tokenLabel')}</th>
                    <th scope="col">{s('tokenCreated')}</th>
                    <th scope="col">{s('tokenExpires')}</th>
                    <th scope="col">{s('tokenLastUsed')}</th>
                    <th scope="col">{s('tokenState')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{s('revoke')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(token) => (
                      <tr>
                        <td>{token.label}</td>
                        <td>{when(token.createdAt)}</td>
                        <td>{when(token.expiresAt)}</td>
                        <td>{when(token.lastUsedAt)}</td>
                        <td>{token.live ? s('tokenLive') : s('tokenDead')}</td>
                        <td>
                          <Show when={token.live}>
                            <button
                              type="button"
                              class="button button--secondary"
                              aria-label={s('revokeToken', { label: token.label })}
                              onClick={() => void revoke(token.id, token.label)}
                            >
                              {s('revoke')}
                            </button>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
    </Page>
  )
}
