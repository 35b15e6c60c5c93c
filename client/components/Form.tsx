import type { JSX } from 'solid-js'
import { ErrorSummary } from './ErrorSummary'
import type { FormErrors } from '../lib/form'

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
