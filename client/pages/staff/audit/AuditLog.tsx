import { useSearchParams } from '@solidjs/router'
import { createSignal, For, onMount, Show } from 'solid-js'
import type { AuditAction } from '../../../../worker/services/audit'
import { Field, Form, SubmitButton } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { SelectField } from '../../../components/SelectField'
import { StatusLine } from '../../../components/Status'
import { createFormErrors } from '../../../lib/form'
import { lang } from '../../../lib/i18n'
import type { Msg } from '../../../lib/messages'
import { staffApi, staffDownload, type StaffAnswer } from '../api'
import { can } from '../session'
import { s } from './strings'
import { actionName } from './action-names'
import './audit.css'

/** The actions one may search for (worker/services/audit.ts), in the console's order. */
const ACTIONS = [
  'member.looked_up',
  'member.viewed',
  'member.code_reissued',
  'member.address_unlocked',
  'member.health_unlocked',
  'member.reset_mail_sent',
  'member.sessions_ended',
  'member.login_id_notice_sent',
  'member.unlinked',
  'inquiry.viewed',
  'inquiry.status_changed',
  'inquiry.note_added',
  'inquiry.replied',
  'inquiry.assigned',
  'health.read',
  'health.code_verified',
  'login.succeeded',
  'login.failed',
  'logout',
  'account.created',
  'password.reset_requested',
  'password.reset',
  'address.locked',
  'address.unlocked',
  'card.linked',
  'codes.issued',
  'codes.reissued',
  'roster.batch_imported',
  'checkups.imported',
  'insurer.created',
  'insurer.updated',
  'insurer.allowlist_changed',
  'staff.login',
  'staff.login_failed',
  'staff.logout',
  'staff.token_issued',
  'staff.token_revoked',
  'staff.passkey_added',
  'staff.passkey_removed',
  'staff.bootstrapped',
  'staff.invited',
  'staff.enrolled',
  'staff.updated',
  'staff.second_factor_reset',
  'staff.disabled',
  'allowlist.requested',
  'allowlist.approved',
  'allowlist.refused',
  'orgcode.issued',
  'orgcode.retired',
  'audit.searched',
  'audit.exported',
] as const satisfies readonly AuditAction[]

type Row = StaffAnswer<'/api/ops/audit', '$get'>['rows'][number]
type Name = 'member' | 'staff' | 'from' | 'to'
const ID = /^[A-Za-z0-9_-]{0,64}$/

const when = (iso: string) =>
  new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })

/** 監査ログ (/staff/audit?member=…): the search form, the table, more pages, and the CSV export. */
export default function AuditLog() {
  return (
    <Page title={s('title')}>
      <Show when={can('audit')} fallback={<Notice kind="error">{s('forbidden')}</Notice>}>
        <Search />
      </Show>
    </Page>
  )
}

function Search() {
  const [params] = useSearchParams<{ member?: string; staff?: string }>()
  const [member, setMember] = createSignal(params.member ?? '')
  const [staffId, setStaffId] = createSignal(params.staff ?? '')
  const [action, setAction] = createSignal('')
  const [from, setFrom] = createSignal('')
  const [to, setTo] = createSignal('')
  const [rows, setRows] = createSignal<Row[] | null>(null)
  const [cursor, setCursor] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [status, setStatus] = createSignal('')
  const [failure, setFailure] = createSignal<string>()
  const errors = createFormErrors<Name>({
    member: { id: 'audit-member', label: () => s('member') },
    staff: { id: 'audit-staff', label: () => s('staff') },
    from: { id: 'audit-from', label: () => s('from') },
    to: { id: 'audit-to', label: () => s('to') },
  })
  const idError = (value: () => string) => (): Msg | undefined =>
    ID.test(value().trim()) ? undefined : () => s('idInvalid')
  const memberError = idError(member)
  const staffError = idError(staffId)
  /** The filters as sent (the search's and the export's). */
  const query = () => ({
    member: member().trim() || undefined,
    staff: staffId().trim() || undefined,
    action: action() || undefined,
    from: from() || undefined,
    to: to() || undefined,
  })

  const load = async (more: boolean) => {
    if (busy()) return
    setBusy(true)
    setFailure(undefined)
    setStatus(s('searching'))
    const result = await staffApi('$get', '/api/ops/audit', {
      query: { ...query(), cursor: more ? (cursor() ?? undefined) : undefined },
    })
    setBusy(false)
    if (!result.ok) {
      setStatus('')
      if (result.error.fields) {
        errors.fromServer(result.error)
        errors.focusSummary()
      } else setFailure(result.error.message)
      return
    }
    const list = more ? [...(rows() ?? []), ...result.data.rows] : result.data.rows
    setRows(list)
    setCursor(result.data.nextCursor)
    setStatus(
      list.length === 0
        ? s('none')
        : s(result.data.nextCursor ? 'countMore' : 'count', { count: list.length }),
    )
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    if (!errors.validate({ member: memberError(), staff: staffError() })) return
    void load(false)
  }

  const exportCsv = async () => {
    if (!errors.validate({ member: memberError(), staff: staffError() })) return
    const search = new URLSearchParams()
    for (const [k, v] of Object.entries(query())) if (v) search.set(k, v)
    const day = new Date().toISOString().slice(0, 10)
    const result = await staffDownload(`/api/ops/audit/export.csv?${search}`, `audit-${day}.csv`)
    if (result.ok) setStatus(s('exported'))
    else setFailure(result.error.message)
  }

  onMount(() => {
    if (params.member || params.staff) void load(false)
  })

  const actor = (r: Row) => {
    const type = s(`actor_${r.actorType}` as 'actor_staff')
    if (r.actorType !== 'staff') return type
    return `${type}: ${r.actorName ?? ''}${r.actorId ? ` (${r.actorId})` : ''}`
  }

  return (
    <>
      <p>{s('lead')}</p>
      <section class="staff-card" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{s('filters')}</h2>
        <Form errors={errors} onSubmit={submit} busy={busy()}>
          <div class="audit-filters">
            <Field
              {...errors.props('member')}
              hint={s('memberHint')}
              maxLength={64}
              autocomplete="off"
              spellcheck={false}
              value={member()}
              onInput={errors.typed('member', setMember, memberError)}
            />
            <Field
              {...errors.props('staff')}
              maxLength={64}
              autocomplete="off"
              spellcheck={false}
              value={staffId()}
              onInput={errors.typed('staff', setStaffId, staffError)}
            />
            <SelectField
              id="audit-action"
              label={s('action')}
              prompt={s('anyAction')}
              options={ACTIONS.map((a) => ({ value: a, label: actionName(a) }))}
              value={action()}
              onValue={setAction}
            />
            <Field
              {...errors.props('from')}
              type="date"
              hint={s('dateHint')}
              value={from()}
              onInput={(event) => setFrom(event.currentTarget.value)}
            />
            <Field
              {...errors.props('to')}
              type="date"
              hint={s('dateHint')}
              value={to()}
              onInput={(event) => setTo(event.currentTarget.value)}
            />
          </div>
          <div class="button-row">
            <SubmitButton>{s('search')}</SubmitButton>
            <button type="button" class="button" onClick={() => void exportCsv()}>
              {s('export')}
            </button>
          </div>
        </Form>
      </section>
      <StatusLine text={status()} />
      <Show when={failure()}>
        {(message) => (
          <Notice kind="error" role="alert">
            {message()}
          </Notice>
        )}
      </Show>
      <Show when={rows()?.length}>
        <div class="staff-table-wrap">
          <table class="staff-table audit-table">
            <caption class="visually-hidden">{s('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{s('at')}</th>
                <th scope="col">{s('action')}</th>
                <th scope="col">{s('actor')}</th>
                <th scope="col">{s('account')}</th>
                <th scope="col">{s('ip')}</th>
                <th scope="col">{s('detail')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(r) => (
                  <tr>
                    <th scope="row">
                      <time datetime={r.at}>{when(r.at)}</time>
                    </th>
                    <td>
                      {actionName(r.action)}
                      <br />
                      <span class="audit-code">{r.action}</span>
                    </td>
                    <td>{actor(r)}</td>
                    <td class="audit-code">
                      <Show when={r.accountId}>
                        {(id) => (
                          <Show when={can('member.act')} fallback={id()}>
                            <a href={`/staff/members/${encodeURIComponent(id())}`}>{id()}</a>
                          </Show>
                        )}
                      </Show>
                    </td>
                    <td class="audit-code">{r.ip ?? ''}</td>
                    <td>
                      <Show when={Object.keys(r.detail).length > 0}>
                        <dl class="audit-detail">
                          <For each={Object.entries(r.detail)}>
                            {([key, value]) => (
                              <>
                                <dt>{key}</dt>
                                <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                              </>
                            )}
                          </For>
                        </dl>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={cursor()}>
          <div class="button-row">
            <button type="button" class="button" onClick={() => void load(true)}>
              {s('more')}
            </button>
          </div>
        </Show>
      </Show>
    </>
  )
}
