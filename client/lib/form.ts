/**
 * The state of a form. Its values (`createFormState`) live outside the screen, so a screen drawn
 * again keeps what was typed. Its errors (`createFormErrors`): a message per field (shown beside it
 * and listed in the ErrorSummary) and one message for the whole form (e.g. a refused log-in); after
 * a failed submit the summary takes the focus, so keyboard and screen-reader users land on what
 * went wrong.
 */
import { useLocation } from '@solidjs/router'
import { createSignal, onCleanup, type Accessor, type Setter } from 'solid-js'
import { draftOf, forgetDraft } from './drafts'
import type { ApiError } from './api'
import { textMsg, type Msg } from './messages'

export type FieldSpec = { id: string; label: () => string }
export type SummaryEntry = { id: string; label: string; message: string }

export function createFormErrors<F extends string>(spec: Record<F, FieldSpec>) {
  const [fields, setFields] = createSignal<Partial<Record<F, Msg>>>({})
  const [top, setTop] = createSignal<Msg | undefined>()
  // Field errors found while typing show beside the fields only; the summary lists them once a
  // submit has failed (an alert on every blur would be noise).
  const [listed, setListed] = createSignal(false)
  let summary: HTMLElement | undefined
  const names = Object.keys(spec) as F[]
  const hasErrors = (): boolean => top() !== undefined || names.some((name) => fields()[name])
  const recheck = (name: F, check: () => Msg | undefined): void => {
    if (fields()[name]) setFields((previous) => ({ ...previous, [name]: check() }))
  }
  /** After a failed submit: lists the field errors and moves the focus to the summary. */
  const focusSummary = (): void => {
    setListed(true)
    setTimeout(() => summary?.focus(), 0)
  }

  return {
    /** The message beside a field, if any. */
    field: (name: F): string | undefined => fields()[name]?.(),
    /** A field's id, label and message, for its input: `<Field {...errors.props('email')} … />`. */
    props: (name: F) => ({
      id: spec[name].id,
      get label(): string {
        return spec[name].label()
      },
      get error(): string | undefined {
        return fields()[name]?.()
      },
    }),
    set(name: F, message: Msg | undefined): void {
      setFields((previous) => ({ ...previous, [name]: message }))
    },
    /** While a field shows a message, each change checks it again (the message goes once it is right). */
    recheck,
    /** An input's onInput: keeps what was typed (`set`), then `recheck`s the field. */
    typed(name: F, set: (value: string) => void, check: () => Msg | undefined) {
      return (event: { currentTarget: { value: string } }): void => {
        set(event.currentTarget.value)
        recheck(name, check)
      }
    },
    replace(all: Partial<Record<F, Msg | undefined>>): void {
      setFields(() => ({ ...all }))
    },
    /** The form-level message, if any. */
    top: (): string | undefined => top()?.(),
    setTop(message: Msg | undefined): void {
      setTop(() => message)
    },
    clear(): void {
      setFields(() => ({}))
      setTop(undefined)
      setListed(false)
    },
    hasErrors,
    /**
     * A submit's own check: shows what the form's rules found (the form-level message goes) and, when
     * anything is wrong, lists it in the summary and moves the focus there. True when the form may go.
     */
    validate(found: Partial<Record<F, Msg | undefined>>): boolean {
      setFields(() => ({ ...found }))
      setTop(undefined)
      if (!hasErrors()) return true
      focusSummary()
      return false
    },
    /** The field errors in the form's order, for the ErrorSummary. */
    entries: (): SummaryEntry[] =>
      !listed()
        ? []
        : names.flatMap((name) => {
            const message = fields()[name]
            return message
              ? [{ id: spec[name].id, label: spec[name].label(), message: message() }]
              : []
          }),
    /**
     * Takes an error answer: its message at the top, and its `fields` beside the matching inputs
     * (`rename` maps a body field to a form field where the names differ).
     */
    fromServer(error: ApiError, rename: Partial<Record<string, F>> = {}): void {
      const next: Partial<Record<F, Msg>> = {}
      for (const [key, message] of Object.entries(error.fields ?? {})) {
        const name = rename[key] ?? (key as F)
        if (names.includes(name)) next[name] = textMsg(message)
      }
      setFields(() => next)
      setTop(() => textMsg(error.message))
    },
    summaryRef(element: HTMLElement): void {
      summary = element
    },
    focusSummary,
  }
}

export type FormErrors<F extends string> = ReturnType<typeof createFormErrors<F>>

export type FormState<T extends Record<string, string>> = {
  /** One field's value and its setter, as `createSignal` gives them. */
  field<K extends keyof T>(name: K): [Accessor<T[K]>, Setter<T[K]>]
  /** Every field's value (reactive), e.g. for a confirmation screen. */
  values(): T
  /** Empties the form, e.g. once it has been sent: a later visit starts afresh. */
  forget(): void
}

/**
 * The values of one form (`key` names it), kept outside the screen that draws it. A screen can be
 * drawn again while the member types: a Suspense, Show or Match boundary above it that falls back
 * and returns (the session asked for again, a lazy chunk or a resource arriving), an error
 * boundary's retry. The inputs of the new drawing read the same values, so what was typed or
 * autofilled a moment before is still there (issue 9, finding 8). The values go when the member
 * leaves the screen's address (checked just after the form is taken down, so a redraw keeps
 * them), and with `forget()`.
 */
export function createFormState<T extends Record<string, string>>(
  key: string,
  initial: T,
): FormState<T> {
  const draft = draftOf(key, initial)
  const path = useLocation().pathname
  onCleanup(() => {
    setTimeout(() => {
      if (window.location.pathname !== path) forgetDraft(key)
    }, 0)
  })
  return {
    field: (name) => draft.signals[name],
    values: () => {
      const values = {} as T
      for (const name of Object.keys(initial) as (keyof T)[])
        values[name] = draft.signals[name][0]()
      return values
    },
    forget: () => forgetDraft(key),
  }
}

let pointerIsDown = false
if (typeof document !== 'undefined') {
  const release = () => {
    pointerIsDown = false
  }
  document.addEventListener('pointerdown', () => (pointerIsDown = true), true)
  document.addEventListener('pointerup', release, true)
  document.addEventListener('pointercancel', release, true)
}

/**
 * Runs a blur check once the current click or tap is over. A message inserted on blur pushes the
 * submit button down between mousedown and click, so the member's first click would miss it.
 */
export function afterPointer(check: () => void): void {
  if (!pointerIsDown) {
    setTimeout(check, 0)
    return
  }
  const run = () => {
    document.removeEventListener('pointerup', run, true)
    document.removeEventListener('pointercancel', run, true)
    setTimeout(check, 0)
  }
  document.addEventListener('pointerup', run, true)
  document.addEventListener('pointercancel', run, true)
}
