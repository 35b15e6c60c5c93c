import { createSignal, onMount, Show } from 'solid-js'
import { answerError, ANSWER_MAX, createSetupForm, type SetupForm } from '../answer'
import { ErrorSummary } from '../../../components/ErrorSummary'
import { Field } from '../../../components/Field'
import { Page } from '../../../components/Page'
import { SelectField } from '../../../components/SelectField'
import { api, type ApiError, type CheckupAccessState, type SecretQuestion } from '../../../lib/api'
import { afterPointer, createFormErrors } from '../../../lib/form'
import { lang } from '../../../lib/i18n'
import { coreMsg, textMsg, type Msg } from '../../../lib/messages'
import type { OnApiError } from '../Checkups'
import { AccessSteps } from '../parts'
import { s } from '../strings'
import { Notice } from '../../../components/Notice'

type Name = 'questionId' | 'answer'

const questionText = (question: SecretQuestion | undefined) =>
  question ? (lang() === 'en' ? question.en : question.ja) : ''

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
      <ErrorSummary message={errors.top()} errors={errors.entries()} ref={errors.summaryRef} />
      <form class="form" novalidate onSubmit={submit}>
        <SelectField
          id="checkup-question"
          label={s('question')}
          required
          error={errors.field('questionId')}
          prompt={s('questionPrompt')}
          options={props.questions.map((question) => ({
            value: question.id,
            label: questionText(question),
          }))}
          value={questionId()}
          onValue={(value) => {
            setQuestionId(value)
            touched.add('questionId')
            if (errors.field('questionId')) errors.set('questionId', rules.questionId())
          }}
          onBlur={() => blur('questionId')}
        />
        <Field
          id="checkup-answer"
          label={s('answer')}
          required
          hint={s('answerHint')}
          error={errors.field('answer')}
          aria-describedby="checkup-case-note"
          type="text"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          maxlength={ANSWER_MAX}
          value={answer()}
          onInput={(event) => {
            setAnswer(event.currentTarget.value)
            touched.add('answer')
            if (errors.field('answer')) errors.set('answer', rules.answer())
          }}
          onBlur={() => blur('answer')}
        />
        <div class="button-row">
          <button type="submit" class="button button--primary">
            {s('toConfirm')}
          </button>
        </div>
      </form>
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
      questionId: props.form.questionId,
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
      <ErrorSummary message={errors.top()} errors={errors.entries()} ref={errors.summaryRef} />
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
        <p class="status" role="status">
          {busy() ? s('saving') : ''}
        </p>
        <div class="button-row">
          <button type="submit" class="button button--primary">
            {s('complete')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => props.onBack()}>
            {s('back')}
          </button>
        </div>
      </form>
    </Page>
  )
}
