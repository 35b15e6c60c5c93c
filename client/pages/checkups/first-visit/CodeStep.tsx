import { createStepSubmit } from '../step-submit'
import { Show } from 'solid-js'
import {
  compactViewingCode,
  normalizeViewingCode,
  VIEWING_CODE_LENGTH,
} from '../../../../core/viewing-code'
import { Field, Form, SubmitButton } from '../../../components/Field'
import { StatusLine } from '../../../components/Status'
import { Page } from '../../../components/Page'
import { api, type CheckupAccessState } from '../../../lib/api'
import { afterPointer, createFormErrors, createFormState } from '../../../lib/form'
import { coreMsg, type Msg } from '../../../lib/messages'
import type { OnApiError } from '../Checkups'
import { AccessSteps, ReissueGuide, StopPanel } from '../parts'
import { s } from '../strings'
import './CodeStep.css'

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
  const errors = createFormErrors<'code'>({
    code: { id: 'checkup-code', label: () => s('viewingCode') },
  })
  const step = createStepSubmit({
    field: 'code',
    check: () => viewingCodeError(code()),
    errors,
    send: () => api.submitViewingCode({ code: code() }),
    forget: form.forget,
    onState: props.onState,
    onApiError: props.onApiError,
    stops: STOPS,
    wrong: 'invalid_viewing_code',
  })
  let touched = false

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

  return (
    <Page title={s('codeTitle')} before={<AccessSteps current={1} />}>
      <Show
        when={!step.stop()}
        fallback={
          <StopPanel
            id="checkup-code-stop"
            alert
            title={
              step.stop()!.code === 'no_viewing_code' ? s('noCodeTitle') : s('codeLockedTitle')
            }
            ref={step.panelRef}
          >
            <p>{step.stop()!.message}</p>
            <ReissueGuide />
          </StopPanel>
        }
      >
        <p>{s('codeIntro')}</p>
        <Form errors={errors} onSubmit={step.submit} busy={step.busy()}>
          <Field
            {...errors.props('code')}
            required
            hint={s('viewingCodeHint')}
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
          <StatusLine text={step.busy() && s('sending')} />
          <div class="button-row">
            <SubmitButton describedBy="checkup-code-attempts">{s('send')}</SubmitButton>
          </div>
        </Form>
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
