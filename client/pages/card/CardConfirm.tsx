import { Navigate, useNavigate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { ErrorSummary } from '../../components/ErrorSummary'
import { Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { api, type ApiError } from '../../lib/api'
import { createFormErrors } from '../../lib/form'
import { lang, longDate } from '../../lib/i18n'
import { textMsg } from '../../lib/messages'
import { setMember } from '../../lib/session'
import { CardOutcome, CARD_OUTCOMES, canRetry } from './CardOutcome'
import { linkBody, PERSON_FIELDS } from './rules'
import { CardSteps } from './Steps'
import { card, setCard } from './store'
import { s } from './strings'
import './styles.css'
import { StatusLine } from '../../components/Status'

/** 入力内容の確認 (manual STEP2-5): every value as it will be sent, then 利用資格を照会する. */
export default function CardConfirm() {
  if (!card.personReady) return <Navigate href="/card" />
  if (!card.numberReady) return <Navigate href="/card/number" />
  return (
    <Page title={s('confirmTitle')} before={<CardSteps current={3} />}>
      <RequireMember>{() => <ConfirmForm />}</RequireMember>
    </Page>
  )
}

function ConfirmForm() {
  const navigate = useNavigate()
  // What will be sent, fixed while this screen is shown (the inputs are on the other screens).
  const body = linkBody(card.form)
  const [busy, setBusy] = createSignal(false)
  const [outcome, setOutcome] = createSignal<ApiError>()
  const errors = createFormErrors<never>({})
  let panel: HTMLElement | undefined

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    setOutcome(undefined)
    errors.clear()
    setBusy(true)
    const result = await api.linkCard(body)
    setBusy(false)
    if (result.ok) {
      setMember(result.data.member)
      navigate('/card/done', { replace: true })
      return
    }
    const error = result.error
    if (error.code === 'validation' && error.fields && Object.keys(error.fields).length > 0) {
      // Each screen shows the refusal beside its own fields; the first one with any goes first.
      const person = Object.keys(error.fields).some((field) =>
        (PERSON_FIELDS as string[]).includes(field),
      )
      setCard({ serverError: error, numberReady: false, ...(person ? { personReady: false } : {}) })
      navigate(person ? '/card' : '/card/number')
      return
    }
    if (error.code === 'unauthenticated') {
      setMember(null) // the session ended: RequireMember leads to the log-in screen
      return
    }
    if (CARD_OUTCOMES.has(error.code)) {
      setOutcome(error)
      setTimeout(() => panel?.focus(), 0)
      return
    }
    errors.setTop(textMsg(error.message))
    errors.focusSummary()
  }

  const optional = (value: string | null | undefined) => value || s('notEntered')
  const canSubmit = () => {
    const current = outcome()
    return current === undefined || canRetry(current.code)
  }

  return (
    <>
      <p>{s('confirmIntro')}</p>
      <ErrorSummary of={errors} />
      <Show when={outcome()}>
        {(current) => <CardOutcome error={current()} ref={(element) => (panel = element)} />}
      </Show>
      <h2>{s('entered')}</h2>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{s('nameKana')}</dt>
          <dd class="break">{body.nameKana}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{s('birthDate')}</dt>
          <dd>
            <time datetime={body.birthDate}>{longDate(body.birthDate)}</time>
          </dd>
        </div>
        <div class="summary-list__row">
          <dt>{s('insurerNumber')}</dt>
          <dd>{body.insurerNumber}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{s('symbol')}</dt>
          <dd class="break">{optional(body.symbol)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{s('number')}</dt>
          <dd class="break">{body.number}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{s('branch')}</dt>
          <dd>{optional(body.branch)}</dd>
        </div>
      </dl>
      <form class="form" novalidate onSubmit={submit} aria-busy={busy()}>
        <Show when={canSubmit()}>
          <p id="card-attempts-note" class="note">
            {s('attemptsNote')}
          </p>
        </Show>
        <StatusLine text={busy() && s('querying')} />
        <div class="button-row">
          <Show when={canSubmit()}>
            <button
              type="submit"
              class="button button--primary"
              aria-describedby="card-attempts-note"
            >
              {s('query')}
            </button>
          </Show>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => navigate('/card/number')}
          >
            {s('back')}
          </button>
        </div>
      </form>
    </>
  )
}
