import { createSignal, Match, onMount, Show, Switch } from 'solid-js'
import { ButtonLink, Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { Loading, LoadFailed } from '../../components/Status'
import { call, type ApiError } from '../../lib/api'
import { setMember } from '../../lib/session'
import { s } from './Invite.strings'
import './Invite.css'

/**
 * /account/invite — 招待コード (journey 1): the member's own code, large, with a copy button whose
 * result is spoken (aria-live), how many signed up with it, and that it is not the 健診閲覧コード.
 * It records who invited whom and has no other effect.
 */
export default function Invite() {
  return (
    <Page title={s('title')}>
      <RequireMember>{() => <InviteCode />}</RequireMember>
    </Page>
  )
}

function InviteCode() {
  const [data, setData] = createSignal<{ code: string; joined: number }>()
  const [failure, setFailure] = createSignal<ApiError>()
  const [copied, setCopied] = createSignal<'done' | 'failed'>()
  let codeText!: HTMLParagraphElement

  const load = async () => {
    setFailure(undefined)
    const result = await call('$get', '/api/invite')
    if (result.ok) setData(result.data)
    else if (result.error.code === 'unauthenticated') setMember(null)
    else setFailure(result.error)
  }
  onMount(load)

  const copy = async (code: string) => {
    // The live region is emptied first, so copying twice is announced twice.
    setCopied(undefined)
    try {
      await navigator.clipboard.writeText(code)
      setCopied('done')
    } catch {
      // No clipboard (an old browser, a denied permission): the code is selected for the member to copy.
      const range = document.createRange()
      range.selectNodeContents(codeText)
      const selection = getSelection()
      selection?.removeAllRanges()
      selection?.addRange(range)
      setCopied('failed')
    }
  }

  return (
    <Switch fallback={<Loading />}>
      <Match when={failure()}>
        {(error) => <LoadFailed message={error().message} retryLabel={s('retry')} onRetry={load} />}
      </Match>
      <Match when={data()}>
        {(invite) => (
          <>
            <p>{s('intro')}</p>
            <section class="invite" aria-labelledby="invite-code-label">
              <h2 id="invite-code-label" class="invite__label">
                {s('yourCode')}
              </h2>
              <p class="invite__code" ref={codeText} translate="no">
                {invite().code}
              </p>
              <button
                type="button"
                class="button button--primary"
                onClick={() => void copy(invite().code)}
              >
                {s('copy')}
              </button>
              <p class="invite__status" role="status" aria-live="polite">
                <Show when={copied()}>
                  {(result) => (result() === 'done' ? s('copied') : s('copyFailed'))}
                </Show>
              </p>
            </section>
            <p class="invite__joined">{s('joined', { count: String(invite().joined) })}</p>
            <p class="note">{s('notViewingCode')}</p>
            <p class="note">{s('noEffect')}</p>
            <div class="button-row">
              <ButtonLink href="/account" kind="secondary">
                {s('toHome')}
              </ButtonLink>
            </div>
          </>
        )}
      </Match>
    </Switch>
  )
}
