import { For, Show, type JSX } from 'solid-js'
import { ui } from '../lib/i18n'
import { FieldError } from './Field'

export type SelectOption = { value: string; label: string }

/**
 * One labelled <select>, built like Field: the accessible name is the label text alone, the
 * required marker, hint and error are its description, and an error sets aria-invalid. The first
 * option is the empty prompt (「…を選択してください」).
 */
export function SelectField(props: {
  id: string
  label: string
  required?: boolean
  hint?: JSX.Element
  error?: string
  /** The empty first option's text. */
  prompt: string
  options: SelectOption[]
  value: string
  onValue: (value: string) => void
  onBlur?: () => void
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
      <select
        id={props.id}
        class="input select"
        required={props.required}
        aria-labelledby={`${props.id}-label`}
        aria-describedby={describedBy()}
        aria-invalid={props.error ? 'true' : undefined}
        value={props.value}
        onChange={(event) => props.onValue(event.currentTarget.value)}
        onBlur={() => props.onBlur?.()}
      >
        <option value="">{props.prompt}</option>
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
      <Show when={props.error}>
        <FieldError id={`${props.id}-error`} message={props.error!} />
      </Show>
    </div>
  )
}
