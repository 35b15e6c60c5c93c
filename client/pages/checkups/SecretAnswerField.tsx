import { Field, type FieldProps } from '../../components/Field'
import { ANSWER_MAX } from './answer'
import { s } from './strings'

/**
 * 秘密の質問の答え, as typed when it is set (STEP2) and when it is asked for (each later session):
 * case-sensitive and never corrected, so no capitals, autocomplete or spelling help; at most as long
 * as the worker takes.
 */
export function SecretAnswerField(
  props: Pick<FieldProps, 'hint' | 'aria-describedby'> & {
    id: string
    error: string | undefined
    value: string
    onValue: (value: string) => void
    onBlur: () => void
  },
) {
  return (
    <Field
      id={props.id}
      label={s('answer')}
      required
      hint={props.hint}
      error={props.error}
      aria-describedby={props['aria-describedby']}
      type="text"
      autocomplete="off"
      autocapitalize="off"
      spellcheck={false}
      maxlength={ANSWER_MAX}
      value={props.value}
      onInput={(event) => props.onValue(event.currentTarget.value)}
      onBlur={() => props.onBlur()}
    />
  )
}
