import { createSignal, type JSX } from 'solid-js'
import { ui } from '../lib/i18n'
import { Field } from './Field'

/**
 * A password input with the manual's 「入力した文字列を表示する」 checkbox. `guidance` (the
 * checklist and strength meter of PasswordGuidance) goes under it for a new password; the log-in
 * form leaves it out, so it never downloads the password rules.
 */
export function PasswordField(props: {
  id: string
  label: string
  value: string
  onValue: (value: string) => void
  onBlur?: () => void
  autocomplete: 'new-password' | 'current-password'
  required?: boolean
  hint?: JSX.Element
  error?: string
  guidance?: JSX.Element
  /** The id of text elsewhere on the screen that explains the field (aria-describedby). */
  describedBy?: string
}) {
  const [visible, setVisible] = createSignal(false)
  return (
    <Field
      id={props.id}
      label={props.label}
      required={props.required}
      hint={props.hint}
      error={props.error}
      aria-describedby={props.describedBy}
      type={visible() ? 'text' : 'password'}
      autocomplete={props.autocomplete}
      autocapitalize="off"
      spellcheck={false}
      maxlength={256}
      value={props.value}
      onInput={(event) => props.onValue(event.currentTarget.value)}
      onBlur={() => props.onBlur?.()}
      after={
        <>
          <div class="checkbox">
            <input
              id={`${props.id}-show`}
              type="checkbox"
              checked={visible()}
              onChange={(event) => setVisible(event.currentTarget.checked)}
            />
            <label for={`${props.id}-show`}>{ui('showPassword')}</label>
          </div>
          {props.guidance}
        </>
      }
    />
  )
}
