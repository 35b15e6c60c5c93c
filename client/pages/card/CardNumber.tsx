import { Navigate, useNavigate } from '@solidjs/router'
import { onMount, Show, type JSX } from 'solid-js'
import { Field, Form, SubmitButton } from '../../components/Field'
import { Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { afterPointer, createFormErrors } from '../../lib/form'
import type { Msg } from '../../lib/messages'
import { CardHelp, FaqNote } from './CardHelp'
import {
  branchNotice,
  cardErrors,
  NUMBER_FIELDS,
  numberNotice,
  PERSON_FIELDS,
  symbolNotice,
  type NumberField,
} from './rules'
import { CardSteps } from './Steps'
import { card, setCard, takeServerError } from './store'
import { s } from './strings'
import './styles.css'

/** 記号・番号の入力 (manual STEP2-4): 記号 (after the hyphen), 番号 (last 7 of 8+), 枝番. */
export default function CardNumber() {
  if (!card.personReady) return <Navigate href="/card" />
  return (
    <Page title={s('numberTitle')} before={<CardSteps current={2} />}>
      <RequireMember>{() => <NumberForm />}</RequireMember>
    </Page>
  )
}

/** What the rules make of the value, said beside the field (a live region, for screen readers). */
function QueryNotice(props: { text: string | undefined }) {
  return (
    <p class="field__notice" role="status">
      <Show when={props.text}>
        <span aria-hidden="true">ℹ </span>
        {props.text}
      </Show>
    </p>
  )
}

function NumberForm() {
  const navigate = useNavigate()
  const form = card.form
  const errors = createFormErrors<NumberField>({
    symbol: { id: 'card-symbol', label: () => s('symbol') },
    number: { id: 'card-number', label: () => s('number') },
    branch: { id: 'card-branch', label: () => s('branch') },
  })
  const touched = new Set<NumberField>()

  const check = (name: NumberField) => errors.set(name, cardErrors(form)[name])
  const update = (name: NumberField, value: string) => {
    setCard('form', name, value)
    setCard('numberReady', false)
    touched.add(name)
    if (errors.field(name)) check(name)
  }
  const blur = (name: NumberField) => {
    if (!touched.has(name) && !errors.field(name)) return
    afterPointer(() => check(name))
  }
  const input = (name: NumberField): JSX.InputHTMLAttributes<HTMLInputElement> => ({
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: false,
    get value() {
      return form[name]
    },
    onInput: (event) => update(name, event.currentTarget.value),
    onBlur: () => blur(name),
  })

  const symbolText = () => {
    const value = symbolNotice(form.symbol)
    return value === undefined ? undefined : s('queryAs', { value })
  }
  const numberText = () => {
    const notice = numberNotice(form.number)
    if (!notice) return undefined
    return s(notice.last7 ? 'queryAsLast7' : 'queryAs', { value: notice.value })
  }
  const branchText = () => {
    const value = branchNotice(form.branch)
    return value === undefined ? undefined : s('queryAs', { value })
  }

  onMount(() => {
    const refused = takeServerError(NUMBER_FIELDS)
    if (!refused) return
    errors.fromServer(refused)
    errors.focusSummary()
  })

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const found = cardErrors(form)
    if (PERSON_FIELDS.some((field) => found[field])) {
      // The first step no longer passes (e.g. its values were edited in another tab of history).
      setCard('personReady', false)
      navigate('/card')
      return
    }
    const mine: Partial<Record<NumberField, Msg | undefined>> = {}
    for (const field of NUMBER_FIELDS) mine[field] = found[field]
    if (!errors.validate(mine)) return
    setCard('numberReady', true)
    navigate('/card/confirm')
  }

  return (
    <>
      <p>{s('numberLead')}</p>
      <CardHelp />
      <Form errors={errors} onSubmit={submit}>
        <Field
          {...errors.props('symbol')}
          hint={s('symbolHint')}
          maxlength={40}
          {...input('symbol')}
          aria-describedby="card-symbol-none"
          after={
            <>
              <QueryNotice text={symbolText()} />
              <p id="card-symbol-none" class="field__notice">
                {s('symbolNone')}
              </p>
            </>
          }
        />
        <Field
          {...errors.props('number')}
          required
          hint={s('numberHint')}
          inputmode="numeric"
          maxlength={40}
          {...input('number')}
          after={<QueryNotice text={numberText()} />}
        />
        <Field
          {...errors.props('branch')}
          hint={s('branchHint')}
          class="input--digits"
          inputmode="numeric"
          maxlength={4}
          {...input('branch')}
          after={<QueryNotice text={branchText()} />}
        />
        <FaqNote />
        <div class="button-row">
          <SubmitButton>{s('toConfirm')}</SubmitButton>
          <button type="button" class="button button--secondary" onClick={() => navigate('/card')}>
            {s('back')}
          </button>
        </div>
      </Form>
    </>
  )
}
