import { Form, SubmitButton } from '../../components/Field'
import { createStepSubmit } from './step-submit'
import { Show } from 'solid-js'
import { t } from '../../../core/i18n'
import { StatusLine } from '../../components/Status'
import { Page } from '../../components/Page'
import { api, type CheckupAccessState, type SecretQuestion } from '../../lib/api'
import { afterPointer, createFormErrors, createFormState } from '../../lib/form'
import { lang } from '../../lib/i18n'
import type { OnApiError } from './Checkups'
import { StopPanel } from './parts'
import { answerError, questionText } from './answer'
import { SecretAnswerField } from './SecretAnswerField'
import { s } from './strings'

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

  return (
    <Page title={s('questionTitle')}>
      <Show
        when={!step.stop()}
        fallback={<HealthLockedPanel alert message={step.stop()!.message} ref={step.panelRef} />}
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
        <p class="note">
          {s('forgotAnswer')} <a href="/inquiry?type=results">{s('inquiry')}</a>
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
