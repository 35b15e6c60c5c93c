import { Show, splitProps, type JSX } from 'solid-js'
import type { FormErrors } from '../lib/form'
import { ui } from '../lib/i18n'
import { ErrorSummary } from './ErrorSummary'

export type FieldProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> & {
  id: string
  label: string
  /** Shown in words (【必須】/【任意】), and as `required` to assistive technology. */
  required?: boolean
  hint?: JSX.Element
  /** The message beside the field; sets aria-invalid. */
  error?: string
  /** Extra content under the input (e.g. the password checklist), inside the field's group. */
  after?: JSX.Element
  /** Ids of further descriptions (e.g. a note in `after`), read after the field's own. */
  'aria-describedby'?: string
}

/**
 * One labelled input. The accessible name is the label text alone (the required marker is part
 * of the description), so "メールアドレス" finds the field whatever the marker says. Hint and error
 * are tied to the input with aria-describedby; an error carries an icon and words, never colour alone.
 */
export function Field(props: FieldProps) {
  const [local, input] = splitProps(props, [
    'id',
    'label',
    'required',
    'hint',
    'error',
    'after',
    'class',
    'aria-describedby',
  ])
  const describedBy = () =>
    [
      local.error ? `${local.id}-error` : '',
      local.hint ? `${local.id}-hint` : '',
      `${local.id}-marker`,
      local['aria-describedby'] ?? '',
    ]
      .filter(Boolean)
      .join(' ')
  return (
    <div class="field" classList={{ 'field--invalid': Boolean(local.error) }}>
      <label class="field__label" for={local.id}>
        <span id={`${local.id}-label`}>{local.label}</span>{' '}
        <span
          id={`${local.id}-marker`}
          class="field__marker"
          classList={{ 'field__marker--required': Boolean(local.required) }}
        >
          {local.required ? ui('required') : ui('optional')}
        </span>
      </label>
      <Show when={local.hint}>
        <p id={`${local.id}-hint`} class="field__hint">
          {local.hint}
        </p>
      </Show>
      <input
        class={`input${local.class ? ` ${local.class}` : ''}`}
        {...input}
        id={local.id}
        required={local.required}
        aria-labelledby={`${local.id}-label`}
        aria-describedby={describedBy()}
        aria-invalid={local.error ? 'true' : undefined}
      />
      <Show when={local.error}>
        <FieldError id={`${local.id}-error`} message={local.error!} />
      </Show>
      {local.after}
    </div>
  )
}

/** An error message with an icon and the word "エラー" for screen readers. */
export function FieldError(props: { id: string; message: string }) {
  return (
    <p id={props.id} class="field__error">
      <span class="field__error-icon" aria-hidden="true">
        ⚠
      </span>
      <span class="visually-hidden">{ui('errorIcon')}</span>
      {props.message}
    </p>
  )
}

/**
 * An e-mail address: a text input with the e-mail keyboard, no capitals, no spell check, and at most 320
 * characters. Not `type="email"`: the browser would trim the value and answer a full-width ＠ or space
 * with its own bubble, where our messages say what to fix in the member's language.
 */
export function EmailField(props: FieldProps) {
  return (
    <Field
      type="text"
      inputmode="email"
      autocomplete="email"
      autocapitalize="off"
      spellcheck={false}
      maxlength={320}
      {...props}
    />
  )
}

/** A form's send button (the primary action of its screen); `describedBy`: a note about it. */
export function SubmitButton(props: {
  children: JSX.Element
  class?: string
  describedBy?: string
}) {
  return (
    <button
      type="submit"
      class={`button button--primary${props.class ? ` ${props.class}` : ''}`}
      aria-describedby={props.describedBy}
    >
      {props.children}
    </button>
  )
}

/**
 * A member form: its error summary first (what went wrong with the last submit, focused after a
 * failed one), then the form itself, checked by the app (novalidate) and busy while it is sent.
 */
export function Form<F extends string>(props: {
  errors: FormErrors<F>
  onSubmit: (event: SubmitEvent) => void
  busy?: boolean
  children: JSX.Element
}) {
  return (
    <>
      <ErrorSummary of={props.errors} />
      <form
        class="form"
        novalidate
        onSubmit={(event) => props.onSubmit(event)}
        aria-busy={props.busy}
      >
        {props.children}
      </form>
    </>
  )
}
