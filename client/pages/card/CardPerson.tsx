import { useNavigate } from '@solidjs/router'
import { createSignal, onCleanup, onMount, Show } from 'solid-js'
import { Field, Form, SubmitButton } from '../../components/Field'
import { ButtonLink, Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { BIRTH_YEAR_MIN, checkInsurerNumber, todayInJapan } from '../../../core/card'
import { afterPointer, createFormErrors } from '../../lib/form'
import { coreMsg, type Msg } from '../../lib/messages'
import { member } from '../../lib/session'
import { CardHelp, FaqNote } from './CardHelp'
import {
  convertedName,
  halfWidthDigits,
  PERSON_FIELDS,
  personErrors,
  type PersonField,
} from './rules'
import { CardSteps } from './Steps'
import { card, setCard, takeServerError } from './store'
import { s } from './strings'
import { Notice } from '../../components/Notice'
import './styles.css'

/** A 6-digit number may be the start of an 8-digit one: its check waits for a pause in typing. */
const SIX_DIGIT_PAUSE_MS = 800

/** 保険証情報の入力 (manual STEP2-2): 氏名(フルネーム・全角カナ), 生年月日, 保険者番号. */
export default function CardPerson() {
  return (
    <Page title={s('personTitle')} before={<CardSteps current={1} />}>
      <RequireMember>
        {(member) => (
          <Show when={!member.linked} fallback={<AlreadyLinked />}>
            <PersonForm />
          </Show>
        )}
      </RequireMember>
    </Page>
  )
}

function AlreadyLinked() {
  return (
    <>
      <Notice kind="success">{s('linkedAlready')}</Notice>
      <p>{s('linkedAlreadyNext')}</p>
      <p>
        <ButtonLink href="/home">{s('toHome')}</ButtonLink>
      </p>
    </>
  )
}

function PersonForm() {
  /** The insurer of the 団体連携コード the member signed up with, whose number is fixed here. */
  const orgInsurer = () => member()?.orgInsurer ?? null
  const navigate = useNavigate()
  const form = card.form
  const errors = createFormErrors<PersonField>({
    nameKana: { id: 'card-name-kana', label: () => s('nameKana') },
    birthDate: { id: 'card-birth-date', label: () => s('birthDate') },
    insurerNumber: { id: 'card-insurer-number', label: () => s('insurerNumber') },
  })
  const [converted, setConverted] = createSignal('')
  const touched = new Set<PersonField>()
  // A date input holds '' while its date is incomplete or impossible (e.g. 2月30日): that is a
  // wrong date, not a missing one.
  let dateIncomplete = false
  let pending: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(pending))

  const rule = (name: PersonField): Msg | undefined =>
    name === 'birthDate' && dateIncomplete
      ? coreMsg('field.birthDate.invalid')
      : personErrors(form)[name]
  const check = (name: PersonField) => errors.set(name, rule(name))
  const update = (name: PersonField, value: string) => {
    setCard('form', name, value)
    setCard({ personReady: false, numberReady: false })
    touched.add(name)
    if (errors.field(name)) check(name)
  }
  const blur = (name: PersonField) => {
    if (!touched.has(name) && !errors.field(name)) return
    afterPointer(() => check(name))
  }

  /** Half-width kana and hiragana become full-width katakana once the member leaves the field. */
  const blurName = () => {
    const raw = form.nameKana
    const name = convertedName(raw)
    if (name !== undefined && name !== raw) {
      setCard('form', 'nameKana', name)
      // Only a change of letters is worth telling; a space made full-width is not.
      if (name.replace(/\s/gu, '') !== raw.replace(/\s/gu, '')) setConverted(name)
    }
    blur('nameKana')
  }

  /**
   * 保険者番号 is checked as typed: a wrong check digit shows as soon as 8 digits are in, and after
   * a pause at 6 (the member may still be typing an 8-digit number). A non-digit shows at once.
   */
  const inputInsurer = (value: string) => {
    clearTimeout(pending)
    setCard('form', 'insurerNumber', value)
    setCard({ personReady: false, numberReady: false })
    touched.add('insurerNumber')
    const result = checkInsurerNumber(value)
    if (result.ok) {
      errors.set('insurerNumber', undefined)
      return
    }
    if (result.problem === 'check_digit') {
      if (halfWidthDigits(value).length === 8) check('insurerNumber')
      else pending = setTimeout(() => check('insurerNumber'), SIX_DIGIT_PAUSE_MS)
    } else if (result.problem === 'digits' || errors.field('insurerNumber')) {
      check('insurerNumber')
    }
  }
  const blurInsurer = () => {
    clearTimeout(pending)
    const digits = halfWidthDigits(form.insurerNumber)
    if (digits !== form.insurerNumber) setCard('form', 'insurerNumber', digits)
    blur('insurerNumber')
  }

  onMount(() => {
    // Signed up with a 団体連携コード: its insurer's number is filled in and fixed.
    const org = orgInsurer()
    if (org) setCard('form', 'insurerNumber', org.number)
    // Back from the confirmation screen with the server's refusal (400 validation).
    const refused = takeServerError(PERSON_FIELDS)
    if (!refused) return
    errors.fromServer(refused)
    errors.focusSummary()
  })

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    clearTimeout(pending)
    const date = document.getElementById('card-birth-date')
    dateIncomplete = date instanceof HTMLInputElement && date.validity.badInput
    const name = convertedName(form.nameKana)
    if (name !== undefined) setCard('form', 'nameKana', name)
    setCard('form', 'insurerNumber', halfWidthDigits(form.insurerNumber))
    const found: Partial<Record<PersonField, Msg | undefined>> = {}
    for (const field of PERSON_FIELDS) found[field] = rule(field)
    if (!errors.validate(found)) return
    setCard('personReady', true)
    navigate('/card/number')
  }

  return (
    <>
      <p>{s('personIntro')}</p>
      <p>{s('personLead')}</p>
      <CardHelp />
      <Form errors={errors} onSubmit={submit}>
        <Field
          {...errors.props('nameKana')}
          required
          hint={s('nameKanaHint')}
          type="text"
          autocomplete="off"
          spellcheck={false}
          maxlength={100}
          value={form.nameKana}
          onInput={(event) => {
            setConverted('')
            update('nameKana', event.currentTarget.value)
          }}
          onBlur={blurName}
          after={
            <p class="field__notice" role="status">
              <Show when={converted()}>
                <span aria-hidden="true">ℹ </span>
                {s('nameConverted', { name: converted() })}
              </Show>
            </p>
          }
        />
        <Field
          {...errors.props('birthDate')}
          required
          hint={s('birthDateHint')}
          class="input--date"
          type="date"
          autocomplete="bday"
          min={`${BIRTH_YEAR_MIN}-01-01`}
          max={todayInJapan()}
          value={form.birthDate}
          onInput={(event) => {
            dateIncomplete = event.currentTarget.validity.badInput
            update('birthDate', event.currentTarget.value)
          }}
          onBlur={(event) => {
            dateIncomplete = event.currentTarget.validity.badInput
            if (dateIncomplete) touched.add('birthDate')
            blur('birthDate')
          }}
        />
        <Field
          {...errors.props('insurerNumber')}
          required
          hint={
            orgInsurer()
              ? s('insurerNumberOrg', { name: orgInsurer()!.name })
              : s('insurerNumberHint')
          }
          readOnly={orgInsurer() !== null}
          class="input--digits"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          spellcheck={false}
          maxlength={12}
          value={form.insurerNumber}
          onInput={(event) => inputInsurer(event.currentTarget.value)}
          onBlur={blurInsurer}
        />
        <p class="note">
          <span aria-hidden="true">※ </span>
          {s('retireeNote')}
        </p>
        <FaqNote />
        <div class="button-row">
          <SubmitButton>{s('toNumber')}</SubmitButton>
        </div>
      </Form>
    </>
  )
}
