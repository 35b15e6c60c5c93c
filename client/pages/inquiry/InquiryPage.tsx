import { useSearchParams } from '@solidjs/router'
import {
  createEffect,
  createResource,
  createSignal,
  For,
  Match,
  onMount,
  Show,
  Switch,
  untrack,
} from 'solid-js'
import { INQUIRY_TYPES, inquiryTypeOf, characterCount } from '../../../core/inquiry'
import type { MessageKey } from '../../../core/i18n'
import { ErrorSummary } from '../../components/ErrorSummary'
import { EmailField, Field, FieldError, Form, SubmitButton } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { ButtonLink, Page } from '../../components/Page'
import { SelectField } from '../../components/SelectField'
import { StatusLine } from '../../components/Status'
import { CaptchaField, createCaptcha } from '../../components/Turnstile'
import { call, type InquiryHistory } from '../../lib/api'
import { createFormErrors, createFormState } from '../../lib/form'
import { dateFormat, lang, ui } from '../../lib/i18n'
import { coreMsg, type Msg } from '../../lib/messages'
import { member } from '../../lib/session'
import {
  bodyOf,
  EMPTY_FORM,
  INQUIRY_FIELDS,
  inquiryErrors,
  normalizedName,
  type InquiryField,
} from './rules'
import { loadInquiryMessages } from './messages'
import { s } from './strings'
import './styles.css'

type Step = 'form' | 'confirm' | 'sent'
type Name = InquiryField | 'captcha'

const ID: Record<Name, string> = {
  nameKana: 'inquiry-name-kana',
  email: 'inquiry-email',
  emailConfirm: 'inquiry-email-confirm',
  insurerName: 'inquiry-insurer-name',
  birthDate: 'inquiry-birth-date',
  type: 'inquiry-type',
  message: 'inquiry-message',
  appVersion: 'inquiry-app-version',
  device: 'inquiry-device',
  osVersion: 'inquiry-os-version',
  browser: 'inquiry-browser',
  agreePrivacy: 'inquiry-agree',
  captcha: 'inquiry-captcha',
}

const OPTIONAL = ['appVersion', 'device', 'osVersion', 'browser'] as const

const typeLabel = (type: string) => coreMsg(`inquiry.type.${type}` as MessageKey)()
const statusLabel = (status: string) => coreMsg(`inquiry.status.${status}` as MessageKey)()
const when = (iso: string) =>
  dateFormat(lang(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(
    new Date(iso),
  )

/**
 * お問い合わせ (journey 8): the manual's form → 入力内容の確認 → 送信する → 受付番号. Open without
 * log-in; a logged-in member finds the fields filled in and their お問い合わせ履歴 below. A link
 * may name the type (`/inquiry?type=login`).
 */
export default function Inquiry() {
  // The form's messages (field errors, types, statuses) come with the page, not with the shell.
  const [ready] = createResource(() => loadInquiryMessages().then(() => true))
  return (
    <Show when={ready()}>
      <InquiryForm />
    </Show>
  )
}

function InquiryForm() {
  const [params] = useSearchParams()
  const form = createFormState('inquiry', { ...EMPTY_FORM })
  const values = () => form.values()
  const set = (name: InquiryField, value: string) => form.field(name)[1](value)
  const [step, setStep] = createSignal<Step>('form')
  const [receipt, setReceipt] = createSignal<{ receiptNo: string; email: string }>()
  const [busy, setBusy] = createSignal(false)
  const captcha = createCaptcha('inquiry')
  const labelOf = (name: Name) => () =>
    name === 'captcha' ? ui('captcha') : name === 'agreePrivacy' ? s('agree') : s(name)
  const errors = createFormErrors<Name>(
    Object.fromEntries(
      (Object.keys(ID) as Name[]).map((name) => [name, { id: ID[name], label: labelOf(name) }]),
    ) as Record<Name, { id: string; label: () => string }>,
  )
  const [history, { refetch }] = createResource(
    () => (member() ? member()!.id : false),
    async () => {
      const result = await call('$get', '/api/inquiries')
      return result.ok ? result.data : null
    },
  )
  let stepHeading: HTMLHeadingElement | undefined
  const go = (next: Step) => {
    setStep(next)
    setTimeout(() => stepHeading?.focus(), 0)
  }

  onMount(() => {
    const type = inquiryTypeOf(typeof params.type === 'string' ? params.type : null)
    if (type && !values().type) set('type', type)
  })
  // A logged-in member's fields are filled in where still empty.
  const prefill = (data: InquiryHistory | null | undefined) => {
    if (!data) return
    const p = data.prefill
    const fill = { ...p, emailConfirm: p.email }
    for (const [name, value] of Object.entries(fill) as [InquiryField, string][])
      if (value && !values()[name]) set(name, value)
  }
  createEffect(() => {
    const data = history()
    // Once, when the history arrives: a field the member empties afterwards stays empty.
    untrack(() => prefill(data))
  })

  const check = (name: InquiryField) => inquiryErrors(values())[name]
  const input = (name: InquiryField) => (event: { currentTarget: { value: string } }) => {
    set(name, event.currentTarget.value)
    errors.recheck(name, () => check(name))
  }

  const toConfirm = (event: SubmitEvent) => {
    event.preventDefault()
    const date = document.getElementById(ID.birthDate)
    const found: Partial<Record<Name, Msg | undefined>> = inquiryErrors(values())
    if (date instanceof HTMLInputElement && date.validity.badInput)
      found.birthDate = coreMsg('field.birthDate.invalid')
    if (!errors.validate(found)) return
    set('nameKana', normalizedName(values().nameKana))
    go('confirm')
  }

  const send = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    await captcha.settledWhile(setBusy)
    if (captcha.missing()) {
      errors.validate({ captcha: coreMsg('error.captcha_required') })
      return
    }
    setBusy(true)
    const result = await call('$post', '/api/inquiries', {
      json: {
        ...bodyOf(values()),
        type: values().type as (typeof INQUIRY_TYPES)[number],
        agreePrivacy: true,
        captchaToken: captcha.tokenForSubmit(),
      },
    })
    setBusy(false)
    if (result.ok) {
      setReceipt({ receiptNo: result.data.receiptNo, email: values().email })
      form.forget()
      go('sent')
      if (member()) void refetch()
      return
    }
    captcha.settle(result.error.captcha)
    const fields = Object.keys(result.error.fields ?? {})
    if (
      result.status === 400 &&
      fields.some((f) => (INQUIRY_FIELDS as readonly string[]).includes(f))
    ) {
      go('form')
      setTimeout(() => {
        errors.fromServer(result.error)
        errors.focusSummary()
      }, 0)
      return
    }
    errors.fromServer(result.error, { captchaToken: 'captcha' })
    errors.focusSummary()
  }

  return (
    <Page title={s('title')}>
      <Switch>
        <Match when={step() === 'form'}>
          <p>{s('intro')}</p>
          <p>
            {s('faqLead')} <a href="/faq">{s('faq')}</a>
          </p>
          <p class="inquiry__hours">{s('hours')}</p>
          <Form errors={errors} onSubmit={toConfirm}>
            <Field
              {...errors.props('nameKana')}
              required
              hint={s('nameKanaHint')}
              type="text"
              autocomplete="off"
              spellcheck={false}
              maxlength={100}
              value={values().nameKana}
              onInput={input('nameKana')}
              onBlur={() => set('nameKana', normalizedName(values().nameKana))}
            />
            <EmailField
              {...errors.props('email')}
              required
              hint={s('emailHint')}
              value={values().email}
              onInput={input('email')}
            />
            <EmailField
              {...errors.props('emailConfirm')}
              required
              hint={s('emailConfirmHint')}
              autocomplete="off"
              value={values().emailConfirm}
              onInput={input('emailConfirm')}
            />
            <Field
              {...errors.props('insurerName')}
              required
              hint={s('insurerNameHint')}
              type="text"
              maxlength={200}
              value={values().insurerName}
              onInput={input('insurerName')}
            />
            <Field
              {...errors.props('birthDate')}
              required
              class="input--date"
              type="date"
              autocomplete="bday"
              min="1900-01-01"
              value={values().birthDate}
              onInput={input('birthDate')}
            />
            <SelectField
              {...errors.props('type')}
              required
              prompt={s('typePrompt')}
              options={INQUIRY_TYPES.map((value) => ({ value, label: typeLabel(value) }))}
              value={values().type}
              onValue={(value) => {
                set('type', value)
                errors.recheck('type', () => check('type'))
              }}
            />
            <MessageField
              id={ID.message}
              label={s('message')}
              hint={s('messageHint')}
              error={errors.field('message')}
              value={values().message}
              onInput={input('message')}
            />
            <For each={OPTIONAL}>
              {(name) => (
                <Field
                  {...errors.props(name)}
                  hint={s(`${name}Hint`)}
                  type="text"
                  autocomplete="off"
                  maxlength={100}
                  value={values()[name]}
                  onInput={input(name)}
                />
              )}
            </For>
            <div
              class="field"
              classList={{ 'field--invalid': Boolean(errors.field('agreePrivacy')) }}
            >
              <div class="checkbox inquiry__agree">
                <input
                  id={ID.agreePrivacy}
                  type="checkbox"
                  required
                  checked={values().agreePrivacy === 'yes'}
                  onChange={(event) => {
                    set('agreePrivacy', event.currentTarget.checked ? 'yes' : '')
                    if (event.currentTarget.checked) errors.set('agreePrivacy', undefined)
                  }}
                  aria-invalid={errors.field('agreePrivacy') ? 'true' : undefined}
                  aria-describedby={[
                    errors.field('agreePrivacy') ? `${ID.agreePrivacy}-error` : '',
                    'inquiry-agree-note',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                />
                <label for={ID.agreePrivacy}>{s('agree')}</label>
              </div>
              <p id="inquiry-agree-note" class="field__hint">
                {s('agreeNote')} <a href="/privacy">{s('privacy')}</a>
              </p>
              <Show when={errors.field('agreePrivacy')}>
                <FieldError
                  id={`${ID.agreePrivacy}-error`}
                  message={errors.field('agreePrivacy')!}
                />
              </Show>
            </div>
            <div class="button-row">
              <SubmitButton>{s('toConfirm')}</SubmitButton>
            </div>
          </Form>
          <Show when={member()}>
            <History data={history()} loading={history.loading} />
          </Show>
        </Match>

        <Match when={step() === 'confirm'}>
          <h2 tabindex="-1" ref={stepHeading}>
            {s('confirmHeading')}
          </h2>
          <p>{s('confirmIntro')}</p>
          <ErrorSummary of={errors} />
          <dl class="summary-list">
            <For each={INQUIRY_FIELDS.filter((f) => f !== 'emailConfirm')}>
              {(name) => (
                <div class="summary-list__row">
                  <dt>{name === 'agreePrivacy' ? s('privacy') : s(name)}</dt>
                  <dd class="break inquiry__value">
                    {name === 'type'
                      ? typeLabel(values().type)
                      : name === 'agreePrivacy'
                        ? s('agreed')
                        : values()[name] || s('notEntered')}
                  </dd>
                </div>
              )}
            </For>
          </dl>
          <form class="form" novalidate onSubmit={send} aria-busy={busy()}>
            <CaptchaField id={ID.captcha} captcha={captcha} error={errors.field('captcha')} />
            <StatusLine text={busy() && s('sending')} />
            <div class="button-row">
              <SubmitButton>{s('send')}</SubmitButton>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => {
                  errors.clear()
                  go('form')
                }}
              >
                {s('back')}
              </button>
            </div>
          </form>
        </Match>

        <Match when={step() === 'sent'}>
          <h2 tabindex="-1" ref={stepHeading}>
            {s('sentHeading')}
          </h2>
          <Notice kind="success" role="status">
            {s('sentNotice')}
          </Notice>
          <dl class="summary-list">
            <div class="summary-list__row">
              <dt>{s('receiptNo')}</dt>
              <dd class="inquiry__receipt">{receipt()?.receiptNo}</dd>
            </div>
          </dl>
          <p>{s('sentMail', { email: receipt()?.email ?? '' })}</p>
          <p>{s('sentKeep')}</p>
          <p class="inquiry__hours">{s('hours')}</p>
          <p>
            <ButtonLink href="/">{s('toTop')}</ButtonLink>
          </p>
          <Show when={member()}>
            <History data={history()} loading={history.loading} />
          </Show>
        </Match>
      </Switch>
    </Page>
  )
}

/** お問い合わせ内容: a labelled textarea with its character counter (1,000 at most). */
function MessageField(props: {
  id: string
  label: string
  hint: string
  error?: string
  value: string
  onInput: (event: { currentTarget: { value: string } }) => void
}) {
  const count = () => characterCount(props.value)
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(props.error) }}>
      <label class="field__label" for={props.id}>
        <span id={`${props.id}-label`}>{props.label}</span>{' '}
        <span id={`${props.id}-marker`} class="field__marker field__marker--required">
          {ui('required')}
        </span>
      </label>
      <p id={`${props.id}-hint`} class="field__hint">
        {props.hint}
      </p>
      <textarea
        id={props.id}
        class="input inquiry__message"
        rows={8}
        required
        aria-labelledby={`${props.id}-label`}
        aria-describedby={[
          props.error ? `${props.id}-error` : '',
          `${props.id}-hint`,
          `${props.id}-marker`,
          `${props.id}-counter`,
        ]
          .filter(Boolean)
          .join(' ')}
        aria-invalid={props.error ? 'true' : undefined}
        value={props.value}
        onInput={(event) => props.onInput(event)}
      />
      <p
        id={`${props.id}-counter`}
        class="inquiry__counter"
        classList={{ 'inquiry__counter--over': count() > 1000 }}
      >
        {s('counter', { n: count().toLocaleString('en') })}
      </p>
      <Show when={props.error}>
        <FieldError id={`${props.id}-error`} message={props.error!} />
      </Show>
    </div>
  )
}

/** お問い合わせ履歴: the logged-in member's inquiries with their status, newest first, each with support's replies. */
function History(props: { data: InquiryHistory | null | undefined; loading: boolean }) {
  return (
    <section class="inquiry__history" aria-labelledby="inquiry-history-heading">
      <h2 id="inquiry-history-heading">{s('historyHeading')}</h2>
      <p>{s('historyNote')}</p>
      <Show when={!props.loading}>
        <Show when={props.data} fallback={<Notice kind="warning">{s('historyFailed')}</Notice>}>
          {(data) => (
            <Show when={data().inquiries.length} fallback={<p>{s('historyEmpty')}</p>}>
              <div class="table-scroll">
                <table class="inquiry__table">
                  <thead>
                    <tr>
                      <th scope="col">{s('historyReceipt')}</th>
                      <th scope="col">{s('historyType')}</th>
                      <th scope="col">{s('historyAt')}</th>
                      <th scope="col">{s('historyStatus')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={data().inquiries}>
                      {(row) => (
                        <>
                          <tr>
                            <td class="inquiry__receipt-cell">{row.receiptNo}</td>
                            <td>{typeLabel(row.type)}</td>
                            <td>{when(row.createdAt)}</td>
                            <td>{statusLabel(row.status)}</td>
                          </tr>
                          <For each={row.replies}>
                            {(reply) => (
                              <tr class="inquiry__reply-row">
                                <td colSpan={4}>
                                  <p class="inquiry__reply-heading">
                                    {s('historyReply', {
                                      receiptNo: row.receiptNo,
                                      at: when(reply.at),
                                    })}
                                  </p>
                                  <p class="inquiry__reply">{reply.body}</p>
                                </td>
                              </tr>
                            )}
                          </For>
                        </>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </section>
  )
}
