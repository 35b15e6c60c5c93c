import { createSignal, Show } from 'solid-js'
import { t } from '../../../core/i18n'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Field } from '../../components/Field'
import { Page } from '../../components/Page'
import { api, type ApiError, type CheckupAccessState, type SecretQuestion } from '../../lib/api'
import { afterPointer, createFormErrors, createFormState } from '../../lib/form'
import { lang } from '../../lib/i18n'
import { textMsg } from '../../lib/messages'
import type { OnApiError } from './Checkups'
import { StopPanel } from './parts'
import { ANSWER_MAX, answerError } from './answer'
import { s } from './strings'

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
  const [busy, setBusy] = createSignal(false)
  const [locked, setLocked] = createSignal<ApiError>()
  const errors = createFormErrors<'answer'>({
    answer: { id: 'checkup-secret-answer', label: () => s('answer') },
  })
  let touched = false
  let panel: HTMLElement | undefined

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ answer: answerError(answer()) })) return
    setBusy(true)
    const result = await api.answerSecretQuestion({ answer: answer() })
    setBusy(false)
    if (result.ok) {
      form.forget()
      props.onState(result.data.state)
      return
    }
    const error = result.error
    if (props.onApiError(error)) return
    if (error.code === 'health_locked') {
      setLocked(error)
      setTimeout(() => panel?.focus(), 0)
      return
    }
    if (error.code === 'wrong_answer') {
      setAnswer('')
      errors.replace({ answer: textMsg(error.message) })
    } else {
      errors.fromServer(error)
    }
    errors.focusSummary()
  }

  const questionText = () =>
    props.question ? (lang() === 'en' ? props.question.en : props.question.ja) : ''

  return (
    <Page title={s('questionTitle')}>
      <Show
        when={!locked()}
        fallback={
          <HealthLockedPanel
            alert
            message={locked()!.message}
            ref={(element) => (panel = element)}
          />
        }
      >
        <p>{s('questionIntro')}</p>
        <Show when={props.question}>
          <dl class="summary-list">
            <div class="summary-list__row">
              <dt>{s('question')}</dt>
              <dd id="checkup-secret-question">{questionText()}</dd>
            </div>
          </dl>
        </Show>
        <p id="checkup-secret-case">{s('caseNote')}</p>
        <ErrorSummary message={errors.top()} errors={errors.entries()} ref={errors.summaryRef} />
        <form class="form" novalidate onSubmit={submit} aria-busy={busy()}>
          <Field
            id="checkup-secret-answer"
            label={s('answer')}
            required
            error={errors.field('answer')}
            aria-describedby={`${props.question ? 'checkup-secret-question ' : ''}checkup-secret-case checkup-secret-attempts`}
            type="text"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            maxlength={ANSWER_MAX}
            value={answer()}
            onInput={(event) => {
              setAnswer(event.currentTarget.value)
              touched = true
              if (errors.field('answer')) errors.set('answer', answerError(answer()))
            }}
            onBlur={() => {
              if (touched || errors.field('answer'))
                afterPointer(() => errors.set('answer', answerError(answer())))
            }}
          />
          <p id="checkup-secret-attempts" class="note">
            {s('answerAttemptsNote')}
          </p>
          <p class="status" role="status">
            {busy() ? s('checking') : ''}
          </p>
          <div class="button-row">
            <button type="submit" class="button button--primary">
              {s('confirm')}
            </button>
          </div>
        </form>
        <p class="note">
          {s('forgotAnswer')} <a href="/inquiry">{s('inquiry')}</a>
        </p>
      </Show>
    </Page>
  )
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
          <a href="/inquiry">{s('inquiry')}</a>
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
