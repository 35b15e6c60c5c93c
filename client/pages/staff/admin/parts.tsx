import { Show, type JSX } from 'solid-js'
import { FieldError } from '../../../components/Field'
import { lang, ui } from '../../../lib/i18n'

/** A date and time as the console shows it, or a dash. */
export const when = (ms: number | null | undefined) =>
  ms === null || ms === undefined
    ? '—'
    : new Date(ms).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })

/** Lines of a textarea as a list: trimmed, empty ones dropped. */
export const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)

/** A labelled <textarea>, built like Field: label, 【必須】/【任意】, hint and error tied to it. */
export function TextAreaField(props: {
  id: string
  label: string
  required?: boolean
  hint?: JSX.Element
  error?: string
  value: string
  onValue: (value: string) => void
  rows?: number
  maxLength?: number
}) {
  const describedBy = () =>
    [
      props.error ? `${props.id}-error` : '',
      props.hint ? `${props.id}-hint` : '',
      `${props.id}-marker`,
    ]
      .filter(Boolean)
      .join(' ')
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(props.error) }}>
      <label class="field__label" for={props.id}>
        <span id={`${props.id}-label`}>{props.label}</span>{' '}
        <span
          id={`${props.id}-marker`}
          class="field__marker"
          classList={{ 'field__marker--required': Boolean(props.required) }}
        >
          {props.required ? ui('required') : ui('optional')}
        </span>
      </label>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="field__hint">
          {props.hint}
        </p>
      </Show>
      <textarea
        id={props.id}
        class="input admin-textarea"
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        aria-labelledby={`${props.id}-label`}
        aria-describedby={describedBy()}
        aria-invalid={props.error ? 'true' : undefined}
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
      <Show when={props.error}>
        <FieldError id={`${props.id}-error`} message={props.error!} />
      </Show>
    </div>
  )
}

/** A checkbox with its label beside it. */
export function CheckboxField(props: {
  id: string
  label: string
  checked: boolean
  onChecked: (checked: boolean) => void
}) {
  return (
    <div class="checkbox admin-checkbox">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChecked(event.currentTarget.checked)}
      />
      <label for={props.id}>{props.label}</label>
    </div>
  )
}
