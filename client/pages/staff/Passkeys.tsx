import { createResource, createSignal, For, Show } from 'solid-js'
import { Loaded } from './Loaded'
import { Field, Form, SubmitButton } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { createFormErrors } from '../../lib/form'
import { lang } from '../../lib/i18n'
import { coreMsg, type Msg } from '../../lib/messages'
import { staffApi } from './api'
import { s } from './strings'

const when = (ms: number | null) =>
  ms === null
    ? s('never')
    : new Date(ms).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })

/**
 * パスキー in 自分のアカウント: the staff member's passkeys (a second factor besides the authenticator app),
 * registered through the browser (@simplewebauthn/browser, fetched when a passkey is added) and removed.
 */
export function Passkeys() {
  const [list, { refetch }] = createResource(async () => {
    const result = await staffApi('$get', '/api/ops/passkeys')
    if (!result.ok) throw new Error(result.error.message)
    return result.data.passkeys
  })
  const [name, setName] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [notice, setNotice] = createSignal<{ kind: 'success' | 'warning'; text: string } | null>(
    null,
  )
  const errors = createFormErrors<'name'>({
    name: { id: 'passkey-name', label: () => s('passkeyName') },
  })
  const nameError = (): Msg | undefined =>
    name().trim() === '' || name().trim().length > 60
      ? coreMsg('staff.field.passkeyName.invalid')
      : undefined

  const add = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ name: nameError() })) return
    setBusy(true)
    setNotice(null)
    const options = await staffApi('$post', '/api/ops/passkeys/options')
    if (!options.ok) {
      setBusy(false)
      setNotice({ kind: 'warning', text: options.error.message })
      return
    }
    let response: unknown
    try {
      const { startRegistration } = await import('@simplewebauthn/browser')
      // The answer went through JSON: its buffers are strings, as the browser library expects.
      response = await startRegistration({ optionsJSON: options.data.options as never })
    } catch {
      setBusy(false)
      setNotice({ kind: 'warning', text: s('passkeyAddFailed') })
      return
    }
    const label = name().trim()
    const result = await staffApi('$post', '/api/ops/passkeys', {
      json: { challengeId: options.data.challengeId, name: label, response: response as never },
    })
    setBusy(false)
    if (!result.ok) {
      if (result.error.fields) {
        errors.fromServer(result.error)
        errors.focusSummary()
      } else setNotice({ kind: 'warning', text: result.error.message })
      return
    }
    setName('')
    setNotice({ kind: 'success', text: s('passkeyAdded', { name: label }) })
    void refetch()
  }

  const remove = async (id: string, label: string) => {
    const result = await staffApi('$delete', '/api/ops/passkeys/:id', { param: { id } })
    setNotice(
      result.ok
        ? { kind: 'success', text: s('passkeyRemoved', { name: label }) }
        : { kind: 'warning', text: result.status === 409 ? s('lastFactor') : result.error.message },
    )
    void refetch()
  }

  return (
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{s('passkeysTitle')}</h2>
      <p>{s('passkeysLead')}</p>
      <div role="status">
        <Show when={notice()}>{(n) => <Notice kind={n().kind}>{n().text}</Notice>}</Show>
      </div>
      <Form errors={errors} onSubmit={add} busy={busy()}>
        <Field
          {...errors.props('name')}
          required
          hint={s('passkeyNameHint')}
          maxLength={60}
          value={name()}
          onInput={errors.typed('name', setName, nameError)}
        />
        <div class="button-row">
          <SubmitButton>{s('addPasskey')}</SubmitButton>
        </div>
      </Form>
      <Loaded data={list} onRetry={refetch} empty={s('noPasskeys')}>
        {(keys) => (
          <ul class="staff-passkeys">
            <For each={keys()}>
              {(key) => (
                <li>
                  <span>
                    <strong>{key.name}</strong>({s('tokenCreated')}: {when(key.createdAt)}/
                    {s('tokenLastUsed')}: {when(key.lastUsedAt)})
                  </span>
                  <button
                    type="button"
                    class="button button--secondary"
                    aria-label={s('removePasskey', { name: key.name })}
                    onClick={() => void remove(key.id, key.name)}
                  >
                    {s('remove')}
                  </button>
                </li>
              )}
            </For>
          </ul>
        )}
      </Loaded>
    </section>
  )
}
