import { createSignal, For, Match, onMount, Show, Switch } from 'solid-js'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { Loading, LoadFailed } from '../../components/Status'
import { call, type ApiError } from '../../lib/api'
import { dateFormat, lang } from '../../lib/i18n'
import { setMember } from '../../lib/session'
import { placeName } from '../../../core/places'
import { s } from './strings'
import './styles.css'

const fetchSessions = () => call('$get', '/api/account/sessions')
type Session = Extract<
  Awaited<ReturnType<typeof fetchSessions>>,
  { ok: true }
>['data']['sessions'][number]

/** An ISO time in Japan's time zone, in the UI language. */
function when(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return dateFormat(lang(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(date)
}

/** /account/sessions — ログイン中の端末: each live session in words; end one, or all others. */
export default function Sessions() {
  return (
    <Page title={s('sessions')}>
      <RequireMember>{() => <SessionList />}</RequireMember>
    </Page>
  )
}

function SessionList() {
  const [list, setList] = createSignal<Session[]>()
  const [failure, setFailure] = createSignal<ApiError>()
  const [done, setDone] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  let status!: HTMLDivElement

  const load = async () => {
    setFailure(undefined)
    const result = await fetchSessions()
    if (result.ok) setList(result.data.sessions)
    else if (result.error.code === 'unauthenticated') setMember(null)
    else setFailure(result.error)
  }
  onMount(load)

  const after = async (message: string) => {
    await load()
    setDone(message)
    // The ended device's card is gone: the focus goes to the message that says so.
    setTimeout(() => status?.focus(), 0)
  }

  const endOne = async (id: string) => {
    if (busy()) return
    setBusy(true)
    const result = await call('$post', '/api/account/sessions/end', { json: { id } })
    setBusy(false)
    if (result.ok || result.status === 404) return after(s('ended'))
    if (result.error.code === 'unauthenticated') return setMember(null)
    setFailure(result.error)
  }

  const endOthers = async () => {
    if (busy()) return
    setBusy(true)
    const result = await call('$post', '/api/account/sessions/end-others')
    setBusy(false)
    if (result.ok) return after(s('endedOthers', { count: String(result.data.ended) }))
    if (result.error.code === 'unauthenticated') return setMember(null)
    setFailure(result.error)
  }

  const device = (session: Session) =>
    `${session.device ?? s('unknownDevice')}${session.app ? `(${s('app')})` : ''}`

  return (
    <Switch fallback={<Loading />}>
      <Match when={failure()}>
        {(error) => <LoadFailed message={error().message} retryLabel={s('retry')} onRetry={load} />}
      </Match>
      <Match when={list()}>
        {(sessions) => (
          <>
            <p>{s('sessionsIntro')}</p>
            <div ref={status} tabindex="-1">
              <Show when={done()}>
                <Notice kind="success" role="status">
                  {done()}
                </Notice>
              </Show>
            </div>
            <ul class="session-list">
              <For each={sessions()}>
                {(session) => (
                  <li>
                    <h2 id={`session-${session.id}`}>
                      {device(session)}
                      <Show when={session.current}>
                        <span class="session-badge">{s('thisDevice')}</span>
                      </Show>
                    </h2>
                    <dl>
                      <dt>{s('place')}</dt>
                      <dd>{placeName(session.place, lang()) ?? s('unknownPlace')}</dd>
                      <dt>{s('firstUsed')}</dt>
                      <dd>
                        <time datetime={session.createdAt}>{when(session.createdAt)}</time>
                        <Show when={session.method === 'passkey'}>
                          {' '}
                          <span class="nowrap">({s('byPasskey')})</span>
                        </Show>
                      </dd>
                      <dt>{s('lastUsed')}</dt>
                      <dd>
                        <time datetime={session.lastSeenAt}>{when(session.lastSeenAt)}</time>
                      </dd>
                    </dl>
                    <Show when={!session.current}>
                      <button
                        type="button"
                        class="button button--secondary"
                        aria-describedby={`session-${session.id}`}
                        aria-disabled={busy()}
                        onClick={() => endOne(session.id)}
                      >
                        {s('endOne')}
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <Show when={sessions().some((x) => !x.current)} fallback={<p>{s('onlyThis')}</p>}>
              <div class="button-row">
                <button
                  type="button"
                  class="button button--secondary"
                  aria-disabled={busy()}
                  onClick={endOthers}
                >
                  {s('endOthers')}
                </button>
              </div>
            </Show>
            <p>
              <a href="/account">{s('toSettings')}</a>
            </p>
          </>
        )}
      </Match>
    </Switch>
  )
}
