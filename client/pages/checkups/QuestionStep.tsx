import { Form, SubmitButton } from '../../components/Field'
import { createStepSubmit } from './step-submit'
import { createSignal, onCleanup, onMount, Show } from 'solid-js'
import { t } from '../../../core/i18n'
import { StatusLine } from '../../components/Status'
import { Page } from '../../components/Page'
import { api, type CheckupAccessState, type SecretQuestion } from '../../lib/api'
import { afterPointer, createFormErrors, createFormState } from '../../lib/form'
import { defineStrings, lang } from '../../lib/i18n'
import type { ApiError } from '../../lib/api'
import { Notice } from '../../components/Notice'
import type { OnApiError } from './Checkups'
import { StopPanel } from './parts'
import { answerError, questionText } from './answer'
import { SecretAnswerField } from './SecretAnswerField'
import { s } from './strings'

/** The passkey instead of the question (issue 12); the strings live here, beside their one use. */
const ps = defineStrings(
  {
    or: 'または',
    passkeyIntro: '登録済みのパスキーで、秘密の質問の代わりにご本人確認ができます。',
    passkeyButton: 'パスキーで確認する',
    passkeyChecking: 'パスキーで確認しています…',
    passkeyCancelled:
      'パスキーでの確認を中止しました。もう一度お試しいただくか、秘密の質問に回答してください。',
  },
  {
    or: 'or',
    passkeyIntro: 'You can confirm it is you with your passkey instead of the secret question.',
    passkeyButton: 'Confirm with a passkey',
    passkeyChecking: 'Checking your passkey…',
    passkeyCancelled:
      'Confirming with a passkey was stopped. Please try again, or answer your secret question.',
  },
)

/** The answer that locks the results (5 wrong answers in 24 hours). */
const LOCKED = new Set(['health_locked'])

/**
 * 秘密の質問 (a later visit, when the last check is over 24 hours old): the member's own question
 * and its answer; 確認 is POST /api/checkups/answer. Five wrong answers in 24 hours lock the results
 * until the password is reset by e-mail.
 */
export function QuestionStep(props: {
  question: SecretQuestion | undefined
  onState: (state: CheckupAccessState) => void
  onApiError: OnApiError
}) {
  const form = createFormState('checkup-answer', { answer: '' })
  const [answer, setAnswer] = form.field('answer')
  const errors = createFormErrors<'answer'>({
    answer: { id: 'checkup-secret-answer', label: () => s('answer') },
  })
  const step = createStepSubmit({
    field: 'answer',
    check: () => answerError(answer()),
    errors,
    send: () => api.answerSecretQuestion({ answer: answer() }),
    forget: form.forget,
    onState: props.onState,
    onApiError: props.onApiError,
    stops: LOCKED,
    wrong: 'wrong_answer',
    onWrong: () => setAnswer(''),
  })
  let touched = false
  const passkey = createPasskeyStepUp(props)

  return (
    <Page title={s('questionTitle')}>
      <Show
        when={!step.stop() && !passkey.stop()}
        fallback={
          <HealthLockedPanel
            alert
            message={(step.stop() ?? passkey.stop())!.message}
            ref={(el) => {
              step.panelRef(el)
              passkey.panelRef(el)
            }}
          />
        }
      >
        <p>{s('questionIntro')}</p>
        <Show when={props.question}>
          <dl class="summary-list">
            <div class="summary-list__row">
              <dt>{s('question')}</dt>
              <dd id="checkup-secret-question">{questionText(props.question)}</dd>
            </div>
          </dl>
        </Show>
        <p id="checkup-secret-case">{s('caseNote')}</p>
        <Form errors={errors} onSubmit={step.submit} busy={step.busy()}>
          <SecretAnswerField
            id="checkup-secret-answer"
            error={errors.field('answer')}
            aria-describedby={`${props.question ? 'checkup-secret-question ' : ''}checkup-secret-case checkup-secret-attempts`}
            value={answer()}
            onValue={(value) => {
              setAnswer(value)
              touched = true
              errors.recheck('answer', () => answerError(answer()))
            }}
            onBlur={() => {
              if (touched || errors.field('answer'))
                afterPointer(() => errors.set('answer', answerError(answer())))
            }}
          />
          <p id="checkup-secret-attempts" class="note">
            {s('answerAttemptsNote')}
          </p>
          <StatusLine text={step.busy() && s('checking')} />
          <div class="button-row">
            <SubmitButton>{s('confirm')}</SubmitButton>
          </div>
        </Form>
        <Show when={passkey.offered()}>
          <section class="passkey-step-up" aria-labelledby="checkup-passkey-intro">
            <p class="center" aria-hidden="true">
              {ps('or')}
            </p>
            <p id="checkup-passkey-intro">{ps('passkeyIntro')}</p>
            <StatusLine text={passkey.busy() && ps('passkeyChecking')} />
            <Show when={passkey.message()}>
              {(message) => (
                <Notice kind="error" role="alert">
                  {message()}
                </Notice>
              )}
            </Show>
            <div class="button-row">
              <button
                type="button"
                class="button button--secondary"
                disabled={passkey.busy()}
                onClick={() => void passkey.run()}
              >
                {ps('passkeyButton')}
              </button>
            </div>
          </section>
        </Show>
        <p class="note">
          {s('forgotAnswer')} <a href="/inquiry?type=results">{s('inquiry')}</a>
        </p>
      </Show>
    </Page>
  )
}

/**
 * パスキーで確認する: offered when the browser does WebAuthn and the member has a passkey; options bound
 * to the account, the browser's assertion, then POST /api/passkeys/step-up. While the results are
 * locked the worker refuses it (health_locked): the same panel as a fifth wrong answer.
 */
function createPasskeyStepUp(props: {
  onState: (state: CheckupAccessState) => void
  onApiError: OnApiError
}) {
  const [offered, setOffered] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const [message, setMessage] = createSignal<string | undefined>()
  const [stop, setStop] = createSignal<ApiError>()
  let panel: HTMLElement | undefined
  let left = false
  onMount(async () => {
    const { passkeyApi, passkeysSupported } = await import('../../lib/passkeys')
    if (!(await passkeysSupported())) return
    const available = await passkeyApi.stepUpAvailable()
    if (!left && available.ok && available.data.available) setOffered(true)
  })
  onCleanup(() => {
    left = true
  })
  const refused = (error: ApiError) => {
    if (props.onApiError(error)) return
    if (LOCKED.has(error.code)) {
      setStop(error)
      setTimeout(() => panel?.focus(), 0)
      return
    }
    setMessage(error.message)
  }
  const run = async () => {
    if (busy()) return
    setMessage(undefined)
    setBusy(true)
    const { assert, passkeyApi } = await import('../../lib/passkeys')
    const options = await passkeyApi.stepUpOptions()
    if (!options.ok) {
      setBusy(false)
      return refused(options.error)
    }
    const answer = await assert(options.data.options)
    if (!answer.ok) {
      setBusy(false)
      setMessage(ps('passkeyCancelled'))
      return
    }
    const result = await passkeyApi.stepUp({
      challengeId: options.data.challengeId,
      response: answer.response,
    })
    setBusy(false)
    if (result.ok) return props.onState(result.data.state)
    refused(result.error)
  }
  return {
    offered,
    busy,
    message,
    stop,
    run,
    panelRef: (el: HTMLElement) => {
      panel = el
    },
  }
}

function HealthLockedPanel(props: {
  alert?: boolean
  message?: string
  ref?: (element: HTMLElement) => void
}) {
  return (
    <StopPanel
      id="checkup-health-locked"
      alert={props.alert}
      title={s('healthLockedTitle')}
      ref={props.ref}
    >
      <p>{props.message ?? t(lang(), 'error.health_locked')}</p>
      <p>{s('healthLockedNext')}</p>
      <ul class="link-list">
        <li>
          <a href="/password/forgot">{s('resetPassword')}</a>
        </li>
        <li>
          <a href="/inquiry?type=results">{s('inquiry')}</a>
        </li>
      </ul>
    </StopPanel>
  )
}

/** The results are locked (5 wrong answers in 24 hours): a password reset by e-mail lifts it. */
export function HealthLocked() {
  return (
    <Page title={s('questionTitle')}>
      <HealthLockedPanel />
    </Page>
  )
}
