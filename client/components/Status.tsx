import { ui } from '../lib/i18n'
import { ErrorAlert } from './Notice'

/**
 * The line that says what a screen or a form is doing (読み込み中, 送信中…): a live region, empty
 * when there is nothing to say, so screen readers announce each change.
 */
export function StatusLine(props: { text: string | undefined | false }) {
  return (
    <p class="status" role="status">
      {props.text || ''}
    </p>
  )
}

/** 読み込み中: what a screen or a part of one shows while its data or code is on the way. */
export function Loading() {
  return <StatusLine text={ui('loading')} />
}

/**
 * A screen, or a part of one, that could not be loaded: the message as an alert (the sign as well as
 * the colour says it is an error) and a button to try again.
 */
export function LoadFailed(props: { message: string; retryLabel: string; onRetry: () => void }) {
  return (
    <>
      <ErrorAlert>{props.message}</ErrorAlert>
      <div class="button-row">
        <button type="button" class="button button--primary" onClick={() => props.onRetry()}>
          {props.retryLabel}
        </button>
      </div>
    </>
  )
}
