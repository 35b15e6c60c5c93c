/**
 * The forms' values as typed, kept outside the screens that draw them (see createFormState in
 * form.ts). A module of its own, with nothing but Solid's signals, so that the session (in every
 * screen's first load) can empty them when the member changes without pulling in the forms' code.
 */
import { createSignal, type Signal } from 'solid-js'

type Draft<T extends Record<string, string>> = {
  signals: { [K in keyof T]: Signal<T[K]> }
  initial: T
}

/** Every form's values as typed, by form: module state, never storage (they may be personal data). */
const drafts = new Map<string, Draft<Record<string, string>>>()

/** One form's draft, made at its first use (the same signals for every drawing of the form). */
export function draftOf<T extends Record<string, string>>(key: string, initial: T): Draft<T> {
  let draft = drafts.get(key) as Draft<T> | undefined
  if (!draft) {
    const signals = {} as Draft<T>['signals']
    for (const name of Object.keys(initial) as (keyof T)[])
      signals[name] = createSignal(initial[name])
    draft = { signals, initial }
    drafts.set(key, draft as unknown as Draft<Record<string, string>>)
  }
  return draft
}

/** Puts every field of a form back to its first value (the signals stay, so a drawn input follows). */
export function forgetDraft(key: string): void {
  const draft = drafts.get(key)
  if (!draft) return
  for (const name of Object.keys(draft.initial)) draft.signals[name]![1](draft.initial[name]!)
}

/**
 * Empties every form: called when the member changes (a log-in, a log-out, a session's end), so no
 * value typed for one member (a secret answer, a viewing code) is offered to the next in this tab.
 */
export function forgetAllDrafts(): void {
  for (const key of drafts.keys()) forgetDraft(key)
}
