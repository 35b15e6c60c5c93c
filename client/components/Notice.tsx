import type { JSX } from 'solid-js'

const SIGNS = { success: '✓', warning: '⚠', error: '⚠', info: '' } as const

/**
 * A message in a box: one line of text led by a sign (✓, ⚠, or the one given), so that the sign as well
 * as the colour tells a success from a warning or an error. `role` makes it announced: alert for what
 * went wrong, status for what just happened.
 */
export function Notice(props: {
  kind: keyof typeof SIGNS
  children: JSX.Element
  role?: 'alert' | 'status'
  sign?: string
  class?: string
  /** For a field that the notice explains (aria-describedby). */
  id?: string
  ref?: HTMLDivElement | ((el: HTMLDivElement) => void)
  focusable?: boolean
}) {
  const sign = () => props.sign ?? SIGNS[props.kind]
  return (
    <div
      class={`notice notice--${props.kind}${props.class ? ` ${props.class}` : ''}`}
      role={props.role}
      id={props.id}
      tabindex={props.focusable ? '-1' : undefined}
      ref={props.ref}
    >
      <p>
        {sign() && <span aria-hidden="true">{sign()} </span>}
        {props.children}
      </p>
    </div>
  )
}

/** What went wrong, announced at once (role="alert"): a refused link, an answer that failed. */
export function ErrorAlert(props: { children: JSX.Element }) {
  return (
    <Notice kind="error" role="alert">
      {props.children}
    </Notice>
  )
}
