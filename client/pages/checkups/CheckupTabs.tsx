import { For, Show } from 'solid-js'
import type { CheckupSummary } from '../../lib/api'
import { lang, longDate } from '../../lib/i18n'
import { r } from './results-strings'

/** The checkups as tabs, newest first: arrow keys, Home and End move between them (APG tabs). */
export function CheckupTabs(props: {
  checkups: CheckupSummary[]
  selected: number
  onSelect: (index: number) => void
}) {
  const keydown = (event: KeyboardEvent, index: number) => {
    const last = props.checkups.length - 1
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined
    if (next === undefined) return
    event.preventDefault()
    props.onSelect(next)
    document.getElementById(`checkup-tab-${next}`)?.focus()
  }
  return (
    <div class="tabs no-print" role="tablist" aria-label={r('checkupTabs')}>
      <For each={props.checkups}>
        {(checkup, index) => (
          <button
            type="button"
            role="tab"
            id={`checkup-tab-${index()}`}
            class="choice tabs__tab"
            aria-selected={props.selected === index()}
            aria-controls="checkup-panel"
            tabindex={props.selected === index() ? 0 : -1}
            onClick={() => props.onSelect(index())}
            onKeyDown={(event) => keydown(event, index())}
          >
            <time datetime={checkup.examDate}>{longDate(checkup.examDate, lang())}</time>
            <Show when={index() === 0}>
              <span class="tabs__badge">{r('latest')}</span>
            </Show>
          </button>
        )}
      </For>
    </div>
  )
}
