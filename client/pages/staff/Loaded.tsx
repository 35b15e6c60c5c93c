import { Show, type Accessor, type JSX, type Resource } from 'solid-js'
import { LoadFailed, Loading } from '../../components/Status'
import { s } from './strings'

/**
 * A console list as it loads: "loading", a failure with 再読み込み, the `empty` words when the list has
 * nothing (when given), else the list. One place for what every console screen's list does.
 */
export function Loaded<T>(props: {
  data: Resource<T[] | undefined>
  onRetry: () => void
  empty?: string
  children: (list: Accessor<T[]>) => JSX.Element
}) {
  return (
    <Show
      when={!props.data.error}
      fallback={
        <LoadFailed message={s('loadFailed')} retryLabel={s('retry')} onRetry={props.onRetry} />
      }
    >
      <Show when={props.data()} fallback={<Loading />}>
        {(list) => (
          <Show
            when={props.empty === undefined || list().length > 0}
            fallback={<p>{props.empty}</p>}
          >
            {props.children(list)}
          </Show>
        )}
      </Show>
    </Show>
  )
}
