import { Form, SubmitButton } from '../../../components/Field'
import { createSignal, onMount, Show } from 'solid-js'
import { answerError, createSetupForm, questionText, type SetupForm } from '../answer'
import { SecretAnswerField } from '../SecretAnswerField'
import { ErrorSummary } from '../../../components/ErrorSummary'
import { StatusLine } from '../../../components/Status'
import { Page } from '../../../components/Page'
import { SelectField } from '../../../components/SelectField'
import { api, type ApiError, type CheckupAccessState, type SecretQuestion } from '../../../lib/api'
import { afterPointer, createFormErrors } from '../../../lib/form'
import { coreMsg, textMsg, type Msg } from '../../../lib/messages'
import type { OnApiError } from '../Checkups'
import { AccessSteps } from '../parts'
import { s } from '../strings'
import { Notice } from '../../../components/Notice'
import './SetupStep.css'

type Name = 'questionId' | 'answer'

/** STEP2 秘密の質問設定: choose a question and type its answer; 確認 shows STEP3 (nothing is sent yet). */
export function SetupStep(props: {
  questions: SecretQuestion[]
  /** STEP1 was passed just now: the manual's 「本人確認が完了しました」 goes first. */
  codeJustSent: boolean
  /** A 400 answer of 設定完了, shown beside the fields once. */
  refusal?: ApiError
  onRefusalShown: () => void
  onNext: () => void
}) {
  const form = createSetupForm()
  const [questionId, setQuestionId] = form.field('questionId')
  const [answer, setAnswer] = form.field('answer')
  const errors = createFormErrors<Name>({
    questionId: { id: 'checkup-question', label: () => s('question') },
    answer: { id: 'checkup-answer', label: () => s('answer') },
  })
  const rules: Record<Name, () => Msg | undefined> = {
    questionId: () => (questionId() ? undefined : coreMsg('field.questionId.required')),
    answer: () => answerError(answer()),
  }
  const touched = new Set<Name>()
  const blur = (name: Name) => {
    if (!touched.has(name) && !errors.field(name)) return
    afterPointer(() => errors.set(name, rules[name]()))
  }

  onMount(() => {
    const refused = props.refusal
    if (!refused) return
    props.onRefusalShown()
    errors.fromServer(refused)
    errors.focusSummary()
  })

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    if (!errors.validate({ questionId: rules.questionId(), answer: rules.answer() })) return
    props.onNext()
  }

  return (
    <Page title={s('setupTitle')} before={<AccessSteps current={2} />}>
      <Show when={props.codeJustSent}>
        <Notice kind="success">{s('codeDone')}</Notice>
      </Show>
      <p>{s('setupIntro')}</p>
      <p id="checkup-case-note">{s('caseNote')}</p>
      <Form errors={errors} onSubmit={submit}>
        <SelectField
          {...errors.props('questionId')}
          required
          prompt={s('questionPrompt')}
          options={props.questions.map((question) => ({
            value: question.id,
            label: questionText(question),
          }))}
          value={questionId()}
          onValue={(value) => {
            setQuestionId(value)
            touched.add('questionId')
            errors.recheck('questionId', rules.questionId)
          }}
          onBlur={() => blur('questionId')}
        />
        <SecretAnswerField
          id="checkup-answer"
          hint={s('answerHint')}
          error={errors.field('answer')}
          aria-describedby="checkup-case-note"
          value={answer()}
          onValue={(value) => {
            setAnswer(value)
            touched.add('answer')
            errors.recheck('answer', rules.answer)
          }}
          onBlur={() => blur('answer')}
        />
        <div class="button-row">
          <SubmitButton>{s('toConfirm')}</SubmitButton>
        </div>
      </Form>
    </Page>
  )
}

/**
 * STEP3 秘密の質問設定確認: the question and the answer masked (●●●●, never its length), then 設定完了
 * (POST /api/checkups/question) or 戻る to STEP2 with the values kept.
 */
export function ConfirmStep(props: {
  questions: SecretQuestion[]
  form: SetupForm
  onApiError: OnApiError
  onBack: () => void
  onRefused: (error: ApiError) => void
  onState: (state: CheckupAccessState) => void
}) {
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<never>({})
  const question = () => props.questions.find((entry) => entry.id === props.form.questionId)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    errors.clear()
    setBusy(true)
    const result = await api.setSecretQuestion({
      // One of the server's questions, chosen at the setup step; the server checks it again.
      questionId: props.form.questionId as SecretQuestion['id'],
      answer: props.form.answer,
    })
    setBusy(false)
    if (result.ok) {
      props.onState(result.data.state)
      return
    }
    const error = result.error
    if (props.onApiError(error)) return
    if (error.code === 'validation') {
      props.onRefused(error)
      return
    }
    errors.setTop(textMsg(error.message))
    errors.focusSummary()
  }

  return (
    <Page title={s('confirmTitle')} before={<AccessSteps current={3} />}>
      <p>{s('confirmIntro')}</p>
      <ErrorSummary of={errors} />
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{s('question')}</dt>
          <dd>{questionText(question())}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{s('confirmAnswer')}</dt>
          <dd>
            <span class="masked" aria-hidden="true">
              {s('masked')}
            </span>
            <span class="visually-hidden">{s('maskedWords')}</span>
            <br />
            <span class="note">{s('maskedNote')}</span>
          </dd>
        </div>
      </dl>
      <form class="form" novalidate onSubmit={submit} aria-busy={busy()}>
        <StatusLine text={busy() && s('saving')} />
        <div class="button-row">
          <SubmitButton>{s('complete')}</SubmitButton>
          <button type="button" class="button button--secondary" onClick={() => props.onBack()}>
            {s('back')}
          </button>
        </div>
      </form>
    </Page>
  )
}
