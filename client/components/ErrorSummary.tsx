import { For, Show } from 'solid-js'
import type { SummaryEntry } from '../lib/form'
import { ui } from '../lib/i18n'
import './ErrorSummary.css'

/** Moves the focus to a field (or the captcha group) named by an ErrorSummary link. */
function focusTarget(event: MouseEvent, id: string): void {
  const target = document.getElementById(id)
  if (!target) return
  event.preventDefault()
  target.focus()
  target.scrollIntoView({ block: 'center' })
}

/** What the summary reads of a form's errors (lib/form.ts, createFormErrors). */
type SummarySource = {
  top(): string | undefined
  entries(): SummaryEntry[]
  summaryRef(element: HTMLElement): void
}

/**
 * What went wrong with the last submit (`of`: the form's errors): the form's message and a link to
 * every field in error. role="alert" announces it; the form moves the focus here (tabindex -1)
 * after a failed submit.
 */
export function ErrorSummary(props: { of: SummarySource }) {
  const message = () => props.of.top()
  const errors = () => props.of.entries()
  const hasFields = () => errors().length > 0
  return (
    <Show when={message() || hasFields()}>
      <div
        class="error-summary"
        role="alert"
        tabindex="-1"
        ref={(element) => props.of.summaryRef(element)}
      >
        <Show
          when={hasFields()}
          fallback={
            <p class="error-summary__title">
              <span class="error-summary__icon" aria-hidden="true">
                ⚠
              </span>
              {message()}
            </p>
          }
        >
          <h2 class="error-summary__title">
            <span class="error-summary__icon" aria-hidden="true">
              ⚠
            </span>
            {ui('errorSummaryTitle')}
          </h2>
          <Show when={message()}>
            <p>{message()}</p>
          </Show>
          <ul class="error-summary__list">
            <For each={errors()}>
              {(entry) => (
                <li>
                  <a href={`#${entry.id}`} on:click={(event) => focusTarget(event, entry.id)}>
                    {entry.label}
                    {ui('labelSeparator')}
                    {entry.message}
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </Show>
  )
}
