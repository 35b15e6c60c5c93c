import { createResource, For, Show, type Accessor, type JSX, type Resource } from 'solid-js'
import { Notice } from '../../../components/Notice'
import { LoadFailed, Loading } from '../../../components/Status'
import { lang } from '../../../lib/i18n'
import { staffApi, type ApiResult } from '../api'
import { s } from './strings'

/** An instant of the API (ISO) as the console shows it, in Japan's time; a dash for none. */
export const whenIso = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })
    : '—'

/** A number with the language's grouping (12,345). */
export const count = (n: number) => n.toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP')

/** A failed answer kept for the screen: its status says a refusal (403, 404) from a failure. */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

/** An answer's data, or a LoadError for a createResource to hold. */
export function dataOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new LoadError(result.error.message, result.status)
  return result.data
}

/** Another insurer's screen (403), or one that does not exist (404): said in words, with the way back. */
export function Refused() {
  return (
    <>
      <Notice kind="warning" role="alert">
        <strong>{s('refusedTitle')}</strong> {s('refused')}
      </Notice>
      <p>
        <a href="/staff/data">{s('toData')}</a>
      </p>
    </>
  )
}

/**
 * What one of the insurer's screens loaded: "loading", a refusal in words (another insurer's, or none),
 * a failure with 再読み込み, else the content.
 */
export function Loaded<T>(props: {
  data: Resource<T | undefined>
  onRetry: () => void
  children: (value: Accessor<T>) => JSX.Element
}) {
  const refused = () => {
    const e = props.data.error as unknown
    return e instanceof LoadError && (e.status === 403 || e.status === 404)
  }
  return (
    <Show
      when={!props.data.error}
      fallback={
        <Show
          when={refused()}
          fallback={
            <LoadFailed message={s('loadFailed')} retryLabel={s('retry')} onRetry={props.onRetry} />
          }
        >
          <Refused />
        </Show>
      }
    >
      <Show when={props.data()} fallback={<Loading />}>
        {(value) => props.children(value)}
      </Show>
    </Show>
  )
}

/** The insurers this staff member sees (one for insurer staff, all for a platform admin). */
export function insurerList() {
  const [list] = createResource(
    async () => dataOf(await staffApi('$get', '/api/ops/insurers')).insurers,
  )
  return list
}

/** The screen's insurer in words under its title, when this staff member sees it. */
export function InsurerLine(props: { number: string }) {
  const list = insurerList()
  return (
    <For each={(list() ?? []).filter((i) => i.number === props.number)}>
      {(i) => <p class="data-insurer">{s('insurerOf', { name: i.name, number: i.number })}</p>}
    </For>
  )
}
