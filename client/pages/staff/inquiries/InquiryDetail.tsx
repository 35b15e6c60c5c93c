import { useScreenId } from '../StaffConsole'
import { createResource, createSignal, For, Show } from 'solid-js'
import {
  IDENTITY_CHECKS,
  NOTE_MAX,
  REPLY_MAX,
  STATUS_MOVES,
  type IdentityCheck,
} from '../../../../core/inquiry-console'
import type { InquiryStatus } from '../../../../core/inquiry'
import { fillReply } from '../../../../core/inquiry-replies'
import { FieldError } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { SelectField } from '../../../components/SelectField'
import { LoadFailed, Loading } from '../../../components/Status'
import { lang } from '../../../lib/i18n'
import { staffApi } from '../api'
import { StatusBadge } from './InquiryList'
import { s } from './strings'
import './inquiries.css'

const when = (iso: string) =>
  new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })
const statusWord = (status: string | null) => (status ? s(`status.${status}` as 'status.new') : '')

/** An error answer's words: the detail's message where the server gave one, else its message. */
function errorText(error: { message: string; detail?: unknown }): string {
  const detail = error.detail as { message?: string } | undefined
  return detail?.message ?? error.message
}

/**
 * お問い合わせ詳細: the inquiry as typed, the identity candidates (masked addresses, links to the
 * member's page), the identity-check note form, the reply form (a template fills the text, which is
 * edited before sending; one idempotency key per reply, so a double click mails once), the status
 * buttons, the assignee, and the history.
 */
export default function InquiryDetail() {
  const screenId = useScreenId()
  const params = {
    get id() {
      return screenId()
    },
  }
  const [detail, { refetch }] = createResource(
    () => params.id,
    async (id) => {
      const result = await staffApi('$get', '/api/ops/inquiries/:id', { param: { id } })
      if (!result.ok) throw new Error(result.status === 404 ? s('notFound') : result.error.message)
      return result.data
    },
  )
  const [templates] = createResource(async () => {
    const result = await staffApi('$get', '/api/ops/inquiries/templates')
    return result.ok ? result.data.templates : []
  })
  const [notice, setNotice] = createSignal<string | null>(null)
  const [failure, setFailure] = createSignal<string | null>(null)
  const done = (message: string) => {
    setFailure(null)
    setNotice(message)
    void refetch()
  }

  // Identity-check note.
  const [checks, setChecks] = createSignal<IdentityCheck[]>([])
  const [note, setNote] = createSignal('')
  const [noteError, setNoteError] = createSignal<string | undefined>()
  const saveNote = async (event: SubmitEvent) => {
    event.preventDefault()
    if ([...note()].length > NOTE_MAX) return setNoteError(s('noteHint'))
    const result = await staffApi('$post', '/api/ops/inquiries/:id/notes', {
      param: { id: params.id },
      json: { checks: checks(), note: note() },
    })
    if (!result.ok) {
      setNoteError(result.error.fields?.note ?? result.error.fields?.checks)
      return setFailure(errorText(result.error))
    }
    setNoteError(undefined)
    setChecks([])
    setNote('')
    done(s('noteSaved'))
  }

  // Reply.
  const [template, setTemplate] = createSignal('')
  const [replyLang, setReplyLang] = createSignal<'ja' | 'en'>('ja')
  const [body, setBody] = createSignal('')
  const [replyKey, setReplyKey] = createSignal(crypto.randomUUID())
  const [replyErrors, setReplyErrors] = createSignal<Record<string, string>>({})
  const [sending, setSending] = createSignal(false)
  const pickTemplate = (id: string) => {
    setTemplate(id)
    const chosen = templates()?.find((t) => t.id === id)
    const inquiry = detail()?.inquiry
    if (chosen && inquiry) {
      setReplyLang(chosen.lang)
      setBody(fillReply(chosen, { name: inquiry.nameKana, receiptNo: inquiry.receiptNo }))
    }
  }
  const sendReply = async (event: SubmitEvent) => {
    event.preventDefault()
    if (sending()) return
    const found: Record<string, string> = {}
    if (!template()) found.template = s('templatePrompt')
    if (body().trim() === '') found.body = s('replyBody')
    setReplyErrors(found)
    if (Object.keys(found).length > 0) return
    setSending(true)
    const result = await staffApi('$post', '/api/ops/inquiries/:id/replies', {
      param: { id: params.id },
      json: { idempotencyKey: replyKey(), template: template(), body: body(), lang: replyLang() },
    })
    setSending(false)
    if (!result.ok) {
      setReplyErrors(result.error.fields ?? {})
      return setFailure(errorText(result.error))
    }
    setReplyKey(crypto.randomUUID())
    setTemplate('')
    setBody('')
    done(result.data.repeated ? s('replyRepeated') : s('replySent'))
  }

  // Status.
  const [reason, setReason] = createSignal('')
  const move = async (status: InquiryStatus) => {
    const result = await staffApi('$post', '/api/ops/inquiries/:id/status', {
      param: { id: params.id },
      json: { status, ...(reason().trim() ? { reason: reason().trim() } : {}) },
    })
    if (!result.ok) return setFailure(errorText(result.error))
    setReason('')
    done(s('statusChanged', { status: statusWord(status) }))
  }

  // Assignee.
  const [assignee, setAssignee] = createSignal<string | null>(null)
  const assign = async (event: SubmitEvent) => {
    event.preventDefault()
    const chosen = assignee() ?? detail()?.assignee?.id ?? ''
    const result = await staffApi('$post', '/api/ops/inquiries/:id/assignee', {
      param: { id: params.id },
      json: { staffId: chosen === '' ? null : chosen },
    })
    if (!result.ok) return setFailure(result.error.fields?.staffId ?? errorText(result.error))
    setAssignee(null)
    done(s('assigned'))
  }

  return (
    <Page
      title={s('detailTitle')}
      class="page--wide"
      before={
        <p>
          <a href="/staff/inquiries">{s('backToList')}</a>
        </p>
      }
    >
      <Show
        when={!detail.error}
        fallback={
          <LoadFailed
            message={detail.error?.message ?? s('loadFailed')}
            retryLabel={s('retry')}
            onRetry={refetch}
          />
        }
      >
        <Show when={detail()} fallback={<Loading />}>
          {(d) => {
            const inq = () => d().inquiry
            const closed = () => inq().status === 'closed'
            return (
              <>
                <div aria-live="polite">
                  <Show when={notice()}>
                    <Notice kind="success">{notice()}</Notice>
                  </Show>
                </div>
                <div aria-live="assertive">
                  <Show when={failure()}>
                    <Notice kind="error">{failure()}</Notice>
                  </Show>
                </div>

                <section class="staff-card" aria-labelledby="inq-inquiry">
                  <h2 id="inq-inquiry">
                    {s('inquiryTitle')} <StatusBadge status={inq().status} />
                  </h2>
                  <dl class="staff-dl">
                    <dt>{s('receiptNo')}</dt>
                    <dd>{inq().receiptNo}</dd>
                    <dt>{s('receivedAt')}</dt>
                    <dd>{when(inq().createdAt)}</dd>
                    <dt>{s('type')}</dt>
                    <dd>{s(`type.${inq().type}`)}</dd>
                    <dt>{s('status')}</dt>
                    <dd>{statusWord(inq().status)}</dd>
                    <dt>{s('nameKana')}</dt>
                    <dd>{inq().nameKana}</dd>
                    <dt>{s('email')}</dt>
                    <dd>{inq().email}</dd>
                    <dt>{s('insurerName')}</dt>
                    <dd>{inq().insurerName}</dd>
                    <dt>{s('matchedInsurer')}</dt>
                    <dd>
                      {inq().insurer
                        ? `${inq().insurer!.name}(${inq().insurer!.number})`
                        : s('unmatched')}
                    </dd>
                    <dt>{s('birthDate')}</dt>
                    <dd>{inq().birthDate}</dd>
                    <dt>{s('lang')}</dt>
                    <dd>{inq().lang === 'en' ? s('langEn') : s('langJa')}</dd>
                    <dt>{s('sentLoggedIn')}</dt>
                    <dd>{inq().accountId ? s('yes') : s('no')}</dd>
                    <dt>{s('appVersion')}</dt>
                    <dd>{inq().appVersion || s('none')}</dd>
                    <dt>{s('device')}</dt>
                    <dd>{inq().device || s('none')}</dd>
                    <dt>{s('osVersion')}</dt>
                    <dd>{inq().osVersion || s('none')}</dd>
                    <dt>{s('browser')}</dt>
                    <dd>{inq().browser || s('none')}</dd>
                  </dl>
                  <h3>{s('message')}</h3>
                  <p class="inq-message">{inq().message}</p>
                </section>

                <section class="staff-card" aria-labelledby="inq-candidates">
                  <h2 id="inq-candidates">{s('candidatesTitle')}</h2>
                  <div class="inq-grid">
                    <div>
                      <h3>{s('accountsTitle')}</h3>
                      <Show
                        when={d().candidates.accounts.length > 0}
                        fallback={<p>{s('noAccounts')}</p>}
                      >
                        <ul>
                          <For each={d().candidates.accounts}>
                            {(a) => (
                              <li>
                                <a href={`/staff/members/${encodeURIComponent(a.accountId)}`}>
                                  {a.maskedEmail}
                                </a>{' '}
                                ({s('registered')}: {when(a.createdAt)}){' — '}
                                {a.link
                                  ? a.link.insurerName
                                    ? `${s('linkedTo')}: ${a.link.insurerName} ${a.link.personKey ?? ''}`
                                    : s('linkedOutside')
                                  : s('notLinked')}
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                    </div>
                    <div>
                      <h3>{s('personsTitle')}</h3>
                      <Show
                        when={d().candidates.persons.length > 0}
                        fallback={<p>{s('noPersons')}</p>}
                      >
                        <ul>
                          <For each={d().candidates.persons}>
                            {(p) => (
                              <li>
                                {p.insurerName} / {s('personKey')} {p.personKey} / {p.nameKana} /{' '}
                                {p.birthDate}
                                {' — '}
                                <Show when={p.account} fallback={s('notLinked')}>
                                  {(acc) => (
                                    <a
                                      href={`/staff/members/${encodeURIComponent(acc().accountId)}`}
                                    >
                                      {acc().maskedEmail}
                                    </a>
                                  )}
                                </Show>
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                    </div>
                  </div>
                </section>

                <section class="staff-card" aria-labelledby="inq-notes">
                  <h2 id="inq-notes">{s('notesTitle')}</h2>
                  <form class="form" onSubmit={saveNote} novalidate>
                    <fieldset class="inq-checks">
                      <legend>{s('checks')}</legend>
                      <For each={IDENTITY_CHECKS}>
                        {(check) => (
                          <label>
                            <input
                              type="checkbox"
                              checked={checks().includes(check)}
                              onChange={(e) =>
                                setChecks((all) =>
                                  e.currentTarget.checked
                                    ? [...all, check]
                                    : all.filter((c) => c !== check),
                                )
                              }
                            />
                            {s(`check.${check}`)}
                          </label>
                        )}
                      </For>
                    </fieldset>
                    <div class="field" classList={{ 'field--invalid': Boolean(noteError()) }}>
                      <label class="field__label" for="inq-note">
                        {s('note')}
                      </label>
                      <p id="inq-note-hint" class="field__hint">
                        {s('noteHint')}
                      </p>
                      <textarea
                        id="inq-note"
                        class="input inq-textarea"
                        maxLength={NOTE_MAX}
                        aria-describedby={
                          noteError() ? 'inq-note-error inq-note-hint' : 'inq-note-hint'
                        }
                        aria-invalid={noteError() ? 'true' : undefined}
                        value={note()}
                        onInput={(e) => setNote(e.currentTarget.value)}
                      />
                      <Show when={noteError()}>
                        <FieldError id="inq-note-error" message={noteError()!} />
                      </Show>
                    </div>
                    <div class="button-row">
                      <button type="submit" class="button button--primary">
                        {s('saveNote')}
                      </button>
                    </div>
                  </form>
                </section>

                <section class="staff-card" aria-labelledby="inq-reply">
                  <h2 id="inq-reply">{s('replyTitle')}</h2>
                  <Show when={!closed()} fallback={<p>{s('closedNoReply')}</p>}>
                    <form class="form" onSubmit={sendReply} novalidate aria-busy={sending()}>
                      <SelectField
                        id="inq-template"
                        label={s('template')}
                        required
                        hint={s('templateHint')}
                        prompt={s('templatePrompt')}
                        error={replyErrors().template}
                        options={(templates() ?? [])
                          .filter((t) => t.type === inq().type || t.type === 'other')
                          .map((t) => ({
                            value: t.id,
                            label: `${t.title}(${t.lang === 'en' ? s('langEn') : s('langJa')})`,
                          }))}
                        value={template()}
                        onValue={pickTemplate}
                      />
                      <SelectField
                        id="inq-reply-lang"
                        label={s('lang')}
                        required
                        prompt={s('lang')}
                        error={replyErrors().lang}
                        options={[
                          { value: 'ja', label: s('langJa') },
                          { value: 'en', label: s('langEn') },
                        ]}
                        value={replyLang()}
                        onValue={(v) => setReplyLang(v === 'en' ? 'en' : 'ja')}
                      />
                      <div
                        class="field"
                        classList={{ 'field--invalid': Boolean(replyErrors().body) }}
                      >
                        <label class="field__label" for="inq-reply-body">
                          {s('replyBody')}
                        </label>
                        <p id="inq-reply-body-hint" class="field__hint">
                          {s('replyHint')}
                        </p>
                        <textarea
                          id="inq-reply-body"
                          class="input inq-textarea"
                          maxLength={REPLY_MAX}
                          aria-describedby={
                            replyErrors().body
                              ? 'inq-reply-body-error inq-reply-body-hint'
                              : 'inq-reply-body-hint'
                          }
                          aria-invalid={replyErrors().body ? 'true' : undefined}
                          value={body()}
                          onInput={(e) => setBody(e.currentTarget.value)}
                        />
                        <Show when={replyErrors().body}>
                          <FieldError id="inq-reply-body-error" message={replyErrors().body!} />
                        </Show>
                      </div>
                      <div class="button-row">
                        <button type="submit" class="button button--primary" disabled={sending()}>
                          {s('sendReply')}
                        </button>
                      </div>
                    </form>
                  </Show>
                </section>

                <div class="inq-grid">
                  <section class="staff-card" aria-labelledby="inq-status">
                    <h2 id="inq-status">{s('statusTitle')}</h2>
                    <p>{s('currentStatus', { status: statusWord(inq().status) })}</p>
                    <Show when={!closed()}>
                      <div class="field">
                        <label class="field__label" for="inq-reason">
                          {s('reason')}
                        </label>
                        <input
                          id="inq-reason"
                          class="input"
                          maxLength={500}
                          value={reason()}
                          onInput={(e) => setReason(e.currentTarget.value)}
                        />
                      </div>
                      <div class="button-row">
                        <For each={STATUS_MOVES[inq().status]}>
                          {(to) => (
                            <button
                              type="button"
                              class="button button--secondary"
                              onClick={() => void move(to)}
                            >
                              {s('moveTo', { status: statusWord(to) })}
                            </button>
                          )}
                        </For>
                      </div>
                    </Show>
                  </section>

                  <section class="staff-card" aria-labelledby="inq-assignee">
                    <h2 id="inq-assignee">{s('assigneeTitle')}</h2>
                    <form class="form" onSubmit={assign} novalidate>
                      <SelectField
                        id="inq-assignee-select"
                        label={s('assignee')}
                        prompt={s('assigneePrompt')}
                        options={d().agents.map((a) => ({ value: a.id, label: a.name }))}
                        value={assignee() ?? d().assignee?.id ?? ''}
                        onValue={setAssignee}
                      />
                      <div class="button-row">
                        <button type="submit" class="button button--secondary">
                          {s('assign')}
                        </button>
                      </div>
                    </form>
                  </section>
                </div>

                <section class="staff-card" aria-labelledby="inq-history">
                  <h2 id="inq-history">{s('historyTitle')}</h2>
                  <Show when={d().events.length > 0} fallback={<p>{s('noHistory')}</p>}>
                    <ol class="inq-history">
                      <For each={[...d().events].reverse()}>
                        {(e) => (
                          <li>
                            <p>
                              <strong>
                                {e.kind === 'status'
                                  ? s('event.status', {
                                      from: statusWord(e.fromStatus),
                                      to: statusWord(e.toStatus),
                                    })
                                  : e.kind === 'assign'
                                    ? s('event.assign', { name: e.assigneeName ?? s('none') })
                                    : s(`event.${e.kind}`)}
                              </strong>{' '}
                              — {when(e.at)} — {e.staffName ?? ''}
                            </p>
                            <Show when={e.checks.length > 0}>
                              <p>
                                {s('checked', {
                                  checks: e.checks
                                    .map((c) => s(`check.${c}` as 'check.name'))
                                    .join('、'),
                                })}
                              </p>
                            </Show>
                            <Show when={e.body}>
                              <p class="inq-message">{e.body}</p>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ol>
                  </Show>
                </section>
              </>
            )
          }}
        </Show>
      </Show>
    </Page>
  )
}
