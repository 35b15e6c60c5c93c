/** The passkeys screen's forms: add (with the browser's prompt), rename, remove (issue 12). */
import { createSignal, Show } from 'solid-js'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { PasswordField } from '../../components/PasswordField'
import { StatusLine } from '../../components/Status'
import type { ApiError } from '../../lib/api'
import { create, passkeyApi } from '../../lib/passkeys'
import { s } from './Passkeys.strings'

export type Passkey = {
  id: string
  name: string
  createdAt: number
  lastUsedAt: number | null
  forStepUp: boolean
}

const NAME_MAX = 60

/** A name for a new passkey from the device (the member may change it): 「iPhone」「Windows」…. */
export function deviceName(userAgent: string): string {
  const ua = userAgent
  if (/iPhone/.test(ua)) return 'iPhone'
  if (/iPad/.test(ua)) return 'iPad'
  if (/Android/.test(ua)) return 'Android'
  if (/Mac OS X|Macintosh/.test(ua)) return 'Mac'
  if (/Windows/.test(ua)) return 'Windows'
  if (/CrOS/.test(ua)) return 'Chromebook'
  if (/Linux/.test(ua)) return 'Linux'
  return s('thisDevice')
}

const nameError = (name: string) =>
  name.trim() === '' || name.trim().length > NAME_MAX ? s('nameInvalid') : undefined

/** 追加する: a name (from the device), the browser's prompt; the password again when the log-in is old. */
export function AddForm(props: {
  refused: (error: ApiError) => string
  onDone: (name: string) => Promise<void>
}) {
  const [name, setName] = createSignal(deviceName(navigator.userAgent))
  const [nameProblem, setNameProblem] = createSignal<string>()
  const [needPassword, setNeedPassword] = createSignal(false)
  const [password, setPassword] = createSignal('')
  const [passwordProblem, setPasswordProblem] = createSignal<string>()
  const [message, setMessage] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  let nameInput: HTMLInputElement | undefined

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    setMessage(undefined)
    const problem = nameError(name())
    setNameProblem(problem)
    if (problem) return nameInput?.focus()
    if (needPassword() && password() === '') {
      setPasswordProblem(s('passwordRequired'))
      return document.getElementById('passkey-password')?.focus()
    }
    setBusy(true)
    try {
      const options = await passkeyApi.registrationOptions(needPassword() ? password() : undefined)
      if (!options.ok) {
        const code = options.error.code
        if (code === 'passkey_reauth_required') {
          setNeedPassword(true)
          setMessage(options.error.message)
          setTimeout(() => document.getElementById('passkey-password')?.focus(), 0)
        } else if (code === 'passkey_password_wrong' || code === 'validation') {
          setPasswordProblem(options.error.fields?.password ?? options.error.message)
          setPassword('')
        } else setMessage(props.refused(options.error))
        return
      }
      setPasswordProblem(undefined)
      const made = await create(options.data.options)
      if (!made.ok) {
        setMessage(made.why === 'cancelled' ? s('cancelled') : s('failed'))
        return
      }
      const added = await passkeyApi.add({
        challengeId: options.data.challengeId,
        name: name().trim(),
        response: made.response,
      })
      if (!added.ok) {
        if (added.error.fields?.name) setNameProblem(added.error.fields.name)
        else setMessage(props.refused(added.error))
        return
      }
      setNeedPassword(false)
      setPassword('')
      await props.onDone(added.data.passkey.name)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="passkeys__add" aria-labelledby="passkey-add-heading">
      <h2 id="passkey-add-heading" class="passkeys__heading">
        {s('addHeading')}
      </h2>
      <p>{s('addIntro')}</p>
      <form novalidate onSubmit={submit} aria-busy={busy()}>
        <Field
          id="passkey-name"
          label={s('name')}
          required
          hint={s('nameHint')}
          maxlength={NAME_MAX}
          autocomplete="off"
          value={name()}
          error={nameProblem()}
          ref={(el) => (nameInput = el)}
          onInput={(event) => {
            setName(event.currentTarget.value)
            if (nameProblem()) setNameProblem(nameError(name()))
          }}
        />
        <Show when={needPassword()}>
          <PasswordField
            id="passkey-password"
            label={s('password')}
            required
            autocomplete="current-password"
            hint={s('passwordHint')}
            value={password()}
            error={passwordProblem()}
            onValue={(value) => {
              setPassword(value)
              if (value) setPasswordProblem(undefined)
            }}
          />
        </Show>
        <Show when={message()}>
          {(text) => (
            <Notice kind="error" role="alert">
              {text()}
            </Notice>
          )}
        </Show>
        <StatusLine text={busy() && s('adding')} />
        <div class="button-row">
          <button type="submit" class="button button--primary">
            {s('add')}
          </button>
        </div>
      </form>
    </section>
  )
}

export function RenameForm(props: {
  passkey: Passkey
  refused: (error: ApiError) => string
  onCancel: () => void
  onDone: (name: string) => Promise<void>
}) {
  const [name, setName] = createSignal(props.passkey.name)
  const [problem, setProblem] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  const id = `passkey-rename-${props.passkey.id.slice(0, 16)}`
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    const local = nameError(name())
    setProblem(local)
    if (local) return document.getElementById(id)?.focus()
    setBusy(true)
    const result = await passkeyApi.rename(props.passkey.id, name().trim())
    setBusy(false)
    if (result.ok) return props.onDone(name().trim())
    setProblem(result.error.fields?.name ?? props.refused(result.error))
    document.getElementById(id)?.focus()
  }
  return (
    <form novalidate onSubmit={submit} aria-busy={busy()}>
      <Field
        id={id}
        label={s('newName')}
        required
        maxlength={NAME_MAX}
        autocomplete="off"
        value={name()}
        error={problem()}
        ref={(el) => setTimeout(() => el.focus(), 0)}
        onInput={(event) => setName(event.currentTarget.value)}
      />
      <div class="button-row">
        <button type="submit" class="button button--primary">
          {s('save')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {s('cancel')}
        </button>
      </div>
    </form>
  )
}

export function RemoveConfirm(props: {
  passkey: Passkey
  refused: (error: ApiError) => string
  onCancel: () => void
  onDone: () => Promise<void>
}) {
  const [busy, setBusy] = createSignal(false)
  const [message, setMessage] = createSignal<string>()
  const confirm = async () => {
    if (busy()) return
    setBusy(true)
    const result = await passkeyApi.remove(props.passkey.id)
    setBusy(false)
    if (result.ok) return props.onDone()
    setMessage(props.refused(result.error))
  }
  return (
    <div
      class="passkeys__confirm"
      role="group"
      aria-labelledby={`passkey-remove-${props.passkey.id.slice(0, 16)}`}
    >
      <p id={`passkey-remove-${props.passkey.id.slice(0, 16)}`}>
        {s('removeQuestion', { name: props.passkey.name })}
      </p>
      <p class="note">{s('removeNote')}</p>
      <Show when={message()}>
        {(text) => (
          <Notice kind="error" role="alert">
            {text()}
          </Notice>
        )}
      </Show>
      <div class="button-row">
        <button
          type="button"
          class="button button--primary"
          ref={(el) => setTimeout(() => el.focus(), 0)}
          onClick={() => void confirm()}
        >
          {s('removeConfirm')}
        </button>
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {s('cancel')}
        </button>
      </div>
    </div>
  )
}
