import { ui } from '../lib/i18n'
import { Notice } from './Notice'

/** 読み込み中: what a screen or a part of one shows while its data or code is on the way. */
export function Loading() {
  return (
    <p class="status" role="status">
      {ui('loading')}
    </p>
  )
}

/**
 * A screen, or a part of one, that could not be loaded: the message as an alert (the sign as well as
 * the colour says it is an error) and a button to try again.
 */
export function LoadFailed(props: { message: string; retryLabel: string; onRetry: () => void }) {
  return (
    <>
      <Notice kind="error" role="alert">
        {props.message}
      </Notice>
      <div class="button-row">
        <button type="button" class="button button--primary" onClick={() => props.onRetry()}>
          {props.retryLabel}
        </button>
      </div>
    </>
  )
}
