import { createResource, createSignal, For, Show } from 'solid-js'
import { Loaded } from '../Loaded'
import { Field, Form, SubmitButton } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { createFormErrors } from '../../../lib/form'
import { coreMsg, type Msg } from '../../../lib/messages'
import { staffApi, type StaffAnswer } from '../api'
import { can } from '../session'
import { lang } from '../../../lib/i18n'
import { fromJapanLocal, japanLocalInWords, toJapanLocal } from './japan-time'
import { CheckboxField, linesOf, TextAreaField, when } from './parts'
import { s } from './strings'
import './admin.css'

/** The longest maintenance message (the API's limit). */
const MESSAGE_MAX = 500
type Insurer = StaffAnswer<'/api/ops/insurers', '$get'>['insurers'][number]
type Name =
  | 'number'
  | 'name'
  | 'dependentMaxAge'
  | 'allowedCidrs'
  | 'allowlistFailureLimit'
  | 'insuredOnly'
  | 'maintenance'
  | 'maintenanceMessage'
  | 'maintenanceUntil'

/**
 * 健保組合: the list, a platform admin's form to register one, and each one's settings. An insurer
 * admin sees 健保組合の設定: their own insurer, without the allow-list (requested on its own page).
 */
export default function Insurers() {
  const [rows, { refetch }] = createResource(async () => {
    const result = await staffApi('$get', '/api/ops/insurers')
    if (!result.ok) throw new Error(result.error.message)
    return result.data.insurers
  })
  const [notice, setNotice] = createSignal<string | null>(null)
  const [editing, setEditing] = createSignal<Insurer | null>(null)
  const [creating, setCreating] = createSignal(false)
  const platform = () => can('platform.manage')
  const done = (message: string | null) => {
    setEditing(null)
    setCreating(false)
    if (message) setNotice(message)
    void refetch()
  }

  return (
    <Page title={platform() ? s('insurersTitle') : s('insurerSettingsTitle')}>
      <p>{platform() ? s('insurersLead') : s('insurerSettingsLead')}</p>
      <Show when={notice()}>
        <Notice kind="success" role="status">
          {notice()}
        </Notice>
      </Show>
      <Loaded data={rows} onRetry={refetch}>
        {(list) => (
          <div
            class="staff-table-wrap"
            tabindex="0"
            role="region"
            aria-label={s('tableFrame', {
              name: platform() ? s('insurersTitle') : s('insurerSettingsTitle'),
            })}
          >
            <table class="staff-table">
              <thead>
                <tr>
                  <th scope="col">{s('number')}</th>
                  <th scope="col">{s('insurerName')}</th>
                  <th scope="col">{s('insuredOnly')}</th>
                  <th scope="col">{s('dependentMaxAge')}</th>
                  <th scope="col">{s('maintenance')}</th>
                  <Show when={platform()}>
                    <th scope="col">{s('allowedCidrs')}</th>
                  </Show>
                  <th scope="col">{s('actions')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(row) => (
                    <tr>
                      <td class="staff-nowrap">{row.number}</td>
                      <th scope="row">{row.name}</th>
                      <td>{row.insuredOnly ? s('on') : s('off')}</td>
                      <td>{row.dependentMaxAge ?? '—'}</td>
                      <td>
                        <span class="staff-nowrap">{row.maintenance ? s('on') : s('off')}</span>
                        <Show when={row.maintenance && row.maintenanceUntil}>
                          <br />
                          <span class="staff-nowrap">
                            {s('maintenanceUntilShort', {
                              at: when(Date.parse(row.maintenanceUntil!)),
                            })}
                          </span>
                        </Show>
                        <Show when={row.maintenanceMessage}>
                          <br />
                          <span class="staff-wrap">
                            {s('maintenanceNotice', { text: row.maintenanceMessage! })}
                          </span>
                        </Show>
                      </td>
                      <Show when={platform()}>
                        <td>
                          <ul class="admin-cidrs">
                            <For each={row.allowedCidrs}>{(cidr) => <li>{cidr}</li>}</For>
                          </ul>
                        </td>
                      </Show>
                      <td>
                        <Show when={can('insurer.settings')}>
                          <button
                            type="button"
                            class="button button--secondary"
                            aria-label={s('editOf', { name: row.name })}
                            onClick={() => {
                              setCreating(false)
                              setEditing(row)
                            }}
                          >
                            {s('edit')}
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
      <Show when={editing()} keyed>
        {(row) => <InsurerForm insurer={row} onDone={done} />}
      </Show>
      <Show when={can('platform.manage') && !editing()}>
        <Show
          when={creating()}
          fallback={
            <p>
              <button
                type="button"
                class="button button--primary"
                onClick={() => setCreating(true)}
              >
                {s('createTitle')}
              </button>
            </p>
          }
        >
          <InsurerForm insurer={null} onDone={done} />
        </Show>
      </Show>
    </Page>
  )
}

/** A new insurer (insurer null) or one's settings; the allow-list for platform admins only. */
function InsurerForm(props: { insurer: Insurer | null; onDone: (message: string | null) => void }) {
  const i = props.insurer
  const [number, setNumber] = createSignal(i?.number ?? '')
  const [name, setName] = createSignal(i?.name ?? '')
  const [insuredOnly, setInsuredOnly] = createSignal(i?.insuredOnly ?? false)
  const [age, setAge] = createSignal(i?.dependentMaxAge?.toString() ?? '')
  const [maintenance, setMaintenance] = createSignal(i?.maintenance ?? false)
  const [message, setMessage] = createSignal(i?.maintenanceMessage ?? '')
  const [until, setUntil] = createSignal(toJapanLocal(i?.maintenanceUntil ?? null))
  const [cidrs, setCidrs] = createSignal((i?.allowedCidrs ?? []).join('\n'))
  const [limit, setLimit] = createSignal(String(i?.allowlistFailureLimit ?? 20))
  const [busy, setBusy] = createSignal(false)
  const admin = () => can('platform.manage')
  const errors = createFormErrors<Name>({
    number: { id: 'insurer-number', label: () => s('number') },
    name: { id: 'insurer-name', label: () => s('insurerName') },
    insuredOnly: { id: 'insurer-insured-only', label: () => s('insuredOnly') },
    dependentMaxAge: { id: 'insurer-age', label: () => s('dependentMaxAge') },
    maintenance: { id: 'insurer-maintenance', label: () => s('maintenance') },
    maintenanceMessage: { id: 'insurer-maintenance-message', label: () => s('maintenanceMessage') },
    maintenanceUntil: { id: 'insurer-maintenance-until', label: () => s('maintenanceUntil') },
    allowedCidrs: { id: 'insurer-cidrs', label: () => s('allowedCidrs') },
    allowlistFailureLimit: { id: 'insurer-limit', label: () => s('failureLimit') },
  })
  const ageError = (): Msg | undefined => {
    if (age().trim() === '') return undefined
    const n = Number(age())
    return Number.isInteger(n) && n >= 0 && n <= 120 ? undefined : coreMsg('ops.insurer.age')
  }
  const limitError = (): Msg | undefined => {
    const n = Number(limit())
    return Number.isInteger(n) && n >= 1 && n <= 1000 ? undefined : coreMsg('ops.insurer.limit')
  }
  const messageError = (): Msg | undefined =>
    message().length > MESSAGE_MAX
      ? () => s('maintenanceMessageTooLong', { n: MESSAGE_MAX })
      : undefined
  const untilError = (): Msg | undefined =>
    until() !== '' && fromJapanLocal(until()) === null ? () => s('maintenanceUntilBad') : undefined
  const nameError = (): Msg | undefined =>
    name().trim() === '' ? coreMsg('ops.insurer.name') : undefined
  const numberError = (): Msg | undefined =>
    i || number().trim() !== '' ? undefined : coreMsg('ops.insurer.number')

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    const found = {
      number: numberError(),
      name: nameError(),
      dependentMaxAge: ageError(),
      allowlistFailureLimit: admin() ? limitError() : undefined,
      maintenanceMessage: messageError(),
      maintenanceUntil: untilError(),
    }
    if (!errors.validate(found)) return
    setBusy(true)
    const settings = {
      name: name().trim(),
      insuredOnly: insuredOnly(),
      dependentMaxAge: age().trim() === '' ? null : Number(age()),
      maintenance: maintenance(),
      maintenanceMessage: message().trim() === '' ? null : message().trim(),
      maintenanceUntil: until() === '' ? null : fromJapanLocal(until()),
      ...(admin()
        ? { allowedCidrs: linesOf(cidrs()), allowlistFailureLimit: Number(limit()) }
        : {}),
    }
    const result = i
      ? await staffApi('$patch', '/api/ops/insurers/:number', {
          param: { number: i.number },
          json: settings,
        })
      : await staffApi('$post', '/api/ops/insurers', {
          json: { ...settings, number: number().trim() },
        })
    setBusy(false)
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      return
    }
    props.onDone(
      i
        ? s('saved', { name: result.data.insurer.name })
        : s('created', { name: result.data.insurer.name }),
    )
  }
  let heading!: HTMLHeadingElement
  setTimeout(() => heading?.focus(), 0)
  return (
    <section aria-labelledby="insurer-form-title" class="staff-card admin-panel">
      <h2 id="insurer-form-title" tabindex="-1" ref={heading}>
        {i ? s('settingsOf', { name: i.name }) : s('createTitle')}
      </h2>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <Show when={!i}>
          <Field
            {...errors.props('number')}
            required
            hint={s('numberHint')}
            inputmode="numeric"
            maxLength={10}
            value={number()}
            onInput={errors.typed('number', setNumber, numberError)}
          />
        </Show>
        <Field
          {...errors.props('name')}
          required
          maxLength={100}
          value={name()}
          onInput={errors.typed('name', setName, nameError)}
        />
        <CheckboxField
          id="insurer-insured-only"
          label={s('insuredOnly')}
          checked={insuredOnly()}
          onChecked={setInsuredOnly}
        />
        <Field
          {...errors.props('dependentMaxAge')}
          hint={s('dependentMaxAgeHint')}
          type="number"
          min="0"
          max="120"
          inputmode="numeric"
          value={age()}
          onInput={errors.typed('dependentMaxAge', setAge, ageError)}
        />
        <CheckboxField
          id="insurer-maintenance"
          label={s('maintenance')}
          checked={maintenance()}
          onChecked={setMaintenance}
        />
        <TextAreaField
          {...errors.props('maintenanceMessage')}
          hint={s('maintenanceMessageHint', { n: MESSAGE_MAX })}
          rows={3}
          maxLength={MESSAGE_MAX}
          value={message()}
          onValue={(value) => {
            setMessage(value)
            errors.recheck('maintenanceMessage', messageError)
          }}
        />
        <Field
          {...errors.props('maintenanceUntil')}
          hint={s('maintenanceUntilHint')}
          type="datetime-local"
          value={until()}
          onInput={errors.typed('maintenanceUntil', setUntil, untilError)}
        />
        {/* The browser's own widget may show another country's format: say the value in words. */}
        <p class="admin-when" aria-live="polite">
          <Show when={japanLocalInWords(until(), lang() === 'en' ? 'en' : 'ja')}>
            {(words) => s('maintenanceUntilWords', { at: words() })}
          </Show>
        </p>
        <Show when={admin()}>
          <TextAreaField
            {...errors.props('allowedCidrs')}
            hint={s('allowedCidrsHint')}
            rows={4}
            value={cidrs()}
            onValue={setCidrs}
          />
          <Field
            {...errors.props('allowlistFailureLimit')}
            required
            hint={s('failureLimitHint')}
            type="number"
            min="1"
            max="1000"
            inputmode="numeric"
            value={limit()}
            onInput={errors.typed('allowlistFailureLimit', setLimit, limitError)}
          />
        </Show>
        <div class="button-row">
          <SubmitButton>{i ? s('save') : s('create')}</SubmitButton>
          <button type="button" class="button button--secondary" onClick={() => props.onDone(null)}>
            {s('cancel')}
          </button>
        </div>
      </Form>
    </section>
  )
}
