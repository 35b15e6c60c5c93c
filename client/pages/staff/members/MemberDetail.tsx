import { useScreenId } from '../StaffConsole'
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js'
import { EmailField, FieldError, Form, SubmitButton } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading, StatusLine } from '../../../components/Status'
import { createFormErrors } from '../../../lib/form'
import { lang, ui } from '../../../lib/i18n'
import type { Msg } from '../../../lib/messages'
import { staffApi, type ApiResult, type StaffAnswer } from '../api'
import { can } from '../session'
import { s } from './strings'
import './members.css'

const ACTIONS = [
  'reissue-code',
  'unlock-address',
  'unlock-health',
  'reset-mail',
  'end-sessions',
  'login-id-notice',
  'unlink',
] as const
type Action = (typeof ACTIONS)[number]
type Done = { done: string; sentTo?: string; ended?: number }

/** The id in the URL that opens the address lookup alone (/staff/members/search). */
const SEARCH = 'search'

const when = (iso: string) =>
  new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })

/** Each action's own route (typed paths for staffApi). */
function send(action: Action, id: string, reason: string): Promise<ApiResult<Done>> {
  const input = { param: { id }, json: { reason } }
  switch (action) {
    case 'reissue-code':
      return staffApi('$post', '/api/ops/members/:id/actions/reissue-code', input)
    case 'unlock-address':
      return staffApi('$post', '/api/ops/members/:id/actions/unlock-address', input)
    case 'unlock-health':
      return staffApi('$post', '/api/ops/members/:id/actions/unlock-health', input)
    case 'reset-mail':
      return staffApi('$post', '/api/ops/members/:id/actions/reset-mail', input)
    case 'end-sessions':
      return staffApi('$post', '/api/ops/members/:id/actions/end-sessions', input)
    case 'login-id-notice':
      return staffApi('$post', '/api/ops/members/:id/actions/login-id-notice', input)
    case 'unlink':
      return staffApi('$post', '/api/ops/members/:id/actions/unlink', input)
  }
}

/**
 * 会員情報 (/staff/members/:id, or /staff/members/search for the lookup alone): find a member by
 * address; their registration, link and locks; support's actions, each with a reason and a confirm.
 */
export default function MemberDetail() {
  const screenId = useScreenId()
  const params = {
    get id() {
      return screenId()
    },
  }
  return (
    <Page title={s('title')}>
      <Show when={can('member.act')} fallback={<Notice kind="error">{s('forbidden')}</Notice>}>
        <Lookup />
        <Show when={params.id && params.id !== SEARCH}>
          <Detail id={params.id} />
        </Show>
      </Show>
    </Page>
  )
}

function Lookup() {
  const [email, setEmail] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [found, setFound] = createSignal<{ id: string; maskedEmail: string }[] | null>(null)
  const errors = createFormErrors<'email'>({
    email: { id: 'member-lookup-email', label: () => s('email') },
  })
  const emailError = (): Msg | undefined =>
    email().trim() === '' ? () => s('emailRequired') : undefined
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy() || !errors.validate({ email: emailError() })) return
    setBusy(true)
    const result = await staffApi('$post', '/api/ops/members/lookup', {
      json: { email: email().trim() },
    })
    setBusy(false)
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      setFound(null)
      return
    }
    setFound(result.data.members)
  }
  return (
    <section class="staff-card" aria-labelledby="member-lookup-title">
      <h2 id="member-lookup-title">{s('lookupTitle')}</h2>
      <p>{s('lookupLead')}</p>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <EmailField
          {...errors.props('email')}
          required
          value={email()}
          onInput={errors.typed('email', setEmail, emailError)}
        />
        <div class="button-row">
          <SubmitButton>{s('find')}</SubmitButton>
        </div>
      </Form>
      <div role="status">
        <Show when={found()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{s('notFound')}</p>}>
              <p>{s('found', { count: list().length })}</p>
              <ul class="member-found">
                <For each={list()}>
                  {(m) => (
                    <li>
                      <a
                        href={`/staff/members/${encodeURIComponent(m.id)}`}
                        aria-label={s('open', { email: m.maskedEmail })}
                      >
                        {m.maskedEmail}
                      </a>{' '}
                      <span class="member-id">({m.id})</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </div>
    </section>
  )
}

type Member = StaffAnswer<'/api/ops/members/:id', '$get'>['member']

function Detail(props: { id: string }) {
  const [member, { refetch }] = createResource(
    () => props.id,
    async (id) => {
      const result = await staffApi('$get', '/api/ops/members/:id', { param: { id } })
      if (!result.ok) {
        if (result.status === 404) return null
        throw new Error(result.error.message)
      }
      return result.data.member
    },
  )
  const [announce, setAnnounce] = createSignal<{ kind: 'success' | 'error'; text: string }>()
  return (
    <Switch fallback={<Loading />}>
      <Match when={member.error}>
        <LoadFailed message={s('loadFailed')} retryLabel={s('retry')} onRetry={refetch} />
      </Match>
      <Match when={member() === null}>
        <Notice kind="error" role="alert">
          {s('notFoundMember')}
        </Notice>
      </Match>
      <Match when={member()}>
        {(m) => (
          <>
            <Facts member={m()} />
            <section class="staff-card" aria-labelledby="member-actions-title">
              <h2 id="member-actions-title">{s('actionsTitle')}</h2>
              <p>{s('actionsLead')}</p>
              <div role="status" aria-live="polite">
                <Show when={announce()}>{(a) => <Notice kind={a().kind}>{a().text}</Notice>}</Show>
              </div>
              <ul class="member-actions">
                <For each={ACTIONS}>
                  {(action) => (
                    <li>
                      <ActionPanel
                        action={action}
                        id={m().id}
                        onDone={(text, ok) => {
                          setAnnounce({ kind: ok ? 'success' : 'error', text })
                          if (ok) void refetch()
                        }}
                      />
                    </li>
                  )}
                </For>
              </ul>
              <p>
                <a href={`/staff/audit?member=${encodeURIComponent(m().id)}`}>{s('auditLink')}</a>
              </p>
            </section>
          </>
        )}
      </Match>
    </Switch>
  )
}

function Facts(props: { member: Member }) {
  const m = () => props.member
  const lock = (locked: boolean, until?: string | null) =>
    locked ? (until ? s('lockedUntil', { until: when(until) }) : s('locked')) : s('unlocked')
  return (
    <>
      <section class="staff-card" aria-labelledby="member-detail-title">
        <h2 id="member-detail-title">{s('detailTitle')}</h2>
        <dl class="staff-dl">
          <dt>{s('memberId')}</dt>
          <dd class="member-id">{m().id}</dd>
          <dt>{s('maskedEmail')}</dt>
          <dd>{m().maskedEmail}</dd>
          <dt>{s('created')}</dt>
          <dd>
            <time datetime={m().createdAt}>{when(m().createdAt)}</time>
          </dd>
          <dt>{s('link')}</dt>
          <dd>
            <Show when={m().link} fallback={s('notLinked')}>
              {(l) => `${l().insurerName ?? ''}(${l().insurerNumber ?? ''})`}
            </Show>
          </dd>
          <Show when={m().link}>
            {(l) => (
              <>
                <dt>{s('personKey')}</dt>
                <dd>{l().personKey}</dd>
                <dt>{s('nameKana')}</dt>
                <dd>{l().nameKana ?? '—'}</dd>
                <dt>{s('birthDate')}</dt>
                <dd>{l().birthDate ?? '—'}</dd>
              </>
            )}
          </Show>
        </dl>
        <p class="field__hint">{s('identityNote')}</p>
      </section>
      <section class="staff-card" aria-labelledby="member-locks-title">
        <h2 id="member-locks-title">{s('locksTitle')}</h2>
        <dl class="staff-dl">
          <dt>{s('addressLock')}</dt>
          <dd>{lock(m().locks.address.locked, m().locks.address.until)}</dd>
          <dt>{s('healthLock')}</dt>
          <dd>{lock(m().locks.health.locked)}</dd>
          <dt>{s('viewingCode')}</dt>
          <dd>{s(`code_${m().locks.viewingCode}`)}</dd>
          <dt>{s('sessions')}</dt>
          <dd>{s('sessionsCount', { count: m().liveSessions })}</dd>
        </dl>
      </section>
    </>
  )
}

/**
 * One action: a button that opens its reason field and the confirm (the focus moves to the field);
 * the confirm sends it, the result is announced above the list and the panel closes.
 */
function ActionPanel(props: {
  action: Action
  id: string
  onDone: (text: string, ok: boolean) => void
}) {
  const [open, setOpen] = createSignal(false)
  const [reason, setReason] = createSignal('')
  const [error, setError] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  let field: HTMLTextAreaElement | undefined
  let opener: HTMLButtonElement | undefined
  const base = `member-${props.action}`
  const check = () =>
    reason().trim() === ''
      ? s('reasonRequired')
      : reason().trim().length > 500
        ? s('reasonTooLong')
        : undefined
  const close = () => {
    setOpen(false)
    setReason('')
    setError(undefined)
    setTimeout(() => opener?.focus(), 0)
  }
  const confirm = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    const problem = check()
    setError(problem)
    if (problem) {
      field?.focus()
      return
    }
    setBusy(true)
    const result = await send(props.action, props.id, reason().trim())
    setBusy(false)
    if (!result.ok) {
      const fieldMessage = result.error.fields?.reason
      if (fieldMessage) {
        setError(fieldMessage)
        field?.focus()
        return
      }
      const state = (result.error as { detail?: { state?: string } }).detail?.state
      const text =
        result.error.code === 'wrong_state' && state
          ? s(`state.${state}` as 'state.not_linked')
          : result.error.code === 'too_many_attempts'
            ? s('tooSoon')
            : result.error.code === 'not_linked'
              ? s('notLinkedUnlink')
              : result.error.message
      props.onDone(text, false)
      close()
      return
    }
    props.onDone(s(`done.${props.action}`, { email: result.data.sentTo ?? '' }), true)
    close()
  }
  return (
    <>
      <button
        type="button"
        class="button"
        ref={opener}
        aria-expanded={open()}
        aria-controls={`${base}-panel`}
        onClick={() => {
          setOpen(!open())
          if (open()) setTimeout(() => field?.focus(), 0)
        }}
      >
        {s(`action.${props.action}`)}
      </button>
      <Show when={open()}>
        <form
          id={`${base}-panel`}
          class="member-action-panel"
          novalidate
          aria-labelledby={`${base}-heading`}
          aria-busy={busy()}
          onSubmit={confirm}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close()
          }}
        >
          <h3 id={`${base}-heading`}>{s(`action.${props.action}`)}</h3>
          <p id={`${base}-explain`}>{s(`explain.${props.action}`)}</p>
          <div class="field" classList={{ 'field--invalid': Boolean(error()) }}>
            <label class="field__label" for={`${base}-reason`}>
              <span id={`${base}-reason-label`}>{s('reason')}</span>{' '}
              <span class="field__marker field__marker--required">{ui('required')}</span>
            </label>
            <p id={`${base}-reason-hint`} class="field__hint">
              {s('reasonHint')}
            </p>
            <textarea
              ref={field}
              id={`${base}-reason`}
              class="input member-reason"
              rows={3}
              maxlength={500}
              required
              aria-labelledby={`${base}-reason-label`}
              aria-describedby={`${error() ? `${base}-reason-error ` : ''}${base}-reason-hint ${base}-explain`}
              aria-invalid={error() ? 'true' : undefined}
              value={reason()}
              onInput={(event) => {
                setReason(event.currentTarget.value)
                if (error()) setError(check())
              }}
            />
            <Show when={error()}>
              <FieldError id={`${base}-reason-error`} message={error()!} />
            </Show>
          </div>
          <div class="button-row">
            <button type="submit" class="button button--primary">
              {s('confirm')}
            </button>
            <button type="button" class="button" onClick={close}>
              {s('cancel')}
            </button>
          </div>
          <StatusLine text={busy() && s('sending')} />
        </form>
      </Show>
    </>
  )
}
