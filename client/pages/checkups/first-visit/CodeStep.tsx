import { createSignal, Show } from 'solid-js'
import {
  compactViewingCode,
  normalizeViewingCode,
  VIEWING_CODE_LENGTH,
} from '../../../../core/viewing-code'
import { ErrorSummary } from '../../../components/ErrorSummary'
import { Field } from '../../../components/Field'
import { Page } from '../../../components/Page'
import { api, type ApiError, type CheckupAccessState } from '../../../lib/api'
import { afterPointer, createFormErrors, createFormState } from '../../../lib/form'
import { coreMsg, textMsg, type Msg } from '../../../lib/messages'
import type { OnApiError } from '../Checkups'
import { AccessSteps, ReissueGuide, StopPanel } from '../parts'
import { s } from '../strings'

/** The answers to 送信する that end this step: the form goes, a panel says what to do. */
const STOPS = new Set(['viewing_code_locked', 'no_viewing_code'])

/**
 * 健診閲覧コード as typed: required, then 12 characters of the code alphabet once hyphens and spaces
 * are dropped (core's normalizeViewingCode, as the worker reads it). A code with a look-alike
 * (0, 1, O, I, L: never printed) gets words of its own; neither costs one of the 5 tries.
 */
function viewingCodeError(raw: string): Msg | undefined {
  const compact = compactViewingCode(raw)
  if (compact === '') return coreMsg('field.viewingCode.required')
  if (normalizeViewingCode(raw)) return undefined
  if (compact.length === VIEWING_CODE_LENGTH && /[01OIL]/.test(compact))
    return () => s('codeLookAlike')
  return coreMsg('field.viewingCode.format')
}

/** STEP1 本人確認の情報送信: the viewing code from the insurer's postcard. */
export function CodeStep(props: {
  onState: (state: CheckupAccessState) => void
  onApiError: OnApiError
}) {
  const form = createFormState('checkup-code', { code: '' })
  const [code, setCode] = form.field('code')
  const [busy, setBusy] = createSignal(false)
  const [stop, setStop] = createSignal<ApiError>()
  const errors = createFormErrors<'code'>({
    code: { id: 'checkup-code', label: () => s('viewingCode') },
  })
  let touched = false
  let panel: HTMLElement | undefined

  /** Letters become capitals as they are typed, the caret staying where it was (not mid-IME). */
  const input = (event: InputEvent & { currentTarget: HTMLInputElement }) => {
    const field = event.currentTarget
    touched = true
    if (!event.isComposing) {
      const upper = field.value.toUpperCase()
      if (upper !== field.value && upper.length === field.value.length) {
        const start = field.selectionStart
        const end = field.selectionEnd
        field.value = upper
        if (start !== null && end !== null) field.setSelectionRange(start, end)
      }
    }
    setCode(field.value)
    if (errors.field('code')) errors.set('code', viewingCodeError(field.value))
  }

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ code: viewingCodeError(code()) })) return
    setBusy(true)
    const result = await api.submitViewingCode({ code: code() })
    setBusy(false)
    if (result.ok) {
      form.forget()
      props.onState(result.data.state)
      return
    }
    const error = result.error
    if (props.onApiError(error)) return
    if (STOPS.has(error.code)) {
      setStop(error)
      setTimeout(() => panel?.focus(), 0)
      return
    }
    if (error.code === 'invalid_viewing_code') {
      errors.replace({ code: textMsg(error.message) })
    } else {
      errors.fromServer(error)
    }
    errors.focusSummary()
  }

  return (
    <Page title={s('codeTitle')} before={<AccessSteps current={1} />}>
      <Show
        when={!stop()}
        fallback={
          <StopPanel
            id="checkup-code-stop"
            alert
            title={stop()!.code === 'no_viewing_code' ? s('noCodeTitle') : s('codeLockedTitle')}
            ref={(element) => (panel = element)}
          >
            <p>{stop()!.message}</p>
            <ReissueGuide />
          </StopPanel>
        }
      >
        <p>{s('codeIntro')}</p>
        <ErrorSummary message={errors.top()} errors={errors.entries()} ref={errors.summaryRef} />
        <form class="form" novalidate onSubmit={submit} aria-busy={busy()}>
          <Field
            id="checkup-code"
            label={s('viewingCode')}
            required
            hint={s('viewingCodeHint')}
            error={errors.field('code')}
            class="input--viewing-code"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            autocorrect="off"
            spellcheck={false}
            maxlength={24}
            value={code()}
            onInput={input}
            onBlur={() => {
              if (touched || errors.field('code'))
                afterPointer(() => errors.set('code', viewingCodeError(code())))
            }}
          />
          <p id="checkup-code-attempts" class="note">
            {s('codeAttemptsNote')}
          </p>
          <p class="status" role="status">
            {busy() ? s('sending') : ''}
          </p>
          <div class="button-row">
            <button
              type="submit"
              class="button button--primary"
              aria-describedby="checkup-code-attempts"
            >
              {s('send')}
            </button>
          </div>
        </form>
        <p class="note">
          {s('lostCodeLead')}
          <a href="/faq">{s('lostCodeLink')}</a>
          {s('lostCodeTail')}
        </p>
      </Show>
    </Page>
  )
}

/** The code is locked (5 wrong tries): only support can re-issue it. */
export function CodeLocked() {
  return (
    <Page title={s('codeTitle')} before={<AccessSteps current={1} />}>
      <StopPanel id="checkup-code-locked" title={s('codeLockedTitle')}>
        <p>{coreMsg('error.viewing_code_locked')()}</p>
        <ReissueGuide />
      </StopPanel>
    </Page>
  )
}
