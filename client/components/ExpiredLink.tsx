import type { JSX } from 'solid-js'
import { Notice } from './Notice'

/**
 * A mailed link that no longer works (used already, or past its time): what happened as an alert,
 * what to do about it, and the way there when there is one.
 */
export function ExpiredLink(props: { message: string; help: string; children?: JSX.Element }) {
  return (
    <>
      <Notice kind="warning" role="alert">
        {props.message}
      </Notice>
      <p>{props.help}</p>
      {props.children}
    </>
  )
}
