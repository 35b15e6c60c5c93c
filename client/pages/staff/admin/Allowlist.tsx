import { createResource, createSignal, For, Show } from 'solid-js'
import { Loaded } from '../Loaded'
import type { MessageKey } from '../../../../core/i18n'
import { Field, Form, SubmitButton } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { createFormErrors } from '../../../lib/form'
import { coreMsg, type Msg } from '../../../lib/messages'
import { staffApi, type StaffAnswer } from '../api'
import { can } from '../session'
import { linesOf, TextAreaField, when } from './parts'
import { s } from './strings'
import './admin.css'

type Request = StaffAnswer<'/api/ops/platform/allowlist-requests', '$get'>['requests'][number]
const required = (value: string, key: MessageKey): Msg | undefined =>
  value.trim() === '' ? coreMsg(key) : undefined
const STATUS = {
  pending: 'statusPending',
  approved: 'statusApproved',
  refused: 'statusRefused',
} as const

/**
 * 許可IPの申請: an insurer's staff send a request and see theirs; a platform admin sees every
 * insurer's, pending first, and approves or refuses each with a reason.
 */
export default function Allowlist() {
  const [rows, { refetch }] = createResource(async () => {
    const result = await staffApi('$get', '/api/ops/platform/allowlist-requests')
    if (!result.ok) throw new Error(result.error.message)
    return result.data.requests
  })
  const [notice, setNotice] = createSignal<string | null>(null)
  const [deciding, setDeciding] = createSignal<Request | null>(null)
  const isAdmin = () => can('platform.manage')

  const [cidrs, setCidrs] = createSignal('')
  const [note, setNote] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<'cidrs' | 'note'>({
    cidrs: { id: 'request-cidrs', label: () => s('cidrs') },
    note: { id: 'request-note', label: () => s('note') },
  })
  const cidrsError = () =>
    linesOf(cidrs()).length === 0 || linesOf(cidrs()).length > 20
      ? coreMsg('staff.admin.field.cidrs')
      : undefined
  const send = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ cidrs: cidrsError(), note: required(note(), 'staff.admin.field.note') }))
      return
    setBusy(true)
    const result = await staffApi('$post', '/api/ops/platform/allowlist-requests', {
      json: { cidrs: linesOf(cidrs()), note: note().trim() },
    })
    setBusy(false)
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      return
    }
    setNotice(s('requested'))
    setCidrs('')
    setNote('')
    void refetch()
  }

  return (
    <Page title={s('allowlistTitle')}>
      <p>{isAdmin() ? s('allowlistQueueLead') : s('allowlistLead')}</p>
      <Show when={notice()}>
        <Notice kind="success" role="status">
          {notice()}
        </Notice>
      </Show>
      <Show when={can('allowlist.request')}>
        <section aria-labelledby="request-title" class="staff-card admin-panel">
          <h2 id="request-title">{s('requestTitle')}</h2>
          <Form errors={errors} onSubmit={send} busy={busy()}>
            <TextAreaField
              {...errors.props('cidrs')}
              required
              hint={s('cidrsHint')}
              rows={4}
              value={cidrs()}
              onValue={(value) => {
                setCidrs(value)
                errors.recheck('cidrs', cidrsError)
              }}
            />
            <Field
              {...errors.props('note')}
              required
              hint={s('noteHint')}
              maxLength={500}
              value={note()}
              onInput={errors.typed('note', setNote, () =>
                required(note(), 'staff.admin.field.note'),
              )}
            />
            <div class="button-row">
              <SubmitButton>{s('send')}</SubmitButton>
            </div>
          </Form>
        </section>
      </Show>
      <Show when={deciding()} keyed>
        {(request) => (
          <DecisionPanel
            request={request}
            onDone={(message) => {
              setDeciding(null)
              if (message) setNotice(message)
              void refetch()
            }}
          />
        )}
      </Show>
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">{s('requestsTitle')}</h2>
        <Loaded data={rows} onRetry={refetch} empty={s('none')}>
          {(list) => (
            <div class="staff-table-wrap">
              <table class="staff-table">
                <thead>
                  <tr>
                    <th scope="col">{s('requestedAt')}</th>
                    <th scope="col">{s('insurer')}</th>
                    <th scope="col">{s('cidrs')}</th>
                    <th scope="col">{s('note')}</th>
                    <th scope="col">{s('requestedBy')}</th>
                    <th scope="col">{s('status')}</th>
                    <th scope="col">{s('reason')}</th>
                    <Show when={isAdmin()}>
                      <th scope="col">{s('decide')}</th>
                    </Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(row) => (
                      <tr>
                        <td>{when(row.requestedAt)}</td>
                        <td>
                          {row.insurerName}({row.insurerNumber})
                        </td>
                        <td>
                          <ul class="admin-cidrs">
                            <For each={row.cidrs}>{(cidr) => <li>{cidr}</li>}</For>
                          </ul>
                        </td>
                        <td>{row.note}</td>
                        <td>{row.requestedBy}</td>
                        <td>{s(STATUS[row.status])}</td>
                        <td>{row.reason ?? ''}</td>
                        <Show when={isAdmin()}>
                          <td>
                            <Show when={row.status === 'pending'}>
                              <button
                                type="button"
                                class="button button--secondary"
                                aria-label={s('decideOf', { insurer: row.insurerName })}
                                onClick={() => setDeciding(row)}
                              >
                                {s('decide')}
                              </button>
                            </Show>
                          </td>
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
    </Page>
  )
}

/** A platform admin's decision on one request: approve or refuse, with the reason. */
function DecisionPanel(props: { request: Request; onDone: (message: string | null) => void }) {
  const [reason, setReason] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<'reason' | 'cidrs'>({
    reason: { id: 'decision-reason', label: () => s('reason') },
    cidrs: { id: 'decision-reason', label: () => s('cidrs') },
  })
  let decision: 'approve' | 'refuse' = 'approve'
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ reason: required(reason(), 'staff.field.reason.required') })) return
    setBusy(true)
    const result = await staffApi('$post', '/api/ops/platform/allowlist-requests/:id/decision', {
      param: { id: props.request.id },
      json: { decision, reason: reason().trim() },
    })
    setBusy(false)
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      return
    }
    props.onDone(
      s('decided', { decision: decision === 'approve' ? s('approvedWord') : s('refusedWord') }),
    )
  }
  let heading!: HTMLHeadingElement
  setTimeout(() => heading?.focus(), 0)
  return (
    <section aria-labelledby="decision-title" class="staff-card admin-panel">
      <h2 id="decision-title" tabindex="-1" ref={heading}>
        {s('decideOf', { insurer: props.request.insurerName })}
      </h2>
      <dl class="staff-dl">
        <dt>{s('cidrs')}</dt>
        <dd>{props.request.cidrs.join(', ')}</dd>
        <dt>{s('current')}</dt>
        <dd>{(props.request.currentCidrs ?? []).join(', ') || s('none')}</dd>
        <dt>{s('note')}</dt>
        <dd>{props.request.note}</dd>
      </dl>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <Field
          {...errors.props('reason')}
          required
          hint={s('reasonHint')}
          maxLength={500}
          value={reason()}
          onInput={errors.typed('reason', setReason, () =>
            required(reason(), 'staff.field.reason.required'),
          )}
        />
        <div class="button-row">
          <button
            type="submit"
            class="button button--primary"
            onClick={() => (decision = 'approve')}
          >
            {s('approve')}
          </button>
          <button
            type="submit"
            class="button button--secondary"
            onClick={() => (decision = 'refuse')}
          >
            {s('refuse')}
          </button>
          <button type="button" class="button button--secondary" onClick={() => props.onDone(null)}>
            {s('cancel')}
          </button>
        </div>
      </Form>
    </section>
  )
}
