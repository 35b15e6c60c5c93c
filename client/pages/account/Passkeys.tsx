import { createSignal, For, Match, onMount, Show, Switch } from 'solid-js'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { LoadFailed, Loading } from '../../components/Status'
import type { ApiError } from '../../lib/api'
import { dateFormat, lang } from '../../lib/i18n'
import { passkeyApi, passkeysSupported } from '../../lib/passkeys'
import { setMember } from '../../lib/session'
import { s } from './Passkeys.strings'
import './Passkeys.css'
import { AddForm, RemoveConfirm, RenameForm, type Passkey } from './PasskeyForms'

/** An epoch-ms time in Japan's time zone, in the UI language. */
function when(ms: number): string {
  return dateFormat(lang(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(ms))
}

/** /account/passkeys (パスキー): the member's passkeys; add, rename, remove (issue 12). */
export default function Passkeys() {
  return (
    <Page title={s('title')}>
      <RequireMember>{() => <PasskeyList />}</RequireMember>
    </Page>
  )
}

function PasskeyList() {
  const [list, setList] = createSignal<Passkey[]>()
  const [failure, setFailure] = createSignal<ApiError>()
  const [done, setDone] = createSignal<string>()
  const [supported, setSupported] = createSignal(true)
  const [editing, setEditing] = createSignal<string>()
  const [removing, setRemoving] = createSignal<string>()

  const refused = (error: ApiError) => {
    if (error.code === 'unauthenticated') setMember(null)
    return error.message
  }
  const load = async () => {
    setFailure(undefined)
    const result = await passkeyApi.list()
    if (result.ok) setList(result.data.passkeys)
    else {
      refused(result.error)
      setFailure(result.error)
    }
  }
  onMount(() => {
    void load()
    void passkeysSupported().then(setSupported)
  })

  return (
    <Switch fallback={<Loading />}>
      <Match when={failure()}>
        {(error) => <LoadFailed message={error().message} retryLabel={s('retry')} onRetry={load} />}
      </Match>
      <Match when={list()}>
        {(keys) => (
          <>
            <p>{s('intro')}</p>
            <Show when={done()}>
              {(message) => (
                <Notice kind="success" role="status">
                  {message()}
                </Notice>
              )}
            </Show>
            <h2 class="passkeys__heading">{s('listHeading')}</h2>
            <p class="muted">{s('stepUpNote')}</p>
            <Show when={keys().length > 0} fallback={<Notice kind="info">{s('empty')}</Notice>}>
              <ul class="passkeys__list">
                <For each={keys()}>
                  {(key) => (
                    <li class="passkeys__item">
                      <p class="passkeys__name">{key.name}</p>
                      <dl class="passkeys__dates">
                        <div>
                          <dt>{s('added')}</dt>
                          <dd>{when(key.createdAt)}</dd>
                        </div>
                        <div>
                          <dt>{s('lastUsed')}</dt>
                          <dd>{key.lastUsedAt ? when(key.lastUsedAt) : s('never')}</dd>
                        </div>
                        <div>
                          <dt>{s('usedFor')}</dt>
                          <dd>{key.forStepUp ? s('forLoginAndResults') : s('forLogin')}</dd>
                        </div>
                      </dl>
                      <Switch
                        fallback={
                          <div class="button-row">
                            <button
                              type="button"
                              class="button button--secondary"
                              aria-label={s('renameLabel', { name: key.name })}
                              onClick={() => {
                                setDone(undefined)
                                setRemoving(undefined)
                                setEditing(key.id)
                              }}
                            >
                              {s('rename')}
                            </button>
                            <button
                              type="button"
                              class="button button--secondary"
                              aria-label={s('removeLabel', { name: key.name })}
                              onClick={() => {
                                setDone(undefined)
                                setEditing(undefined)
                                setRemoving(key.id)
                              }}
                            >
                              {s('remove')}
                            </button>
                          </div>
                        }
                      >
                        <Match when={editing() === key.id}>
                          <RenameForm
                            passkey={key}
                            refused={refused}
                            onCancel={() => setEditing(undefined)}
                            onDone={async (name) => {
                              setEditing(undefined)
                              await load()
                              setDone(s('renamed', { name }))
                            }}
                          />
                        </Match>
                        <Match when={removing() === key.id}>
                          <RemoveConfirm
                            passkey={key}
                            refused={refused}
                            onCancel={() => setRemoving(undefined)}
                            onDone={async () => {
                              setRemoving(undefined)
                              await load()
                              setDone(s('removed', { name: key.name }))
                            }}
                          />
                        </Match>
                      </Switch>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={supported()} fallback={<Notice kind="info">{s('unsupported')}</Notice>}>
              <AddForm
                refused={refused}
                onDone={async (name) => {
                  await load()
                  setDone(s('added_done', { name }))
                }}
              />
            </Show>
            <p class="note">{s('note')}</p>
          </>
        )}
      </Match>
    </Switch>
  )
}
